"""``GET|HEAD /api/v1/health``: the client's pre-flight (SYNC_PROTOCOL.md §4.3)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from server.api.deps import CallerDep, Credentials, DbDep, SettingsDep
from server.api.responses import problems
from server.bodies import JangkauRoute
from server.security import DEVICE_PREFIX
from server.services import auth as auth_service
from sync import protocol

router = APIRouter(route_class=JangkauRoute, tags=["health"])


_HEALTH = {
    "response_model": protocol.Health,
    "response_model_by_alias": True,
    "responses": problems("unauthenticated", "device-revoked", "device-wipe", "session-expired"),
    # The bearer is optional: FastAPI appends this "no auth" ({}) alternative to its bearer
    # requirement, so the schema says either (schemathesis' ignored_auth check relies on it).
    "openapi_extra": {"security": [{}]},
}


@router.get("/health", operation_id="health", **_HEALTH)  # type: ignore[arg-type]
@router.head("/health", operation_id="health_head", **_HEALTH)  # type: ignore[arg-type]
def health(
    request: Request,
    settings: SettingsDep,
    db: DbDep,
    caller: CallerDep,
    credentials: Credentials,
) -> protocol.Health:
    """No authentication needed; a token that is sent is checked (a revoked laptop learns it)."""
    if credentials is not None and credentials.credentials:
        token = credentials.credentials
        if token.startswith(DEVICE_PREFIX):
            request.state.auth = auth_service.authenticate_device(db, token=token, caller=caller)
        else:
            request.state.auth = auth_service.authenticate_session(
                db, token=token, caller=caller, settings=settings
            )
    return protocol.Health(
        server_time=caller.now,
        min_client_version=settings.min_client_version,
        latest_client_version=settings.latest_client_version,
        limits=protocol.Limits(
            max_changes=protocol.MAX_CHANGES,
            max_body_bytes=settings.max_body_bytes,
            max_page=protocol.MAX_PAGE,
        ),
    )
