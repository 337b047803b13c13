"""Device enrollment, token rotation and revocation (SYNC_PROTOCOL.md §2.3).

An admin, or a supervisor whose scope covers the agent, issues a one-time enrollment code.
The agent enrolls online with code, username and password and gets a ``jkd_`` token; a lost
reply is safe to retry (same code + ``enrollment_request_id`` within 15 minutes returns the same
device with a fresh token). Rotation stores the new token before it is returned; the old one
keeps working until the new one is used or the grace period ends.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from server.config import ServerSettings
from server.db import Database
from server.ids import new_id
from server.models.identity import Device, EnrollmentCode, User
from server.problems import ProblemError
from server.repositories import audit as audit_repo
from server.repositories import devices as repo
from server.repositories import throttle
from server.repositories import users as users_repo
from server.repositories.audit import AuditEntry
from server.security import (
    DEVICE_PREFIX,
    digest,
    new_enrollment_code,
    new_token,
    normalise_code,
    verify_password,
)
from server.services import auth as auth_service
from server.services.context import Caller, DeviceAuth, UserAuth
from server.services.limits import check_rate
from sync import protocol


@dataclass(frozen=True, slots=True)
class IssuedCode:
    code: str
    expires_at: datetime
    agent_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class Enrolled:
    device_id: uuid.UUID
    token: str
    agent: User
    areas: list[str]
    rotate_after: datetime


def _audit(session: Session, caller: Caller, *entries: AuditEntry) -> None:
    audit_repo.append(session, list(entries), now=caller.now)


def _actor_role(by: UserAuth | None) -> str | None:
    return by.role if by else "cli"


def load_agent_in_scope(session: Session, *, agent_id: uuid.UUID, by: UserAuth | None) -> User:
    """The agent, if ``by`` may manage it (admin: all; supervisor: agent area in scope), else 404."""
    agent = users_repo.by_id(session, user_id=agent_id)
    if agent is None or "agent" not in agent.roles:
        raise ProblemError("not-found")
    if by is not None and not by.is_admin:
        if not users_repo.agent_in_scope(session, agent_id=agent_id, areas=list(by.areas)):
            raise ProblemError("not-found")
    return agent


def issue_code(
    db: Database,
    *,
    agent_id: uuid.UUID,
    by: UserAuth | None,
    caller: Caller,
    settings: ServerSettings,
) -> IssuedCode:
    if by is not None and not (by.is_admin or by.is_supervisor):
        raise ProblemError("role-not-permitted")
    code = new_enrollment_code()
    expires_at = caller.now + timedelta(hours=settings.enrollment_code_hours)
    with db.write() as session:
        load_agent_in_scope(session, agent_id=agent_id, by=by)
        code_id = new_id()
        repo.add_code(
            session,
            code_id=code_id,
            code_hash=digest(code),
            agent_id=agent_id,
            created_by=by.user_id if by else None,
            now=caller.now,
            expires_at=expires_at,
        )
        _audit(
            session,
            caller,
            AuditEntry(
                "enrollment-code.issue",
                "ok",
                by.user_id if by else None,
                _actor_role(by),
                None,
                "user",
                str(agent_id),
                None,
                caller.ip,
                {"code_id": str(code_id)},
            ),
        )
    return IssuedCode(code, expires_at, agent_id)


def register_device(
    session: Session,
    *,
    agent_id: uuid.UUID,
    name: str,
    now: datetime,
    code_id: uuid.UUID | None = None,
    request_id: uuid.UUID | None = None,
) -> tuple[uuid.UUID, str]:
    """A new device with its first token; returns ``(device_id, token)``. The caller commits."""
    device_id = new_id()
    token = new_token(DEVICE_PREFIX)
    repo.add_device(
        session,
        device_id=device_id,
        agent_id=agent_id,
        name=name,
        now=now,
        enrollment_code_id=code_id,
        enrollment_request_id=request_id,
    )
    repo.add_token(session, token_hash=digest(token), device_id=device_id, now=now)
    return device_id, token


def _code_usable(code: EnrollmentCode, user: User, now: datetime, settings: ServerSettings) -> bool:
    return (
        code.agent_id == user.id
        and code.failed_attempts < settings.enrollment_code_max_failures
        and now < code.expires_at
    )


def enroll(
    db: Database, *, request: protocol.EnrollRequest, caller: Caller, settings: ServerSettings
) -> Enrolled:
    now = caller.now
    check_rate(
        db, bucket=f"enroll-ip:{caller.ip}", limit=settings.rate_login_per_ip_per_min, now=now
    )
    name = auth_service.username_key(request.username)
    code = normalise_code(request.enrollment_code)
    with db.read() as session:
        state = throttle.throttle_state(session, username=name)
        user = users_repo.by_username(session, username=name)
        areas = users_repo.areas_of(session, user_id=user.id) if user else []
        code_row = repo.code_by_hash(session, code_hash=digest(code)) if code else None
    wait = auth_service.locked_for(state, now)
    if wait is not None:
        with db.write() as session:
            _audit(session, caller, _enroll_entry(user, code_row, "login-throttled", caller))
        raise auth_service.throttled(wait)
    password_ok = verify_password(user.password_hash if user else None, request.password)
    valid = (
        password_ok
        and user is not None
        and user.active
        and "agent" in user.roles
        and code_row is not None
        and _code_usable(code_row, user, now, settings)
    )
    token = new_token(DEVICE_PREFIX)
    with db.write() as session:
        device_id = None
        if valid:
            assert code_row is not None and user is not None
            device_id = _claim(session, code_row, request, token, now, settings)
        if device_id is None:
            if not password_ok:
                auth_service.count_failure(
                    session, username=name, state=state, now=now, settings=settings
                )
            if code_row is not None and code_row.used_at is None:
                repo.count_code_failure(session, code_id=code_row.id)
            _audit(session, caller, _enroll_entry(user, code_row, "invalid-credentials", caller))
        else:
            throttle.reset(session, username=name)
            _audit(
                session,
                caller,
                AuditEntry(
                    "device.enroll",
                    "ok",
                    user.id if user else None,
                    "agent",
                    device_id,
                    "device",
                    str(device_id),
                    None,
                    caller.ip,
                    {"code_id": str(code_row.id) if code_row else None},
                ),
            )
    if device_id is None or user is None:
        raise ProblemError("invalid-credentials", audit=False)
    rotate_after = now + timedelta(days=settings.token_rotate_days)
    return Enrolled(device_id, token, user, areas, rotate_after)


def _claim(
    session: Session,
    code_row: EnrollmentCode,
    request: protocol.EnrollRequest,
    token: str,
    now: datetime,
    settings: ServerSettings,
) -> uuid.UUID | None:
    """Use the code (fresh) or recognise a retry of the same request; ``None`` if neither."""
    device_id = new_id()
    if repo.claim_code(
        session,
        code_id=code_row.id,
        device_id=device_id,
        enrollment_request_id=request.enrollment_request_id,
        now=now,
    ):
        repo.add_device(
            session,
            device_id=device_id,
            agent_id=code_row.agent_id,
            name=request.device_name,
            now=now,
            enrollment_code_id=code_row.id,
            enrollment_request_id=request.enrollment_request_id,
        )
        repo.add_token(session, token_hash=digest(token), device_id=device_id, now=now)
        return device_id
    # Already used: maybe by an earlier try of this very request whose reply was lost.
    current = repo.code_by_hash(session, code_hash=code_row.code_hash)
    window = timedelta(minutes=settings.enrollment_retry_minutes)
    if (
        current is not None
        and current.used_at is not None
        and current.device_id is not None
        and current.enrollment_request_id == request.enrollment_request_id
        and now - current.used_at <= window
    ):
        device = repo.get(session, device_id=current.device_id)
        if device is None or device.revoked_at is not None:
            return None
        repo.drop_tokens(session, device_id=device.id)  # the lost reply's token never arrived
        repo.add_token(session, token_hash=digest(token), device_id=device.id, now=now)
        return device.id
    return None


def _enroll_entry(
    user: User | None, code_row: EnrollmentCode | None, result: str, caller: Caller
) -> AuditEntry:
    return AuditEntry(
        "device.enroll",
        result,
        user.id if user else None,
        "agent" if user else None,
        None,
        "enrollment-code" if code_row else None,
        str(code_row.id) if code_row else None,
        None,
        caller.ip,
    )


def rotate(
    db: Database,
    *,
    auth: DeviceAuth,
    rotation_id: uuid.UUID,
    caller: Caller,
    settings: ServerSettings,
) -> tuple[str, datetime]:
    """A new token, stored before it is returned; every other token lives ≤ the grace period."""
    now = caller.now
    token = new_token(DEVICE_PREFIX)
    token_hash = digest(token)
    with db.write() as session:
        repo.drop_tokens(session, device_id=auth.device_id, unused_only=True)
        repo.add_token(
            session,
            token_hash=token_hash,
            device_id=auth.device_id,
            now=now,
            rotation_id=rotation_id,
        )
        repo.expire_tokens(
            session,
            device_id=auth.device_id,
            keep=token_hash,
            until=now + timedelta(days=settings.token_grace_days),
        )
        _audit(
            session,
            caller,
            AuditEntry(
                "device.rotate-token",
                "ok",
                auth.agent_id,
                "agent",
                auth.device_id,
                "device",
                str(auth.device_id),
                None,
                caller.ip,
                {"rotation_id": str(rotation_id)},
            ),
        )
    return token, now + timedelta(days=settings.token_rotate_days)


def revoke(
    db: Database,
    *,
    device_id: uuid.UUID,
    wipe: bool,
    reason: str | None,
    by: UserAuth | None,
    caller: Caller,
) -> None:
    with db.write() as session:
        device = repo.get(session, device_id=device_id)
        if device is None:
            raise ProblemError("not-found")
        load_agent_in_scope(session, agent_id=device.agent_id, by=by)
        repo.revoke(
            session,
            device_id=device_id,
            wipe=wipe,
            reason=reason,
            by=by.user_id if by else None,
            now=caller.now,
        )
        _audit(
            session,
            caller,
            AuditEntry(
                "device.revoke",
                "wipe" if wipe else "revoked",
                by.user_id if by else None,
                _actor_role(by),
                device_id,
                "device",
                str(device_id),
                None,
                caller.ip,
            ),
        )


def list_devices(db: Database, *, agent_id: uuid.UUID | None, by: UserAuth) -> list[Device]:
    with db.read() as session:
        if agent_id is not None:
            load_agent_in_scope(session, agent_id=agent_id, by=by)
            return repo.list_for(session, agent_ids=[agent_id])
        if by.is_admin:
            return repo.list_for(session, agent_ids=None)
        agents = users_repo.list_users(session, areas=list(by.areas))
        return repo.list_for(session, agent_ids=[u.id for u in agents if "agent" in u.roles])
