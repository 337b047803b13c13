"""Append-only local audit log (DOMAIN.md §8): who viewed, changed, printed or exported what.

Ids, actions and counts only; never a name, NIK or phone number.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, JsonText, UTCDateTime, utcnow

__all__ = ["AUDIT_ACTIONS", "AuditEvent"]

AUDIT_ACTIONS = ("VIEW", "CREATE", "UPDATE", "SUBMIT", "EXPORT", "PRINT", "DELETE", "WITHDRAW")


class AuditEvent(Base):
    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_entity_id", "entity_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ts: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor: Mapped[str | None] = mapped_column(String(64), default=None)
    action: Mapped[str] = mapped_column(String(10))
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    revision: Mapped[int | None] = mapped_column(default=None)
    detail: Mapped[dict[str, Any]] = mapped_column("detail_json", JsonText(), default=dict)
