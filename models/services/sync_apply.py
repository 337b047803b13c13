"""Applying what the server says to the local store: push results and pulled feed pages.

Owned by the sync area (``sync/engine.py`` calls these through ``run_db``, which opens one write
transaction around each call, so a push reply or a pulled page plus its cursor land together or
not at all). Functions take the caller's Session and never commit (STYLE.md §2).

Push results (SYNC_PROTOCOL.md §4.6): ``accepted``/``duplicate`` retire the outbox row and take
the server's review state; ``conflict``, ``invalid`` and ``forbidden`` file the row as processed
and mark the record (the server's field errors kept for the editor). The content always stays.

Pulled pages (§4.7, §6.3): decisions set the badge, note and field notes; records newer than the
local copy replace it only when the agent has nothing unsent for that record. Otherwise the
server copy is merged per field with ``models.rules.ownership.merge_three_way`` on
``base_payload`` (the last server copy): a clean merge is queued as the next revision, fields
changed on both sides make the badge ``conflict`` for the agent to choose (``server_errors``
lists them with code ``conflict``; ``base_payload`` then holds the server version). Echoes of
known revisions change nothing but server-owned state. Reference versions go to ``sync_state``.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    String,
    bindparam,
    case,
    insert,
    literal_column,
    or_,
    select,
    type_coerce,
    update,
)
from sqlalchemy.orm import Session

from models.base import JsonText, table_of, utcnow
from models.consent import Consent
from models.decision import Decision
from models.outbox import OutboxEntry
from models.outreach_event import OutreachEvent
from models.prospect import Prospect
from models.repositories import outbox as outbox_repo
from models.repositories import prospects as prospects_repo
from models.repositories import search
from models.repositories import sync_state as sync_state_repo
from models.repositories.outbox import OutboxItem
from models.rules.ownership import merge_three_way
from models.services.changes import change_body, parse_body
from models.services.context import AgentContext
from models.sync_state import SyncState
from models.visit import Visit
from sync.protocol import (
    ChangesResponse,
    DecisionData,
    PushResult,
    RecordData,
    ReferenceData,
    canonical_json,
)

__all__ = [
    "BADGE_OF_STATE",
    "PullApplied",
    "PushApplied",
    "apply_pulled_page",
    "apply_push_results",
    "mark_sending",
    "quarantine_locally",
]

log = logging.getLogger(__name__)

BADGE_OF_STATE = {
    "received": "received",
    "approved": "approved",
    "returned": "returned",
    "rejected": "rejected",
    "withdrawn": "withdrawn",
}
STATE_OF_OUTCOME = {
    "approve": "approved",
    "return": "returned",
    "reject": "rejected",
    "reopen": "returned",
}
# Badges that mean "the local content is the agent's and has not been accepted yet".
_LOCAL_BADGES = ("conflict", "invalid", "forbidden")
_MODELS: dict[str, type[Any]] = {
    "prospect": Prospect,
    "visit": Visit,
    "consent": Consent,
    "outreach_event": OutreachEvent,
}


@dataclass
class PushApplied:
    accepted: int = 0
    duplicate: int = 0
    conflicts: int = 0
    invalid: int = 0
    forbidden: int = 0
    changed_ids: list[uuid.UUID] = field(default_factory=list)
    forbidden_problems: list[str] = field(default_factory=list)


@dataclass
class PullApplied:
    entries: int = 0
    records: int = 0
    decisions: int = 0
    references: int = 0
    merged: int = 0
    conflicts: int = 0
    changed_ids: list[uuid.UUID] = field(default_factory=list)
    cursor: str | None = None


# ---------------------------------------------------------------------------- helpers


def _live_record_ids(session: Session, record_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    """record id → ``"frozen"`` if any live row is frozen, else ``"pending"``."""
    ids = list(set(record_ids))
    found: dict[uuid.UUID, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        stmt = select(OutboxEntry.record_id, OutboxEntry.state).where(
            OutboxEntry.record_id.in_(chunk), OutboxEntry.state.in_(("pending", "frozen"))
        )
        for record_id, state in session.execute(stmt):
            if found.get(record_id) != "frozen":
                found[record_id] = state
    return found


def _load(session: Session, model: type[Any], ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Any]:
    wanted = list(set(ids))
    out: dict[uuid.UUID, Any] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for row in session.scalars(select(model).where(model.id.in_(chunk))):
            out[row.id] = row
    return out


def _settled_badge(prospect: Prospect, *, previous_state: str | None = None) -> str:
    """The badge of a prospect with nothing unsent, from its review state."""
    return _badge_for(
        prospect.review_state,
        deleted=prospect.deleted_at is not None,
        previous=previous_state,
        badge=prospect.badge,
    )


def _agent_for(session: Session) -> AgentContext:
    state = sync_state_repo.get_or_create(session)
    return AgentContext(username="", agent_id=state.agent_id, device_id=state.device_id)


def _monthly(payload: Mapping[str, Any]) -> int | None:
    quote = payload.get("quote")
    if isinstance(quote, Mapping) and isinstance(quote.get("monthly_first"), int):
        return int(quote["monthly_first"])
    return None


def _write_payload(session: Session, prospect: Prospect, payload: Mapping[str, Any]) -> None:
    prospects_repo.apply_payload(prospect, payload=payload, monthly_contribution=_monthly(payload))
    prospects_repo.replace_heirs(session, prospect_id=prospect.id, heirs=payload.get("heirs", []))
    session.flush()
    search.index_prospect(session, prospect=prospect)


# ---------------------------------------------------------------------------- push


def mark_sending(session: Session, *, record_ids: Sequence[uuid.UUID]) -> None:
    """Frozen rows are on their way: queued prospects show "Mengirim"."""
    for start in range(0, len(record_ids), 500):
        chunk = list(record_ids[start : start + 500])
        session.execute(
            update(Prospect)
            .where(Prospect.id.in_(chunk), Prospect.badge == "queued")
            .values(badge="sending")
            .execution_options(synchronize_session=False)
        )


def apply_push_results(
    session: Session, *, rows: Sequence[OutboxItem], results: Sequence[PushResult]
) -> PushApplied:
    """One result per row, in the same order (``sync.outbox.apply_response`` checks that)."""
    out = PushApplied()
    acked = [
        (row, result)
        for row, result in zip(rows, results, strict=True)
        if row.entity_type == "prospect" and result.status in ("accepted", "duplicate")
    ]
    refused_ids = [
        row.record_id
        for row, result in zip(rows, results, strict=True)
        if row.entity_type == "prospect" and result.status not in ("accepted", "duplicate")
    ]
    prospects = _load(session, Prospect, refused_ids) if refused_ids else {}
    others: dict[str, dict[uuid.UUID, Any]] = {}
    for kind, model in _MODELS.items():
        if kind != "prospect":
            ids = [r.record_id for r in rows if r.entity_type == kind]
            others[kind] = _load(session, model, ids) if ids else {}
    pending_conflicts: list[tuple[Prospect, OutboxItem]] = []
    finished: list[tuple[OutboxItem, str, str, dict[str, Any]]] = []
    for row, result in zip(rows, results, strict=True):
        status = result.status
        stored = result.model_dump(mode="json", exclude_defaults=True)
        done = status in ("accepted", "duplicate")
        finished.append((row, "done" if done else "processed", status, stored))
        if done:
            setattr(out, status, getattr(out, status) + 1)
        else:
            if status == "conflict":
                out.conflicts += 1
            elif status == "invalid":
                out.invalid += 1
            else:
                out.forbidden += 1
                out.forbidden_problems.append(result.problem or "forbidden")
        out.changed_ids.append(row.record_id)
        if row.entity_type == "prospect":
            prospect = prospects.get(row.record_id) if not done else None
            if prospect is not None:
                _prospect_result(prospect, row, result)
                if status == "conflict":
                    pending_conflicts.append((prospect, row))
        else:
            record = others.get(row.entity_type, {}).get(row.record_id)
            if record is not None and status in ("accepted", "duplicate"):
                record.server_rev = max(record.server_rev or 0, row.revision)
    finish_rows(session, items=finished)
    session.flush()
    for row, _state, outcome, _stored in finished:
        if outcome == "invalid":
            _renumber_after_invalid(session, row, prospect=prospects.get(row.record_id))
    live = _live_record_ids(session, [r.record_id for r in rows])
    _ack_prospects(session, acked, live=live)
    for prospect in prospects.values():
        state = live.get(prospect.id)
        if state is not None and prospect.badge not in _LOCAL_BADGES:
            prospect.badge = "sending" if state == "frozen" else "queued"
    for prospect, row in pending_conflicts:
        _requeue_if_theirs_known(session, prospect, row, live=prospect.id in live)
    session.flush()
    return out


def _renumber_after_invalid(
    session: Session, row: OutboxItem, *, prospect: Prospect | None
) -> None:
    """An ``invalid`` revision r consumed no number on the server (SYNC §4.6). If the agent
    saved again while r was on its way, that pending row says r+1 on base r, which the server
    would refuse as ``stale-base``: it becomes r on base r-1 (same content, it was never sent)."""
    pending = session.scalars(
        select(OutboxEntry).where(
            OutboxEntry.record_id == row.record_id,
            OutboxEntry.state == "pending",
            OutboxEntry.base_revision == row.revision,
        )
    ).one_or_none()
    if pending is None:
        return
    envelope = parse_body(pending.body)
    envelope["revision"] = row.revision
    envelope["base_revision"] = row.base_revision
    pending.body = canonical_json(envelope)
    pending.revision = row.revision
    pending.base_revision = row.base_revision
    pending.generation += 1
    pending.updated_at = utcnow()
    if prospect is not None and prospect.revision == row.revision + 1:
        prospect.revision = row.revision
    session.flush()


def pending_items(session: Session, *, limit: int) -> list[OutboxItem]:
    """``outbox.pending_rows`` as a plain column select (no ORM identity map, no strptime): the
    oldest pending rows, ``seq`` ascending."""
    table = table_of(OutboxEntry)
    stmt = (
        select(
            table.c.seq,
            table.c.record_id,
            table.c.entity_type,
            table.c.revision,
            table.c.base_revision,
            table.c.body,
            table.c.generation,
            table.c.attempts,
            type_coerce(table.c.created_at, String),
        )
        .where(table.c.state == "pending")
        .order_by(table.c.seq)
        .limit(limit)
    )
    items = []
    for (
        seq,
        record_id,
        kind,
        revision,
        base,
        body,
        generation,
        attempts,
        created,
    ) in session.execute(stmt):
        items.append(
            OutboxItem(
                seq=seq,
                record_id=record_id,
                entity_type=kind,
                revision=revision,
                base_revision=base,
                body=body,
                state="pending",
                generation=generation,
                batch_id=None,
                attempts=attempts,
                created_at=datetime.fromisoformat(created.replace("Z", "+00:00")),
            )
        )
    return items


def freeze_rows(
    session: Session, *, rows: Sequence[OutboxItem], batch_id: uuid.UUID, bodies: Sequence[bytes]
) -> list[OutboxItem]:
    """``outbox.freeze`` for a whole batch in one executemany (the per-row ORM update costs
    milliseconds a row). Only rows still pending with the generation that was read are frozen;
    the frozen rows are returned as they now are. Same transaction as the read (the caller's)."""
    if len(bodies) != len(rows):
        raise ValueError("one body per row")
    table = table_of(OutboxEntry)
    now = utcnow()
    stmt = (
        table.update()
        .where(
            table.c.seq == bindparam("k_seq"),
            table.c.generation == bindparam("k_generation"),
            table.c.state == "pending",
        )
        .values(state="frozen", body=bindparam("k_body"), batch_id=batch_id, updated_at=now)
    )
    session.execute(
        stmt,
        [
            {"k_seq": row.seq, "k_generation": row.generation, "k_body": body}
            for row, body in zip(rows, bodies, strict=True)
        ],
    )
    frozen = set(
        session.scalars(
            select(OutboxEntry.seq).where(
                OutboxEntry.batch_id == batch_id, OutboxEntry.state == "frozen"
            )
        )
    )
    return [
        replace(row, state="frozen", body=body, batch_id=batch_id)
        for row, body in zip(rows, bodies, strict=True)
        if row.seq in frozen
    ]


def finish_rows(
    session: Session, *, items: Sequence[tuple[OutboxItem, str, str, Mapping[str, Any]]]
) -> None:
    """Retire live rows in one executemany: ``(row, "done"|"processed", status, result)``
    (``outbox.mark_done``/``mark_processed`` for a whole reply)."""
    if not items:
        return
    table = table_of(OutboxEntry)
    now = utcnow()
    stmt = (
        table.update()
        .where(
            table.c.record_id == bindparam("k_record"),
            table.c.revision == bindparam("k_revision"),
            or_(table.c.state == "pending", table.c.state == "frozen"),
        )
        .values(
            state=bindparam("k_state"),
            result_status=bindparam("k_status"),
            result_json=bindparam("k_result"),
            updated_at=now,
        )
    )
    session.execute(
        stmt,
        [
            {
                "k_record": row.record_id,
                "k_revision": row.revision,
                "k_state": state,
                "k_status": status,
                "k_result": dict(result),
            }
            for row, state, status, result in items
        ],
    )


_ACK_COLUMNS = (
    Prospect.id,
    Prospect.revision,
    Prospect.server_rev,
    Prospect.review_state,
    Prospect.badge,
    Prospect.status,
    Prospect.deleted_at,
)


def _ack_prospects(
    session: Session,
    pairs: Sequence[tuple[OutboxItem, PushResult]],
    *,
    live: Mapping[uuid.UUID, str],
) -> None:
    """Acknowledged prospect revisions, in one executemany (the hot path of a big push): the
    server's copy becomes the merge base, review state and flags are the server's, and the
    badge settles unless a newer local revision is still queued."""
    if not pairs:
        return
    current = {}
    ids = [row.record_id for row, _ in pairs]
    for start in range(0, len(ids), 500):
        stmt = select(*_ACK_COLUMNS).where(Prospect.id.in_(ids[start : start + 500]))
        current.update({r.id: r for r in session.execute(stmt)})
    advanced, settled = [], []
    for row, result in pairs:
        cur = current.get(row.record_id)
        if cur is None:
            continue
        review_state = cur.review_state
        moves = (cur.server_rev or 0) <= row.revision
        if moves:
            envelope = parse_body(row.body)
            if result.review_state is not None:
                review_state = result.review_state
            elif envelope.get("deleted"):
                review_state = "withdrawn"
            elif review_state in (None, "returned"):
                review_state = "received"
        badge = cur.badge
        current_revision = cur.revision == row.revision
        if current_revision and (cur.status == "queued" or cur.badge in ("sending", "queued")):
            badge = _badge_for(
                review_state,
                deleted=cur.deleted_at is not None,
                previous=cur.review_state,
                badge=cur.badge,
            )
        state = live.get(row.record_id)
        if state is not None and badge not in _LOCAL_BADGES:
            badge = "sending" if state == "frozen" else "queued"
        common = {"k_id": row.record_id, "k_badge": badge, "k_clear_errors": current_revision}
        if moves:
            advanced.append(
                {
                    **common,
                    "k_server_rev": row.revision,
                    "k_base": dict(envelope.get("payload") or {}),
                    "k_review": review_state,
                    "k_flags": list(result.flags),
                    "k_clear_notes": review_state == "received",
                }
            )
        else:
            settled.append(common)
    table = table_of(Prospect)
    clear_errors = case(
        (bindparam("k_clear_errors", type_=Boolean), literal_column("'[]'")),
        else_=table.c.server_errors_json,
    )
    if advanced:
        session.execute(
            table.update()
            .where(table.c.id == bindparam("k_id"))
            .values(
                server_rev=bindparam("k_server_rev"),
                base_payload_json=bindparam("k_base"),
                review_state=bindparam("k_review"),
                flags_json=bindparam("k_flags"),
                field_notes_json=case(
                    (bindparam("k_clear_notes", type_=Boolean), literal_column("'{}'")),
                    else_=table.c.field_notes_json,
                ),
                server_errors_json=clear_errors,
                badge=bindparam("k_badge"),
            ),
            advanced,
        )
    if settled:
        session.execute(
            table.update()
            .where(table.c.id == bindparam("k_id"))
            .values(server_errors_json=clear_errors, badge=bindparam("k_badge")),
            settled,
        )


def _badge_for(state: str | None, *, deleted: bool, previous: str | None, badge: str) -> str:
    if deleted and state in (None, "received", "withdrawn"):
        return "withdrawn"
    if state == "received" and (previous == "returned" or badge == "resent"):
        return "resent"
    return BADGE_OF_STATE.get(state or "", "received")


def _prospect_result(prospect: Prospect, row: OutboxItem, result: PushResult) -> None:
    status = result.status
    if status in ("accepted", "duplicate"):
        envelope = parse_body(row.body)
        previous = prospect.review_state
        if (prospect.server_rev or 0) <= row.revision:
            prospect.server_rev = row.revision
            prospect.base_payload = dict(envelope.get("payload") or {})
            if result.review_state is not None:
                prospect.review_state = result.review_state
            elif envelope.get("deleted"):
                prospect.review_state = "withdrawn"
            elif prospect.review_state in (None, "returned"):
                prospect.review_state = "received"
            prospect.flags = list(result.flags)
            if prospect.review_state == "received":
                prospect.field_notes = {}
        if prospect.revision == row.revision:
            prospect.server_errors = []
            if prospect.status == "queued" or prospect.badge in ("sending", "queued"):
                prospect.badge = _settled_badge(prospect, previous_state=previous)
        return
    if prospect.revision != row.revision:
        return  # the agent has already saved a newer revision; it speaks for the record
    if status == "invalid":
        prospect.badge = "invalid"
        prospect.server_errors = [e.model_dump() for e in result.errors] or [
            {"field": None, "code": result.problem or "invalid"}
        ]
    elif status == "forbidden":
        prospect.badge = "forbidden"
        prospect.server_errors = [{"field": None, "code": result.problem or "forbidden"}]
    else:
        prospect.badge = "conflict"
        prospect.server_errors = [
            {
                "field": None,
                "code": result.problem or "revision-conflict",
                "current_revision": result.current_revision,
            }
        ]


def _requeue_if_theirs_known(
    session: Session, prospect: Prospect, row: OutboxItem, *, live: bool
) -> None:
    """A conflict whose server version was already pulled (and merged then): queue the merged
    payload as the next revision straight away, unless fields still need the agent's choice."""
    if live or prospect.server_rev is None or prospect.server_rev < row.revision:
        return
    if any(e.get("code") == "conflict" and e.get("field") for e in prospect.server_errors or []):
        return
    if prospect.base_payload is not None and dict(prospect.payload) == dict(prospect.base_payload):
        prospect.server_errors = []
        prospect.badge = _settled_badge(prospect)
        return
    _enqueue_local(session, prospect)


def _enqueue_local(session: Session, prospect: Prospect) -> None:
    revision, base = outbox_repo.next_revision(
        session, record_id=prospect.id, server_rev=prospect.server_rev
    )
    now = utcnow()
    outbox_repo.enqueue(
        session,
        record_id=prospect.id,
        entity_type="prospect",
        revision=revision,
        base_revision=base,
        body=change_body(
            record_id=prospect.id,
            entity_type="prospect",
            revision=revision,
            base_revision=base,
            payload=dict(prospect.payload),
            deleted=prospect.deleted_at is not None,
            updated_at=now,
            agent=_agent_for(session),
        ),
    )
    prospect.revision = revision
    prospect.status = "queued"
    prospect.badge = "queued"
    prospect.server_errors = []
    prospect.updated_at = now


def quarantine_locally(
    session: Session, *, row: OutboxItem, status: str, errors: Sequence[Mapping[str, Any]]
) -> None:
    """A single change the server refused as a whole request (413/422): file it like a
    per-record ``invalid`` so the agent sees it and the rest of the outbox moves on."""
    outbox_repo.mark_processed(
        session,
        record_id=row.record_id,
        revision=row.revision,
        status=status,
        result={"status": status, "errors": [dict(e) for e in errors], "local": True},
    )
    if row.entity_type == "prospect":
        prospect = session.get(Prospect, row.record_id)
        if prospect is not None and prospect.revision == row.revision:
            prospect.badge = status
            prospect.server_errors = [dict(e) for e in errors]
    session.flush()


# ---------------------------------------------------------------------------- pull


def apply_pulled_page(
    session: Session, *, page: ChangesResponse, now: datetime | None = None
) -> PullApplied:
    """Apply one feed page and move the cursor, in the caller's single transaction."""
    out = PullApplied(entries=len(page.changes))
    records: list[tuple[int, RecordData]] = []
    decisions: list[tuple[int, DecisionData]] = []
    max_seq = 0
    for entry in page.changes:
        max_seq = max(max_seq, entry.seq)
        if entry.type == "record":
            records.append((entry.seq, RecordData.model_validate(entry.data)))
        elif entry.type == "decision":
            decisions.append((entry.seq, DecisionData.model_validate(entry.data)))
        elif entry.type == "reference":
            _apply_reference(session, ReferenceData.model_validate(entry.data))
            out.references += 1
    touched = [r.id for _, r in records] + [d.record_id for _, d in decisions]
    light = _load_light(session, touched)
    # Records whose content changes (new, or a newer revision) go through the ORM; echoes and
    # decisions only move server-owned columns, written in one executemany at the end.
    heavy = {
        r.id
        for _, r in records
        if r.entity_type == "prospect"
        and (r.id not in light or r.revision > (light[r.id].server_rev or 0))
    }
    prospects = _load(session, Prospect, heavy) if heavy else {}
    live = _live_record_ids(session, touched)
    for _seq, record in records:
        if record.entity_type == "prospect" and record.id not in heavy:
            changed = _echo(light[record.id], record, live=live)
        else:
            changed = _apply_record(
                session, record, prospects=prospects, live=live, out=out, now=now
            )
        if changed:
            out.changed_ids.append(record.id)
        out.records += 1
    if decisions:
        ids = [d.id for _, d in decisions]
        known: set[uuid.UUID] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            known.update(session.scalars(select(Decision.id).where(Decision.id.in_(chunk))))
        rows: list[dict[str, Any]] = []
        for seq, decision in decisions:
            if decision.id in known:
                continue
            known.add(decision.id)
            rows.append(_decision_row(decision, seq=seq))
            target = prospects.get(decision.record_id) or light.get(decision.record_id)
            if target is None:
                log.info("decision %s for a record not on this laptop", decision.id)
            else:
                _apply_decision(target, decision, live=live)
            out.decisions += 1
            out.changed_ids.append(decision.record_id)
        if rows:
            session.execute(insert(Decision), rows)
    _write_light(session, [v for k, v in light.items() if v.dirty and k not in heavy])
    fields: dict[str, Any] = {}
    if page.next_cursor is not None:
        fields["pull_cursor"] = page.next_cursor
    last_seq = session.scalar(select(SyncState.last_pulled_seq).where(SyncState.id == 1))
    if max_seq and max_seq > (last_seq or 0):
        fields["last_pulled_seq"] = max_seq
    if fields:
        if last_seq is None:
            sync_state_repo.get_or_create(session)  # the single row may not exist yet
        session.execute(
            update(SyncState)
            .where(SyncState.id == 1)
            .values(**fields)
            .execution_options(synchronize_session=False)
        )
    out.cursor = page.next_cursor
    out.changed_ids = list(dict.fromkeys(out.changed_ids))
    session.flush()
    return out


def _apply_reference(session: Session, data: ReferenceData) -> None:
    state = sync_state_repo.get_or_create(session)
    extra = dict(state.extra or {})
    versions = dict(extra.get("reference_versions") or {})
    versions[data.dataset] = data.version
    extra["reference_versions"] = versions
    state.extra = extra


def _apply_record(
    session: Session,
    record: RecordData,
    *,
    prospects: dict[uuid.UUID, Prospect],
    live: dict[uuid.UUID, str],
    out: PullApplied,
    now: datetime | None,
) -> bool:
    if record.entity_type != "prospect":
        return _apply_other_record(session, record, live=live)
    prospect = prospects.get(record.id)
    if prospect is None:
        prospect = _new_prospect(session, record, now=now)
        prospects[record.id] = prospect
        return True
    known = prospect.server_rev or 0
    previous_state = prospect.review_state
    has_local = (
        record.id in live
        or prospect.badge in _LOCAL_BADGES
        or (prospect.status == "draft" and prospect.revision > 0)
    )
    server_changed = (
        prospect.review_state != record.review_state or list(prospect.flags or []) != record.flags
    )
    if record.review_state is not None:
        prospect.review_state = record.review_state
    prospect.flags = list(record.flags)
    if record.revision <= known:
        # An echo of a revision we know: only server-owned state may move.
        if server_changed and not has_local:
            prospect.badge = _settled_badge(prospect, previous_state=previous_state)
        return server_changed
    theirs = dict(record.payload)
    if not has_local:
        _write_payload(session, prospect, theirs)
        prospect.revision = record.revision
        prospect.server_rev = record.revision
        prospect.base_payload = theirs
        prospect.status = "queued"
        prospect.server_errors = []
        prospect.deleted_at = (now or utcnow()) if record.deleted else None
        prospect.badge = _settled_badge(prospect, previous_state=previous_state)
        prospect.updated_at = now or utcnow()
        return True
    _merge_into(session, prospect, record, theirs, live_state=live.get(record.id), out=out)
    return True


def _merge_into(
    session: Session,
    prospect: Prospect,
    record: RecordData,
    theirs: dict[str, Any],
    *,
    live_state: str | None,
    out: PullApplied,
) -> None:
    """The server moved on while the agent has unsent content: three-way merge per field."""
    base = dict(prospect.base_payload or {})
    mine = dict(prospect.payload or {})
    result = merge_three_way(base, mine, theirs)
    _write_payload(session, prospect, result.merged)
    prospect.server_rev = record.revision
    prospect.base_payload = theirs
    if result.conflicts:
        out.conflicts += 1
        if live_state == "pending":
            outbox_repo.drop_pending(session, record_id=prospect.id)
        prospect.status = "draft"
        prospect.badge = "conflict"
        prospect.server_errors = [{"field": f, "code": "conflict"} for f in result.conflicts]
        return
    out.merged += 1
    if result.merged == theirs:
        # Nothing of the agent's is left to send.
        if live_state == "pending":
            outbox_repo.drop_pending(session, record_id=prospect.id)
        if live_state != "frozen":
            prospect.revision = record.revision
            prospect.status = "queued"
            prospect.server_errors = []
            prospect.badge = _settled_badge(prospect)
        return
    if live_state == "frozen":
        return  # its conflict answer will requeue the merged payload (apply_push_results)
    if prospect.status == "draft" and live_state is None and prospect.badge not in _LOCAL_BADGES:
        return  # an unsubmitted draft stays a draft, now on top of the server's version
    if live_state == "pending":
        outbox_repo.drop_pending(session, record_id=prospect.id)
    _enqueue_local(session, prospect)


def _new_prospect(session: Session, record: RecordData, *, now: datetime | None) -> Prospect:
    """A record this laptop has not seen (another device of the agent, or a fresh install)."""
    stamp = now or utcnow()
    prospect = Prospect(
        id=record.id,
        revision=record.revision,
        server_rev=record.revision,
        status="queued",
        badge="received",
        review_state=record.review_state,
        flags=list(record.flags),
        created_at=stamp,
        updated_at=stamp,
        deleted_at=stamp if record.deleted else None,
    )
    session.add(prospect)
    payload = dict(record.payload)
    prospect.base_payload = payload
    _write_payload(session, prospect, payload)
    prospect.badge = _settled_badge(prospect)
    return prospect


def _apply_other_record(
    session: Session, record: RecordData, *, live: dict[uuid.UUID, str]
) -> bool:
    """Visits, consents, events: acknowledge the server's revision of records we hold.

    Records of these kinds this laptop never had are not materialised (see DECISIONS.md)."""
    model = _MODELS.get(record.entity_type)
    if model is None:
        return False
    row = session.get(model, record.id)
    if row is None:
        return False
    if record.revision <= (row.server_rev or 0):
        return False
    row.server_rev = record.revision
    if record.id not in live and hasattr(row, "payload") and record.revision >= row.revision:
        row.payload = dict(record.payload)
        row.revision = record.revision
    return True


def _decision_row(decision: DecisionData, *, seq: int) -> dict[str, Any]:
    return {
        "id": decision.id,
        "record_id": decision.record_id,
        "record_revision": decision.record_revision,
        "outcome": decision.outcome,
        "note": decision.note,
        "reason_code": decision.reason_code,
        "field_notes": dict(decision.field_notes),
        "decided_by_id": decision.decided_by.id if decision.decided_by else None,
        "decided_by_name": decision.decided_by.display_name if decision.decided_by else None,
        "decided_at": decision.decided_at,
        "feed_seq": seq,
        "received_at": utcnow(),
    }


def _apply_decision(
    target: Prospect | _Light, decision: DecisionData, *, live: Mapping[uuid.UUID, str]
) -> None:
    """A decision judged the record's current server revision: state, notes and badge."""
    if decision.record_revision < (target.server_rev or 0):
        return  # judged an older revision: history only (the record entry carries the state)
    target.review_state = STATE_OF_OUTCOME[decision.outcome]
    target.field_notes = (
        dict(decision.field_notes) if decision.outcome in ("return", "reopen") else {}
    )
    if decision.record_id not in live and target.badge not in _LOCAL_BADGES:
        target.badge = _badge_for(
            target.review_state,
            deleted=target.deleted_at is not None,
            previous=None,
            badge=target.badge,
        )
    if isinstance(target, _Light):
        target.dirty = True


@dataclass
class _Light:
    """The server-owned columns of a prospect, for echoes and decisions (no payload parsing)."""

    id: uuid.UUID
    revision: int
    server_rev: int | None
    review_state: str | None
    badge: str
    status: str
    deleted_at: Any
    flags: list[str]
    field_notes: dict[str, str] | None = None  # None: unchanged
    dirty: bool = False


def _load_light(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, _Light]:
    wanted = list(set(ids))
    out: dict[uuid.UUID, _Light] = {}
    columns = (
        Prospect.id,
        Prospect.revision,
        Prospect.server_rev,
        Prospect.review_state,
        Prospect.badge,
        Prospect.status,
        type_coerce(table_of(Prospect).c.deleted_at, String),
        Prospect.flags,
    )
    for start in range(0, len(wanted), 500):
        stmt = select(*columns).where(Prospect.id.in_(wanted[start : start + 500]))
        for row in session.execute(stmt):
            out[row[0]] = _Light(*row[:7], flags=list(row[7] or []))
    return out


def _echo(row: _Light, record: RecordData, *, live: Mapping[uuid.UUID, str]) -> bool:
    """A known revision came back: only review state and flags may move."""
    has_local = (
        record.id in live
        or row.badge in _LOCAL_BADGES
        or (row.status == "draft" and row.revision > 0)
    )
    changed = row.review_state != record.review_state or row.flags != record.flags
    previous = row.review_state
    if record.review_state is not None:
        row.review_state = record.review_state
    row.flags = list(record.flags)
    if changed:
        row.dirty = True
        if not has_local:
            row.badge = _badge_for(
                row.review_state,
                deleted=row.deleted_at is not None,
                previous=previous,
                badge=row.badge,
            )
    return changed


def _write_light(session: Session, rows: Sequence[_Light]) -> None:
    if not rows:
        return
    table = table_of(Prospect)
    session.execute(
        table.update()
        .where(table.c.id == bindparam("k_id"))
        .values(
            review_state=bindparam("k_review"),
            flags_json=bindparam("k_flags"),
            badge=bindparam("k_badge"),
            field_notes_json=case(
                (bindparam("k_set_notes", type_=Boolean), bindparam("k_notes", type_=JsonText())),
                else_=table.c.field_notes_json,
            ),
        ),
        [
            {
                "k_id": row.id,
                "k_review": row.review_state,
                "k_flags": row.flags,
                "k_badge": row.badge,
                "k_set_notes": row.field_notes is not None,
                "k_notes": row.field_notes,
            }
            for row in rows
        ],
    )
