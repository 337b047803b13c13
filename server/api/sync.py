"""``POST /api/v1/sync/push`` and ``GET /api/v1/sync/changes`` (SYNC_PROTOCOL.md §4.6, §4.7)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from server.api.deps import (
    CallerDep,
    Credentials,
    CurrentClient,
    DbDep,
    DeviceDep,
    SettingsDep,
    resolve_device,
)
from server.api.responses import AUTH, BODY, problems
from server.bodies import JangkauRoute, openapi_body, strict_body
from server.problems import ProblemError
from server.services import pull as pull_service
from server.services import push as push_service
from server.services import reference as reference_service
from sync import protocol

router = APIRouter(route_class=JangkauRoute, tags=["sync"])


@router.post(
    "/sync/push",
    response_model=protocol.PushResponse,
    responses=problems(*AUTH, *BODY),
    openapi_extra=openapi_body(protocol.PushRequest),
)
@strict_body(protocol.PushRequest)
async def push(
    request: Request,
    credentials: Credentials,
    db: DbDep,
    caller: CallerDep,
    settings: SettingsDep,
) -> Response:
    """Per-change results; 200 whenever the batch was processed. Gzip bodies are welcome."""
    body: protocol.PushRequest = request.state.body  # validated strictly by the route class

    def work() -> bytes:  # authentication and the batch: one thread hop, not two
        auth = resolve_device(request, credentials, db, caller)
        result = push_service.push(db, auth=auth, request=body, caller=caller, settings=settings)
        return result.model_dump_json().encode()

    return Response(await run_in_threadpool(work), media_type="application/json")


@router.get(
    "/sync/changes",
    response_model=protocol.ChangesResponse,
    dependencies=[CurrentClient],
    responses=problems(*AUTH, "cursor-expired", "client-too-old", "validation-failed"),
)
def changes(
    auth: DeviceDep,
    db: DbDep,
    caller: CallerDep,
    settings: SettingsDep,
    cursor: Annotated[str | None, Query(max_length=18, pattern=r"^[0-9]*$")] = None,
    limit: Annotated[int, Query(ge=1, le=protocol.MAX_PAGE)] = protocol.DEFAULT_PAGE,
) -> protocol.ChangesResponse:
    return pull_service.changes(
        db, auth=auth, cursor=cursor, limit=limit, caller=caller, settings=settings
    )


@router.get(
    "/reference/{dataset}/{version}",
    responses={
        200: {"content": {"application/json": {}}, "description": "The dataset, immutable"},
        304: {"description": "Not modified"},
        **problems("not-found", "validation-failed"),
    },
)
def reference(
    request: Request,
    dataset: Annotated[str, Path(max_length=40)],
    version: Annotated[str, Path(max_length=40)],
    db: DbDep,
) -> Response:
    """Published reference data; immutable, so cached forever by its ``ETag``."""
    row = reference_service.reference(db, dataset=dataset, version=version)
    if row is None:
        raise ProblemError("not-found")
    etag = f'"{row.sha256}"'
    headers = {"ETag": etag, "Cache-Control": "public, max-age=31536000, immutable"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(row.content, media_type="application/json", headers=headers)
