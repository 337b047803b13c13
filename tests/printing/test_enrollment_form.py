"""The pre-filled enrollment form, read back from the PDF: values in their boxes, the QR,
handwriting marks for missing data, long values, reprints, quote notes, embedded fonts."""

from __future__ import annotations

import io
import uuid
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from printing import labels, qr
from printing.enrollment_form import render_enrollment_form
from printing.form_data import FormData
from printing.layout import MARGIN_X, PAGE_W, Rect
from sync.protocol import payload_hash
from tests.printing.conftest import rasterise_pdf, read_qr_codes, render_form
from tests.printing.pdftext import Chunk, normalise, read_chunks, text_in
from tests.printing.samples import form_data, full_payload

CHOICE_KEYS = {
    "sex",
    "already_pu",
    "package",
    "payment_period_months",
    "funding_source",
    "no_mobile",
}
QR_KEYS = {"qr", "stub.qr"}

EXPECTED = {
    "nik": "3375011505909901",
    "full_name": "SITI NURHALIZA RAHMAWATI",
    "birth_place": "Pekalongan",
    "birth_date": "15/05/1990",
    "mother_maiden_name": "KASMINAH",
    "mobile": "0812-0000-0001",
    "email": "siti.nurhaliza@example.id",
    "kk_number": "3375010101159901",
    "address_line": "Jl. Sultan Agung Gg. 3 No. 17, dekat Pasar Banjarsari",
    "rt": "003",
    "rw": "007",
    "village": "Medono",
    "district": "Pekalongan Barat",
    "regency": "Kota Pekalongan",
    "province": "Jawa Tengah",
    "occupation_1": "Pedagang pasar – Los batik, Pasar Banjarsari",
    "occupation_2": "Perajin / pengusaha batik rumahan",
    "work_location": "Pasar Banjarsari, Kota Pekalongan",
    "working_hours": "05.00–13.00",
    "declared_income": "Rp2.800.000",
    "first_contribution_month": "Feb 2026",
    "basis": "Rp2.950.000",
    "monthly_first": "Rp95.300",
    "total": "Rp499.200",
    "quote.total": "Rp499.200",
    "quote.groups[0].amount": "Rp190.600",
    "quote.groups[1].monthly": "Rp77.150",
    "jht_funding_source": "Mandiri (bayar sendiri)",
    "heirs[0].name": "AHMAD FAUZI",
    "heirs[0].relationship": "Suami/istri",
    "heirs[0].mobile": "0812-0000-0002",
    "heirs[1].nik": "3375014101159903",
    "registration_date": "10/02/2026",
    "registration_place": "Pasar Banjarsari",
    "paper_form_number": "F1-0042",
    "branch_name": "Pekalongan",
    "sign.participant.name": "SITI NURHALIZA RAHMAWATI",
    "sign.agent.name": "Rina Wulandari",
    "sign.place_date": "Pasar Banjarsari, 10 Februari 2026",
    "record_id": "01936b2a-7c4e-7d1f-9a3b-5c6d7e8f9a0b",
    "stub.record_id": "01936b2a-7c4e-7d1f-9a3b-5c6d7e8f9a0b",
    "stub.nik": "337501******9901",
    "stub.total": "Rp499.200",
    "stub.full_name": "SITI NURHALIZA RAHMAWATI",
}


def _all_text(chunks: list[Chunk]) -> str:
    return normalise(" ".join(c.text for c in chunks))


def _assert_values_in_boxes(pdf: bytes, form_map: object) -> list[Chunk]:
    chunks = read_chunks(pdf)
    fields = form_map.fields  # type: ignore[attr-defined]
    for key, placed in fields.items():
        if placed.text is None or key in QR_KEYS:
            continue
        inside = text_in(chunks, placed.rect, page=placed.page)
        if key in CHOICE_KEYS:
            assert "✓" in inside, f"{key}: no tick in the box of {placed.text}"
        else:
            assert normalise(placed.text) in inside, f"{key}: {placed.text!r} not in {inside!r}"
    return chunks


