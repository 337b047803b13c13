"""The outbox: revisions waiting for the server's acknowledgement (SYNC_PROTOCOL.md §6.1, §6.2).

One row per ``(record_id, revision)`` while it is live (``pending`` or ``frozen``):

- ``pending``: saved, never sent. A new save of the record **replaces** this row's body (same
  ``seq``, ``generation`` + 1): it was never sent, so coalescing is safe.
- ``frozen``: its exact bytes (``body``) went, or are about to go, out in ``batch_id``; it never
  changes again. A later save is revision r+1 with base r in a new row.
- ``done``: acknowledged (``accepted``/``duplicate``); ``processed``: answered ``invalid``,
  ``conflict`` or ``forbidden`` (quarantined server-side, not retried).

``seq`` is AUTOINCREMENT, so numbers are never reused and "oldest first" is ``ORDER BY seq``.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, LargeBinary, String, text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, JsonText, UTCDateTime, utcnow

__all__ = ["OUTBOX_STATES", "OutboxEntry"]

OUTBOX_STATES = ("pending", "frozen", "done", "processed")


class OutboxEntry(Base):
    __tablename__ = "outbox"
    __table_args__ = (
        Index(
            "uq_outbox_live_revision",
            "record_id",
            "revision",
            unique=True,
            sqlite_where=text("state IN ('pending', 'frozen')"),
        ),
        Index(
            "uq_outbox_one_pending",
            "record_id",
            unique=True,
            sqlite_where=text("state = 'pending'"),
        ),
        Index("ix_outbox_state_seq", "state", "seq"),
        Index("ix_outbox_record_id", "record_id", "revision"),
        Index("ix_outbox_batch_id", "batch_id"),
        {"sqlite_autoincrement": True},
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[uuid.UUID]
    entity_type: Mapped[str] = mapped_column(String(20))
    revision: Mapped[int]
    base_revision: Mapped[int]
    body: Mapped[bytes] = mapped_column(LargeBinary, sort_order=100)
    state: Mapped[str] = mapped_column(String(10), default="pending")
    generation: Mapped[int] = mapped_column(default=1)
    batch_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    attempts: Mapped[int] = mapped_column(default=0)
    result_status: Mapped[str | None] = mapped_column(String(12), default=None)
    result: Mapped[dict[str, Any] | None] = mapped_column("result_json", JsonText(), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
