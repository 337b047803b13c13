"""Perlu perbaikan (UI.md §3.7) from store data, and Pengaturan (§3.11)."""

from __future__ import annotations

import json

import pytest

from PySide6.QtCore import Qt

from core import paths
from models.repositories import search
from models.repositories.search import ProspectFilters
from tests.ui.conftest import PASSWORD, unlock
from tests.ui.store_factories import acknowledge, decide

pytestmark = pytest.mark.gui

NOTE = "Nama ibu kandung tidak jelas."


def _queued_id(window):
    with window.context.db.read_scope() as session:
        return search.page(session, filters=ProspectFilters(badge="queued"), limit=1)[0].id


def test_returned_prospect_shows_in_the_to_do_list_and_opens(qtbot, unlocked_window):
    window = unlocked_window
    assert window.status.texts()["corrections"] == "Perlu perbaikan 0"
    window.show_corrections()
    view = window.corrections_view
    qtbot.waitUntil(lambda: view.state_label.text() == "Semua beres.", timeout=5_000)

    prospect_id = _queued_id(window)
    revision = acknowledge(window.context.db, prospect_id=prospect_id)
    decide(
        window.context.db,
        prospect_id=prospect_id,
        revision=revision,
        outcome="return",
        note=NOTE,
        field_notes={"mother_maiden_name": "Cek KTP/KK"},
    )
    window.sync.notify_records_changed([prospect_id])  # what the sync controller does after a pull
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5_000)
    model = view.model
    assert [model.index(0, c).data() for c in range(5)] == [
        "Perlu perbaikan",
        model.row_at(0).name,
        NOTE,
        "1",
        "9 Feb 2026",
    ]
    assert view.title.text() == "Perlu perbaikan (1)"
    qtbot.waitUntil(
        lambda: window.status.texts()["corrections"] == "Perlu perbaikan 1", timeout=5_000
    )
    assert window.act_corrections.text() == "Perlu perbaikan (1)"

    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    editor = window.editor
    assert window.views.currentWidget() is editor
    qtbot.waitUntil(
        lambda: editor.isEnabled() and editor.prospect_id == prospect_id, timeout=10_000
    )

    window.show_list()
    list_model = window.list_view.model
    qtbot.waitUntil(lambda: list_model.row_of(prospect_id) >= 0, timeout=5_000)
    row = list_model.row_at(list_model.row_of(prospect_id))
    assert row.badge == "returned"
    window.list_view.select_prospect(prospect_id)
    panel = window.list_view.side_panel
    # The panel may still hold this record's snapshot from before the decision; it reloads
    # (debounced, on the DB lane) after the change notice, so wait for the new note.
    qtbot.waitUntil(
        lambda: (
            panel.snapshot is not None
            and panel.snapshot.id == prospect_id
            and NOTE in panel.note_label.text()
        ),
        timeout=5_000,
    )
    assert "1 bidang ditandai" in panel.note_label.text()


def test_settings_are_saved_and_applied(qtbot, unlocked_window):
    window = unlocked_window
    window.open_settings()
    dialog = window.active_dialog
    dialog.lock_spin.setValue(7)
    dialog.server_edit.setText("ftp://nope")
    assert not dialog.save_button.isEnabled()
    assert dialog.server_error.text().startswith("Alamat server diawali https://")
    dialog.server_edit.setText("https://jangkau.example.id")
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(window.settings_applied, timeout=5_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = json.loads((paths.config_dir() / "settings.json").read_text(encoding="utf-8"))
    assert saved["auto_lock_minutes"] == 7
    assert saved["server_url"] == "https://jangkau.example.id"
    assert window.idle.timeout_ms == 7 * 60_000
    assert window.context.settings.auto_lock_minutes == 7


def test_change_password_then_unlock_with_the_new_one(qtbot, unlocked_window, seeded_profile):
    window = unlocked_window
    window.open_settings()
    dialog = window.active_dialog
    dialog.tabs.setCurrentWidget(dialog.security_page)
    qtbot.keyClicks(dialog.old_password, "bukan-kata-sandinya")
    qtbot.keyClicks(dialog.new_password, "sandi-baru-2026")
    qtbot.keyClicks(dialog.repeat_password, "sandi-baru-2026")
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialog.password_result.text() == "Kata sandi lama salah.", timeout=10_000
    )
    dialog.old_password.clear()
    qtbot.keyClicks(dialog.old_password, PASSWORD)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialog.password_result.text() == "Kata sandi sudah diganti.", timeout=10_000
    )
    dialog.reject()
    with qtbot.waitSignal(window.locked, timeout=10_000):
        window.lock()
    unlock(qtbot, window, seeded_profile, password="sandi-baru-2026")