def _assert_nothing_overflows(chunks: list[Chunk], form_map: object) -> None:
    """No text leaves the page's content width, and text that starts in a box ends in it."""
    for chunk in chunks:
        if not chunk.upright or not chunk.text.strip():
            continue
        assert chunk.x >= MARGIN_X - 10 and chunk.right <= PAGE_W - MARGIN_X + 10, chunk
    for key, placed in form_map.fields.items():  # type: ignore[attr-defined]
        for chunk in chunks:
            starts_inside = placed.rect.contains(chunk.x + 0.5, chunk.y + 0.5, tolerance=0)
            if chunk.page == placed.page and chunk.upright and starts_inside:
                assert chunk.inside(placed.rect), f"{key}: {chunk.text!r} leaves its box"


def test_every_value_is_on_the_page_in_its_box() -> None:
    pdf, form_map = render_form(form_data())
    assert form_map.pages == 2
    chunks = _assert_values_in_boxes(pdf, form_map)
    for key, value in EXPECTED.items():
        assert key in form_map.fields, key
        placed = form_map.fields[key]
        assert normalise(value) in text_in(chunks, placed.rect, page=placed.page), key
    for key, code in {"sex": "P", "package": "JKK_JKM_JHT", "funding_source": "MANDIRI"}.items():
        assert form_map.fields[key].text == code
    _assert_nothing_overflows(chunks, form_map)
    assert "None" not in _all_text(chunks)


def test_page_furniture_title_sections_stub_and_footer() -> None:
    pdf, _ = render_form(form_data())
    chunks = read_chunks(pdf)
    first = _all_text([c for c in chunks if c.page == 0])
    last = _all_text([c for c in chunks if c.page == 1])
    assert "FORMULIR PENDAFTARAN PESERTA BUKAN PENERIMA UPAH (BPU)" in first
    for title in (labels.SEC_IDENTITY, labels.SEC_ADDRESS, labels.SEC_PROGRAM, labels.SEC_HEIRS):
        assert title in first
    for title in (labels.SEC_CONSENT, labels.SEC_SIGNATURES, labels.STUB_TITLE):
        assert title in last
    assert "✂" in last and labels.CUT_LINE in last
    assert "versi 1" in last and labels.SIGN_BOX in last and labels.THUMB_BOX in last
    assert "Halaman 1/2" in first and "Halaman 2/2" in last
    assert "Dicetak 10/02/2026 oleh Rina Wulandari" in first
    assert labels.REPRINT_WATERMARK not in first + last


def test_qr_decodes_to_the_record_payload_on_form_and_stub() -> None:
    data = form_data()
    pdf, _ = render_form(data)
    expected = "JKU1|01936b2a-7c4e-7d1f-9a3b-5c6d7e8f9a0b|3|9f86d081884c7d65"
    assert data.qr_text == expected
    assert read_qr_codes(rasterise_pdf(pdf, page=1)) == [expected]
    assert read_qr_codes(rasterise_pdf(pdf, page=2)) == [expected]


def test_scanned_paper_verifies_against_the_record_and_detects_a_change() -> None:
    record_id = uuid.uuid4()
    payload = full_payload()
    digest = payload_hash(entity_type="prospect", payload=payload, schema_version=1, deleted=False)
    pdf, _ = render_form(form_data(payload, record_id=record_id, revision=5, content_hash=digest))
    scanned = read_qr_codes(rasterise_pdf(pdf, page=1))[0]

    synced: dict[uuid.UUID, tuple[int, str]] = {record_id: (5, digest)}
    assert qr.verify(scanned, lookup=synced.get).status == "match"

    changed = full_payload(mother_maiden_name="KASMINAH BINTI SLAMET")
    synced[record_id] = (
        6,
        payload_hash(entity_type="prospect", payload=changed, schema_version=1, deleted=False),
    )
    result = qr.verify(scanned, lookup=synced.get)
    assert (result.status, result.reason, result.current_revision) == ("mismatch", "outdated", 6)
    assert qr.verify(scanned, lookup=lambda _id: None).status == "unknown"


