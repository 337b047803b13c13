"""Review and export API schemas (SYNC_PROTOCOL.md §3, §4.9, §4.10, §5; UI.md §3.8).

Requests forbid unknown fields (§4.1); responses are plain models clients may extend. The
decision object is the one the feed carries (``sync.protocol.DecisionData``) plus what only the
review screen needs: the feed seq, whether the agent has pulled it, and its undo.
"""

from __future__ import annotations

import datetime as dt
import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

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


def _field_path_pattern() -> str:
    fields = "|".join(sorted(PROSPECT_FIELDS - {"heirs"}))
    heir_fields = "|".join(sorted(protocol.HeirPayload.model_fields))
    return rf"^(?:{fields}|heirs|heirs\.[0-9]{{1,2}}\.(?:{heir_fields}))$"


FIELD_PATH = _field_path_pattern()
UUID7 = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-7[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$"
DecisionId = Annotated[
    str, Field(pattern=UUID7, description="UUIDv7 made by the caller; a repeat is a no-op")
]
FieldNotes = Annotated[
    dict[Annotated[str, StringConstraints(pattern=FIELD_PATH)], FieldNote],
    Field(
        max_length=MAX_FIELD_NOTES,
        description="Per field (`mother_maiden_name`, `heirs.0.name`): what to correct",
        json_schema_extra={"additionalProperties": False},
    ),
]


class _Decision(_Request):
    decision_id: DecisionId
    record_revision: int = Field(ge=1, le=1_000_000)

    @property
    def id(self) -> uuid.UUID:
        return uuid.UUID(self.decision_id)


class ApproveFields(_Decision):
    outcome: Literal["approve"]
    note: Note | None = None
    reason_code: ReasonCode | None = None

    @property
    def field_notes(self) -> dict[str, str]:
        return {}


class ReturnFields(_Decision):
    """Back to the agent for correction: a note, optionally a reason and notes per field."""

    outcome: Literal["return"]
    note: Note
    reason_code: ReasonCode | None = None
    field_notes: FieldNotes = Field(default_factory=dict)


class RejectFields(_Decision):
    outcome: Literal["reject"]
    note: Note
    reason_code: ReasonCode

    @property
    def field_notes(self) -> dict[str, str]:
        return {}


class ReopenFields(_Decision):
    """An approved record back to the agent (before it was exported)."""

    outcome: Literal["reopen"]
    note: Note
    reason_code: ReasonCode | None = None
    field_notes: FieldNotes = Field(default_factory=dict)


DecisionFields = ApproveFields | ReturnFields | RejectFields | ReopenFields
DecideRequest = Annotated[DecisionFields, Field(discriminator="outcome")]


class _OnRecord(BaseModel):
    record_id: uuid.UUID


class BulkApprove(ApproveFields, _OnRecord):
    pass


class BulkReturn(ReturnFields, _OnRecord):
    pass


class BulkReject(RejectFields, _OnRecord):
    pass


class BulkReopen(ReopenFields, _OnRecord):
    pass


BulkItem = Annotated[
    BulkApprove | BulkReturn | BulkReject | BulkReopen, Field(discriminator="outcome")
]


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


class NotDuplicateRequest(_Request):
    """The pair (or, without ``candidate_id``, every open pair of this record) is not one
    person."""

    resolution: Literal["not_duplicate"]
    candidate_id: uuid.UUID | None = None


class DuplicateRequest(_Request):
    """Reject *this* record as a DUPLICATE of the candidate: a decision, with its own id,
    the revision judged and a note."""

    resolution: Literal["duplicate"]
    candidate_id: uuid.UUID | None = None
    decision_id: DecisionId
    record_revision: int = Field(ge=1, le=1_000_000)
    note: Note


ResolutionRequest = Annotated[
    NotDuplicateRequest | DuplicateRequest, Field(discriminator="resolution")
]


class ResolutionOut(BaseModel):
    record_id: uuid.UUID
    resolution: Literal["not_duplicate", "duplicate"]
    resolved: int
    flags: list[str]
    unresolved_duplicates: int
    decision: DecisionOut | None
