"""Prospect use cases; each is one transaction (ARCHITECTURE.md §4, STYLE.md §2).

``save`` validates (``models.rules.validation.check_prospect`` with the local NIK duplicates),
upserts the prospect, rewrites its heirs and FTS entry, writes its consent, and for
``submit=True`` its outbox rows (replacing a still-pending one, never a frozen one), then an
audit row, and commits: all of it or nothing. A draft (``submit=False``) is always stored,
with its issues; a submit with blocking issues raises ``ValidationError`` and stores nothing.

Revisions: a draft that was never submitted has revision 0. Each submit gets
``outbox.next_revision`` (a pending row's number is reused; otherwise base = the newest revision
the server will hold, and revision = base + 1).
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pydantic
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from core.errors import ConflictError, Issue, NotFoundError, ValidationError
from models.base import new_id, utcnow
from models.consent import Consent
from models.db import Database
from models.decision import Decision
from models.outreach_event import OutreachEvent
from models.prospect import Prospect
from models.repositories import audit, outbox, search
from models.repositories import prospects as repo
from models.rules import validation
from models.services.changes import change_body
from models.services.context import AgentContext
from models.visit import Visit
from sync.protocol import MAX_PAYLOAD_BYTES, ConsentPayload, ProspectPayload, canonical_json

__all__ = [
    "READ_ONLY_BADGES",
    "DecisionInfo",
    "ProspectSnapshot",
    "SaveResult",
    "delete_draft",
    "find_by_nik",
    "jsonable",
    "load",
    "new_prospect_id",
    "record_print",
    "save",
    "withdraw",
]

READ_ONLY_BADGES = ("approved", "rejected", "withdrawn")
_READ_ONLY_STATES = ("approved", "rejected", "withdrawn")


@dataclass(frozen=True, slots=True)
class SaveResult:
    id: uuid.UUID
    revision: int
    badge: str
    issues: list[Issue]
    status: str = "draft"
    submitted: bool = False


@dataclass(frozen=True, slots=True)
class DecisionInfo:
    id: uuid.UUID
    outcome: str
    note: str | None
    reason_code: str | None
    field_notes: dict[str, str]
    record_revision: int
    decided_by: str | None
    decided_at: datetime


@dataclass(frozen=True, slots=True)
class ProspectSnapshot:
    """Everything the editor, side panel and print job need, as plain values."""

    id: uuid.UUID
    payload: dict[str, Any]
    revision: int
    server_rev: int | None
    status: str
    badge: str
    review_state: str | None
    flags: list[str]
    issues: list[Issue]
    field_notes: dict[str, str]
    server_errors: list[dict[str, Any]]
    acknowledged_warnings: dict[str, str]
    printed_count: int
    consent: dict[str, Any] | None
    consent_id: uuid.UUID | None
    has_unsent: bool
    created_at: datetime
    updated_at: datetime
    deleted: bool
    base_payload: dict[str, Any] | None = None
    latest_decision: DecisionInfo | None = None
    monthly_contribution: int | None = None
    village_name: str | None = None
    duplicates: list[repo.DuplicateRef] = field(default_factory=list)

    @property
    def read_only(self) -> bool:
        return self.badge in READ_ONLY_BADGES or self.deleted


def new_prospect_id() -> uuid.UUID:
    """The id of a new prospect, made when its form opens (UUIDv7)."""
    return new_id()


# -- payload normalisation --------------------------------------------------------------------


def jsonable(value: Any) -> Any:
    """The payload as stored and sent: JSON types, NFC strings trimmed, absent fields omitted
    (``None`` and empty strings dropped), dates ISO, UUIDs as strings."""
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            converted = jsonable(item)
            if converted is None or converted == "":
                continue
            out[str(key)] = converted
        return out
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _pydantic_issues(exc: pydantic.ValidationError, *, prefix: str = "") -> list[Issue]:
    codes = {
        "missing": "E_REQUIRED",
        "string_too_long": "E_TOO_LONG",
        "too_long": "E_TOO_LONG",
        "extra_forbidden": "E_FIELD_UNKNOWN",
    }
    issues = []
    for error in exc.errors():
        where = prefix + ".".join(str(part) for part in error["loc"])
        issues.append(
            Issue(codes.get(error["type"], "E_FORMAT"), where or None, {"type": error["type"]})
        )
    return issues


def _merge(issues: list[Issue], extra: Sequence[Issue]) -> list[Issue]:
    """Add schema issues for fields the rules did not already report."""
    reported = {i.field for i in issues if i.is_error}
    return issues + [i for i in extra if i.field not in reported]


# -- save -------------------------------------------------------------------------------------


def save(
    db: Database,
    *,
    prospect_id: uuid.UUID,
    payload: Mapping[str, Any],
    submit: bool,
    agent: AgentContext,
    today: date,
    acknowledged: Mapping[str, str] | None = None,
    consent: Mapping[str, Any] | None = None,
) -> SaveResult:
    """Store a draft (``submit=False``, always stored) or submit (``submit=True``: stored with
    its outbox rows only when nothing blocks, else ``ValidationError`` and nothing stored)."""
    with db.session_scope() as session:
        return save_in(
            session,
            prospect_id=prospect_id,
            payload=payload,
            submit=submit,
            agent=agent,
            today=today,
            acknowledged=acknowledged or {},
            consent=consent,
        )


def save_in(
    session: Session,
    *,
    prospect_id: uuid.UUID,
    payload: Mapping[str, Any],
    submit: bool,
    agent: AgentContext,
    today: date,
    acknowledged: Mapping[str, str],
    consent: Mapping[str, Any] | None,
) -> SaveResult:
    """``save`` inside the caller's transaction (imports, tests of atomicity)."""
    prospect = session.get(Prospect, prospect_id)
    if prospect is not None and (prospect.deleted_at is not None or _read_only(prospect)):
        raise ConflictError("record-read-only", params={"badge": prospect.badge})

    data = _prepare_payload(session, payload, agent=agent)
    data["acknowledged_warnings"] = _acknowledged(data, acknowledged)
    consent_row, free_id = _consent_row(session, prospect, data)
    consent_data = _prepare_consent(consent, consent_row, prospect_id=prospect_id)
    if consent_data is not None:
        data["consent_id"] = str(consent_row.id if consent_row is not None else free_id or new_id())

    issues, quote = _check(
        session, data, consent_data, prospect_id=prospect_id, agent=agent, today=today
    )
    if quote is not None and quote.ok:
        data["quote"] = quote.to_snapshot().wire()
    else:
        data.pop("quote", None)
    acked = set(validation.acknowledged_codes(data))

    wire_payload: dict[str, Any] | None = None
    wire_consent: dict[str, Any] | None = None
    encoded = b""
    if submit:
        wire_payload, schema_issues = _wire(ProspectPayload, data)
        issues = _merge(issues, schema_issues)
        if consent_data is not None:
            wire_consent, consent_issues = _wire(ConsentPayload, consent_data, prefix="consent.")
            issues = _merge(issues, consent_issues)
        encoded = canonical_json(wire_payload) if wire_payload is not None else b""
        if len(encoded) > MAX_PAYLOAD_BYTES:
            issues.append(Issue("E_PAYLOAD_TOO_LARGE", None, {"max": MAX_PAYLOAD_BYTES}))
        blocking = validation.blocking(issues, acked)
        if blocking or wire_payload is None:
            raise ValidationError(blocking or issues)

    now = utcnow()
    created = prospect is None
    stored = wire_payload if wire_payload is not None else data
    stored_consent = wire_consent if wire_consent is not None else consent_data
    # Every read comes before the first change, so no autoflush runs in between.
    slot = (
        outbox.slot_for(
            session, record_id=prospect_id, server_rev=prospect.server_rev if prospect else None
        )
        if submit
        else None
    )
    consent_id = uuid.UUID(data["consent_id"]) if stored_consent is not None else None
    consent_changed = stored_consent is not None and (
        consent_row is None or dict(consent_row.payload) != dict(stored_consent)
    )
    consent_slot = None
    if (
        submit
        and consent_id is not None
        and (consent_changed or (consent_row is not None and consent_row.status == "draft"))
    ):
        consent_slot = outbox.slot_for(
            session,
            record_id=consent_id,
            server_rev=consent_row.server_rev if consent_row is not None else None,
        )

    if prospect is None:
        prospect = Prospect(
            id=prospect_id,
            revision=0,
            created_at=now,
            badge="draft",
            status="draft",
            search_rowid=search.next_search_rowid(session),
        )
        session.add(prospect)
    repo.apply_payload(
        prospect,
        payload=stored,
        monthly_contribution=quote.monthly_first if quote is not None and quote.ok else None,
    )
    prospect.issues = [_issue_json(i) for i in issues]
    prospect.acknowledged_warnings = {
        item["code"]: item.get("reason", "") for item in stored.get("acknowledged_warnings", [])
    }
    prospect.updated_at = now
    if slot is not None:
        prospect.revision = slot.revision
        prospect.status = "queued"
        prospect.badge = "queued"
        prospect.server_errors = []
    else:
        prospect.status = "draft"
        if prospect.revision == 0:
            prospect.badge = "draft"
    session.flush()  # the prospect row exists before its consent and heir rows

    if stored_consent is not None and consent_id is not None and consent_changed:
        consent_row = _upsert_consent(
            session,
            consent_row,
            consent_id=consent_id,
            prospect_id=prospect_id,
            data=stored_consent,
            now=now,
        )
    if consent_slot is not None and consent_row is not None:
        consent_row.revision = consent_slot.revision  # set before the consent row is flushed
        consent_row.status = "queued"
    if slot is not None:
        assert wire_payload is not None
        outbox.enqueue(
            session,
            record_id=prospect_id,
            entity_type="prospect",
            revision=slot.revision,
            base_revision=slot.base_revision,
            slot=slot,
            body=change_body(
                record_id=prospect_id,
                entity_type="prospect",
                revision=slot.revision,
                base_revision=slot.base_revision,
                payload=wire_payload,
                deleted=False,
                updated_at=now,
                agent=agent,
                trusted=True,  # checked and encoded once above
                payload_json=encoded.decode(),
            ),
        )
    if consent_slot is not None and consent_row is not None:
        _enqueue_consent(session, consent_row, slot=consent_slot, agent=agent, now=now)

    repo.replace_heirs(
        session, prospect_id=prospect_id, heirs=stored.get("heirs", []), fresh=created
    )
    search.index_prospect(session, prospect=prospect, fresh=created)
    audit.record(
        session,
        action="SUBMIT" if submit else ("CREATE" if created else "UPDATE"),
        entity="prospect",
        entity_id=prospect_id,
        revision=prospect.revision,
        actor=agent.username,
        detail={"issues": len(issues)},
    )
    session.flush()
    return SaveResult(
        id=prospect_id,
        revision=prospect.revision,
        badge=prospect.badge,
        issues=issues,
        status=prospect.status,
        submitted=submit,
    )


