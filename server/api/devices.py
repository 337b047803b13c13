"""Devices: enroll, rotate, enrollment codes, list and revoke (SYNC_PROTOCOL.md §2.3, §4.5, §4.10)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from server.api.deps import CallerDep, CurrentClient, DbDep, DeviceDep, SettingsDep, UserDep
from server.api.responses import AUTH, BODY, problems
from server.bodies import JangkauRoute
from server.models.identity import user_json
from server.schemas import (
    DeviceInfo,
    DeviceList,
    EnrollmentCodeRequest,
    EnrollmentCodeResponse,
    RevokeRequest,
)
from server.services import devices as service
from sync import protocol

router = APIRouter(route_class=JangkauRoute, tags=["devices"])


@router.post(
    "/devices/enroll",
    status_code=201,
    response_model=protocol.EnrollResponse,
    dependencies=[CurrentClient],
    responses=problems("invalid-credentials", "login-throttled", "client-too-old", *BODY),
)
def enroll(
    body: protocol.EnrollRequest, db: DbDep, caller: CallerDep, settings: SettingsDep
) -> protocol.EnrollResponse:
    done = service.enroll(db, request=body, caller=caller, settings=settings)
    return protocol.EnrollResponse(
        device_id=done.device_id,
        device_token=done.token,
        agent=protocol.UserInfo(**user_json(done.agent, done.areas)),
        token_rotate_after=done.rotate_after,
    )


@router.post(
    "/devices/rotate-token",
    response_model=protocol.RotateResponse,
    responses=problems(*AUTH, *BODY),
)
def rotate_token(
    body: protocol.RotateRequest,
    auth: DeviceDep,
    db: DbDep,
    caller: CallerDep,
    settings: SettingsDep,
) -> protocol.RotateResponse:
    token, rotate_after = service.rotate(
        db, auth=auth, rotation_id=body.rotation_id, caller=caller, settings=settings
    )
    return protocol.RotateResponse(device_token=token, token_rotate_after=rotate_after)


@router.post(
    "/enrollment-codes",
    status_code=201,
    response_model=EnrollmentCodeResponse,
    responses=problems(*AUTH, "not-found", *BODY),
)
def issue_enrollment_code(
    body: EnrollmentCodeRequest,
    auth: UserDep,
    db: DbDep,
    caller: CallerDep,
    settings: SettingsDep,
) -> EnrollmentCodeResponse:
    issued = service.issue_code(
        db, agent_id=body.agent_id, by=auth, caller=caller, settings=settings
    )
    return EnrollmentCodeResponse(
        code=issued.code, expires_at=issued.expires_at, agent_id=issued.agent_id
    )


@router.get("/devices", response_model=DeviceList, responses=problems(*AUTH, "not-found"))
def list_devices(auth: UserDep, db: DbDep, agent_id: uuid.UUID | None = None) -> DeviceList:
    devices = service.list_devices(db, agent_id=agent_id, by=auth)
    return DeviceList(
        devices=[
            DeviceInfo(
                id=d.id,
                agent_id=d.agent_id,
                name=d.name,
                created_at=d.created_at,
                last_seen_at=d.last_seen_at,
                last_pulled_seq=d.last_pulled_seq,
                client_version=d.client_version,
                revoked_at=d.revoked_at,
                wipe=d.wipe,
            )
            for d in devices
        ]
    )


@router.post(
    "/devices/{device_id}/revoke",
    status_code=204,
    responses=problems(*AUTH, "not-found", *BODY),
)
def revoke_device(
    device_id: uuid.UUID, body: RevokeRequest, auth: UserDep, db: DbDep, caller: CallerDep
) -> Response:
    service.revoke(
        db, device_id=device_id, wipe=body.wipe, reason=body.reason, by=auth, caller=caller
    )
    return Response(status_code=204)
