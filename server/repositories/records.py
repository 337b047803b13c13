"""Queries of the push path: current states, stored answers, NIK matches, bulk writes."""

from __future__ import annotations

import json
import uuid
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select, text, tuple_, update
from sqlalchemy.orm import Session

from server.models.records import (
    AppliedMutation,
    DuplicateCandidate,
    FeedEntry,
    Quarantine,
    Record,
    RecordRevision,
)
from server.repositories import throttle
from server.repositories.dialect import is_postgres, pg_execute, pg_pipeline, upsert

LOCKED_STATES = frozenset({"approved", "rejected", "withdrawn"})
INACTIVE_STATES = ("rejected", "withdrawn")


@dataclass(slots=True)
class RecordState:
    """What the push algorithm needs to know about a stored record."""

    id: uuid.UUID
    entity_type: str
    agent_id: uuid.UUID
    revision: int
    review_state: str | None
    flags: list[str] = field(default_factory=list)
    area_code: str | None = None
    nik: str | None = None
    deleted: bool = False

    @property
    def locked(self) -> bool:
        return self.review_state in LOCKED_STATES


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    status: str
    problem: str | None
    current_revision: int | None
    errors: list[dict[str, str]] | None


_STATE_COLUMNS = (
    Record.id,
    Record.entity_type,
    Record.agent_id,
    Record.revision,
    Record.review_state,
    Record.flags,
    Record.area_code,
    Record.nik,
    Record.deleted,
)


def _state(row: Any) -> RecordState:
    return RecordState(
        id=row.id,
        entity_type=row.entity_type,
        agent_id=row.agent_id,
        revision=row.revision,
        review_state=row.review_state,
        flags=list(row.flags or []),
        area_code=row.area_code,
        nik=row.nik,
        deleted=row.deleted,
    )


@dataclass(slots=True)
class Neighbourhood:
    """The stored records a batch touches, read in one statement (one snapshot)."""

    states: dict[uuid.UUID, RecordState]
    nik_matches: list[RecordState]
    awaiting: list[tuple[uuid.UUID, RecordState]]  # (parent id, child awaiting it)

    def take(
        self,
        state: RecordState,
        parent_id: uuid.UUID | None,
        *,
        wanted: set[uuid.UUID],
        niks: set[str],
        parents: set[uuid.UUID],
    ) -> None:
        """File one row read by either view under what the push asked for."""
        if state.id in wanted:
            self.states[state.id] = state
        if (
            state.entity_type == "prospect"
            and state.nik in niks
            and not state.deleted
            and state.review_state not in INACTIVE_STATES
        ):
            self.nik_matches.append(state)
        if parent_id is not None and parent_id in parents and "awaiting_parent" in state.flags:
            self.awaiting.append((parent_id, state))


def neighbourhood(
    session: Session,
    *,
    ids: Iterable[uuid.UUID],
    niks: Iterable[str],
    prospect_ids: Iterable[uuid.UUID],
) -> Neighbourhood:
    """Records by id, active prospects sharing a NIK (any agent, any area), and children of
    the batch's prospects still flagged ``awaiting_parent``."""
    wanted, nik_list, parents = list(set(ids)), sorted(set(niks)), list(set(prospect_ids))
    conditions: list[ColumnElement[bool]] = []
    if wanted:
        conditions.append(Record.id.in_(wanted))
    if nik_list:
        conditions.append(
            and_(
                Record.entity_type == "prospect",
                Record.nik.in_(nik_list),
                Record.deleted.is_(False),
                Record.review_state.not_in(INACTIVE_STATES),
            )
        )
    if parents:
        conditions.append(Record.parent_id.in_(parents))
    found = Neighbourhood({}, [], [])
    if not conditions:
        return found
    rows = session.execute(select(*_STATE_COLUMNS, Record.parent_id).where(or_(*conditions)))
    wanted_set, nik_set, parent_set = set(wanted), set(nik_list), set(parents)
    for row in rows:
        found.take(_state(row), row.parent_id, wanted=wanted_set, niks=nik_set, parents=parent_set)
    return found


