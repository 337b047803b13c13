"""Consent and the versioned privacy notice (§8)."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from models.rules.consent import (
    PURPOSES,
    REQUIRED_PURPOSE,
    check_consent,
    current_notice,
    notice,
    notices,
)
from models.rules.datafiles import DATA_DIR

ON = date(2026, 9, 1)
ADULT = date(1990, 5, 15)
MINOR = date(2010, 1, 1)


def _consent(**overrides):
    base = {
        "notice_version": current_notice(ON).version,
        "notice_sha256": current_notice(ON).sha256,
        "purposes": [REQUIRED_PURPOSE],
        "method": "SCREEN_SIGNATURE",
    }
    return base | overrides


def test_notice_is_data_with_hash() -> None:
    n = current_notice(ON)
    raw = (DATA_DIR / "notices" / "privacy_v1.txt").read_bytes()
    assert n.sha256 == hashlib.sha256(raw).hexdigest()
    assert n.text == raw.decode("utf-8")
    for word in ("Dasar hukum", "Tujuan", "disimpan", "Hak Anda", "Kontak", "27 Tahun 2022"):
        assert word in n.text
    assert notice(n.version) == n
    assert notice("999") is None
    assert notices()[0].valid_from <= ON
    with pytest.raises(LookupError):
        current_notice(date(2000, 1, 1))


def test_purposes_are_separate_sentences() -> None:
    assert PURPOSES["ENROLMENT"] == (
        "Saya setuju data pribadi saya diproses untuk pendaftaran BPJS Ketenagakerjaan."
    )
    assert PURPOSES["LOCAL_GOV_AID"].endswith("program pemerintah daerah untuk bantuan iuran.")


def test_valid_consent() -> None:
    assert check_consent(_consent(), birth_date=ADULT, on=ON) == []
    both = _consent(purposes=["ENROLMENT", "LOCAL_GOV_AID"])
    assert check_consent(both, birth_date=ADULT, on=ON) == []
    paper = _consent(method="PAPER_FORM", paper_form_number="F1-0042", notice_sha256=None)
    assert check_consent(paper, birth_date=None, on=ON) == []


@pytest.mark.parametrize(
    ("consent", "reason"),
    [
        (None, "none"),
        ({}, "none"),
        (_consent(purposes=["LOCAL_GOV_AID"]), "purpose"),
        (_consent(notice_version="0"), "notice_unknown"),
        (_consent(notice_sha256="0" * 64), "notice_changed"),
        (_consent(method="PAPER_FORM"), "paper_form_number"),
        (_consent(method="SMOKE_SIGNAL"), "method"),
        (_consent(withdrawn_on="2026-08-01"), "withdrawn"),
    ],
)
def test_consent_missing(consent, reason) -> None:
    issues = check_consent(consent, birth_date=ADULT, on=ON)
    assert [(i.code, i.field, i.params["reason"]) for i in issues] == [
        ("E_CONSENT_MISSING", "consent", reason)
    ]


def test_withdrawal_in_the_future_not_yet_effective() -> None:
    assert check_consent(_consent(withdrawn_on="2026-12-01"), birth_date=ADULT, on=ON) == []


GUARDIAN = {"name": "Ibu Contoh", "relationship": "ORANG_TUA", "nik": "3375014107809901"}


@pytest.mark.parametrize(
    ("guardian", "reason"),
    [
        (None, "none"),
        (GUARDIAN | {"name": ""}, "name"),
        (GUARDIAN | {"relationship": None}, "relationship"),
        (GUARDIAN | {"nik": ""}, "nik"),
        (GUARDIAN | {"nik": "3375014107809900"[:15]}, "nik"),
        (GUARDIAN | {"nik": "3375010101159901"}, "guardian_minor"),
    ],
)
def test_minor_needs_guardian(guardian, reason) -> None:
    issues = check_consent(_consent(guardian=guardian), birth_date=MINOR, on=ON)
    assert [(i.code, i.params["reason"]) for i in issues] == [("E_GUARDIAN_CONSENT", reason)]


def test_minor_with_guardian_ok() -> None:
    assert check_consent(_consent(guardian=GUARDIAN), birth_date=MINOR, on=ON) == []
