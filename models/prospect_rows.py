"""The rows and filters of the prospect list, as plain frozen dataclasses.

Kept apart from ``models.repositories.search`` (SQLAlchemy) so that the list screen, its table
model and the first page read at unlock (``models.first_page``) need no ORM to load.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

__all__ = ["FIRST_PAGE", "ProspectFilters", "ProspectRow", "prospect_row"]

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


def prospect_row(values: Sequence[Any], *, by_name: bool = False) -> ProspectRow:
    """A row from the list's 17 columns, typed, in the field order above (``key`` left out):
    what ``search.page`` selects and ``models.first_page`` reads. ``by_name``: the key of the
    name sort instead of the "last modified" one."""
    (
        id_,
        badge,
        status,
        full_name,
        nik,
        mobile,
        village_code,
        village_name,
        occupation_1,
        monthly_contribution,
        review_state,
        flags,
        printed_count,
        next_follow_up,
        outreach_event_id,
        revision,
        updated_at,
    ) = values
    return ProspectRow(
        id=id_,
        badge=badge,
        status=status,
        full_name=full_name,
        nik=nik,
        mobile=mobile,
        village_code=village_code,
        village_name=village_name,
        occupation_1=occupation_1,
        monthly_contribution=monthly_contribution,
        review_state=review_state,
        flags=tuple(flags or ()),
        printed_count=printed_count,
        next_follow_up=next_follow_up,
        outreach_event_id=outreach_event_id,
        revision=revision,
        updated_at=updated_at,
        key=(full_name, id_) if by_name else (updated_at, id_),
    )
