"""FastAPI dependencies: settings, database, clock, caller facts, authentication.

Dependencies that touch no database are ``async``: FastAPI would otherwise run each one on the
thread pool, a thread hop per dependency per request.

No dependency opens a transaction that outlives it and none commits after ``yield``: services
commit inside the endpoint, before the response is sent (SYNC_PROTOCOL.md §7.4).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from server.clock import Clock
from server.config import ServerSettings, parse_version
from server.db import Database
from server.problems import ProblemError
from server.security import DEVICE_PREFIX, SESSION_PREFIX
from server.services import auth as auth_service
from server.services.context import Caller, DeviceAuth, UserAuth
from sync import protocol

bearer = HTTPBearer(auto_error=False, description="Device token (jkd_…) or session (jks_…)")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


async def get_settings(request: Request) -> ServerSettings:
    settings: ServerSettings = request.app.state.settings
    return settings


async def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


async def get_clock(request: Request) -> Clock:
    clock: Clock = request.app.state.clock
    return clock


async def get_caller(request: Request) -> Caller:
    caller = Caller(
        now=request.app.state.clock(),
        ip=request.client.host if request.client else None,
        client_version=request.headers.get(protocol.CLIENT_HEADER),
    )
    request.state.caller = caller
    return caller


SettingsDep = Annotated[ServerSettings, Depends(get_settings)]
DbDep = Annotated[Database, Depends(get_db)]
CallerDep = Annotated[Caller, Depends(get_caller)]


def _token(credentials: HTTPAuthorizationCredentials | None) -> str:
    if credentials is None or not credentials.credentials:
        raise ProblemError("unauthenticated", headers={"WWW-Authenticate": "Bearer"})
    return credentials.credentials


def device_auth(
    request: Request, credentials: Credentials, db: DbDep, caller: CallerDep
) -> DeviceAuth:
    """An agent's device; supervisor/admin sessions are a role never allowed here (403)."""
    return resolve_device(request, credentials, db, caller)


def resolve_device(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None,
    db: Database,
    caller: Caller,
) -> DeviceAuth:
    """``device_auth`` as a plain function, for endpoints that authenticate inside their own
    worker thread (one thread hop per request instead of two)."""
    token = _token(credentials)
    if token.startswith(SESSION_PREFIX):
        user = auth_service.authenticate_session(
            db, token=token, caller=caller, settings=request.app.state.settings
        )
        request.state.auth = user
        raise ProblemError("role-not-permitted")
    auth = auth_service.authenticate_device(db, token=token, caller=caller)
    request.state.auth = auth
    return auth


def user_auth(
    request: Request, credentials: Credentials, db: DbDep, caller: CallerDep, settings: SettingsDep
) -> UserAuth:
    """A supervisor or admin session; device tokens are a role never allowed here (403)."""
    token = _token(credentials)
    if token.startswith(DEVICE_PREFIX):
        request.state.auth = auth_service.authenticate_device(db, token=token, caller=caller)
        raise ProblemError("role-not-permitted")
    auth = auth_service.authenticate_session(db, token=token, caller=caller, settings=settings)
    request.state.auth = auth
    return auth


def admin_auth(auth: Annotated[UserAuth, Depends(user_auth)]) -> UserAuth:
    if not auth.is_admin:
        raise ProblemError("role-not-permitted")
    return auth


async def current_client(request: Request, settings: SettingsDep) -> None:
    """426 ``client-too-old`` below ``min_client_version`` (§4.3); an absent header passes."""
    value = request.headers.get(protocol.CLIENT_HEADER)
    if value is None:
        return
    try:
        version = parse_version(value)
    except ValueError as exc:
        raise ProblemError("bad-request", detail="Jangkau-Client") from exc
    if version < parse_version(settings.min_client_version):
        raise ProblemError(
            "client-too-old",
            min_client_version=settings.min_client_version,
            latest_client_version=settings.latest_client_version,
        )


DeviceDep = Annotated[DeviceAuth, Depends(device_auth)]
UserDep = Annotated[UserAuth, Depends(user_auth)]
AdminDep = Annotated[UserAuth, Depends(admin_auth)]
CurrentClient = Depends(current_client)
