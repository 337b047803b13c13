"""Admin and device-management API schemas (the sync wire protocol is ``sync/protocol.py``)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["agent", "supervisor", "admin"]
AreaCode = Annotated[str, Field(pattern=r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EnrollmentCodeRequest(_Request):
    agent_id: uuid.UUID


class EnrollmentCodeResponse(BaseModel):
    code: str
    expires_at: datetime
    agent_id: uuid.UUID


class RevokeRequest(_Request):
    wipe: bool = False
    reason: Annotated[str, Field(max_length=200)] | None = None


class DeviceInfo(BaseModel):
    id: uuid.UUID
    agent_id: uuid.UUID
    name: str
    created_at: datetime
    last_seen_at: datetime | None
    last_pulled_seq: int
    client_version: str | None
    revoked_at: datetime | None
    wipe: bool


class DeviceList(BaseModel):
    devices: list[DeviceInfo]


class AuditEventOut(BaseModel):
    seq: int
    at: datetime
    actor_id: uuid.UUID | None
    actor_role: str | None
    device_id: uuid.UUID | None
    action: str
    entity_type: str | None
    entity_id: str | None
    revision: int | None
    result: str
    ip: str | None
    detail: dict[str, Any] | None
    hash: str


class AuditPage(BaseModel):
    events: list[AuditEventOut]
    next_cursor: str | None


class UserOut(BaseModel):
    id: uuid.UUID
    username: str
    display_name: str
    roles: list[Role]
    areas: list[str]
    active: bool


class UserList(BaseModel):
    users: list[UserOut]


class UserCreate(_Request):
    username: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.]+$")]
    display_name: Annotated[str, Field(min_length=1, max_length=100)] | None = None
    password: Annotated[str, Field(min_length=1, max_length=256)]
    roles: Annotated[list[Role], Field(min_length=1, max_length=3)]
    areas: Annotated[list[AreaCode], Field(max_length=50)] = Field(default_factory=list)


class UserPatch(_Request):
    display_name: Annotated[str, Field(min_length=1, max_length=100)] | None = None
    roles: Annotated[list[Role], Field(min_length=1, max_length=3)] | None = None
    areas: Annotated[list[AreaCode], Field(max_length=50)] | None = None
    active: bool | None = None
    password: Annotated[str, Field(min_length=1, max_length=256)] | None = None
