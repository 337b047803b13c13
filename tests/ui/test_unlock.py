"""Unlock screen (UI.md §3.2), lock and auto-lock, driven through the real widgets."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from tests.ui.conftest import PASSWORD, unlock, wait_for_tasks
from ui.screens.unlock import FIRST_WAIT_S, MAX_FREE_TRIES

pytestmark = pytest.mark.gui


def _type_password(qtbot, window, text: str) -> None:
    screen = window.unlock_screen
    screen.password_edit.clear()
    qtbot.keyClicks(screen.password_edit, text)


def test_start_shows_unlock_screen_with_the_profile(main_window_with_profile):
    window, profile = main_window_with_profile
    assert window.stack.currentWidget() is window.unlock_screen
    assert window.unlock_screen.current_profile().slug == profile.slug
    assert not window.menuBar().isVisible()
    assert window.unlock_screen.unlock_button.text() == "&Buka"


def test_wrong_password_says_so_and_right_password_opens(qtbot, main_window_with_profile):
    window, profile = main_window_with_profile
    screen = window.unlock_screen
    _type_password(qtbot, window, "salah-sekali-123")
    qtbot.keyClick(screen.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.message_label.text() == "Kata sandi salah.", timeout=10_000)
    assert window.session is None
    assert screen.unlock_button.isEnabled()
    unlock(qtbot, window, profile)
    assert window.stack.currentWidget() is window.views
    assert window.windowTitle().endswith(profile.display_name)
    assert window.menuBar().isVisible()


def test_five_failures_make_the_screen_wait_and_the_wait_doubles(
    qtbot, make_main_window, seeded_profile
):
    now = [1000.0]
    window = make_main_window(clock=lambda: now[0])
    screen = window.unlock_screen
    for attempt in range(MAX_FREE_TRIES):
        _type_password(qtbot, window, f"salah-{attempt}-xxxxx")
        screen.try_unlock()
        qtbot.waitUntil(lambda: not screen._busy, timeout=10_000)
    assert "Tunggu 60 detik" in screen.message_label.text()
    assert not screen.unlock_button.isEnabled()
    now[0] += FIRST_WAIT_S - 1
    screen._update_state()
    assert not screen.unlock_button.isEnabled()
    now[0] += 1.5
    screen._update_state()
    assert screen.unlock_button.isEnabled()
    _type_password(qtbot, window, "salah-lagi-xxxxx")
    screen.try_unlock()
    qtbot.waitUntil(lambda: not screen._busy, timeout=10_000)
    assert "Tunggu 120 detik" in screen.message_label.text()
    now[0] += 2 * FIRST_WAIT_S + 1
    screen._update_state()
    unlock(qtbot, window, seeded_profile)


def test_caps_lock_hint_appears_for_upper_case_without_shift(qtbot, main_window_with_profile):
    window, _profile = main_window_with_profile
    screen = window.unlock_screen
    qtbot.keyClick(screen.password_edit, "A")  # an upper-case letter with no Shift held
    assert screen.caps_label.isVisibleTo(screen)
    assert screen.caps_label.text() == "! Caps Lock aktif"
    qtbot.keyClick(screen.password_edit, "b")
    assert not screen.caps_label.isVisibleTo(screen)


def test_ctrl_l_locks_and_the_store_can_be_opened_again(qtbot, unlocked_window, seeded_profile):
    window = unlocked_window
    db = window.context.db
    with qtbot.waitSignal(window.locked, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.unlock_screen
    assert window.context is None and window.list_view is None
    qtbot.waitUntil(lambda: db.closed, timeout=10_000)
    assert not window.toolbar.isVisible()
    unlock(qtbot, window, seeded_profile)
    assert window.list_view.model.total == window.sync.counts.get(
        "total", window.list_view.model.total
    )


def test_idle_time_locks_the_session(qtbot, unlocked_window):
    window = unlocked_window
    window.idle.set_timeout_ms(300)
    with qtbot.waitSignal(window.locked, timeout=10_000):
        pass
    assert window.stack.currentWidget() is window.unlock_screen
    wait_for_tasks(qtbot)


def test_user_input_postpones_auto_lock(qtbot, unlocked_window):
    window = unlocked_window
    window.idle.set_timeout_ms(600)
    locked = []
    window.locked.connect(lambda: locked.append(True))
    search = window.list_view.search_edit
    for _ in range(4):
        qtbot.keyClick(search, "a")
        qtbot.waitUntil(lambda: window.idle._since.elapsed() >= 250, timeout=5_000)
    assert not locked
    assert window.session is not None


@pytest.fixture
def main_window_with_profile(seeded_profile, make_main_window):
    return make_main_window(), seeded_profile


def test_password_constant_is_long_enough():
    assert len(PASSWORD) >= 10


def _forgot_text(qtbot, window) -> str:
    """Click "Lupa kata sandi?" and read the message box it opens (then close it)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)
    qtbot.mouseClick(window.unlock_screen.forgot_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=5_000)
    return seen[0]


def test_forgot_password_says_whether_the_branch_can_recover(qtbot, main_window_with_profile):
    """The profile's key is sealed to the agency recovery key when made (models.recovery): the
    branch can recover it. A key file without the seal gets the honest sentence instead."""
    import json

    from models.keyfile import key_path_for

    window, profile = main_window_with_profile
    assert "kunci pemulihan lembaga" in _forgot_text(qtbot, window)
    assert "belum disegel" not in _forgot_text(qtbot, window)
    key_path = key_path_for(profile.path)
    body = json.loads(key_path.read_bytes())
    del body["recovery"]
    key_path.write_text(json.dumps(body))
    assert "belum disegel" in _forgot_text(qtbot, window)
