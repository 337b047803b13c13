"""Sync state of this store (SYNC_PROTOCOL.md §6.1 ``sync_meta``): one row.

Device identity and token (the whole file is encrypted), the pull cursor, the persisted backoff
count (§6.4), the adaptive batch size (§6.2 step 3) and the clock offset (§6.5). ``extra`` holds
small values the sync engine adds later without a migration.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, JsonText, UTCDateTime

__all__ = ["SyncState"]


class SyncState(Base):
    __tablename__ = "sync_state"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    server_url: Mapped[str | None] = mapped_column(String(300), default=None)
    device_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    agent_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    device_name: Mapped[str | None] = mapped_column(String(64), default=None)
    device_token: Mapped[str | None] = mapped_column(String(200), default=None)
    token_rotate_after: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    next_token: Mapped[str | None] = mapped_column(String(200), default=None)
    rotation_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    pull_cursor: Mapped[str | None] = mapped_column(String(64), default=None)
    last_pulled_seq: Mapped[int | None] = mapped_column(default=None)
    clock_offset_s: Mapped[int | None] = mapped_column(default=None)
    attempt: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    last_error_code: Mapped[str | None] = mapped_column(String(64), default=None)
    batch_bytes: Mapped[int] = mapped_column(default=32 * 1024)
    success_streak: Mapped[int] = mapped_column(default=0)
    revoked: Mapped[bool] = mapped_column(default=False)
    extra: Mapped[dict[str, Any]] = mapped_column("extra_json", JsonText(), default=dict)
