"""Text fitting and atomic PDF writing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from printing.layout import FONT, fit_text, pdf_target, register_fonts, text_width, wrap


@pytest.fixture(autouse=True)
def _fonts() -> None:
    register_fonts()


def test_short_text_keeps_its_size() -> None:
    fitted = fit_text("SITI", width=100, height=12)
    assert fitted.lines == ("SITI",) and fitted.size == 10.0 and not fitted.truncated


def test_long_text_shrinks_before_it_wraps() -> None:
    text = "SITI NURHALIZA RAHMAWATI BINTI ABDULLAH"
    full = text_width(text, FONT, 10)
    fitted = fit_text(text, width=full * 0.85, height=12)
    assert len(fitted.lines) == 1 and fitted.size < 10
    assert text_width(fitted.lines[0], FONT, fitted.size) <= full * 0.85


def test_very_long_text_wraps_within_the_box() -> None:
    text = "Jl. " + " ".join(["Sultan Agung Gang Mawar"] * 8)
    fitted = fit_text(text, width=300, height=24)
    assert len(fitted.lines) > 1 and not fitted.truncated
    assert fitted.height <= 24.01
    assert all(text_width(line, FONT, fitted.size) <= 300 for line in fitted.lines)
    assert " ".join(fitted.lines) == text


def test_a_word_wider_than_the_box_is_broken_between_characters() -> None:
    word = "X" * 120
    lines = wrap(word, width=80, font=FONT, size=8)
    assert "".join(lines) == word
    assert all(text_width(line, FONT, 8) <= 80 for line in lines)


def test_impossible_text_is_cut_with_an_ellipsis_never_overflowing() -> None:
    fitted = fit_text("kata " * 400, width=50, height=10)
    assert fitted.truncated and fitted.lines[-1].endswith("…")
    assert all(text_width(line, FONT, fitted.size) <= 50 for line in fitted.lines)
    assert fitted.height <= 10.01


def test_path_target_is_written_atomically(tmp_path: Path) -> None:
    target = tmp_path / "form.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), pdf_target(target) as name:
        Path(name).write_bytes(b"half")  # type: ignore[arg-type]
        raise RuntimeError("drawing failed")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["form.pdf"]
    with pdf_target(target) as name:
        Path(name).write_bytes(b"new")  # type: ignore[arg-type]
    assert target.read_bytes() == b"new"


def test_stream_target_is_handed_through() -> None:
    stream = io.BytesIO()
    with pdf_target(stream) as handle:
        assert handle is stream
