"""Wire schemas of the Jangkau sync protocol, version 1 (docs/SYNC_PROTOCOL.md).

Shared by the desktop client (``sync/``) and the server (``server/``): it imports only the
standard library and pydantic, so the server can use it without Qt or the client ORM.

Request models forbid unknown fields (the server rejects them); response models ignore unknown
fields (clients must tolerate additions).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

_Date = date  # for annotations in a class that has a field named ``date``

PROTOCOL_VERSION = 1
PROTOCOL_HEADER = "Jangkau-Protocol"
CLIENT_HEADER = "Jangkau-Client"
API_PREFIX = "/api/v1"
PROBLEM_PREFIX = "urn:jangkau:problem:"
PROBLEM_CONTENT_TYPE = "application/problem+json"

# Limits (SYNC_PROTOCOL.md §4.3 and §4.6).
MAX_CHANGES = 200
MAX_BODY_BYTES = 512 * 1024
MAX_DECOMPRESSED_BYTES = 4 * 1024 * 1024
MAX_PAYLOAD_BYTES = 64 * 1024
MAX_PAGE = 500
DEFAULT_PAGE = 200

# Entity schemas the server accepts (current and the two before it may be up-converted).
SCHEMA_CURRENT = 1
SCHEMA_MIN_PUSH = 1

EntityType = Literal["prospect", "visit", "consent", "outreach_event", "attachment"]
ResultStatus = Literal["accepted", "duplicate", "conflict", "invalid", "forbidden"]
ReviewState = Literal["received", "approved", "returned", "rejected", "withdrawn"]
Outcome = Literal["approve", "return", "reject", "reopen"]

_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_MAX_SAFE_INT = 2**53 - 1

ANY_JSON = dict[str, Any]


# --------------------------------------------------------------------------------------------
# Canonical JSON and payload hash (§3)
# --------------------------------------------------------------------------------------------


class CanonicalError(ValueError):
    """A payload that cannot be put in canonical form (float, bad key, unsafe integer…)."""


def _check_canonical(value: Any, path: str) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        if abs(value) > _MAX_SAFE_INT:
            raise CanonicalError(f"{path}: integer outside ±(2^53−1)")
        return value
    if isinstance(value, float):
        raise CanonicalError(f"{path}: numbers must be integers")
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list | tuple):
        return [_check_canonical(item, f"{path}[{i}]") for i, item in enumerate(value)]
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if not isinstance(key, str) or not _KEY_RE.match(key):
                raise CanonicalError(f"{path}: key {key!r} is not snake_case ASCII")
            out[key] = _check_canonical(item, f"{path}.{key}")
        return out
    raise CanonicalError(f"{path}: unsupported type {type(value).__name__}")


_GOOD_KEYS: set[str] = set()  # keys already seen to match _KEY_RE (schema names repeat)


def _canonical_fast(value: Any) -> Any:
    """``_check_canonical`` without building a path for every value (the common, valid case).
    Raises ``CanonicalError`` without detail; the caller then reruns the slow check for it."""
    kind = type(value)
    if kind is str:
        return (
            value
            if unicodedata.is_normalized("NFC", value)
            else unicodedata.normalize("NFC", value)
        )
    if kind is int:
        if -_MAX_SAFE_INT <= value <= _MAX_SAFE_INT:
            return value
        raise CanonicalError("integer outside ±(2^53−1)")
    if value is None or kind is bool:
        return value
    if kind is dict:
        out = {}
        for key, item in value.items():
            if key not in _GOOD_KEYS:
                if type(key) is not str or not _KEY_RE.match(key):
                    raise CanonicalError("key")
                if len(_GOOD_KEYS) < 10_000:
                    _GOOD_KEYS.add(key)
            out[key] = _canonical_fast(item)
        return out
    if kind is list or kind is tuple:
        return [_canonical_fast(item) for item in value]
    raise CanonicalError("type")


def canonical_json(value: Any) -> bytes:
    """RFC 8785 (JCS) for the payload subset the protocol allows: integers, strings, bools, null,
    lists and snake_case objects. For that subset JCS equals sorted-key compact ``json.dumps``."""
    try:
        checked = _canonical_fast(value)
    except CanonicalError:
        checked = _check_canonical(value, "$")  # the same verdict, now with the path
    return json.dumps(checked, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def payload_hash(
    *, entity_type: str, payload: dict[str, Any], schema_version: int, deleted: bool
) -> str:
    """``"sha256:" + hex`` of canonical ``{deleted, entity_type, payload, schema_version}``."""
    body = canonical_json(
        {
            "deleted": deleted,
            "entity_type": entity_type,
            "payload": payload,
            "schema_version": schema_version,
        }
    )
    return "sha256:" + hashlib.sha256(body).hexdigest()


def payload_hash_of_canonical(
    *, entity_type: str, canonical_payload: bytes, schema_version: int, deleted: bool
) -> str:
    """``payload_hash`` from an already canonical payload (``canonical_json(payload)``), without
    encoding it twice: the wrapper's keys sort as deleted, entity_type, payload, schema_version."""
    head = canonical_json({"deleted": deleted, "entity_type": entity_type})[:-1]
    body = b"".join(
        (
            head,
            b',"payload":',
            canonical_payload,
            b',"schema_version":',
            str(schema_version).encode(),
            b"}",
        )
    )
    return "sha256:" + hashlib.sha256(body).hexdigest()


