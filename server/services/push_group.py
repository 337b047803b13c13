"""Concurrent pushes committed together (PostgreSQL): one view, one write, one publication,
one COMMIT for a group of one-record pushes from many devices.

A push alone costs ~3.5–4 ms of CPU however small it is (a transaction, its statements and
their planning, a COMMIT, the feed counter's queue); a 200-record batch costs ~0.4 ms a
record. ``push_combiner`` queues the pushes that arrive while a group runs; this module runs
a group in one transaction:

- one statement counts every push against its device's rate limit and takes the writer
  locks of all the group's agents (UUID order) and then of all its NIKs (key order); one reads
  the view of every push (records near them, stored answers by agent, stored revisions);
- each push is decided as it would be alone, in arrival order, on that shared view, which
  the pushes before it in the group have brought up to date (as within one batch): the
  records, revisions and NIK matches are shared; the stored answers are the push's agent's;
- the decided rows of all pushes are written by one statement, the feed entries and every
  push's audit rows (its changes, then its ``push`` row) are published by one more, and
  COMMIT goes out with them; only then does any push get its reply.

Anything unusual (a device over its rate limit, a unique violation because another process
raced for an id, a deadlock, any exception) rolls the whole group back, and each push is
then redone alone, in arrival order, by the ordinary path (``push.push_alone``): nothing of
the group was committed, so that is each push's first effect, and one push's trouble never
becomes another's answer.
"""

from __future__ import annotations

import logging
import threading
import uuid
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from server.clock import epoch_minute
from server.config import ServerSettings
from server.db import Database
from server.repositories import devices as devices_repo
from server.repositories import feed as feed_repo
from server.repositories import records as repo
from server.repositories.audit import AuditEntry
from server.repositories.feed import FeedKey
from server.services import push as push_service
from server.services.changes import Prepared
from server.services.context import Caller, DeviceAuth
from server.services.push_combiner import Combiner, Job
from sync import protocol

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Push:
    """One request's push, prepared, as the group needs it."""

    auth: DeviceAuth
    request: protocol.PushRequest
    items: list[Prepared]
    caller: Caller


class _GroupRefused(Exception):
    """The group cannot be committed as one (a push is over its rate limit)."""


_combiners: weakref.WeakKeyDictionary[Database, Combiner] = weakref.WeakKeyDictionary()
_combiners_lock = threading.Lock()


def submit(db: Database, settings: ServerSettings, push: Push) -> protocol.PushResponse:
    """Run ``push`` in the next group of ``db``'s pushes; its reply once that has committed."""
    with _combiners_lock:
        combiner = _combiners.get(db)
        if combiner is None:
            target = weakref.ref(db)  # the combiner must not keep its database alive

            def run(jobs: Sequence[Job]) -> None:
                database = target()
                assert database is not None
                run_group(database, settings, jobs)

            combiner = Combiner(run)
            _combiners[db] = combiner
    result: protocol.PushResponse = combiner.submit(Job(work=push, size=len(push.items)))
    return result


def run_group(db: Database, settings: ServerSettings, jobs: Sequence[Job]) -> None:
    """Give every job its reply or its error: together when possible, else one by one."""
    pushes: list[Push] = [job.work for job in jobs]
    if len(jobs) > 1:
        try:
            replies = _group_once(db, settings, pushes)
        except Exception as exc:  # noqa: BLE001 — any failure: each push alone, below
            log.info("push group of %d redone one push at a time: %r", len(jobs), exc)
        else:
            for job, reply in zip(jobs, replies, strict=True):
                job.outcome = reply
            return
    for job, push in zip(jobs, pushes, strict=True):
        try:
            job.outcome = push_service.push_alone(
                db,
                auth=push.auth,
                request=push.request,
                items=push.items,
                caller=push.caller,
                settings=settings,
            )
        except Exception as exc:  # noqa: BLE001 — raised in that push's own request thread
            job.error = exc