# The records a push may touch (its ids, same-NIK prospects, children of its prospects) and the
# revisions it names: shared by the one-push view and the group view.
_PG_RECORDS = """
      'records', (SELECT coalesce(json_agg(json_build_object(
            'id', r.id, 'entity_type', r.entity_type, 'agent_id', r.agent_id,
            'revision', r.revision, 'review_state', r.review_state, 'flags', r.flags,
            'area_code', r.area_code, 'nik', r.nik, 'deleted', r.deleted,
            'parent_id', r.parent_id)), '[]')
          FROM records r
          WHERE r.id = ANY(CAST(:ids AS uuid[]))
             OR (r.entity_type = 'prospect' AND r.nik = ANY(CAST(:niks AS varchar[]))
                 AND NOT r.deleted AND r.review_state NOT IN ('rejected', 'withdrawn'))
             OR r.parent_id = ANY(CAST(:prospects AS uuid[])))"""

_PG_REVISIONS = """
      'revisions', (SELECT coalesce(json_agg(json_build_object(
            'record_id', v.record_id, 'revision', v.revision, 'payload_hash', v.payload_hash,
            'agent_id', o.agent_id)), '[]')
          FROM unnest(CAST(:pair_ids AS uuid[]), CAST(:pair_revs AS integer[])) AS p(id, rev)
          JOIN record_revisions v ON v.record_id = p.id AND v.revision = p.rev
          JOIN records o ON o.id = v.record_id)"""

_PG_VIEW = f"""
    SELECT json_build_object({_PG_RECORDS},
      'answers', (SELECT coalesce(json_agg(json_build_object(
            'record_id', a.record_id, 'revision', a.revision, 'payload_hash', a.payload_hash,
            'status', a.status, 'problem', a.problem, 'current_revision', a.current_revision,
            'errors', a.errors)), '[]')
          FROM applied_mutations a
          WHERE a.agent_id = :agent AND a.record_id = ANY(CAST(:ids AS uuid[]))),{_PG_REVISIONS}
    )
    """  # noqa: S608 - fixed SQL fragments, values are bound parameters


# A group of pushes (several agents, ``push_group``): the same view, with the stored answers
# asked for by (agent, record id) and naming their agent.
_PG_GROUP_VIEW = f"""
    SELECT json_build_object({_PG_RECORDS},
      'answers', (SELECT coalesce(json_agg(json_build_object(
            'agent_id', a.agent_id, 'record_id', a.record_id, 'revision', a.revision,
            'payload_hash', a.payload_hash, 'status', a.status, 'problem', a.problem,
            'current_revision', a.current_revision, 'errors', a.errors)), '[]')
          FROM unnest(CAST(:answer_agents AS uuid[]), CAST(:answer_ids AS uuid[])) AS q(agent, id)
          JOIN applied_mutations a ON a.agent_id = q.agent AND a.record_id = q.id),{_PG_REVISIONS}
    )
    """  # noqa: S608 - fixed SQL fragments, values are bound parameters


@dataclass(slots=True)
class PushView:
    """Everything step (a)–(d) reads, from one statement (one snapshot) on PostgreSQL."""

    near: Neighbourhood
    answers: dict[tuple[uuid.UUID, int, str], StoredAnswer]
    revisions: dict[tuple[uuid.UUID, int], StoredRevision]


def push_view(
    session: Session,
    *,
    agent_id: uuid.UUID,
    ids: Iterable[uuid.UUID],
    niks: Iterable[str],
    prospect_ids: Iterable[uuid.UUID],
    pairs: Iterable[tuple[uuid.UUID, int]],
) -> PushView:
    """Records near the batch, the stored answers and the stored revisions it names."""
    if not is_postgres(session):
        wanted, nik_list, parents = list(set(ids)), sorted(set(niks)), list(set(prospect_ids))
        return PushView(
            neighbourhood(session, ids=wanted, niks=nik_list, prospect_ids=parents),
            stored_answers(session, agent_id=agent_id, ids=wanted),
            revision_hashes(session, pairs=list(set(pairs))),
        )
    return _pg_push_view(
        session, agent_id=agent_id, ids=ids, niks=niks, prospect_ids=prospect_ids, pairs=pairs
    )()


