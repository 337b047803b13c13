"""Prospect queries and row maintenance. Functions never commit; the caller owns the transaction.

``apply_payload`` copies the payload into the denormalised columns (list, search, filters) and
``replace_heirs`` rewrites the heir rows; the service calls both on every save so the columns
can never drift from the payload.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.orm import Session

from models.heir import Heir
from models.prospect import Prospect
from models.rules.idnumber import clean
from models.rules.phone import normalise_mobile
from models.rules.regions import regions

__all__ = [
    "DuplicateRef",
    "apply_payload",
    "as_uuid",
    "denormalised",
    "find_by_nik",
    "get",
    "open_duplicates",
    "open_with_mobile",
    "open_with_nik",
    "replace_heirs",
]

_CLOSED_REVIEW_STATES = ("rejected", "withdrawn")


@dataclass(frozen=True, slots=True)
class DuplicateRef:
    """Another open prospect with the same NIK (or mobile): enough for the editor's banner."""

    id: uuid.UUID
    full_name: str
    badge: str


def get(
    session: Session, *, prospect_id: uuid.UUID, include_deleted: bool = False
) -> Prospect | None:
    prospect = session.get(Prospect, prospect_id)
    if prospect is None or (prospect.deleted_at is not None and not include_deleted):
        return None
    return prospect


# An open registration: not a tombstone, not rejected or withdrawn (built once, reused).
_OPEN = (
    Prospect.deleted_at.is_(None),
    or_(Prospect.review_state.is_(None), Prospect.review_state.not_in(_CLOSED_REVIEW_STATES)),
)


def _open() -> Any:
    return _OPEN


def find_by_nik(session: Session, *, nik: str) -> Prospect | None:
    """The open (not deleted, rejected or withdrawn) prospect with this NIK, oldest first."""
    stmt = (
        select(Prospect)
        .where(Prospect.nik == clean(nik), *_open())
        .order_by(Prospect.created_at, Prospect.id)
        .limit(1)
    )
    return session.scalars(stmt).first()


def open_with_nik(
    session: Session, *, nik: str, exclude_id: uuid.UUID | None = None
) -> list[DuplicateRef]:
    """Other open prospects with this NIK (``E_NIK_DUPLICATE``)."""
    nik = clean(nik)
    if not nik:
        return []
    stmt = select(Prospect.id, Prospect.full_name, Prospect.badge).where(
        Prospect.nik == nik, *_open()
    )
    if exclude_id is not None:
        stmt = stmt.where(Prospect.id != exclude_id)
    stmt = stmt.order_by(Prospect.created_at, Prospect.id)
    return [
        DuplicateRef(id=r.id, full_name=r.full_name, badge=r.badge) for r in session.execute(stmt)
    ]


def open_with_mobile(
    session: Session, *, mobile: str | None, exclude_id: uuid.UUID | None = None
) -> list[DuplicateRef]:
    """Other open prospects with this (E.164) mobile (``W_MOBILE_SHARED``)."""
    if not mobile:
        return []
    stmt = select(Prospect.id, Prospect.full_name, Prospect.badge).where(
        Prospect.mobile == mobile, *_open()
    )
    if exclude_id is not None:
        stmt = stmt.where(Prospect.id != exclude_id)
    return [
        DuplicateRef(id=r.id, full_name=r.full_name, badge=r.badge) for r in session.execute(stmt)
    ]


