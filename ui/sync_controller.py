"""The sync driver of an unlocked session (UI.md §2, §3.6; SYNC_PROTOCOL.md §6.3, §6.4).

``SyncController`` runs ``sync.engine.run_cycle`` on the network lane through ``ui.tasks.start_job``;
every store access of the cycle goes through ``db_runner(db, lanes.db())``, so no Session is ever
opened on the GUI or network thread. At most one cycle runs at a time (a request during a cycle
runs once right after it). Triggers: unlock (once enrolled), 30 s after a save, every
``settings.sync_interval_minutes`` when ``settings.auto_sync``, on demand (F5, buttons); failures
back off as ``sync.scheduler`` says. Offline is a state, never a dialog. ``shutdown()`` (lock,
quit) cancels the running cycle at its next batch and stops every store access.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from core import lanes
from core.errors import Cancelled
from core.settings import Settings
from ui.tasks import Job, JobControl, run_in_background, start_job

log = logging.getLogger(__name__)

__all__ = [
    "STATE_CAPTIVE",
    "STATE_NOT_ENROLLED",
    "STATE_OFFLINE",
    "STATE_ONLINE",
    "STATE_REVOKED",
    "STATE_SYNCING",
    "SyncController",
]

STATE_NOT_ENROLLED = "not_enrolled"
STATE_OFFLINE = "offline"
STATE_ONLINE = "online"
STATE_SYNCING = "syncing"
STATE_CAPTIVE = "captive_portal"
STATE_REVOKED = "revoked"

CLIENT_TIMEOUT = (3.0, 20.0)


class SyncController(QObject):
    """Publishes sync status for the widgets and drives the sync cycles of the open store."""

    state_changed = Signal(str)
    counts_changed = Signal(dict)
    records_changed = Signal(list)
    last_success_changed = Signal(object)
    progress_changed = Signal(str, int, int)  # stage ("checking", "sending", "receiving"), n, m
    running_changed = Signal(bool)
    cycle_finished = Signal(object)  # sync.engine.SyncResult
    message_changed = Signal(str)  # the message bar's problem code ("" = nothing to say)
    retry_changed = Signal(object)  # seconds until the automatic retry after a failure, or None
    enroll_finished = Signal(object)  # sync.enrollment.EnrollResult
    enroll_failed = Signal(object)  # the exception (ui.errors.user_message gives the sentence)

    def __init__(
        self,
        *,
        count_reader: Callable[[], dict[str, int]],
        enrolled: bool = False,
        last_success: datetime | None = None,
        db: Any = None,
        settings_provider: Callable[[], Settings] | None = None,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._count_reader = count_reader
        self._enrolled = enrolled
        self._state = STATE_OFFLINE if enrolled else STATE_NOT_ENROLLED
        self._state_before_cycle = self._state  # what *Batal* returns to
        self._counts: dict[str, int] = {}
        self._last_success = last_success
        self._db = db
        self._settings = settings_provider or Settings
        self._clock = clock
        self._closed = threading.Event()
        self._job: Job | None = None
        self._again = False
        self._message = ""
        self._retry_in: float | None = None
        self._progress: tuple[str, int, int] | None = None
        self.last_result: Any = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._timer_fired)
        self._scheduler: Any = None
        if db is not None:
            from sync.scheduler import SyncScheduler

            settings = self._settings()
            self._scheduler = SyncScheduler(interval_s=settings.sync_interval_minutes * 60.0)

    # -- state --------------------------------------------------------------------------------

    @property
    def state(self) -> str:
        return self._state

    @property
    def counts(self) -> dict[str, int]:
        return dict(self._counts)

    @property
    def last_success(self) -> datetime | None:
        return self._last_success

    @property
    def running(self) -> bool:
        return self._job is not None

    @property
    def enrolled(self) -> bool:
        return self._enrolled

    @property
    def message(self) -> str:
        return self._message

    @property
    def retry_in(self) -> float | None:
        return self._retry_in

    @property
    def progress(self) -> tuple[str, int, int] | None:
        return self._progress

    def set_enrolled(self, enrolled: bool) -> None:
        """The store's enrollment as read at unlock; an enrolled laptop syncs right away."""
        was = self._enrolled
        self._enrolled = enrolled
        if not enrolled:
            self._set_state(STATE_NOT_ENROLLED)
            return
        if self._state == STATE_NOT_ENROLLED:
            self._set_state(STATE_OFFLINE)
        if not was and self._scheduler is not None and self._settings().auto_sync:
            self._scheduler.on_start(self._clock())
            self._arm()

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)

    def _set_message(self, code: str) -> None:
        if code != self._message:
            self._message = code
            self.message_changed.emit(code)

    # -- counts -------------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Re-read the counts on the DB lane; ``counts_changed`` fires on the GUI thread."""
        if self._closed.is_set():
            return
        run_in_background(
            lanes.db(),
            self._count_reader,
            on_success=self._apply_counts,
            on_error=self._count_failed,
            owner=self,
        )

    def notify_records_changed(self, ids: Iterable[uuid.UUID]) -> None:
        """Saves and pulled pages call this so the table reloads those rows and counts refresh.

        A local save also arms the 30-second debounce of the next sync."""
        changed = list(ids)
        if changed:
            self.records_changed.emit(changed)
            self.record_saved()
        self.refresh()

    def record_saved(self) -> None:
        """A record was saved: sync 30 s later (later saves do not push it back)."""
        if self._scheduler is None or not self._enrolled or not self._settings().auto_sync:
            return
        self._scheduler.on_save(self._clock())
        self._arm()

    def _apply_counts(self, counts: dict[str, int]) -> None:
        if self._closed.is_set():
            return
        if counts != self._counts:
            self._counts = dict(counts)
            self.counts_changed.emit(dict(counts))

    def _count_failed(self, exc: BaseException) -> None:
        log.error("reading sync counts failed", exc_info=exc)

    # -- cycles -------------------------------------------------------------------------------

    def _run_db(self) -> Callable[[Callable[[Any], Any]], Any]:
        from sync.engine import db_runner

        inner = db_runner(self._db, lanes.db())
        closed = self._closed

        def run(fn: Callable[[Any], Any]) -> Any:
            if closed.is_set():
                raise Cancelled(detail="store locked")
            return inner(fn)

        return run

    @Slot()
    def sync_now(self) -> None:
        """*Sinkronkan sekarang* (F5): a cycle now; during one, one more right after it."""
        if self._db is None or self._closed.is_set():
            self.refresh()
            return
        if self._scheduler is not None:
            self._scheduler.on_demand(self._clock())
        if self._job is not None:
            self._again = True
            return
        self._start_cycle()

    def cancel(self) -> None:
        """*Batal*: the running cycle stops at its next batch (nothing is lost)."""
        if self._job is not None:
            self._job.cancel()

    def shutdown(self) -> None:
        """Lock or quit: cancel the cycle, stop the timer, touch the store no more."""
        self._closed.set()
        self._timer.stop()
        self._again = False
        self.cancel()

    def _arm(self) -> None:
        if self._scheduler is None or self._closed.is_set():
            return
        seconds = self._scheduler.seconds_until_due(self._clock())
        if seconds is None:
            self._timer.stop()
            return
        self._timer.start(int(min(seconds, 86_400.0) * 1000))

    @Slot()
    def _timer_fired(self) -> None:
        if self._scheduler is None or self._job is not None or self._closed.is_set():
            return
        if not self._settings().auto_sync or not self._enrolled:
            return
        if self._scheduler.due(self._clock()) is None:
            self._arm()
            return
        self._start_cycle()

    def _start_cycle(self) -> None:
        from sync.engine import run_cycle
        from sync.enrollment import client_for_store

        if self._scheduler is not None:
            self._scheduler.interval_s = self._settings().sync_interval_minutes * 60.0
            self._scheduler.begin(self._clock())
        self._timer.stop()
        run_db = self._run_db()
        server_url = self._settings().server_url
        previous = self._state
        self._state_before_cycle = previous

        def cycle(control: JobControl) -> Any:
            from sync.engine import SyncResult, SyncStatus

            client = client_for_store(run_db, server_url=server_url, timeout=CLIENT_TIMEOUT)
            if client is None:
                return SyncResult(SyncStatus.NOT_ENROLLED)
            try:
                return run_cycle(
                    client,
                    run_db,
                    cancel=control.cancel_event,
                    progress=lambda p: control.report(p.done, p.total, p.stage),
                )
            finally:
                client.close()

        self._progress = ("checking", 0, 0)
        self._set_state(STATE_SYNCING)
        self._job = start_job(
            lanes.net(),
            cycle,
            on_success=self._cycle_done,
            on_error=lambda exc: self._cycle_failed(exc, previous),
            on_progress=self._on_progress,
        )
        self.running_changed.emit(True)
        self.progress_changed.emit("checking", 0, 0)

    def _on_progress(self, done: int, total: int, stage: str) -> None:
        if self._closed.is_set():
            return
        self._progress = (stage, done, total)
        self.progress_changed.emit(stage, done, total)

    def _cycle_failed(self, exc: BaseException, previous: str) -> None:
        self._job = None
        self._progress = None
        if self._closed.is_set():
            return
        if not isinstance(exc, Cancelled):
            log.error("sync cycle failed", exc_info=exc)
        if self._scheduler is not None:
            self._scheduler.failed(self._clock())
        self._set_state(previous if previous != STATE_SYNCING else STATE_OFFLINE)
        self.running_changed.emit(False)
        self._arm()

    def _cycle_done(self, result: Any) -> None:
        from sync.engine import SyncStatus, schedule_next

        self._job = None
        self._progress = None
        if self._closed.is_set():
            return
        self.last_result = result
        status = result.status
        seconds = None
        if self._scheduler is not None:
            seconds = schedule_next(self._scheduler, result, self._clock())
        state = {
            SyncStatus.OK: STATE_ONLINE,
            SyncStatus.TOO_OLD: STATE_ONLINE,
            SyncStatus.FORBIDDEN: STATE_ONLINE,
            SyncStatus.RATE_LIMITED: STATE_ONLINE,
            SyncStatus.OFFLINE: STATE_OFFLINE,
            SyncStatus.FAILED: STATE_OFFLINE,
            SyncStatus.CAPTIVE_PORTAL: STATE_CAPTIVE,
            SyncStatus.REVOKED: STATE_REVOKED,
            SyncStatus.NOT_ENROLLED: STATE_NOT_ENROLLED,
            SyncStatus.AUTH_REQUIRED: STATE_NOT_ENROLLED,
        }.get(status)
        if state is None and status == SyncStatus.CANCELLED:
            state = self._state_before_cycle  # *Batal* is not a fault: back to the state before
        if state is None:
            state = STATE_OFFLINE if self._state == STATE_SYNCING else self._state
        if status in (SyncStatus.NOT_ENROLLED, SyncStatus.AUTH_REQUIRED):
            self._enrolled = False
        self._set_state(state)
        wipe = result.error is not None and getattr(result.error, "code", "") == "device-wipe"
        message = {
            SyncStatus.OK: "",
            SyncStatus.REVOKED: "device-wipe" if wipe else "device-revoked",
            SyncStatus.CAPTIVE_PORTAL: "captive-portal",
            SyncStatus.TOO_OLD: "client-too-old",
            SyncStatus.FORBIDDEN: "forbidden",
            SyncStatus.AUTH_REQUIRED: "not-enrolled",
        }.get(status, self._message if status in (SyncStatus.BUSY,) else "")
        self._set_message(message)
        transient = status.transient or status == SyncStatus.FAILED
        self._retry_in = seconds if transient else None
        self.retry_changed.emit(self._retry_in)
        if result.finished_at is not None and status == SyncStatus.OK:
            self._last_success = result.finished_at
            self.last_success_changed.emit(result.finished_at)
        self.running_changed.emit(False)
        if result.changed_ids:
            self.records_changed.emit(list(result.changed_ids))
        self.refresh()
        self.cycle_finished.emit(result)
        if self._again:
            self._again = False
            self._start_cycle()
        else:
            self._arm()

    # -- enrollment ---------------------------------------------------------------------------

    def enroll(
        self, *, server_url: str, code: str, username: str, password: str, device_name: str
    ) -> None:
        """Enroll this laptop (SYNC §2.3) on the network lane; then a first sync."""
        from sync import enrollment

        if self._db is None or self._closed.is_set():
            return
        run_db = self._run_db()

        def work() -> Any:
            from sync.client import SyncClient

            client = SyncClient(enrollment.normalise_server_url(server_url), timeout=CLIENT_TIMEOUT)
            try:
                return enrollment.enroll(
                    run_db,
                    server_url=server_url,
                    code=code,
                    username=username,
                    password=password,
                    device_name=device_name,
                    client=client,
                )
            finally:
                client.close()

        run_in_background(
            lanes.net(),
            work,
            on_success=self._enrolled_ok,
            on_error=self._enroll_error,
            owner=self,
        )

    def _enrolled_ok(self, result: Any) -> None:
        if self._closed.is_set():
            return
        self._enrolled = True
        self._set_message("")
        if self._state in (STATE_NOT_ENROLLED, STATE_REVOKED):
            self._set_state(STATE_OFFLINE)
        self.enroll_finished.emit(result)
        self.sync_now()

    def _enroll_error(self, exc: BaseException) -> None:
        if self._closed.is_set():
            return
        log.info("enrollment failed: %s", getattr(exc, "code", type(exc).__name__))
        self.enroll_failed.emit(exc)

    # -- the panel's reads --------------------------------------------------------------------

    def read_log(self, on_done: Callable[[Any], None]) -> None:
        """``(entries, support_text, panel_counts, summary)`` of ``sync.log``, on the DB lane."""
        if self._db is None or self._closed.is_set():
            return
        db = self._db

        def read() -> Any:
            from sync import log as sync_log

            with db.read_scope() as session:
                return (
                    sync_log.entries(session, limit=50),
                    sync_log.support_text(session, limit=50),
                    sync_log.panel_counts(session),
                    sync_log.summary(session),
                )

        run_in_background(
            lanes.db(),
            read,
            on_success=on_done,
            on_error=lambda exc: log.error("reading the sync log failed", exc_info=exc),
            owner=self,
        )
