"""Reference data from the server reaches the screens that are already open.

A sync installs a new version of a dataset (occupations, regions, contribution tables, notices)
into ``models.rules`` on the network lane. ``watch_reference_data`` forwards that news to the
GUI thread, where every widget gets a ``LanguageChange`` event, as when a translator is
installed: each screen's ``retranslate`` already rebuilds its choice lists from the rules, so a
new occupation appears in the editor without a restart (and keeps the one chosen).
"""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

__all__ = ["ReferenceWatcher", "watch_reference_data"]


class ReferenceWatcher(QObject):
    """Lives on the GUI thread; ``changed(dataset)`` may be emitted from any thread."""

    changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.changed.connect(self._refresh, Qt.ConnectionType.QueuedConnection)

    @Slot(str)
    def _refresh(self, dataset: str) -> None:
        log.info("reference data %s changed: refreshing open screens", dataset)
        for widget in QApplication.allWidgets():
            QCoreApplication.postEvent(widget, QEvent(QEvent.Type.LanguageChange))


_watcher: list[ReferenceWatcher] = []


def watch_reference_data() -> ReferenceWatcher:
    """Start forwarding (once per process; the watcher lives as long as the application)."""
    if _watcher and shiboken6.isValid(_watcher[0]):
        return _watcher[0]
    from models.rules import reference

    watcher = ReferenceWatcher(QCoreApplication.instance())
    _watcher[:] = [watcher]

    def forward(dataset: str) -> None:
        if shiboken6.isValid(watcher):
            watcher.changed.emit(dataset)

    reference.on_change(forward)
    return watcher
