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
    Integer,
    String,
    and_,
    bindparam,
    case,
    cast,
    column,
    delete,
    false,
    func,
    literal_column,
    or_,
    select,
    text,
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


# A literal (not a bound parameter), so the planners match the partial indexes on prospects.
PROSPECT: ColumnElement[str] = literal_column("'prospect'")


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
    clauses: list[ColumnElement[bool]] = [Record.entity_type == PROSPECT]
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


STATES = ("received", "approved", "returned", "rejected", "withdrawn")


@dataclass(frozen=True, slots=True)
class GroupRow:
    """Prospects of one agent in one event (``event_id`` None: outside any event)."""

    event_id: uuid.UUID | None
    agent_id: uuid.UUID
    counts: dict[str, int]


def batch_groups(session: Session, *, clauses: Sequence[ColumnElement[bool]]) -> list[GroupRow]:
    """Prospect counts per review state, per (event, agent): read from
    ``ix_records_review_queue`` alone (migration 0005) while ``clauses`` use its columns."""
    per_state = [
        func.sum(case((Record.review_state == literal_column(f"'{state}'"), 1), else_=0))
        for state in STATES
    ]
    columns = (Record.outreach_event_id, Record.agent_id)
    stmt = select(*columns, *per_state).where(*clauses).group_by(*columns)
    typed = [*columns, *(column(s, Integer) for s in STATES)]
    return [
        GroupRow(r[0], r[1], {s: int(n or 0) for s, n in zip(STATES, r[2:], strict=True)})
        for r in session.execute(_queue_index(session, stmt, typed))
    ]


def _queue_index(session: Session, stmt: Any, columns: Sequence[Any]) -> Any:
    """On SQLite, the statement naming ``ix_records_review_queue`` (``INDEXED BY``): without
    ANALYZE statistics SQLite prefers the (entity_type, nik) index and reads every row. The
    values inlined are region codes, states and ids, all checked by the API first."""
    if is_postgres(session):
        return stmt
    sql = str(stmt.compile(bind=session.get_bind(), compile_kwargs={"literal_binds": True}))
    sql = sql.replace("FROM records", "FROM records INDEXED BY ix_records_review_queue", 1)
    return text(sql).columns(*columns)


@dataclass(frozen=True, slots=True)
class Extras:
    """What only the page shows: prospects carrying a flag, the last arrival."""

    event_id: uuid.UUID | None
    agent_id: uuid.UUID
    flagged: int
    last_at: datetime | None


def batch_extras(
    session: Session,
    *,
    clauses: Sequence[ColumnElement[bool]],
    event_ids: Sequence[uuid.UUID],
    loose_agents: Sequence[uuid.UUID],
) -> list[Extras]:
    """Flag counts and last arrival for the page's events and agents' loose prospects."""
    which: list[ColumnElement[bool]] = []
    if event_ids:
        which.append(Record.outreach_event_id.in_(list(event_ids)))
    if loose_agents:
        which.append(
            and_(Record.outreach_event_id.is_(None), Record.agent_id.in_(list(loose_agents)))
        )
    if not which:
        return []
    flagged = func.sum(case((flags_text() != "[]", 1), else_=0))
    last = func.max(Record.updated_at)
    stmt = (
        select(Record.outreach_event_id, Record.agent_id, flagged, last)
        .where(*clauses, or_(*which))
        .group_by(Record.outreach_event_id, Record.agent_id)
    )
    typed = [
        Record.outreach_event_id,
        Record.agent_id,
        column("flagged", Integer),
        column("last_at", Record.updated_at.type),
    ]
    rows = session.execute(_queue_index(session, stmt, typed))
    return [Extras(r[0], r[1], int(r[2] or 0), r[3]) for r in rows]


@dataclass(frozen=True, slots=True)
class EventDate:
    """An outreach event as the queue sorts it."""

    id: uuid.UUID
    agent_id: uuid.UUID
    area_code: str | None
    date: str | None


def _event_date(session: Session) -> ColumnElement[Any]:
    if is_postgres(session):
        # Migration 0004 keeps the payload's date as a stored generated column: reading it
        # spares parsing every event's payload, manifest included, as jsonb.
        return literal_column("records.dash_date")
    # Canonical JSON (§3) writes the top-level key as `"date":"YYYY-MM-DD"` (an event has no
    # nested "date", and a quote inside a string is escaped), so slicing the text is exact and
    # spares parsing every payload, manifest included.
    at = func.instr(Record.payload, '"date":"')
    return case((at > 0, func.substr(Record.payload, at + 8, 10)), else_=None)