def _read_only(prospect: Prospect) -> bool:
    return prospect.badge in READ_ONLY_BADGES or prospect.review_state in _READ_ONLY_STATES


def _prepare_payload(
    session: Session, payload: Mapping[str, Any], *, agent: AgentContext
) -> dict[str, Any]:
    data = jsonable(payload)
    if not isinstance(data, dict):
        raise TypeError("payload must be a mapping")
    data.pop("quote", None)  # recomputed and frozen on every save (DOMAIN.md §2.2 step 6)
    if agent.branch_code and "branch_code" not in data:
        data["branch_code"] = agent.branch_code
    if "area_code" not in data:
        area = _capture_area(session, data, agent=agent)
        if area:
            data["area_code"] = area
    return data


def _capture_area(session: Session, data: Mapping[str, Any], *, agent: AgentContext) -> str | None:
    """Where the prospect was captured: the event's area, else the agent's, else the address."""
    event_id = repo.as_uuid(data.get("outreach_event_id"))
    if event_id is not None:
        area = session.scalar(select(OutreachEvent.area_code).where(OutreachEvent.id == event_id))
        if area:
            return str(area)
    if agent.area_code:
        return agent.area_code
    for key in ("village_code", "district_code", "regency_code", "province_code"):
        if data.get(key):
            return str(data[key])
    return None


