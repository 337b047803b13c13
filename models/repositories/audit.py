"""Append rows to the local audit log (ids, actions and counts only; never personal values)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from models.audit import AUDIT_ACTIONS, AuditEvent
from models.base import utcnow

__all__ = ["record", "record_many", "for_entity"]


def record(
    session: Session,
    *,
    action: str,
    entity: str,
    entity_id: uuid.UUID | None = None,
    revision: int | None = None,
    actor: str | None = None,
    detail: Mapping[str, Any] | None = None,
) -> None:
    if action not in AUDIT_ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    session.execute(
        insert(AuditEvent),
        [
            {
                "ts": utcnow(),
                "actor": actor,
                "action": action,
                "entity": entity,
                "entity_id": entity_id,
                "revision": revision,
                "detail": dict(detail or {}),
            }
        ],
    )


def record_many(
    session: Session,
    *,
    action: str,
    entity: str,
    entity_ids: Sequence[uuid.UUID],
    actor: str | None = None,
    detail: Mapping[str, Any] | None = None,
) -> None:
    """One row per id in a single executemany (bulk print, bulk import)."""
    if action not in AUDIT_ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    if not entity_ids:
        return
    now = utcnow()
    session.execute(
        insert(AuditEvent),
        [
            {
                "ts": now,
                "actor": actor,
                "action": action,
                "entity": entity,
                "entity_id": entity_id,
                "revision": None,
                "detail": dict(detail or {}),
            }
            for entity_id in entity_ids
        ],
    )


def for_entity(session: Session, *, entity_id: uuid.UUID) -> list[AuditEvent]:
    stmt = select(AuditEvent).where(AuditEvent.entity_id == entity_id).order_by(AuditEvent.id)
    return list(session.scalars(stmt))
