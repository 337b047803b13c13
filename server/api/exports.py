"""``GET /api/v1/exports/records``: approved enrollments as CSV or XLSX (SYNC_PROTOCOL.md §4.10)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from server.api.deps import CallerDep, DbDep, SettingsDep, UserDep
from server.api.responses import AUTH, problems
from server.bodies import JangkauRoute
from server.schemas_review import AreaCode
from server.services import exports as service

router = APIRouter(route_class=JangkauRoute, tags=["exports"])

_FILE = {"schema": {"type": "string", "format": "binary"}}


@router.get(
    "/exports/records",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "The file (streamed); `X-Jangkau-Rows` gives its row count",
            "content": {"text/csv": _FILE, service.MEDIA_TYPES["xlsx"]: _FILE},
        },
        **problems(*AUTH, "not-found", "validation-failed"),
    },
)
def export_records(
    auth: UserDep,
    db: DbDep,
    caller: CallerDep,
    settings: SettingsDep,
    format: Annotated[Literal["csv", "xlsx"], Query()] = "xlsx",  # noqa: A002
    area: Annotated[AreaCode | None, Query()] = None,
    state: Annotated[Literal["approved"], Query(description="Only approved records")] = "approved",
    date_from: Annotated[
        date | None, Query(alias="from", description="Approved on or after")
    ] = None,
    date_to: Annotated[date | None, Query(alias="to", description="Approved on or before")] = None,
) -> StreamingResponse:
    """Approved, non-restricted prospects in scope, per area and approval period (WIB);
    10 per hour per user; audited. XLSX has a summary sheet (per regency, district,
    occupation and agent) before the records."""
    del state  # the branch office gets approved enrollments only (docs/DECISIONS.md)
    export = service.start_export(
        db,
        by=auth,
        fmt=format,
        area=area,
        date_from=date_from,
        date_to=date_to,
        caller=caller,
        settings=settings,
    )
    return StreamingResponse(
        service.stream(db, export),
        media_type=export.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{export.filename}"',
            "X-Jangkau-Rows": str(export.count),
            "Cache-Control": "no-store",
        },
    )
