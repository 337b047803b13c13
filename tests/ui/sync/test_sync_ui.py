"""The desktop app's sync, end to end against the real server on loopback (UI.md §2, §3.6, §7.10).

Enroll from Settings, save a prospect, F5 → the row says *Terkirim* and the server holds it; a
supervisor returns it with a field note → after one sync the row says *Perlu perbaikan* and the
status bar counts 1. Server gone → the status says *Luring*, no dialog, the row stays
*Menunggu kirim*, the panel says when it retries.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from core import lanes
from core.settings import Settings
from tests.sync.harness import SERVER_PASSWORD, LiveServer
from tests.ui.conftest import EMPTY_USERNAME, fill_profile_page, unlock, wait_for_tasks
from tests.ui.sync.support import enroll_and_sync, save_submitted
from tests.ui.sync.support import village as branch_village

pytestmark = pytest.mark.gui


def _save_prospect(window: Any, index: int = 1) -> uuid.UUID:
    """A submitted prospect through the real save service, on the DB lane (as the editor)."""
    ctx = window.context
    area = branch_village()
    pid = lanes.db().submit(lambda: save_submitted(ctx, index, area)).result(timeout=10)
    window.sync.notify_records_changed([pid])
    window.list_view.model.refresh()
    return pid


def _badge(qtbot: Any, window: Any, pid: uuid.UUID) -> str:
    model = window.list_view.model
    qtbot.waitUntil(lambda: model.row_of(pid) >= 0, timeout=10_000)
    row = model.row_at(model.row_of(pid))
    assert row is not None
    from ui.badges import badge_label

    return badge_label(row.badge)


def _press_f5(qtbot: Any, window: Any) -> Any:
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    with qtbot.waitSignal(window.sync.cycle_finished, timeout=20_000) as blocker:
        qtbot.keyClick(window.list_view.table, Qt.Key.Key_F5)
    wait_for_tasks(qtbot)
    return blocker.args[0]


def _no_modal() -> None:
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert not [w for w in shown if w.isVisible()], "offline must never be a modal dialog"


def _enroll_via_settings(qtbot: Any, window: Any, server: LiveServer, code: str) -> None:
    from ui.screens.sync_panel import EnrollDialog

    window.open_settings()
    settings_dialog = window.active_dialog
    assert settings_dialog is not None
    settings_dialog.tabs.setCurrentWidget(settings_dialog.sync_page)
    qtbot.mouseClick(settings_dialog.enroll_button, Qt.MouseButton.LeftButton)
    dialog = settings_dialog.findChild(EnrollDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.server_edit.setText(server.url)
    qtbot.keyClicks(dialog.code_edit, code)
    qtbot.keyClicks(dialog.password_edit, SERVER_PASSWORD)
    dialog.device_edit.setText("Laptop uji")
    assert dialog.ok_button.isEnabled()
    outcome: list[int] = []
    dialog.finished.connect(outcome.append)
    with qtbot.waitSignal(window.sync.cycle_finished, timeout=20_000):  # enroll, then a first sync
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert outcome == [1]  # accepted (and closed)
    settings_dialog.reject()
    wait_for_tasks(qtbot)


def _window(qtbot: Any, make_main_window: Any, profile: Any) -> Any:
    window = make_main_window(Settings(language="id", auto_sync=False))
    unlock(qtbot, window, profile)
    return window


def test_enroll_send_and_a_returned_record_comes_back(
    qtbot, live_server, empty_profile, make_main_window
):
    server = live_server
    village = branch_village()
    agent_id = server.create_agent(EMPTY_USERNAME, areas=(village,))
    supervisor_id = server.create_supervisor("spv01", areas=(village,))
    window = _window(qtbot, make_main_window, empty_profile)
    # "…" until the enrollment is read, never a guess
    qtbot.waitUntil(lambda: window.status.texts()["state"] == "Belum terdaftar", timeout=5_000)

    _enroll_via_settings(qtbot, window, server, server.enrollment_code(agent_id))
    assert window.status.texts()["state"] == "Daring"
    assert window.status.texts()["last"].startswith("Terakhir berhasil ")

    pid = _save_prospect(window)
    assert _badge(qtbot, window, pid) == "Menunggu kirim"
    qtbot.waitUntil(lambda: window.status.texts()["unsent"] == "Belum terkirim 1", timeout=10_000)

    result = _press_f5(qtbot, window)
    assert result.ok and result.accepted >= 1, result
    qtbot.waitUntil(lambda: _badge(qtbot, window, pid) == "Terkirim", timeout=10_000)
    qtbot.waitUntil(lambda: window.status.texts()["unsent"] == "Belum terkirim 0", timeout=10_000)
    from server.models.records import Record

    with server.database.write() as session:
        record = session.get(Record, pid)
        assert record is not None and record.revision == 1 and record.agent_id == agent_id

    server.decide(
        record_id=pid,
        revision=1,
        outcome="return",
        supervisor_id=supervisor_id,
        note="Periksa nama",
        field_notes={"full_name": "Tulis sesuai KTP"},
    )
    result = _press_f5(qtbot, window)
    assert result.ok and pid in result.changed_ids, result
    qtbot.waitUntil(lambda: _badge(qtbot, window, pid) == "Perlu perbaikan", timeout=10_000)
    qtbot.waitUntil(
        lambda: window.status.texts()["corrections"] == "Perlu perbaikan 1", timeout=10_000
    )

    panel = window.sync_actions.show_panel()
    assert panel is not None
    qtbot.waitUntil(lambda: len(panel.row_texts()) >= 3, timeout=10_000)
    events = [r[1] for r in panel.row_texts()]
    assert events[-1] == "Pendaftaran" and "Sinkronisasi" in events
    assert panel.row_texts()[0][2].startswith("Berhasil")
    panel.copy_support()
    copied = QApplication.clipboard().text()
    assert "sync ok" in copied and "enroll ok" in copied
    assert "150685" not in copied  # no NIK (or any personal data) in the support text
    panel.close()


def test_server_gone_is_a_status_not_a_dialog(qtbot, live_server, empty_profile, make_main_window):
    server = live_server
    village = branch_village()
    agent_id = server.create_agent(EMPTY_USERNAME, areas=(village,))
    window = _window(qtbot, make_main_window, empty_profile)
    enroll_and_sync(qtbot, window, server_url=server.url, code=server.enrollment_code(agent_id))
    assert window.status.texts()["state"] == "Daring"
    pid = _save_prospect(window, index=2)
    server.stop()

    result = _press_f5(qtbot, window)
    assert result.status.value == "offline"
    assert window.status.texts()["state"] == "Luring"
    _no_modal()
    assert not window.sync_actions.bar.isVisible()  # offline is a status, not a message
    qtbot.waitUntil(lambda: _badge(qtbot, window, pid) == "Menunggu kirim", timeout=10_000)
    assert window.status.texts()["unsent"] == "Belum terkirim 1"
    panel = window.sync_actions.show_panel()
    assert panel is not None
    qtbot.waitUntil(lambda: panel.retry_label.isVisible(), timeout=5_000)
    assert panel.retry_label.text().startswith("Coba lagi otomatis dalam ")
    qtbot.waitUntil(lambda: any(r[2] == "Luring" for r in panel.row_texts()), timeout=10_000)
    panel.close()


def test_revoked_laptop_shows_the_message_bar_and_lock_stops_syncing(
    qtbot, live_server, empty_profile, make_main_window
):
    server = live_server
    agent_id = server.create_agent(EMPTY_USERNAME, areas=(branch_village(),))
    window = _window(qtbot, make_main_window, empty_profile)
    enrolled: list[Any] = []
    window.sync.enroll_finished.connect(enrolled.append)
    enroll_and_sync(qtbot, window, server_url=server.url, code=server.enrollment_code(agent_id))
    server.revoke(enrolled[0].device_id)

    result = _press_f5(qtbot, window)
    assert result.status.value == "revoked"
    assert window.status.texts()["state"] == "Laptop diblokir"
    assert window.sync_actions.bar.isVisible()
    assert window.sync_actions.message.text().startswith("Laptop ini diblokir.")
    _no_modal()

    controller = window.sync
    window.lock()
    qtbot.waitUntil(lambda: window.session is None, timeout=10_000)
    assert not window.sync_actions.bar.isVisible()
    controller_closed = controller._closed.is_set()
    assert controller_closed  # no cycle and no store access after Kunci


def test_setup_wizard_enroll_now_enrolls_and_syncs(qtbot, live_server, make_main_window):
    from PySide6.QtWidgets import QWizard

    server = live_server
    agent_id = server.create_agent("budi01", areas=(branch_village(),))
    window = make_main_window(Settings(language="id", auto_sync=False))
    wizard = window.wizard
    fill_profile_page(qtbot, wizard, name="Budi Santoso", username="budi01")
    enroll = wizard.enroll_page
    enroll.enroll_radio.setChecked(True)
    enroll.server_edit.setText(server.url)
    qtbot.keyClicks(enroll.code_edit, server.enrollment_code(agent_id))
    qtbot.keyClicks(enroll.account_password_edit, SERVER_PASSWORD)
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    with qtbot.waitSignal(window.session_started, timeout=15_000):
        wizard.accept()
    qtbot.waitUntil(lambda: window.sync.last_result is not None, timeout=20_000)
    wait_for_tasks(qtbot)
    assert window.sync.last_result.ok, window.sync.last_result
    assert window.status.texts()["state"] == "Daring"
    assert not window.sync_actions.bar.isVisible()
