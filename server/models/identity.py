"""Who may do what: users and their areas, sessions, devices and their tokens, enrollment codes.

Secrets are never stored: session tokens, device tokens and enrollment codes are kept as
SHA-256 hex digests, passwords as Argon2id hashes (SYNC_PROTOCOL.md §2).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base, BigInt, UtcDateTime


class User(Base):
    __tablename__ = "users"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)  # stored lower-case
    display_name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(200))
    roles: Mapped[list[str]] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    password_changed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class UserArea(Base):
    """A region code a user works in (agent) or supervises (supervisor): ``33.75``, ``33.75.01``."""

    __tablename__ = "user_areas"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    area_code: Mapped[str] = mapped_column(String(16), primary_key=True, index=True)


class Area(Base):
    """Kemendagri region codes (province → regency → district → village), as dotted strings."""

    __tablename__ = "areas"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    parent_code: Mapped[str | None] = mapped_column(String(16), index=True)
    level: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str | None] = mapped_column(String(16))


class Session(Base):
    """A supervisor or admin login (``jks_…``): idle and absolute expiry."""

    __tablename__ = "sessions"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ip: Mapped[str | None] = mapped_column(String(64))


class Device(Base):
    """One enrolled laptop of one agent."""

    __tablename__ = "devices"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    agent_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    enrollment_code_id: Mapped[uuid.UUID | None] = mapped_column()
    enrollment_request_id: Mapped[uuid.UUID | None] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    wipe: Mapped[bool] = mapped_column(Boolean, default=False)
    revoke_reason: Mapped[str | None] = mapped_column(String(200))
    revoked_by: Mapped[uuid.UUID | None] = mapped_column()
    last_seen_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_pulled_seq: Mapped[int] = mapped_column(BigInt, default=0)
    client_version: Mapped[str | None] = mapped_column(String(32))


class DeviceToken(Base):
    """A device bearer token (``jkd_…``). During a rotation two rows are live (§2.3.4)."""

    __tablename__ = "device_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    device_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("devices.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    rotation_id: Mapped[uuid.UUID | None] = mapped_column()
    first_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class EnrollmentCode(Base):
    """A one-agent, single-use, 72-hour code of 8 Crockford base32 characters."""

    __tablename__ = "enrollment_codes"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    agent_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    created_by: Mapped[uuid.UUID | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    device_id: Mapped[uuid.UUID | None] = mapped_column()
    enrollment_request_id: Mapped[uuid.UUID | None] = mapped_column()


class LoginThrottle(Base):
    """Consecutive failures per username string, known or not (§2.1)."""

    __tablename__ = "login_throttle"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_failure_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class RateCounter(Base):
    """Requests per key (``push:<device>``, ``login-ip:<ip>``…) per one-minute window."""

    __tablename__ = "rate_counters"

    bucket: Mapped[str] = mapped_column(String(120), primary_key=True)
    window_start: Mapped[int] = mapped_column(BigInt, primary_key=True)  # epoch minute
    count: Mapped[int] = mapped_column(Integer, default=0)


def user_json(user: User, areas: list[str]) -> dict[str, Any]:
    return {
        "id": user.id,
        "username": user.username,
        "display_name": user.display_name,
        "roles": list(user.roles),
        "areas": sorted(areas),
    }
