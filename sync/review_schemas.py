"""What the supervisor's review screen reads from and sends to the server (SYNC_PROTOCOL.md §4.4,
§4.9, §4.10; UI.md §3.8).

Client-side twins of the server's review schemas: responses ignore unknown fields (a newer
server may add some, §4.1), requests are plain models dumped to JSON. No Qt, no HTTP: the
client (:mod:`sync.review_client`) parses into these and the UI reads them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from sync.protocol import Outcome, ReviewState, UserInfo

__all__ = [
    "REASON_CODES",
    "FLAGS",
    "MAX_BULK",
    "AuditEvent",
    "AuditPage",
    "AgentInfo",
    "BatchFilters",
    "BatchOut",
    "BatchPage",
    "BulkResult",
    "CandidateOut",
    "CheckOut",
    "DecisionDraft",
    "DecisionOut",
    "ExportRequest",
    "ExportResult",
    "FieldChange",
    "HiddenCandidateOut",
    "PersonRef",
    "RecordDetail",
    "RecordFilters",
    "RecordOut",
    "RecordPage",
    "RecordSummary",
    "ResolutionOut",
    "RevisionOut",
    "RevisionSummary",
    "SupervisorSession",
]

MAX_BULK = 200  # "Setujui yang dipilih (≤ 200)"
REASON_CODES = (
    "DATA_INCOMPLETE",
    "DATA_INVALID",
    "DUPLICATE",
    "NOT_ELIGIBLE",
    "NO_CONSENT",
    "ALREADY_MEMBER",
    "OTHER",
)
FLAGS = ("possible_duplicate", "out_of_area", "attachments_missing", "awaiting_parent")


class _Reply(BaseModel):
    model_config = ConfigDict(extra="ignore")


# ------------------------------------------------------------------------------ sign-in


@dataclass(frozen=True, slots=True, repr=False)
class SupervisorSession:
    """A signed-in supervisor. The token lives in memory only, never on disk (SYNC §2.2)."""

    token: str
    expires_at: datetime
    user: UserInfo

    def __repr__(self) -> str:  # never print the token
        return f"SupervisorSession(user={self.user.username!r}, expires_at={self.expires_at})"


# ------------------------------------------------------------------------------ people, decisions


class PersonRef(_Reply):
    id: uuid.UUID
    username: str = ""
    display_name: str = ""

    @property
    def label(self) -> str:
        return self.display_name or self.username


class DecidedBy(_Reply):
    id: uuid.UUID
    display_name: str = ""


class DecisionOut(_Reply):
    id: uuid.UUID
    record_id: uuid.UUID
    record_revision: int
    outcome: Outcome
    note: str | None = None
    reason_code: str | None = None
    field_notes: dict[str, str] = Field(default_factory=dict)
    decided_by: DecidedBy | None = None
    decided_at: datetime
    seq: int | None = None
    delivered: bool = False
    undone_at: datetime | None = None
    can_undo: bool = False


class DecisionDraft(BaseModel):
    """One decision as the supervisor made it; ``decision_id`` (UUIDv7) is made once, so a retry
    after a lost reply is answered with the stored decision (§4.9)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    decision_id: uuid.UUID
    record_revision: int
    outcome: Outcome
    note: str | None = None
    reason_code: str | None = None
    field_notes: dict[str, str] = Field(default_factory=dict)

    def body(self) -> dict[str, Any]:
        out = self.model_dump(mode="json", exclude_none=True)
        if not out.get("field_notes"):
            out.pop("field_notes", None)
        return out


class BulkResult(_Reply):
    record_id: uuid.UUID
    decision_id: uuid.UUID
    status: int
    problem: str | None = None
    current_revision: int | None = None
    review_state: ReviewState | None = None
    decision: DecisionOut | None = None

    @property
    def ok(self) -> bool:
        return self.status in (200, 201)


# ------------------------------------------------------------------------------ queue, records


class StateCounts(_Reply):
    received: int = 0
    approved: int = 0
    returned: int = 0
    rejected: int = 0
    withdrawn: int = 0


