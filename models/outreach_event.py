"""Outreach events (*kegiatan*): one field session at a market, harbour or kelurahan office.

An event is the review batch (SYNC_PROTOCOL.md §3 ``outreach_event``); a closed event carries the
manifest of prospect revisions it produced ("37 expected, 37 received").
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, JsonText, SyncRecord

__all__ = ["PLACE_KINDS", "OutreachEvent"]

PLACE_KINDS = ("MARKET", "HARBOUR", "KELURAHAN_OFFICE", "OTHER")


class OutreachEvent(SyncRecord, Base):
    __tablename__ = "outreach_events"
    __table_args__ = (Index("ix_outreach_events_event_date", "event_date"),)

    payload: Mapped[dict[str, Any]] = mapped_column("payload_json", JsonText(), sort_order=100)
    area_code: Mapped[str] = mapped_column(String(13))
    place_kind: Mapped[str] = mapped_column(String(20))
    place_name: Mapped[str] = mapped_column(String(200))
    event_date: Mapped[date]
    partner: Mapped[str | None] = mapped_column(String(200), default=None)
    attendance: Mapped[int | None] = mapped_column(default=None)
    notes: Mapped[str | None] = mapped_column(String(2000), default=None)
    closed: Mapped[bool] = mapped_column(default=False)
