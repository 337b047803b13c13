"""Users and the audit log (SYNC_PROTOCOL.md §4.10): admins manage, supervisors read their scope."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from server.api.deps import AdminDep, CallerDep, DbDep, SettingsDep, UserDep
from server.api.responses import AUTH, BODY, problems
from server.bodies import JangkauRoute
from server.models.identity import User
from server.problems import ProblemError
from server.repositories import audit as audit_repo
from server.repositories import users as users_repo
from server.schemas import AuditEventOut, AuditPage, UserCreate, UserList, UserOut, UserPatch
from server.services import users as service
from server.services.users import UserInputError

router = APIRouter(route_class=JangkauRoute, tags=["admin"])


def _out(user: User, areas: list[str]) -> UserOut:
    return UserOut(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        roles=list(user.roles),  # type: ignore[arg-type]
        areas=areas,
        active=user.active,
    )


def _invalid(exc: UserInputError) -> ProblemError:
    return ProblemError("validation-failed", errors=[{"field": exc.field, "code": exc.code}])


@router.get("/admin/users", response_model=UserList, responses=problems(*AUTH))
def list_users(auth: UserDep, db: DbDep) -> UserList:
    return UserList(users=[_out(u, a) for u, a in service.list_users(db, by=auth)])


@router.post(
    "/admin/users", status_code=201, response_model=UserOut, responses=problems(*AUTH, *BODY)
)
def create_user(
    body: UserCreate, auth: AdminDep, db: DbDep, caller: CallerDep, settings: SettingsDep
) -> UserOut:
    try:
        user = service.create_user(
            db,
            username=body.username,
            password=body.password,
            roles=body.roles,
            areas=body.areas,
            display_name=body.display_name,
            now=caller.now,
            min_length=settings.password_min_length,
            by=auth,
        )
    except UserInputError as exc:
        raise _invalid(exc) from exc
    return _out(user, sorted(body.areas))


@router.patch(
    "/admin/users/{user_id}",
    response_model=UserOut,
    responses=problems(*AUTH, "not-found", *BODY),
)
def patch_user(
    user_id: uuid.UUID,
    body: UserPatch,
    auth: AdminDep,
    db: DbDep,
    caller: CallerDep,
    settings: SettingsDep,
) -> UserOut:
    try:
        user, areas = service.patch_user(
            db,
            user_id=user_id,
            changes=body.model_dump(exclude_unset=True),
            now=caller.now,
            min_length=settings.password_min_length,
            by=auth,
        )
    except UserInputError as exc:
        raise _invalid(exc) from exc
    return _out(user, areas)


@router.get("/audit", response_model=AuditPage, responses=problems(*AUTH, "validation-failed"))
def audit_log(
    auth: UserDep,
    db: DbDep,
    cursor: Annotated[str | None, Query(max_length=18, pattern=r"^[0-9]*$")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    action: Annotated[str | None, Query(max_length=40)] = None,
    entity_id: Annotated[str | None, Query(max_length=64)] = None,
) -> AuditPage:
    """Admins read everything; a supervisor reads the events of agents in scope and their own."""
    after = int(cursor) if cursor else 0
    with db.read() as session:
        actors: list[uuid.UUID] | None = None
        if not auth.is_admin:
            agents = users_repo.list_users(session, areas=list(auth.areas))
            actors = [u.id for u in agents if "agent" in u.roles] + [auth.user_id]
        events = audit_repo.list_events(
            session,
            after=after,
            limit=limit,
            actor_ids=actors,
            action=action,
            entity_id=entity_id,
        )
        out = [AuditEventOut.model_validate(e, from_attributes=True) for e in events]
    return AuditPage(events=out, next_cursor=str(out[-1].seq) if out else cursor)
