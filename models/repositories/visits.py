"""Follow-up visits and calls: basic CRUD and the prospect's ``next_follow_up``.

Functions never commit. ``recompute_follow_up`` runs after every change: the newest live visit
of a prospect (by date, then id) decides when the next follow-up is due, unless its outcome
closed the matter (enrolled or refused).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core.errors import NotFoundError
from models.base import new_id, utcnow
from models.prospect import Prospect
from models.visit import VISIT_KINDS, VISIT_OUTCOMES, Visit

__all__ = [
    "CLOSING_OUTCOMES",
    "add",
    "due",
    "get",
    "list_for",
    "recompute_follow_up",
    "remove",
    "update_visit",
]

CLOSING_OUTCOMES = ("ENROLLED", "REFUSED")


def _apply(visit: Visit, payload: Mapping[str, Any]) -> None:
    kind = payload["kind"]
    if kind not in VISIT_KINDS:
        raise ValueError(f"unknown visit kind {kind!r}")
    outcome = payload.get("outcome")
    if outcome is not None and outcome not in VISIT_OUTCOMES:
        raise ValueError(f"unknown visit outcome {outcome!r}")
    visit.kind = kind
    visit.visit_date = _date(payload["date"])
    visit.due_date = _date(payload["due_date"]) if payload.get("due_date") else None
    visit.outcome = outcome
    visit.reason = payload.get("reason")
    visit.note = payload.get("note")
    visit.payload = {k: _json(v) for k, v in payload.items() if v is not None}


def _date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _json(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def add(
    session: Session,
    *,
    prospect_id: uuid.UUID,
    payload: Mapping[str, Any],
    visit_id: uuid.UUID | None = None,
) -> Visit:
    """A new visit (``VisitPayload`` fields: kind, date, due_date, outcome, reason, note)."""
    if session.get(Prospect, prospect_id) is None:
        raise NotFoundError(params={"id": str(prospect_id)})
    now = utcnow()
    visit = Visit(
        id=visit_id or new_id(), prospect_id=prospect_id, revision=0, created_at=now, updated_at=now
    )
    _apply(visit, {**payload, "prospect_id": str(prospect_id)})
    session.add(visit)
    session.flush()
    recompute_follow_up(session, prospect_id=prospect_id)
    return visit


def get(session: Session, *, visit_id: uuid.UUID) -> Visit | None:
    visit = session.get(Visit, visit_id)
    return visit if visit is not None and visit.deleted_at is None else None


def update_visit(session: Session, *, visit_id: uuid.UUID, payload: Mapping[str, Any]) -> Visit:
    visit = get(session, visit_id=visit_id)
    if visit is None:
        raise NotFoundError(params={"id": str(visit_id)})
    _apply(visit, {**payload, "prospect_id": str(visit.prospect_id)})
    visit.updated_at = utcnow()
    session.flush()
    recompute_follow_up(session, prospect_id=visit.prospect_id)
    return visit


def remove(session: Session, *, visit_id: uuid.UUID) -> None:
    """Tombstone a visit (it may have synced already)."""
    visit = get(session, visit_id=visit_id)
    if visit is None:
        raise NotFoundError(params={"id": str(visit_id)})
    visit.deleted_at = visit.updated_at = utcnow()
    session.flush()
    recompute_follow_up(session, prospect_id=visit.prospect_id)


def list_for(session: Session, *, prospect_id: uuid.UUID) -> list[Visit]:
    """A prospect's live visits, newest first."""
    stmt = (
        select(Visit)
        .where(Visit.prospect_id == prospect_id, Visit.deleted_at.is_(None))
        .order_by(Visit.visit_date.desc(), Visit.id.desc())
    )
    return list(session.scalars(stmt))


def recompute_follow_up(session: Session, *, prospect_id: uuid.UUID) -> date | None:
    latest = session.scalars(
        select(Visit)
        .where(Visit.prospect_id == prospect_id, Visit.deleted_at.is_(None))
        .order_by(Visit.visit_date.desc(), Visit.id.desc())
        .limit(1)
    ).first()
    due_on = None
    if latest is not None and latest.outcome not in CLOSING_OUTCOMES:
        due_on = latest.due_date
    session.execute(
        update(Prospect)
        .where(Prospect.id == prospect_id)
        .values(next_follow_up=due_on)
        .execution_options(synchronize_session=False)
    )
    return due_on


def due(session: Session, *, today: date, limit: int = 500) -> list[tuple[uuid.UUID, date]]:
    """Prospects whose follow-up is due on or before ``today``, earliest first."""
    stmt = (
        select(Prospect.id, Prospect.next_follow_up)
        .where(Prospect.deleted_at.is_(None), Prospect.next_follow_up <= today)
        .order_by(Prospect.next_follow_up, Prospect.id)
        .limit(limit)
    )
    return [(row[0], row[1]) for row in session.execute(stmt) if row[1] is not None]