def open_duplicates(
    session: Session, *, nik: str | None, mobile: str | None, exclude_id: uuid.UUID | None
) -> tuple[list[DuplicateRef], list[DuplicateRef]]:
    """Other open prospects sharing the NIK, and those sharing the mobile, in one query."""
    nik = clean(nik or "")
    keys = []
    if nik:
        keys.append(Prospect.nik == nik)
    if mobile:
        keys.append(Prospect.mobile == mobile)
    if not keys:
        return [], []
    stmt = select(
        Prospect.id, Prospect.full_name, Prospect.badge, Prospect.nik, Prospect.mobile
    ).where(or_(*keys), *_open())
    if exclude_id is not None:
        stmt = stmt.where(Prospect.id != exclude_id)
    rows = session.execute(stmt.order_by(Prospect.created_at, Prospect.id)).all()
    same_nik = [DuplicateRef(r.id, r.full_name, r.badge) for r in rows if nik and r.nik == nik]
    same_mobile = [
        DuplicateRef(r.id, r.full_name, r.badge) for r in rows if mobile and r.mobile == mobile
    ]
    return same_nik, same_mobile


def _text(payload: Mapping[str, Any], key: str) -> str | None:
    value = payload.get(key)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def as_uuid(value: Any) -> uuid.UUID | None:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def normalised_mobile(payload: Mapping[str, Any]) -> str | None:
    raw = _text(payload, "mobile")
    if raw is None:
        return None
    return normalise_mobile(raw).e164 or raw[:20]


def village_name(payload: Mapping[str, Any]) -> str | None:
    code = _text(payload, "village_code")
    if code is not None:
        name = regions().name(code)
        if name:
            return name
    return _text(payload, "village_name_free")


def denormalised(payload: Mapping[str, Any], *, monthly_contribution: int | None) -> dict[str, Any]:
    """The list/search/filter columns of a payload, keyed by attribute (= column) name."""
    name = village_name(payload)
    return {
        "full_name": (_text(payload, "full_name") or "")[:100],
        "nik": clean(_text(payload, "nik") or "")[:32],
        "mobile": normalised_mobile(payload),
        "village_code": _text(payload, "village_code"),
        "village_name": name[:100] if name else None,
        "district_code": _text(payload, "district_code"),
        "area_code": _text(payload, "area_code"),
        "occupation_1": _text(payload, "occupation_1"),
        "occupation_2": _text(payload, "occupation_2"),
        "declared_income": _int(payload.get("declared_income")),
        "monthly_contribution": monthly_contribution,
        "package": _text(payload, "package"),
        "outreach_event_id": as_uuid(payload.get("outreach_event_id")),
        "consent_id": as_uuid(payload.get("consent_id")),
        "restricted": bool(payload.get("restricted", False)),
    }


def apply_payload(
    prospect: Prospect, *, payload: Mapping[str, Any], monthly_contribution: int | None
) -> None:
    """Copy the payload into the row: ``payload`` itself and every denormalised column."""
    prospect.payload = dict(payload)
    for key, value in denormalised(payload, monthly_contribution=monthly_contribution).items():
        setattr(prospect, key, value)


def replace_heirs(
    session: Session, *, prospect_id: uuid.UUID, heirs: Sequence[Any], fresh: bool = False
) -> None:
    """Rewrite the heir rows from the payload's ``heirs[]`` (malformed entries are skipped:
    they are reported by the rules and stay in the payload for the agent to fix)."""
    if not fresh:
        session.execute(delete(Heir).where(Heir.prospect_id == prospect_id))
    rows = []
    seen: set[int] = set()
    for heir in heirs:
        if not isinstance(heir, Mapping):
            continue
        order, name, relationship = (
            _int(heir.get("order")),
            heir.get("name"),
            heir.get("relationship"),
        )
        if order is None or order in seen or not name or not relationship:
            continue
        seen.add(order)
        rows.append(
            {
                "prospect_id": prospect_id,
                "order": order,
                "name": str(name)[:100],
                "relationship": str(relationship)[:20],
                "mobile": (str(heir["mobile"])[:20] if heir.get("mobile") else None),
                "nik": (str(heir["nik"])[:32] if heir.get("nik") else None),
            }
        )
    if rows:
        session.execute(insert(Heir), rows)


def heirs_of(session: Session, *, prospect_id: uuid.UUID) -> list[Heir]:
    stmt = select(Heir).where(Heir.prospect_id == prospect_id).order_by(Heir.order)
    return list(session.scalars(stmt))
