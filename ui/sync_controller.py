"""The status source the main window listens to: connection state, counts, last success.

Until the sync engine lands this controller has no network part: the state is ``not_enrolled``
when no server is enrolled and ``offline`` otherwise, and the counts (unsent, needs correction,
total) are read from the store on the DB lane. The sync task plugs its cycle in here and keeps
these signals, which the status bar, the to-do list and the prospect table already follow.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from core import lanes
from ui.tasks import run_in_background

log = logging.getLogger(__name__)

__all__ = ["SyncController", "STATE_NOT_ENROLLED", "STATE_OFFLINE", "STATE_ONLINE"]

STATE_NOT_ENROLLED = "not_enrolled"
STATE_OFFLINE = "offline"
STATE_ONLINE = "online"
STATE_SYNCING = "syncing"


class SyncController(QObject):
    """Publishes sync status for the widgets; ``refresh()`` re-reads the counts from the store."""

    state_changed = Signal(str)
    counts_changed = Signal(dict)
    records_changed = Signal(list)
    last_success_changed = Signal(object)

    def __init__(
        self,
        *,
        count_reader: Callable[[], dict[str, int]],
        enrolled: bool = False,
        last_success: datetime | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._count_reader = count_reader
        self._state = STATE_OFFLINE if enrolled else STATE_NOT_ENROLLED
        self._counts: dict[str, int] = {}
        self._last_success = last_success

    @property
    def state(self) -> str:
        return self._state

    @property
    def counts(self) -> dict[str, int]:
        return dict(self._counts)

    @property
    def last_success(self) -> datetime | None:
        return self._last_success

    def set_enrolled(self, enrolled: bool) -> None:
        self._set_state(STATE_OFFLINE if enrolled else STATE_NOT_ENROLLED)

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)

    @Slot()
    def refresh(self) -> None:
        """Re-read the counts on the DB lane; ``counts_changed`` fires on the GUI thread."""
        run_in_background(
            lanes.db(),
            self._count_reader,
            on_success=self._apply_counts,
            on_error=self._count_failed,
            owner=self,
        )

    def notify_records_changed(self, ids: Iterable[uuid.UUID]) -> None:
        """Saves and pulled pages call this so the table reloads those rows and counts refresh."""
        changed = list(ids)
        if changed:
            self.records_changed.emit(changed)
        self.refresh()

    def _apply_counts(self, counts: dict[str, int]) -> None:
        if counts != self._counts:
            self._counts = dict(counts)
            self.counts_changed.emit(dict(counts))

    def _count_failed(self, exc: BaseException) -> None:
        log.error("reading sync counts failed", exc_info=exc)

    def sync_now(self) -> Any:
        """Placeholder trigger for *Sinkronkan sekarang* until the sync engine exists."""
        self.refresh()
        return None
