"""Review and export API schemas (SYNC_PROTOCOL.md §3, §4.9, §4.10, §5; UI.md §3.8).

Requests forbid unknown fields (§4.1); responses are plain models clients may extend. The
decision object is the one the feed carries (``sync.protocol.DecisionData``) plus what only the
review screen needs: the feed seq, whether the agent has pulled it, and its undo.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from sync import protocol

ReviewState = protocol.ReviewState
Outcome = protocol.Outcome
Flag = Literal["possible_duplicate", "out_of_area", "attachments_missing", "awaiting_parent"]
ReasonCode = Literal[
    "DATA_INCOMPLETE",
    "DATA_INVALID",
    "DUPLICATE",
    "NOT_ELIGIBLE",
    "NO_CONSENT",
    "ALREADY_MEMBER",
    "OTHER",
]
AreaCode = Annotated[str, Field(pattern=r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")]
Note = Annotated[str, Field(min_length=1, max_length=2000)]
FieldNote = Annotated[str, Field(min_length=1, max_length=500)]
MAX_BULK = 200
MAX_FIELD_NOTES = 60

PROSPECT_FIELDS = frozenset(protocol.ProspectPayload.model_fields)
_FIELD_PATH = re.compile(r"^([a-z][a-z0-9_]*)(\.(\d{1,2})\.([a-z][a-z0-9_]*))?$")


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# ---------------------------------------------------------------------------------------------
# People, decisions
# ---------------------------------------------------------------------------------------------


class PersonRef(BaseModel):
    id: uuid.UUID
    username: str
    display_name: str


class DecidedBy(BaseModel):
    id: uuid.UUID
    display_name: str


class DecisionOut(BaseModel):
    """§3's decision, plus its feed position. ``delivered``: the agent's device has confirmed
    a cursor at or above ``seq`` ("terkirim ke agen", §4.7)."""

    id: uuid.UUID
    record_id: uuid.UUID
    record_revision: int
    outcome: Outcome
    note: str | None
    reason_code: str | None
    field_notes: dict[str, str]
    decided_by: DecidedBy
    decided_at: datetime
    seq: int | None
    delivered: bool
    undone_at: datetime | None
    can_undo: bool


def check_field_path(path: str) -> str:
    """``mother_maiden_name`` or ``heirs.0.name``: a ProspectPayload field (or heir field)."""
    match = _FIELD_PATH.match(path)
    if match is None or match.group(1) not in PROSPECT_FIELDS:
        raise ValueError(f"unknown field {path!r}")
    if match.group(2) and match.group(1) != "heirs":
        raise ValueError(f"only heirs have indexed fields: {path!r}")
    if match.group(4) and match.group(4) not in protocol.HeirPayload.model_fields:
        raise ValueError(f"unknown heir field {path!r}")
    return path


class _DecisionFields(_Request):
    decision_id: uuid.UUID = Field(description="UUIDv7 made by the caller; a repeat is a no-op")
    record_revision: int = Field(ge=1, le=1_000_000)
    outcome: Outcome
    note: Note | None = None
    reason_code: ReasonCode | None = None
    field_notes: Annotated[dict[str, FieldNote], Field(max_length=MAX_FIELD_NOTES)] = Field(
        default_factory=dict
    )

    @field_validator("decision_id")
    @classmethod
    def _uuid7(cls, value: uuid.UUID) -> uuid.UUID:
        if not protocol.is_uuid7(value):
            raise ValueError("decision_id must be a UUIDv7")
        return value

    @field_validator("field_notes")
    @classmethod
    def _paths(cls, value: dict[str, str]) -> dict[str, str]:
        for key in value:
            check_field_path(key)
        return value

    @model_validator(mode="after")
    def _required(self) -> _DecisionFields:
        if self.outcome != "approve" and not self.note:
            raise ValueError("a note is required unless approving")
        if self.outcome == "reject" and not self.reason_code:
            raise ValueError("a reason_code is required to reject")
        if self.outcome == "approve" and self.field_notes:
            raise ValueError("field notes belong to a return or reopen")
        return self


class DecideRequest(_DecisionFields):
    """``POST /review/records/{id}/decisions``."""


class BulkItem(_DecisionFields):
    record_id: uuid.UUID


class BulkRequest(_Request):
    """``POST /review/decisions:bulk``: up to 200 decisions, each answered on its own."""

    items: Annotated[list[BulkItem], Field(min_length=1, max_length=MAX_BULK)]


class BulkResult(BaseModel):
    """``status`` is what the single endpoint would have answered (201, 200, 404, 409, 422)."""

    record_id: uuid.UUID
    decision_id: uuid.UUID
    status: int
    problem: str | None = None
    current_revision: int | None = None
    review_state: ReviewState | None = None
    decision: DecisionOut | None = None


class BulkResponse(BaseModel):
    results: list[BulkResult]


# ---------------------------------------------------------------------------------------------
# Batches and records
# ---------------------------------------------------------------------------------------------


class StateCounts(BaseModel):
    received: int = 0
    approved: int = 0
    returned: int = 0
    rejected: int = 0
    withdrawn: int = 0


class BatchOut(BaseModel):
    """One outreach event (``id``), or an agent's prospects captured outside any event
    (``id`` null). ``expected``/``arrived`` give "Terima 37/37" once the event is closed;
    ``pending`` is "Tunggu" (prospects waiting for a decision)."""

    id: uuid.UUID | None
    agent: PersonRef
    area_code: str | None
    place_kind: str | None
    place_name: str | None
    date: dt.date | None
    closed: bool
    expected: int | None
    arrived: int
    total: int
    pending: int
    flagged: int
    counts: StateCounts
    last_received_at: datetime | None


class BatchPage(BaseModel):
    batches: list[BatchOut]
    next_cursor: str | None


class RecordSummary(BaseModel):
    id: uuid.UUID
    revision: int
    review_state: ReviewState | None
    flags: list[str]
    area_code: str | None
    batch_id: uuid.UUID | None
    agent: PersonRef
    nik: str | None
    full_name: str | None
    birth_date: str | None
    sex: str | None
    occupation_1: str | None
    errors: int
    warnings: int
    received_at: datetime
    decided_revision: int | None


class RecordPage(BaseModel):
    records: list[RecordSummary]
    next_cursor: str | None


class RecordOut(BaseModel):
    id: uuid.UUID
    revision: int
    review_state: ReviewState | None
    flags: list[str]
    area_code: str | None
    batch_id: uuid.UUID | None
    agent: PersonRef
    author_role: str
    deleted: bool
    payload: dict[str, Any]
    payload_hash: str
    created_at: datetime
    updated_at: datetime
    approved_at: datetime | None
    exported_at: datetime | None


class CheckOut(BaseModel):
    """A domain rule re-run on the server (``models.rules.validation.check_prospect``)."""

    code: str
    field: str | None
    params: dict[str, Any]
    severity: Literal["error", "warning"]
    acknowledged: bool
    reason: str | None = None


class RevisionSummary(BaseModel):
    revision: int
    author_role: str
    author: PersonRef | None
    received_at: datetime
    note: str | None
    payload_hash: str
    deleted: bool


class RevisionOut(BaseModel):
    record_id: uuid.UUID
    revision: int
    author_role: str
    author: PersonRef | None
    received_at: datetime
    note: str | None
    payload: dict[str, Any]
    payload_hash: str
    deleted: bool
    checks: list[CheckOut]
    review_state: ReviewState | None
    flags: list[str]


class FieldChange(BaseModel):
    """One difference between two revisions; nested values use dotted paths (``heirs.0.name``);
    ``before``/``after`` are absent when the field is absent on that side."""

    field: str
    before: Any = None
    after: Any = None


class CandidateOut(BaseModel):
    """A prospect sharing the NIK, in the caller's scope: shown side by side."""

    model_config = ConfigDict(extra="forbid")

    id: uuid.UUID
    area_code: str | None
    review_state: ReviewState | None
    match: Literal["nik"]
    in_scope: Literal[True] = True
    revision: int
    agent: PersonRef
    flags: list[str]
    resolution: str | None
    payload: dict[str, Any]
    differences: list[FieldChange]


