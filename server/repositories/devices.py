"""Devices, device tokens, enrollment codes and supervisor/admin sessions."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from server.models.identity import Device, DeviceToken, EnrollmentCode, User, UserArea
from server.models.identity import Session as LoginSession
from server.repositories.dialect import is_postgres, pg_execute, rowcount


@dataclass(frozen=True, slots=True)
class TokenRow:
    token_hash: str
    device_id: uuid.UUID
    agent_id: uuid.UUID
    created_at: datetime
    first_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None
    wipe: bool
    agent_active: bool
    username: str
    last_seen_at: datetime | None = None
    client_version: str | None = None
    areas: tuple[str, ...] = ()


_TOKEN = (
    select(
        DeviceToken.token_hash,
        DeviceToken.device_id,
        Device.agent_id,
        DeviceToken.created_at,
        DeviceToken.first_used_at,
        DeviceToken.expires_at,
        Device.revoked_at,
        Device.wipe,
        User.active,
        User.username,
        Device.last_seen_at,
        Device.client_version,
        UserArea.area_code,
    )
    .join(Device, Device.id == DeviceToken.device_id)
    .join(User, User.id == Device.agent_id)
    .outerjoin(UserArea, UserArea.user_id == User.id)
    .where(DeviceToken.token_hash == bindparam("token_hash"))
)  # built once: every device request runs it


_PG_TOKEN = """
    SELECT t.token_hash, t.device_id, d.agent_id, t.created_at, t.first_used_at, t.expires_at,
           d.revoked_at, d.wipe, u.active, u.username, d.last_seen_at, d.client_version,
           a.area_code
    FROM device_tokens t
    JOIN devices d ON d.id = t.device_id
    JOIN users u ON u.id = d.agent_id
    LEFT JOIN user_areas a ON a.user_id = u.id
    WHERE t.token_hash = :token_hash
"""  # the same query as _TOKEN, for the driver


class _Row(NamedTuple):
    token_hash: str
    device_id: uuid.UUID
    agent_id: uuid.UUID
    created_at: datetime
    first_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None
    wipe: bool
    active: bool
    username: str
    last_seen_at: datetime | None
    client_version: str | None
    area_code: str | None


def token(session: Session | Connection, *, token_hash: str) -> TokenRow | None:
    """The token, its device and agent, and the agent's areas, in one query."""
    rows: list[Any]
    if is_postgres(session):
        rows = [_Row(*r) for r in pg_execute(session, _PG_TOKEN, {"token_hash": token_hash})]
    else:
        rows = list(session.execute(_TOKEN, {"token_hash": token_hash}).all())
    if not rows:
        return None
    areas = tuple(sorted({row.area_code for row in rows if row.area_code}))
    first = rows[0]
    return TokenRow(
        token_hash=first.token_hash,
        device_id=first.device_id,
        agent_id=first.agent_id,
        created_at=first.created_at,
        first_used_at=first.first_used_at,
        expires_at=first.expires_at,
        revoked_at=first.revoked_at,
        wipe=first.wipe,
        agent_active=first.active,
        username=first.username,
        last_seen_at=first.last_seen_at,
        client_version=first.client_version,
        areas=areas,
    )


def mark_first_use(
    session: Session, *, token_hash: str, device_id: uuid.UUID, now: datetime
) -> None:
    """The first use of a rotated token retires every older token of the device (§2.3.4)."""
    claimed = rowcount(
        session,
        update(DeviceToken)
        .where(DeviceToken.token_hash == token_hash, DeviceToken.first_used_at.is_(None))
        .values(first_used_at=now),
    )
    if claimed:
        session.execute(
            update(DeviceToken)
            .where(
                DeviceToken.device_id == device_id,
                DeviceToken.token_hash != token_hash,
            )
            .values(expires_at=now)
        )


def add_device(
    session: Session,
    *,
    device_id: uuid.UUID,
    agent_id: uuid.UUID,
    name: str,
    now: datetime,
    enrollment_code_id: uuid.UUID | None,
    enrollment_request_id: uuid.UUID | None,
) -> None:
    session.execute(
        insert(Device).values(
            id=device_id,
            agent_id=agent_id,
            name=name,
            created_at=now,
            enrollment_code_id=enrollment_code_id,
            enrollment_request_id=enrollment_request_id,
            wipe=False,
            last_pulled_seq=0,
        )
    )


def add_token(
    session: Session,
    *,
    token_hash: str,
    device_id: uuid.UUID,
    now: datetime,
    rotation_id: uuid.UUID | None = None,
    first_used: bool = False,
) -> None:
    session.execute(
        insert(DeviceToken).values(
            token_hash=token_hash,
            device_id=device_id,
            created_at=now,
            rotation_id=rotation_id,
            first_used_at=now if first_used else None,
        )
    )


