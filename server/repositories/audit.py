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


def row_hash(prev_hash: str, row: dict[str, Any]) -> str:
    """SHA-256(prev_hash ‖ canonical JSON of the row without its hash)."""
    canonical = {
        "seq": row["seq"],
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
    body = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(prev_hash.encode("ascii") + body.encode("utf-8")).hexdigest()


def append(session: Session, entries: Sequence[AuditEntry], *, now: datetime) -> None:
    """Insert ``entries`` at the end of the chain. Call last before COMMIT: the head row stays
    locked until then, so chain order is commit order."""
    if not entries:
        return
    # Lock the head row (PostgreSQL row lock; SQLite already holds the write lock).
    head = session.execute(
        update(AuditHead)
        .where(AuditHead.id == 1)
        .values(seq=AuditHead.seq + len(entries))
        .returning(AuditHead.seq, AuditHead.hash)
    ).one()
    seq = head.seq - len(entries)
    prev = head.hash
    at = now.astimezone(UTC)
    rows: list[dict[str, Any]] = []
    for entry in entries:
        seq += 1
        row = {
            "seq": seq,
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
        prev = row_hash(prev, row)
        row["hash"] = prev
        rows.append(row)
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
