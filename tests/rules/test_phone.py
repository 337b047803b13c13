"""Mobile numbers (§7.3): the table's vectors and normalisation properties."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.rules.phone import e164_agrees_with_phonenumbers, format_mobile, normalise_mobile

VECTORS = [
    ("081200000001", "+6281200000001", None),
    ("0812-0000-0001", "+6281200000001", None),
    ("+62 812 0000 0001", "+6281200000001", None),
    ("6281200000001", "+6281200000001", None),
    ("0812000001", "+62812000001", None),
    ("0812000000001", "+62812000000001", None),
    ("081200001", None, "E_PHONE_LENGTH"),
    ("08120000000001", None, "E_PHONE_LENGTH"),
    ("0285000001", None, "E_PHONE_NOT_MOBILE"),
    ("81200000001", None, "E_PHONE_FORMAT"),
    ("+62 0812 0000 0001", None, "E_PHONE_FORMAT"),
    ("0812000O0001", None, "E_PHONE_FORMAT"),
    # more edges
    ("(0812) 0000.0001", "+6281200000001", None),
    ("", None, "E_PHONE_FORMAT"),
    ("0", None, "E_PHONE_FORMAT"),
    ("+1 812 0000 0001", None, "E_PHONE_FORMAT"),
    ("+62", None, "E_PHONE_FORMAT"),
]


@pytest.mark.parametrize(("raw", "e164", "code"), VECTORS)
def test_vectors(raw: str, e164: str | None, code: str | None) -> None:
    result = normalise_mobile(raw)
    assert result.e164 == e164
    assert [i.code for i in result.issues] == ([code] if code else [])
    assert all(i.field == "mobile" for i in result.issues)


def test_length_param_counts_08_form() -> None:
    assert normalise_mobile("081200001").issues[0].params == {"n": 9}
    assert normalise_mobile("+62 8120 0000 00001").issues[0].params == {"n": 14}


def test_field_can_be_renamed_for_heirs() -> None:
    assert normalise_mobile("0285000001", field="heirs.0.mobile").issues[0].field == (
        "heirs.0.mobile"
    )


def test_format_mobile() -> None:
    assert format_mobile("+6281200000001") == "0812-0000-0001"
    assert format_mobile("+62812000001").startswith("0812-")
    assert format_mobile("+62812000001").replace("-", "") == "0812000001"


rests = st.integers(min_value=9, max_value=12).flatmap(
    lambda n: st.text(alphabet="0123456789", min_size=n - 1, max_size=n - 1).map(lambda s: "8" + s)
)


@settings(max_examples=300, deadline=None)
@given(rest=rests)
def test_four_forms_agree_and_idempotent(rest: str) -> None:
    forms = ["0" + rest, "62" + rest, "+62" + rest, "+62 " + rest[:3] + "-" + rest[3:]]
    results = {normalise_mobile(form).e164 for form in forms}
    assert results == {"+62" + rest}
    e164 = "+62" + rest
    assert normalise_mobile(e164).e164 == e164  # idempotent
    assert normalise_mobile(format_mobile(e164)).e164 == e164  # display form reads back
    assert e164_agrees_with_phonenumbers(e164)
    parsed = phonenumbers.parse("0" + rest, "ID")
    assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == e164


@settings(max_examples=300, deadline=None)
@given(raw=st.text(alphabet="+0123456789 -.()O", max_size=20))
def test_any_input_gives_e164_or_one_issue(raw: str) -> None:
    result = normalise_mobile(raw)
    if result.e164 is None:
        assert len(result.issues) == 1
    else:
        assert result.issues == []
        assert result.e164.startswith("+628") and 12 <= len(result.e164) <= 15
        assert normalise_mobile(result.e164) == result