class HiddenCandidateOut(BaseModel):
    """A candidate outside the caller's scope: only area, state and the match kind (§4.9)."""

    model_config = ConfigDict(extra="forbid")

    area_code: str | None
    review_state: ReviewState | None
    match: Literal["nik"]


class AttachmentOut(BaseModel):
    id: uuid.UUID
    owner_id: uuid.UUID | None
    kind: str | None
    content_type: str | None
    size: int | None
    flags: list[str]


class RecordDetail(BaseModel):
    """Everything the review pane shows for one prospect (UI.md §3.8)."""

    record: RecordOut
    checks: list[CheckOut]
    revisions: list[RevisionSummary]
    decisions: list[DecisionOut]
    candidates: list[CandidateOut | HiddenCandidateOut]
    unresolved_duplicates: int
    consent: dict[str, Any] | None
    attachments: list[AttachmentOut]
    judged_revision: int | None
    changes_since_judged: list[FieldChange]
    delivered_seq: int
    actions: list[Literal["approve", "return", "reject", "reopen", "edit", "resolve"]]


# ---------------------------------------------------------------------------------------------
# Edits, duplicates
# ---------------------------------------------------------------------------------------------


class EditRequest(_Request):
    """A supervisor edit: the whole new payload on top of ``base_revision`` (§4.9)."""

    base_revision: int = Field(ge=1, le=1_000_000)
    payload: dict[str, Any]
    note: Note


class ResolutionRequest(_Request):
    """``not_duplicate``: the pair (or, without ``candidate_id``, every open pair of this record)
    is not one person. ``duplicate``: reject *this* record as a DUPLICATE of the candidate, with
    ``decision_id``, ``record_revision`` and ``note`` as for a decision."""

    candidate_id: uuid.UUID | None = None
    resolution: Literal["not_duplicate", "duplicate"]
    decision_id: uuid.UUID | None = None
    record_revision: int | None = Field(default=None, ge=1, le=1_000_000)
    note: Note | None = None

    @model_validator(mode="after")
    def _reject_fields(self) -> ResolutionRequest:
        if self.resolution == "duplicate":
            if self.decision_id is None or self.record_revision is None or not self.note:
                raise ValueError("decision_id, record_revision and note are required")
            if not protocol.is_uuid7(self.decision_id):
                raise ValueError("decision_id must be a UUIDv7")
        return self


class ResolutionOut(BaseModel):
    record_id: uuid.UUID
    resolution: Literal["not_duplicate", "duplicate"]
    resolved: int
    flags: list[str]
    unresolved_duplicates: int
    decision: DecisionOut | None
