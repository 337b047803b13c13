"""Push: apply one batch of changes with an exactly-once effect (SYNC_PROTOCOL.md §4.6, §7).

One transaction per batch (on PostgreSQL, small batches of requests running at the same time
share one: ``push_group``, each decided as here, in arrival order). After the rate limit, the
agent's advisory lock (PostgreSQL; SQLite has ``BEGIN IMMEDIATE``) and the NIK locks, the batch
is decided against state preloaded in a handful of queries and written in bulk. Should that hit a unique violation (another writer
raced us: two agents claiming one id), the whole transaction is rolled back and redone with
one SAVEPOINT per change, each re-reading its state from step (a), as §7.3 prescribes (nothing
was committed, so the redo is the first effect). Seqs and the audit chain come last, then
COMMIT, then the response.

Per change, in order: (a) a stored answer for ``(agent, id, revision, payload_hash)`` is
replayed (``accepted`` becomes ``duplicate``); (b) another owner or ids that differ from the
token → ``forbidden``; (c) validation → ``invalid`` (revision not consumed); (d) revision checks
→ ``conflict``; (e) accept. Non-accepted changes are quarantined and remembered, so a resend
gets the same answer.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from server.clock import epoch_minute, local_today
from server.config import ServerSettings
from server.db import Database, is_retryable
from server.ids import new_id
from server.problems import ProblemError
from server.repositories import devices as devices_repo
from server.repositories import feed as feed_repo
from server.repositories import records as repo
from server.repositories import users as users_repo
from server.repositories.audit import AuditEntry
from server.repositories.feed import FeedKey
from server.repositories.records import RecordState, StoredAnswer, StoredRevision
from server.services.changes import Prepared, prepare
from server.services.context import Caller, DeviceAuth, in_scope
from server.services.limits import retry_after
from sync import protocol

log = logging.getLogger(__name__)

CHILD_TYPES = frozenset({"visit", "consent", "attachment"})
SEEN_EVERY = timedelta(seconds=60)  # how fresh devices.last_seen_at is kept
# PostgreSQL: pushes up to this many changes are committed in groups with the pushes of other
# requests running at the same time (``push_group``); larger batches are efficient alone.
GROUP_PUSH_MAX_CHANGES = 20


@dataclass(slots=True)
class _Draft:
    """A result being built; seq, state and flags are filled after the seqs are known."""

    id: uuid.UUID
    revision: int
    status: str
    problem: str | None = None
    current_revision: int | None = None
    errors: list[dict[str, str]] = field(default_factory=list)

    def wire(self, state: RecordState | None, seq: int | None) -> protocol.PushResult:
        ok = self.status in ("accepted", "duplicate")
        return protocol.PushResult(
            id=self.id,
            revision=self.revision,
            status=self.status,  # type: ignore[arg-type]
            seq=seq if ok else None,
            review_state=state.review_state if ok and state else None,  # type: ignore[arg-type]
            flags=sorted(state.flags) if ok and state else [],
            problem=self.problem,
            current_revision=self.current_revision,
            errors=[protocol.FieldError(**e) for e in self.errors],
        )


@dataclass(slots=True)
class _View:
    """What decisions read: loaded once, then kept current as the batch is decided."""

    states: dict[uuid.UUID, RecordState]
    answers: dict[tuple[uuid.UUID, int, str], StoredAnswer]
    revision_hashes: dict[tuple[uuid.UUID, int], StoredRevision]
    by_nik: dict[str, dict[uuid.UUID, RecordState]]
    awaiting: dict[uuid.UUID, list[RecordState]]
    known_regions: set[str]


def _view_args(items: list[Prepared]) -> dict[str, Any]:
    """What ``repo.push_view`` is asked for a batch."""
    ids = {item.change.id for item in items}
    parents = {item.parent_id for item in items if item.parent_id}
    return {
        "ids": ids | parents,
        "niks": {item.nik for item in items if item.nik},
        "prospect_ids": {i.change.id for i in items if i.change.entity_type == "prospect"},
        "pairs": [(item.change.id, item.change.revision) for item in items],
    }


def _load_view(session: Session, *, agent_id: uuid.UUID, items: list[Prepared]) -> _View:
    found = repo.push_view(session, agent_id=agent_id, **_view_args(items))
    return _view_of(session, found, items)


def _view_of(session: Session, found: repo.PushView, items: list[Prepared]) -> _View:
    ids = {item.change.id for item in items}
    states = found.near.states
    by_nik: dict[str, dict[uuid.UUID, RecordState]] = {}
    for match in found.near.nik_matches:
        by_nik.setdefault(match.nik or "", {})[match.id] = match
    awaiting: dict[uuid.UUID, list[RecordState]] = {}
    for parent_id, child in found.near.awaiting:
        if parent_id not in states:  # only a prospect arriving now releases its children
            awaiting.setdefault(parent_id, []).append(child)
    regions = {code for item in items for code in item.region_codes.values()}
    return _View(
        states=states,
        answers={k: v for k, v in found.answers.items() if k[0] in ids},
        revision_hashes=found.revisions,
        by_nik=by_nik,
        awaiting=awaiting,
        known_regions=users_repo.known_area_codes(session, codes=regions),
    )


class _Plan:
    """Decides changes against a view and collects the rows to write."""

    def __init__(
        self,
        view: _View,
        *,
        auth: DeviceAuth,
        batch_id: uuid.UUID,
        now: datetime,
        rows_of: _Plan | None = None,
    ) -> None:
        """``rows_of``: write into that plan's rows (a group of pushes decided in one
        transaction: a record touched by two pushes is one row, as within one batch)."""
        self.view = view
        self.auth = auth
        self.batch_id = batch_id
        self.now = now
        self.results: dict[int, _Draft] = {}
        self.feed_keys: list[FeedKey] = []
        self.audit: list[AuditEntry] = []
        shared = rows_of
        self.new_records: dict[uuid.UUID, dict[str, Any]] = shared.new_records if shared else {}
        self.updated_records: dict[uuid.UUID, dict[str, Any]] = (
            shared.updated_records if shared else {}
        )
        self.flag_updates: dict[uuid.UUID, dict[str, Any]] = shared.flag_updates if shared else {}
        self.revisions: list[dict[str, Any]] = shared.revisions if shared else []
        self.mutations: list[dict[str, Any]] = shared.mutations if shared else []
        self.quarantine: list[dict[str, Any]] = shared.quarantine if shared else []
        self.candidates: list[dict[str, Any]] = shared.candidates if shared else []

    # -- decisions ------------------------------------------------------------------------

    def decide(self, index: int, item: Prepared) -> None:
        change = item.change
        state = self.view.states.get(change.id)
        revision = self.view.revision_hashes.get((change.id, change.revision))
        owner = state.agent_id if state else (revision.agent_id if revision else None)
        if owner is not None and owner != self.auth.agent_id:
            self._refuse(index, item, "forbidden", problem="not-owner")
            return
        stored = self.view.answers.get(item.key)
        if stored is not None:
            self._replay(index, item, stored)
            return
        if revision is not None and revision.payload_hash == change.payload_hash:
            self.results[index] = _Draft(change.id, change.revision, "duplicate")  # e.g. an edit
            return
        if item.forbidden:
            self._refuse(index, item, "forbidden", problem=item.forbidden)
            return
        item.run_rules()
        errors = list(item.errors)
        errors += [
            {"field": f"payload.{name}", "code": "region-unknown"}
            for name, code in item.region_codes.items()
            if code not in self.view.known_regions
        ]
        if state is not None and state.entity_type != change.entity_type:
            errors.append({"field": "entity_type", "code": "entity-type-changed"})
        if errors:
            self._refuse(index, item, "invalid", errors=errors)
            return
        current = state.revision if state else 0
        problem = None
        if change.revision <= current or revision is not None:
            problem = "revision-conflict"
        elif change.base_revision != current:
            problem = "stale-base"
        elif state is not None and state.locked:
            problem = "record-locked"
        if problem:
            self._refuse(index, item, "conflict", problem=problem, current_revision=current)
            return
        self._accept(index, item, state)

    def _replay(self, index: int, item: Prepared, stored: StoredAnswer) -> None:
        change = item.change
        if stored.status in ("accepted", "duplicate"):
            self.results[index] = _Draft(change.id, change.revision, "duplicate")
        else:
            self.results[index] = _Draft(
                change.id,
                change.revision,
                stored.status,
                problem=stored.problem,
                current_revision=stored.current_revision,
                errors=list(stored.errors or []),
            )

    def _refuse(
        self,
        index: int,
        item: Prepared,
        status: str,
        *,
        problem: str | None = None,
        errors: list[dict[str, str]] | None = None,
        current_revision: int | None = None,
    ) -> None:
        change = item.change
        draft = _Draft(change.id, change.revision, status, problem, current_revision, errors or [])
        self.results[index] = draft
        self.view.answers[item.key] = StoredAnswer(status, problem, current_revision, draft.errors)
        self.mutations.append(self._mutation(item, status, problem, current_revision, errors))
        self.quarantine.append(
            {
                "id": new_id(),
                "agent_id": self.auth.agent_id,
                "device_id": self.auth.device_id,
                "batch_id": self.batch_id,
                "record_id": change.id,
                "revision": change.revision,
                "entity_type": change.entity_type,
                "status": status,
                "problem": problem,
                "errors": errors or None,
                "change": _json_text(change.model_dump(mode="json")),
                "received_at": self.now,
            }
        )
        self.audit.append(self._audit(item, f"{status}:{problem}" if problem else status))

    def _accept(self, index: int, item: Prepared, state: RecordState | None) -> None:
        change = item.change
        agent_id = self.auth.agent_id
        parent = self.view.states.get(item.parent_id) if item.parent_id else None
        own_parent = parent if parent is not None and parent.agent_id == agent_id else None
        area = item.area_code
        nik = item.nik
        if change.entity_type in CHILD_TYPES:
            area = own_parent.area_code if own_parent else (state.area_code if state else None)
        if change.deleted:
            area = state.area_code if state else area
            nik = None
        flags = set(state.flags) if state else set()
        if area and self.auth.areas and not in_scope(area, self.auth.areas):
            flags.add("out_of_area")
        else:
            flags.discard("out_of_area")
        if item.parent_id and own_parent is None:
            flags.add("awaiting_parent")
        else:
            flags.discard("awaiting_parent")
        review_state = None
        if change.entity_type == "prospect":
            review_state = "withdrawn" if change.deleted else "received"
            if state is not None and state.nik and state.nik != nik:
                self.view.by_nik.get(state.nik, {}).pop(change.id, None)
            if nik:
                others = [s for s in self.view.by_nik.get(nik, {}).values() if s.id != change.id]
                if others:
                    flags.add("possible_duplicate")
                for other in others:
                    self._flag_duplicate(change.id, other)
        new_state = RecordState(
            id=change.id,
            entity_type=change.entity_type,
            agent_id=agent_id,
            revision=change.revision,
            review_state=review_state,
            flags=sorted(flags),
            area_code=area,
            nik=nik,
            deleted=change.deleted,
        )
        self.view.states[change.id] = new_state
        if nik:
            self.view.by_nik.setdefault(nik, {})[change.id] = new_state
        if item.parent_id and "awaiting_parent" in flags and item.parent_id not in self.view.states:
            # a prospect arriving later in this batch (or group) releases it, as it would one
            # read from the database
            self.view.awaiting.setdefault(item.parent_id, []).append(new_state)
        if state is None and change.entity_type == "prospect":
            for child in self.view.awaiting.pop(change.id, []):
                current = self.view.states.get(child.id, child)
                if "awaiting_parent" in current.flags:
                    current.flags = [f for f in current.flags if f != "awaiting_parent"]
                    current.area_code = new_state.area_code  # children live where the parent does
                    self._touch(current)
        self._write_accepted(item, new_state, created=state is None)
        self.results[index] = _Draft(change.id, change.revision, "accepted")

    def _flag_duplicate(self, record_id: uuid.UUID, other: RecordState) -> None:
        for a, b in ((record_id, other.id), (other.id, record_id)):
            self.candidates.append(
                {"record_id": a, "candidate_id": b, "match_kind": "nik", "created_at": self.now}
            )
        if "possible_duplicate" not in other.flags:
            other.flags = sorted([*other.flags, "possible_duplicate"])
            self._touch(other)

    def _touch(self, state: RecordState) -> None:
        """Flags (or the area) of a record changed without a new revision: store them and
        move the record to the end of its owner's feed."""
        self.view.states[state.id] = state
        facts = {"flags": list(state.flags), "area_code": state.area_code}
        if state.id in self.new_records:
            self.new_records[state.id].update(facts)
        elif state.id in self.updated_records:
            self.updated_records[state.id].update(facts)
        else:
            self.flag_updates[state.id] = {"id": state.id, **facts, "updated_at": self.now}
        self.feed_keys.append(FeedKey(state.agent_id, "record", state.id))

    # -- rows ---------------------------------------------------------------------------

    def _write_accepted(self, item: Prepared, state: RecordState, *, created: bool) -> None:
        change = item.change
        row = {
            "id": change.id,
            "revision": change.revision,
            "schema_version": change.schema_version,
            "deleted": change.deleted,
            "payload": item.payload_text,
            "payload_hash": change.payload_hash,
            "review_state": state.review_state,
            "flags": list(state.flags),
            "checks": item.checks,
            "nik": state.nik,
            "area_code": state.area_code,
            "parent_id": item.parent_id,
            "outreach_event_id": item.outreach_event_id,
            "author_role": "agent",
            "device_id": self.auth.device_id,
            "client_updated_at": change.updated_at,
            "updated_at": self.now,
        }
        if change.id in self.new_records:
            self.new_records[change.id].update(row)
        elif created:
            row.update(entity_type=change.entity_type, agent_id=self.auth.agent_id)
            row["created_at"] = self.now
            self.new_records[change.id] = row
        else:
            self.flag_updates.pop(change.id, None)
            self.updated_records.setdefault(change.id, {}).update(row)
        self.revisions.append(
            {
                "record_id": change.id,
                "revision": change.revision,
                "payload_hash": change.payload_hash,
                "payload": item.payload_text,
                "schema_version": change.schema_version,
                "deleted": change.deleted,
                "author_role": "agent",
                "author_id": self.auth.agent_id,
                "device_id": self.auth.device_id,
                "batch_id": self.batch_id,
                "client_updated_at": change.updated_at,
                "received_at": self.now,
                "checks": item.checks,
                "note": None,
            }
        )
        self.view.answers[item.key] = StoredAnswer("accepted", None, None, None)
        self.view.revision_hashes[(change.id, change.revision)] = StoredRevision(
            change.payload_hash, self.auth.agent_id
        )
        self.mutations.append(self._mutation(item, "accepted", None, None, None))
        self.feed_keys.append(FeedKey(self.auth.agent_id, "record", change.id))
        self.audit.append(self._audit(item, "accepted"))

    def _mutation(
        self,
        item: Prepared,
        status: str,
        problem: str | None,
        current_revision: int | None,
        errors: list[dict[str, str]] | None,
    ) -> dict[str, Any]:
        return {
            "agent_id": self.auth.agent_id,
            "record_id": item.change.id,
            "revision": item.change.revision,
            "payload_hash": item.change.payload_hash,
            "status": status,
            "problem": problem,
            "current_revision": current_revision,
            "errors": errors or None,
            "device_id": self.auth.device_id,
            "batch_id": self.batch_id,
            "created_at": self.now,
        }

    def _audit(self, item: Prepared, result: str) -> AuditEntry:
        return AuditEntry(
            action="push.change",
            result=result,
            actor_id=self.auth.agent_id,
            actor_role="agent",
            device_id=self.auth.device_id,
            entity_type=item.change.entity_type,
            entity_id=str(item.change.id),
            revision=item.change.revision,
        )

    def write(self, session: Session) -> None:
        repo.write_batch(
            session,
            rows=repo.BatchRows(
                new_records=list(self.new_records.values()),
                updated_records=list(self.updated_records.values()),
                flag_updates=list(self.flag_updates.values()),
                revisions=self.revisions,
                mutations=self.mutations,
                quarantine=self.quarantine,
                candidates=self.candidates,
            ),
        )


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# ---------------------------------------------------------------------------------------------
# The service
# ---------------------------------------------------------------------------------------------