def _pg_push_view(
    session: Session,
    *,
    agent_id: uuid.UUID,
    ids: Iterable[uuid.UUID],
    niks: Iterable[str],
    prospect_ids: Iterable[uuid.UUID],
    pairs: Iterable[tuple[uuid.UUID, int]],
) -> Callable[[], PushView]:
    """Send the view statement; the returned function reads and decodes its result (so the
    statement can share a pipeline with the ones before it)."""
    wanted, nik_list, parents = list(set(ids)), sorted(set(niks)), list(set(prospect_ids))
    pair_list = list(set(pairs))
    cursor = pg_execute(
        session,
        _PG_VIEW,
        {
            "ids": wanted,
            "niks": nik_list,
            "prospects": parents,
            "agent": agent_id,
            "pair_ids": [i for i, _ in pair_list],
            "pair_revs": [r for _, r in pair_list],
        },
    )
    return lambda: _pg_view_result(cursor.fetchone()[0], wanted, nik_list, parents)


def _pg_view_result(
    data: dict[str, Any], wanted: list[uuid.UUID], nik_list: list[str], parents: list[uuid.UUID]
) -> PushView:
    wanted_set, nik_set, parent_set = set(wanted), set(nik_list), set(parents)
    near = Neighbourhood({}, [], [])
    for row in data["records"]:
        state = RecordState(
            id=uuid.UUID(row["id"]),
            entity_type=row["entity_type"],
            agent_id=uuid.UUID(row["agent_id"]),
            revision=row["revision"],
            review_state=row["review_state"],
            flags=list(row["flags"] or []),
            area_code=row["area_code"],
            nik=row["nik"],
            deleted=row["deleted"],
        )
        parent = uuid.UUID(row["parent_id"]) if row["parent_id"] else None
        near.take(state, parent, wanted=wanted_set, niks=nik_set, parents=parent_set)
    answers = {
        (uuid.UUID(a["record_id"]), a["revision"], a["payload_hash"]): StoredAnswer(
            a["status"], a["problem"], a["current_revision"], a["errors"]
        )
        for a in data["answers"]
    }
    revisions = {
        (uuid.UUID(v["record_id"]), v["revision"]): StoredRevision(
            v["payload_hash"], uuid.UUID(v["agent_id"])
        )
        for v in data["revisions"]
    }
    return PushView(near, answers, revisions)


def stored_answers(
    session: Session, *, agent_id: uuid.UUID, ids: Iterable[uuid.UUID]
) -> dict[tuple[uuid.UUID, int, str], StoredAnswer]:
    wanted = list(set(ids))
    if not wanted:
        return {}
    rows = session.execute(
        select(
            AppliedMutation.record_id,
            AppliedMutation.revision,
            AppliedMutation.payload_hash,
            AppliedMutation.status,
            AppliedMutation.problem,
            AppliedMutation.current_revision,
            AppliedMutation.errors,
        ).where(AppliedMutation.agent_id == agent_id, AppliedMutation.record_id.in_(wanted))
    )
    return {
        (r.record_id, r.revision, r.payload_hash): StoredAnswer(
            r.status, r.problem, r.current_revision, r.errors
        )
        for r in rows
    }


@dataclass(frozen=True, slots=True)
class StoredRevision:
    payload_hash: str
    agent_id: uuid.UUID  # the record's owner


def revision_hashes(
    session: Session, *, pairs: Iterable[tuple[uuid.UUID, int]]
) -> dict[tuple[uuid.UUID, int], StoredRevision]:
    """Stored revisions among ``pairs``, with their record's owner: under READ COMMITTED a
    record may appear between two statements, so each answer carries its own owner."""
    wanted = list(set(pairs))
    if not wanted:
        return {}
    rows = session.execute(
        select(
            RecordRevision.record_id,
            RecordRevision.revision,
            RecordRevision.payload_hash,
            Record.agent_id,
        )
        .join(Record, Record.id == RecordRevision.record_id)
        .where(tuple_(RecordRevision.record_id, RecordRevision.revision).in_(wanted))
    )
    return {(r.record_id, r.revision): StoredRevision(r.payload_hash, r.agent_id) for r in rows}


