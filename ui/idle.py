"""Auto-lock: notice when nobody has touched the keyboard, mouse or screen for a while.

An application-wide event filter records the time of the last user input; a coarse timer checks
it and emits ``idle`` once the limit (``Settings.auto_lock_minutes``) has passed. The main window
then locks the store and shows the unlock screen. Checking on a timer rather than restarting a
timer on every mouse move keeps the filter cheap.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication

__all__ = ["IdleWatcher"]

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    """Emits ``idle`` after ``timeout_ms`` without user input while ``active``."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._since = QElapsedTimer()
        self._since.start()
        self._timeout_ms = timeout_ms
        self._fired = False
        self._active = False
        self._check = QTimer(self)
        self._check.timeout.connect(self._on_check)
        self._configure_timer()
        self._filtering = False
        app = QApplication.instance()
        if app is not None:
            # Off again before Qt tears the widgets down at exit: an application filter written
            # in Python, called for the ChildRemoved events of half-destroyed widgets, crashed
            # the interpreter's exit (PySide6 6.12, seen in the bench: SIGSEGV after quit).
            app.aboutToQuit.connect(self._detach)

    def _filter(self, on: bool) -> None:
        """The application filter is on only while a session is watched: a filter written in
        Python sees every event of every object, and PySide6 builds the Python type (with all
        its enums) of each object it hands over, ~15 ms before the unlock screen alone."""
        app = QApplication.instance()
        if app is None or on == self._filtering:
            return
        self._filtering = on
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)

    def set_timeout_minutes(self, minutes: int) -> None:
        self.set_timeout_ms(minutes * 60_000)

    def set_timeout_ms(self, timeout_ms: int) -> None:
        self._timeout_ms = max(100, timeout_ms)
        self._configure_timer()

    @property
    def timeout_ms(self) -> int:
        return self._timeout_ms

    def _configure_timer(self) -> None:
        self._check.setInterval(max(50, min(self._timeout_ms // 4, 10_000)))

    def start(self) -> None:
        """Watch from now on (called when a session is unlocked)."""
        self._active = True
        self._fired = False
        self._since.restart()
        self._check.start()
        self._filter(True)

    def stop(self) -> None:
        self._active = False
        self._check.stop()
        self._filter(False)

    @Slot()
    def _detach(self) -> None:
        self.stop()

    def poke(self) -> None:
        """Count as user activity (also used by long jobs that must not lock mid-way)."""
        self._since.restart()
        self._fired = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._active and event.type() in _INPUT_EVENTS:
            self.poke()
        return super().eventFilter(watched, event)

    def _on_check(self) -> None:
        if self._active and not self._fired and self._since.elapsed() >= self._timeout_ms:
            self._fired = True
            self.idle.emit()
