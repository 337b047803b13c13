"""Follow-ups (*tindak lanjut*): planned visits and calls, their outcomes, the due list.

A follow-up is a ``visit`` record (SYNC_PROTOCOL.md §3): *planning* one stores a visit with
outcome ``PLANNED`` and a due date; *recording* what happened stores a new visit with the outcome
(``INTERESTED``, ``ENROLLED``, ``REFUSED`` with a reason, ``NOT_FOUND``, ``NO_ANSWER``) and,
optionally, the next due date. The newest visit decides the prospect's ``next_follow_up``
(``models.repositories.visits.recompute_follow_up``): ``ENROLLED`` and ``REFUSED`` close the
matter. The due list is every prospect whose follow-up falls on or before today; ``reminder``
counts it for the start-of-session notice.

Visits sync as their own records once their prospect has been submitted: a draft's visits stay
on the laptop (drafts never leave it) and are queued by ``queue_unsent_visits`` in the next
follow-up or event transaction after the prospect was submitted. Each use case is one
transaction.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

import pydantic
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import Issue, NotFoundError, ValidationError
from models.base import utcnow
from models.db import Database
from models.prospect import Prospect
from models.repositories import audit, outbox
from models.repositories import visits as repo
from models.repositories.visits import CLOSING_OUTCOMES
from models.services.changes import change_body
from models.services.context import AgentContext
from models.visit import VISIT_KINDS, Visit
from sync.protocol import VisitPayload

log = logging.getLogger(__name__)

__all__ = [
    "CLOSING_OUTCOMES",
    "OUTCOMES",
    "DueFollowUp",
    "Reminder",
    "VisitInfo",
    "due_list",
    "plan_follow_up",
    "queue_unsent_visits",
    "record_outcome",
    "reminder",
    "visits_of",
]

# Outcomes an agent records after a visit or call (PLANNED is what plan_follow_up stores).
OUTCOMES = ("INTERESTED", "ENROLLED", "REFUSED", "NOT_FOUND", "NO_ANSWER")


@dataclass(frozen=True, slots=True)
class VisitInfo:
    id: uuid.UUID
    prospect_id: uuid.UUID
    kind: str
    date: datetime.date
    due_date: datetime.date | None
    outcome: str | None
    reason: str | None
    note: str | None
    revision: int


@dataclass(frozen=True, slots=True)
class DueFollowUp:
    """One line of the due list."""

    prospect_id: uuid.UUID
    full_name: str
    village_name: str | None
    occupation_1: str | None
    mobile: str | None
    badge: str
    due_date: date
    days_overdue: int
    last_kind: str | None
    last_outcome: str | None
    last_note: str | None


@dataclass(frozen=True, slots=True)
class Reminder:
    due_today: int
    overdue: int

    @property
    def total(self) -> int:
        return self.due_today + self.overdue


def _info(visit: Visit) -> VisitInfo:
    return VisitInfo(
        id=visit.id,
        prospect_id=visit.prospect_id,
        kind=visit.kind,
        date=visit.visit_date,
        due_date=visit.due_date,
        outcome=visit.outcome,
        reason=visit.reason,
        note=visit.note,
        revision=visit.revision,
    )


def _wire(prospect_id: uuid.UUID, payload: dict[str, Any]) -> dict[str, Any]:
    data = {k: v for k, v in payload.items() if v is not None and v != ""}
    data["prospect_id"] = str(prospect_id)
    try:
        return VisitPayload.model_validate(data).wire()
    except pydantic.ValidationError as exc:
        issues = []
        for error in exc.errors():
            field = ".".join(str(p) for p in error["loc"]) or None
            code = {"missing": "E_REQUIRED", "string_too_long": "E_TOO_LONG"}.get(
                error["type"], "E_FORMAT"
            )
            issues.append(Issue(code, field, {"type": error["type"]}))
        raise ValidationError(issues) from exc


def _live_prospect(session: Session, prospect_id: uuid.UUID) -> Prospect:
    prospect = session.get(Prospect, prospect_id)
    if prospect is None or prospect.deleted_at is not None:
        raise NotFoundError(params={"id": str(prospect_id)})
    return prospect


def _enqueue_visit(session: Session, visit: Visit, *, agent: AgentContext) -> None:
    slot = outbox.slot_for(session, record_id=visit.id, server_rev=visit.server_rev)
    now = utcnow()
    visit.revision = slot.revision
    outbox.enqueue(
        session,
        record_id=visit.id,
        entity_type="visit",
        revision=slot.revision,
        base_revision=slot.base_revision,
        slot=slot,
        body=change_body(
            record_id=visit.id,
            entity_type="visit",
            revision=slot.revision,
            base_revision=slot.base_revision,
            payload=_wire(visit.prospect_id, dict(visit.payload)),
            deleted=visit.deleted_at is not None,
            updated_at=now,
            agent=agent,
        ),
    )


def queue_unsent_visits(session: Session, *, agent: AgentContext) -> int:
    """Queue every never-sent visit whose prospect has since been submitted; returns how many."""
    stmt = (
        select(Visit)
        .join(Prospect, Prospect.id == Visit.prospect_id)
        .where(Visit.revision == 0, Visit.deleted_at.is_(None), Prospect.revision > 0)
        .order_by(Visit.visit_date, Visit.id)
    )
    queued = 0
    for visit in session.scalars(stmt):
        try:
            _enqueue_visit(session, visit, agent=agent)
        except ValidationError:  # a malformed visit stays local; the rest still goes
            log.warning("visit %s not queued: its payload is not a valid visit", visit.id)
            continue
        queued += 1
    return queued


def _store(
    db: Database, *, prospect_id: uuid.UUID, payload: dict[str, Any], agent: AgentContext
) -> VisitInfo:
    wire = _wire(prospect_id, payload)
    with db.session_scope() as session:
        prospect = _live_prospect(session, prospect_id)
        visit = repo.add(session, prospect_id=prospect_id, payload=wire)
        if prospect.revision > 0:
            _enqueue_visit(session, visit, agent=agent)
        queue_unsent_visits(session, agent=agent)
        audit.record(
            session,
            action="CREATE",
            entity="visit",
            entity_id=visit.id,
            revision=visit.revision,
            actor=agent.username,
            detail={"outcome": visit.outcome},
        )
        session.flush()
        return _info(visit)


def plan_follow_up(
    db: Database,
    *,
    prospect_id: uuid.UUID,
    due: date,
    agent: AgentContext,
    today: date,
    kind: str = "VISIT",
    note: str | None = None,
) -> VisitInfo:
    """Plan a visit or call for ``due`` (today or later)."""
    issues = []
    if kind not in VISIT_KINDS:
        issues.append(Issue("E_FORMAT", "kind"))
    if due < today:
        issues.append(Issue("E_DUE_DATE_PAST", "due_date", {"date": due.isoformat()}))
    if issues:
        raise ValidationError(issues)
    payload = {
        "kind": kind,
        "date": today.isoformat(),
        "due_date": due.isoformat(),
        "outcome": "PLANNED",
        "note": note,
    }
    return _store(db, prospect_id=prospect_id, payload=payload, agent=agent)


def record_outcome(
    db: Database,
    *,
    prospect_id: uuid.UUID,
    kind: str,
    outcome: str,
    on: date,
    agent: AgentContext,
    today: date,
    reason: str | None = None,
    note: str | None = None,
    next_due: date | None = None,
) -> VisitInfo:
    """What a visit or call on ``on`` brought. ``REFUSED`` needs a reason; ``next_due`` plans the
    next follow-up (ignored after ``ENROLLED``/``REFUSED``, which close the matter)."""
    issues = []
    if kind not in VISIT_KINDS:
        issues.append(Issue("E_FORMAT", "kind"))
    if outcome not in OUTCOMES:
        issues.append(Issue("E_FORMAT", "outcome"))
    if on > today:
        issues.append(Issue("E_DATE_FUTURE", "date", {"date": on.isoformat()}))
    if outcome == "REFUSED" and not (reason or "").strip():
        issues.append(Issue("E_REQUIRED", "reason"))
    if outcome in CLOSING_OUTCOMES:
        next_due = None
    if next_due is not None and next_due < on:
        issues.append(Issue("E_DUE_DATE_PAST", "due_date", {"date": next_due.isoformat()}))
    if issues:
        raise ValidationError(issues)
    payload = {
        "kind": kind,
        "date": on.isoformat(),
        "due_date": next_due.isoformat() if next_due else None,
        "outcome": outcome,
        "reason": (reason or "").strip() or None,
        "note": note,
    }
    return _store(db, prospect_id=prospect_id, payload=payload, agent=agent)


def visits_of(db: Database, *, prospect_id: uuid.UUID) -> list[VisitInfo]:
    """A prospect's visits and calls, newest first."""
    with db.read_scope() as session:
        return [_info(v) for v in repo.list_for(session, prospect_id=prospect_id)]


