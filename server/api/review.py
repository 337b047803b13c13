"""Review endpoints for supervisors (SYNC_PROTOCOL.md §4.9; UI.md §3.8).

Reads: supervisors in their areas, admins everywhere (read-only). Writes (decide, bulk, undo,
edit, duplicate resolution): supervisors in their areas only; admins get 403
``role-not-permitted`` (duty separation, §2.5). Records outside the caller's scope answer 404.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from server.api.deps import CallerDep, DbDep, SettingsDep, UserDep
from server.api.responses import AUTH, BODY, problems
from server.bodies import JangkauRoute
from server.schemas_review import (
    AreaCode,
    BatchPage,
    BulkRequest,
    BulkResponse,
    DecideRequest,
    DecisionOut,
    EditRequest,
    Flag,
    RecordDetail,
    RecordPage,
    ResolutionOut,
    ResolutionRequest,
    ReviewState,
    RevisionOut,
)
from server.services import decisions as decisions_service
from server.services import review as review_service
from server.services import review_edits

router = APIRouter(route_class=JangkauRoute, tags=["review"])

UUID_RE = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
Limit = Annotated[int, Query(ge=1, le=500)]
AreaQuery = Annotated[AreaCode | None, Query(description="A region code; must overlap the scope")]
FromQuery = Annotated[date | None, Query(alias="from", description="First day (WIB)")]
ToQuery = Annotated[date | None, Query(alias="to", description="Last day (WIB), inclusive")]
WRITE_PROBLEMS = (*AUTH, "not-found", "forbidden", *BODY)


@router.get(
    "/review/batches",
    response_model=BatchPage,
    responses=problems(*AUTH, "not-found", "validation-failed"),
)
def batches(
    auth: UserDep,
    db: DbDep,
    area: AreaQuery = None,
    agent_id: uuid.UUID | None = None,
    state: ReviewState | None = None,
    flag: Flag | None = None,
    date_from: FromQuery = None,
    date_to: ToQuery = None,
    cursor: Annotated[
        str | None, Query(pattern=rf"^\d{{1,7}}~({UUID_RE}|agent:{UUID_RE})$")
    ] = None,
    limit: Limit = 100,
) -> BatchPage:
    """The queue: outreach events (and each agent's prospects outside any event) with counts
    per review state; ``arrived``/``expected`` = "Terima 37/37", ``pending`` = "Tunggu"."""
    return review_service.list_batches(
        db,
        by=auth,
        area=area,
        agent_id=agent_id,
        state=state,
        flag=flag,
        date_from=date_from,
        date_to=date_to,
        cursor=cursor.lower() if cursor else None,
        limit=limit,
    )


@router.get(
    "/review/records",
    response_model=RecordPage,
    responses=problems(*AUTH, "not-found", "validation-failed"),
)
def records(
    auth: UserDep,
    db: DbDep,
    batch_id: Annotated[
        str | None,
        Query(pattern=rf"^({UUID_RE}|none)$", description="An event id, or `none`"),
    ] = None,
    agent_id: uuid.UUID | None = None,
    area: AreaQuery = None,
    state: ReviewState | None = None,
    flag: Flag | None = None,
    q: Annotated[str | None, Query(max_length=100, description="NIK prefix or name")] = None,
    cursor: uuid.UUID | None = None,
    limit: Limit = 100,
) -> RecordPage:
    """Prospect summaries in scope, in capture order; ``next_cursor`` pages on."""
    return review_service.list_records(
        db,
        by=auth,
        batch_id=batch_id,
        agent_id=agent_id,
        area=area,
        state=state,
        flag=flag,
        q=q,
        cursor=cursor,
        limit=limit,
    )


@router.get(
    "/review/records/{record_id}",
    response_model=RecordDetail,
    responses=problems(*AUTH, "not-found", "validation-failed"),
)
def record(
    record_id: uuid.UUID, auth: UserDep, db: DbDep, caller: CallerDep, settings: SettingsDep
) -> RecordDetail:
    """The record with re-run checks, history, decisions, duplicate candidates and the fields
    changed since the revision last judged."""
    return review_service.record_detail(
        db, by=auth, record_id=record_id, now=caller.now, settings=settings
    )


@router.get(
    "/review/records/{record_id}/revisions/{revision}",
    response_model=RevisionOut,
    responses=problems(*AUTH, "not-found", "validation-failed"),
)
def revision(
    record_id: uuid.UUID,
    revision: Annotated[int, Path(ge=1, le=1_000_000)],
    auth: UserDep,
    db: DbDep,
    caller: CallerDep,
) -> RevisionOut:
    return review_service.revision_detail(
        db, by=auth, record_id=record_id, revision=revision, now=caller.now
    )


@router.post(
    "/review/records/{record_id}/decisions",
    status_code=201,
    response_model=DecisionOut,
    responses={
        200: {"model": DecisionOut, "description": "A repeat: the stored decision"},
        **problems(*WRITE_PROBLEMS, "stale-revision", "invalid-transition", "duplicate-unresolved"),
    },
)
def decide(
    record_id: uuid.UUID,
    body: DecideRequest,  # type: ignore[valid-type]
    response: Response,
    auth: UserDep,
    db: DbDep,
    caller: CallerDep,
    settings: SettingsDep,
) -> DecisionOut:
    """Approve, return (note, field notes), reject (note, reason) or reopen (note, before
    export) the current revision; 201, or 200 for a repeated ``decision_id``."""
    out, created = decisions_service.decide(
        db, by=auth, record_id=record_id, request=body, caller=caller, settings=settings
    )
    if not created:
        response.status_code = 200
    return out


@router.post(
    "/review/decisions:bulk",
    response_model=BulkResponse,
    responses=problems(*AUTH, *BODY),
)
def decide_bulk(
    body: BulkRequest, auth: UserDep, db: DbDep, caller: CallerDep, settings: SettingsDep
) -> BulkResponse:
    """Up to 200 decisions ("Setujui yang dipilih"), one result each; an approval also needs
    a clean record (``not-clean`` otherwise)."""
    return decisions_service.decide_bulk(
        db, by=auth, request=body, caller=caller, settings=settings
    )


@router.post(
    "/review/decisions/{decision_id}/undo",
    response_model=DecisionOut,
    responses=problems(*AUTH, "not-found", "forbidden", "undo-unavailable", "validation-failed"),
)
def undo(
    decision_id: uuid.UUID, auth: UserDep, db: DbDep, caller: CallerDep, settings: SettingsDep
) -> DecisionOut:
    """Undo one's own latest decision within the undo window, while the agent has not pulled
    it; 409 ``undo-unavailable`` with ``reason`` (expired, delivered, superseded, exported)."""
    return decisions_service.undo(
        db, by=auth, decision_id=decision_id, caller=caller, settings=settings
    )


@router.post(
    "/review/records/{record_id}/revisions",
    status_code=201,
    response_model=RevisionOut,
    responses={
        200: {"model": RevisionOut, "description": "A repeat: the stored revision"},
        **problems(*WRITE_PROBLEMS, "stale-revision", "invalid-transition"),
    },
)
def edit(
    record_id: uuid.UUID,
    body: EditRequest,
    response: Response,
    auth: UserDep,
    db: DbDep,
    caller: CallerDep,
    settings: SettingsDep,
) -> RevisionOut:
    """A supervisor edit with a note, only while ``received``; the agent gets it in the feed."""
    out, created = review_edits.edit(
        db, by=auth, record_id=record_id, request=body, caller=caller, settings=settings
    )
    if not created:
        response.status_code = 200
    return out


@router.post(
    "/review/records/{record_id}/duplicate-resolution",
    response_model=ResolutionOut,
    responses=problems(*WRITE_PROBLEMS, "stale-revision", "invalid-transition"),
)
def resolve_duplicate(
    record_id: uuid.UUID,
    body: ResolutionRequest,
    auth: UserDep,
    db: DbDep,
    caller: CallerDep,
    settings: SettingsDep,
) -> ResolutionOut:
    """``not_duplicate`` (a pair, or every open pair), or reject this record as DUPLICATE."""
    return review_edits.resolve_duplicate(
        db, by=auth, record_id=record_id, request=body, caller=caller, settings=settings
    )
