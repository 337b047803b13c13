"""The changes feed of one agent (SYNC_PROTOCOL.md §4.7): one page per snapshot.

The cursor is the last seq the device received; seqs are handed out in commit order (§1), so a
page read in one snapshot never skips an entry a later page would need. Each entity appears once,
at its latest seq, with its current state. A cursor above the counter means the server was
restored from an older backup: 410 ``cursor-expired`` and the device re-pulls from the start.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.clock import epoch_minute
from server.config import ServerSettings
from server.db import Database
from server.models.identity import User
from server.models.records import Decision, Record
from server.problems import ProblemError
from server.repositories import devices as devices_repo
from server.repositories import feed as feed_repo
from server.repositories import throttle
from server.services.context import Caller, DeviceAuth
from server.services.limits import retry_after
from sync import protocol


def parse_cursor(cursor: str | None) -> int:
    if cursor is None or cursor == "":
        return 0
    if not cursor.isdigit() or len(cursor) > 18:
        raise ProblemError(
            "bad-request", detail="cursor", errors=[{"field": "cursor", "code": "invalid"}]
        )
    return int(cursor)


def changes(
    db: Database,
    *,
    auth: DeviceAuth,
    cursor: str | None,
    limit: int,
    caller: Caller,
    settings: ServerSettings,
) -> protocol.ChangesResponse:
    after = parse_cursor(cursor)
    now = caller.now
    with db.write() as session:
        count = throttle.hit(
            session, bucket=f"changes:{auth.device_id}", window_start=epoch_minute(now)
        )
        if count <= settings.rate_changes_per_min and after:
            devices_repo.note_pull(session, device_id=auth.device_id, cursor=after, now=now)
    if count > settings.rate_changes_per_min:
        raise ProblemError("rate-limited", headers={"Retry-After": retry_after(now)})
    with db.read() as session:
        if after > feed_repo.current(session):
            raise ProblemError("cursor-expired")
        rows = feed_repo.page(session, agent_id=auth.agent_id, after=after, limit=limit + 1)
        has_more = len(rows) > limit
        rows = rows[:limit]
        records = _records(
            session, [r.entity_id for r in rows if r.kind == "record" and r.entity_id]
        )
        decisions = _decisions(
            session, [r.entity_id for r in rows if r.kind == "decision" and r.entity_id]
        )
    entries = []
    for row in rows:
        data: dict[str, Any] | None
        if row.kind == "record":
            data = records.get(row.entity_id) if row.entity_id else None
        elif row.kind == "decision":
            data = decisions.get(row.entity_id) if row.entity_id else None
        else:
            data = {"dataset": row.dataset, "version": row.version}
        if data is not None:
            entries.append(protocol.FeedEntry(seq=row.seq, type=row.kind, data=data))  # type: ignore[arg-type]
    next_cursor = str(rows[-1].seq) if rows else str(after)
    return protocol.ChangesResponse(changes=entries, next_cursor=next_cursor, has_more=has_more)


def record_data(record: Record) -> dict[str, Any]:
    return {
        "id": str(record.id),
        "entity_type": record.entity_type,
        "schema_version": record.schema_version,
        "revision": record.revision,
        "deleted": record.deleted,
        "payload": json.loads(record.payload),
        "payload_hash": record.payload_hash,
        "review_state": record.review_state,
        "flags": sorted(record.flags or []),
        "author_role": record.author_role,
        "updated_at": record.client_updated_at.isoformat() if record.client_updated_at else None,
    }


def _records(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    if not ids:
        return {}
    rows = session.scalars(select(Record).where(Record.id.in_(ids)))
    return {row.id: record_data(row) for row in rows}


def decision_data(decision: Decision, decider: User | None) -> dict[str, Any]:
    return {
        "id": str(decision.id),
        "record_id": str(decision.record_id),
        "record_revision": decision.record_revision,
        "outcome": decision.outcome,
        "note": decision.note,
        "reason_code": decision.reason_code,
        "field_notes": dict(decision.field_notes or {}),
        "decided_by": (
            {"id": str(decider.id), "display_name": decider.display_name} if decider else None
        ),
        "decided_at": decision.decided_at.isoformat(),
    }


def _decisions(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    if not ids:
        return {}
    rows = session.execute(
        select(Decision, User)
        .join(User, User.id == Decision.decided_by)
        .where(Decision.id.in_(ids))
    )
    return {decision.id: decision_data(decision, user) for decision, user in rows}
