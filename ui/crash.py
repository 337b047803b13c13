"""Unexpected errors: log them in full, then tell the user in one plain sentence.

``install_excepthook()`` replaces ``sys.excepthook`` (and ``threading.excepthook``) so an
exception that escapes a slot is logged with its traceback (personal numbers masked by
``core.log``) and shown in a crash dialog that names the log folder. The app keeps running: a
failed slot should not take unsaved work down with it, and saves are transactions anyway.
"""

from __future__ import annotations

import logging
import sys
import threading
from types import TracebackType

from PySide6.QtCore import QCoreApplication as Q
from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

from core import paths
from core.errors import Cancelled
from ui.errors import open_kept

log = logging.getLogger("jangkau.crash")

__all__ = ["install_excepthook", "CrashReporter"]


class CrashReporter(QObject):
    """Lives on the GUI thread; worker-thread crashes reach it through a queued signal."""

    crashed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.crashed.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self.shown = 0

    def report(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if isinstance(exc, Cancelled):
            return
        log.critical("unhandled exception", exc_info=(exc_type, exc, tb))
        self.crashed.emit(type(exc).__name__)

    @Slot(str)
    def _show(self, name: str) -> None:
        self.shown += 1
        if QApplication.instance() is None:
            return
        parent = QApplication.activeWindow() or next(
            (w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()), None
        )
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(Q.translate("CrashReporter", "Jangkau"))
        box.setText(
            Q.translate(
                "CrashReporter",
                "Something went wrong. Your saved records are safe. "
                "Please tell your supervisor; the details are in the log folder.",
            )
        )
        box.setInformativeText(str(paths.log_dir()))
        box.setDetailedText(Q.translate("CrashReporter", "Code: {code}").format(code=name))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        open_kept(box)  # kept: with no active window (app in the background) it has no parent


_reporter: CrashReporter | None = None


def install_excepthook() -> CrashReporter:
    """Route uncaught exceptions (GUI and worker threads) to the log and a crash dialog."""
    global _reporter
    if _reporter is None:
        _reporter = CrashReporter()
        app = QApplication.instance()
        if app is not None:
            _reporter.moveToThread(app.thread())
    reporter = _reporter
    sys.excepthook = reporter.report

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            reporter.report(args.exc_type, args.exc_value, args.exc_traceback)

    threading.excepthook = thread_hook
    return reporter
