"""Push batches from the outbox, and their per-record results (SYNC_PROTOCOL.md §6.2, §6.4).

Every function here takes the caller's Session (the engine's ``run_db`` commits once around it):

- :func:`next_batch` returns the batch to send: the oldest **frozen** batch again, byte for byte
  (a resend after a fault or a restart), else a new one. A new batch takes the oldest pending rows,
  fills in the enrolled device's identity, sizes the batch to the adaptive gzip target, and
  freezes the rows with their exact bytes and the batch id **before** any byte leaves.
- :func:`apply_response` checks that the reply answers exactly this batch (one result per
  change) and applies all results in the same transaction
  (``models.services.sync_apply.apply_push_results``).
- :func:`after_timeout`, :func:`after_too_large`, :func:`after_rejected` adapt: halve the target
  on a timeout or a 413, split a batch after three timeouts, split to single changes on a 422 and
  quarantine a single change the server still refuses as a whole.

The batch JSON is built from the frozen row bytes only, and gzip runs without a timestamp, so a
resend is byte-identical. One batch is in flight at a time: rows are frozen only when no frozen
batch is left, so revision r+1 of a record can never overtake revision r.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from models.base import new_id
from models.outbox import OutboxEntry
from models.repositories import outbox as outbox_repo
from models.repositories import sync_state as sync_state_repo
from models.repositories.outbox import OutboxItem
from models.services import sync_apply
from models.services.sync_apply import PushApplied
from models.sync_state import SyncState
from sync import protocol
from sync.client import gzip_body
from sync.errors import ProtocolError

__all__ = [
    "BATCH_MAX_BYTES",
    "BATCH_MIN_BYTES",
    "BATCH_START_BYTES",
    "Identity",
    "OutgoingBatch",
    "after_rejected",
    "after_success",
    "after_timeout",
    "after_too_large",
    "apply_response",
    "batch_json",
    "check_response",
    "next_batch",
    "settled",
]

BATCH_START_BYTES = 32 * 1024
BATCH_MIN_BYTES = 2 * 1024
BATCH_MAX_BYTES = 256 * 1024
GROW_AFTER_SUCCESSES = 3
SPLIT_AFTER_TIMEOUTS = 3
_RAW_LIMIT = protocol.MAX_DECOMPRESSED_BYTES - 64 * 1024


@dataclass(frozen=True, slots=True)
class Identity:
    """The enrolled device, written into envelopes saved before enrollment."""

    device_id: uuid.UUID
    agent_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class OutgoingBatch:
    batch_id: uuid.UUID
    rows: tuple[OutboxItem, ...]
    attempts: int = 0
    resend: bool = False
    wire: bytes = field(default=b"", repr=False, compare=False)  # the gzipped request body

    def __post_init__(self) -> None:
        if not self.wire:
            object.__setattr__(self, "wire", gzip_body(self.body))

    @property
    def body(self) -> bytes:
        return batch_json(self.batch_id, [row.body for row in self.rows])

    @property
    def keys(self) -> list[tuple[uuid.UUID, int]]:
        return [(row.record_id, row.revision) for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows)


def batch_json(batch_id: uuid.UUID, bodies: Sequence[bytes]) -> bytes:
    """``{"batch_id": …, "changes": [<exact row bytes>, …]}`` with no re-encoding of the rows."""
    return b'{"batch_id":"' + str(batch_id).encode() + b'","changes":[' + b",".join(bodies) + b"]}"


def _new_batch_id() -> uuid.UUID:
    return new_id()


# ---------------------------------------------------------------------------- building


def next_batch(
    session: Session,
    *,
    identity: Identity,
    max_changes: int = protocol.MAX_CHANGES,
    max_body_bytes: int = protocol.MAX_BODY_BYTES,
    schema_current: int = protocol.SCHEMA_CURRENT,
    after: OutgoingBatch | None = None,
) -> OutgoingBatch | None:
    """The frozen batch to resend, else a newly frozen one, else ``None`` (outbox empty).

    ``after``: a batch sent (or answered) whose results are not applied yet; the engine freezes
    the next batch meanwhile, so that the store's work overlaps the server's. Then only new
    rows are frozen, none of a record in ``after`` (no revision of a record overtakes one still
    out, and an ``invalid`` renumbering or a conflict merge still finds those rows pending), and
    ``None`` is returned when another batch is frozen too (those go the ordinary way)."""
    if after is None:
        frozen = outbox_repo.frozen_batch(session)
        if frozen is not None:
            return OutgoingBatch(frozen.batch_id, tuple(frozen.rows), frozen.attempts, resend=True)
        skip: frozenset[uuid.UUID] = frozenset()
    else:
        if _other_frozen(session, after.batch_id):
            return None
        skip = frozenset(row.record_id for row in after.rows)
    current, _streak = _sizer(session)
    target = min(max(current, BATCH_MIN_BYTES), BATCH_MAX_BYTES)
    target = min(target, max_body_bytes)
    candidates = sync_apply.pending_items(session, limit=max_changes + 50)
    rows: list[OutboxItem] = []
    bodies: list[bytes] = []
    for row in candidates:
        if row.record_id in skip:
            continue
        body = _with_identity(row.body, identity, schema_current=schema_current)
        if body is None:
            continue  # a schema newer than the server accepts: held until the server updates
        rows.append(row)
        bodies.append(body)
        if len(rows) == max_changes:
            break
    if not rows:
        return None
    batch_id = _new_batch_id()
    count, wire = _fitting_prefix(batch_id, bodies, target=target)
    frozen_rows = sync_apply.freeze_rows(
        session, rows=rows[:count], batch_id=batch_id, bodies=bodies[:count]
    )
    if not frozen_rows:
        return None
    sync_apply.mark_sending(session, record_ids=[r.record_id for r in frozen_rows])
    if len(frozen_rows) != count:
        wire = b""  # a row changed under us (cannot happen inside one transaction): rebuild
    return OutgoingBatch(batch_id, tuple(frozen_rows), wire=wire)


def _other_frozen(session: Session, batch_id: uuid.UUID) -> bool:
    """Is any row frozen in a batch other than ``batch_id``?"""
    found = session.scalar(
        select(OutboxEntry.seq)
        .where(OutboxEntry.state == "frozen", OutboxEntry.batch_id != batch_id)
        .limit(1)
    )
    return found is not None


_SCHEMA_RE = re.compile(rb'"schema_version":(\d+)[,}]')


def _with_identity(body: bytes, identity: Identity, *, schema_current: int) -> bytes | None:
    """The row's envelope with ``device_id``/``agent_id`` filled in (canonical bytes)."""
    found = _SCHEMA_RE.search(body)
    if (
        found is not None
        and int(found.group(1)) <= schema_current
        and b'"device_id":"' in body
        and b'"agent_id":"' in body
    ):
        return body  # saved after enrollment: already complete (canonical keys are unique)
    if (
        found is not None
        and int(found.group(1)) <= schema_current
        and body.startswith(b'{"base_revision":')
        and b'"device_id":' not in body
    ):
        # Saved before enrollment (no agent_id/device_id at all). Canonical order puts
        # agent_id first and device_id right before entity_type (JCS: agent_id < base_revision
        # < deleted < device_id < entity_type); the first ',"entity_type":' is the top-level
        # key (only an int and a bool precede it), so splicing equals re-encoding.
        cut = body.find(b',"entity_type":')
        if cut > 0:
            return b"".join(
                (
                    b'{"agent_id":"',
                    str(identity.agent_id).encode(),
                    b'",',
                    body[1:cut],
                    b',"device_id":"',
                    str(identity.device_id).encode(),
                    b'"',
                    body[cut:],
                )
            )
    envelope: dict[str, Any] = json.loads(body)
    if int(envelope.get("schema_version", 1)) > schema_current:
        return None
    if envelope.get("device_id") and envelope.get("agent_id"):
        return body
    envelope.setdefault("device_id", str(identity.device_id))
    envelope.setdefault("agent_id", str(identity.agent_id))
    return protocol.canonical_json(envelope)


