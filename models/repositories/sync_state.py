"""The single ``sync_state`` row: read it, create it on first use, change fields."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.sync_state import SyncState

__all__ = ["get", "get_or_create", "update"]


def get(session: Session) -> SyncState | None:
    return session.scalars(select(SyncState).where(SyncState.id == 1)).one_or_none()


def get_or_create(session: Session) -> SyncState:
    state = get(session)
    if state is None:
        state = SyncState(id=1, extra={})
        session.add(state)
        session.flush()
    return state


def update(session: Session, **fields: Any) -> SyncState:
    """Set the named columns (e.g. ``pull_cursor="1050"``); unknown names raise ``AttributeError``."""
    state = get_or_create(session)
    for name, value in fields.items():
        if name not in SyncState.__mapper__.column_attrs.keys():
            raise AttributeError(f"sync_state has no column {name!r}")
        setattr(state, name, value)
    session.flush()
    return state
