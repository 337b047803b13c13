"""The agent who owns this store: one row, written when the profile is created.

Several agents may share a laptop; each has a store of their own (``models/profiles.py``), so this
table always holds exactly one row. Server identities (``agent_id``, ``device_id``) arrive with
enrollment and live in ``sync_state``; this row only says who the local user is.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, JsonText, UTCDateTime, utcnow

__all__ = ["AGENT_KINDS", "AgentProfile"]

AGENT_KINDS = ("BPJS_STAFF", "INTERN", "PERISAI", "WADAH_OFFICER")


class AgentProfile(Base):
    __tablename__ = "agent_profile"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    store_id: Mapped[uuid.UUID]
    display_name: Mapped[str] = mapped_column(String(100))
    username: Mapped[str | None] = mapped_column(String(64), default=None)
    agent_kind: Mapped[str | None] = mapped_column(String(20), default=None)
    role: Mapped[str] = mapped_column(String(16), default="agent")
    branch_code: Mapped[str | None] = mapped_column(String(32), default=None)
    area_codes: Mapped[list[str]] = mapped_column(JsonText(), default=list)
    umbrella_body: Mapped[str | None] = mapped_column(String(100), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