class BatchOut(_Reply):
    """One outreach event (``id``), or an agent's prospects outside any event (``id`` None)."""

    id: uuid.UUID | None
    agent: PersonRef
    area_code: str | None = None
    place_kind: str | None = None
    place_name: str | None = None
    date: dt.date | None = None
    closed: bool = False
    expected: int | None = None
    arrived: int = 0
    total: int = 0
    pending: int = 0
    flagged: int = 0
    counts: StateCounts = Field(default_factory=StateCounts)
    last_received_at: datetime | None = None

    @property
    def key(self) -> str:
        """``batch_id`` for the record list: the event id, or ``none`` plus the agent."""
        return str(self.id) if self.id is not None else f"none:{self.agent.id}"


class BatchPage(_Reply):
    batches: list[BatchOut]
    next_cursor: str | None = None


class RecordSummary(_Reply):
    id: uuid.UUID
    revision: int
    review_state: ReviewState | None = None
    flags: list[str] = Field(default_factory=list)
    area_code: str | None = None
    batch_id: uuid.UUID | None = None
    agent: PersonRef
    nik: str | None = None
    full_name: str | None = None
    birth_date: str | None = None
    sex: str | None = None
    occupation_1: str | None = None
    errors: int = 0
    warnings: int = 0
    received_at: datetime | None = None
    decided_revision: int | None = None

    @property
    def clean(self) -> bool:
        """May go into "Setujui yang dipilih": waiting, no flag, no error."""
        return self.review_state == "received" and not self.flags and self.errors == 0


class RecordPage(_Reply):
    records: list[RecordSummary]
    next_cursor: str | None = None


class RecordOut(_Reply):
    id: uuid.UUID
    revision: int
    review_state: ReviewState | None = None
    flags: list[str] = Field(default_factory=list)
    area_code: str | None = None
    batch_id: uuid.UUID | None = None
    agent: PersonRef
    author_role: str = "agent"
    deleted: bool = False
    payload: dict[str, Any] = Field(default_factory=dict)
    payload_hash: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    approved_at: datetime | None = None
    exported_at: datetime | None = None


class CheckOut(_Reply):
    code: str
    field: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)
    severity: Literal["error", "warning"]
    acknowledged: bool = False
    reason: str | None = None


class RevisionSummary(_Reply):
    revision: int
    author_role: str = "agent"
    author: PersonRef | None = None
    received_at: datetime
    note: str | None = None
    payload_hash: str = ""
    deleted: bool = False


class RevisionOut(_Reply):
    record_id: uuid.UUID
    revision: int
    author_role: str = "agent"
    author: PersonRef | None = None
    received_at: datetime
    note: str | None = None
    payload: dict[str, Any] = Field(default_factory=dict)
    payload_hash: str = ""
    deleted: bool = False
    checks: list[CheckOut] = Field(default_factory=list)
    review_state: ReviewState | None = None
    flags: list[str] = Field(default_factory=list)


class FieldChange(_Reply):
    field: str
    before: Any = None
    after: Any = None


class CandidateOut(_Reply):
    """A prospect with the same NIK, in the supervisor's scope: shown side by side."""

    id: uuid.UUID
    area_code: str | None = None
    review_state: ReviewState | None = None
    match: str = "nik"
    in_scope: Literal[True] = True
    revision: int
    agent: PersonRef
    flags: list[str] = Field(default_factory=list)
    resolution: str | None = None
    payload: dict[str, Any] = Field(default_factory=dict)
    differences: list[FieldChange] = Field(default_factory=list)


class HiddenCandidateOut(_Reply):
    """Outside the scope: only area, state and the match (§4.9)."""

    area_code: str | None = None
    review_state: ReviewState | None = None
    match: str = "nik"


class AttachmentOut(_Reply):
    id: uuid.UUID
    kind: str | None = None
    content_type: str | None = None
    size: int | None = None
    flags: list[str] = Field(default_factory=list)


