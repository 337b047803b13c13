"""Heirs (*ahli waris*) of a prospect, one row per heir.

The payload's ``heirs[]`` is the source of truth (it is what syncs and what the form edits);
this table is rewritten from it on every save so heirs can be queried without parsing JSON.
"""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base

__all__ = ["Heir"]


class Heir(Base):
    __tablename__ = "heirs"

    prospect_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("prospects.id", ondelete="CASCADE"), primary_key=True
    )
    order: Mapped[int] = mapped_column("heir_order", primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    relationship: Mapped[str] = mapped_column(String(20))
    mobile: Mapped[str | None] = mapped_column(String(20), default=None)
    nik: Mapped[str | None] = mapped_column(String(32), default=None)
