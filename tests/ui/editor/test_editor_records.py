"""Stored records in the editor: duplicates at capture, editing, the close guard, autosave."""

from __future__ import annotations

import dataclasses

import pytest

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from models.repositories import outbox as outbox_repo
from models.services import prospects
from tests.ui.editor.conftest import TODAY
from tests.ui.editor.support import fill_example
from ui.screens.editor import ProspectEditor

pytestmark = pytest.mark.gui

BASE = {
    "nik": "3375011505909901",
    "full_name": "Budi Santoso",
    "birth_place": "PEKALONGAN",
    "birth_date": "1990-05-15",
    "sex": "L",
    "village_code": "33.75.01.1002",
    "district_code": "33.75.01",
    "regency_code": "33.75",
    "province_code": "33",
}


def _store(ctx, **payload) -> object:
    pid = prospects.new_prospect_id()
    prospects.save(
        ctx.db,
        prospect_id=pid,
        payload={**BASE, **payload},
        submit=False,
        agent=ctx.agent,
        today=TODAY,
    )
    return pid


def _open(qtbot, editor, pid) -> None:
    editor.load_existing(pid)
    qtbot.waitUntil(lambda: editor.isEnabled() and editor.prospect_id == pid, timeout=5_000)
    qtbot.waitUntil(lambda: editor.name_edit.text() != "", timeout=5_000)


def test_same_nik_in_the_store_shows_an_error_banner_that_opens_the_other_record(
    qtbot, editor, ctx
) -> None:
    other = _store(ctx)
    editor.load_new()
    qtbot.keyClicks(editor.nik_edit, "3375 0115 0590 9901")
    qtbot.waitUntil(lambda: editor.banners.banner("duplicate") is not None, timeout=5_000)
    banner = editor.banners.banner("duplicate")
    assert banner.kind == "error"
    assert "Budi Santoso" in banner.text()
    assert "E_NIK_DUPLICATE" in [i.code for i in editor.field_marker("nik").issues()]
    with qtbot.waitSignal(editor.open_record, timeout=2_000) as opened:
        banner.buttons[0].click()
    assert opened.args == [other]


def test_similar_name_same_birth_date_and_village_warns_before_saving(qtbot, editor, ctx) -> None:
    other = _store(
        ctx, nik="3375014107909902", full_name="SITI AMINAH", sex="P", birth_date="1990-07-01"
    )
    editor.load_new()
    ident = editor.identity
    ident.nik_edit.setText("3375 0141 0790 9903")  # another NIK, same person?
    ident.nik_edit.textEdited.emit(ident.nik_edit.text())
    qtbot.keyClicks(editor.name_edit, "Siti Aminnah")
    editor.address.regions.set_area("33.75.01.1002")
    editor.name_edit.setFocus()
    editor.address.address_edit.setFocus()  # leaving the name field runs the lookup
    qtbot.waitUntil(lambda: editor.banners.banner("similar") is not None, timeout=5_000)
    banner = editor.banners.banner("similar")
    assert banner.kind == "warning"
    assert "SITI AMINAH" in banner.text() and "Medono" in banner.text()
    assert editor.banners.banner("duplicate") is None
    with qtbot.waitSignal(editor.open_record, timeout=2_000) as opened:
        banner.buttons[0].click()
    assert opened.args == [other]
    # a warning only: a draft still saves
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.save_draft_button.click()


def _ack_server(ctx, pid) -> None:
    """What a sync does when the server acknowledges: the outbox row retires, server_rev moves."""
    from models.prospect import Prospect

    with ctx.db.session_scope() as session:
        rows = outbox_repo.live_rows_for(session, record_id=pid)
        batch = prospects.new_prospect_id()
        outbox_repo.freeze(session, rows=rows, batch_id=batch, bodies=[r.body for r in rows])
        for row in rows:
            outbox_repo.mark_done(session, record_id=row.record_id, revision=row.revision)
        prospect = session.get(Prospect, pid)
        prospect.server_rev = prospect.revision
        prospect.badge = "received"
        prospect.review_state = "received"


