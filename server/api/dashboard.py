"""``GET /api/v1/review/dashboard``: coverage counts for supervisors (UI.md §3.10).

Scoped like review (SYNC_PROTOCOL.md §2.5): supervisors see their areas, admins everything
(read-only); an ``area`` outside the caller's scope answers 404; a device token is a role never
allowed here (403 ``role-not-permitted``); no token 401. ``from``/``to`` are inclusive WIB days.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from server.api.deps import CallerDep, DbDep, UserDep
from server.api.responses import AUTH, problems
from server.bodies import JangkauRoute
from server.problems import ProblemError
from server.services import aggregates
from server.services.aggregates import By, DashboardReply

router = APIRouter(route_class=JangkauRoute, tags=["review"])

AREA_PATTERN = r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$"


@router.get(
    "/review/dashboard",
    response_model=DashboardReply,
    response_model_by_alias=True,
    responses=problems(*AUTH, "not-found", "validation-failed"),
)
def dashboard(
    auth: UserDep,
    db: DbDep,
    caller: CallerDep,
    area: Annotated[
        str | None, Query(pattern=AREA_PATTERN, description="A region code inside the scope")
    ] = None,
    date_from: Annotated[date | None, Query(alias="from", description="First day (WIB)")] = None,
    date_to: Annotated[date | None, Query(alias="to", description="Last day (WIB)")] = None,
    by: Annotated[By, Query(description="Breakdown of the rows")] = "village",
) -> DashboardReply:
    """Events, prospects (cohort of the period), approved, open follow-ups; per breakdown key;
    the branch baseline. Weeks are keyed by their Monday."""
    if date_from is not None and date_to is not None and date_from > date_to:
        raise ProblemError("validation-failed", errors=[{"field": "from", "code": "after-to"}])
    return aggregates.dashboard(
        db, by_user=auth, by=by, area=area, start=date_from, end=date_to, now=caller.now
    )