def _acknowledged(data: Mapping[str, Any], acknowledged: Mapping[str, str]) -> list[dict[str, str]]:
    merged: dict[str, str] = {}
    for item in data.get("acknowledged_warnings") or ():
        if isinstance(item, Mapping) and isinstance(item.get("code"), str):
            merged[item["code"]] = str(item.get("reason") or "")
    for code, reason in acknowledged.items():
        merged[code] = reason or ""
    return [
        {"code": code, "reason": reason} if reason else {"code": code}
        for code, reason in sorted(merged.items())
    ]


def _check(
    session: Session,
    data: Mapping[str, Any],
    consent_data: Mapping[str, Any] | None,
    *,
    prospect_id: uuid.UUID,
    agent: AgentContext,
    today: date,
) -> tuple[list[Issue], Any]:
    nik = data.get("nik")
    duplicates, shared = repo.open_duplicates(
        session,
        nik=nik if isinstance(nik, str) else None,
        mobile=repo.normalised_mobile(data),
        exclude_id=prospect_id,
    )
    options: dict[str, Any] = {
        "branch_regencies": agent.branch_regencies,
        "max_age": agent.max_age,
        "below_minimum": agent.below_minimum,
        "payment_periods": agent.payment_periods,
    }
    issues = validation.check_prospect(
        data,
        today=today,
        consent=consent_data,
        local_duplicates=[d.full_name or str(d.id) for d in duplicates],
        mobile_shared_with=[d.full_name or str(d.id) for d in shared],
        **options,
    )
    quote = validation.quote_for(
        data,
        today=today,
        below_minimum=agent.below_minimum,
        payment_periods=agent.payment_periods,
    )
    return issues, quote


