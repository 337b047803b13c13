"""Supervisor decisions: decide, bulk decide, undo (SYNC_PROTOCOL.md §3, §4.9, §5, §7).

"Decisions and edits follow the same shape" as a push (§7): one transaction; the agent's lock
(``pg_advisory_xact_lock``, the one push takes; SQLite has one writer) and the NIK lock first,
then the record row under ``FOR UPDATE``; state checks; writes; seqs from the feed counter last
(the decision entry, then the record entry with its new ``review_state``, in the owner's
feed); the audit chain; ``COMMIT`` before the response. Deadlocks and serialisation failures are
retried, then answered 503.

The caller makes the decision id (UUIDv7): a repeat of the same id answers 200 with the stored
decision whatever happened since, so a lost reply is safe to retry.

**Undo** (project addition): the supervisor who made the latest decision on a record may undo it
within ``review_undo_seconds`` (2 min) while no device of the agent has confirmed a cursor at
or above its seq (``last_pulled_seq``), and, for an approval, before any export. The decision is
kept (``undone_at``), its feed entry is withdrawn, and the record goes back to the state it
replaced at a new seq. Otherwise 409 ``undo-unavailable`` with ``reason``.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from server.clock import local_today
from server.config import ServerSettings
from server.db import Database, is_retryable
from server.models.records import Decision, Record
from server.problems import ProblemError
from server.repositories import audit as audit_repo
from server.repositories import feed as feed_repo
from server.repositories import records as records_repo
from server.repositories import review as repo
from server.repositories.audit import AuditEntry
from server.repositories.feed import FeedKey
from server.schemas_review import (
    BulkRequest,
    BulkResponse,
    BulkResult,
    DecisionFields,
    DecisionOut,
)
from server.services import duplicates
from server.services.context import Caller, UserAuth, in_scope
from server.services.review import (
    UndoRules,
    decisions_out,
    latest_effective,
    require_decider,
    run_checks,
)

log = logging.getLogger(__name__)

STATE_OF_OUTCOME = {
    "approve": "approved",
    "return": "returned",
    "reject": "rejected",
    "reopen": "returned",
}
NOT_CLEAN_FLAGS = frozenset(
    {"possible_duplicate", "attachments_missing", "awaiting_parent", "out_of_area"}
)
T = TypeVar("T")


# ---------------------------------------------------------------------------------------------
# The transaction shape shared by decisions, edits and duplicate resolutions
# ---------------------------------------------------------------------------------------------


@dataclass
class ReviewTx:
    """One review write: collects feed keys and audit entries, published last before COMMIT."""

    session: Session
    by: UserAuth
    caller: Caller
    settings: ServerSettings
    feed: list[FeedKey] = field(default_factory=list)
    audit: list[AuditEntry] = field(default_factory=list)

    @property
    def now(self) -> datetime:
        return self.caller.now

    def publish(self, record: Record) -> None:
        """Move ``record`` to the end of its owner's feed (state, flags or payload changed)."""
        self.feed.append(FeedKey(record.agent_id, "record", record.id))

    def note(
        self, action: str, result: str, record: Record, detail: dict[str, object] | None = None
    ) -> None:
        self.audit.append(
            AuditEntry(
                action=action,
                result=result,
                actor_id=self.by.user_id,
                actor_role="supervisor",
                entity_type=record.entity_type,
                entity_id=str(record.id),
                revision=record.revision,
                ip=self.caller.ip,
                detail=detail,
            )
        )

    def finish(self) -> dict[FeedKey, int]:
        self.session.flush()
        seqs = feed_repo.publish(self.session, keys=self.feed)
        audit_repo.append(self.session, self.audit, now=self.now)
        return seqs


def with_retries(settings: ServerSettings, work: Callable[[], T]) -> T:
    """Run a write transaction, again after a deadlock or serialisation failure (§7.5)."""
    for attempt in range(settings.deadlock_retries + 1):
        try:
            return work()
        except DBAPIError as exc:
            if not is_retryable(exc):
                raise
            log.warning("review write retry %d after %s", attempt + 1, type(exc.orig).__name__)
    raise ProblemError("unavailable", headers={"Retry-After": "1"})


def lock_records(
    session: Session, *, by: UserAuth, record_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, Record]:
    """Lock, in a fixed order, the owners and NIKs of the prospects the caller may decide,
    then the rows themselves; records outside the caller's scope are left out (→ 404)."""
    wanted = list(dict.fromkeys(record_ids))
    rows = session.execute(
        select(Record.id, Record.agent_id, Record.nik, Record.area_code, Record.entity_type).where(
            Record.id.in_(wanted)
        )
    ).all()
    mine = [r for r in rows if r.entity_type == "prospect" and in_scope(r.area_code, by.areas)]
    for agent_id in sorted({r.agent_id for r in mine}):
        records_repo.lock_agent(session, agent_id=agent_id)
    records_repo.lock_niks(session, niks=[r.nik for r in mine if r.nik])
    out = {}
    for row in sorted(mine, key=lambda r: r.id):
        record = repo.lock_record(session, record_id=row.id)
        if record is not None:
            out[record.id] = record
    return out


