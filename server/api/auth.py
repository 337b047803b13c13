"""``POST /api/v1/auth/login`` and ``/logout`` for supervisors and admins (SYNC_PROTOCOL.md §4.4)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from server.api.deps import CallerDep, DbDep, SettingsDep, UserDep
from server.api.responses import AUTH, BODY, problems
from server.bodies import JangkauRoute
from server.models.identity import user_json
from server.services import auth as auth_service
from sync import protocol

router = APIRouter(prefix="/auth", route_class=JangkauRoute, tags=["auth"])


@router.post(
    "/login",
    response_model=protocol.LoginResponse,
    responses=problems("invalid-credentials", "role-not-permitted", "login-throttled", *BODY),
)
def login(
    body: protocol.LoginRequest, db: DbDep, caller: CallerDep, settings: SettingsDep
) -> protocol.LoginResponse:
    result = auth_service.login(
        db, username=body.username, password=body.password, caller=caller, settings=settings
    )
    return protocol.LoginResponse(
        access_token=result.token,
        expires_at=result.expires_at,
        user=protocol.UserInfo(**user_json(result.user, result.areas)),
    )


@router.post("/logout", status_code=204, responses=problems(*AUTH))
def logout(auth: UserDep, db: DbDep, caller: CallerDep) -> Response:
    auth_service.logout(db, auth=auth, caller=caller)
    return Response(status_code=204)