def test_editing_a_sent_record_makes_the_next_revision(qtbot, editor, ctx) -> None:
    editor.load_new()
    fill_example(editor)
    with qtbot.waitSignal(editor.saved, timeout=10_000) as saved:
        editor.submit_button.click()
    pid = saved.args[0]
    assert prospects.load(ctx.db, prospect_id=pid).revision == 1
    _ack_server(ctx, pid)

    _open(qtbot, editor, pid)
    assert editor.badge == "received" and editor.revision == 1
    assert editor.name_edit.text() == "SITI AMINAH"
    assert [editor.heirs.heir_row(i).name.text() for i in range(2)] == ["AHMAD FAUZI", "NUR AINI"]
    editor.name_edit.setText("SITI AMINAH BINTI SALIM")
    editor.name_edit.textEdited.emit(editor.name_edit.text())
    assert editor.dirty
    with qtbot.waitSignal(editor.saved, timeout=10_000) as saved:
        editor.submit_button.click()
    snap = prospects.load(ctx.db, prospect_id=pid)
    assert snap.revision == 2 and snap.badge == "queued"
    assert snap.payload["full_name"] == "SITI AMINAH BINTI SALIM"


def _answer_prompt(editor, role_text: str) -> None:
    def press() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        button = next(b for b in box.buttons() if b.text() == role_text)
        button.click()

    QTimer.singleShot(0, press)


def test_unsaved_changes_guard_offers_save_discard_cancel(qtbot, editor, ctx) -> None:
    editor.load_new()
    assert editor.maybe_close()  # nothing typed: goes without asking
    qtbot.keyClicks(editor.name_edit, "Nama Contoh")
    assert editor.dirty
    _answer_prompt(editor, "Cancel")
    assert not editor.maybe_close()
    assert editor.name_edit.text() == "Nama Contoh"
    _answer_prompt(editor, "Save draft")
    assert editor.maybe_close()
    snap = prospects.load(ctx.db, prospect_id=editor.prospect_id)
    assert snap.payload["full_name"] == "Nama Contoh" and snap.badge == "draft"
    # Discard after an autosave stored the typing: the never-saved draft goes away again
    editor.load_new()
    qtbot.keyClicks(editor.name_edit, "Dibuang")
    with qtbot.waitSignal(editor.autosaved, timeout=10_000):
        editor.autosave_now()
    pid = editor.prospect_id
    assert prospects.load(ctx.db, prospect_id=pid).payload["full_name"] == "Dibuang"
    _answer_prompt(editor, "Discard")
    assert editor.maybe_close()
    with pytest.raises(prospects.NotFoundError):
        prospects.load(ctx.db, prospect_id=pid)


def test_autosave_keeps_typing_after_the_editor_is_closed_without_saving(
    qtbot, editor, ctx
) -> None:
    editor.load_new()
    fill_example(editor)
    pid = editor.prospect_id
    assert editor._autosave_timer.isActive()  # noqa: SLF001 - armed by the change
    with qtbot.waitSignal(editor.autosaved, timeout=15_000):  # fires 10 s after the change
        pass
    assert "Saved automatically" in editor.saved_label.text()
    editor.close()  # a crash: no guard, no explicit save

    again = ProspectEditor(dataclasses.replace(ctx))
    qtbot.addWidget(again)
    again.show()
    _open(qtbot, again, pid)
    assert again.name_edit.text() == "SITI AMINAH"
    assert again.income_edit.text() == "2.800.000"
    assert again.consent.purpose_checks["ENROLMENT"].isChecked()
    banner = again.banners.banner("recovery")
    assert banner is not None
    assert [b.text() for b in banner.buttons] == ["Continue", "Discard"]
    assert again.dirty
    banner.buttons[0].click()  # Lanjutkan
    assert again.banners.banner("recovery") is None
    with qtbot.waitSignal(again.saved, timeout=10_000):
        again.save_draft_button.click()
    assert again._recovery.get(pid) is None  # noqa: SLF001
    again.close()