def lock_one(session: Session, *, by: UserAuth, record_id: uuid.UUID) -> Record:
    record = lock_records(session, by=by, record_ids=[record_id]).get(record_id)
    if record is None:
        raise ProblemError("not-found")
    return record


# ---------------------------------------------------------------------------------------------
# Applying one decision
# ---------------------------------------------------------------------------------------------


def _consent_payload(session: Session, record: Record) -> dict[str, object] | None:
    consents = [
        c
        for c in repo.children(session, parent_id=record.id, entity_type="consent")
        if not c.deleted
    ]
    if not consents:
        return None
    value = json.loads(consents[-1].payload)
    return value if isinstance(value, dict) else None


def _clean(tx: ReviewTx, record: Record) -> bool:
    """No flag to look at and no failed rule: what "Setujui yang dipilih" may approve."""
    if NOT_CLEAN_FLAGS & set(record.flags or []):
        return False
    payload = json.loads(record.payload)
    checks = run_checks(
        payload, consent=_consent_payload(tx.session, record), today=local_today(tx.now)
    )
    return not any(c.severity == "error" for c in checks)


def apply_decision(
    tx: ReviewTx,
    record: Record,
    request: DecisionFields,
    *,
    bulk: bool = False,
    reason_code: str | None = None,
) -> tuple[Decision, bool]:
    """Validate and write one decision on a locked, in-scope prospect. Returns the decision
    and whether it was created (``False``: a repeat of a stored decision id). Every check
    comes before any write, so a refusal leaves nothing behind."""
    session = tx.session
    stored = session.get(Decision, request.id)
    if stored is not None:
        if stored.record_id != record.id:
            raise ProblemError(
                "validation-failed", errors=[{"field": "decision_id", "code": "id-reused"}]
            )
        return stored, False
    outcome = request.outcome
    if request.record_revision != record.revision:
        raise ProblemError(
            "stale-revision", current_revision=record.revision, review_state=record.review_state
        )
    allowed = (
        record.review_state == "approved" and record.exported_at is None
        if outcome == "reopen"
        else record.review_state == "received"
    )
    if record.deleted or not allowed:
        raise ProblemError(
            "invalid-transition",
            review_state=record.review_state,
            exported=record.exported_at is not None,
        )
    if outcome == "approve":
        session.flush()
        if repo.unresolved_count(session, record_id=record.id):
            raise ProblemError("duplicate-unresolved")
        if bulk and not _clean(tx, record):
            raise ProblemError("not-clean")
    decision = Decision(
        id=request.id,
        record_id=record.id,
        record_revision=record.revision,
        agent_id=record.agent_id,
        outcome=outcome,
        note=request.note,
        reason_code=reason_code or request.reason_code,
        field_notes=dict(request.field_notes),
        decided_by=tx.by.user_id,
        decided_at=tx.now,
        previous_state=record.review_state,
    )
    session.add(decision)
    record.review_state = STATE_OF_OUTCOME[outcome]
    record.updated_at = tx.now
    if outcome == "approve":
        record.approved_at = tx.now
    elif outcome == "reopen":
        record.approved_at = None
    changed = duplicates.refresh_flags(
        session, [record, *(p.candidate for p in repo.pairs_of(session, record_id=record.id))]
    )
    tx.feed.append(FeedKey(record.agent_id, "decision", decision.id))
    tx.publish(record)
    for other in changed:
        if other.id != record.id:
            tx.publish(other)
    tx.note(
        "review.decide",
        outcome,
        record,
        {"decision_id": str(decision.id), "reason_code": decision.reason_code, "bulk": bulk},
    )
    return decision, True


def _out(session: Session, tx: ReviewTx, record: Record, decision: Decision) -> DecisionOut:
    """The answer for a decision just written or replayed (read in the same transaction)."""
    rules = UndoRules(timedelta(seconds=tx.settings.review_undo_seconds), tx.now)
    session.flush()
    latest = latest_effective(repo.decisions_of(session, record_id=record.id))
    [out] = decisions_out(
        session, record=record, decisions=[decision], by=tx.by, rules=rules, latest=latest
    )
    return out


# ---------------------------------------------------------------------------------------------
# Endpoints' services
# ---------------------------------------------------------------------------------------------


def decide(
    db: Database,
    *,
    by: UserAuth,
    record_id: uuid.UUID,
    request: DecisionFields,
    caller: Caller,
    settings: ServerSettings,
) -> tuple[DecisionOut, bool]:
    """One decision; ``(decision, created)`` (``False``: a repeat of the same decision id)."""
    require_decider(by)

    def work() -> tuple[DecisionOut, bool]:
        with db.write() as session:
            tx = ReviewTx(session, by, caller, settings)
            record = lock_one(session, by=by, record_id=record_id)
            decision, created = apply_decision(tx, record, request)
            if created:
                tx.finish()
            return _out(session, tx, record, decision), created

    return with_retries(settings, work)


