"""The supervisor's review screen, read side (SYNC_PROTOCOL.md §4.9, UI.md §3.8).

Access (§2.5): supervisors read prospects whose ``area_code`` lies in their areas, admins read
everything; an object outside the caller's scope answers 404, never 403. The queue groups
prospects by outreach event ("one outreach event = one batch"); prospects captured outside any
event form one batch per agent (``id`` null, filter records with ``batch_id=none``).

The record detail re-runs the domain rules (``models.rules.validation.check_prospect``) with the
consent record, lists revisions and decisions (with "terkirim ke agen" from the devices'
``last_pulled_seq``), duplicate candidates (out of scope: area, state and ``match`` only) and the
fields changed since the revision last judged.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func
from sqlalchemy.orm import Session

from models.rules.validation import check_prospect
from server.clock import WIB, local_today
from server.config import ServerSettings
from server.db import Database
from server.models.identity import User
from server.models.records import Decision, Record, RecordRevision
from server.problems import ProblemError
from server.repositories import records as records_repo
from server.repositories import review as repo
from server.schemas_review import (
    AttachmentOut,
    BatchOut,
    BatchPage,
    CandidateOut,
    CheckOut,
    DecidedBy,
    DecisionOut,
    FieldChange,
    HiddenCandidateOut,
    PersonRef,
    RecordDetail,
    RecordOut,
    RecordPage,
    RecordSummary,
    RevisionOut,
    RevisionSummary,
    StateCounts,
)
from server.services import payload_diff
from server.services.context import UserAuth, in_scope

STATES = ("received", "approved", "returned", "rejected", "withdrawn")
_CURSOR = re.compile(r"^(\d{1,7})~([0-9a-f-]{36}|agent:[0-9a-f-]{36})$")


# ---------------------------------------------------------------------------------------------
# Access
# ---------------------------------------------------------------------------------------------


def reader_areas(by: UserAuth) -> tuple[str, ...] | None:
    """``None`` (everything) for admins, else the supervisor's areas."""
    return None if by.is_admin else by.areas


def visible(by: UserAuth, area_code: str | None) -> bool:
    return by.is_admin or in_scope(area_code, by.areas)


def require_decider(by: UserAuth) -> None:
    """Decisions, edits and duplicate resolutions are the supervisor's (§2.5 duty separation)."""
    if not by.is_supervisor:
        raise ProblemError("role-not-permitted")


def check_area_filter(by: UserAuth, area: str | None) -> None:
    """An ``area`` filter must overlap the caller's scope, else 404 (§2.5)."""
    if area is None or by.is_admin:
        return
    if not (in_scope(area, by.areas) or any(in_scope(s, [area]) for s in by.areas)):
        raise ProblemError("not-found")


def load_prospect(session: Session, *, record_id: uuid.UUID, by: UserAuth) -> Record:
    record = session.get(Record, record_id)
    if record is None or record.entity_type != "prospect" or not visible(by, record.area_code):
        raise ProblemError("not-found")
    return record


# ---------------------------------------------------------------------------------------------
# Shapes
# ---------------------------------------------------------------------------------------------


def person(user: User | None, fallback: uuid.UUID) -> PersonRef:
    if user is None:
        return PersonRef(id=fallback, username="", display_name="")
    return PersonRef(id=user.id, username=user.username, display_name=user.display_name)


def payload_of(text: str) -> dict[str, Any]:
    value = json.loads(text)
    return value if isinstance(value, dict) else {}


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return str(value)


def run_checks(
    payload: Mapping[str, Any], *, consent: Mapping[str, Any] | None, today: date
) -> list[CheckOut]:
    """The domain rules over the current payload, with the consent record, as of ``today``."""
    if not payload:
        return []
    acknowledged = {
        str(item.get("code")): item.get("reason")
        for item in payload.get("acknowledged_warnings") or []
        if isinstance(item, Mapping)
    }
    out = []
    for issue in check_prospect(payload, today=today, consent=consent):
        ack = issue.is_warning and issue.code in acknowledged
        out.append(
            CheckOut(
                code=issue.code,
                field=issue.field,
                params=_jsonable(dict(issue.params)),
                severity="error" if issue.is_error else "warning",
                acknowledged=ack,
                reason=acknowledged.get(issue.code) if ack else None,
            )
        )
    return out


