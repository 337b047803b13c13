"""Review decisions pulled from the server feed (SYNC_PROTOCOL.md §3 Decision).

Server-authored and read-only on the laptop: approve, return (with field notes), reject, reopen.
The newest decision on a prospect drives its badge and the note in the side panel.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, JsonText, UTCDateTime, utcnow

__all__ = ["Decision"]


class Decision(Base):
    __tablename__ = "decisions"
    __table_args__ = (Index("ix_decisions_record_id", "record_id", "decided_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    record_id: Mapped[uuid.UUID]
    record_revision: Mapped[int]
    outcome: Mapped[str] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(String(2000), default=None)
    reason_code: Mapped[str | None] = mapped_column(String(64), default=None)
    field_notes: Mapped[dict[str, str]] = mapped_column(JsonText(), default=dict)
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    decided_by_name: Mapped[str | None] = mapped_column(String(100), default=None)
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime())
    feed_seq: Mapped[int | None] = mapped_column(default=None)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
