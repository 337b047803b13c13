"""The agent profile row of this store (``models/agent_profile.py``)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import NotFoundError
from models.agent_profile import AgentProfile
from models.base import utcnow

__all__ = ["create", "get", "update"]


def create(session: Session, *, store_id: uuid.UUID, display_name: str) -> AgentProfile:
    profile = AgentProfile(id=1, store_id=store_id, display_name=display_name, area_codes=[])
    session.add(profile)
    session.flush()
    return profile


def get(session: Session) -> AgentProfile:
    profile = session.scalars(select(AgentProfile).where(AgentProfile.id == 1)).one_or_none()
    if profile is None:
        raise NotFoundError("profile-missing")
    return profile


def update(
    session: Session,
    *,
    display_name: str | None = None,
    username: str | None = None,
    agent_kind: str | None = None,
    role: str | None = None,
    branch_code: str | None = None,
    area_codes: Sequence[str] | None = None,
    umbrella_body: str | None = None,
) -> AgentProfile:
    """Change the given fields (``None`` leaves a field as it is)."""
    profile = get(session)
    changes = {
        "display_name": display_name,
        "username": username,
        "agent_kind": agent_kind,
        "role": role,
        "branch_code": branch_code,
        "area_codes": list(area_codes) if area_codes is not None else None,
        "umbrella_body": umbrella_body,
    }
    for name, value in changes.items():
        if value is not None:
            setattr(profile, name, value)
    profile.updated_at = utcnow()
    session.flush()
    return profile