def feed_seqs(
    session: Session, *, agent_id: uuid.UUID, ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, int]:
    wanted = list(set(ids))
    if not wanted:
        return {}
    rows = session.execute(
        select(FeedEntry.entity_id, FeedEntry.seq).where(
            FeedEntry.agent_id == agent_id,
            FeedEntry.kind == "record",
            FeedEntry.entity_id.in_(wanted),
        )
    )
    return {r.entity_id: r.seq for r in rows}


# -- locks -----------------------------------------------------------------------------------

_NIK_LOCK_SPACE = 7301  # first key of the two-int advisory locks: "NIK duplicate check"


def lock_writer(session: Session, *, agent_id: uuid.UUID, niks: Iterable[str]) -> None:
    """PostgreSQL: serialise the writes of one agent, then the duplicate checks of each NIK
    across agents (NIK locks in key order), in one round trip. SQLite has one writer already."""
    if not is_postgres(session):
        return
    agent_key = int.from_bytes(agent_id.bytes[8:], "big", signed=True)
    keys = sorted({_int32(nik) for nik in niks})
    session.execute(
        text(
            "SELECT pg_advisory_xact_lock(:agent), (SELECT count(*) FROM (SELECT "
            "pg_advisory_xact_lock(:space, k) FROM (SELECT unnest(CAST(:keys AS integer[])) "
            "AS k ORDER BY k) AS sorted) AS locked)"
        ),
        {"agent": agent_key, "space": _NIK_LOCK_SPACE, "keys": keys},
    )


def start_push(
    session: Session, *, bucket: str, window_start: int, agent_id: uuid.UUID, niks: Iterable[str]
) -> int:
    """Count the request against its rate limit, then take the writer locks (PostgreSQL: both in
    one round trip). Returns the request count of this minute."""
    if not is_postgres(session):
        return throttle.hit(session, bucket=bucket, window_start=window_start)
    count = int(_pg_start_push(session, bucket, window_start, agent_id, niks).fetchone()[0])
    if count == 1:
        throttle.forget_before(session, bucket=bucket, window_start=window_start)
    return count


def start_push_and_view(
    session: Session,
    *,
    bucket: str,
    window_start: int,
    agent_id: uuid.UUID,
    niks: Iterable[str],
    view: dict[str, Any],
) -> tuple[int, PushView]:
    """``start_push`` then ``push_view(**view)``. PostgreSQL: the transaction's BEGIN, the
    count-and-locks statement and the view statement go out in one round trip (pipeline); the
    view still runs after the locks are held, in its own snapshot (READ COMMITTED)."""
    if not is_postgres(session):
        count = start_push(
            session, bucket=bucket, window_start=window_start, agent_id=agent_id, niks=niks
        )
        return count, push_view(session, agent_id=agent_id, **view)
    with pg_pipeline(session):
        counted = _pg_start_push(session, bucket, window_start, agent_id, niks)
        viewed = _pg_push_view(session, agent_id=agent_id, **view)
    count = int(counted.fetchone()[0])
    if count == 1:
        throttle.forget_before(session, bucket=bucket, window_start=window_start)
    return count, viewed()


@dataclass(slots=True)
class GroupView:
    """``PushView`` for a group of pushes of several agents: the stored answers by agent."""

    view: PushView  # its ``answers`` stay empty
    answers: dict[uuid.UUID, dict[tuple[uuid.UUID, int, str], StoredAnswer]]


def _agent_key(agent_id: uuid.UUID) -> int:
    return int.from_bytes(agent_id.bytes[8:], "big", signed=True)


