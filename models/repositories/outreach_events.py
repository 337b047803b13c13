"""Outreach events (*kegiatan*): basic CRUD and per-event counts. Functions never commit."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.errors import NotFoundError
from models.base import new_id, utcnow
from models.outreach_event import PLACE_KINDS, OutreachEvent
from models.prospect import Prospect

__all__ = ["EventCounts", "close", "counts", "create", "get", "list_events", "update_event"]


@dataclass(frozen=True, slots=True)
class EventCounts:
    """The event header: "Dicatat 37  Draf 3  Menunggu kirim 4  Terkirim 30"."""

    recorded: int
    by_badge: dict[str, int]

    def badge(self, name: str) -> int:
        return self.by_badge.get(name, 0)


def _apply(event: OutreachEvent, payload: Mapping[str, Any]) -> None:
    if payload["place_kind"] not in PLACE_KINDS:
        raise ValueError(f"unknown place kind {payload['place_kind']!r}")
    event.area_code = str(payload["area_code"])
    event.place_kind = payload["place_kind"]
    event.place_name = str(payload["place_name"])
    day = payload["date"]
    event.event_date = day if isinstance(day, date) else date.fromisoformat(str(day))
    event.partner = payload.get("partner")
    event.attendance = payload.get("attendance")
    event.notes = payload.get("notes")
    event.closed = bool(payload.get("closed", False))
    event.payload = {
        k: (v.isoformat() if isinstance(v, date) else v)
        for k, v in payload.items()
        if v is not None
    }


def create(
    session: Session, *, payload: Mapping[str, Any], event_id: uuid.UUID | None = None
) -> OutreachEvent:
    """A new event (``OutreachEventPayload`` fields: area_code, place_kind, place_name, date…)."""
    now = utcnow()
    event = OutreachEvent(id=event_id or new_id(), revision=0, created_at=now, updated_at=now)
    _apply(event, payload)
    session.add(event)
    session.flush()
    return event


def get(session: Session, *, event_id: uuid.UUID) -> OutreachEvent | None:
    event = session.get(OutreachEvent, event_id)
    return event if event is not None and event.deleted_at is None else None


def update_event(
    session: Session, *, event_id: uuid.UUID, payload: Mapping[str, Any]
) -> OutreachEvent:
    event = get(session, event_id=event_id)
    if event is None:
        raise NotFoundError(params={"id": str(event_id)})
    _apply(event, payload)
    event.updated_at = utcnow()
    session.flush()
    return event


def close(session: Session, *, event_id: uuid.UUID) -> OutreachEvent:
    """Close an event and freeze its manifest: the submitted revision of each prospect."""
    event = get(session, event_id=event_id)
    if event is None:
        raise NotFoundError(params={"id": str(event_id)})
    rows = session.execute(
        select(Prospect.id, Prospect.revision)
        .where(
            Prospect.outreach_event_id == event_id,
            Prospect.deleted_at.is_(None),
            Prospect.revision > 0,
        )
        .order_by(Prospect.id)
    )
    manifest = [{"id": str(pid), "revision": rev} for pid, rev in rows]
    event.closed = True
    event.payload = {**event.payload, "closed": True, "manifest": manifest}
    event.updated_at = utcnow()
    session.flush()
    return event


def list_events(
    session: Session, *, include_closed: bool = True, limit: int = 200
) -> list[OutreachEvent]:
    stmt = select(OutreachEvent).where(OutreachEvent.deleted_at.is_(None))
    if not include_closed:
        stmt = stmt.where(OutreachEvent.closed.is_(False))
    stmt = stmt.order_by(OutreachEvent.event_date.desc(), OutreachEvent.id.desc()).limit(limit)
    return list(session.scalars(stmt))


def counts(session: Session, *, event_id: uuid.UUID) -> EventCounts:
    stmt = (
        select(Prospect.badge, func.count())
        .where(Prospect.outreach_event_id == event_id, Prospect.deleted_at.is_(None))
        .group_by(Prospect.badge)
    )
    by_badge = {badge: int(n) for badge, n in session.execute(stmt)}
    return EventCounts(recorded=sum(by_badge.values()), by_badge=by_badge)
