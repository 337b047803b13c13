"""The benefits and contribution information sheet."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from printing import labels
from printing.info_sheet import draw_info_sheet, render_info_sheet, template
from printing.layout import new_canvas
from tests.printing.pdftext import normalise, read_chunks, text_in
from tests.printing.samples import full_payload, quote_for


def _sheet(**kwargs: object) -> tuple[bytes, dict[str, object]]:
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, title="test")
    result = draw_info_sheet(canvas, **kwargs)  # type: ignore[arg-type]
    canvas.save()
    return buffer.getvalue(), result


def _text(pdf: bytes) -> str:
    return normalise(" ".join(c.text for c in read_chunks(pdf)))


def test_general_sheet_has_every_template_part_and_rule_amounts() -> None:
    pdf, result = _sheet(on=date(2026, 2, 10))
    assert result["pages"] == 1
    text = _text(pdf)
    for section in template()["section"]:
        assert section["title"] in text
        for item in section["item"]:
            assert normalise(item["text"])[:60] in text
    for key in ("payment", "lapse"):
        assert template()[key]["title"] in text
    assert labels.INFO_VERSION.format(version=template()["version"]) in text
    fields = result["fields"]
    chunks = read_chunks(pdf)
    row = {k: fields[f"examples[0].{k}"] for k in ("income", "basis", "jkk_jkm", "with_jht")}  # type: ignore[index]
    # DOMAIN.md C1: basis Rp1.000.000 → 10.000 + 6.800; with JHT 2 % → + 20.000.
    assert [r.text for r in row.values()] == ["Rp1.000.000", "Rp1.000.000", "Rp16.800", "Rp36.800"]
    for placed in row.values():
        assert placed.text in text_in(chunks, placed.rect, page=0)
    assert "Rp2.000.000 †" == fields["examples[1].income"].text  # type: ignore[index]
    assert labels.INFO_UNCERTAIN_NOTE in text
    assert "PP 50/2025 (dibayar 50%)" in text
    assert "Jan 2026 – Mar 2027" in text and "Apr 2026 – Des 2026" in text
    assert "APBN" in text and "None" not in text


def test_discount_lines_disappear_once_the_discount_is_over() -> None:
    pdf, _ = _sheet(on=date(2028, 1, 5))
    assert "PP 50/2025" not in _text(pdf)


def test_personalised_sheet_shows_the_prospects_quote_on_one_page() -> None:
    payload = full_payload()
    pdf, result = _sheet(
        quote=quote_for(payload), name="SITI NURHALIZA RAHMAWATI", on=date(2026, 2, 10)
    )
    assert result["pages"] == 1
    text = _text(pdf)
    fields = result["fields"]
    chunks = read_chunks(pdf)
    for key, value in {
        "name": "SITI NURHALIZA RAHMAWATI",
        "quote.total": "Rp499.200",
        "quote.total_box": "Rp499.200",
        "quote.basis": "Rp2.950.000",
        "quote.package": "JKK + JKM + JHT",
    }.items():
        placed = fields[key]  # type: ignore[index]
        assert placed.text == value and value in text_in(chunks, placed.rect, page=placed.page)
    assert labels.INFO_YOUR_CONTRIBUTION in text and labels.ESTIMATE in text


def test_render_info_sheet_to_path(tmp_path: Path) -> None:
    target = tmp_path / "info.pdf"
    render_info_sheet(target, name="BUDI", on=date(2026, 5, 1))
    reader = PdfReader(target)
    assert len(reader.pages) == 1
    assert "BUDI" in reader.pages[0].extract_text()


def test_a_stored_snapshot_personalises_the_sheet_too() -> None:
    snapshot = quote_for(full_payload()).to_snapshot().model_dump(mode="json")
    pdf, result = _sheet(quote=snapshot, name="SITI", on=date(2026, 2, 10))
    fields = result["fields"]
    assert fields["quote.package"].text == "JKK + JKM + JHT"  # type: ignore[index]
    assert fields["quote.total"].text == "Rp499.200"  # type: ignore[index]
    assert labels.HINT_HANDWRITE not in _text(pdf)
