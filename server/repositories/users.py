"""Users, their areas and the region table."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, delete, func, insert, or_, select
from sqlalchemy.orm import Session

from server.models.identity import Area, User, UserArea


def by_username(session: Session, *, username: str) -> User | None:
    return session.scalars(select(User).where(User.username == username.lower())).first()


def by_id(session: Session, *, user_id: uuid.UUID) -> User | None:
    return session.get(User, user_id)


def areas_of(session: Session, *, user_id: uuid.UUID) -> list[str]:
    rows = session.scalars(
        select(UserArea.area_code).where(UserArea.user_id == user_id).order_by(UserArea.area_code)
    )
    return list(rows)


def set_areas(session: Session, *, user_id: uuid.UUID, areas: Iterable[str]) -> None:
    session.execute(delete(UserArea).where(UserArea.user_id == user_id))
    rows = [{"user_id": user_id, "area_code": code} for code in sorted(set(areas))]
    if rows:
        session.execute(insert(UserArea), rows)


def add(
    session: Session,
    *,
    user_id: uuid.UUID,
    username: str,
    display_name: str,
    password_hash: str,
    roles: Sequence[str],
    now: datetime,
) -> User:
    user = User(
        id=user_id,
        username=username.lower(),
        display_name=display_name,
        password_hash=password_hash,
        roles=list(roles),
        active=True,
        created_at=now,
        updated_at=now,
        password_changed_at=now,
    )
    session.add(user)
    session.flush()
    return user


def scope_filter(areas: Sequence[str]) -> ColumnElement[bool]:
    """SQL condition: ``UserArea.area_code`` lies within one of ``areas`` (§2.4)."""
    return or_(
        *(
            or_(UserArea.area_code == code, UserArea.area_code.startswith(code + "."))
            for code in areas
        )
    )


def agent_in_scope(session: Session, *, agent_id: uuid.UUID, areas: Sequence[str]) -> bool:
    """An agent is in a supervisor's scope when one of the agent's areas lies within it."""
    if not areas:
        return False
    stmt = (
        select(func.count())
        .select_from(UserArea)
        .where(UserArea.user_id == agent_id, scope_filter(areas))
    )
    return bool(session.execute(stmt).scalar_one())


def list_users(session: Session, *, areas: Sequence[str] | None = None) -> list[User]:
    stmt = select(User).order_by(User.username)
    if areas is not None:
        if not areas:
            return []
        stmt = stmt.where(User.id.in_(select(UserArea.user_id).where(scope_filter(areas))))
    return list(session.scalars(stmt).all())


_KNOWN_AREAS: set[str] = set()  # codes are only ever added (import-areas upserts): safe to keep


def known_area_codes(session: Session, *, codes: Iterable[str]) -> set[str]:
    """Which of ``codes`` are Kemendagri codes in the ``areas`` table. Known codes are
    remembered in-process: a code never disappears, so the memory cannot go stale; unknown
    ones are asked again every time."""
    wanted = set(codes)
    known = wanted & _KNOWN_AREAS
    missing = sorted(wanted - known)
    if missing:
        found = set(session.scalars(select(Area.code).where(Area.code.in_(missing))))
        _KNOWN_AREAS.update(found)
        known |= found
    return known


def area_count(session: Session) -> int:
    return int(session.execute(select(func.count()).select_from(Area)).scalar_one())