def drop_tokens(session: Session, *, device_id: uuid.UUID, unused_only: bool = False) -> None:
    stmt = delete(DeviceToken).where(DeviceToken.device_id == device_id)
    if unused_only:
        stmt = stmt.where(DeviceToken.first_used_at.is_(None))
    session.execute(stmt)


def expire_tokens(session: Session, *, device_id: uuid.UUID, keep: str, until: datetime) -> None:
    """Let every token but ``keep`` live at most until ``until`` (rotation grace)."""
    session.execute(
        update(DeviceToken)
        .where(
            DeviceToken.device_id == device_id,
            DeviceToken.token_hash != keep,
            (DeviceToken.expires_at.is_(None)) | (DeviceToken.expires_at > until),
        )
        .values(expires_at=until)
    )


def get(session: Session, *, device_id: uuid.UUID) -> Device | None:
    return session.get(Device, device_id)


def list_for(session: Session, *, agent_ids: list[uuid.UUID] | None) -> list[Device]:
    stmt = select(Device).order_by(Device.created_at)
    if agent_ids is not None:
        stmt = stmt.where(Device.agent_id.in_(agent_ids))
    return list(session.scalars(stmt).all())


def revoke(
    session: Session,
    *,
    device_id: uuid.UUID,
    wipe: bool,
    reason: str | None,
    by: uuid.UUID | None,
    now: datetime,
) -> None:
    session.execute(
        update(Device)
        .where(Device.id == device_id)
        .values(revoked_at=now, wipe=wipe, revoke_reason=reason, revoked_by=by)
    )


def note_pull(session: Session, *, device_id: uuid.UUID, cursor: int, now: datetime) -> None:
    """Keep the highest cursor the device has confirmed (decisions at or below it arrived)."""
    session.execute(
        update(Device)
        .where(Device.id == device_id, Device.last_pulled_seq < cursor)
        .values(last_pulled_seq=cursor, last_seen_at=now)
    )


def note_seen(
    session: Session, *, device_id: uuid.UUID, now: datetime, client_version: str | None
) -> None:
    session.execute(
        update(Device)
        .where(Device.id == device_id)
        .values(last_seen_at=now, client_version=client_version)
    )


# -- enrollment codes ------------------------------------------------------------------------


def add_code(
    session: Session,
    *,
    code_id: uuid.UUID,
    code_hash: str,
    agent_id: uuid.UUID,
    created_by: uuid.UUID | None,
    now: datetime,
    expires_at: datetime,
) -> None:
    session.execute(
        insert(EnrollmentCode).values(
            id=code_id,
            code_hash=code_hash,
            agent_id=agent_id,
            created_by=created_by,
            created_at=now,
            expires_at=expires_at,
            failed_attempts=0,
        )
    )


def code_by_hash(session: Session, *, code_hash: str) -> EnrollmentCode | None:
    return session.scalars(
        select(EnrollmentCode).where(EnrollmentCode.code_hash == code_hash)
    ).first()


def count_code_failure(session: Session, *, code_id: uuid.UUID) -> None:
    session.execute(
        update(EnrollmentCode)
        .where(EnrollmentCode.id == code_id)
        .values(failed_attempts=EnrollmentCode.failed_attempts + 1)
    )


def claim_code(
    session: Session,
    *,
    code_id: uuid.UUID,
    device_id: uuid.UUID,
    enrollment_request_id: uuid.UUID,
    now: datetime,
) -> bool:
    """Mark a code used; false if another request used it first (single use under races)."""
    claimed = rowcount(
        session,
        update(EnrollmentCode)
        .where(EnrollmentCode.id == code_id, EnrollmentCode.used_at.is_(None))
        .values(used_at=now, device_id=device_id, enrollment_request_id=enrollment_request_id),
    )
    return bool(claimed)


# -- sessions --------------------------------------------------------------------------------


def add_session(
    session: Session,
    *,
    session_id: uuid.UUID,
    token_hash: str,
    user_id: uuid.UUID,
    now: datetime,
    expires_at: datetime,
    ip: str | None,
) -> None:
    session.execute(
        insert(LoginSession).values(
            id=session_id,
            token_hash=token_hash,
            user_id=user_id,
            created_at=now,
            last_seen_at=now,
            expires_at=expires_at,
            ip=ip,
        )
    )


def session_by_hash(session: Session, *, token_hash: str) -> LoginSession | None:
    return session.scalars(
        select(LoginSession).where(LoginSession.token_hash == token_hash)
    ).first()


def touch_session(session: Session, *, session_id: uuid.UUID, now: datetime) -> None:
    session.execute(
        update(LoginSession).where(LoginSession.id == session_id).values(last_seen_at=now)
    )


def end_session(session: Session, *, session_id: uuid.UUID, now: datetime) -> None:
    session.execute(
        update(LoginSession)
        .where(LoginSession.id == session_id, LoginSession.revoked_at.is_(None))
        .values(revoked_at=now)
    )