def decide_bulk(
    db: Database,
    *,
    by: UserAuth,
    request: BulkRequest,
    caller: Caller,
    settings: ServerSettings,
) -> BulkResponse:
    """Up to 200 decisions in one transaction, each answered as the single endpoint would;
    an approval here also needs a clean record (no flag, no failed rule: ``not-clean``)."""
    require_decider(by)

    def work() -> BulkResponse:
        with db.write() as session:
            tx = ReviewTx(session, by, caller, settings)
            records = lock_records(session, by=by, record_ids=[i.record_id for i in request.items])
            done: list[tuple[int, Record, Decision, bool]] = []
            results: dict[int, BulkResult] = {}
            for index, item in enumerate(request.items):
                record = records.get(item.record_id)
                if record is None:
                    results[index] = BulkResult(
                        record_id=item.record_id,
                        decision_id=item.id,
                        status=404,
                        problem="not-found",
                    )
                    continue
                try:
                    decision, created = apply_decision(tx, record, item, bulk=True)
                except ProblemError as exc:
                    results[index] = BulkResult(
                        record_id=item.record_id,
                        decision_id=item.id,
                        status=exc.status,
                        problem=exc.code,
                        current_revision=exc.extensions.get("current_revision"),
                        review_state=record.review_state,  # type: ignore[arg-type]
                    )
                    continue
                done.append((index, record, decision, created))
            tx.audit.append(
                AuditEntry(
                    action="review.bulk",
                    result="processed",
                    actor_id=by.user_id,
                    actor_role="supervisor",
                    entity_type="bulk",
                    entity_id=str(request.items[0].id),
                    ip=caller.ip,
                    detail={
                        "items": len(request.items),
                        "created": sum(1 for *_, created in done if created),
                    },
                )
            )
            tx.finish()
            for index, record, decision, created in done:
                results[index] = BulkResult(
                    record_id=record.id,
                    decision_id=decision.id,
                    status=201 if created else 200,
                    review_state=record.review_state,  # type: ignore[arg-type]
                    decision=_out(session, tx, record, decision),
                )
            return BulkResponse(results=[results[i] for i in range(len(request.items))])

    return with_retries(settings, work)


def undo(
    db: Database,
    *,
    by: UserAuth,
    decision_id: uuid.UUID,
    caller: Caller,
    settings: ServerSettings,
) -> DecisionOut:
    """Undo the caller's latest decision on a record if the agent has not pulled it yet."""
    require_decider(by)
    rules = UndoRules(timedelta(seconds=settings.review_undo_seconds), caller.now)

    def work() -> DecisionOut:
        with db.write() as session:
            tx = ReviewTx(session, by, caller, settings)
            found = session.get(Decision, decision_id)
            if found is None:
                raise ProblemError("not-found")
            record = lock_one(session, by=by, record_id=found.record_id)
            decision = session.get(Decision, decision_id, populate_existing=True)
            assert decision is not None
            if decision.decided_by != by.user_id:
                raise ProblemError("forbidden")
            if decision.undone_at is not None:  # a repeat: the undo is done
                return _out(session, tx, record, decision)
            decisions = repo.decisions_of(session, record_id=record.id)
            latest = latest_effective(decisions)
            seqs = repo.decision_seqs(session, agent_id=record.agent_id, ids=[decision.id])
            reason = rules.why_not(
                decision,
                record=record,
                seq=seqs.get(decision.id),
                delivered_seq=repo.delivered_seq(session, agent_id=record.agent_id),
                latest_effective=latest.id if latest else None,
            )
            if reason is not None:
                raise ProblemError("undo-unavailable", reason=reason)
            _revert(tx, record, decision, decisions)
            tx.finish()
            return _out(session, tx, record, decision)

    return with_retries(settings, work)


def _revert(tx: ReviewTx, record: Record, decision: Decision, decisions: list[Decision]) -> None:
    session = tx.session
    decision.undone_at = tx.now
    decision.undone_by = tx.by.user_id
    record.review_state = decision.previous_state or "received"
    record.updated_at = tx.now
    if decision.outcome == "approve":
        record.approved_at = None
    elif decision.outcome == "reopen":
        approvals = [
            d
            for d in decisions
            if d.outcome == "approve" and d.undone_at is None and d.id != decision.id
        ]
        record.approved_at = max((d.decided_at for d in approvals), default=tx.now)
    others: list[Record] = []
    if decision.outcome == "reject":
        repo.reopen_pairs(session, record_id=record.id, resolution="duplicate")
        others = duplicates.rematch(session, record, now=tx.now)
    others += [p.candidate for p in repo.pairs_of(session, record_id=record.id)]
    changed = duplicates.refresh_flags(session, [record, *others])
    repo.drop_feed_entry(session, agent_id=record.agent_id, kind="decision", entity_id=decision.id)
    tx.publish(record)
    for other in changed:
        if other.id != record.id:
            tx.publish(other)
    tx.note("review.undo", decision.outcome, record, {"decision_id": str(decision.id)})
