"""Queries of the review screen: queue groups, record pages, decisions, duplicates, deliveries.

Scope filters use ranges instead of ``LIKE`` so an index on ``area_code`` serves them on both
databases: ``code == s`` or ``s + "." <= code < s + "/"`` ("/" follows "." in ASCII) is exactly
SYNC_PROTOCOL.md §2.4's ``in_scope``. Payload fields are read with the database's JSON functions
(SQLite ``json_extract``, PostgreSQL ``jsonb ->>``). Functions never commit.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    String,
    and_,
    case,
    cast,
    delete,
    false,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session

from server.models.identity import Area, Device, User
from server.models.records import Decision, DuplicateCandidate, FeedEntry, Record
from server.repositories.dialect import is_postgres

INACTIVE_STATES = ("rejected", "withdrawn")


def in_areas(column: Any, areas: Sequence[str]) -> ColumnElement[bool]:
    """SQL for §2.4 ``in_scope(column, areas)``; an empty ``areas`` matches nothing."""
    if not areas:
        return false()
    return or_(*(or_(column == s, and_(column >= s + ".", column < s + "/")) for s in areas))


def payload_text(session: Session, name: str) -> ColumnElement[Any]:
    """A top-level payload field as SQL text (``None`` when absent)."""
    if is_postgres(session):
        return cast(Record.payload, JSONB)[name].astext
    return cast(func.json_extract(Record.payload, f"$.{name}"), String)


def payload_true(session: Session, name: str) -> ColumnElement[bool]:
    """The payload's boolean field is ``true`` (never NULL: an absent field is false)."""
    if is_postgres(session):
        return func.coalesce(cast(Record.payload, JSONB)[name].astext, "false") == "true"
    return func.coalesce(func.json_extract(Record.payload, f"$.{name}"), 0) == 1


def flags_text() -> ColumnElement[Any]:
    return cast(Record.flags, String)


def has_flag(flag: str) -> ColumnElement[bool]:
    """Flags are stored as a sorted JSON list of codes: match the quoted code."""
    return flags_text().like(f'%"{flag}"%')


def prospects_filter(
    *,
    areas: Sequence[str] | None,
    area: str | None = None,
    agent_id: uuid.UUID | None = None,
    state: str | None = None,
    flag: str | None = None,
) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = [Record.entity_type == "prospect"]
    if areas is not None:
        clauses.append(in_areas(Record.area_code, areas))
    if area is not None:
        clauses.append(in_areas(Record.area_code, [area]))
    if agent_id is not None:
        clauses.append(Record.agent_id == agent_id)
    if state is not None:
        clauses.append(Record.review_state == state)
    if flag is not None:
        clauses.append(has_flag(flag))
    return clauses


# -- the queue -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GroupRow:
    event_id: uuid.UUID | None
    agent_id: uuid.UUID
    review_state: str | None
    count: int
    flagged: int
    last_at: datetime | None


def batch_groups(session: Session, *, clauses: Sequence[ColumnElement[bool]]) -> list[GroupRow]:
    """Prospect counts per (event, agent, state), with how many carry a flag."""
    flagged = func.sum(case((flags_text() != "[]", 1), else_=0))
    rows = session.execute(
        select(
            Record.outreach_event_id,
            Record.agent_id,
            Record.review_state,
            func.count(),
            flagged,
            func.max(Record.updated_at),
        )
        .where(*clauses)
        .group_by(Record.outreach_event_id, Record.agent_id, Record.review_state)
    )
    return [GroupRow(r[0], r[1], r[2], int(r[3]), int(r[4] or 0), r[5]) for r in rows]


def events(
    session: Session, *, ids: Iterable[uuid.UUID] | None = None, areas: Sequence[str] | None = None
) -> list[Record]:
    """Outreach events by id, or (``areas``) every event captured in those areas."""
    stmt = select(Record).where(Record.entity_type == "outreach_event", Record.deleted.is_(False))
    if ids is not None:
        wanted = list(set(ids))
        if not wanted:
            return []
        stmt = stmt.where(Record.id.in_(wanted))
    if areas is not None:
        stmt = stmt.where(in_areas(Record.area_code, areas))
    return list(session.scalars(stmt))