def _wire(
    model: type[pydantic.BaseModel], data: Mapping[str, Any], *, prefix: str = ""
) -> tuple[dict[str, Any] | None, list[Issue]]:
    try:
        parsed = model.model_validate(dict(data))
    except pydantic.ValidationError as exc:
        return None, _pydantic_issues(exc, prefix=prefix)
    return parsed.wire(), []  # type: ignore[attr-defined]


def _issue_json(issue: Issue) -> dict[str, Any]:
    return {"code": issue.code, "field": issue.field, "params": jsonable(dict(issue.params))}


def _issue_of(raw: Mapping[str, Any]) -> Issue:
    return Issue(raw["code"], raw.get("field"), dict(raw.get("params") or {}))


# -- consent ----------------------------------------------------------------------------------


def _consent_row(
    session: Session, prospect: Prospect | None, data: Mapping[str, Any]
) -> tuple[Consent | None, uuid.UUID | None]:
    """The prospect's consent row, and else the id the form chose for it if that id is free."""
    wanted = repo.as_uuid(data.get("consent_id"))
    free = None
    if wanted is not None:
        row = session.get(Consent, wanted)
        if row is None:
            free = wanted
        elif row.deleted_at is None and prospect is not None and row.prospect_id == prospect.id:
            return row, None
        # else: another prospect's consent, never taken over
    if prospect is None:
        return None, free
    if prospect.consent_id is not None and prospect.consent_id != wanted:
        row = session.get(Consent, prospect.consent_id)
        if row is not None and row.deleted_at is None:
            return row, None
    stmt = (
        select(Consent)
        .where(Consent.prospect_id == prospect.id, Consent.deleted_at.is_(None))
        .order_by(Consent.created_at.desc())
        .limit(1)
    )
    return session.scalars(stmt).first(), free


def _prepare_consent(
    consent: Mapping[str, Any] | None, row: Consent | None, *, prospect_id: uuid.UUID
) -> dict[str, Any] | None:
    if consent is None:
        return dict(row.payload) if row is not None else None
    data: dict[str, Any] = jsonable(consent)
    data["prospect_id"] = str(prospect_id)
    return data


def _upsert_consent(
    session: Session,
    row: Consent | None,
    *,
    consent_id: uuid.UUID,
    prospect_id: uuid.UUID,
    data: Mapping[str, Any],
    now: datetime,
) -> Consent:
    """Write a changed consent (left ``draft`` until a submit queues it; flushed by the caller)."""
    if row is None:
        row = Consent(
            id=consent_id, prospect_id=prospect_id, revision=0, created_at=now, status="draft"
        )
        session.add(row)
    raw_guardian = data.get("guardian")
    guardian: Mapping[str, Any] = raw_guardian if isinstance(raw_guardian, Mapping) else {}
    row.payload = dict(data)
    row.notice_version = str(data.get("notice_version") or "")[:32]
    row.notice_sha256 = data.get("notice_sha256")
    row.purposes = list(data.get("purposes") or [])
    row.method = str(data.get("method") or "")[:20]
    row.paper_form_number = data.get("paper_form_number")
    row.read_aloud = bool(data.get("read_aloud", False))
    row.witness_name = data.get("witness_name")
    row.guardian_name = guardian.get("name")
    row.guardian_relationship = guardian.get("relationship")
    row.guardian_nik = guardian.get("nik")
    row.consented_at = _parse_dt(data.get("consented_at")) or now
    row.withdrawn_on = _parse_date(data.get("withdrawn_on"))
    row.status = "draft"
    row.updated_at = now
    return row


