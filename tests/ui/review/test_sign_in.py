"""Masuk sebagai pengawas (UI.md §3.2, §3.8; SYNC §2.2) inside the real main window."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from core import paths
from core.settings import Settings
from sync.errors import AuthError
from tests.ui.review.support import SERVER_PASSWORD, settle
from ui.errors import user_message

pytestmark = pytest.mark.gui


def _window(make_main_window, review_server):
    return make_main_window(Settings(language="id", server_url=review_server.url))


def _sign_in(qtbot, dialog, username: str, password: str = SERVER_PASSWORD) -> None:
    dialog.username_edit.setText(username)
    qtbot.keyClicks(dialog.password_edit, password)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)


def _files_containing(text: str) -> list[Path]:
    roots = [paths.data_dir(), paths.config_dir(), paths.cache_dir(), paths.log_dir()]
    found = []
    for root in roots:
        for path in Path(root).rglob("*") if Path(root).exists() else ():
            if path.is_file() and text.encode() in path.read_bytes():
                found.append(path)
    return found


def test_unlock_link_signs_in_shows_the_workspace_and_signs_out(
    qtbot, world, make_main_window, review_server, empty_profile, review_catalogue
):
    del empty_profile, review_catalogue
    world.capture("a", 2)
    world.sync("a")
    window = _window(make_main_window, review_server)
    assert window.stack.currentWidget() is window.unlock_screen
    qtbot.mouseClick(window.unlock_screen.supervisor_button, Qt.MouseButton.LeftButton)
    dialog = window.supervisor.dialog
    assert dialog.windowTitle() == "Masuk sebagai pengawas"
    assert dialog.server_edit.text() == review_server.url
    _sign_in(qtbot, dialog, world.supervisor, "salah-sekali-123")
    qtbot.waitUntil(lambda: dialog.message_label.text() != "", timeout=10_000)
    assert dialog.message_label.text() == user_message(AuthError("invalid-credentials"))
    assert dialog.message_label.text().startswith("Nama pengguna, kata sandi")
    with qtbot.waitSignal(window.supervisor.started, timeout=15_000) as started:
        _sign_in(qtbot, dialog, world.supervisor)
    workspace = started.args[0]
    assert window.stack.currentWidget() is workspace
    assert not window.toolbar.isVisible()  # the agent's tools stay hidden
    qtbot.waitUntil(lambda: workspace.record_model.rowCount() == 2, timeout=15_000)
    settle(qtbot)
    token = workspace.session.client.token
    assert token and _files_containing(token) == []  # the token lives in memory only
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    with qtbot.waitSignal(window.supervisor.ended, timeout=10_000):
        qtbot.keyClick(workspace.record_view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.unlock_screen
    settle(qtbot)
    reply = requests.get(
        f"{review_server.url}/api/v1/review/batches",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert reply.status_code == 401  # the server forgot the session too


def test_idle_asks_for_the_password_again_and_keeps_the_note(
    qtbot, world, make_main_window, review_server, empty_profile, review_catalogue
):
    del empty_profile, review_catalogue
    world.capture("a", 1, full_name="GITA")
    world.sync("a")
    window = _window(make_main_window, review_server)
    mode = window.supervisor
    dialog = mode.sign_in()
    with qtbot.waitSignal(mode.started, timeout=15_000) as started:
        _sign_in(qtbot, dialog, world.supervisor)
    workspace = started.args[0]
    qtbot.waitUntil(lambda: workspace.detail is not None, timeout=15_000)
    settle(qtbot)
    qtbot.keyClicks(workspace.decision_panel.note_edit, "Cek NIK.")
    mode.idle.set_timeout_ms(150)  # 30 minutes, shortened
    qtbot.waitUntil(lambda: mode.dialog is not None, timeout=5_000)
    again = mode.dialog
    assert again.username_edit.isReadOnly() and again.username_edit.text() == world.supervisor
    assert again.intro_label.text().startswith("Anda lama tidak aktif.")
    assert workspace.session.expired
    mode.idle.set_timeout_ms(30 * 60_000)
    with qtbot.waitSignal(workspace.record_shown, timeout=15_000):
        qtbot.keyClicks(again.password_edit, SERVER_PASSWORD)
        qtbot.keyClick(again.password_edit, Qt.Key.Key_Return)
    assert not workspace.session.expired
    assert workspace.decision_panel.note() == "Cek NIK."
    assert window.stack.currentWidget() is workspace
    mode.end()
    settle(qtbot)


def test_a_fresh_laptop_reaches_the_sign_in_from_the_setup_wizard(
    qtbot, make_main_window, review_server
):
    window = _window(make_main_window, review_server)
    wizard = window.wizard
    assert window.stack.currentWidget() is window.wizard_holder
    wizard.next()
    page = wizard.profile_page
    page.supervisor_radio.setChecked(True)
    assert page.supervisor_button.isVisibleTo(page)
    qtbot.mouseClick(page.supervisor_button, Qt.MouseButton.LeftButton)
    assert window.supervisor.dialog is not None
    window.supervisor.dialog.reject()
