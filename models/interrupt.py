"""Stop a long read from another thread: ``sqlite3_interrupt`` on the connection running it.

The list's count (status bar) runs on the DB lane once typing pauses; on a common word it scans
much of the store (tens of milliseconds on 100k prospects, more on a slow laptop). A key typed
meanwhile queues its page behind it. ``Interruptible.running(session)`` marks the statements of
one block as stoppable; ``interrupt()`` (any thread) stops the one running, and the block raises
``Cancelled``. SQLite ignores an interrupt that comes between two statements, so the block also
watches each statement start (the connection's trace callback) and stops it if an interrupt
came first. The lock keeps an interrupt from reaching the connection after the block.
Use it inside the session's scope (``with db.read_scope() as s, guard.running(s):``), so that
the rollback at the scope's end is not traced.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from core.errors import Cancelled

if TYPE_CHECKING:  # the list's model holds one from the start, before the ORM is loaded
    from sqlalchemy.orm import Session

__all__ = ["Interruptible"]


class Interruptible:
    """One stoppable block at a time (the DB lane runs one job at a time)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._raw: Any = None  # the driver connection of the running block
        self._stopped = False

    @contextmanager
    def running(self, session: Session) -> Iterator[None]:
        """Run the block's statements so that ``interrupt()`` can stop them (``Cancelled``)."""
        raw: Any = session.connection().connection.driver_connection
        with self._lock:
            self._raw, self._stopped = raw, False

        def starts(_statement: str) -> None:  # the DB thread, as each statement begins
            if self._stopped:
                raw.interrupt()

        raw.set_trace_callback(starts)
        try:
            yield
        except Exception as exc:
            from sqlalchemy.exc import OperationalError  # loaded: a session is running

            if (
                self._stopped
                and isinstance(exc, OperationalError)
                and "interrupt" in str(exc.orig).lower()
            ):
                raise Cancelled() from exc
            raise
        finally:
            with self._lock:
                self._raw = None
            raw.set_trace_callback(None)

    def interrupt(self) -> bool:
        """Stop the block running now, if any (its current or next statement); True if there
        was one."""
        with self._lock:
            if self._raw is None:
                return False
            self._stopped = True
            self._raw.interrupt()
            return True
