"""Reference data downloaded from the server (SYNC_PROTOCOL.md §4.7), one row per version.

``status`` is ``valid`` (checked by the rules' loaders, ``content`` is the server's exact JSON)
or ``rejected`` (the server really serves it, its hash matched, but the rules refused it:
``error`` says why and it is never fetched again). The newest valid row of a dataset (highest
``id``) is what the rules use after an unlock.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime

__all__ = ["REFERENCE_STATES", "ReferenceData"]

REFERENCE_STATES = ("valid", "rejected")


class ReferenceData(Base):
    __tablename__ = "reference_data"
    __table_args__ = (
        UniqueConstraint("dataset", "version"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dataset: Mapped[str] = mapped_column(String(40))
    version: Mapped[str] = mapped_column(String(40))
    sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(10))
    error: Mapped[str | None] = mapped_column(String(300), default=None)
    content: Mapped[str | None] = mapped_column(Text, default=None)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime())
