"""A prospect: the whole F1 BPU form plus its local sync and review state.

The form travels as ``payload`` (column ``payload_json``): exactly the field names of
``sync.protocol.ProspectPayload`` (DOMAIN.md §5: identity, address codes, occupations, income,
programme, funding source, heirs, notes…). The columns beside it are denormalised copies for
listing, search and filters, rewritten from the payload on every save.

Local-only state (SYNC_PROTOCOL.md §5, §6.1):

- ``status``: ``draft`` (the local payload holds edits not yet submitted, or was never
  submitted) or ``queued`` (the local payload is the last submitted revision).
- ``badge``: what the list shows (``BADGES``; words live in ``ui/``).
- ``review_state``/``flags``: the server's view, from push results and the feed.
- ``base_payload``: the last server copy (three-way merge base), ``server_errors``: field errors
  of an ``invalid`` result, ``field_notes``: a supervisor's notes per field, ``issues``: the
  rule outcomes of the last save, ``acknowledged_warnings``: warning code → reason.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, JsonText, SyncRecord

__all__ = ["BADGES", "OPEN_REVIEW_STATES", "STATUSES", "Prospect"]

STATUSES = ("draft", "queued")
BADGES = (
    "draft",
    "queued",
    "sending",
    "received",
    "resent",
    "approved",
    "returned",
    "rejected",
    "withdrawn",
    "conflict",
    "invalid",
    "forbidden",
)
# Review states in which the prospect still counts as an open registration (duplicate checks).
OPEN_REVIEW_STATES = (None, "received", "approved", "returned")

_LIVE = text("deleted_at IS NULL")
_DASH_STATE = ("review_state", "revision", "printed_count", "deleted_at")


class Prospect(SyncRecord, Base):
    __tablename__ = "prospects"
    __table_args__ = (
        # Keyset orders of the list; the text columns ride along so a search can test a row
        # in the index and touch the table only for matches (SQLite's deferred seek).
        Index(
            "ix_prospects_live_updated",
            "updated_at",
            "id",
            "full_name",
            "nik",
            "mobile",
            "village_name",
            sqlite_where=_LIVE,
        ),
        Index(
            "ix_prospects_live_name",
            "full_name",
            "id",
            "nik",
            "mobile",
            "village_name",
            sqlite_where=_LIVE,
        ),
        # NIK and mobile prefixes → list keys without reading table rows (migration 0004).
        Index("ix_prospects_nik", "nik", "deleted_at", "updated_at", "id", "full_name"),
        Index("ix_prospects_mobile", "mobile", "deleted_at", "updated_at", "id", "full_name"),
        Index("ix_prospects_village_code", "village_code"),
        Index("ix_prospects_occupation_1", "occupation_1"),
        Index("ix_prospects_outreach_event_id", "outreach_event_id"),
        Index("ix_prospects_badge", "badge"),
        # Live prospects per badge for the status bar's counts (migration 0005).
        Index("ix_prospects_live_badge", "badge", "deleted_at", sqlite_where=_LIVE),
        Index("ix_prospects_next_follow_up", "next_follow_up"),
        # FTS row id → list keys and searched texts without reading table rows (migration
        # 0004); also serves max(search_rowid) when a new row id is handed out.
        Index(
            "ix_prospects_search",
            "search_rowid",
            "deleted_at",
            "updated_at",
            "id",
            "full_name",
            "nik",
            "mobile",
            "village_name",
        ),
        # Coverage dashboard (migration 0003_dashboard, models/services/dashboard.py): each
        # breakdown groups along the leading columns of a covering index, in index order.
        Index(
            "ix_prospects_dash_place",
            *("village_code", "district_code", "created_at", *_DASH_STATE),
            sqlite_where=_LIVE,
        ),
        Index(
            "ix_prospects_dash_occupation",
            *("occupation_1", "created_at", *_DASH_STATE),
            sqlite_where=_LIVE,
        ),
        Index(
            "ix_prospects_dash_day",
            text("date(substr(created_at, 1, 19), '+7 hours')"),
            *("created_at", *_DASH_STATE),
            sqlite_where=_LIVE,
        ),
        Index(
            "ix_prospects_dash_follow_up",
            *("next_follow_up", "village_code", "district_code", "occupation_1", "deleted_at"),
            sqlite_where=text("deleted_at IS NULL AND next_follow_up IS NOT NULL"),
        ),
    )

    payload: Mapped[dict[str, Any]] = mapped_column("payload_json", JsonText(), sort_order=100)
    base_payload: Mapped[dict[str, Any] | None] = mapped_column(
        "base_payload_json", JsonText(), default=None, sort_order=101
    )
    status: Mapped[str] = mapped_column(String(10), default="draft")
    badge: Mapped[str] = mapped_column(String(12), default="draft")
    review_state: Mapped[str | None] = mapped_column(String(12), default=None)
    flags: Mapped[list[str]] = mapped_column("flags_json", JsonText(), default=list)
    issues: Mapped[list[dict[str, Any]]] = mapped_column(
        "issues_json", JsonText(), default=list, sort_order=90
    )
    server_errors: Mapped[list[dict[str, Any]]] = mapped_column(
        "server_errors_json", JsonText(), default=list, sort_order=91
    )
    field_notes: Mapped[dict[str, str]] = mapped_column(
        "field_notes_json", JsonText(), default=dict, sort_order=92
    )
    acknowledged_warnings: Mapped[dict[str, str]] = mapped_column(
        JsonText(), default=dict, sort_order=93
    )

    # Denormalised from the payload for lists, search and filters.
    full_name: Mapped[str] = mapped_column(String(100), default="")
    nik: Mapped[str] = mapped_column(String(32), default="")
    mobile: Mapped[str | None] = mapped_column(String(20), default=None)
    village_code: Mapped[str | None] = mapped_column(String(13), default=None)
    village_name: Mapped[str | None] = mapped_column(String(100), default=None)
    district_code: Mapped[str | None] = mapped_column(String(8), default=None)
    area_code: Mapped[str | None] = mapped_column(String(13), default=None)
    occupation_1: Mapped[str | None] = mapped_column(String(40), default=None)
    occupation_2: Mapped[str | None] = mapped_column(String(40), default=None)
    declared_income: Mapped[int | None] = mapped_column(default=None)
    monthly_contribution: Mapped[int | None] = mapped_column(default=None)
    package: Mapped[str | None] = mapped_column(String(12), default=None)
    outreach_event_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    consent_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    restricted: Mapped[bool] = mapped_column(default=False)

    printed_count: Mapped[int] = mapped_column(default=0)
    next_follow_up: Mapped[date | None] = mapped_column(default=None)
    # Row id of the prospect in the FTS5 index (stable across VACUUM, unlike SQLite's rowid).
    search_rowid: Mapped[int | None] = mapped_column(Integer, default=None)
