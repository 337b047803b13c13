"""Outreach events (*kegiatan*, UI.md §3.9): start, edit, close; today's session; event headers.

One use case, one transaction (STYLE.md §2). An event is a synced record of type
``outreach_event`` (SYNC_PROTOCOL.md §3): starting, editing and closing it each write its outbox
row the way a prospect save does (``outbox.slot_for`` + ``enqueue``: a still-pending row is
replaced, a frozen one never changes), so the supervisor sees the batch while the agent is still
at the market. Closing freezes the manifest ``[{id, revision}]`` of the event's submitted
prospects, which review compares with what arrived ("37/37"); it first refuses while drafts are
open (``ConflictError("event-has-drafts", params={"drafts": n})``) unless ``force=True``.

*Today's session*: the active event is the newest open event dated today. New prospects recorded
while it is active carry its id (``outreach_event_id``), and their capture area is its area.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pydantic
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from core.errors import ConflictError, Issue, NotFoundError, ValidationError
from models.base import utcnow
from models.db import Database
from models.outreach_event import PLACE_KINDS, OutreachEvent
from models.prospect import Prospect
from models.repositories import audit, outbox
from models.repositories import outreach_events as repo
from models.rules.regions import regions
from models.services.changes import change_body
from models.services.context import AgentContext
from models.services.followups import queue_unsent_visits
from sync.protocol import OutreachEventPayload

__all__ = [
    "PLACE_KINDS",
    "SENT_BADGES",
    "EventCounts",
    "EventDetail",
    "EventInfo",
    "EventProspect",
    "active_event",
    "close_event",
    "event_detail",
    "list_events",
    "start_event",
    "update_event",
]

# Badges of prospects the server holds (the header's "Terkirim").
SENT_BADGES = ("received", "resent", "approved", "returned", "rejected")
_WAITING_BADGES = ("queued", "sending")
_EDITABLE = ("place_kind", "place_name", "area_code", "date", "partner", "attendance", "notes")


@dataclass(frozen=True, slots=True)
class EventCounts:
    """ "Dicatat 37  Draf 3  Menunggu kirim 4  Terkirim 30  Diterima server 30/34"."""

    recorded: int = 0
    drafts: int = 0
    waiting: int = 0
    sent: int = 0
    acknowledged: int = 0  # submitted prospects whose newest submitted revision the server holds
    submitted: int = 0  # prospects submitted at least once (revision > 0)


@dataclass(frozen=True, slots=True)
class EventInfo:
    id: uuid.UUID
    place_kind: str
    place_name: str
    area_code: str
    date: date
    partner: str | None
    attendance: int | None
    notes: str | None
    closed: bool
    revision: int
    server_rev: int | None
    manifest: tuple[tuple[uuid.UUID, int], ...]
    created_at: datetime

    @property
    def area_name(self) -> str | None:
        return regions().name(self.area_code)


@dataclass(frozen=True, slots=True)
class EventProspect:
    """One row of the event's table: Status, Nama, Pekerjaan, Iuran/bulan, Tindak lanjut."""

    id: uuid.UUID
    full_name: str
    badge: str
    occupation_1: str | None
    village_name: str | None
    monthly_contribution: int | None
    next_follow_up: date | None
    revision: int


@dataclass(frozen=True, slots=True)
class EventDetail:
    event: EventInfo
    counts: EventCounts
    prospects: list[EventProspect]


# -- reading ----------------------------------------------------------------------------------


def _info(event: OutreachEvent) -> EventInfo:
    manifest = tuple(
        (uuid.UUID(str(item["id"])), int(item["revision"]))
        for item in (event.payload or {}).get("manifest", [])
    )
    return EventInfo(
        id=event.id,
        place_kind=event.place_kind,
        place_name=event.place_name,
        area_code=event.area_code,
        date=event.event_date,
        partner=event.partner,
        attendance=event.attendance,
        notes=event.notes,
        closed=event.closed,
        revision=event.revision,
        server_rev=event.server_rev,
        manifest=manifest,
        created_at=event.created_at,
    )


