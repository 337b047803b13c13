"""Entering a prospect: keyboard only (UI.md §7.1), live NIK checks, warnings vs errors, quotes."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from models.repositories import outbox as outbox_repo
from models.services import prospects
from tests.ui.editor.conftest import TODAY

pytestmark = pytest.mark.gui

TAB = Qt.Key.Key_Tab


def _focus(qtbot, widget) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=2_000)


def _type_tab(qtbot, text: str, *, tabs: int = 1) -> None:
    widget = QApplication.focusWidget()
    if text:
        qtbot.keyClicks(widget, text)
    for _ in range(tabs):
        qtbot.keyClick(QApplication.focusWidget(), TAB)


def _alt(qtbot, editor, number: int) -> None:
    qtbot.keyClick(
        QApplication.focusWidget() or editor,
        getattr(Qt.Key, f"Key_{number}"),
        Qt.KeyboardModifier.AltModifier,
    )
    qtbot.waitUntil(lambda: editor.current_section() == number - 1, timeout=2_000)


def test_keyboard_only_c1_from_first_field_to_save_and_send(qtbot, editor, ctx) -> None:
    """DOMAIN §2.3 C1 (income 1.000.000, JKK+JKM, 2026-02, self-paid) typed with keys alone."""
    editor.load_new()
    _focus(qtbot, editor.nik_edit)
    # 1 Identitas: NIK (date of birth and sex come from it), name … mobile
    _type_tab(qtbot, "3375011505909901")
    _focus(qtbot, editor.name_edit)
    _type_tab(qtbot, "BUDI SANTOSO")
    _type_tab(qtbot, "PEKALONGAN")
    _type_tab(qtbot, "", tabs=2)  # birth date and sex already filled from the NIK
    _type_tab(qtbot, "SRI WAHYUNI")
    _type_tab(qtbot, "0812-0000-0001")
    assert editor.identity.birth_date_edit.date_value().isoformat() == "1990-05-15"
    assert editor.identity.sex_combo.current_code() == "L"
    # 2 Alamat: the agent's kecamatan is already chosen; type the street and the village
    _alt(qtbot, editor, 2)
    _focus(qtbot, editor.address.address_edit)
    _type_tab(qtbot, "Jl. Contoh No. 1")
    _type_tab(qtbot, "001")
    _type_tab(qtbot, "002", tabs=4)  # RW, then past province, regency, kecamatan
    _focus(qtbot, editor.address.regions.village_combo)
    _type_tab(qtbot, "Medono")
    assert editor.address.regions.codes()["village_code"] == "33.75.01.1002"
    # 3 Pekerjaan & penghasilan
    _alt(qtbot, editor, 3)
    _type_tab(qtbot, "Pedagang pasar", tabs=6)
    assert editor.work.occupation_1_combo.current_code() == "PDG_PASAR"
    _focus(qtbot, editor.income_edit)
    _type_tab(qtbot, "1000000")
    assert editor.income_edit.text() == "1.000.000"
    # 4 Program & iuran: the defaults are C1 (JKK + JKM, 1 month from Feb 2026, self-paid)
    _alt(qtbot, editor, 4)
    assert editor.quote_panel.total_text() == "Rp16.800"
    # 6 Persetujuan: read aloud, tick enrolment, prove it with the paper form number
    _alt(qtbot, editor, 6)
    consent = editor.consent
    _type_tab(qtbot, "")  # from the notice to "read aloud"
    _focus(qtbot, consent.read_aloud_check)
    qtbot.keyClick(consent.read_aloud_check, Qt.Key.Key_Space)
    _type_tab(qtbot, "", tabs=2)  # past the witness
    _focus(qtbot, consent.purpose_checks["ENROLMENT"])
    qtbot.keyClick(consent.purpose_checks["ENROLMENT"], Qt.Key.Key_Space)
    _type_tab(qtbot, "", tabs=2)
    _focus(qtbot, consent.method_combo)
    qtbot.keyClick(consent.method_combo, Qt.Key.Key_Down)
    assert consent.paper_method()
    _type_tab(qtbot, "")
    _focus(qtbot, consent.paper_form_edit)
    qtbot.keyClicks(consent.paper_form_edit, "F1-000123")
    assert consent.read_aloud_check.isChecked() and consent.purpose_checks["ENROLMENT"].isChecked()

    with qtbot.waitSignal(editor.saved, timeout=10_000) as saved:
        qtbot.keyClick(
            consent.paper_form_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
    prospect_id, badge = saved.args
    assert badge == "queued"
    snap = prospects.load(ctx.db, prospect_id=prospect_id)
    assert snap.badge == "queued" and snap.revision == 1
    assert snap.payload["nik"] == "3375011505909901"
    assert snap.payload["mobile"] == "+6281200000001"
    assert snap.payload["quote"]["total"] == 16800
    assert snap.consent["method"] == "PAPER_FORM"
    with ctx.db.read_scope() as session:
        rows = outbox_repo.live_rows_for(session, record_id=prospect_id)
    assert [(r.entity_type, r.revision) for r in rows if r.entity_type == "prospect"] == [
        ("prospect", 1)
    ]
    assert editor.saved_label.text().startswith("Saved ")
    assert not editor.dirty


@pytest.mark.parametrize(
    ("typed", "code", "sentence"),
    [
        ("337501150590990", "E_NIK_LENGTH", "The NIK needs 16 digits, not 15. Check the KTP."),
        ("33750115059O9901", "E_NIK_NOT_DIGITS", "Digits only. Look for a typed O or I."),
        (
            "3375013102909901",
            "E_NIK_DATE",
            "The NIK's birth date (digits 7–12) is impossible. Check the KTP.",
        ),
    ],
)
def test_nik_errors_show_their_sentence_under_the_field(
    qtbot, editor, typed, code, sentence
) -> None:
    editor.load_new()
    qtbot.keyClicks(editor.nik_edit, typed)
    qtbot.keyClick(editor.nik_edit, TAB)  # validation on focus-out
    marker = editor.field_marker("nik")
    qtbot.waitUntil(lambda: code in [i.code for i in marker.issues()], timeout=2_000)
    assert marker.isVisible()
    assert sentence in marker.sentences()
    assert editor.nik_edit.property("problem") == "error"
    assert editor.nav.status(0).startswith("\u2715")


def test_nik_fills_birth_date_and_sex_while_typing(qtbot, editor) -> None:
    editor.load_new()
    qtbot.keyClicks(editor.nik_edit, "3326 0855 0885 990")  # N2 minus its last digit
    assert editor.identity.birth_date_edit.date_value() is None
    qtbot.keyClicks(editor.nik_edit, "2")
    assert editor.identity.birth_date_edit.date_value().isoformat() == "1985-08-15"
    assert editor.identity.sex_combo.current_code() == "P"
    assert "15 Agu 1985" in editor.identity.nik_hint.text()
    # no error; N2 was issued in Kab. Pekalongan, so against the agent's Kota address it warns
    assert [i.code for i in editor.field_marker("nik").issues()] == ["W_NIK_AREA_MISMATCH"]


def test_birth_date_that_differs_from_the_nik_is_a_warning_not_an_error(qtbot, editor) -> None:
    editor.load_new()
    qtbot.keyClicks(editor.nik_edit, "3375011505909901")
    editor.identity.birth_date_edit.setFocus()
    qtbot.keyClick(editor.identity.birth_date_edit, Qt.Key.Key_Up)  # 16/05/1990
    qtbot.keyClick(editor.identity.birth_date_edit, TAB)
    marker = editor.field_marker("birth_date")
    qtbot.waitUntil(
        lambda: "W_NIK_DOB_MISMATCH" in [i.code for i in marker.issues()], timeout=2_000
    )
    assert editor.identity.birth_date_edit.property("problem") == "warning"
    assert marker.ack_box("W_NIK_DOB_MISMATCH") is not None
    assert "15 Mei 1990" in " ".join(marker.sentences())


def _fill_minimum(editor, *, income: int) -> None:
    from tests.ui.editor.support import fill_example

    fill_example(editor)
    editor.work.income_edit.set_value(income)
    editor.programme.package_jkk_jkm_radio.setChecked(True)
    editor.programme.period_combo.set_code("1")
    editor.programme.first_month_combo.set_code("2026-02")
    editor._on_edited()  # noqa: SLF001


def test_warnings_never_block_a_draft_errors_and_unticked_warnings_block_sending(
    qtbot, editor, ctx
) -> None:
    editor.load_new()
    _fill_minimum(editor, income=750_000)  # C2: W_INCOME_BELOW_MIN
    marker = editor.field_marker("declared_income")
    assert [i.code for i in marker.issues()] == ["W_INCOME_BELOW_MIN"]
    assert "Rp16.800/month" in marker.sentences()[0]
    # a draft saves with the open warning
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.save_draft_button.click()
    assert prospects.load(ctx.db, prospect_id=editor.prospect_id).badge == "draft"
    # sending is refused while the warning is not ticked: nothing reaches the store
    editor.submit_button.click()
    assert editor.banners.banner("submit") is not None
    assert editor.focusWidget() is editor.income_edit
    assert prospects.load(ctx.db, prospect_id=editor.prospect_id).revision == 0
    # an error blocks too
    editor.identity.email_edit.setText("bukan-email")
    editor._on_edited()  # noqa: SLF001
    editor.submit_button.click()
    assert "E_EMAIL_FORMAT" in [i.code for _k, i in editor.visible_issues()]
    editor.identity.email_edit.setText("")
    # tick the warning with a reason: now it is sent, and the acknowledgement is stored
    marker.ack_box("W_INCOME_BELOW_MIN").setChecked(True)
    reason = marker.reason_edit("W_INCOME_BELOW_MIN")
    reason.setFocus()
    _focus(qtbot, reason)
    qtbot.keyClicks(reason, "penghasilan tidak tetap")
    qtbot.keyClick(reason, TAB)
    assert editor.income_edit.property("problem") == ""
    with qtbot.waitSignal(editor.saved, timeout=10_000) as saved:
        editor.submit_button.click()
    assert saved.args[1] == "queued"
    snap = prospects.load(ctx.db, prospect_id=editor.prospect_id)
    assert snap.acknowledged_warnings == {"W_INCOME_BELOW_MIN": "penghasilan tidak tetap"}
    assert {"code": "W_INCOME_BELOW_MIN", "reason": "penghasilan tidak tetap"} in snap.payload[
        "acknowledged_warnings"
    ]


def test_quote_panel_c1_and_the_discounted_months_of_c8(qtbot, editor) -> None:
    editor.load_new()
    assert TODAY.isoformat() == "2026-02-10"
    _fill_minimum(editor, income=1_000_000)
    assert editor.quote_panel.total_text() == "Rp16.800"
    assert ("Basis", "Rp1.000.000") in editor.quote_panel.rows()
    # C8: 6 months from Jan 2026, not transport: 3 full months, 3 at the PP 50/2025 rate
    editor.programme.period_combo.set_code("6")
    editor.programme.first_month_combo.set_code("2026-01")
    editor._on_edited()  # noqa: SLF001
    rows = editor.quote_panel.rows()
    assert ("Jan\u2013Mar 2026", "3 \u00d7 Rp16.800") in rows
    assert ("Apr\u2013Jun 2026", "3 \u00d7 Rp8.400") in rows
    assert ("PP 50/2025 discount", "\u2212Rp25.200") in rows
    assert editor.quote_panel.total_text() == "Rp75.600"
