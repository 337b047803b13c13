"""Audit rows: appended in commit order under the ``audit_head`` row lock, chained by SHA-256."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from server.models.audit import AuditEvent, AuditHead
from server.repositories.dialect import is_postgres, pg_execute

GENESIS_HASH = "0" * 64


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One fact for the log: ids and codes only, never personal data."""

    action: str
    result: str
    actor_id: uuid.UUID | None = None
    actor_role: str | None = None
    device_id: uuid.UUID | None = None
    entity_type: str | None = None
    entity_id: str | None = None
    revision: int | None = None
    ip: str | None = None
    detail: dict[str, Any] | None = field(default=None)


def _iso(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def row_text(row: dict[str, Any]) -> str:
    """The canonical text of a row's facts (everything but ``seq`` and ``hash``)."""
    canonical = {
        "at": _iso(row["at"]),
        "actor_id": str(row["actor_id"]) if row["actor_id"] else None,
        "actor_role": row["actor_role"],
        "device_id": str(row["device_id"]) if row["device_id"] else None,
        "action": row["action"],
        "entity_type": row["entity_type"],
        "entity_id": row["entity_id"],
        "revision": row["revision"],
        "result": row["result"],
        "ip": row["ip"],
        "detail": row["detail"],
    }
    return json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def chain_hash(prev_hash: str, seq: int, text: str) -> str:
    """SHA-256 of ``prev ‖ ":" ‖ seq ‖ ":" ‖ row text`` (the same formula runs in PostgreSQL's
    ``jangkau_audit_append``)."""
    return hashlib.sha256(f"{prev_hash}:{seq}:{text}".encode()).hexdigest()


def _row(entry: AuditEntry, at: datetime) -> dict[str, Any]:
    return {
        "at": at,
        "actor_id": entry.actor_id,
        "actor_role": entry.actor_role,
        "device_id": entry.device_id,
        "action": entry.action,
        "entity_type": entry.entity_type,
        "entity_id": entry.entity_id,
        "revision": entry.revision,
        "result": entry.result,
        "ip": entry.ip,
        "detail": entry.detail,
    }


def pg_payload(
    entries: Sequence[AuditEntry], *, now: datetime, stamps: Sequence[datetime] | None = None
) -> str:
    """The JSON argument of ``jangkau_audit_append``: each row's facts and canonical text.
    Every row is stamped ``now``, or the matching element of ``stamps`` (a group of pushes:
    each push's rows carry its own time)."""
    times = [now.astimezone(UTC)] * len(entries) if stamps is None else stamps
    assert len(times) == len(entries)
    rows = [_row(entry, at.astimezone(UTC)) for entry, at in zip(entries, times, strict=True)]
    payload = [
        {
            **{k: (str(v) if isinstance(v, uuid.UUID) else v) for k, v in row.items()},
            "at": _iso(row["at"]),
            "text": row_text(row),
        }
        for row in rows
    ]
    return json.dumps(payload, ensure_ascii=False)


def append(
    session: Session,
    entries: Sequence[AuditEntry],
    *,
    now: datetime,
    stamps: Sequence[datetime] | None = None,
) -> None:
    """Insert ``entries`` at the end of the chain. Call last before COMMIT: the head row stays
    locked until then, so chain order is commit order. On PostgreSQL one server-side call
    locks, hashes and inserts (no client round trips while the head is locked)."""
    if not entries:
        return
    at = now.astimezone(UTC)
    rows = [_row(entry, at) for entry in entries]
    if is_postgres(session):
        pg_execute(
            session,
            "SELECT jangkau_audit_append(CAST(:rows AS jsonb))",
            {"rows": pg_payload(entries, now=now, stamps=stamps)},
        )
        return
    assert stamps is None, "per-entry stamps are for PostgreSQL's push groups"
    head = session.execute(
        update(AuditHead)
        .where(AuditHead.id == 1)
        .values(seq=AuditHead.seq + len(entries))
        .returning(AuditHead.seq, AuditHead.hash)
    ).one()
    seq = head.seq - len(entries)
    prev = head.hash
    for row in rows:
        seq += 1
        prev = chain_hash(prev, seq, row_text(row))
        row["seq"] = seq
        row["hash"] = prev
    session.execute(insert(AuditEvent), rows)
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(hash=prev))


def iterate(session: Session, *, batch: int = 5000) -> Iterator[AuditEvent]:
    """Every audit row in chain order."""
    after = 0
    while True:
        rows = session.scalars(
            select(AuditEvent).where(AuditEvent.seq > after).order_by(AuditEvent.seq).limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        after = rows[-1].seq


def head(session: Session) -> tuple[int, str]:
    row = session.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).one()
    return row.seq, row.hash


def list_events(
    session: Session,
    *,
    after: int = 0,
    limit: int = 100,
    actor_ids: Sequence[uuid.UUID] | None = None,
    action: str | None = None,
    entity_id: str | None = None,
) -> list[AuditEvent]:
    stmt = select(AuditEvent).where(AuditEvent.seq > after)
    if actor_ids is not None:
        stmt = stmt.where(AuditEvent.actor_id.in_(list(actor_ids)))
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    if entity_id:
        stmt = stmt.where(AuditEvent.entity_id == entity_id)
    return list(session.scalars(stmt.order_by(AuditEvent.seq).limit(limit)).all())