def _minimal_payload() -> dict[str, object]:
    return {"nik": "3375011505909901", "full_name": "BUDI", "area_code": "33.75.01"}


def test_missing_fields_print_empty_boxes_marked_for_handwriting() -> None:
    data = form_data(_minimal_payload(), with_quote=False)
    pdf, form_map = render_form(data)
    chunks = _assert_values_in_boxes(pdf, form_map)
    text = _all_text(chunks)
    assert "None" not in text and "null" not in text
    for key in (
        "birth_place",
        "mother_maiden_name",
        "address_line",
        "village",
        "occupation_1",
        "declared_income",
        "registration_date",
        "basis",
        "total",
    ):
        placed = form_map.fields[key]
        assert placed.text is None
        assert labels.HINT_HANDWRITE in text_in(chunks, placed.rect, page=placed.page), key
    for key in ("email", "occupation_2", "kk_number"):
        placed = form_map.fields[key]
        assert labels.HINT_IF_ANY in text_in(chunks, placed.rect, page=placed.page), key
    for key in ("sex", "package", "funding_source"):
        placed = form_map.fields[key]
        assert labels.HINT_PICK_ONE in text_in(chunks, placed.rect, page=placed.page), key
        assert "✓" not in text_in(chunks, placed.rect, page=placed.page)
    assert read_qr_codes(rasterise_pdf(pdf, page=1)) == [data.qr_text]


def test_very_long_values_wrap_or_shrink_inside_their_boxes() -> None:
    long_name = ("SITI NURHALIZA RAHMAWATI BINTI ABDUL " * 4)[:100].strip()
    payload = full_payload(
        full_name=long_name,
        address_line=("Jl. Raya Pantura Gang Kenanga Blok C " * 8)[:200].strip(),
        mother_maiden_name="SRI " * 25,
        occupation_1="LAIN_LAINNYA",
        occupation_1_detail=("pembuat jaring ikan dan perahu kayu " * 6)[:200].strip(),
        work_location=("Tempat pelelangan ikan Kota Pekalongan " * 6)[:200].strip(),
        funding_source="DONATUR_CSR",
        funding_ref=("Program GN Lingkaran Kabupaten Pekalongan " * 5)[:200].strip(),
        heirs=[{"order": 1, "name": long_name, "relationship": "DITUNJUK_WASIAT"}],
        registration_place=("Balai Kelurahan Panjang Wetan " * 7)[:200].strip(),
    )
    pdf, form_map = render_form(form_data(payload))
    chunks = _assert_values_in_boxes(pdf, form_map)
    _assert_nothing_overflows(chunks, form_map)
    name = form_map.fields["full_name"]
    sizes = {c.size for c in chunks if c.page == name.page and c.inside(name.rect) and c.size > 7}
    assert sizes and max(sizes) < 10.0  # shrunk
    assert form_map.pages == 2


def test_an_unbroken_string_is_split_not_spilled() -> None:
    blob = "X" * 200
    pdf, form_map = render_form(form_data(full_payload(address_line=blob)))
    chunks = read_chunks(pdf)
    placed = form_map.fields["address_line"]
    inside = text_in(chunks, placed.rect, page=placed.page)
    assert blob in inside.replace(" ", "")
    _assert_nothing_overflows(chunks, form_map)


def test_reprints_are_marked_on_every_page() -> None:
    pdf, _ = render_form(form_data(printed_count=2))
    chunks = read_chunks(pdf)
    for page in (0, 1):
        on_page = _all_text([c for c in chunks if c.page == page])
        assert "CETAK ULANG ke-2" in on_page
    assert any(not c.upright and labels.REPRINT_WATERMARK in c.text for c in chunks)