def push(
    db: Database,
    *,
    auth: DeviceAuth,
    request: protocol.PushRequest,
    caller: Caller,
    settings: ServerSettings,
) -> protocol.PushResponse:
    """Apply a batch; commits before returning the per-change results. On PostgreSQL a small
    batch joins the pushes of other requests running at the same time (``push_group``): they
    are decided one after the other, in arrival order, and committed together."""
    items = prepare_items(auth=auth, request=request, caller=caller, settings=settings)
    if db.is_postgres and len(items) <= GROUP_PUSH_MAX_CHANGES:
        from server.services import push_group  # built on this module's decisions

        group_push = push_group.Push(auth=auth, request=request, items=items, caller=caller)
        return push_group.submit(db, settings, group_push)
    return push_alone(db, auth=auth, request=request, items=items, caller=caller, settings=settings)


def prepare_items(
    *,
    auth: DeviceAuth,
    request: protocol.PushRequest,
    caller: Caller,
    settings: ServerSettings,
) -> list[Prepared]:
    """The batch's changes validated and prepared (payload checks; rules run when decided)."""
    today = local_today(caller.now)
    return [
        prepare(
            change,
            device_id=auth.device_id,
            agent_id=auth.agent_id,
            today=today,
            max_payload_bytes=settings.max_payload_bytes,
        )
        for change in request.changes
    ]


