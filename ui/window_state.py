"""Window geometry and splitter positions, the one thing kept in ``QSettings`` (STYLE.md §8).

Everything else lives in ``core.settings``. The file sits in the Jangkau config folder, so tests
and the demo (which point ``JANGKAU_CONFIG_DIR`` elsewhere) never touch the real one.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

from core import paths

__all__ = ["restore_window", "save_window", "restore_splitter", "save_splitter"]


def _store() -> QSettings:
    return QSettings(str(paths.config_dir() / "window_state.ini"), QSettings.Format.IniFormat)


def save_window(window: QMainWindow) -> None:
    store = _store()
    store.setValue("main/geometry", window.saveGeometry())
    store.setValue("main/state", window.saveState())
    store.sync()


def restore_window(window: QMainWindow) -> bool:
    store = _store()
    geometry = store.value("main/geometry")
    if not isinstance(geometry, QByteArray) or geometry.isEmpty():
        return False
    window.restoreGeometry(geometry)
    state = store.value("main/state")
    if isinstance(state, QByteArray):
        window.restoreState(state)
    return True


def save_splitter(name: str, splitter: QSplitter) -> None:
    store = _store()
    store.setValue(f"splitters/{name}", splitter.saveState())
    store.sync()


def restore_splitter(name: str, splitter: QSplitter) -> None:
    state = _store().value(f"splitters/{name}")
    if isinstance(state, QByteArray) and not state.isEmpty():
        splitter.restoreState(state)
