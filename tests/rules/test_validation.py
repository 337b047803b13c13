"""``check_prospect`` / ``check_field`` over whole payloads (DOMAIN.md §4–§10)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.rules.consent import current_notice
from models.rules.validation import (
    REQUIRED_FIELDS,
    acknowledged_codes,
    affected_fields,
    blocking,
    can_submit,
    check_field,
    check_prospect,
    quote_for,
)
from sync.protocol import ProspectPayload

TODAY = date(2026, 9, 1)


def payload(**overrides):
    base = {
        "branch_code": "PEKALONGAN",
        "nik": "3375011505909901",
        "full_name": "PESERTA CONTOH",
        "birth_place": "Pekalongan",
        "birth_date": "1990-05-15",
        "sex": "L",
        "mother_maiden_name": "IBU CONTOH",
        "mobile": "+6281200000001",
        "address_line": "Jl. Contoh 1",
        "rt": "001",
        "rw": "002",
        "province_code": "33",
        "regency_code": "33.75",
        "district_code": "33.75.01",
        "village_code": "33.75.01.1002",
        "occupation_1": "PDG_PKL",
        "declared_income": 1_000_000,
        "package": "JKK_JKM",
        "payment_period_months": 1,
        "first_contribution_month": "2026-09",
        "funding_source": "MANDIRI",
        "registration_date": "2026-09-01",
        "area_code": "33.75.01.1002",
        "signature_participant": "SCREEN",
        "signature_agent": "SCREEN",
    }
    return {k: v for k, v in (base | overrides).items() if v is not None}


CONSENT = {
    "notice_version": current_notice(TODAY).version,
    "purposes": ["ENROLMENT"],
    "method": "SCREEN_SIGNATURE",
}


def codes(issues):
    return sorted((i.code, i.field) for i in issues)


def check(p, **kwargs):
    return check_prospect(p, today=TODAY, consent=kwargs.pop("consent", CONSENT), **kwargs)


def test_complete_payload_is_clean_and_a_valid_wire_payload() -> None:
    ProspectPayload.model_validate(payload())
    assert check(payload()) == []


@pytest.mark.parametrize("field", REQUIRED_FIELDS)
def test_each_required_field(field: str) -> None:
    issues = check(payload(**{field: None}))
    assert ("E_REQUIRED", field) in codes(issues)
    blank = check(payload(**{field: "  "})) if field != "declared_income" else issues
    assert ("E_REQUIRED", field) in codes(blank)


def test_mobile_or_no_mobile() -> None:
    assert codes(check(payload(mobile=None))) == [("E_REQUIRED", "mobile")]
    assert codes(check(payload(mobile=None, no_mobile=True))) == [("W_NO_MOBILE", "mobile")]
    assert codes(check(payload(mobile="0285000001"))) == [("E_PHONE_NOT_MOBILE", "mobile")]
    shared = check(payload(), mobile_shared_with=["PESERTA B"])
    assert codes(shared) == [("W_MOBILE_SHARED", "mobile")]
    assert shared[0].params["name"] == "PESERTA B"


@pytest.mark.parametrize(
    ("email", "ok"),
    [
        ("a@b.id", True),
        ("nama.contoh+bpu@mail.example.co.id", True),
        ("a@b", False),
        ("a b@c.id", False),
        ("@c.id", False),
        ("a@@c.id", False),
        ("a..b@c.id", False),
    ],
)
def test_email_syntax(email: str, ok: bool) -> None:
    assert codes(check(payload(email=email))) == ([] if ok else [("E_EMAIL_FORMAT", "email")])


def test_nik_rules_flow_through() -> None:
    assert codes(check(payload(nik="337501150590990"))) == [("E_NIK_LENGTH", "nik")]
    mismatch = check(payload(birth_date="1990-05-16", sex="P"))
    assert codes(mismatch) == [("W_NIK_DOB_MISMATCH", "birth_date"), ("W_NIK_SEX_MISMATCH", "sex")]
    area = check(payload(nik="3374011505909901"))
    assert codes(area) == [("W_NIK_AREA_MISMATCH", "nik")]
    kk = check(payload(kk_number="3375014101159901"))
    assert codes(kk) == [("E_KK_DAY", "kk_number")]
    assert check(payload(kk_number="3375010101159901")) == []


def test_n5_age_and_near_max() -> None:
    old = check(payload(nik="3375011507309905", birth_date="1930-07-15"))
    assert codes(old) == [("E_AGE_MAX", "birth_date")]
    # the age counts on the registration date, not on today
    born = {"nik": "3375010109619901", "birth_date": "1961-09-01"}
    assert codes(check(payload(**born))) == [("E_AGE_MAX", "birth_date")]
    earlier = check(payload(**born, registration_date="2026-08-31"))
    assert codes(earlier) == [("W_AGE_NEAR_MAX", "birth_date")]


def test_birth_date_invalid_and_age_from_nik() -> None:
    assert codes(check(payload(birth_date="1990-02-30"))) == [
        ("E_BIRTH_DATE_INVALID", "birth_date")
    ]
    future = check(payload(birth_date="2027-01-01"))
    assert ("E_BIRTH_DATE_INVALID", "birth_date") in codes(future)
    # the typed date is missing: age comes from the NIK (N5 → 1930)
    assert ("E_AGE_MAX", "birth_date") in codes(
        check(payload(nik="3375011507309905", birth_date=None))
    )
    # Python date values work as well as ISO strings
    assert check(payload(birth_date=date(1990, 5, 15))) == []


def test_duplicates() -> None:
    issues = check(payload(), local_duplicates=["PESERTA B", "PESERTA C"])
    assert codes(issues) == [("E_NIK_DUPLICATE", "nik")]
    assert issues[0].params == {"name": "PESERTA B", "names": ["PESERTA B", "PESERTA C"]}


def test_contribution_fields() -> None:
    low = check(payload(declared_income=750_000))
    assert codes(low) == [("W_INCOME_BELOW_MIN", "declared_income")]
    assert low[0].params["amount"] == 8_400  # 2026-09 is a PP 50 discount month
    refused = check(payload(declared_income=750_000), below_minimum="refuse")
    assert codes(refused) == [("E_INCOME_BELOW_MIN", "declared_income")]
    assert codes(check(payload(declared_income=-5))) == [("E_INCOME_INVALID", "declared_income")]
    assert codes(check(payload(declared_income="1jt"))) == [("E_INCOME_INVALID", "declared_income")]
    assert codes(check(payload(package="JHT"))) == [("E_PACKAGE_INVALID", "package")]
    period = check(payload(payment_period_months=2))
    assert codes(period) == [("E_PERIOD_INVALID", "payment_period_months")]
    assert period[0].params == {"allowed": [1, 3, 6, 12]}
    assert check(payload(payment_period_months=2), payment_periods=(1, 2)) == []
    assert codes(check(payload(first_contribution_month="2026-9"))) == [
        ("E_MONTH_INVALID", "first_contribution_month")
    ]
    assert codes(check(payload(funding_source="DANA_DESA_APBDES"))) == [
        ("W_FUNDING_CONTESTED", "funding_source"),
        ("W_FUNDING_REF_MISSING", "funding_ref"),
    ]
    assert codes(check(payload(jht_funding_source="X"))) == [
        ("E_FUNDING_UNKNOWN", "jht_funding_source")
    ]


def test_quote_for_payload_uses_occupation_sector() -> None:
    transport = quote_for(payload(occupation_1="OJK_OJOL", first_contribution_month="2026-01"))
    other = quote_for(payload(first_contribution_month="2026-01"))
    assert (transport.total, other.total) == (8_400, 16_800)
    becak = quote_for(payload(occupation_1="OJK_BECAK"))
    assert becak.sector == "TRANSPORTASI" and becak.uncertain
    assert quote_for(payload(package=None)) is None
    assert quote_for(payload(first_contribution_month=None)) is None
    defaulted = quote_for(payload(first_contribution_month=None), today=TODAY)
    assert defaulted.lines[0].month == "2026-09"
    registered = payload(first_contribution_month=None, registration_date="2026-02-27")
    assert quote_for(registered, today=TODAY).lines[0].month == "2026-02"


def test_occupations_address_segment() -> None:
    assert codes(check(payload(occupation_1=None))) == [("E_OCC_NONE", "occupation_1")]
    assert codes(check(payload(occupation_1="LAIN_LAINNYA"))) == [
        ("E_OCC_DETAIL", "occupation_1_detail")
    ]
    assert codes(check(payload(occupation_2="PDG_PKL"))) == [("E_OCC_DUP", "occupation_2")]
    assert codes(check(payload(district_code="33.75.02"))) == [
        ("E_ADDRESS_INCONSISTENT", "village_code"),
        ("W_NIK_AREA_MISMATCH", "nik"),
    ]
    outside = payload(
        regency_code="33.74", district_code="33.74.01", village_code=None, village_name_free="X"
    )
    assert ("W_ADDRESS_OUTSIDE_BRANCH", "regency_code") in codes(check(outside))
    assert codes(check(payload(already_pu="YA"))) == [("W_MULTI_SEGMENT", "already_pu")]


def test_signatures_and_consent() -> None:
    unsigned = check(payload(signature_participant=None, signature_agent=None))
    assert codes(unsigned) == [
        ("E_SIGNATURE_MISSING", "signature_agent"),
        ("E_SIGNATURE_MISSING", "signature_participant"),
    ]
    paper = check(
        payload(signature_participant=None, signature_agent=None, paper_form_number="F1-1")
    )
    assert paper == []
    assert codes(check(payload(), consent=None)) == [("E_CONSENT_MISSING", "consent")]


def test_minor_needs_guardian() -> None:
    minor = payload(nik="3375010101109901", birth_date="2010-01-01")
    assert codes(check(minor)) == [
        ("E_GUARDIAN_CONSENT", "consent"),
        ("W_AGE_MINOR", "birth_date"),
    ]
    guardian = {"name": "IBU", "relationship": "ORANG_TUA", "nik": "3375014107809901"}
    assert codes(check(minor, consent=CONSENT | {"guardian": guardian})) == [
        ("W_AGE_MINOR", "birth_date")
    ]


def test_heirs_and_lengths() -> None:
    heirs = [
        {"order": 1, "name": "ISTRI", "relationship": "SUAMI_ISTRI", "mobile": "0812000001"},
        {"order": 1, "name": "", "relationship": "TEMAN", "nik": "123", "mobile": "0285000001"},
    ]
    assert codes(check(payload(heirs=heirs))) == [
        ("E_HEIR_INVALID", "heirs.1.order"),
        ("E_HEIR_INVALID", "heirs.1.relationship"),
        ("E_NIK_LENGTH", "heirs.1.nik"),
        ("E_PHONE_NOT_MOBILE", "heirs.1.mobile"),
        ("E_REQUIRED", "heirs.1.name"),
    ]
    long = check(payload(full_name="A" * 101))
    assert codes(long) == [("E_TOO_LONG", "full_name")]
    assert long[0].params == {"max": 100, "n": 101}


def test_blocking_and_acknowledgement() -> None:
    issues = check(payload(declared_income=750_000, already_pu="YA"))
    assert {i.code for i in blocking(issues, set())} == {"W_INCOME_BELOW_MIN", "W_MULTI_SEGMENT"}
    acks = acknowledged_codes(
        {"acknowledged_warnings": [{"code": "W_INCOME_BELOW_MIN"}, {"code": "W_MULTI_SEGMENT"}]}
    )
    assert acks == {"W_INCOME_BELOW_MIN", "W_MULTI_SEGMENT"}
    assert blocking(issues, acks) == [] and can_submit(issues, acks)
    errors = check(payload(nik="1"))
    assert not can_submit(errors, {"E_NIK_LENGTH"})  # errors cannot be acknowledged


def test_check_field_is_local() -> None:
    bad = payload(mobile="0285000001", email="x@", nik="337501150590990")
    assert codes(check_field("mobile", bad, today=TODAY)) == [("E_PHONE_NOT_MOBILE", "mobile")]
    assert codes(check_field("email", bad, today=TODAY)) == [("E_EMAIL_FORMAT", "email")]
    assert ("E_NIK_LENGTH", "nik") in codes(check_field("nik", bad, today=TODAY, consent=CONSENT))
    assert {"nik", "birth_date", "sex"} <= affected_fields("birth_date")
    assert check_field("rt", bad, today=TODAY) == []


MUTATIONS = {
    "nik": ["337501150590990", "3374011505909901", "3375011507309905", None],
    "birth_date": ["1990-05-16", "2010-01-01", "x", None],
    "sex": ["P", None],
    "mobile": ["0285000001", None],
    "email": ["bad@", "a@b.id"],
    "district_code": ["33.75.02", "33.26.08", None],
    "village_code": [None, "33.75.01.9999"],
    "occupation_1": [None, "LAIN_LAINNYA", "OJK_BECAK"],
    "occupation_2": ["PDG_PKL", "XX"],
    "declared_income": [750_000, -1, None],
    "package": ["JKK_JKM_JHT", "X", None],
    "payment_period_months": [2, 12],
    "funding_source": ["DANA_DESA_APBDES", "X", None],
    "kk_number": ["3375014101159901"],
    "signature_agent": [None],
    "already_pu": ["YA"],
    "full_name": ["A" * 120, None],
}
FIELDS = sorted(set(ProspectPayload.model_fields) | {"consent"})


@settings(max_examples=60, deadline=None)
@given(
    changes=st.dictionaries(
        st.sampled_from(sorted(MUTATIONS)),
        st.integers(min_value=0, max_value=3),
        max_size=5,
    )
)
def test_check_field_agrees_with_check_prospect(changes) -> None:
    overrides = {k: MUTATIONS[k][i % len(MUTATIONS[k])] for k, i in changes.items()}
    p = payload(**overrides)
    full = {_key(i) for i in check(p)}
    for field in FIELDS:
        live = {_key(i) for i in check_field(field, p, today=TODAY, consent=CONSENT)}
        assert live <= full, field
        assert {k for k in full if k[1] == field} <= live, field


def _key(issue):
    return (issue.code, issue.field, repr(sorted(issue.params.items())))
