"""The window comes back where the agent left it (ui/window_state.py): size and position of
the main window, and the list's splitter between table and side panel."""

from __future__ import annotations

import pytest

from PySide6.QtWidgets import QLabel, QSplitter

from core.settings import Settings
from ui.window_state import restore_splitter, save_splitter

pytestmark = pytest.mark.gui


def test_a_closed_window_opens_again_at_its_size(qtbot, jangkau_qapp, fast_kdf):
    from ui.main_window import MainWindow

    first = MainWindow(Settings(language="id"), argon2_params=fast_kdf, restore_geometry=False)
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 500)  # within the offscreen screen (800 × 600), which restoring respects
    qtbot.waitUntil(lambda: first.size().width() == 700, timeout=5_000)
    first.close()  # saves the geometry
    second = MainWindow(Settings(language="id"), argon2_params=fast_kdf)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 500)
    third = MainWindow(Settings(language="id"), argon2_params=fast_kdf, restore_geometry=False)
    qtbot.addWidget(third)
    assert (third.width(), third.height()) == (1366, 768)  # the default, without restoring


def test_a_splitter_keeps_its_sizes_and_nothing_saved_changes_nothing(qtbot):
    def splitter() -> QSplitter:
        made = QSplitter()
        qtbot.addWidget(made)
        for _ in range(2):
            made.addWidget(QLabel("Jangkau"))
        made.resize(600, 300)
        made.show()
        qtbot.waitUntil(lambda: sum(made.sizes()) > 0, timeout=5_000)
        return made

    fresh = splitter()
    default = fresh.sizes()
    restore_splitter("probe", fresh)  # nothing saved yet
    assert fresh.sizes() == default
    moved = splitter()
    moved.setSizes([400, 200])
    save_splitter("probe", moved)
    again = splitter()
    restore_splitter("probe", again)
    assert again.sizes() == moved.sizes() != default
