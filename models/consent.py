"""Consent records (UU PDP proof, DOMAIN.md §8): notice version, purposes, method, guardian.

A consent syncs as its own entity (``consent``, SYNC_PROTOCOL.md §3) and is reviewed with its
prospect. ``payload`` holds the ``sync.protocol.ConsentPayload`` fields; the columns copy the ones
the app filters or shows.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, JsonText, SyncRecord, UTCDateTime

__all__ = ["Consent"]


class Consent(SyncRecord, Base):
    __tablename__ = "consents"
    __table_args__ = (Index("ix_consents_prospect_id", "prospect_id"),)

    prospect_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("prospects.id", ondelete="CASCADE"))
    payload: Mapped[dict[str, Any]] = mapped_column("payload_json", JsonText(), sort_order=100)
    notice_version: Mapped[str] = mapped_column(String(32))
    notice_sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    purposes: Mapped[list[str]] = mapped_column(JsonText(), default=list)
    method: Mapped[str] = mapped_column(String(20))
    paper_form_number: Mapped[str | None] = mapped_column(String(40), default=None)
    read_aloud: Mapped[bool] = mapped_column(default=False)
    witness_name: Mapped[str | None] = mapped_column(String(100), default=None)
    guardian_name: Mapped[str | None] = mapped_column(String(100), default=None)
    guardian_relationship: Mapped[str | None] = mapped_column(String(40), default=None)
    guardian_nik: Mapped[str | None] = mapped_column(String(32), default=None)
    consented_at: Mapped[datetime] = mapped_column(UTCDateTime())
    withdrawn_on: Mapped[date | None] = mapped_column(default=None)
    status: Mapped[str] = mapped_column(String(10), default="draft")