_PG_START_GROUP = (
    "WITH hit AS (INSERT INTO rate_counters (bucket, window_start, count) "
    "SELECT u.b, u.w, u.n FROM unnest(CAST(:buckets AS varchar[]), CAST(:windows AS bigint[]), "
    "CAST(:hits AS integer[])) AS u(b, w, n) ORDER BY u.b, u.w "
    "ON CONFLICT (bucket, window_start) DO UPDATE SET count = rate_counters.count + excluded.count "
    "RETURNING bucket, window_start, count) "
    "SELECT (SELECT json_agg(json_build_array(bucket, window_start, count)) FROM hit), "
    "(SELECT count(*) FROM (SELECT pg_advisory_xact_lock(k) FROM (SELECT a.k FROM "
    "unnest(CAST(:agents AS bigint[])) WITH ORDINALITY AS a(k, o) ORDER BY a.o) AS ordered) "
    "AS agents_locked), "
    "(SELECT count(*) FROM (SELECT pg_advisory_xact_lock(:space, k) FROM (SELECT "
    "unnest(CAST(:keys AS integer[])) AS k ORDER BY k) AS sorted) AS niks_locked)"
)


def start_group_and_view(
    session: Session,
    *,
    hits: dict[tuple[str, int], int],
    agent_ids: Iterable[uuid.UUID],
    niks: Iterable[str],
    ids: Iterable[uuid.UUID],
    prospect_ids: Iterable[uuid.UUID],
    pairs: Iterable[tuple[uuid.UUID, int]],
    answer_keys: Iterable[tuple[uuid.UUID, uuid.UUID]],
) -> tuple[dict[tuple[str, int], int], GroupView]:
    """PostgreSQL, a group of pushes in one transaction: count ``hits`` requests per
    (rate bucket, window) and return each bucket's new count; lock the agents' writes (in UUID
    order, as decisions do) and then the NIKs (key order); read the view of every push (records
    near them, stored answers by (agent, record id), stored revisions). BEGIN and both
    statements go out in one round trip, as for one push (``start_push_and_view``)."""
    buckets = sorted(hits)
    wanted, nik_list, parents = list(set(ids)), sorted(set(niks)), list(set(prospect_ids))
    pair_list = list(set(pairs))
    answer_list = list(set(answer_keys))
    with pg_pipeline(session):
        counted = pg_execute(
            session,
            _PG_START_GROUP,
            {
                "buckets": [b for b, _ in buckets],
                "windows": [w for _, w in buckets],
                "hits": [hits[key] for key in buckets],
                "agents": [_agent_key(a) for a in sorted(set(agent_ids))],
                "space": _NIK_LOCK_SPACE,
                "keys": sorted({_int32(nik) for nik in nik_list}),
            },
        )
        viewed = pg_execute(
            session,
            _PG_GROUP_VIEW,
            {
                "ids": wanted,
                "niks": nik_list,
                "prospects": parents,
                "answer_agents": [a for a, _ in answer_list],
                "answer_ids": [i for _, i in answer_list],
                "pair_ids": [i for i, _ in pair_list],
                "pair_revs": [r for _, r in pair_list],
            },
        )
    counts = {(b, int(w)): int(c) for b, w, c in counted.fetchone()[0]}
    for (bucket, window), count in counts.items():
        if count == hits[(bucket, window)]:  # the bucket's first requests in this window
            throttle.forget_before(session, bucket=bucket, window_start=window)
    data = viewed.fetchone()[0]
    answers: dict[uuid.UUID, dict[tuple[uuid.UUID, int, str], StoredAnswer]] = {}
    for a in data["answers"]:
        answers.setdefault(uuid.UUID(a["agent_id"]), {})[
            (uuid.UUID(a["record_id"]), a["revision"], a["payload_hash"])
        ] = StoredAnswer(a["status"], a["problem"], a["current_revision"], a["errors"])
    data["answers"] = []
    return counts, GroupView(_pg_view_result(data, wanted, nik_list, parents), answers)


@contextmanager
def pipelined(session: Session) -> Iterator[None]:
    """PostgreSQL: ``pg_pipeline`` (the block's statements share one round trip); SQLite: as is."""
    if is_postgres(session):
        with pg_pipeline(session):
            yield
    else:
        yield