class RecordDetail(_Reply):
    record: RecordOut
    checks: list[CheckOut] = Field(default_factory=list)
    revisions: list[RevisionSummary] = Field(default_factory=list)
    decisions: list[DecisionOut] = Field(default_factory=list)
    candidates: list[CandidateOut | HiddenCandidateOut] = Field(default_factory=list)
    unresolved_duplicates: int = 0
    consent: dict[str, Any] | None = None
    attachments: list[AttachmentOut] = Field(default_factory=list)
    judged_revision: int | None = None
    changes_since_judged: list[FieldChange] = Field(default_factory=list)
    delivered_seq: int = 0
    actions: list[str] = Field(default_factory=list)

    @property
    def shown_candidates(self) -> list[CandidateOut]:
        return [c for c in self.candidates if isinstance(c, CandidateOut)]

    @property
    def hidden_candidates(self) -> list[HiddenCandidateOut]:
        return [c for c in self.candidates if isinstance(c, HiddenCandidateOut)]


class ResolutionOut(_Reply):
    record_id: uuid.UUID
    resolution: Literal["not_duplicate", "duplicate"]
    resolved: int = 0
    flags: list[str] = Field(default_factory=list)
    unresolved_duplicates: int = 0
    decision: DecisionOut | None = None


# ------------------------------------------------------------------------------ people, audit


class AgentInfo(_Reply):
    """An agent in the supervisor's scope (``GET /admin/users``): the *Petugas* filter."""

    id: uuid.UUID
    username: str
    display_name: str = ""
    roles: list[str] = Field(default_factory=list)
    areas: list[str] = Field(default_factory=list)
    active: bool = True


class AuditEvent(_Reply):
    seq: int
    at: datetime
    actor_id: uuid.UUID | None = None
    actor_role: str | None = None
    action: str
    entity_type: str | None = None
    entity_id: str | None = None
    revision: int | None = None
    result: str = ""
    detail: dict[str, Any] | None = None


class AuditPage(_Reply):
    events: list[AuditEvent]
    next_cursor: str | None = None


# ------------------------------------------------------------------------------ filters, export


@dataclass(frozen=True, slots=True)
class BatchFilters:
    """The queue filters of the header (Wilayah, Petugas, Status, Tanda, Dari/Sampai)."""

    area: str | None = None
    agent_id: uuid.UUID | None = None
    state: ReviewState | None = None
    flag: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def params(self) -> dict[str, str]:
        out: dict[str, str] = {}
        if self.area:
            out["area"] = self.area
        if self.agent_id is not None:
            out["agent_id"] = str(self.agent_id)
        if self.state:
            out["state"] = self.state
        if self.flag:
            out["flag"] = self.flag
        if self.date_from is not None:
            out["from"] = self.date_from.isoformat()
        if self.date_to is not None:
            out["to"] = self.date_to.isoformat()
        return out


@dataclass(frozen=True, slots=True)
class RecordFilters:
    """Records of one batch (``BatchOut.key``), narrowed by state, flag or a NIK/name query."""

    batch: str | None = None
    state: ReviewState | None = None
    flag: str | None = None
    q: str | None = None
    area: str | None = None

    def params(self) -> dict[str, str]:
        out: dict[str, str] = {}
        if self.batch:
            if self.batch.startswith("none:"):
                out["batch_id"] = "none"
                out["agent_id"] = self.batch.removeprefix("none:")
            else:
                out["batch_id"] = self.batch
        for key in ("state", "flag", "q", "area"):
            value = getattr(self, key)
            if value:
                out[key] = value
        return out


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """``GET /exports/records``: approved enrollments per area and approval period."""

    fmt: Literal["xlsx", "csv"] = "xlsx"
    area: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def params(self) -> dict[str, str]:
        out = {"format": self.fmt, "state": "approved"}
        if self.area:
            out["area"] = self.area
        if self.date_from is not None:
            out["from"] = self.date_from.isoformat()
        if self.date_to is not None:
            out["to"] = self.date_to.isoformat()
        return out


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Any  # pathlib.Path of the finished file
    rows: int | None
    bytes_written: int
