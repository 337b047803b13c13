"""Logins, sessions and bearer-token authentication (SYNC_PROTOCOL.md §2.1, §2.2, §2.3.5).

Passwords are checked outside any transaction (Argon2id costs ~0.2 s); throttling is per
username string, known or not, with a dummy hash for unknown names so timing reveals nothing.
Every login, success or failure, is audited in the transaction that updates the throttle.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from server.clock import epoch_minute
from server.config import ServerSettings
from server.db import Database
from server.ids import new_id
from server.models.identity import LoginThrottle, User
from server.problems import ProblemError
from server.repositories import audit as audit_repo
from server.repositories import devices as devices_repo
from server.repositories import throttle
from server.repositories import users as users_repo
from server.repositories.audit import AuditEntry
from server.security import (
    DEVICE_PREFIX,
    SESSION_PREFIX,
    digest,
    hash_password,
    needs_rehash,
    new_token,
    verify_password,
)
from server.services.context import Caller, DeviceAuth, UserAuth
from server.services.limits import check_rate, retry_after

FAILURE_MEMORY = timedelta(hours=24)
TOUCH_EVERY = timedelta(seconds=60)


@dataclass(frozen=True, slots=True)
class LoginResult:
    token: str
    expires_at: datetime
    user: User
    areas: list[str]


def username_key(username: str) -> str:
    return username.strip().lower()[:64]


def anonymous_id(username: str) -> str:
    """How an unknown username appears in the audit log: a digest, never the typed text."""
    return "u:" + digest(username_key(username))[:32]


def locked_for(state: LoginThrottle | None, now: datetime) -> int | None:
    """Seconds the username stays locked, or ``None``."""
    if state is None or state.locked_until is None or state.locked_until <= now:
        return None
    return max(1, int((state.locked_until - now).total_seconds()) + 1)


def count_failure(
    session: Session,
    *,
    username: str,
    state: LoginThrottle | None,
    now: datetime,
    settings: ServerSettings,
) -> None:
    """One more consecutive failure; from the N-th on, lock 1 min, doubling to the cap."""
    if state is not None and state.last_failure_at and now - state.last_failure_at > FAILURE_MEMORY:
        throttle.reset(session, username=username)
    failures = throttle.record_failure(session, username=username, now=now)
    threshold = settings.login_failures_before_lock
    if failures >= threshold:
        minutes = min(
            settings.login_lock_max_minutes,
            settings.login_lock_minutes * 2 ** (failures - threshold),
        )
        throttle.lock(session, username=username, until=now + timedelta(minutes=minutes))


def throttled(seconds: int) -> ProblemError:
    return ProblemError(
        "login-throttled", headers={"Retry-After": str(seconds)}, retry_after=seconds
    )


def login(
    db: Database, *, username: str, password: str, caller: Caller, settings: ServerSettings
) -> LoginResult:
    now = caller.now
    name = username_key(username)
    check_rate(
        db, bucket=f"login-ip:{caller.ip}", limit=settings.rate_login_per_ip_per_min, now=now
    )
    with db.read() as session:
        state = throttle.throttle_state(session, username=name)
        user = users_repo.by_username(session, username=name)
        areas = users_repo.areas_of(session, user_id=user.id) if user else []
    actor = user.id if user else None
    entity = None if user else anonymous_id(name)
    wait = locked_for(state, now)
    if wait is not None:
        _audit(db, now, "login", "login-throttled", actor, entity, caller)
        raise throttled(wait)
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.active:
        with db.write() as session:
            count_failure(session, username=name, state=state, now=now, settings=settings)
            audit_repo.append(
                session,
                [
                    AuditEntry(
                        "login",
                        "invalid-credentials",
                        actor,
                        None,
                        None,
                        "user",
                        entity,
                        None,
                        caller.ip,
                    )
                ],
                now=now,
            )
        raise ProblemError("invalid-credentials", audit=False)
    role = (
        "admin" if "admin" in user.roles else "supervisor" if "supervisor" in user.roles else None
    )
    if role is None:
        with db.write() as session:
            throttle.reset(session, username=name)
            audit_repo.append(
                session,
                [
                    AuditEntry(
                        "login",
                        "role-not-permitted",
                        user.id,
                        "agent",
                        None,
                        "user",
                        str(user.id),
                        None,
                        caller.ip,
                    )
                ],
                now=now,
            )
        raise ProblemError("role-not-permitted", audit=False)
    new_hash = hash_password(password) if needs_rehash(user.password_hash) else None
    token = new_token(SESSION_PREFIX)
    expires_at = now + timedelta(hours=settings.session_absolute_hours)
    with db.write() as session:
        throttle.reset(session, username=name)
        if new_hash:
            session.execute(update(User).where(User.id == user.id).values(password_hash=new_hash))
        session_id = new_id()
        devices_repo.add_session(
            session,
            session_id=session_id,
            token_hash=digest(token),
            user_id=user.id,
            now=now,
            expires_at=expires_at,
            ip=caller.ip,
        )
        audit_repo.append(
            session,
            [
                AuditEntry(
                    "login", "ok", user.id, role, None, "session", str(session_id), None, caller.ip
                )
            ],
            now=now,
        )
    return LoginResult(token, expires_at, user, areas)


def logout(db: Database, *, auth: UserAuth, caller: Caller) -> None:
    with db.write() as session:
        devices_repo.end_session(session, session_id=auth.session_id, now=caller.now)
        audit_repo.append(
            session,
            [
                AuditEntry(
                    "logout",
                    "ok",
                    auth.user_id,
                    auth.role,
                    None,
                    "session",
                    str(auth.session_id),
                    None,
                    caller.ip,
                )
            ],
            now=caller.now,
        )


def _audit(
    db: Database,
    now: datetime,
    action: str,
    result: str,
    actor: uuid.UUID | None,
    entity: str | None,
    caller: Caller,
) -> None:
    with db.write() as session:
        audit_repo.append(
            session,
            [AuditEntry(action, result, actor, None, None, "user", entity, None, caller.ip)],
            now=now,
        )


# ---------------------------------------------------------------------------------------------
# Bearer tokens
# ---------------------------------------------------------------------------------------------


def authenticate_session(
    db: Database, *, token: str, caller: Caller, settings: ServerSettings
) -> UserAuth:
    """A ``jks_`` session: idle 30 min, absolute 12 h; rate-limited per session."""
    now = caller.now
    if not token.startswith(SESSION_PREFIX):
        raise ProblemError("unauthenticated")
    with db.read() as session:
        row = devices_repo.session_by_hash(session, token_hash=digest(token))
        user = users_repo.by_id(session, user_id=row.user_id) if row else None
        areas = users_repo.areas_of(session, user_id=row.user_id) if row else []
    if row is None or user is None or row.revoked_at is not None or not user.active:
        raise ProblemError("unauthenticated")
    idle = timedelta(minutes=settings.session_idle_minutes)
    if now >= row.expires_at or now - row.last_seen_at > idle:
        raise ProblemError("session-expired")
    with db.write() as session:  # one write: the rate count, and the idle clock now and then
        count = throttle.hit(session, bucket=f"session:{row.id}", window_start=epoch_minute(now))
        if count <= settings.rate_session_per_min and now - row.last_seen_at > TOUCH_EVERY:
            devices_repo.touch_session(session, session_id=row.id, now=now)
    if count > settings.rate_session_per_min:
        raise ProblemError("rate-limited", headers={"Retry-After": retry_after(now)})
    return UserAuth(
        session_id=row.id,
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        roles=tuple(user.roles),
        areas=tuple(areas),
    )


def authenticate_device(db: Database, *, token: str, caller: Caller) -> DeviceAuth:
    """A ``jkd_`` device token; a revoked device answers ``device-revoked``/``device-wipe``."""
    now = caller.now
    if not token.startswith(DEVICE_PREFIX):
        raise ProblemError("unauthenticated")
    token_hash = digest(token)
    with db.lookup() as session:
        row = devices_repo.token(session, token_hash=token_hash)
    if row is None:
        raise ProblemError("unauthenticated")
    if row.revoked_at is not None or not row.agent_active:
        raise ProblemError("device-wipe" if row.wipe else "device-revoked")
    if row.expires_at is not None and now >= row.expires_at:
        raise ProblemError("unauthenticated")
    if row.first_used_at is None:
        with db.write() as session:
            devices_repo.mark_first_use(
                session, token_hash=token_hash, device_id=row.device_id, now=now
            )
    return DeviceAuth(
        device_id=row.device_id,
        agent_id=row.agent_id,
        username=row.username,
        areas=row.areas,
        last_seen_at=row.last_seen_at,
        client_version=row.client_version,
    )


def identify(db: Database, *, token: str) -> DeviceAuth | UserAuth | None:
    """Who a bearer token belongs to, without checks or side effects: for attributing a
    refusal that happened before authentication (an oversized body, say) in the audit log."""
    token_hash = digest(token)
    with db.read() as session:
        if token.startswith(DEVICE_PREFIX):
            row = devices_repo.token(session, token_hash=token_hash)
            if row is not None:
                return DeviceAuth(row.device_id, row.agent_id, row.username, ())
        elif token.startswith(SESSION_PREFIX):
            login = devices_repo.session_by_hash(session, token_hash=token_hash)
            user = users_repo.by_id(session, user_id=login.user_id) if login else None
            if login is not None and user is not None:
                return UserAuth(
                    login.id, user.id, user.username, user.display_name, tuple(user.roles), ()
                )
    return None