def _pg_start_push(
    session: Session, bucket: str, window_start: int, agent_id: uuid.UUID, niks: Iterable[str]
) -> Any:
    agent_key = int.from_bytes(agent_id.bytes[8:], "big", signed=True)
    keys = sorted({_int32(nik) for nik in niks})
    return pg_execute(
        session,
        (
            "WITH hit AS (INSERT INTO rate_counters (bucket, window_start, count) "
            "VALUES (:bucket, :window, 1) ON CONFLICT (bucket, window_start) "
            "DO UPDATE SET count = rate_counters.count + 1 RETURNING count) "
            "SELECT hit.count, pg_advisory_xact_lock(:agent), (SELECT count(*) FROM (SELECT "
            "pg_advisory_xact_lock(:space, k) FROM (SELECT unnest(CAST(:keys AS integer[])) "
            "AS k ORDER BY k) AS sorted) AS locked) FROM hit"
        ),
        {
            "bucket": bucket,
            "window": window_start,
            "agent": agent_key,
            "space": _NIK_LOCK_SPACE,
            "keys": keys,
        },
    )


def lock_agent(session: Session, *, agent_id: uuid.UUID) -> None:
    """Serialise the writes of one agent (supervisor edits and decisions take it too)."""
    lock_writer(session, agent_id=agent_id, niks=())


def lock_niks(session: Session, *, niks: Iterable[str]) -> None:
    """Serialise duplicate checks of the same NIK across agents, locks taken in key order."""
    if not is_postgres(session):
        return
    keys = sorted({_int32(nik) for nik in niks})
    if keys:
        session.execute(
            text(
                "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(:space, k) FROM "
                "(SELECT unnest(CAST(:keys AS integer[])) AS k ORDER BY k) AS sorted) AS locked"
            ),
            {"space": _NIK_LOCK_SPACE, "keys": keys},
        )


def _int32(value: str) -> int:
    crc = zlib.crc32(value.encode("utf-8"))
    return crc - (1 << 32) if crc >= (1 << 31) else crc


# -- writes ----------------------------------------------------------------------------------


