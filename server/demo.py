"""Demo accounts for ``make run`` (``main.py --demo``): an admin, a supervisor of 33.75 and 33.26,
and two agents with known passwords and a fresh enrollment code each.

``seed_demo`` is idempotent: existing accounts are kept (their passwords were set here), and every
call issues new enrollment codes, so the printed codes always work.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from server.clock import utc_now
from server.ids import new_id
from server.repositories import audit as audit_repo
from server.repositories import devices as devices_repo
from server.repositories import users as users_repo
from server.repositories.audit import AuditEntry
from server.security import digest, hash_password, new_enrollment_code

CODE_HOURS = 72


@dataclass(frozen=True, slots=True)
class DemoAccount:
    username: str
    password: str
    display_name: str
    roles: tuple[str, ...]
    areas: tuple[str, ...]
    user_id: uuid.UUID
    enrollment_code: str | None = None
    code_expires_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class DemoAccounts:
    admin: DemoAccount
    supervisor: DemoAccount
    agents: tuple[DemoAccount, ...]

    def lines(self) -> list[str]:
        """What ``make run`` prints: every login, and the agents' enrollment codes."""
        out = []
        for account in (self.admin, self.supervisor, *self.agents):
            line = (
                f"{'/'.join(account.roles):<10} {account.username:<8} "
                f"password {account.password:<16} areas {','.join(account.areas) or '-'}"
            )
            if account.enrollment_code:
                line += f"  enrollment code {account.enrollment_code}"
            out.append(line)
        return out


_SPECS = (
    ("admin", "demo-admin-2026", "Admin Demo", ("admin",), ()),
    ("spv01", "demo-spv01-2026", "Pengawas 33.75/33.26", ("supervisor",), ("33.75", "33.26")),
    ("agen01", "demo-agen01-2026", "Agen Demo 01", ("agent",), ("33.75.01",)),
    ("agen02", "demo-agen02-2026", "Agen Demo 02", ("agent",), ("33.26.05",)),
)


def _ensure(
    session: Session, spec: tuple[str, str, str, tuple[str, ...], tuple[str, ...]], now: datetime
) -> DemoAccount:
    username, password, name, roles, areas = spec
    user = users_repo.by_username(session, username=username)
    if user is None:
        user = users_repo.add(
            session,
            user_id=new_id(),
            username=username,
            display_name=name,
            password_hash=hash_password(password),
            roles=roles,
            now=now,
        )
        users_repo.set_areas(session, user_id=user.id, areas=areas)
        audit_repo.append(
            session,
            [AuditEntry("user.create", "ok", None, "demo", None, "user", str(user.id))],
            now=now,
        )
    code = expires = None
    if "agent" in roles:
        code = new_enrollment_code()
        expires = now + timedelta(hours=CODE_HOURS)
        devices_repo.add_code(
            session,
            code_id=new_id(),
            code_hash=digest(code),
            agent_id=user.id,
            created_by=None,
            now=now,
            expires_at=expires,
        )
    return DemoAccount(username, password, name, roles, areas, user.id, code, expires)


def seed_demo(
    session_factory: Callable[[], Session], *, now: datetime | None = None
) -> DemoAccounts:
    """Create (or keep) the demo accounts and issue fresh codes; one transaction."""
    moment = now or utc_now()
    with session_factory() as session:
        with session.begin():
            accounts = [_ensure(session, spec, moment) for spec in _SPECS]
    return DemoAccounts(admin=accounts[0], supervisor=accounts[1], agents=tuple(accounts[2:]))