def stored_check_counts(checks: Sequence[Mapping[str, Any]] | None) -> tuple[int, int]:
    """(errors, warnings) among the checks stored with the revision at push time."""
    codes = [str(c.get("code", "")) for c in checks or []]
    return sum(c.startswith("E_") for c in codes), sum(c.startswith("W_") for c in codes)


def record_out(record: Record, agent: User | None) -> RecordOut:
    return RecordOut(
        id=record.id,
        revision=record.revision,
        review_state=record.review_state,  # type: ignore[arg-type]
        flags=sorted(record.flags or []),
        area_code=record.area_code,
        batch_id=record.outreach_event_id,
        agent=person(agent, record.agent_id),
        author_role=record.author_role,
        deleted=record.deleted,
        payload=payload_of(record.payload),
        payload_hash=record.payload_hash,
        created_at=record.created_at,
        updated_at=record.updated_at,
        approved_at=record.approved_at,
        exported_at=record.exported_at,
    )


def changes_out(changes: Sequence[payload_diff.Change]) -> list[FieldChange]:
    return [FieldChange(field=c.field, before=c.before, after=c.after) for c in changes]


@dataclass(frozen=True, slots=True)
class UndoRules:
    """When a decision may still be undone (project addition, docs/SYNC_PROTOCOL.md §4.9)."""

    window: timedelta
    now: datetime

    def why_not(
        self,
        decision: Decision,
        *,
        record: Record,
        seq: int | None,
        delivered_seq: int,
        latest_effective: uuid.UUID | None,
    ) -> str | None:
        """``None`` if undoable, else the reason: undone, expired, delivered, superseded, exported."""
        if decision.undone_at is not None:
            return "undone"
        if self.now - decision.decided_at > self.window:
            return "expired"
        if seq is None or seq <= delivered_seq:
            return "delivered"
        if decision.id != latest_effective or record.revision != decision.record_revision:
            return "superseded"
        if decision.outcome == "approve" and record.exported_at is not None:
            return "exported"
        return None


def latest_effective(decisions: Sequence[Decision]) -> Decision | None:
    live = [d for d in decisions if d.undone_at is None]
    return max(live, key=lambda d: (d.decided_at, d.id)) if live else None


def decision_out(
    decision: Decision,
    *,
    decider: User | None,
    seq: int | None,
    delivered_seq: int,
    can_undo: bool,
) -> DecisionOut:
    return DecisionOut(
        id=decision.id,
        record_id=decision.record_id,
        record_revision=decision.record_revision,
        outcome=decision.outcome,  # type: ignore[arg-type]
        note=decision.note,
        reason_code=decision.reason_code,
        field_notes=dict(decision.field_notes or {}),
        decided_by=DecidedBy(
            id=decision.decided_by, display_name=decider.display_name if decider else ""
        ),
        decided_at=decision.decided_at,
        seq=seq,
        delivered=seq is not None and seq <= delivered_seq,
        undone_at=decision.undone_at,
        can_undo=can_undo,
    )