def _json_default(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def _rows_json(rows: Sequence[dict[str, Any]]) -> str:
    return json.dumps(list(rows), default=_json_default, ensure_ascii=False, separators=(",", ":"))


def insert_rows(session: Session, model: type[Any], rows: Sequence[dict[str, Any]]) -> None:
    """Insert many rows (all with the same keys). PostgreSQL: one statement fed by one JSON
    parameter (``json_populate_recordset``): the batch costs one execution, not one per row,
    and no per-value client-side conversion. SQLite: a Core ``executemany`` on the session's
    connection (the ORM's bulk INSERT adds ~10 % per batch for bookkeeping these rows don't
    need), after a flush of anything pending, as the ORM path's autoflush did."""
    if not rows:
        return
    if not is_postgres(session):
        session.flush()
        session.connection().execute(model.__table__.insert(), list(rows))
        return
    table = model.__table__.name
    columns = ", ".join(rows[0])
    session.execute(
        text(
            f"INSERT INTO {table} ({columns}) SELECT {columns} "
            f"FROM json_populate_recordset(NULL::{table}, CAST(:rows AS json))"
        ),
        {"rows": _rows_json(rows)},
    )


def update_records(session: Session, *, rows: Sequence[dict[str, Any]]) -> None:
    """Bulk UPDATE by primary key; every dict has ``id`` and the same columns to set."""
    if not rows:
        return
    if not is_postgres(session):
        session.execute(update(Record), list(rows))
        return
    columns = [name for name in rows[0] if name != "id"]
    assignments = ", ".join(f"{name} = j.{name}" for name in columns)
    session.execute(
        text(
            f"UPDATE records SET {assignments} "
            "FROM json_populate_recordset(NULL::records, CAST(:rows AS json)) AS j "
            "WHERE records.id = j.id"
        ),
        {"rows": _rows_json(rows)},
    )


@dataclass(slots=True)
class BatchRows:
    """Everything a push batch writes; each list holds dicts with one set of keys."""

    new_records: list[dict[str, Any]] = field(default_factory=list)
    updated_records: list[dict[str, Any]] = field(default_factory=list)
    flag_updates: list[dict[str, Any]] = field(default_factory=list)
    revisions: list[dict[str, Any]] = field(default_factory=list)
    mutations: list[dict[str, Any]] = field(default_factory=list)
    quarantine: list[dict[str, Any]] = field(default_factory=list)
    candidates: list[dict[str, Any]] = field(default_factory=list)


def _insert_cte(name: str, table: str, rows: list[dict[str, Any]], params: dict[str, str]) -> str:
    columns = ", ".join(rows[0])
    params[name] = _rows_json(rows)
    return (
        f"{name} AS (INSERT INTO {table} ({columns}) SELECT {columns} "
        f"FROM json_populate_recordset(NULL::{table}, CAST(:{name} AS json)))"
    )


def _update_cte(name: str, rows: list[dict[str, Any]], params: dict[str, str]) -> str:
    columns = [column for column in rows[0] if column != "id"]
    params[name] = _rows_json(rows)
    assignments = ", ".join(f"{column} = j.{column}" for column in columns)
    return (
        f"{name} AS (UPDATE records SET {assignments} FROM json_populate_recordset("
        f"NULL::records, CAST(:{name} AS json)) AS j WHERE records.id = j.id)"
    )


def write_batch(session: Session, *, rows: BatchRows) -> None:
    """Write a decided batch. PostgreSQL: one statement of data-modifying CTEs (foreign keys
    are checked at its end, so revisions may reference records inserted beside them)."""
    if not is_postgres(session):
        insert_rows(session, Record, rows.new_records)
        update_records(session, rows=rows.updated_records)
        update_records(session, rows=rows.flag_updates)
        insert_rows(session, RecordRevision, rows.revisions)
        insert_rows(session, AppliedMutation, rows.mutations)
        add_quarantine(session, rows=rows.quarantine)
        add_candidates(session, rows=rows.candidates)
        return
    params: dict[str, str] = {}
    parts = []
    for name, table, part in (
        ("new_records", "records", rows.new_records),
        ("revisions", "record_revisions", rows.revisions),
        ("mutations", "applied_mutations", rows.mutations),
        ("quarantined", "quarantine", rows.quarantine),
    ):
        if part:
            parts.append(_insert_cte(name, table, part, params))
    for name, part in (("updated", rows.updated_records), ("flagged", rows.flag_updates)):
        if part:
            parts.append(_update_cte(name, part, params))
    if rows.candidates:
        params["candidates"] = _rows_json(rows.candidates)
        columns = ", ".join(rows.candidates[0])
        parts.append(
            f"candidates AS (INSERT INTO duplicate_candidates ({columns}) SELECT {columns} "
            "FROM json_populate_recordset(NULL::duplicate_candidates, CAST(:candidates AS json)) "
            "ON CONFLICT (record_id, candidate_id) DO NOTHING)"
        )
    if parts:
        pg_execute(session, "WITH " + ", ".join(parts) + " SELECT 1", params)


def add_candidates(session: Session, *, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        stmt = upsert(session, DuplicateCandidate.__table__).on_conflict_do_nothing(
            index_elements=["record_id", "candidate_id"]
        )
        session.execute(stmt, list(rows))


def add_quarantine(session: Session, *, rows: Sequence[dict[str, Any]]) -> None:
    insert_rows(session, Quarantine, rows)


def revisions_of(session: Session, *, record_id: uuid.UUID) -> list[RecordRevision]:
    return list(
        session.scalars(
            select(RecordRevision)
            .where(RecordRevision.record_id == record_id)
            .order_by(RecordRevision.revision)
        ).all()
    )


def quarantined(session: Session, *, agent_id: uuid.UUID) -> list[Quarantine]:
    return list(
        session.scalars(
            select(Quarantine)
            .where(Quarantine.agent_id == agent_id)
            .order_by(Quarantine.received_at)
        ).all()
    )