def _quote_payload(**changes: object) -> dict[str, object]:
    base = {
        "declared_income": 1_000_000,
        "package": "JKK_JKM",
        "first_contribution_month": "2026-02",
        "payment_period_months": 1,
        "funding_source": "MANDIRI",
        "occupation_1": "PDG_PASAR",
        "occupation_2": None,
        "jht_funding_source": None,
    }
    base.update(changes)
    return full_payload(**base)


def test_confirmed_quote_has_no_estimate_mark_and_no_discount_note() -> None:
    pdf, form_map = render_form(form_data(_quote_payload()))  # DOMAIN C1: Rp16.800
    text = _all_text(read_chunks(pdf))
    assert labels.ESTIMATE not in text
    assert "PP 50/2025" not in text
    assert form_map.fields["quote.total"].text == "Rp16.800"
    assert form_map.fields["quote.groups[0].jht"].text == "–"


def test_uncertain_quote_is_printed_as_an_estimate() -> None:
    pdf, _ = render_form(form_data(_quote_payload(declared_income=2_800_000)))
    assert labels.ESTIMATE in _all_text(read_chunks(pdf))


def test_pp50_discount_months_are_marked_and_explained() -> None:
    pdf, form_map = render_form(
        form_data(_quote_payload(first_contribution_month="2026-01", payment_period_months=6))
    )  # C8
    text = _all_text(read_chunks(pdf))
    assert form_map.fields["quote.total"].text == "Rp75.600"
    assert form_map.fields["quote.groups[0].months"].text == "Jan – Mar 2026"
    assert form_map.fields["quote.groups[1].months"].text == "Apr – Jun 2026 *"
    assert "PP 50/2025 (dibayar 50%)" in text


def test_budget_funded_worker_gets_no_discount() -> None:
    payload = _quote_payload(
        first_contribution_month="2026-06",
        funding_source="APBD_KABKOTA",
        funding_ref="Perda Kota Pekalongan 10/2023",
    )  # C7
    pdf, form_map = render_form(form_data(payload))
    assert form_map.fields["quote.total"].text == "Rp16.800"
    assert "PP 50/2025" not in _all_text(read_chunks(pdf))


def test_fonts_are_embedded_dejavu() -> None:
    pdf, _ = render_form(form_data())
    reader = PdfReader(io.BytesIO(pdf))
    used = {c.font for c in read_chunks(pdf)}
    assert used == {"DejaVuSans", "DejaVuSans-Bold"}
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for ref in resources["/Font"].values():
            font = ref.get_object()
            if str(font["/BaseFont"]).endswith(("DejaVuSans", "DejaVuSans-Bold")):
                assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_render_to_path_and_stream(tmp_path: Path) -> None:
    data = form_data()
    target = tmp_path / "out" / "form.pdf"
    render_enrollment_form(data, target)
    stream = io.BytesIO()
    render_enrollment_form(data, stream)
    assert target.read_bytes() == stream.getvalue()  # invariant output: same bytes
    assert len(PdfReader(target).pages) == 2
    assert [p.name for p in target.parent.iterdir()] == ["form.pdf"]


@pytest.mark.parametrize("heirs", [0, 10])
def test_heir_count_from_none_to_the_maximum(heirs: int) -> None:
    people = [
        {"order": i + 1, "name": f"AHLI WARIS {i + 1}", "relationship": "ANAK"}
        for i in range(heirs)
    ]
    pdf, form_map = render_form(form_data(full_payload(heirs=people)))
    chunks = _assert_values_in_boxes(pdf, form_map)
    _assert_nothing_overflows(chunks, form_map)
    assert form_map.pages == 2
    if heirs:
        assert form_map.fields["heirs[9].name"].text == "AHLI WARIS 10"


def test_frozen_form_data_cannot_be_altered() -> None:
    data: FormData = form_data()
    with pytest.raises(AttributeError):
        data.full_name = "X"  # type: ignore[misc]
    assert isinstance(data.record_id, uuid.UUID)
    assert Rect(0, 0, 1, 1).contains(0.5, 0.5)