def revisions_present(session: Session, *, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
    wanted = list(set(ids))
    out: dict[uuid.UUID, int] = {}
    for start in range(0, len(wanted), 900):
        chunk = wanted[start : start + 900]
        rows = session.execute(select(Record.id, Record.revision).where(Record.id.in_(chunk)))
        out.update({r.id: r.revision for r in rows})
    return out


# -- records ---------------------------------------------------------------------------------


def record_page(
    session: Session,
    *,
    clauses: Sequence[ColumnElement[bool]],
    after: uuid.UUID | None,
    limit: int,
) -> list[Record]:
    stmt = select(Record).where(*clauses)
    if after is not None:
        stmt = stmt.where(Record.id > after)
    return list(session.scalars(stmt.order_by(Record.id).limit(limit)))


def users_by_id(session: Session, *, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, User]:
    wanted = list(set(ids))
    if not wanted:
        return {}
    return {u.id: u for u in session.scalars(select(User).where(User.id.in_(wanted)))}


def children(session: Session, *, parent_id: uuid.UUID, entity_type: str) -> list[Record]:
    return list(
        session.scalars(
            select(Record)
            .where(Record.parent_id == parent_id, Record.entity_type == entity_type)
            .order_by(Record.id)
        )
    )


def lock_record(session: Session, *, record_id: uuid.UUID) -> Record | None:
    """The record, re-read under a row lock (PostgreSQL; SQLite holds the write lock already)."""
    return session.get(Record, record_id, with_for_update=True, populate_existing=True)


def area_names(session: Session, *, codes: Iterable[str]) -> dict[str, str]:
    wanted = sorted({c for c in codes if c})
    out: dict[str, str] = {}
    for start in range(0, len(wanted), 900):
        rows = session.execute(
            select(Area.code, Area.name).where(Area.code.in_(wanted[start : start + 900]))
        )
        out.update({r.code: r.name for r in rows})
    return out


# -- decisions and deliveries ----------------------------------------------------------------


def decisions_of(session: Session, *, record_id: uuid.UUID) -> list[Decision]:
    return list(
        session.scalars(
            select(Decision)
            .where(Decision.record_id == record_id)
            .order_by(Decision.decided_at, Decision.id)
        )
    )


def decided_revisions(session: Session, *, record_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
    """The revision each record's latest effective (not undone) decision judged."""
    wanted = list(set(record_ids))
    if not wanted:
        return {}
    rows = session.execute(
        select(Decision.record_id, func.max(Decision.record_revision))
        .where(Decision.record_id.in_(wanted), Decision.undone_at.is_(None))
        .group_by(Decision.record_id)
    )
    return {r[0]: int(r[1]) for r in rows}


def decision_seqs(
    session: Session, *, agent_id: uuid.UUID, ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, int]:
    wanted = list(set(ids))
    if not wanted:
        return {}
    rows = session.execute(
        select(FeedEntry.entity_id, FeedEntry.seq).where(
            FeedEntry.agent_id == agent_id,
            FeedEntry.kind == "decision",
            FeedEntry.entity_id.in_(wanted),
        )
    )
    return {r.entity_id: r.seq for r in rows}


def drop_feed_entry(
    session: Session, *, agent_id: uuid.UUID, kind: str, entity_id: uuid.UUID
) -> None:
    session.execute(
        delete(FeedEntry).where(
            FeedEntry.agent_id == agent_id,
            FeedEntry.kind == kind,
            FeedEntry.entity_id == entity_id,
        )
    )


def delivered_seq(session: Session, *, agent_id: uuid.UUID) -> int:
    """The highest cursor any device of the agent has confirmed (§4.7 ``last_pulled_seq``)."""
    value = session.execute(
        select(func.max(Device.last_pulled_seq)).where(Device.agent_id == agent_id)
    ).scalar_one()
    return int(value or 0)


# -- duplicates ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pair:
    candidate: Record
    resolution: str | None
    resolved_at: datetime | None


def pairs_of(session: Session, *, record_id: uuid.UUID) -> list[Pair]:
    rows = session.execute(
        select(Record, DuplicateCandidate.resolution, DuplicateCandidate.resolved_at)
        .join(Record, Record.id == DuplicateCandidate.candidate_id)
        .where(DuplicateCandidate.record_id == record_id)
        .order_by(Record.id)
    )
    return [Pair(r[0], r[1], r[2]) for r in rows]


def active(record: Record) -> bool:
    return not record.deleted and record.review_state not in INACTIVE_STATES


def unresolved_count(session: Session, *, record_id: uuid.UUID) -> int:
    """Open pairs whose other side is still an active prospect (§5: resolve before approval)."""
    return sum(
        1
        for p in pairs_of(session, record_id=record_id)
        if p.resolved_at is None and active(p.candidate)
    )


def resolve_pairs(
    session: Session,
    *,
    record_id: uuid.UUID,
    candidate_ids: Sequence[uuid.UUID],
    resolution: str,
    by: uuid.UUID,
    now: datetime,
) -> int:
    """Mark both directions of each pair; returns how many pairs were still open."""
    if not candidate_ids:
        return 0
    opened = session.execute(
        update(DuplicateCandidate)
        .where(
            DuplicateCandidate.record_id == record_id,
            DuplicateCandidate.candidate_id.in_(list(candidate_ids)),
            DuplicateCandidate.resolved_at.is_(None),
        )
        .values(resolution=resolution, resolved_at=now, resolved_by=by)
    ).rowcount
    session.execute(
        update(DuplicateCandidate)
        .where(
            DuplicateCandidate.candidate_id == record_id,
            DuplicateCandidate.record_id.in_(list(candidate_ids)),
            DuplicateCandidate.resolved_at.is_(None),
        )
        .values(resolution=resolution, resolved_at=now, resolved_by=by)
    )
    return int(opened or 0)


def reopen_pairs(session: Session, *, record_id: uuid.UUID, resolution: str) -> None:
    """Re-open the pairs of ``record_id`` that were closed with ``resolution`` (undo)."""
    for column in (DuplicateCandidate.record_id, DuplicateCandidate.candidate_id):
        session.execute(
            update(DuplicateCandidate)
            .where(column == record_id, DuplicateCandidate.resolution == resolution)
            .values(resolution=None, resolved_at=None, resolved_by=None)
        )


def drop_open_pairs(session: Session, *, record_id: uuid.UUID) -> list[uuid.UUID]:
    """Forget the open pairs of a record whose NIK changed; returns the other sides."""
    others = list(
        session.scalars(
            select(DuplicateCandidate.candidate_id).where(
                DuplicateCandidate.record_id == record_id,
                DuplicateCandidate.resolved_at.is_(None),
            )
        )
    )
    if others:
        session.execute(
            delete(DuplicateCandidate).where(
                DuplicateCandidate.record_id == record_id,
                DuplicateCandidate.candidate_id.in_(others),
            )
        )
        session.execute(
            delete(DuplicateCandidate).where(
                DuplicateCandidate.candidate_id == record_id,
                DuplicateCandidate.record_id.in_(others),
            )
        )
    return others


def same_nik(session: Session, *, nik: str, exclude: uuid.UUID) -> list[Record]:
    """Active prospects (any agent, any area) with this NIK, other than ``exclude``."""
    return list(
        session.scalars(
            select(Record).where(
                Record.entity_type == "prospect",
                Record.nik == nik,
                Record.id != exclude,
                Record.deleted.is_(False),
                Record.review_state.not_in(INACTIVE_STATES),
            )
        )
    )


def existing_pairs(session: Session, *, record_id: uuid.UUID) -> set[uuid.UUID]:
    return set(
        session.scalars(
            select(DuplicateCandidate.candidate_id).where(DuplicateCandidate.record_id == record_id)
        )
    )
