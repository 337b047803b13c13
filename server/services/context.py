"""Who is calling: the authenticated device or user, and facts about the request."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Caller:
    """Facts about one request every service needs: the time, the peer, the client version."""

    now: datetime
    ip: str | None = None
    client_version: str | None = None


@dataclass(frozen=True, slots=True)
class DeviceAuth:
    """An agent's enrolled device, from its bearer token (``jkd_…``)."""

    device_id: uuid.UUID
    agent_id: uuid.UUID
    username: str
    areas: tuple[str, ...]
    last_seen_at: datetime | None = None
    client_version: str | None = None


@dataclass(frozen=True, slots=True)
class UserAuth:
    """A supervisor or admin session (``jks_…``)."""

    session_id: uuid.UUID
    user_id: uuid.UUID
    username: str
    display_name: str
    roles: tuple[str, ...]
    areas: tuple[str, ...]

    @property
    def is_admin(self) -> bool:
        return "admin" in self.roles

    @property
    def is_supervisor(self) -> bool:
        return "supervisor" in self.roles

    @property
    def role(self) -> str:
        return "admin" if self.is_admin else "supervisor"


def in_scope(code: str | None, areas: tuple[str, ...] | list[str]) -> bool:
    """SYNC_PROTOCOL.md §2.4: ``code == s`` or ``code`` starts with ``s + "."``."""
    if not code:
        return False
    return any(code == s or code.startswith(s + ".") for s in areas)