def is_uuid7(value: uuid.UUID | str) -> bool:
    try:
        parsed = value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        return False
    return parsed.version == 7


def _strip_empty(value: Any) -> Any:
    """Absent optional fields are omitted, not ``null`` (§3)."""
    if isinstance(value, dict):
        return {k: _strip_empty(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_strip_empty(v) for v in value]
    return value


# --------------------------------------------------------------------------------------------
# Entity payloads (§3; DOMAIN.md §5, §8, §10)
# --------------------------------------------------------------------------------------------


class _Payload(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    def wire(self) -> dict[str, Any]:
        """The payload as sent: JSON types, optional fields omitted."""
        return _strip_empty(self.model_dump(mode="json", exclude_none=True))


Str100 = Annotated[str, Field(max_length=100)]
Str200 = Annotated[str, Field(max_length=200)]
Str500 = Annotated[str, Field(max_length=500)]
Str2000 = Annotated[str, Field(max_length=2000)]
RegionCode = Annotated[str, Field(pattern=r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")]
Month = Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]
Rupiah = Annotated[int, Field(ge=0, le=_MAX_SAFE_INT)]

Package = Literal["JKK_JKM", "JKK_JKM_JHT"]
FundingSource = Literal[
    "MANDIRI",
    "WADAH_MITRA",
    "DONATUR_CSR",
    "SERTAKAN",
    "APBN",
    "APBD_PROVINSI",
    "APBD_KABKOTA",
    "DBHCHT",
    "DANA_DESA_APBDES",
    "OTHER",
]
Relationship = Literal[
    "SUAMI_ISTRI",
    "ANAK",
    "ORANG_TUA",
    "CUCU",
    "KAKEK_NENEK",
    "SAUDARA_KANDUNG",
    "MERTUA",
    "DITUNJUK_WASIAT",
]


class HeirPayload(_Payload):
    order: int = Field(ge=1, le=20)
    name: Str100
    relationship: Relationship
    mobile: Annotated[str, Field(max_length=20)] | None = None
    nik: Annotated[str, Field(max_length=32)] | None = None


class AcknowledgedWarning(_Payload):
    code: Annotated[str, Field(pattern=r"^W_[A-Z_]+$")]
    reason: Str500 | None = None


class QuoteLine(_Payload):
    month: Month
    jkk: Rupiah
    jkm: Rupiah
    jht: Rupiah = 0
    rule_ids: list[Annotated[str, Field(max_length=64)]] = Field(default_factory=list)
    total: Rupiah


class QuoteSnapshot(_Payload):
    """DOMAIN.md §2.2 step 6: what was quoted, frozen with the registration."""

    table_id: Annotated[str, Field(max_length=64)]
    bracket_row: int = Field(ge=1, le=1000)
    basis: Rupiah
    sector: Literal["TRANSPORTASI", "NON_TRANSPORTASI"]
    lines: list[QuoteLine] = Field(default_factory=list, max_length=24)
    total: Rupiah
    monthly_first: Rupiah
    uncertain: bool


class ProspectPayload(_Payload):
    """The prospect as it travels: DOMAIN.md's Participant + Registration + occupations + heirs.

    Only structure, types and lengths are checked here; the domain rules (NIK, phone, age,
    occupations, consent…) live in ``models.rules`` and are re-run by the server.
    """

    branch_code: Annotated[str, Field(max_length=32)] | None = None
    nik: Annotated[str, Field(max_length=32)]
    full_name: Str100
    birth_place: Str100 | None = None
    birth_date: date | None = None
    sex: Literal["L", "P"] | None = None
    mother_maiden_name: Str100 | None = None
    mobile: Annotated[str, Field(max_length=20)] | None = None
    no_mobile: bool = False
    email: Str200 | None = None
    address_line: Str200 | None = None
    rt: Annotated[str, Field(max_length=3)] | None = None
    rw: Annotated[str, Field(max_length=3)] | None = None
    province_code: RegionCode | None = None
    regency_code: RegionCode | None = None
    district_code: RegionCode | None = None
    village_code: RegionCode | None = None
    village_name_free: Str100 | None = None
    kk_number: Annotated[str, Field(max_length=32)] | None = None
    occupation_1: Annotated[str, Field(max_length=40)] | None = None
    occupation_1_detail: Str200 | None = None
    occupation_2: Annotated[str, Field(max_length=40)] | None = None
    occupation_2_detail: Str200 | None = None
    work_location: Str200 | None = None
    working_hours: Str100 | None = None
    declared_income: Rupiah | None = None
    package: Package | None = None
    payment_period_months: Literal[1, 3, 6, 12] | None = None
    first_contribution_month: Month | None = None
    funding_source: FundingSource | None = None
    funding_ref: Str200 | None = None
    jht_funding_source: FundingSource | None = None
    already_pu: Literal["YA", "TIDAK", "TIDAK_TAHU"] | None = None
    heirs: list[HeirPayload] = Field(default_factory=list, max_length=10)
    registration_date: date | None = None
    registration_place: Str200 | None = None
    channel: (
        Literal[
            "FIELD_AGENT", "PERISAI", "WADAH", "KANTOR_CABANG", "JMO", "WEB_BPU", "PAYMENT_POINT"
        ]
        | None
    ) = None
    acknowledged_warnings: list[AcknowledgedWarning] = Field(default_factory=list, max_length=40)
    quote: QuoteSnapshot | None = None
    notes: Str2000 | None = None
    restricted: bool = False
    area_code: RegionCode
    outreach_event_id: uuid.UUID | None = None
    consent_id: uuid.UUID | None = None
    signature_participant: Literal["SCREEN", "PAPER"] | None = None
    signature_agent: Literal["SCREEN", "PAPER"] | None = None
    paper_form_number: Annotated[str, Field(max_length=40)] | None = None


class GuardianPayload(_Payload):
    name: Str100
    relationship: Annotated[str, Field(max_length=40)]
    nik: Annotated[str, Field(max_length=32)] | None = None


class ConsentPayload(_Payload):
    prospect_id: uuid.UUID
    notice_version: Annotated[str, Field(max_length=32)]
    notice_sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None
    purposes: list[Annotated[str, Field(max_length=40)]] = Field(min_length=1, max_length=10)
    method: Literal["SCREEN_SIGNATURE", "PAPER_FORM"]
    paper_form_number: Annotated[str, Field(max_length=40)] | None = None
    read_aloud: bool = False
    witness_name: Str100 | None = None
    guardian: GuardianPayload | None = None
    consented_at: datetime
    attachment_id: uuid.UUID | None = None
    withdrawn_on: date | None = None


class VisitPayload(_Payload):
    prospect_id: uuid.UUID
    kind: Literal["VISIT", "CALL"]
    date: date
    due_date: _Date | None = None  # "date" here would name the field above
    outcome: (
        Literal["PLANNED", "INTERESTED", "ENROLLED", "REFUSED", "NOT_FOUND", "NO_ANSWER"] | None
    ) = None
    reason: Str200 | None = None
    note: Str2000 | None = None


class OutreachEventPayload(_Payload):
    area_code: RegionCode
    place_kind: Literal["MARKET", "HARBOUR", "KELURAHAN_OFFICE", "OTHER"]
    place_name: Str200
    date: date
    partner: Str200 | None = None
    attendance: int | None = Field(default=None, ge=0, le=100_000)
    notes: Str2000 | None = None
    closed: bool = False
    manifest: list[ManifestItem] = Field(default_factory=list, max_length=5000)


class ManifestItem(_Payload):
    id: uuid.UUID
    revision: int = Field(ge=1)


OutreachEventPayload.model_rebuild()

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


class AttachmentPayload(_Payload):
    """Metadata of an immutable file (consent photo, form scan); the bytes follow (§4.8)."""

    owner_type: Literal["prospect", "consent"]
    owner_id: uuid.UUID
    kind: Literal["CONSENT_PHOTO", "FORM_SCAN"]
    content_type: Literal["image/jpeg", "image/png", "application/pdf"]
    size: int = Field(ge=1, le=MAX_ATTACHMENT_BYTES)
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


PAYLOAD_MODELS: dict[str, type[_Payload]] = {
    "prospect": ProspectPayload,
    "consent": ConsentPayload,
    "visit": VisitPayload,
    "outreach_event": OutreachEventPayload,
    "attachment": AttachmentPayload,
}


def validate_payload(
    entity_type: str,
    payload: dict[str, Any],
    *,
    strict: bool = False,
    json_bytes: bytes | None = None,
) -> _Payload:
    """Parse a payload of an entity type; raises pydantic ``ValidationError`` or ``KeyError``.

    ``strict=True`` (what the server uses) validates as JSON without type coercion: ``"2"`` is
    not an integer and ``0`` is not a date, while ISO date strings and UUID strings are accepted.
    ``json_bytes`` may pass the payload already encoded (e.g. its canonical form).
    """
    model = PAYLOAD_MODELS[entity_type]
    if strict:
        data = json_bytes if json_bytes is not None else json.dumps(payload, ensure_ascii=False)
        return model.model_validate_json(data, strict=True)
    return model.model_validate(payload)


# --------------------------------------------------------------------------------------------
# Push (§4.6)
# --------------------------------------------------------------------------------------------


class Change(BaseModel):
    """One envelope: a record revision as the client sends it."""

    model_config = ConfigDict(extra="forbid")

    id: uuid.UUID
    entity_type: EntityType
    schema_version: int = Field(ge=1, le=1000)
    revision: int = Field(ge=1, le=_MAX_SAFE_INT)
    base_revision: int = Field(ge=0, le=_MAX_SAFE_INT)
    deleted: bool = False
    updated_at: datetime
    device_id: uuid.UUID
    agent_id: uuid.UUID
    payload: dict[str, Any]
    payload_hash: Annotated[str, Field(pattern=r"^sha256:[0-9a-f]{64}$")]

    @model_validator(mode="after")
    def _revision_follows_base(self) -> Change:
        if self.revision != self.base_revision + 1:
            raise ValueError("revision must be base_revision + 1")
        return self

    def computed_hash(self) -> str:
        return payload_hash(
            entity_type=self.entity_type,
            payload=self.payload,
            schema_version=self.schema_version,
            deleted=self.deleted,
        )


class PushRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    batch_id: uuid.UUID
    changes: list[Change] = Field(min_length=1, max_length=MAX_CHANGES)


class FieldError(BaseModel):
    model_config = ConfigDict(extra="ignore")

    field: str
    code: str


class PushResult(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: uuid.UUID
    revision: int
    status: ResultStatus
    seq: int | None = None
    review_state: ReviewState | None = None
    flags: list[str] = Field(default_factory=list)
    problem: str | None = None
    current_revision: int | None = None
    errors: list[FieldError] = Field(default_factory=list)


class PushResponse(BaseModel):
    model_config = ConfigDict(extra="ignore")

    batch_id: uuid.UUID
    results: list[PushResult]


# --------------------------------------------------------------------------------------------
# Changes feed (§4.7) and decisions (§3)
# --------------------------------------------------------------------------------------------


class DecidedBy(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: uuid.UUID
    display_name: str


class DecisionData(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: uuid.UUID
    record_id: uuid.UUID
    record_revision: int
    outcome: Outcome
    note: str | None = None
    reason_code: str | None = None
    field_notes: dict[str, str] = Field(default_factory=dict)
    decided_by: DecidedBy | None = None
    decided_at: datetime


class RecordData(BaseModel):
    """A record as the feed carries it: its current revision and server-side state."""

    model_config = ConfigDict(extra="ignore")

    id: uuid.UUID
    entity_type: EntityType
    schema_version: int
    revision: int
    deleted: bool = False
    payload: dict[str, Any]
    payload_hash: str
    review_state: ReviewState | None = None
    flags: list[str] = Field(default_factory=list)
    author_role: Literal["agent", "supervisor"] = "agent"
    updated_at: datetime | None = None


class ReferenceData(BaseModel):
    model_config = ConfigDict(extra="ignore")

    dataset: str
    version: str


class FeedEntry(BaseModel):
    model_config = ConfigDict(extra="ignore")

    seq: int
    type: Literal["record", "decision", "reference"]
    data: dict[str, Any]


class ChangesResponse(BaseModel):
    model_config = ConfigDict(extra="ignore")

    changes: list[FeedEntry]
    next_cursor: str | None
    has_more: bool


# --------------------------------------------------------------------------------------------
# Health, auth, devices (§4.3–4.5)
# --------------------------------------------------------------------------------------------


class Limits(BaseModel):
    model_config = ConfigDict(extra="ignore")

    max_changes: int = MAX_CHANGES
    max_body_bytes: int = MAX_BODY_BYTES
    max_page: int = MAX_PAGE


class SchemaRange(BaseModel):
    model_config = ConfigDict(extra="ignore")

    min_push: int = SCHEMA_MIN_PUSH
    current: int = SCHEMA_CURRENT


class Health(BaseModel):
    model_config = ConfigDict(extra="ignore")

    service: Literal["jangkau"] = "jangkau"
    protocol_versions: list[int] = Field(default_factory=lambda: [PROTOCOL_VERSION])
    server_time: datetime
    min_client_version: str
    latest_client_version: str
    schema_: SchemaRange = Field(default_factory=SchemaRange, alias="schema")
    limits: Limits = Field(default_factory=Limits)

    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class LoginRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: Annotated[str, Field(min_length=1, max_length=64)]
    password: Annotated[str, Field(min_length=1, max_length=256)]


class UserInfo(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: uuid.UUID
    username: str
    display_name: str
    roles: list[Literal["agent", "supervisor", "admin"]]
    areas: list[str]


class LoginResponse(BaseModel):
    model_config = ConfigDict(extra="ignore")

    access_token: str
    expires_at: datetime
    user: UserInfo


class EnrollRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enrollment_code: Annotated[str, Field(min_length=8, max_length=16)]
    enrollment_request_id: uuid.UUID
    username: Annotated[str, Field(min_length=1, max_length=64)]
    password: Annotated[str, Field(min_length=1, max_length=256)]
    device_name: Annotated[str, Field(min_length=1, max_length=64)]

    @field_validator("enrollment_code")
    @classmethod
    def _normalise_code(cls, value: str) -> str:
        return value.strip().upper().replace("-", "").replace(" ", "")


class EnrollResponse(BaseModel):
    model_config = ConfigDict(extra="ignore")

    device_id: uuid.UUID
    device_token: str
    agent: UserInfo
    token_rotate_after: datetime


class RotateRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rotation_id: uuid.UUID


class RotateResponse(BaseModel):
    model_config = ConfigDict(extra="ignore")

    device_token: str
    token_rotate_after: datetime


class Problem(BaseModel):
    """RFC 9457 body; ``type`` is ``urn:jangkau:problem:<code>``."""

    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    detail: str | None = None

    @property
    def code(self) -> str:
        return self.type.removeprefix(PROBLEM_PREFIX)


def problem_type(code: str) -> str:
    return PROBLEM_PREFIX + code
