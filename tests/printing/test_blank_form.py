"""The blank form for handwriting."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from printing import labels
from printing.blank_form import render_blank_form
from printing.form_data import FormData
from tests.printing.conftest import rasterise_pdf, read_qr_codes, render_form
from tests.printing.pdftext import normalise, read_chunks, text_in


def _blank() -> tuple[bytes, object]:
    return render_form(FormData.blank_form(branch_name="Pekalongan", notice_version="1"))


def test_blank_form_has_every_box_and_choice_empty() -> None:
    pdf, form_map = _blank()
    chunks = read_chunks(pdf)
    text = normalise(" ".join(c.text for c in chunks))
    assert form_map.pages == 2  # type: ignore[attr-defined]
    assert "None" not in text and "✓" not in text
    assert labels.FORM_TITLE_LINES[0] in text and labels.FORM_SUBTITLE_BLANK in text
    for label in (*labels.FUNDING.values(), *labels.PACKAGE.values(), *labels.SEX.values()):
        assert label in text, label
    assert labels.HINT_HANDWRITE not in text  # a blank form is all handwriting: no tint, no nag
    assert labels.HINT_IF_ANY in text
    assert labels.OFFICE_FORM_NO in text and labels.STUB_PAPER_NO in text
    assert "versi 1" in text and labels.CUT_LINE in text
    fields = form_map.fields  # type: ignore[attr-defined]
    assert all(f.text is None for k, f in fields.items() if k != "branch_name")
    heir_rows = [c for c in chunks if c.page == 0 and c.text in {"1", "2", "3", "4"}]
    assert len(heir_rows) >= 4
    placed = fields["branch_name"]
    assert "Pekalongan" in text_in(chunks, placed.rect, page=placed.page)


def test_blank_form_has_no_qr_and_no_record_id() -> None:
    pdf, form_map = _blank()
    assert read_qr_codes(rasterise_pdf(pdf, page=1, dpi=100)) == []
    assert "qr" not in form_map.fields and "stub.qr" not in form_map.fields  # type: ignore[attr-defined]


def test_render_blank_form_to_path(tmp_path: Path) -> None:
    target = tmp_path / "blank.pdf"
    render_blank_form(target, branch_name=None, notice_version=None)
    reader = PdfReader(target)
    assert len(reader.pages) == 2
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "versi ________" in text and "Kantor Cabang ________" in text
    stream = io.BytesIO()
    render_blank_form(stream, branch_name=None, notice_version=None)
    assert stream.getvalue() == target.read_bytes()
