"""The rows and filters of the prospect list, as plain frozen dataclasses.

Kept apart from ``models.repositories.search`` (SQLAlchemy) so that the list screen, its table
model and the first page read at unlock (``models.first_page``) need no ORM to load.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

__all__ = ["FIRST_PAGE", "ProspectFilters", "ProspectRow"]

# The first page of a list query fills the visible rows (about 20 at 1366×768) with margin; the
# rest follows in 256-row pages as the view scrolls. Decoding rows is most of a page's cost, so a
# small first page is what makes search-as-you-type (and the list after unlock) fast.
FIRST_PAGE = 64


@dataclass(frozen=True, slots=True)
class ProspectFilters:
    """List filters; ``None``/``False`` means "any". ``follow_up_due`` needs ``today``."""

    status: str | None = None
    village_code: str | None = None
    occupation: str | None = None
    event_id: uuid.UUID | None = None
    follow_up_due: bool = False
    badge: str | None = None
    today: date | None = None


@dataclass(frozen=True, slots=True)
class ProspectRow:
    id: uuid.UUID
    badge: str
    status: str
    full_name: str
    nik: str
    mobile: str | None
    village_code: str | None
    village_name: str | None
    occupation_1: str | None
    monthly_contribution: int | None
    review_state: str | None
    flags: tuple[str, ...]
    printed_count: int
    next_follow_up: date | None
    outreach_event_id: uuid.UUID | None
    revision: int
    updated_at: datetime
    key: tuple[Any, ...]
