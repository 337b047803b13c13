"""Batch printing: one PDF, progress, cancel without leftovers, reprint marks per record."""

from __future__ import annotations

import io
import threading
import uuid
from pathlib import Path

import pytest
from pypdf import PdfReader

from printing.batch import render_batch
from tests.printing.conftest import rasterise_pdf, read_qr_codes
from tests.printing.pdftext import read_chunks
from tests.printing.samples import form_data, full_payload


def _items(count: int) -> list:
    return [
        form_data(
            full_payload(full_name=f"PESERTA {i + 1}"),
            record_id=uuid.UUID(int=i + 1),
            revision=i + 1,
            printed_count=i % 3,
        )
        for i in range(count)
    ]


def test_batch_is_one_pdf_with_progress_and_per_record_reprint_marks(tmp_path: Path) -> None:
    items = _items(5)
    calls: list[tuple[int, int]] = []
    target = tmp_path / "pasar.pdf"
    result = render_batch(items, target, progress=lambda d, t: calls.append((d, t)))
    assert (result.count, result.cancelled, result.pages) == (5, False, 10)
    assert calls == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    pdf = target.read_bytes()
    assert len(PdfReader(target).pages) == 10
    chunks = read_chunks(pdf)
    for i, item in enumerate(items):
        first_page = 2 * i
        on_page = " ".join(c.text for c in chunks if c.page == first_page)
        assert f"PESERTA {i + 1}" in on_page
        mark = f"CETAK ULANG ke-{item.printed_count}"
        assert (mark in on_page) == (item.printed_count > 0), (i, item.printed_count)
    assert read_qr_codes(rasterise_pdf(pdf, page=5, dpi=120)) == [items[2].qr_text]


def test_cancel_stops_and_leaves_no_file(tmp_path: Path) -> None:
    cancel = threading.Event()
    target = tmp_path / "batch.pdf"
    target.write_bytes(b"yesterday's batch")

    def progress(done: int, total: int) -> None:
        if done == 2:
            cancel.set()

    result = render_batch(_items(6), target, progress=progress, cancel=cancel)
    assert result.cancelled and result.count == 2
    assert target.read_bytes() == b"yesterday's batch"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["batch.pdf"]

    fresh = tmp_path / "new.pdf"
    result = render_batch(_items(3), fresh, cancel=cancel)  # already set: nothing drawn
    assert result == type(result)(count=0, cancelled=True, pages=0)
    assert not fresh.exists()


def test_cancelled_stream_gets_nothing() -> None:
    cancel = threading.Event()
    stream = io.BytesIO()
    result = render_batch(_items(3), stream, progress=lambda *_: cancel.set(), cancel=cancel)
    assert result.cancelled and result.count == 1 and stream.getvalue() == b""


def test_empty_batch_is_a_caller_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        render_batch([], tmp_path / "x.pdf")
