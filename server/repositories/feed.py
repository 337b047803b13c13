"""The change feed: seqs from the single counter row, one entry per entity per agent (§1, §4.7)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import literal, select, union_all, update
from sqlalchemy.orm import Session

from server.models.records import FeedCounter, FeedEntry, ReferenceVersion
from server.repositories import audit as audit_repo
from server.repositories.audit import AuditEntry
from server.repositories.dialect import is_postgres, pg_commit, pg_execute, upsert


@dataclass(frozen=True, slots=True)
class FeedKey:
    agent_id: uuid.UUID
    kind: str  # record | decision
    entity_id: uuid.UUID


def allocate(session: Session, *, count: int) -> int:
    """Reserve ``count`` seqs; returns the first. Run last before COMMIT: the counter row stays
    locked until the transaction ends, so the next writer's seqs come after this commit."""
    last = session.execute(
        update(FeedCounter)
        .where(FeedCounter.id == 1)
        .values(value=FeedCounter.value + count)
        .returning(FeedCounter.value)
    ).scalar_one()
    return int(last) - count + 1


def current(session: Session) -> int:
    return int(session.execute(select(FeedCounter.value).where(FeedCounter.id == 1)).scalar_one())


_PG_FEED_CTE = """
    WITH counter AS (
        UPDATE feed_counter SET value = value + :count WHERE id = 1 RETURNING value
    ), published AS (
        INSERT INTO feed (agent_id, kind, entity_id, seq)
        SELECT k.agent_id, k.kind, k.entity_id, counter.value - :count + k.ord
        FROM counter,
             unnest(CAST(:agents AS uuid[]), CAST(:kinds AS varchar[]), CAST(:entities AS uuid[]))
                 WITH ORDINALITY AS k(agent_id, kind, entity_id, ord)
        ON CONFLICT (agent_id, kind, entity_id) DO UPDATE SET seq = excluded.seq
        RETURNING seq
    )
"""
# The audit call reads the feed's result, so the counter row is locked before the audit head
# (one lock order for every writer).
_PG_PUBLISH = _PG_FEED_CTE + "SELECT min(seq) FROM published"
_PG_PUBLISH_AUDITED = (
    _PG_FEED_CTE
    + "SELECT first, jangkau_audit_append(CAST(:audit AS jsonb)) "
    + "FROM (SELECT min(seq) AS first FROM published) AS feed"
)


def publish(
    session: Session,
    *,
    keys: Sequence[FeedKey],
    audit: Sequence[AuditEntry] = (),
    now: datetime | None = None,
    commit: bool = False,
    stamps: Sequence[datetime] | None = None,
) -> dict[FeedKey, int]:
    """Move each entity to a fresh seq at the end of its agent's feed (upsert), then append
    ``audit`` to the audit chain. Call last before COMMIT. On PostgreSQL it is one statement:
    the counter and chain-head row locks are held only while the database works, never across
    a client round trip (where a Python thread may wait for the GIL while every writer waits).
    ``commit`` (PostgreSQL, inside ``pg_pipeline``): the transaction's COMMIT is sent right
    behind that statement, before its result is read, so the locks go with the same round trip
    (SQLite commits when the ``Database.write()`` block ends, as without it). ``stamps``
    (PostgreSQL): one time per audit entry instead of ``now`` for all."""
    unique = list(dict.fromkeys(keys))
    if is_postgres(session):
        params: dict[str, object] = {
            "count": len(unique),
            "agents": [k.agent_id for k in unique],
            "kinds": [k.kind for k in unique],
            "entities": [k.entity_id for k in unique],
        }
        if not unique:  # nothing to publish (a resend): leave the counter row alone
            if audit:
                assert now is not None
                audit_repo.append(session, audit, now=now, stamps=stamps)
            if commit:
                pg_commit(session)
            return {}
        if audit:
            assert now is not None
            params["audit"] = audit_repo.pg_payload(audit, now=now, stamps=stamps)
            cursor = pg_execute(session, _PG_PUBLISH_AUDITED, params)
        else:
            cursor = pg_execute(session, _PG_PUBLISH, params)
        if commit:
            pg_commit(session)
        first = cursor.fetchone()[0]
        return {key: first + i for i, key in enumerate(unique)}
    seqs: dict[FeedKey, int] = {}
    if unique:
        start = allocate(session, count=len(unique))
        seqs = {key: start + i for i, key in enumerate(unique)}
        table = FeedEntry.__table__
        stmt = upsert(session, table)
        stmt = stmt.on_conflict_do_update(
            index_elements=["agent_id", "kind", "entity_id"], set_={"seq": stmt.excluded.seq}
        )
        session.execute(
            stmt,
            [
                {"agent_id": k.agent_id, "kind": k.kind, "entity_id": k.entity_id, "seq": s}
                for k, s in seqs.items()
            ],
        )
    if audit:
        assert now is not None
        audit_repo.append(session, audit, now=now)
    return seqs


@dataclass(frozen=True, slots=True)
class PageRow:
    seq: int
    kind: str
    entity_id: uuid.UUID | None
    dataset: str | None
    version: str | None


def page(session: Session, *, agent_id: uuid.UUID, after: int, limit: int) -> list[PageRow]:
    """Up to ``limit`` entries above ``after``: the agent's entries and every reference version."""
    own = select(
        FeedEntry.seq.label("seq"),
        FeedEntry.kind.label("kind"),
        FeedEntry.entity_id.label("entity_id"),
        literal(None).label("dataset"),
        literal(None).label("version"),
    ).where(FeedEntry.agent_id == agent_id, FeedEntry.seq > after)
    refs = select(
        ReferenceVersion.seq.label("seq"),
        literal("reference").label("kind"),
        literal(None).label("entity_id"),
        ReferenceVersion.dataset.label("dataset"),
        ReferenceVersion.version.label("version"),
    ).where(ReferenceVersion.seq > after)
    own_page = own.order_by(FeedEntry.seq).limit(limit).subquery()
    both = union_all(select(own_page), refs).subquery()
    rows = session.execute(select(both).order_by(both.c.seq).limit(limit))
    return [PageRow(r.seq, r.kind, r.entity_id, r.dataset, r.version) for r in rows]
