"""FormData: from a prospect payload to what the paper shows."""

from __future__ import annotations

import dataclasses
from datetime import date

from sync.protocol import ProspectPayload
from tests.printing.samples import CONTENT_HASH, form_data, full_payload, quote_for


def test_regions_occupations_and_formats_are_resolved() -> None:
    data = form_data()
    assert (data.village, data.district, data.regency, data.province) == (
        "Medono",
        "Pekalongan Barat",
        "Kota Pekalongan",
        "Jawa Tengah",
    )
    assert data.occupation_1 is not None
    assert data.occupation_1.text == "Pedagang pasar – Los batik, Pasar Banjarsari"
    assert (
        data.occupation_2 is not None
        and data.occupation_2.text == "Perajin / pengusaha batik rumahan"
    )
    assert data.mobile == "0812-0000-0001"
    assert data.birth_date == date(1990, 5, 15)
    assert data.content_hash == CONTENT_HASH.removeprefix("sha256:")[:16]
    assert data.qr_text == f"JKU1|{data.record_id}|3|{data.content_hash}"
    assert [h.name for h in data.heirs] == ["AHMAD FAUZI", "NAILA PUTRI"]


def test_the_sample_payload_is_a_valid_wire_payload() -> None:
    """Guards the tests' own sample against drifting away from the protocol."""
    ProspectPayload.model_validate(full_payload())


def test_blank_strings_are_missing_and_unknown_codes_print_as_codes() -> None:
    payload = full_payload(
        mother_maiden_name="   ",
        email="",
        village_code=None,
        village_name_free="Dukuh Krajan",
        district_code="33.75.99",
        occupation_1="NOT_A_CODE",
        occupation_1_detail=None,
    )
    data = form_data(payload)
    assert data.mother_maiden_name is None and data.email is None
    assert data.village == "Dukuh Krajan"
    assert data.district == "33.75.99"
    assert data.occupation_1 is not None and data.occupation_1.text == "NOT_A_CODE"
    assert "None" not in repr([v for v in dataclasses.asdict(data).values() if isinstance(v, str)])


def test_stored_snapshot_is_printed_without_a_fresh_quote() -> None:
    payload = full_payload()
    payload["quote"] = quote_for(payload).to_snapshot().model_dump(mode="json")
    data = form_data(payload, with_quote=False)
    assert data.quote is not None
    assert data.quote.total == 499_200 and data.quote.discounted and data.quote.uncertain
    assert [line.month for line in data.quote.lines][:2] == ["2026-02", "2026-03"]


def test_no_quote_anywhere_leaves_the_table_for_handwriting() -> None:
    data = form_data(full_payload(), with_quote=False)
    assert data.quote is None


def test_printed_count_is_never_negative() -> None:
    assert form_data(printed_count=-3).printed_count == 0
    assert form_data(printed_count=2).is_reprint


def test_a_restricted_record_is_never_printed() -> None:
    import pytest

    from core.errors import JangkauError

    with pytest.raises(JangkauError) as caught:
        form_data(full_payload(restricted=True))
    assert caught.value.code == "print-restricted"