def _counts(session: Session, *, event_id: uuid.UUID) -> EventCounts:
    submitted = Prospect.revision > 0
    stmt = select(
        func.count(),
        func.sum(case((Prospect.status == "draft", 1), else_=0)),
        func.sum(case((Prospect.badge.in_(_WAITING_BADGES), 1), else_=0)),
        func.sum(case((Prospect.badge.in_(SENT_BADGES), 1), else_=0)),
        func.sum(case((submitted & (Prospect.server_rev >= Prospect.revision), 1), else_=0)),
        func.sum(case((submitted, 1), else_=0)),
    ).where(Prospect.outreach_event_id == event_id, Prospect.deleted_at.is_(None))
    row = session.execute(stmt).one()
    recorded, drafts, waiting, sent, acked, subm = (int(v or 0) for v in row)
    return EventCounts(recorded, drafts, waiting, sent, acked, subm)


def _prospects(session: Session, *, event_id: uuid.UUID) -> list[EventProspect]:
    stmt = (
        select(
            Prospect.id,
            Prospect.full_name,
            Prospect.badge,
            Prospect.occupation_1,
            Prospect.village_name,
            Prospect.monthly_contribution,
            Prospect.next_follow_up,
            Prospect.revision,
        )
        .where(Prospect.outreach_event_id == event_id, Prospect.deleted_at.is_(None))
        .order_by(Prospect.created_at.desc(), Prospect.id.desc())
    )
    return [EventProspect(*row) for row in session.execute(stmt)]


def event_detail(db: Database, *, event_id: uuid.UUID) -> EventDetail:
    """The event, its header counts and its prospects, newest first."""
    with db.read_scope() as session:
        event = repo.get(session, event_id=event_id)
        if event is None:
            raise NotFoundError(params={"id": str(event_id)})
        return EventDetail(
            _info(event),
            _counts(session, event_id=event_id),
            _prospects(session, event_id=event_id),
        )


def list_events(db: Database, *, include_closed: bool = True, limit: int = 200) -> list[EventInfo]:
    """Events, newest date first."""
    with db.read_scope() as session:
        rows = repo.list_events(session, include_closed=include_closed, limit=limit)
        return [_info(e) for e in rows]


def active_event(db: Database, *, today: date) -> EventInfo | None:
    """Today's session: the newest open event dated ``today`` (events of other days are not
    joined by chance; the agent picks one explicitly)."""
    with db.read_scope() as session:
        stmt = (
            select(OutreachEvent)
            .where(
                OutreachEvent.deleted_at.is_(None),
                OutreachEvent.closed.is_(False),
                OutreachEvent.event_date == today,
            )
            .order_by(OutreachEvent.created_at.desc(), OutreachEvent.id.desc())
            .limit(1)
        )
        event = session.scalars(stmt).first()
        return _info(event) if event is not None else None


# -- writing ----------------------------------------------------------------------------------