def decisions_out(
    session: Session,
    *,
    record: Record,
    decisions: Sequence[Decision],
    by: UserAuth,
    rules: UndoRules,
    latest: Decision | None = None,
) -> list[DecisionOut]:
    """``latest``: the record's latest effective decision (default: the latest of these)."""
    seqs = repo.decision_seqs(session, agent_id=record.agent_id, ids=[d.id for d in decisions])
    delivered = repo.delivered_seq(session, agent_id=record.agent_id)
    deciders = repo.users_by_id(session, ids=[d.decided_by for d in decisions])
    latest = latest or latest_effective(decisions)
    out = []
    for d in decisions:
        reason = rules.why_not(
            d,
            record=record,
            seq=seqs.get(d.id),
            delivered_seq=delivered,
            latest_effective=latest.id if latest else None,
        )
        out.append(
            decision_out(
                d,
                decider=deciders.get(d.decided_by),
                seq=seqs.get(d.id),
                delivered_seq=delivered,
                can_undo=reason is None and d.decided_by == by.user_id and by.is_supervisor,
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# Queue of batches
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Batch:
    key: str
    agent_id: uuid.UUID
    event: repo.EventDate | None = None
    details: repo.EventDetails | None = None
    counts: dict[str, int] = field(default_factory=dict)
    flagged: int = 0
    last_at: datetime | None = None
    day: date | None = None
    order: tuple[int, str] = (0, "")

    def settle(self) -> None:
        """Fix the day (the event's, else the last arrival's in WIB) and the sort key."""
        self.day = None
        if self.event is not None:
            try:
                self.day = date.fromisoformat(self.event.date) if self.event.date else None
            except ValueError:
                self.day = None
        elif self.last_at is not None:
            self.day = self.last_at.astimezone(WIB).date()
        self.order = (-(self.day.toordinal() if self.day else 0), self.key)


def list_batches(
    db: Database,
    *,
    by: UserAuth,
    area: str | None = None,
    agent_id: uuid.UUID | None = None,
    state: str | None = None,
    flag: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    cursor: str | None = None,
    limit: int = 100,
) -> BatchPage:
    """Outreach events in scope with counts per state, newest first (UI.md §3.8 queue).

    Counts come from one GROUP BY over the prospects in scope; the events' facts are read with
    JSON functions (never the manifest); only the page's closed events load their manifest to
    count what arrived."""
    check_area_filter(by, area)
    after = _parse_batch_cursor(cursor)
    areas = reader_areas(by)
    with db.read() as session:
        clauses = repo.prospects_filter(areas=areas, area=area, agent_id=agent_id)
        batches: dict[str, _Batch] = {}
        for row in repo.batch_groups(session, clauses=clauses):
            key = str(row.event_id) if row.event_id else f"agent:{row.agent_id}"
            batch = batches.setdefault(key, _Batch(key, row.agent_id))
            for state_key, count in row.counts.items():
                batch.counts[state_key] = batch.counts.get(state_key, 0) + count
        # Prospects outside any event sort by their last arrival: read it now (few rows).
        loose = [b for b in batches.values() if b.key.startswith("agent:")]
        _add_extras(session, clauses, loose, events=False)
        # Events in scope (even those still empty), then events of in-scope prospects elsewhere.
        facts = {
            e.id: e
            for e in repo.event_dates(session, areas=[area] if area else areas, agent_id=agent_id)
            if areas is None or in_scope(e.area_code, areas)
        }
        missing = [uuid.UUID(k) for k in batches if not k.startswith("agent:")]
        missing = [i for i in missing if i not in facts]
        facts.update({e.id: e for e in repo.event_dates(session, ids=missing)})
        for event in facts.values():
            batch = batches.setdefault(str(event.id), _Batch(str(event.id), event.agent_id))
            batch.event = event
            batch.agent_id = event.agent_id
        flagged_keys = _keys_with(session, clauses + [repo.has_flag(flag)]) if flag else None
        rows = []
        for batch in batches.values():
            batch.settle()
            if state is not None and not batch.counts.get(state):
                continue
            if flagged_keys is not None and batch.key not in flagged_keys:
                continue
            if date_from is not None and (batch.day is None or batch.day < date_from):
                continue
            if date_to is not None and (batch.day is None or batch.day > date_to):
                continue
            if after is not None and batch.order <= after:
                continue
            rows.append(batch)
        rows.sort(key=lambda b: b.order)
        has_more = len(rows) > limit
        page = rows[:limit]
        _add_extras(session, clauses, page, events=True)
        details = repo.event_details(session, ids=[b.event.id for b in page if b.event])
        for batch in page:
            batch.details = details.get(batch.event.id) if batch.event else None
        agents = repo.users_by_id(session, ids=[b.agent_id for b in page])
        arrived = repo.arrivals(
            session,
            event_ids=[b.event.id for b in page if b.event and b.details and b.details.closed],
        )
        out = [_batch_out(b, agents.get(b.agent_id), arrived) for b in page]
    next_cursor = None
    if has_more and page:
        last = page[-1].order
        next_cursor = f"{-last[0]}~{last[1]}"
    return BatchPage(batches=out, next_cursor=next_cursor)


def _add_extras(
    session: Session, clauses: list[ColumnElement[bool]], batches: list[_Batch], *, events: bool
) -> None:
    """Flags and last arrival of some batches: they need the rows, not just the index, so the
    queue reads them for the page's events and for the (few) prospects outside any event."""
    by_key = {b.key: b for b in batches}
    extras = repo.batch_extras(
        session,
        clauses=clauses,
        event_ids=[b.event.id for b in batches if b.event is not None] if events else [],
        loose_agents=[] if events else [b.agent_id for b in batches if b.event is None],
    )
    for row in extras:
        key = str(row.event_id) if row.event_id else f"agent:{row.agent_id}"
        batch = by_key.get(key)
        if batch is None:
            continue
        batch.flagged += row.flagged
        if row.last_at and (batch.last_at is None or row.last_at > batch.last_at):
            batch.last_at = row.last_at


def _keys_with(session: Session, clauses: list[ColumnElement[bool]]) -> set[str]:
    return {
        str(r.event_id) if r.event_id else f"agent:{r.agent_id}"
        for r in repo.batch_groups(session, clauses=clauses)
    }


def _parse_batch_cursor(cursor: str | None) -> tuple[int, str] | None:
    if not cursor:
        return None
    match = _CURSOR.match(cursor)
    if match is None:
        raise ProblemError("bad-request", errors=[{"field": "cursor", "code": "invalid"}])
    return (-int(match.group(1)), match.group(2))


def _batch_out(batch: _Batch, agent: User | None, arrived: dict[uuid.UUID, int]) -> BatchOut:
    event = batch.event
    details = batch.details
    total = sum(batch.counts.values())
    closed = bool(details and details.closed)
    return BatchOut(
        id=event.id if event else None,
        agent=person(agent, batch.agent_id),
        area_code=event.area_code if event else None,
        place_kind=details.place_kind if details else None,
        place_name=details.place_name if details else None,
        date=batch.day if event else None,
        closed=closed,
        expected=details.manifest_size if details and closed else None,
        arrived=arrived.get(event.id, total) if event else total,
        total=total,
        pending=batch.counts.get("received", 0),
        flagged=batch.flagged,
        counts=StateCounts(**{s: batch.counts.get(s, 0) for s in STATES}),
        last_received_at=batch.last_at,
    )


# ---------------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------------


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_records(
    db: Database,
    *,
    by: UserAuth,
    batch_id: str | None = None,
    agent_id: uuid.UUID | None = None,
    area: str | None = None,
    state: str | None = None,
    flag: str | None = None,
    q: str | None = None,
    cursor: uuid.UUID | None = None,
    limit: int = 100,
) -> RecordPage:
    """Prospect summaries in scope, in capture order (UUIDv7), ``limit`` per page."""
    check_area_filter(by, area)
    with db.read() as session:
        clauses = repo.prospects_filter(
            areas=reader_areas(by), area=area, agent_id=agent_id, state=state, flag=flag
        )
        if batch_id == "none":
            clauses.append(Record.outreach_event_id.is_(None))
        elif batch_id:
            clauses.append(Record.outreach_event_id == uuid.UUID(batch_id))
        text = "".join((q or "").split())
        if text.isdigit():
            clauses.append(Record.nik.like(_like_escape(text) + "%", escape="\\"))
        elif q and q.strip():
            wanted = q.strip()
            pattern = "%" + _like_escape(wanted.upper()) + "%"
            if wanted.isascii() and not set(wanted) & {'"', "\\"}:
                # A cheap test on the payload text first (its JSON holds the name verbatim),
                # so only the few matching rows have their JSON parsed.
                # (SQLite's LIKE ignores ASCII case already; PostgreSQL needs ILIKE.)
                text_pattern = "%" + _like_escape(wanted) + "%"
                contains = Record.payload.ilike if db.is_postgres else Record.payload.like
                clauses.append(contains(text_pattern, escape="\\"))
            clauses.append(
                func.upper(repo.payload_text(session, "full_name")).like(pattern, escape="\\")
            )
        rows = repo.record_page(session, clauses=clauses, after=cursor, limit=limit + 1)
        has_more = len(rows) > limit
        rows = rows[:limit]
        agents = repo.users_by_id(session, ids=[r.agent_id for r in rows])
        judged = repo.decided_revisions(session, record_ids=[r.id for r in rows])
        out = [_summary(r, agents.get(r.agent_id), judged.get(r.id)) for r in rows]
    return RecordPage(records=out, next_cursor=str(rows[-1].id) if has_more and rows else None)


def _summary(record: Record, agent: User | None, judged: int | None) -> RecordSummary:
    payload = payload_of(record.payload)
    errors, warnings = stored_check_counts(record.checks)

    def text(name: str) -> str | None:
        value = payload.get(name)
        return str(value) if value is not None else None

    return RecordSummary(
        id=record.id,
        revision=record.revision,
        review_state=record.review_state,  # type: ignore[arg-type]
        flags=sorted(record.flags or []),
        area_code=record.area_code,
        batch_id=record.outreach_event_id,
        agent=person(agent, record.agent_id),
        nik=record.nik,
        full_name=text("full_name"),
        birth_date=text("birth_date"),
        sex=text("sex"),
        occupation_1=text("occupation_1"),
        errors=errors,
        warnings=warnings,
        received_at=record.updated_at,
        decided_revision=judged,
    )


def _consent(session: Session, record: Record) -> Record | None:
    consents = [
        c
        for c in repo.children(session, parent_id=record.id, entity_type="consent")
        if not c.deleted
    ]
    wanted = payload_of(record.payload).get("consent_id")
    for consent in consents:
        if str(consent.id) == wanted:
            return consent
    return consents[-1] if consents else None


def record_detail(
    db: Database, *, by: UserAuth, record_id: uuid.UUID, now: datetime, settings: ServerSettings
) -> RecordDetail:
    """Everything the review pane shows for one prospect."""
    rules = UndoRules(timedelta(seconds=settings.review_undo_seconds), now)
    with db.read() as session:
        record = load_prospect(session, record_id=record_id, by=by)
        revisions = records_repo.revisions_of(session, record_id=record.id)
        decisions = repo.decisions_of(session, record_id=record.id)
        pairs = repo.pairs_of(session, record_id=record.id)
        consent = _consent(session, record)
        owners = [record.id] + ([consent.id] if consent else [])
        attachments = [
            a
            for owner in owners
            for a in repo.children(session, parent_id=owner, entity_type="attachment")
            if not a.deleted
        ]
        people = repo.users_by_id(
            session,
            ids=[record.agent_id]
            + [r.author_id for r in revisions]
            + [p.candidate.agent_id for p in pairs],
        )
        decided = decisions_out(session, record=record, decisions=decisions, by=by, rules=rules)
        delivered = repo.delivered_seq(session, agent_id=record.agent_id)
    payload = payload_of(record.payload)
    consent_payload = payload_of(consent.payload) if consent else None
    checks = (
        []
        if record.deleted
        else run_checks(payload, consent=consent_payload, today=local_today(now))
    )
    latest = latest_effective(decisions)
    judged = latest.record_revision if latest else None
    changes: list[FieldChange] = []
    by_revision = {r.revision: r for r in revisions}
    if judged is not None and judged != record.revision and judged in by_revision:
        changes = changes_out(payload_diff.diff(payload_of(by_revision[judged].payload), payload))
    candidates: list[CandidateOut | HiddenCandidateOut] = []
    unresolved = 0
    for pair in pairs:
        other = pair.candidate
        if pair.resolved_at is None and repo.active(other):
            unresolved += 1
        if visible(by, other.area_code):
            other_payload = payload_of(other.payload)
            candidates.append(
                CandidateOut(
                    id=other.id,
                    area_code=other.area_code,
                    review_state=other.review_state,  # type: ignore[arg-type]
                    match="nik",
                    revision=other.revision,
                    agent=person(people.get(other.agent_id), other.agent_id),
                    flags=sorted(other.flags or []),
                    resolution=pair.resolution,
                    payload=other_payload,
                    differences=changes_out(payload_diff.diff(payload, other_payload)),
                )
            )
        else:
            candidates.append(
                HiddenCandidateOut(
                    area_code=other.area_code,
                    review_state=other.review_state,  # type: ignore[arg-type]
                    match="nik",
                )
            )
    return RecordDetail(
        record=record_out(record, people.get(record.agent_id)),
        checks=checks,
        revisions=[
            RevisionSummary(
                revision=r.revision,
                author_role=r.author_role,
                author=person(people.get(r.author_id), r.author_id),
                received_at=r.received_at,
                note=r.note,
                payload_hash=r.payload_hash,
                deleted=r.deleted,
            )
            for r in revisions
        ],
        decisions=decided,
        candidates=candidates,
        unresolved_duplicates=unresolved,
        consent=consent_payload,
        attachments=[_attachment(a) for a in attachments],
        judged_revision=judged,
        changes_since_judged=changes,
        delivered_seq=delivered,
        actions=allowed_actions(by, record, unresolved=unresolved, has_pairs=bool(pairs)),
    )


def _attachment(record: Record) -> AttachmentOut:
    payload = payload_of(record.payload)
    size = payload.get("size")
    return AttachmentOut(
        id=record.id,
        owner_id=record.parent_id,
        kind=payload.get("kind"),
        content_type=payload.get("content_type"),
        size=size if isinstance(size, int) else None,
        flags=sorted(record.flags or []),
    )


def allowed_actions(by: UserAuth, record: Record, *, unresolved: int, has_pairs: bool) -> list[Any]:
    """What the caller may do now (the screen enables exactly these buttons)."""
    if not by.is_supervisor or not in_scope(record.area_code, by.areas) or record.deleted:
        return []
    actions: list[str] = []
    if record.review_state == "received":
        actions += ["approve"] if not unresolved else []
        actions += ["return", "reject", "edit"]
    elif record.review_state == "approved" and record.exported_at is None:
        actions.append("reopen")
    if has_pairs and record.review_state in ("received", "returned"):
        actions.append("resolve")
    return actions


def revision_detail(
    db: Database, *, by: UserAuth, record_id: uuid.UUID, revision: int, now: datetime
) -> RevisionOut:
    """One stored revision of a prospect, with the rules re-run on it."""
    with db.read() as session:
        record = load_prospect(session, record_id=record_id, by=by)
        row = session.get(RecordRevision, (record.id, revision))
        if row is None:
            raise ProblemError("not-found")
        return revision_out(session, record, row, now=now)


def revision_out(
    session: Session, record: Record, row: RecordRevision, *, now: datetime
) -> RevisionOut:
    consent = _consent(session, record)
    author = repo.users_by_id(session, ids=[row.author_id]).get(row.author_id)
    payload = payload_of(row.payload)
    checks = (
        []
        if row.deleted
        else run_checks(
            payload,
            consent=payload_of(consent.payload) if consent else None,
            today=local_today(now),
        )
    )
    return RevisionOut(
        record_id=record.id,
        revision=row.revision,
        author_role=row.author_role,
        author=person(author, row.author_id),
        received_at=row.received_at,
        note=row.note,
        payload=payload,
        payload_hash=row.payload_hash,
        deleted=row.deleted,
        checks=checks,
        review_state=record.review_state,  # type: ignore[arg-type]
        flags=sorted(record.flags or []),
    )
