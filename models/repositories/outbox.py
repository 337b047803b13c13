"""Outbox queries (SYNC_PROTOCOL.md §6.1, §6.2). Functions never commit; the caller does.

Lifecycle of a row: ``enqueue`` (a save) inserts a ``pending`` row or replaces the record's
pending one; ``freeze`` (before any byte leaves) stores the exact bytes and the batch id;
``mark_done`` retires an acknowledged revision; ``mark_processed`` files an ``invalid``,
``conflict`` or ``forbidden`` answer. Frozen rows never change (their body is resent
byte-identical); they may only be regrouped into other batches (``rebatch``) when a batch is
split after timeouts or a 413.

Rows are returned as plain frozen ``OutboxItem`` objects, safe to hand to the network lane.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from core.errors import ConflictError
from models.base import table_of, utcnow
from models.outbox import OutboxEntry

__all__ = [
    "FrozenBatch",
    "OutboxCounts",
    "OutboxItem",
    "RevisionSlot",
    "bump_attempts",
    "counts",
    "enqueue",
    "freeze",
    "frozen_batch",
    "frozen_batches",
    "has_live_rows",
    "live_rows_for",
    "mark_done",
    "mark_processed",
    "next_revision",
    "pending_rows",
    "purge_done",
    "rebatch",
    "slot_for",
    "drop_pending",
    "unsent_count",
]

LIVE_STATES = ("pending", "frozen")


@dataclass(frozen=True, slots=True)
class OutboxItem:
    seq: int
    record_id: uuid.UUID
    entity_type: str
    revision: int
    base_revision: int
    body: bytes
    state: str
    generation: int
    batch_id: uuid.UUID | None
    attempts: int
    created_at: datetime

    @classmethod
    def of(cls, row: OutboxEntry) -> OutboxItem:
        return cls(
            seq=row.seq,
            record_id=row.record_id,
            entity_type=row.entity_type,
            revision=row.revision,
            base_revision=row.base_revision,
            body=row.body,
            state=row.state,
            generation=row.generation,
            batch_id=row.batch_id,
            attempts=row.attempts,
            created_at=row.created_at,
        )


@dataclass(frozen=True, slots=True)
class FrozenBatch:
    batch_id: uuid.UUID
    rows: list[OutboxItem]

    @property
    def attempts(self) -> int:
        return max((row.attempts for row in self.rows), default=0)


@dataclass(frozen=True, slots=True)
class OutboxCounts:
    pending: int = 0
    frozen: int = 0
    done: int = 0
    processed: int = 0

    @property
    def unsent(self) -> int:
        """Rows the server has not acknowledged yet (the status bar's "Belum terkirim")."""
        return self.pending + self.frozen


# -- writing (saves) --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RevisionSlot:
    """Where the next submitted version of a record goes (see ``slot_for``)."""

    revision: int
    base_revision: int
    pending_seq: int | None  # the pending row it replaces, if any


def slot_for(session: Session, *, record_id: uuid.UUID, server_rev: int | None) -> RevisionSlot:
    """The revision numbers of the record's next submitted version, from one index lookup.

    A still-pending row is replaced, so its numbers are reused. Otherwise the base is the newest
    revision the server will hold: the newest frozen (in-flight) row, else ``server_rev`` (after
    an ``invalid`` answer the number was not consumed, so it is reused).
    """
    table = table_of(OutboxEntry)
    rows = session.execute(
        select(table.c.seq, table.c.revision, table.c.base_revision, table.c.state).where(
            table.c.record_id == record_id, table.c.state.in_(LIVE_STATES)
        )
    ).all()
    for seq, revision, base, state in rows:
        if state == "pending":
            return RevisionSlot(revision, base, seq)
    frozen_max = max((r.revision for r in rows), default=0)
    base = max(frozen_max, server_rev or 0)
    return RevisionSlot(base + 1, base, None)


def next_revision(
    session: Session, *, record_id: uuid.UUID, server_rev: int | None
) -> tuple[int, int]:
    """``(revision, base_revision)`` of the record's next submitted version (``slot_for``)."""
    slot = slot_for(session, record_id=record_id, server_rev=server_rev)
    return slot.revision, slot.base_revision


def enqueue(
    session: Session,
    *,
    record_id: uuid.UUID,
    entity_type: str,
    revision: int,
    base_revision: int,
    body: bytes,
    slot: RevisionSlot | None = None,
) -> None:
    """Insert the pending row of ``(record_id, revision)`` or replace the record's pending row.

    Pass the ``slot`` from ``slot_for`` (same transaction) to skip the lookup. Raises
    ``ConflictError("outbox-frozen")`` if that revision is already frozen: a frozen row never
    changes (a later edit is a new revision)."""
    if revision != base_revision + 1:
        raise ValueError("revision must be base_revision + 1")
    table = table_of(OutboxEntry)
    if slot is None:
        live = session.execute(
            select(table.c.seq, table.c.revision, table.c.state).where(
                table.c.record_id == record_id, table.c.state.in_(LIVE_STATES)
            )
        ).all()
        if any(r.state == "frozen" and r.revision == revision for r in live):
            raise ConflictError("outbox-frozen", params={"revision": revision})
        pending_seq = next((r.seq for r in live if r.state == "pending"), None)
    else:
        if slot.pending_seq is None and revision <= slot.base_revision:
            raise ConflictError("outbox-frozen", params={"revision": revision})
        pending_seq = slot.pending_seq
    now = utcnow()
    if pending_seq is None:
        session.execute(
            insert(table).values(
                record_id=record_id,
                entity_type=entity_type,
                revision=revision,
                base_revision=base_revision,
                body=body,
                state="pending",
                generation=1,
                attempts=0,
                created_at=now,
                updated_at=now,
            )
        )
    else:
        session.execute(
            update(table)
            .where(table.c.seq == pending_seq, table.c.state == "pending")
            .values(
                entity_type=entity_type,
                revision=revision,
                base_revision=base_revision,
                body=body,
                generation=table.c.generation + 1,
                updated_at=now,
            )
        )
    # Outbox objects loaded earlier in this session must not hide the new state.
    for obj in list(session.identity_map.values()):
        if isinstance(obj, OutboxEntry):
            session.expire(obj)


def _pending_row(session: Session, *, record_id: uuid.UUID) -> OutboxEntry | None:
    stmt = select(OutboxEntry).where(
        OutboxEntry.record_id == record_id, OutboxEntry.state == "pending"
    )
    return session.scalars(stmt).one_or_none()


def drop_pending(session: Session, *, record_id: uuid.UUID) -> bool:
    """Delete the record's pending row (a never-sent revision that is no longer wanted)."""
    row = _pending_row(session, record_id=record_id)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


# -- reading and freezing (push) --------------------------------------------------------------


def pending_rows(session: Session, *, limit: int) -> list[OutboxItem]:
    """The oldest pending rows, ``seq`` ascending (so revisions of one record stay in order)."""
    stmt = (
        select(OutboxEntry)
        .where(OutboxEntry.state == "pending")
        .order_by(OutboxEntry.seq)
        .limit(limit)
    )
    return [OutboxItem.of(row) for row in session.scalars(stmt)]


def freeze(
    session: Session,
    *,
    rows: Sequence[OutboxItem],
    batch_id: uuid.UUID,
    bodies: Mapping[int, bytes] | Sequence[bytes],
) -> list[OutboxItem]:
    """Mark ``rows`` frozen in ``batch_id`` with their exact wire bytes; returns the frozen rows.

    ``bodies`` maps ``seq`` to bytes (or lists them in the order of ``rows``). A row that was
    replaced or retired since it was read (other ``generation`` or no longer pending) is skipped,
    so a stale copy can never be frozen; the caller sends only what is returned."""
    if not isinstance(bodies, Mapping):
        if len(bodies) != len(rows):
            raise ValueError("one body per row")
        bodies = {row.seq: body for row, body in zip(rows, bodies, strict=True)}
    now = utcnow()
    frozen: list[OutboxItem] = []
    for item in rows:
        result = session.execute(
            update(OutboxEntry)
            .where(
                OutboxEntry.seq == item.seq,
                OutboxEntry.state == "pending",
                OutboxEntry.generation == item.generation,
            )
            .values(state="frozen", body=bodies[item.seq], batch_id=batch_id, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount == 1:  # type: ignore[attr-defined]
            entry = session.get(OutboxEntry, item.seq, populate_existing=True)
            assert entry is not None
            frozen.append(OutboxItem.of(entry))
    return frozen


def frozen_batches(session: Session) -> list[FrozenBatch]:
    """Every frozen batch, oldest first (by its lowest ``seq``)."""
    stmt = select(OutboxEntry).where(OutboxEntry.state == "frozen").order_by(OutboxEntry.seq)
    batches: dict[uuid.UUID | None, list[OutboxItem]] = {}
    for row in session.scalars(stmt):
        batches.setdefault(row.batch_id, []).append(OutboxItem.of(row))
    return [FrozenBatch(batch_id=bid, rows=items) for bid, items in batches.items() if bid]


def frozen_batch(session: Session) -> FrozenBatch | None:
    """The oldest frozen batch (to resend byte-identical after a restart), or ``None``."""
    first = session.scalar(
        select(OutboxEntry.batch_id)
        .where(OutboxEntry.state == "frozen")
        .order_by(OutboxEntry.seq)
        .limit(1)
    )
    if first is None:
        return None
    stmt = (
        select(OutboxEntry)
        .where(OutboxEntry.state == "frozen", OutboxEntry.batch_id == first)
        .order_by(OutboxEntry.seq)
    )
    return FrozenBatch(batch_id=first, rows=[OutboxItem.of(r) for r in session.scalars(stmt)])


def rebatch(session: Session, *, seqs: Sequence[int], batch_id: uuid.UUID) -> int:
    """Move frozen rows to another batch (splitting after timeouts/413); bytes stay the same."""
    result = session.execute(
        update(OutboxEntry)
        .where(OutboxEntry.seq.in_(list(seqs)), OutboxEntry.state == "frozen")
        .values(batch_id=batch_id, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def bump_attempts(session: Session, *, batch_id: uuid.UUID) -> None:
    session.execute(
        update(OutboxEntry)
        .where(OutboxEntry.batch_id == batch_id, OutboxEntry.state == "frozen")
        .values(attempts=OutboxEntry.attempts + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )


# -- results ----------------------------------------------------------------------------------


def mark_done(
    session: Session,
    *,
    record_id: uuid.UUID,
    revision: int,
    result: Mapping[str, Any] | None = None,
    status: str = "accepted",
) -> bool:
    """Retire the live row of an acknowledged revision; ``False`` if there was none."""
    return _finish(session, record_id, revision, "done", status, result)


def mark_processed(
    session: Session,
    *,
    record_id: uuid.UUID,
    revision: int,
    status: str,
    result: Mapping[str, Any] | None = None,
) -> bool:
    """File an ``invalid``/``conflict``/``forbidden`` answer: the row is no longer live."""
    if status not in ("invalid", "conflict", "forbidden"):
        raise ValueError(f"not a quarantine status: {status!r}")
    return _finish(session, record_id, revision, "processed", status, result)


def _finish(
    session: Session,
    record_id: uuid.UUID,
    revision: int,
    state: str,
    status: str,
    result: Mapping[str, Any] | None,
) -> bool:
    stmt = (
        update(OutboxEntry)
        .where(
            OutboxEntry.record_id == record_id,
            OutboxEntry.revision == revision,
            OutboxEntry.state.in_(LIVE_STATES),
        )
        .values(
            state=state,
            result_status=status,
            result=dict(result) if result is not None else None,
            updated_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    )
    return bool(session.execute(stmt).rowcount)  # type: ignore[attr-defined]


# -- counts and lookups -----------------------------------------------------------------------


def counts(session: Session) -> OutboxCounts:
    stmt = select(OutboxEntry.state, func.count()).group_by(OutboxEntry.state)
    found = {state: int(n) for state, n in session.execute(stmt)}
    return OutboxCounts(**{k: v for k, v in found.items() if k in OutboxCounts.__slots__})


def unsent_count(session: Session) -> int:
    stmt = select(func.count()).where(OutboxEntry.state.in_(LIVE_STATES))
    return int(session.scalar(stmt) or 0)


def has_live_rows(session: Session, *, record_id: uuid.UUID) -> bool:
    """True while the record has an unacknowledged revision (pulls must keep agent fields)."""
    stmt = select(OutboxEntry.seq).where(
        OutboxEntry.record_id == record_id, OutboxEntry.state.in_(LIVE_STATES)
    )
    return session.scalar(stmt.limit(1)) is not None


def live_rows_for(session: Session, *, record_id: uuid.UUID) -> list[OutboxItem]:
    stmt = (
        select(OutboxEntry)
        .where(OutboxEntry.record_id == record_id, OutboxEntry.state.in_(LIVE_STATES))
        .order_by(OutboxEntry.seq)
    )
    return [OutboxItem.of(row) for row in session.scalars(stmt)]


def purge_done(session: Session, *, before: datetime) -> int:
    """Delete acknowledged rows last touched before ``before`` (live rows are never touched)."""
    from sqlalchemy import delete

    result = session.execute(
        delete(OutboxEntry)
        .where(OutboxEntry.state == "done", OutboxEntry.updated_at < before)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