def _validated(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The payload in wire form, or ``ValidationError`` with one issue per bad field."""
    data = {k: v for k, v in payload.items() if v is not None and v != ""}
    issues: list[Issue] = []
    try:
        wire = OutreachEventPayload.model_validate(data).wire()
    except pydantic.ValidationError as exc:
        for error in exc.errors():
            field = ".".join(str(p) for p in error["loc"]) or None
            code = "E_REQUIRED" if error["type"] == "missing" else "E_FORMAT"
            if error["type"] in ("string_too_long", "too_long"):
                code = "E_TOO_LONG"
            issues.append(Issue(code, field, {"type": error["type"]}))
        raise ValidationError(issues) from exc
    if not wire.get("place_name", "").strip():
        issues.append(Issue("E_REQUIRED", "place_name"))
    if wire["area_code"] not in regions():
        issues.append(Issue("E_AREA_UNKNOWN", "area_code", {"code": wire["area_code"]}))
    if issues:
        raise ValidationError(issues)
    return wire


def _enqueue(session: Session, event: OutreachEvent, *, agent: AgentContext) -> None:
    """Write the event's current payload as its next revision (replacing a pending row)."""
    slot = outbox.slot_for(session, record_id=event.id, server_rev=event.server_rev)
    now = utcnow()
    event.revision = slot.revision
    event.updated_at = now
    outbox.enqueue(
        session,
        record_id=event.id,
        entity_type="outreach_event",
        revision=slot.revision,
        base_revision=slot.base_revision,
        slot=slot,
        body=change_body(
            record_id=event.id,
            entity_type="outreach_event",
            revision=slot.revision,
            base_revision=slot.base_revision,
            payload=dict(event.payload),
            deleted=False,
            updated_at=now,
            agent=agent,
        ),
    )


def start_event(
    db: Database,
    *,
    place_kind: str,
    place_name: str,
    area_code: str,
    on: date,
    agent: AgentContext,
    partner: str | None = None,
    attendance: int | None = None,
    notes: str | None = None,
    event_id: uuid.UUID | None = None,
) -> EventInfo:
    """*Mulai kegiatan*: a new open event, queued for the server at once."""
    wire = _validated(
        {
            "place_kind": place_kind,
            "place_name": place_name,
            "area_code": area_code,
            "date": on.isoformat(),
            "partner": partner,
            "attendance": attendance,
            "notes": notes,
        }
    )
    with db.session_scope() as session:
        event = repo.create(session, payload=wire, event_id=event_id)
        _enqueue(session, event, agent=agent)
        audit.record(
            session,
            action="CREATE",
            entity="outreach_event",
            entity_id=event.id,
            revision=event.revision,
            actor=agent.username,
        )
        session.flush()
        return _info(event)


def update_event(
    db: Database, *, event_id: uuid.UUID, changes: Mapping[str, Any], agent: AgentContext
) -> EventInfo:
    """Edit an open event (place, area, date, partner, attendance, notes)."""
    unknown = set(changes) - set(_EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with db.session_scope() as session:
        event = repo.get(session, event_id=event_id)
        if event is None:
            raise NotFoundError(params={"id": str(event_id)})
        if event.closed:
            raise ConflictError("event-closed", params={"id": str(event_id)})
        merged = {**event.payload, **{k: _plain(v) for k, v in changes.items()}}
        wire = _validated(merged)
        repo.update_event(session, event_id=event_id, payload=wire)
        _enqueue(session, event, agent=agent)
        audit.record(
            session,
            action="UPDATE",
            entity="outreach_event",
            entity_id=event_id,
            revision=event.revision,
            actor=agent.username,
        )
        session.flush()
        return _info(event)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def close_event(
    db: Database, *, event_id: uuid.UUID, agent: AgentContext, force: bool = False
) -> EventInfo:
    """*Tutup kegiatan*: freeze the manifest and queue the closed event.

    Refuses with ``event-has-drafts`` while prospects of the event are drafts, unless ``force``
    (drafts are then left out of the manifest, as they were never sent)."""
    with db.session_scope() as session:
        event = repo.get(session, event_id=event_id)
        if event is None:
            raise NotFoundError(params={"id": str(event_id)})
        if event.closed:
            raise ConflictError("event-closed", params={"id": str(event_id)})
        drafts = _counts(session, event_id=event_id).drafts
        if drafts and not force:
            raise ConflictError("event-has-drafts", params={"drafts": drafts})
        repo.close(session, event_id=event_id)
        event.payload = _validated(event.payload)
        queue_unsent_visits(session, agent=agent)
        _enqueue(session, event, agent=agent)
        audit.record(
            session,
            action="UPDATE",
            entity="outreach_event",
            entity_id=event_id,
            revision=event.revision,
            actor=agent.username,
            detail={"closed": True, "manifest": len(event.payload.get("manifest", []))},
        )
        session.flush()
        return _info(event)
