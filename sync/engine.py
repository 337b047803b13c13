"""One sync cycle: health → push* → pull* → token rotation (SYNC_PROTOCOL.md §6.3).

``run_cycle`` runs on the network lane and never opens a Session: every store access goes through
``run_db(fn)``, which runs ``fn(session)`` in one write transaction on the DB lane and returns its
result (tests pass :func:`db_runner` without an executor). A cycle is one *try*: a transient
failure ends it with a status the scheduler turns into a backoff, and the next cycle resends the
frozen batch byte-identical. At most one cycle runs per store at a time (``busy`` otherwise).
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from models.base import new_id
from models.repositories import outbox as outbox_repo
from models.repositories import sync_state as sync_state_repo
from models.services import sync_apply
from models.sync_state import SyncState
from sync import log as sync_log
from sync import outbox, protocol
from sync import reference as sync_reference
from sync.client import SyncClient
from sync.connectivity import Connectivity, version_tuple
from sync.errors import (
    AuthError,
    BatchRejected,
    CaptivePortal,
    ClientTooOld,
    CursorExpired,
    PayloadTooLarge,
    ProtocolError,
    RateLimited,
    RequestRejected,
    SyncError,
    SyncTimeout,
)
from sync.scheduler import SchedulerState, SyncScheduler

__all__ = [
    "Progress",
    "RunDb",
    "SyncResult",
    "SyncStatus",
    "db_runner",
    "load_scheduler_state",
    "run_cycle",
    "schedule_next",
]

log = logging.getLogger(__name__)

T = TypeVar("T")
RunDb = Callable[[Callable[[Session], T]], T]


class SyncStatus(StrEnum):
    OK = "ok"  # pushed and pulled everything
    OFFLINE = "offline"  # transient: network, timeout, 5xx, bad reply (backoff, resend)
    RATE_LIMITED = "rate_limited"  # transient, wait retry_after at least
    CAPTIVE_PORTAL = "captive_portal"  # transient: Wi-Fi login page
    REVOKED = "revoked"  # device revoked or wiped: stop, keep data
    AUTH_REQUIRED = "auth_required"  # token unknown: enroll again (re-login)
    NOT_ENROLLED = "not_enrolled"
    TOO_OLD = "too_old"  # pushed what it could; pulling needs an update
    FORBIDDEN = "forbidden"  # a record came back forbidden: stop and tell ("hubungi admin")
    FAILED = "failed"  # a non-transient error that is not one of the above
    CANCELLED = "cancelled"
    BUSY = "busy"  # another cycle of this store is running

    @property
    def transient(self) -> bool:
        return self in (SyncStatus.OFFLINE, SyncStatus.RATE_LIMITED, SyncStatus.CAPTIVE_PORTAL)


@dataclass(frozen=True, slots=True)
class Progress:
    stage: str  # "checking", "sending", "receiving", "rotating"
    done: int = 0
    total: int = 0


@dataclass
class SyncResult:
    status: SyncStatus
    sent: int = 0
    accepted: int = 0
    duplicate: int = 0
    conflicts: int = 0
    invalid: int = 0
    forbidden: int = 0
    pulled: int = 0
    changed_ids: list[uuid.UUID] = field(default_factory=list, repr=False)
    error: SyncError | None = None
    retry_after: float = 0.0
    clock_offset_s: float | None = None
    unsent: int = 0
    batches: int = 0
    started_at: datetime | None = None
    finished_at: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.status == SyncStatus.OK

    @property
    def received(self) -> int:
        return self.accepted + self.duplicate

    @property
    def failed(self) -> int:
        return self.conflicts + self.invalid + self.forbidden

    def counts(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in sync_log.COUNT_KEYS}


def db_runner(db: Any, executor: Executor | None = None) -> RunDb[Any]:
    """``run_db`` for a ``models.db.Database``: ``fn(session)`` in one write transaction, on
    ``executor`` (the DB lane, ``core.lanes.db()``) if given, else in the calling thread."""

    def run(fn: Callable[[Session], T]) -> T:
        def job() -> T:
            with db.session_scope() as session:
                return fn(session)

        if executor is None:
            return job()
        return executor.submit(job).result()

    return run


def schedule_next(scheduler: SyncScheduler, result: SyncResult, now: float) -> float | None:
    """Feed a finished cycle to the scheduler; returns the seconds until the next one is due
    (``None``: stopped until the agent acts, e.g. device revoked or not enrolled)."""
    status = result.status
    if status == SyncStatus.BUSY:
        return scheduler.seconds_until_due(now)
    if status in (SyncStatus.OK, SyncStatus.TOO_OLD):
        scheduler.succeeded(
            now
        )  # too old: pushing goes on every interval, the banner asks to update
    elif status == SyncStatus.CANCELLED:
        scheduler.cancelled(now)
    elif status.transient or status == SyncStatus.FAILED:
        scheduler.failed(now, retry_after=result.retry_after)
    else:
        scheduler.stopped(status.value)
    return scheduler.seconds_until_due(now)


def load_scheduler_state(run_db: RunDb[Any]) -> SchedulerState:
    """The persisted backoff count, for ``SyncScheduler(state=…)`` at start-up."""

    def read(session: Session) -> SchedulerState:
        state = sync_state_repo.get(session)
        if state is None:
            return SchedulerState()
        return SchedulerState(
            attempt=state.attempt or 0, halted="device-revoked" if state.revoked else None
        )

    result: SchedulerState = run_db(read)
    return result


# ---------------------------------------------------------------------------- the cycle

_locks_guard = threading.Lock()
_locks: dict[str, threading.Lock] = {}


def _store_lock(key: str) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(key, threading.Lock())


@dataclass(frozen=True, slots=True)
class _StateView:
    store_key: str
    server_url: str | None
    device_id: uuid.UUID | None
    agent_id: uuid.UUID | None
    token: str | None
    next_token: str | None
    rotation_id: uuid.UUID | None
    rotate_after: datetime | None
    revoked: bool
    cursor: str | None
    unsent: int
    last_outcome: str | None  # "ok" or the error code of the previous cycle


def _read_state(session: Session) -> _StateView:
    """The few ``sync_state`` columns a cycle needs (a plain column select: this runs on every
    try, so it skips loading the JSON ``extra``)."""
    columns = (
        SyncState.server_url,
        SyncState.device_id,
        SyncState.agent_id,
        SyncState.device_token,
        SyncState.next_token,
        SyncState.rotation_id,
        SyncState.token_rotate_after,
        SyncState.revoked,
        SyncState.pull_cursor,
        SyncState.last_error_code,
        SyncState.last_attempt_at,
        SyncState.last_success_at,
    )
    row = session.execute(select(*columns).where(SyncState.id == 1)).one_or_none()
    if row is None:
        sync_state_repo.get_or_create(session)
        row = session.execute(select(*columns).where(SyncState.id == 1)).one()
    bind = session.get_bind()
    previous_ok = row.last_attempt_at is not None and row.last_attempt_at == row.last_success_at
    return _StateView(
        store_key=str(bind.engine.url.database or id(bind)),
        server_url=row.server_url,
        device_id=row.device_id,
        agent_id=row.agent_id,
        token=row.device_token,
        next_token=row.next_token,
        rotation_id=row.rotation_id,
        rotate_after=row.token_rotate_after,
        revoked=bool(row.revoked),
        cursor=row.pull_cursor,
        unsent=outbox_repo.unsent_count(session),
        last_outcome="ok" if previous_ok else row.last_error_code,
    )


def run_cycle(
    client: SyncClient,
    run_db: RunDb[Any],
    *,
    cancel: threading.Event | None = None,
    progress: Callable[[Progress], None] | None = None,
    now: Callable[[], datetime] | None = None,
    pull_limit: int | None = None,
) -> SyncResult:
    """One sync try. Never raises for network or server trouble: the status says what happened
    (``SyncResult.error`` holds the typed error); store errors propagate."""
    clock = now or (lambda: datetime.now(UTC))
    view = run_db(_read_state)
    lock = _store_lock(view.store_key)
    if not lock.acquire(blocking=False):
        return SyncResult(SyncStatus.BUSY)
    try:
        cycle = _Cycle(
            client, run_db, view, cancel or threading.Event(), progress, clock, pull_limit
        )
        result = cycle.run()
    finally:
        lock.release()
    return result


class _Cycle:
    def __init__(
        self,
        client: SyncClient,
        run_db: RunDb[Any],
        view: _StateView,
        cancel: threading.Event,
        progress: Callable[[Progress], None] | None,
        clock: Callable[[], datetime],
        pull_limit: int | None,
    ) -> None:
        self.client = client
        self.run_db = run_db
        self.view = view
        self.cancel = cancel
        self._progress = progress
        self.clock = clock
        self.pull_limit = pull_limit
        self.result = SyncResult(SyncStatus.OK, started_at=clock())
        self.health: protocol.Health | None = None

    def report(self, stage: str, done: int = 0, total: int = 0) -> None:
        if self._progress is not None:
            self._progress(Progress(stage, done, total))

    # -------------------------------------------------------------- driver

    def run(self) -> SyncResult:
        view = self.view
        if not view.token or view.device_id is None or view.agent_id is None:
            return self.finish(SyncStatus.NOT_ENROLLED)
        if view.revoked:
            return self.finish(SyncStatus.REVOKED)
        if self.client.token != view.token:
            self.client.set_token(view.token)
        try:
            connectivity = self.check()
            if connectivity not in (Connectivity.ONLINE, Connectivity.TOO_OLD):
                return self.finish(_status_of(connectivity))
            stop = self.push()
            if stop is not None:
                return self.finish(stop)
            if connectivity == Connectivity.TOO_OLD:
                return self.finish(SyncStatus.TOO_OLD)
            stop = self.pull()
            if stop is not None:
                return self.finish(stop)
            self.rotate_token()
        except SyncError as exc:
            return self.finish(self.classify(exc), error=exc)
        return self.finish(SyncStatus.OK)

    def classify(self, exc: SyncError) -> SyncStatus:
        if isinstance(exc, RateLimited):
            self.result.retry_after = max(self.result.retry_after, exc.retry_after)
            return SyncStatus.RATE_LIMITED
        if isinstance(exc, CaptivePortal):
            return SyncStatus.CAPTIVE_PORTAL
        if isinstance(exc, AuthError):
            if exc.revoked:
                self.run_db(lambda s: _mark_revoked(s, wipe=exc.code == "device-wipe"))
                return SyncStatus.REVOKED
            return SyncStatus.AUTH_REQUIRED
        if isinstance(exc, ClientTooOld):
            return SyncStatus.TOO_OLD
        if exc.transient:
            return SyncStatus.OFFLINE
        return SyncStatus.FAILED

    def finish(self, status: SyncStatus, *, error: SyncError | None = None) -> SyncResult:
        result = self.result
        result.status = status
        if error is not None:
            result.error = error
        result.finished_at = self.clock()
        result.changed_ids = list(dict.fromkeys(result.changed_ids))
        if status == SyncStatus.BUSY:
            return result
        result.unsent = self.run_db(
            partial(_record_outcome, result=result, previous=self.view.last_outcome)
        )
        if error is not None and status != SyncStatus.OK:
            log.info("sync cycle ended %s (%s)", status.value, error.code)
        return result

    # -------------------------------------------------------------- steps

    def check(self) -> Connectivity:
        self.report("checking")
        try:
            reply = self.client.health()
        except AuthError as exc:
            if not exc.revoked and self._try_next_token():
                reply = self.client.health()
            else:
                raise
        self.health = reply.health
        self.result.clock_offset_s = reply.clock_offset_s  # stored with the outcome
        health = reply.health
        if protocol.PROTOCOL_VERSION not in health.protocol_versions or version_tuple(
            self.client.client_version
        ) < version_tuple(health.min_client_version):
            self.result.error = ClientTooOld(min_version=health.min_client_version)
            return Connectivity.TOO_OLD
        return Connectivity.ONLINE

    def _try_next_token(self) -> bool:
        """401 with a rotated token stored but maybe not yet switched to: use it."""
        fresh = self.run_db(_read_state)
        candidate = fresh.next_token or (fresh.token if fresh.token != self.client.token else None)
        if not candidate or candidate == self.client.token:
            return False
        self.client.set_token(candidate)
        if fresh.next_token:
            self.run_db(
                lambda s: sync_state_repo.update(
                    s, device_token=candidate, next_token=None, rotation_id=None
                )
            )
        return True

    def push(self) -> SyncStatus | None:
        """Send batches until the outbox is empty, one request in flight at a time. While the
        server works on batch k, the store freezes (and commits) batch k+1 from rows of other
        records; when k's reply is all accepted/duplicate, k+1 leaves at once and k's reply is
        applied while the server works on k+1. Any other reply is applied before anything
        else is sent (k+1 stays frozen and goes next, as after a restart)."""
        identity = outbox.Identity(self.view.device_id, self.view.agent_id)  # type: ignore[arg-type]
        limits = self.health.limits if self.health else protocol.Limits()
        schema = self.health.schema_ if self.health else protocol.SchemaRange()
        total = self.view.unsent

        def next_batch(after: outbox.OutgoingBatch | None = None) -> outbox.OutgoingBatch | None:
            return self.run_db(
                lambda s: outbox.next_batch(
                    s,
                    identity=identity,
                    max_changes=min(limits.max_changes, protocol.MAX_CHANGES),
                    max_body_bytes=limits.max_body_bytes,
                    schema_current=schema.current,
                    after=after,
                )
            )

        sender = ThreadPoolExecutor(1, thread_name_prefix="sync-push")
        in_flight: Future[protocol.PushResponse] | None = None  # the request for `batch`
        batch: outbox.OutgoingBatch | None = None
        ahead: outbox.OutgoingBatch | None = None  # frozen, not sent, no record of `batch`

        def send(outgoing: outbox.OutgoingBatch) -> Future[protocol.PushResponse]:
            self.report("sending", self.result.sent, max(total, self.result.sent + len(outgoing)))
            return sender.submit(self.client.push, outgoing.wire, gzipped=True)

        try:
            while True:
                if in_flight is None:
                    if self.cancel.is_set():
                        return SyncStatus.CANCELLED
                    batch, ahead = (ahead, None) if ahead is not None else (next_batch(), None)
                    if batch is None:
                        return None
                    in_flight = send(batch)
                assert batch is not None
                try:
                    if ahead is None and not self.cancel.is_set():
                        ahead = next_batch(after=batch)  # while the server works
                    future, in_flight = in_flight, None
                    response = future.result()
                    outbox.check_response(batch=batch, response=response)
                    if outbox.settled(response) and ahead is not None and not self.cancel.is_set():
                        in_flight = send(ahead)
                    applied = self.run_db(
                        partial(outbox.apply_response, batch=batch, response=response)
                    )
                except SyncTimeout:
                    self.run_db(partial(outbox.after_timeout, batch=batch))
                    raise
                except PayloadTooLarge as exc:
                    ahead = None  # still frozen: it goes after the rest of this batch
                    if self.run_db(partial(outbox.after_too_large, batch=batch, limits=exc.limits)):
                        self._quarantined(batch)
                    continue
                except (BatchRejected, RequestRejected) as exc:
                    if exc.status not in (400, 422):
                        raise
                    ahead = None
                    if self.run_db(
                        partial(
                            outbox.after_rejected, batch=batch, errors=exc.errors, code=exc.code
                        )
                    ):
                        self._quarantined(batch)
                    continue
                except AuthError as exc:
                    if not exc.revoked and self._try_next_token():
                        ahead = None
                        continue
                    raise
                self._count(batch, applied)
                if applied.forbidden:
                    return SyncStatus.FORBIDDEN  # what was frozen ahead is sent next time
                if in_flight is not None:
                    batch, ahead = ahead, None
        finally:
            if in_flight is not None:  # a store error while the next batch was out: let the
                wait([in_flight])  # request finish (the batch stays frozen, resent later)
            sender.shutdown(wait=True)

    def _count(self, batch: outbox.OutgoingBatch, applied: sync_apply.PushApplied) -> None:
        self.result.batches += 1
        self.result.sent += len(batch)
        self.result.accepted += applied.accepted
        self.result.duplicate += applied.duplicate
        self.result.conflicts += applied.conflicts
        self.result.invalid += applied.invalid
        self.result.forbidden += applied.forbidden
        self.result.changed_ids.extend(applied.changed_ids)

    def _quarantined(self, batch: outbox.OutgoingBatch) -> None:
        self.result.sent += 1
        self.result.invalid += 1
        self.result.changed_ids.extend(r.record_id for r in batch.rows)

    def pull(self) -> SyncStatus | None:
        cursor = self.view.cursor  # only this cycle moves it (the store lock is held)
        # Pages as big as the server allows (one store transaction each): fewer round trips
        # and commits than the protocol's default page.
        limit = self.pull_limit or (
            self.health.limits.max_page if self.health else protocol.DEFAULT_PAGE
        )
        restarted = False
        pages = 0
        while True:
            if self.cancel.is_set():
                return SyncStatus.CANCELLED
            self.report("receiving", self.result.pulled)
            try:
                page = self.client.changes(cursor, limit)
            except CursorExpired:
                if restarted:
                    raise
                restarted = True
                cursor = None
                self.run_db(lambda s: sync_state_repo.update(s, pull_cursor=None))
                continue
            stamp = self.clock()
            applied = self.run_db(partial(sync_apply.apply_pulled_page, page=page, now=stamp))
            pages += 1
            self.result.pulled += applied.entries
            self.result.changed_ids.extend(applied.changed_ids)
            if not page.has_more:
                sync_reference.refresh(self.client, self.run_db, now=self.clock)  # SYNC §4.7
                return None
            if page.next_cursor is None or page.next_cursor == cursor or not page.changes:
                raise ProtocolError("feed-stuck", detail=f"cursor {cursor} after {pages} pages")
            cursor = page.next_cursor

    def rotate_token(self) -> None:
        """Every 30 days: store the rotation id, ask, store the new token durably, then use it."""
        view = self.view
        # The server's time, not the laptop's: a laptop clock a month off must not decide.
        server_now = self.clock() + timedelta(seconds=self.result.clock_offset_s or 0.0)
        due = view.rotation_id is not None or (
            view.rotate_after is not None and server_now >= view.rotate_after
        )
        if not due:
            return
        self.report("rotating")
        rotation_id = view.rotation_id or new_id()
        if view.rotation_id is None:
            self.run_db(lambda s: sync_state_repo.update(s, rotation_id=rotation_id))
        reply = self.client.rotate_token(rotation_id)
        self.run_db(
            lambda s: sync_state_repo.update(
                s,
                next_token=reply.device_token,
                token_rotate_after=reply.token_rotate_after,
            )
        )
        self.client.set_token(reply.device_token)
        self.run_db(
            lambda s: sync_state_repo.update(
                s, device_token=reply.device_token, next_token=None, rotation_id=None
            )
        )


def _status_of(connectivity: Connectivity) -> SyncStatus:
    return {
        Connectivity.OFFLINE: SyncStatus.OFFLINE,
        Connectivity.CAPTIVE_PORTAL: SyncStatus.CAPTIVE_PORTAL,
        Connectivity.REVOKED: SyncStatus.REVOKED,
        Connectivity.AUTH_REQUIRED: SyncStatus.AUTH_REQUIRED,
        Connectivity.NOT_ENROLLED: SyncStatus.NOT_ENROLLED,
        Connectivity.TOO_OLD: SyncStatus.TOO_OLD,
    }.get(connectivity, SyncStatus.FAILED)


def _mark_revoked(session: Session, *, wipe: bool) -> None:
    fields: dict[str, Any] = {"revoked": True}
    if wipe:
        fields.update(device_token=None, next_token=None)
    sync_state_repo.update(session, **fields)


def _record_outcome(session: Session, result: SyncResult, *, previous: str | None) -> int:
    """Persist the cycle's outcome (attempt count, last success, clock offset) and, when
    something happened or the outcome changed, a log line; returns the unsent count."""
    at = result.finished_at or datetime.now(UTC)
    values: dict[str, Any] = {"last_attempt_at": at}
    if result.clock_offset_s is not None:
        values["clock_offset_s"] = int(round(result.clock_offset_s))
    error = None
    if result.status == SyncStatus.OK:
        values.update(attempt=0, last_success_at=at, last_error_code=None)
        outcome = "ok"
    else:
        error = result.error.code if result.error is not None else result.status.value
        values["last_error_code"] = error
        if result.status.transient:
            values["attempt"] = SyncState.attempt + 1
        outcome = error
    session.execute(
        update(SyncState)
        .where(SyncState.id == 1)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    counts = result.counts()
    if any(counts.values()) or outcome != previous:
        # Repeated empty outcomes (offline all afternoon) do not flood the log.
        sync_log.append(
            session, at=at, event="sync", status=result.status.value, counts=counts, error=error
        )
    return outbox_repo.unsent_count(session)