def _enqueue_consent(
    session: Session,
    row: Consent,
    *,
    slot: outbox.RevisionSlot,
    agent: AgentContext,
    now: datetime,
) -> None:
    outbox.enqueue(
        session,
        record_id=row.id,
        entity_type="consent",
        revision=slot.revision,
        base_revision=slot.base_revision,
        slot=slot,
        body=change_body(
            record_id=row.id,
            entity_type="consent",
            revision=slot.revision,
            base_revision=slot.base_revision,
            payload=row.payload,
            deleted=False,
            updated_at=now,
            agent=agent,
        ),
    )


def _parse_dt(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else None
    return None


def _parse_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


# -- load, find -------------------------------------------------------------------------------


def load(db: Database, *, prospect_id: uuid.UUID) -> ProspectSnapshot:
    """The prospect as plain values (``NotFoundError`` if unknown; tombstones are returned)."""
    with db.read_scope() as session:
        return snapshot(session, prospect_id=prospect_id)


def snapshot(session: Session, *, prospect_id: uuid.UUID) -> ProspectSnapshot:
    prospect = repo.get(session, prospect_id=prospect_id, include_deleted=True)
    if prospect is None:
        raise NotFoundError(params={"id": str(prospect_id)})
    consent_row = session.get(Consent, prospect.consent_id) if prospect.consent_id else None
    decision = session.scalars(
        select(Decision)
        .where(Decision.record_id == prospect_id)
        .order_by(Decision.decided_at.desc(), Decision.feed_seq.desc())
        .limit(1)
    ).first()
    return ProspectSnapshot(
        id=prospect.id,
        payload=dict(prospect.payload),
        revision=prospect.revision,
        server_rev=prospect.server_rev,
        status=prospect.status,
        badge=prospect.badge,
        review_state=prospect.review_state,
        flags=list(prospect.flags or []),
        issues=[_issue_of(raw) for raw in prospect.issues or []],
        field_notes=dict(prospect.field_notes or {}),
        server_errors=list(prospect.server_errors or []),
        acknowledged_warnings=dict(prospect.acknowledged_warnings or {}),
        printed_count=prospect.printed_count,
        consent=dict(consent_row.payload) if consent_row is not None else None,
        consent_id=prospect.consent_id,
        has_unsent=outbox.has_live_rows(session, record_id=prospect_id),
        created_at=prospect.created_at,
        updated_at=prospect.updated_at,
        deleted=prospect.deleted_at is not None,
        base_payload=dict(prospect.base_payload) if prospect.base_payload else None,
        latest_decision=_decision_info(decision) if decision is not None else None,
        monthly_contribution=prospect.monthly_contribution,
        village_name=prospect.village_name,
        duplicates=repo.open_with_nik(session, nik=prospect.nik, exclude_id=prospect_id)
        if prospect.nik
        else [],
    )


def _decision_info(decision: Decision) -> DecisionInfo:
    return DecisionInfo(
        id=decision.id,
        outcome=decision.outcome,
        note=decision.note,
        reason_code=decision.reason_code,
        field_notes=dict(decision.field_notes or {}),
        record_revision=decision.record_revision,
        decided_by=decision.decided_by_name,
        decided_at=decision.decided_at,
    )


def find_by_nik(session: Session, *, nik: str) -> Prospect | None:
    """The open prospect with this NIK (see ``models.repositories.prospects.find_by_nik``)."""
    return repo.find_by_nik(session, nik=nik)


# -- withdraw, delete, print ------------------------------------------------------------------


def withdraw(db: Database, *, prospect_id: uuid.UUID, agent: AgentContext) -> SaveResult:
    """Cancel a submitted prospect: a tombstone revision goes to the outbox (SYNC §5
    ``received``/``returned`` → ``withdrawn``). Never-submitted drafts use ``delete_draft``."""
    with db.session_scope() as session:
        prospect = repo.get(session, prospect_id=prospect_id)
        if prospect is None:
            raise NotFoundError(params={"id": str(prospect_id)})
        if prospect.revision == 0:
            raise ConflictError("not-submitted")
        if prospect.review_state in ("approved", "rejected", "withdrawn"):
            raise ConflictError("invalid-transition", params={"from": prospect.review_state})
        now = utcnow()
        outbox.drop_pending(session, record_id=prospect_id)
        revision, base = outbox.next_revision(
            session, record_id=prospect_id, server_rev=prospect.server_rev
        )
        last_sent = _last_submitted_payload(session, prospect)
        outbox.enqueue(
            session,
            record_id=prospect_id,
            entity_type="prospect",
            revision=revision,
            base_revision=base,
            body=change_body(
                record_id=prospect_id,
                entity_type="prospect",
                revision=revision,
                base_revision=base,
                payload=last_sent,
                deleted=True,
                updated_at=now,
                agent=agent,
            ),
        )
        prospect.revision = revision
        prospect.deleted_at = now
        prospect.updated_at = now
        prospect.badge = "withdrawn"
        prospect.status = "queued"
        audit.record(
            session,
            action="WITHDRAW",
            entity="prospect",
            entity_id=prospect_id,
            revision=revision,
            actor=agent.username,
        )
        return SaveResult(prospect_id, revision, "withdrawn", [], "queued", True)


def _last_submitted_payload(session: Session, prospect: Prospect) -> dict[str, Any]:
    """The payload of the newest submitted revision (drafts after it are not sent)."""
    from models.outbox import OutboxEntry
    from models.services.changes import parse_body

    body = session.scalar(
        select(OutboxEntry.body)
        .where(OutboxEntry.record_id == prospect.id)
        .order_by(OutboxEntry.seq.desc())
        .limit(1)
    )
    if body is not None:
        return dict(parse_body(body)["payload"])
    if prospect.base_payload:
        return dict(prospect.base_payload)
    return dict(prospect.payload)


def delete_draft(db: Database, *, prospect_id: uuid.UUID, agent: AgentContext) -> None:
    """Remove a never-submitted draft for good (it never left the laptop: nothing to sync)."""
    with db.session_scope() as session:
        prospect = repo.get(session, prospect_id=prospect_id)
        if prospect is None:
            raise NotFoundError(params={"id": str(prospect_id)})
        if prospect.revision != 0 or prospect.server_rev is not None:
            raise ConflictError("not-a-draft")
        sent_visit = session.scalar(
            select(Visit.id).where(Visit.prospect_id == prospect_id, Visit.revision > 0).limit(1)
        )
        if sent_visit is not None:
            raise ConflictError("has-synced-children")
        search.unindex_prospect(session, search_rowid=prospect.search_rowid)
        for child in (Consent, Visit):
            child_ids = list(
                session.scalars(select(child.id).where(child.prospect_id == prospect_id))
            )
            for child_id in child_ids:
                outbox.drop_pending(session, record_id=child_id)
        session.execute(delete(Prospect).where(Prospect.id == prospect_id))
        audit.record(
            session,
            action="DELETE",
            entity="prospect",
            entity_id=prospect_id,
            actor=agent.username,
        )


def record_print(
    db: Database, *, prospect_ids: Sequence[uuid.UUID], agent: AgentContext | None = None
) -> dict[uuid.UUID, int]:
    """Count a print of each prospect (the "(2x)" reprint mark) and audit it; returns the new
    counts. Unknown ids raise ``NotFoundError`` and nothing is counted."""
    ids = list(dict.fromkeys(prospect_ids))
    with db.session_scope() as session:
        stmt = select(Prospect.id, Prospect.printed_count).where(Prospect.id.in_(ids))
        found = {row.id: row.printed_count for row in session.execute(stmt)}
        missing = [i for i in ids if i not in found]
        if missing:
            raise NotFoundError(params={"ids": [str(i) for i in missing]})
        session.execute(
            update(Prospect)
            .where(Prospect.id.in_(ids))
            .values(printed_count=Prospect.printed_count + 1)
            .execution_options(synchronize_session=False)
        )
        audit.record_many(
            session,
            action="PRINT",
            entity="prospect",
            entity_ids=ids,
            actor=agent.username if agent else None,
        )
        return {i: found[i] + 1 for i in ids}
