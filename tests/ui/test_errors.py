"""ui/errors.py: every code has a plain sentence in both languages (UI.md §5, §7.9)."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from PySide6.QtWidgets import QApplication, QMessageBox

from core.errors import (
    Cancelled,
    ConflictError,
    Issue,
    StoreError,
    ValidationError,
    WrongPasswordError,
)
from models.rules.codes import SEVERITY
from sync.errors import AuthError, CaptivePortal, ClientTooOld, OfflineError, ServerError
from ui import translations
from ui.errors import (
    GENERIC_CODE,
    issue_message,
    known_codes,
    message_for_code,
    show_error,
    user_message,
)

pytestmark = pytest.mark.gui

# SYNC_PROTOCOL.md §4.2 problem types and §4.6 per-record problems.
SYNC_CODES = (
    "bad-request unauthenticated invalid-credentials session-expired device-revoked device-wipe "
    "forbidden role-not-permitted not-found stale-revision invalid-transition duplicate-unresolved "
    "upload-offset-mismatch cursor-expired payload-too-large unsupported-media-type validation-failed "
    "checksum-mismatch client-too-old rate-limited login-throttled server-error unavailable "
    "revision-conflict stale-base record-locked not-owner identity-mismatch entity-not-writable "
    "hash-mismatch"
).split()


@pytest.fixture(params=["id", "en"])
def language(request, jangkau_qapp):
    translations.set_language(request.param)
    yield request.param
    translations.set_language("id")


def test_every_rule_code_has_its_own_sentence(language):
    sentences = {code: issue_message(Issue(code)) for code in SEVERITY}
    generic = message_for_code(GENERIC_CODE)
    for code, text in sentences.items():
        assert text and text != generic, code
        assert "{" not in text, f"{code}: unfilled field in {text!r}"
    duplicates = {t for t in sentences.values() if list(sentences.values()).count(t) > 1}
    assert not duplicates, duplicates


def test_every_sync_problem_code_has_its_own_sentence(language):
    sentences = {code: message_for_code(code) for code in SYNC_CODES}
    assert all(sentences.values()), [c for c, t in sentences.items() if not t]
    assert len(set(sentences.values())) == len(SYNC_CODES)


# Codes raised outside the rules table: follow-ups, outreach events, server review edits.
SERVICE_CODES = (
    "E_DUE_DATE_PAST E_DATE_FUTURE E_AREA_UNKNOWN event-closed event-has-drafts id-reused "
    "out-of-scope"
).split()


def test_codes_raised_by_services_have_their_own_sentence(language):
    generic = message_for_code(GENERIC_CODE)
    for code in SERVICE_CODES:
        text = message_for_code(code)
        assert text and text != generic, code
        assert "{" not in text, f"{code}: unfilled field in {text!r}"
    drafts = user_message(ConflictError("event-has-drafts", params={"drafts": 3}))
    assert drafts.startswith("3 ")
    due = issue_message(Issue("E_DUE_DATE_PAST", "due_date", {"date": "2026-02-01"}))
    assert "1 Feb 2026" in due  # the ISO date is shown the way the app shows dates


def test_sentences_are_indonesian_when_the_app_is(jangkau_qapp):
    translations.set_language("id")
    ids = {code: message_for_code(code) for code in known_codes()}
    translations.set_language("en")
    ens = {code: message_for_code(code) for code in known_codes()}
    translations.set_language("id")
    same = [code for code in ids if ids[code] == ens[code]]
    assert not same, same  # every sentence is translated
    assert ids["E_NIK_LENGTH"] == "NIK harus 16 angka. Cocokkan dengan KTP."
    assert ids["device-revoked"] == "Laptop ini diblokir. Data tetap tersimpan. Hubungi pengawas."


def test_parameters_fill_the_sentence(jangkau_qapp):
    assert issue_message(Issue("E_NIK_LENGTH", "nik", {"n": 15})) == (
        "NIK harus 16 angka, baru 15. Cocokkan dengan KTP."
    )
    text = issue_message(Issue("W_NIK_DOB_MISMATCH", "birth_date", {"date": "1990-05-15"}))
    assert "(15 Mei 1990)" in text
    text = issue_message(Issue("W_INCOME_BELOW_MIN", "declared_income", {"amount": 16800}))
    assert "(Rp16.800/bulan)" in text
    assert issue_message(Issue("E_NIK_DUPLICATE", "nik", {"name": "PESERTA B"})).startswith(
        "NIK ini sudah ada di prospek PESERTA B."
    )


def test_user_message_for_raised_errors(jangkau_qapp):
    assert user_message(WrongPasswordError()) == "Kata sandi salah."
    assert user_message(OfflineError()).startswith("Tidak ada koneksi.")
    assert user_message(CaptivePortal()).startswith("Wi-Fi ini minta login.")
    assert user_message(AuthError("device-revoked", status=401)).startswith("Laptop ini diblokir.")
    assert user_message(ClientTooOld(min_version="1.3.0")) == "Perbarui aplikasi ke versi ≥ 1.3.0."
    assert user_message(ServerError(status=503)).startswith("Server bermasalah")
    assert user_message(ConflictError("profile-exists")).startswith("Profil dengan nama pengguna")
    assert user_message(StoreError("keyfile-invalid")) == user_message(StoreError())
    issues = [Issue("E_PHONE_FORMAT", "mobile"), Issue("E_OCC_NONE", "occupation_1")]
    assert user_message(ValidationError(issues)) == "Nomor HP diawali 08, 628 atau +628."
    assert user_message(ConnectionError("reset")).startswith("Tidak ada koneksi.")
    assert (
        user_message(RuntimeError("boom")) == "Ada yang tidak beres. Rinciannya ada di berkas log."
    )
    assert user_message(Issue("nik-date")) == issue_message(Issue("E_NIK_DATE"))


def test_show_error_logs_and_shows_the_sentence(qtbot, jangkau_qapp, caplog):
    with caplog.at_level(logging.ERROR, logger="ui.errors"):
        show_error(None, OfflineError(detail="connect refused 3375011505909901"))
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets()
        ),
        timeout=3_000,
    )
    box = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    )
    assert box.text().startswith("Tidak ada koneksi.")
    assert "offline" in box.detailedText()
    assert "3375011505909901" not in box.text() + box.detailedText()
    box.close()
    assert any("offline" in r.getMessage() for r in caplog.records)


def test_show_error_is_silent_when_the_user_cancelled(qtbot, jangkau_qapp):
    before = {id(w) for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)}
    show_error(None, Cancelled())
    after = {
        id(w)
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.isVisible()
    }
    assert not (after - before)


def test_dates_in_sentences_use_the_id_format(jangkau_qapp):
    text = issue_message(
        Issue("W_AGE_NEAR_MAX", "birth_date", {"date": date(2026, 9, 1).isoformat(), "max_age": 65})
    )
    assert "1 Sep 2026" in text and "65" in text