def due_list(db: Database, *, today: date, limit: int = 500) -> list[DueFollowUp]:
    """Follow-ups due today or overdue, earliest first (live prospects only)."""
    with db.read_scope() as session:
        stmt = (
            select(
                Prospect.id,
                Prospect.full_name,
                Prospect.village_name,
                Prospect.occupation_1,
                Prospect.mobile,
                Prospect.badge,
                Prospect.next_follow_up,
            )
            .where(Prospect.deleted_at.is_(None), Prospect.next_follow_up <= today)
            .order_by(Prospect.next_follow_up, Prospect.full_name, Prospect.id)
            .limit(limit)
        )
        rows = session.execute(stmt).all()
        latest = _latest_visits(session, [r.id for r in rows])
        out = []
        for row in rows:
            visit = latest.get(row.id)
            out.append(
                DueFollowUp(
                    prospect_id=row.id,
                    full_name=row.full_name,
                    village_name=row.village_name,
                    occupation_1=row.occupation_1,
                    mobile=row.mobile,
                    badge=row.badge,
                    due_date=row.next_follow_up,
                    days_overdue=(today - row.next_follow_up).days,
                    last_kind=visit.kind if visit else None,
                    last_outcome=visit.outcome if visit else None,
                    last_note=visit.note if visit else None,
                )
            )
        return out


def _latest_visits(session: Session, prospect_ids: list[uuid.UUID]) -> dict[uuid.UUID, Visit]:
    latest: dict[uuid.UUID, Visit] = {}
    for start in range(0, len(prospect_ids), 500):
        chunk = prospect_ids[start : start + 500]
        stmt = (
            select(Visit)
            .where(Visit.prospect_id.in_(chunk), Visit.deleted_at.is_(None))
            .order_by(Visit.prospect_id, Visit.visit_date.desc(), Visit.id.desc())
        )
        for visit in session.scalars(stmt):
            latest.setdefault(visit.prospect_id, visit)
    return latest


def reminder(db: Database, *, today: date) -> Reminder:
    """How many follow-ups are due today and how many are overdue (start-of-session notice)."""
    with db.read_scope() as session:
        rows = session.execute(
            select(Prospect.next_follow_up).where(
                Prospect.deleted_at.is_(None), Prospect.next_follow_up <= today
            )
        ).scalars()
        due_today = overdue = 0
        for due_on in rows:
            if due_on == today:
                due_today += 1
            else:
                overdue += 1
        return Reminder(due_today=due_today, overdue=overdue)
