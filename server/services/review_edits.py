"""Supervisor edits and duplicate resolutions (SYNC_PROTOCOL.md §4.9, §5), shaped like decisions.

**Edit** ``{base_revision, payload, note}``, only in ``received``: the payload is checked exactly
as a pushed one (``server.services.changes.prepare``: canonical JSON, strict schema, hard NIK
rules, known region codes), becomes revision ``base + 1`` authored by the supervisor, and enters
the agent's feed (the agent's laptop merges it, §6.3). A repeat of the same content on the same
base answers 200 with the stored revision.

**Duplicate resolution**: ``not_duplicate`` closes the pair (both directions) or, without a
``candidate_id``, every open pair of the record (what a supervisor can do about a candidate
outside their scope, whose id they never see); ``duplicate`` rejects *this* record with reason
``DUPLICATE`` (a decision, same rules and idempotency) and closes its pairs as duplicates.
Flags follow (``possible_duplicate`` only while an open pair with an active prospect remains)
and records whose flags changed move in their owners' feeds.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.orm import Session

from server.clock import local_today
from server.config import ServerSettings
from server.db import Database
from server.models.records import Decision, Record, RecordRevision
from server.problems import ProblemError
from server.repositories import records as records_repo
from server.repositories import review as repo
from server.repositories import users as users_repo
from server.schemas_review import (
    DuplicateRequest,
    EditRequest,
    NotDuplicateRequest,
    RejectFields,
    ResolutionOut,
    RevisionOut,
)
from server.services import duplicates
from server.services.changes import Prepared, prepare
from server.services.context import Caller, UserAuth, in_scope
from server.services.decisions import (
    ReviewTx,
    _out,
    apply_decision,
    lock_records,
    with_retries,
)
from server.services.review import require_decider, revision_out
from sync import protocol

_NO_DEVICE = uuid.UUID(int=0)


def _invalid(errors: list[dict[str, str]]) -> ProblemError:
    return ProblemError("validation-failed", errors=errors)


def _prepared(
    record_id: uuid.UUID, request: EditRequest, *, now: datetime, settings: ServerSettings
) -> Prepared:
    """The edit as a pushed change would be checked (no database needed)."""
    try:
        digest = protocol.payload_hash(
            entity_type="prospect",
            payload=request.payload,
            schema_version=protocol.SCHEMA_CURRENT,
            deleted=False,
        )
    except protocol.CanonicalError as exc:
        raise _invalid([{"field": "payload", "code": "not-canonical"}]) from exc
    change = protocol.Change(
        id=record_id,
        entity_type="prospect",
        schema_version=protocol.SCHEMA_CURRENT,
        revision=request.base_revision + 1,
        base_revision=request.base_revision,
        deleted=False,
        updated_at=now,
        device_id=_NO_DEVICE,
        agent_id=_NO_DEVICE,
        payload=request.payload,
        payload_hash=digest,
    )
    item = prepare(
        change,
        device_id=_NO_DEVICE,
        agent_id=_NO_DEVICE,
        today=local_today(now),
        max_payload_bytes=settings.max_payload_bytes,
    )
    item.run_rules()  # hard NIK rules → errors, the others → checks stored with the revision
    return item


def edit(
    db: Database,
    *,
    by: UserAuth,
    record_id: uuid.UUID,
    request: EditRequest,
    caller: Caller,
    settings: ServerSettings,
) -> tuple[RevisionOut, bool]:
    """A supervisor revision; ``(revision, created)``."""
    require_decider(by)
    item = _prepared(record_id, request, now=caller.now, settings=settings)

    def work() -> tuple[RevisionOut, bool]:
        with db.write() as session:
            tx = ReviewTx(session, by, caller, settings)
            record = _lock(session, by, record_id, extra_niks=[item.nik] if item.nik else [])
            revision = request.base_revision + 1
            stored = session.get(RecordRevision, (record.id, revision))
            if (
                stored is not None
                and stored.payload_hash == item.change.payload_hash
                and stored.author_role == "supervisor"
            ):
                return revision_out(session, record, stored, now=caller.now), False
            if request.base_revision != record.revision:
                raise ProblemError(
                    "stale-revision",
                    current_revision=record.revision,
                    review_state=record.review_state,
                )
            if record.deleted or record.review_state != "received":
                raise ProblemError("invalid-transition", review_state=record.review_state)
            errors = list(item.errors)
            known = users_repo.known_area_codes(session, codes=item.region_codes.values())
            errors += [
                {"field": f"payload.{name}", "code": "region-unknown"}
                for name, code in item.region_codes.items()
                if code not in known
            ]
            if item.area_code and not in_scope(item.area_code, by.areas):
                errors.append({"field": "payload.area_code", "code": "out-of-scope"})
            if errors:
                raise _invalid(errors)
            row = _write(tx, record, item, request.note)
            tx.note("review.edit", "accepted", record, {"base_revision": request.base_revision})
            tx.finish()
            return revision_out(session, record, row, now=caller.now), True

    return with_retries(settings, work)


def _lock(session: Session, by: UserAuth, record_id: uuid.UUID, *, extra_niks: list[str]) -> Record:
    records_repo.lock_niks(session, niks=extra_niks)
    record = lock_records(session, by=by, record_ids=[record_id]).get(record_id)
    if record is None:
        raise ProblemError("not-found")
    return record


def _write(tx: ReviewTx, record: Record, item: Prepared, note: str) -> RecordRevision:
    session = tx.session
    now = tx.now
    change = item.change
    row = RecordRevision(
        record_id=record.id,
        revision=change.revision,
        payload_hash=change.payload_hash,
        payload=item.payload_text,
        schema_version=change.schema_version,
        deleted=False,
        author_role="supervisor",
        author_id=tx.by.user_id,
        device_id=None,
        batch_id=None,
        client_updated_at=None,
        received_at=now,
        checks=item.checks,
        note=note,
    )
    session.add(row)
    old_nik = record.nik
    record.revision = change.revision
    record.schema_version = change.schema_version
    record.payload = item.payload_text
    record.payload_hash = change.payload_hash
    record.checks = item.checks
    record.nik = item.nik
    record.area_code = item.area_code
    record.outreach_event_id = item.outreach_event_id
    record.author_role = "supervisor"
    record.device_id = None
    record.client_updated_at = now
    record.updated_at = now
    flags = set(record.flags or [])
    agent_areas = users_repo.areas_of(session, user_id=record.agent_id)
    if record.area_code and agent_areas and not in_scope(record.area_code, agent_areas):
        flags.add("out_of_area")
    else:
        flags.discard("out_of_area")
    record.flags = sorted(flags)
    session.flush()
    others: list[Record] = []
    if old_nik != record.nik:
        for other_id in repo.drop_open_pairs(session, record_id=record.id):
            other = session.get(Record, other_id)
            if other is not None:
                others.append(other)
        others += duplicates.rematch(session, record, now=now)
    changed = duplicates.refresh_flags(session, [record, *others])
    tx.publish(record)
    for other in changed:
        if other.id != record.id:
            tx.publish(other)
    return row


def resolve_duplicate(
    db: Database,
    *,
    by: UserAuth,
    record_id: uuid.UUID,
    request: NotDuplicateRequest | DuplicateRequest,
    caller: Caller,
    settings: ServerSettings,
) -> ResolutionOut:
    require_decider(by)

    def work() -> ResolutionOut:
        with db.write() as session:
            tx = ReviewTx(session, by, caller, settings)
            record = _lock(session, by, record_id, extra_niks=[])
            if record.deleted:
                raise ProblemError("invalid-transition", review_state=record.review_state)
            pairs = repo.pairs_of(session, record_id=record.id)
            if request.candidate_id is not None:
                targets = [p for p in pairs if p.candidate.id == request.candidate_id]
                if not targets:
                    raise ProblemError("not-found")
            else:
                targets = [p for p in pairs if p.resolved_at is None]
            others = [p.candidate for p in targets]
            decision: Decision | None = None
            if isinstance(request, DuplicateRequest):
                decide = RejectFields(
                    decision_id=request.decision_id,
                    record_revision=request.record_revision,
                    outcome="reject",
                    note=request.note,
                    reason_code="DUPLICATE",
                )
                decision, created = apply_decision(tx, record, decide, reason_code="DUPLICATE")
                if not created:
                    return _resolution(session, tx, record, request, 0, decision)
            resolved = repo.resolve_pairs(
                session,
                record_id=record.id,
                candidate_ids=[o.id for o in others],
                resolution=request.resolution,
                by=by.user_id,
                now=caller.now,
            )
            changed = duplicates.refresh_flags(session, [record, *others])
            for other in changed:
                tx.publish(other)
            tx.note(
                "review.duplicate-resolution",
                request.resolution,
                record,
                {"pairs": resolved, "candidate_given": request.candidate_id is not None},
            )
            tx.finish()
            return _resolution(session, tx, record, request, resolved, decision)

    return with_retries(settings, work)


def _resolution(
    session: Session,
    tx: ReviewTx,
    record: Record,
    request: NotDuplicateRequest | DuplicateRequest,
    resolved: int,
    decision: Decision | None,
) -> ResolutionOut:
    session.flush()
    return ResolutionOut(
        record_id=record.id,
        resolution=request.resolution,
        resolved=resolved,
        flags=sorted(record.flags or []),
        unresolved_duplicates=repo.unresolved_count(session, record_id=record.id),
        decision=_out(session, tx, record, decision) if decision is not None else None,
    )