def event_dates(
    session: Session,
    *,
    ids: Iterable[uuid.UUID] | None = None,
    areas: Sequence[str] | None = None,
    agent_id: uuid.UUID | None = None,
) -> list[EventDate]:
    """Events by id, or every event captured in ``areas`` (``None``: anywhere)."""
    stmt = select(Record.id, Record.agent_id, Record.area_code, _event_date(session)).where(
        Record.entity_type == literal_column("'outreach_event'"), Record.deleted.is_(False)
    )
    if areas is not None:
        stmt = stmt.where(in_areas(Record.area_code, areas))
    if agent_id is not None:
        stmt = stmt.where(Record.agent_id == agent_id)
    if ids is None:
        rows = list(session.execute(stmt))
    else:
        wanted = list(set(ids))
        rows = []
        for start in range(0, len(wanted), 900):
            rows += session.execute(stmt.where(Record.id.in_(wanted[start : start + 900])))
    return [EventDate(r[0], r[1], r[2], r[3]) for r in rows]


@dataclass(frozen=True, slots=True)
class EventDetails:
    place_kind: str | None
    place_name: str | None
    closed: bool
    manifest_size: int


def event_details(session: Session, *, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, EventDetails]:
    """Place, closed flag and manifest length of a page of events (JSON functions)."""
    if not ids:
        return {}
    if is_postgres(session):
        doc = cast(Record.payload, JSONB)
        closed: Any = doc["closed"].astext == "true"
        size: Any = func.jsonb_array_length(doc["manifest"])
        fields: list[Any] = [doc[k].astext for k in ("place_kind", "place_name")]
    else:
        closed = func.json_extract(Record.payload, "$.closed") == 1
        size = func.json_array_length(Record.payload, "$.manifest")
        fields = [
            cast(func.json_extract(Record.payload, f"$.{k}"), String)
            for k in ("place_kind", "place_name")
        ]
    rows = session.execute(
        select(Record.id, *fields, closed, func.coalesce(size, 0)).where(Record.id.in_(list(ids)))
    )
    return {r[0]: EventDetails(r[1], r[2], bool(r[3]), int(r[4])) for r in rows}


_ARRIVED_SQLITE = """
SELECT e.id, count(r.id)
FROM records AS e, json_each(e.payload, '$.manifest') AS m
LEFT JOIN records AS r
  ON r.id = lower(replace(json_extract(m.value, '$.id'), '-', ''))
 AND r.revision >= json_extract(m.value, '$.revision')
WHERE e.id IN :ids
GROUP BY e.id
"""
_ARRIVED_POSTGRES = """
SELECT e.id, count(r.id)
FROM records AS e
CROSS JOIN LATERAL jsonb_array_elements(CAST(e.payload AS jsonb) -> 'manifest') AS m
LEFT JOIN records AS r
  ON r.id = CAST(m ->> 'id' AS uuid)
 AND r.revision >= CAST(m ->> 'revision' AS integer)
WHERE e.id IN :ids
GROUP BY e.id
"""


def arrivals(session: Session, *, event_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
    """Per outreach event: manifest entries stored on the server at (at least) the listed
    revision. Counted in SQL (``json_each`` / ``jsonb_array_elements``): a page of 100 events
    holds ~3,700 entries, too many to turn into Python objects on every queue refresh."""
    wanted = list(set(event_ids))
    if not wanted:
        return {}
    postgres = is_postgres(session)
    stmt = text(_ARRIVED_POSTGRES if postgres else _ARRIVED_SQLITE).bindparams(
        bindparam("ids", expanding=True)
    )
    values: list[Any] = wanted if postgres else [i.hex for i in wanted]
    rows = session.execute(stmt, {"ids": values})
    return {r[0] if isinstance(r[0], uuid.UUID) else uuid.UUID(str(r[0])): int(r[1]) for r in rows}


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
    result: Any = session.execute(
        update(DuplicateCandidate)
        .where(
            DuplicateCandidate.record_id == record_id,
            DuplicateCandidate.candidate_id.in_(list(candidate_ids)),
            DuplicateCandidate.resolved_at.is_(None),
        )
        .values(resolution=resolution, resolved_at=now, resolved_by=by)
    )
    opened = result.rowcount
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
    for side in (DuplicateCandidate.record_id, DuplicateCandidate.candidate_id):
        session.execute(
            update(DuplicateCandidate)
            .where(side == record_id, DuplicateCandidate.resolution == resolution)
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