def push_alone(
    db: Database,
    *,
    auth: DeviceAuth,
    request: protocol.PushRequest,
    items: list[Prepared],
    caller: Caller,
    settings: ServerSettings,
) -> protocol.PushResponse:
    """One batch in its own transaction (redone with per-change savepoints after a race)."""
    careful = False  # per-change savepoints, once the batch as a whole raced another writer
    failures = 0
    while True:
        try:
            return _push_once(
                db,
                auth=auth,
                request=request,
                items=items,
                caller=caller,
                settings=settings,
                careful=careful,
            )
        except IntegrityError:
            if careful:
                raise
            log.info(
                "push batch %s raced another writer; redone change by change", request.batch_id
            )
            careful = True
        except DBAPIError as exc:
            if not is_retryable(exc):
                raise
            failures += 1
            if failures > settings.deadlock_retries:
                raise ProblemError("unavailable", headers={"Retry-After": "1"}) from exc
            log.warning("push retry %d after %s", failures, type(exc.orig).__name__)


def _push_once(
    db: Database,
    *,
    auth: DeviceAuth,
    request: protocol.PushRequest,
    items: list[Prepared],
    caller: Caller,
    settings: ServerSettings,
    careful: bool,
) -> protocol.PushResponse:
    """One transaction. Not ``careful``: the batch is decided on one view and written with the
    feed and audit rows (PostgreSQL: one round trip for BEGIN, the locks and the view, one for
    the writes, one for COMMIT); a unique violation (a race) aborts the whole transaction and
    the caller redoes it ``careful``: one SAVEPOINT per change, each re-reading its state."""
    now = caller.now
    with db.write() as session:
        start: dict[str, Any] = {
            "bucket": f"push:{auth.device_id}",
            "window_start": epoch_minute(now),
            "agent_id": auth.agent_id,
            "niks": [item.nik for item in items if item.nik],
        }
        found = None
        if careful:
            count = repo.start_push(session, **start)
        else:
            count, found = repo.start_push_and_view(session, **start, view=_view_args(items))
        if count > settings.rate_push_per_min:
            raise ProblemError("rate-limited", headers={"Retry-After": retry_after(now)})
        if (
            auth.last_seen_at is None
            or now - auth.last_seen_at > SEEN_EVERY
            or auth.client_version != caller.client_version
        ):
            devices_repo.note_seen(
                session, device_id=auth.device_id, now=now, client_version=caller.client_version
            )
        if found is None:
            plans = _decide_each(
                session, auth=auth, batch_id=request.batch_id, items=items, now=now
            )
        else:
            plan = _Plan(
                _view_of(session, found, items), auth=auth, batch_id=request.batch_id, now=now
            )
            for index, item in enumerate(items):
                plan.decide(index, item)
            plans = [plan]
        feed_keys = [key for plan in plans for key in plan.feed_keys]
        drafts: dict[int, _Draft] = {}
        final: dict[uuid.UUID, RecordState] = {}
        entries: list[AuditEntry] = []
        for plan in plans:
            drafts.update(plan.results)
            final.update(plan.view.states)
            entries.extend(plan.audit)
        republished = {k.entity_id for k in feed_keys if k.agent_id == auth.agent_id}
        replayed = {d.id for d in drafts.values() if d.status == "duplicate"} - republished
        old_seqs = repo.feed_seqs(session, agent_id=auth.agent_id, ids=replayed)
        counts: dict[str, int] = {}
        for draft in drafts.values():
            counts[draft.status] = counts.get(draft.status, 0) + 1
        entries.append(
            AuditEntry(
                action="push",
                result="processed",
                actor_id=auth.agent_id,
                actor_role="agent",
                device_id=auth.device_id,
                entity_type="batch",
                entity_id=str(request.batch_id),
                ip=caller.ip,
                detail=dict(sorted(counts.items())),
            )
        )
        # PostgreSQL: the batch's rows, the publication and COMMIT go out together; the feed
        # counter (locked last) is free again as soon as the database has committed.
        with repo.pipelined(session):
            if found is not None:
                plans[0].write(session)
            seqs = feed_repo.publish(session, keys=feed_keys, audit=entries, now=now, commit=True)
    results = []
    for index, item in enumerate(items):
        draft = drafts[index]
        record_id = item.change.id
        seq = seqs.get(FeedKey(auth.agent_id, "record", record_id), old_seqs.get(record_id))
        results.append(draft.wire(final.get(record_id), seq))
    return protocol.PushResponse(batch_id=request.batch_id, results=results)


def _decide_each(
    session: Session,
    *,
    auth: DeviceAuth,
    batch_id: uuid.UUID,
    items: list[Prepared],
    now: datetime,
) -> list[_Plan]:
    """§7.3's per-change savepoints: each change re-reads its state, is decided and written."""
    plans = []
    for index, item in enumerate(items):
        for attempt in range(3):
            try:
                with session.begin_nested():
                    view = _load_view(session, agent_id=auth.agent_id, items=[item])
                    single = _Plan(view, auth=auth, batch_id=batch_id, now=now)
                    single.decide(index, item)
                    single.write(session)
                plans.append(single)
                break
            except IntegrityError:
                if attempt == 2:
                    raise
    return plans
