"""User accounts: creation, password changes, listing (admins; supervisors read agents in scope)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import update

from server.db import Database
from server.ids import new_id
from server.models.identity import User
from server.problems import ProblemError
from server.repositories import audit as audit_repo
from server.repositories import users as repo
from server.repositories.audit import AuditEntry
from server.repositories.dialect import rowcount
from server.security import hash_password
from server.services.context import UserAuth

ROLES = ("agent", "supervisor", "admin")


class UserInputError(ValueError):
    """A user definition breaks a rule; ``code`` names it (``password-too-short``…)."""

    def __init__(self, code: str, field: str) -> None:
        super().__init__(code)
        self.code = code
        self.field = field


def check_definition(
    *,
    username: str,
    roles: Sequence[str],
    areas: Sequence[str],
    password: str | None,
    min_length: int,
) -> None:
    if (
        not username
        or len(username) > 64
        or not username.replace("_", "").replace(".", "").isalnum()
    ):
        raise UserInputError("username-invalid", "username")
    if not roles or any(role not in ROLES for role in roles):
        raise UserInputError("roles-invalid", "roles")
    if "agent" in roles and len(set(roles)) > 1:
        raise UserInputError("agent-role-exclusive", "roles")  # §2.1: agent never combined
    if "supervisor" in roles and not areas:
        raise UserInputError("areas-required", "areas")
    if password is not None and len(password) < min_length:
        raise UserInputError("password-too-short", "password")


def create_user(
    db: Database,
    *,
    username: str,
    password: str,
    roles: Sequence[str],
    areas: Sequence[str],
    display_name: str | None,
    now: datetime,
    min_length: int,
    by: UserAuth | None = None,
    password_hash: str | None = None,
) -> User:
    """Create a user; ``password_hash`` (precomputed) skips hashing, for bulk fixtures."""
    username = username.strip().lower()
    check_definition(
        username=username, roles=roles, areas=areas, password=password, min_length=min_length
    )
    hashed = password_hash or hash_password(password)
    with db.write() as session:
        if repo.by_username(session, username=username) is not None:
            raise UserInputError("username-taken", "username")
        unknown = set(areas) - repo.known_area_codes(session, codes=areas)
        if unknown:
            raise UserInputError("area-unknown", "areas")
        user = repo.add(
            session,
            user_id=new_id(),
            username=username,
            display_name=display_name or username,
            password_hash=hashed,
            roles=list(roles),
            now=now,
        )
        repo.set_areas(session, user_id=user.id, areas=areas)
        audit_repo.append(
            session,
            [
                AuditEntry(
                    "user.create",
                    "ok",
                    by.user_id if by else None,
                    by.role if by else "cli",
                    None,
                    "user",
                    str(user.id),
                    None,
                    None,
                    {"roles": sorted(roles), "areas": sorted(areas)},
                )
            ],
            now=now,
        )
    return user


def set_password(
    db: Database,
    *,
    user_id: uuid.UUID,
    password: str,
    now: datetime,
    min_length: int,
    by: UserAuth | None = None,
) -> None:
    if len(password) < min_length:
        raise UserInputError("password-too-short", "password")
    hashed = hash_password(password)
    with db.write() as session:
        changed = rowcount(
            session,
            update(User)
            .where(User.id == user_id)
            .values(password_hash=hashed, password_changed_at=now, updated_at=now),
        )
        if not changed:
            raise ProblemError("not-found")
        audit_repo.append(
            session,
            [
                AuditEntry(
                    "user.password",
                    "ok",
                    by.user_id if by else None,
                    by.role if by else "cli",
                    None,
                    "user",
                    str(user_id),
                )
            ],
            now=now,
        )


def find(db: Database, *, username: str) -> tuple[User, list[str]] | None:
    with db.read() as session:
        user = repo.by_username(session, username=username.strip().lower())
        if user is None:
            return None
        return user, repo.areas_of(session, user_id=user.id)


def patch_user(
    db: Database,
    *,
    user_id: uuid.UUID,
    changes: dict[str, object],
    now: datetime,
    min_length: int,
    by: UserAuth | None,
) -> tuple[User, list[str]]:
    """Change roles, areas, display name, active flag or password (admin)."""
    password = changes.get("password")
    hashed = hash_password(str(password)) if password is not None else None
    with db.write() as session:
        user = repo.by_id(session, user_id=user_id)
        if user is None:
            raise ProblemError("not-found")
        areas = repo.areas_of(session, user_id=user_id)
        roles = list(changes.get("roles") or user.roles)  # type: ignore[call-overload]
        new_areas = list(changes["areas"]) if changes.get("areas") is not None else areas  # type: ignore[call-overload]
        check_definition(
            username=user.username,
            roles=roles,
            areas=new_areas,
            password=str(password) if password is not None else None,
            min_length=min_length,
        )
        unknown = set(new_areas) - repo.known_area_codes(session, codes=new_areas)
        if unknown:
            raise UserInputError("area-unknown", "areas")
        user.roles = roles
        if changes.get("display_name"):
            user.display_name = str(changes["display_name"])
        if changes.get("active") is not None:
            user.active = bool(changes["active"])
        if hashed:
            user.password_hash = hashed
            user.password_changed_at = now
        user.updated_at = now
        if changes.get("areas") is not None:
            repo.set_areas(session, user_id=user_id, areas=new_areas)
        session.flush()
        audit_repo.append(
            session,
            [
                AuditEntry(
                    "user.update",
                    "ok",
                    by.user_id if by else None,
                    by.role if by else "cli",
                    None,
                    "user",
                    str(user_id),
                    None,
                    None,
                    {
                        "fields": sorted(k for k in changes if k != "password")
                        + (["password"] if hashed else [])
                    },
                )
            ],
            now=now,
        )
        return user, sorted(new_areas)


def list_users(db: Database, *, by: UserAuth) -> list[tuple[User, list[str]]]:
    """Admins see everyone; supervisors the agents in their scope."""
    with db.read() as session:
        if by.is_admin:
            users = repo.list_users(session)
        else:
            users = [
                u for u in repo.list_users(session, areas=list(by.areas)) if "agent" in u.roles
            ]
        return [(u, repo.areas_of(session, user_id=u.id)) for u in users]
