"""F1 help (UI.md §2): it opens over the list in Indonesian, names only keys the window has,
and Esc closes it."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

pytestmark = pytest.mark.gui

# The window's own keys; Ctrl+S and Ctrl+Enter belong to the editor (tests/ui/editor).
APP_KEYS = (
    "Ctrl+N",
    "Ctrl+F",
    "Ctrl+P",
    "F5",
    "Ctrl+1",
    "Ctrl+2",
    "Ctrl+3",
    "Ctrl+4",
    "Ctrl+5",
    "Ctrl+,",
    "Ctrl+L",
)


def test_f1_shows_the_keys_the_window_answers_to(qtbot, unlocked_window):
    from ui.screens.help_dialog import HelpDialog

    window = unlocked_window
    qtbot.keyClick(window.list_view.table, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: isinstance(window.active_dialog, HelpDialog), timeout=5_000)
    dialog = window.active_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    assert dialog.windowTitle() == "Bantuan Jangkau"
    text = dialog.text.text()
    assert "Prospek baru" in text and "Sinkronkan sekarang" in text
    bound = {
        sequence.toString(QKeySequence.SequenceFormat.PortableText)
        for action in window.findChildren(QAction)
        for sequence in action.shortcuts()
    }
    for key in APP_KEYS:
        assert f"<b>{key}</b>" in text
        assert key in bound, f"the help names {key}, which no action of the window has"
    assert "<b>Ctrl+S</b>" in text and "<b>Ctrl+Enter</b>" in text
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.active_dialog is None, timeout=5_000)


def test_ctrl_3_opens_the_sync_panel(qtbot, unlocked_window):
    window = unlocked_window
    assert window.sync_actions.panel is None
    qtbot.keyClick(window.list_view.table, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: window.sync_actions.panel is not None and window.sync_actions.panel.isVisible(),
        timeout=5_000,
    )
    window.sync_actions.panel.close()
