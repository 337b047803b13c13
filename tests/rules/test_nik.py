"""NIK (§7.1) and KK (§7.2): every vector of DOMAIN.md, formatting, and a round-trip property."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.rules.kk import check_kk
from models.rules.nik import check_nik, format_nik, mask_nik

TODAY = date(2026, 9, 1)

VALID = [
    # id, input, address kecamatan, sex, dob, warnings
    ("N1", "3375011505909901", "33.75.01", "L", date(1990, 5, 15), []),
    ("N2", "3326085508859902", "33.26.08", "P", date(1985, 8, 15), []),
    ("N3", "3375017112889903", "33.75.01", "P", date(1988, 12, 31), []),
    ("N4", "3375012902009904", None, "L", date(2000, 2, 29), []),
    ("N5", "3375011507309905", None, "L", date(1930, 7, 15), []),
    ("N6", "3375 0115 0590 9901", None, "L", date(1990, 5, 15), []),
    ("N15", "3375991505909901", "33.75.01", "L", date(1990, 5, 15), ["W_NIK_AREA_UNKNOWN"]),
    ("N16", "9975011505909901", None, "L", date(1990, 5, 15), ["W_NIK_AREA_UNKNOWN"]),
    ("N17", "3374011505909901", "33.75.01", "L", date(1990, 5, 15), ["W_NIK_AREA_MISMATCH"]),
]

INVALID = [
    ("N7", "3375013102909901", "E_NIK_DATE"),
    ("N8", "3375017102909901", "E_NIK_DATE"),
    ("N9", "3375012902019901", "E_NIK_DATE"),
    ("N10a", "3375013505909901", "E_NIK_DAY"),
    ("N10b", "3375017505909901", "E_NIK_DAY"),
    ("N11", "3375011513909901", "E_NIK_MONTH"),
    ("N12", "3375011505900000", "E_NIK_SERIAL"),
    ("N13", "337501150590990", "E_NIK_LENGTH"),
    ("N14", "33750115059O9901", "E_NIK_NOT_DIGITS"),
]


@pytest.mark.parametrize(("vid", "raw", "district", "sex", "dob", "warnings"), VALID)
def test_valid_vectors(vid, raw, district, sex, dob, warnings) -> None:
    result = check_nik(raw, today=TODAY, address_district_code=district)
    assert result.ok, vid
    assert result.nik == raw.replace(" ", "")
    assert (result.sex, result.birth_date) == (sex, dob)
    assert [i.code for i in result.issues] == warnings
    assert all(i.field == "nik" for i in result.issues)


@pytest.mark.parametrize(("vid", "raw", "code"), INVALID)
def test_invalid_vectors(vid, raw, code) -> None:
    result = check_nik(raw, today=TODAY)
    assert [i.code for i in result.issues] == [code], vid
    assert result.nik is None and not result.ok


def test_length_carries_count_and_area_params() -> None:
    assert check_nik("337501150590990", today=TODAY).issues[0].params == {"n": 15}
    unknown = check_nik("3375991505909901", today=TODAY).issues[0]
    assert unknown.params == {"code": "33.75.99"}
    mismatch = check_nik("3374011505909901", today=TODAY, address_district_code="33.75.01")
    assert mismatch.issues[0].params == {"code": "33.74.01", "address_code": "33.75.01"}


def test_n18_typed_dob_and_sex_mismatch() -> None:
    result = check_nik(
        "3375011505909901", today=TODAY, typed_birth_date=date(1990, 5, 16), typed_sex="P"
    )
    assert result.ok
    codes = {(i.code, i.field): i.params for i in result.issues}
    assert codes == {
        ("W_NIK_DOB_MISMATCH", "birth_date"): {"date": "1990-05-15"},
        ("W_NIK_SEX_MISMATCH", "sex"): {"sex": "L"},
    }
    same = check_nik(
        "3375011505909901", today=TODAY, typed_birth_date=date(1990, 5, 15), typed_sex="L"
    )
    assert same.issues == []


def test_year_pivot_follows_today() -> None:
    # 15 Jul YY=30: 2030 is in the future on 2026-09-01, so 1930.
    assert check_nik("3375011507309905", today=TODAY).birth_date == date(1930, 7, 15)
    assert check_nik("3375011507309905", today=date(2031, 1, 1)).birth_date == date(2030, 7, 15)
    # born today (2026-09-01) is 2026; tomorrow's date would be 1926
    assert check_nik("3375010109269901", today=TODAY).birth_date == date(2026, 9, 1)
    assert check_nik("3375010209269901", today=TODAY).birth_date == date(1926, 9, 2)


def test_several_field_errors_reported_together() -> None:
    codes = {i.code for i in check_nik("3375013513900000", today=TODAY).issues}
    assert codes == {"E_NIK_DAY", "E_NIK_MONTH", "E_NIK_SERIAL"}


def test_unicode_digits_and_empty() -> None:
    assert check_nik("３３７５011505909901", today=TODAY).issues[0].code == "E_NIK_NOT_DIGITS"
    assert check_nik("", today=TODAY).issues[0].params == {"n": 0}
    assert check_nik(" 3375011505909901\t", today=TODAY).ok


def test_format_and_mask() -> None:
    assert format_nik("3375011505909901") == "3375 0115 0590 9901"
    assert format_nik("3375 0115 05909901") == "3375 0115 0590 9901"
    assert mask_nik("3375011505909901") == "337501******9901"
    assert mask_nik("3375 0115 0590 9901") == "337501******9901"


KK = [
    ("3375010101159901", [], date(2015, 1, 1)),
    ("3375014101159901", ["E_KK_DAY"], None),
    ("3375013002159901", ["E_KK_DATE"], None),
    ("3375010101150000", ["E_KK_SERIAL"], date(2015, 1, 1)),
    ("337501010115990", ["E_KK_LENGTH"], None),
    ("33750101011599O1", ["E_KK_NOT_DIGITS"], None),
    ("3375010113159901", ["E_KK_MONTH"], None),
]


@pytest.mark.parametrize(("raw", "codes", "entry"), KK)
def test_kk_vectors(raw, codes, entry) -> None:
    result = check_kk(raw, today=TODAY)
    assert [i.code for i in result.issues] == codes
    assert result.entry_date == entry
    assert all(i.field == "kk_number" for i in result.issues)
    assert (result.kk is not None) == (not codes)


def test_kk_area_warnings() -> None:
    assert [i.code for i in check_kk("9975010101159901", today=TODAY).issues] == [
        "W_KK_AREA_UNKNOWN"
    ]
    mismatch = check_kk("3326080101159901", today=TODAY, address_district_code="33.75.01")
    assert [i.code for i in mismatch.issues] == ["W_KK_AREA_MISMATCH"]


# Kecamatan codes that exist (NIK digits 1–6).
AREAS = ["337501", "337504", "332608", "332501", "332714", "317101", "110101"]


@settings(max_examples=300, deadline=None)
@given(
    area=st.sampled_from(AREAS),
    born=st.dates(min_value=date(1927, 9, 2), max_value=TODAY),
    sex=st.sampled_from(["L", "P"]),
    serial=st.integers(min_value=1, max_value=9999),
)
def test_round_trip(area: str, born: date, sex: str, serial: int) -> None:
    """A NIK built from a valid date, sex and serial gives them back (the 100-year window
    ending today is unambiguous)."""
    day = born.day + (40 if sex == "P" else 0)
    nik = f"{area}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"
    district = f"{area[:2]}.{area[2:4]}.{area[4:]}"
    result = check_nik(nik, today=TODAY, address_district_code=district)
    assert result.issues == []
    assert (result.nik, result.birth_date, result.sex) == (nik, born, sex)
    assert check_nik(format_nik(nik), today=TODAY, address_district_code=district) == result


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="0123456789 O", max_size=20))
def test_never_crashes_and_errors_mean_no_nik(text: str) -> None:
    result = check_nik(text, today=TODAY)
    assert (result.nik is None) == (not result.ok)
    if result.ok:
        assert result.birth_date is not None and result.birth_date <= TODAY
        assert result.birth_date > TODAY - timedelta(days=366 * 100)
