"""Follow-up visits and calls (SYNC_PROTOCOL.md §3 ``visit``), kept per prospect.

``due_date`` is when the next follow-up is due; the newest visit of a prospect decides the
prospect's ``next_follow_up`` (see ``models/repositories/visits.py``).
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, JsonText, SyncRecord

__all__ = ["VISIT_KINDS", "VISIT_OUTCOMES", "Visit"]

VISIT_KINDS = ("VISIT", "CALL")
VISIT_OUTCOMES = ("PLANNED", "INTERESTED", "ENROLLED", "REFUSED", "NOT_FOUND", "NO_ANSWER")


class Visit(SyncRecord, Base):
    __tablename__ = "visits"
    __table_args__ = (
        Index("ix_visits_prospect_id", "prospect_id", "visit_date"),
        Index("ix_visits_due_date", "due_date"),
    )

    prospect_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("prospects.id", ondelete="CASCADE"))
    payload: Mapped[dict[str, Any]] = mapped_column("payload_json", JsonText(), sort_order=100)
    kind: Mapped[str] = mapped_column(String(8))
    visit_date: Mapped[date]
    due_date: Mapped[date | None] = mapped_column(default=None)
    outcome: Mapped[str | None] = mapped_column(String(16), default=None)
    reason: Mapped[str | None] = mapped_column(String(200), default=None)
    note: Mapped[str | None] = mapped_column(String(2000), default=None)