def _group_once(
    db: Database, settings: ServerSettings, pushes: list[Push]
) -> list[protocol.PushResponse]:
    hits: dict[tuple[str, int], int] = {}
    for push in pushes:
        key = (f"push:{push.auth.device_id}", epoch_minute(push.caller.now))
        hits[key] = hits.get(key, 0) + 1
    with db.write() as session:
        counts, found = repo.start_group_and_view(
            session,
            hits=hits,
            agent_ids=[p.auth.agent_id for p in pushes],
            niks=[item.nik for p in pushes for item in p.items if item.nik],
            ids=[i for p in pushes for i in push_service._view_args(p.items)["ids"]],
            prospect_ids=[
                item.change.id
                for p in pushes
                for item in p.items
                if item.change.entity_type == "prospect"
            ],
            pairs=[(item.change.id, item.change.revision) for p in pushes for item in p.items],
            answer_keys=[(p.auth.agent_id, item.change.id) for p in pushes for item in p.items],
        )
        running: dict[tuple[str, int], int] = {}
        for push in pushes:
            key = (f"push:{push.auth.device_id}", epoch_minute(push.caller.now))
            running[key] = running.get(key, counts[key] - hits[key]) + 1
            if running[key] > settings.rate_push_per_min:
                raise _GroupRefused(f"{key[0]} is over its rate limit")
        for push in pushes:
            auth, caller = push.auth, push.caller
            if (
                auth.last_seen_at is None
                or caller.now - auth.last_seen_at > push_service.SEEN_EVERY
                or auth.client_version != caller.client_version
            ):
                devices_repo.note_seen(
                    session,
                    device_id=auth.device_id,
                    now=caller.now,
                    client_version=caller.client_version,
                )
        every_item = [item for p in pushes for item in p.items]
        shared = push_service._view_of(session, found.view, every_item)
        plans: list[push_service._Plan] = []
        for push in pushes:
            view = push_service._View(
                states=shared.states,
                answers=found.answers.setdefault(push.auth.agent_id, {}),
                revision_hashes=shared.revision_hashes,
                by_nik=shared.by_nik,
                awaiting=shared.awaiting,
                known_regions=shared.known_regions,
            )
            plan = push_service._Plan(
                view,
                auth=push.auth,
                batch_id=push.request.batch_id,
                now=push.caller.now,
                rows_of=plans[0] if plans else None,
            )
            for index, item in enumerate(push.items):
                plan.decide(index, item)
            plans.append(plan)
        feed_keys = [key for plan in plans for key in plan.feed_keys]
        republished = {(k.agent_id, k.entity_id) for k in feed_keys}
        old_seqs: list[dict[uuid.UUID, int]] = []
        entries: list[AuditEntry] = []
        stamps: list[datetime] = []
        for push, plan in zip(pushes, plans, strict=True):
            agent_id = push.auth.agent_id
            replayed = {
                d.id
                for d in plan.results.values()
                if d.status == "duplicate" and (agent_id, d.id) not in republished
            }
            old_seqs.append(repo.feed_seqs(session, agent_id=agent_id, ids=replayed))
            mine = [*plan.audit, _batch_entry(push, plan)]
            entries.extend(mine)
            stamps.extend([push.caller.now] * len(mine))
        with repo.pipelined(session):
            plans[0].write(session)  # every plan's rows: they share them
            seqs = feed_repo.publish(
                session,
                keys=feed_keys,
                audit=entries,
                now=pushes[0].caller.now,
                stamps=stamps,
                commit=True,
            )
    final = shared.states
    replies = []
    for push, plan, old in zip(pushes, plans, old_seqs, strict=True):
        results = []
        for index, item in enumerate(push.items):
            record_id = item.change.id
            seq = seqs.get(FeedKey(push.auth.agent_id, "record", record_id), old.get(record_id))
            results.append(plan.results[index].wire(final.get(record_id), seq))
        replies.append(protocol.PushResponse(batch_id=push.request.batch_id, results=results))
    return replies


def _batch_entry(push: Push, plan: push_service._Plan) -> AuditEntry:
    counts: dict[str, int] = {}
    for draft in plan.results.values():
        counts[draft.status] = counts.get(draft.status, 0) + 1
    return AuditEntry(
        action="push",
        result="processed",
        actor_id=push.auth.agent_id,
        actor_role="agent",
        device_id=push.auth.device_id,
        entity_type="batch",
        entity_id=str(push.request.batch_id),
        ip=push.caller.ip,
        detail=dict(sorted(counts.items())),
    )