def _fitting_prefix(
    batch_id: uuid.UUID, bodies: Sequence[bytes], *, target: int
) -> tuple[int, bytes]:
    """How many rows (at least one) fit in ``target`` gzipped bytes, and that gzipped body."""
    wires: dict[int, bytes] = {}

    def fits(k: int) -> bool:
        raw = batch_json(batch_id, bodies[:k])
        if len(raw) > _RAW_LIMIT and k > 1:
            return False
        wires[k] = gzip_body(raw)
        return len(wires[k]) <= target

    n = len(bodies)
    if fits(n):
        return n, wires[n]
    k = max(1, min(n - 1, int(n * target / max(len(wires.get(n, b"x")), 1) * 0.97)))
    if fits(k):
        for _ in range(3):  # the estimate was careful: try a few rows more
            step = max(1, (n - k) // 8)
            if k + step >= n or not fits(k + step):
                break
            k += step
        return k, wires[k]
    while k > 1 and not fits(k):
        k = max(1, int(k * 0.85))
    if k not in wires:
        fits(k)
    return k, wires[k]


# ---------------------------------------------------------------------------- results


def apply_response(
    session: Session, *, batch: OutgoingBatch, response: protocol.PushResponse
) -> PushApplied:
    """Apply a push reply in the caller's transaction; a reply that does not answer exactly this
    batch raises ``ProtocolError`` (a failed exchange: the frozen batch is resent later)."""
    ordered = check_response(batch=batch, response=response)
    applied = sync_apply.apply_push_results(session, rows=batch.rows, results=ordered)
    after_success(session)
    return applied


def settled(response: protocol.PushResponse) -> bool:
    """Every change accepted or duplicate: applying the reply only retires rows and updates
    their own records (nothing is renumbered, re-queued or stopped)."""
    return all(r.status in ("accepted", "duplicate") for r in response.results)


def check_response(
    *, batch: OutgoingBatch, response: protocol.PushResponse
) -> list[protocol.PushResult]:
    """The results in the batch's row order; ``ProtocolError`` unless the reply answers
    exactly this batch (one result per change). Touches no store."""
    if response.batch_id != batch.batch_id:
        raise ProtocolError("batch-mismatch", detail=f"{response.batch_id} != {batch.batch_id}")
    by_key = {}
    for result in response.results:
        key = (result.id, result.revision)
        if key in by_key:
            raise ProtocolError("duplicate-result", detail=str(key))
        by_key[key] = result
    if set(by_key) != set(batch.keys) or len(response.results) != len(batch.rows):
        raise ProtocolError(
            "results-mismatch",
            detail=f"{len(response.results)} results for {len(batch.rows)} changes",
        )
    return [by_key[key] for key in batch.keys]


def _sizer(session: Session) -> tuple[int, int]:
    """``(batch_bytes, success_streak)`` from ``sync_state`` (columns only: runs per batch)."""
    row = session.execute(
        select(SyncState.batch_bytes, SyncState.success_streak).where(SyncState.id == 1)
    ).one_or_none()
    if row is None:
        state = sync_state_repo.get_or_create(session)
        return state.batch_bytes or BATCH_START_BYTES, state.success_streak or 0
    return row.batch_bytes or BATCH_START_BYTES, row.success_streak or 0


def _set_sizer(session: Session, *, target: int, streak: int) -> None:
    session.execute(
        update(SyncState)
        .where(SyncState.id == 1)
        .values(batch_bytes=target, success_streak=streak)
        .execution_options(synchronize_session=False)
    )


def after_success(session: Session) -> None:
    """Double the batch target after three successes in a row, up to 256 KiB."""
    target, streak = _sizer(session)
    streak += 1
    if streak >= GROW_AFTER_SUCCESSES:
        target = min(BATCH_MAX_BYTES, target * 2)
        streak = 0
    _set_sizer(session, target=target, streak=streak)


def _halve(session: Session) -> None:
    target, _streak = _sizer(session)
    _set_sizer(session, target=max(BATCH_MIN_BYTES, target // 2), streak=0)


def _split(session: Session, batch: OutgoingBatch, *, singles: bool) -> None:
    """Regroup the frozen rows (same bytes) into two halves, or one batch per row."""
    rows = list(batch.rows)
    if singles:
        groups = [[row] for row in rows[1:]]
    else:
        groups = [rows[len(rows) // 2 :]]
    for group in groups:
        outbox_repo.rebatch(session, seqs=[r.seq for r in group], batch_id=_new_batch_id())


def after_timeout(session: Session, *, batch: OutgoingBatch) -> None:
    """Halve the target; after the third timeout of this batch, split it in two."""
    _halve(session)
    outbox_repo.bump_attempts(session, batch_id=batch.batch_id)
    if batch.attempts + 1 >= SPLIT_AFTER_TIMEOUTS and len(batch.rows) > 1:
        _split(session, batch, singles=False)


def after_too_large(session: Session, *, batch: OutgoingBatch, limits: dict[str, Any]) -> bool:
    """413: halve the target and split the batch; ``True`` if a single change was quarantined."""
    _halve(session)
    if len(batch.rows) > 1:
        _split(session, batch, singles=False)
        return False
    errors = [
        {"field": "payload", "code": "payload-too-large", **({"limits": limits} if limits else {})}
    ]
    sync_apply.quarantine_locally(session, row=batch.rows[0], status="invalid", errors=errors)
    return True


def after_rejected(
    session: Session, *, batch: OutgoingBatch, errors: list[dict[str, Any]], code: str
) -> bool:
    """422/400 for a whole batch: split to single changes; a single change still refused is
    quarantined as invalid with the server's errors. ``True`` if a change was quarantined."""
    if len(batch.rows) > 1:
        _split(session, batch, singles=True)
        return False
    errs = [e for e in errors if isinstance(e, dict)] or [{"field": "payload", "code": code}]
    sync_apply.quarantine_locally(session, row=batch.rows[0], status="invalid", errors=errs)
    return True
