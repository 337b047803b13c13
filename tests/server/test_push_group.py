"""Concurrent pushes committed in groups (PostgreSQL ``push_group``): every push still gets its
own answer, exactly once, with gap-free feed seqs and a valid audit chain; a group in which one
push cannot be committed together rolls back and redoes each push alone.

The HTTP tests run on both backends (SQLite keeps one transaction per push)."""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Sequence
from typing import Any

import pytest
import sqlalchemy as sa

from server.clock import epoch_minute
from server.models.audit import AuditEvent
from server.models.identity import RateCounter
from server.models.records import AppliedMutation, FeedEntry, Record, RecordRevision
from server.problems import ProblemError
from server.services import push as push_service
from server.services import push_group
from server.services.audit import verify_chain
from server.services.context import Caller, DeviceAuth
from server.services.push_combiner import Job
from sync import protocol
from tests.server import factories
from tests.server.conftest import Device, Live, new_agent, provision


def _concurrently(tasks: Sequence[Callable[[], Any]]) -> list[Any]:
    """Run every task at the same moment, each on its own thread; their results in order."""
    barrier = threading.Barrier(len(tasks))
    out: list[Any] = [None] * len(tasks)
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait(30)
            out[index] = tasks[index]()
        except BaseException as exc:  # noqa: BLE001 — reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(tasks))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(90)
    assert not errors, errors
    return out


def _push_each(device: Device, changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One push per change, one after the other (as a device does); each reply's one result."""
    out = []
    for change in changes:
        response = device.push([change])
        assert response.status_code == 200, response.text
        [result] = response.json()["results"]
        out.append(result)
    return out


def _feed_counter(live: Live) -> int:
    with live.db.read() as session:
        return int(
            session.execute(sa.text("SELECT value FROM feed_counter WHERE id = 1")).scalar_one()
        )


@pytest.mark.timeout(180)
def test_concurrent_one_record_pushes_each_get_their_own_answer(live: Live) -> None:
    devices = [provision(live, new_agent(live), name=f"PKL-G{n:02d}") for n in range(16)]
    per_device = 6
    sent = {d.device_id: [d.change() for _ in range(per_device)] for d in devices}
    counter_before = _feed_counter(live)

    replies = _concurrently(
        [lambda d=d: _push_each(d, sent[d.device_id]) for d in devices]  # type: ignore[misc]
    )

    seqs = []
    for device, results in zip(devices, replies, strict=True):
        for change, result in zip(sent[device.device_id], results, strict=True):
            assert (result["id"], result["revision"], result["status"]) == (
                change["id"],
                1,
                "accepted",
            )
            assert result["review_state"] == "received" and result["flags"] == []
            seqs.append(result["seq"])
    total = len(devices) * per_device
    # Gap-free: the seqs taken while they ran are exactly the replies' seqs.
    assert sorted(seqs) == list(range(counter_before + 1, counter_before + total + 1))
    assert _feed_counter(live) == counter_before + total

    ids = [uuid.UUID(c["id"]) for changes in sent.values() for c in changes]
    with live.db.read() as session:
        records = session.execute(
            sa.select(Record.id, Record.agent_id, Record.device_id).where(Record.id.in_(ids))
        ).all()
        assert len(records) == total
        owner = {d.device_id: d.agent_id for d in devices}
        assert all(owner[r.device_id] == r.agent_id for r in records)
        for model, column in ((RecordRevision, RecordRevision.record_id),):
            count = session.execute(
                sa.select(sa.func.count()).select_from(model).where(column.in_(ids))
            ).scalar_one()
            assert count == total
        answers = session.execute(
            sa.select(sa.func.count())
            .select_from(AppliedMutation)
            .where(AppliedMutation.record_id.in_(ids))
        ).scalar_one()
        assert answers == total
        feed = dict(
            session.execute(
                sa.select(FeedEntry.entity_id, FeedEntry.seq).where(FeedEntry.entity_id.in_(ids))
            ).all()
        )
        assert sorted(feed.values()) == sorted(seqs)
        audited = session.execute(
            sa.select(sa.func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "push.change", AuditEvent.entity_id.in_(map(str, ids)))
        ).scalar_one()
        assert audited == total
        if live.backend == "postgres":  # the pushes were committed in groups (shared xids)
            xids = session.execute(
                sa.text("SELECT count(DISTINCT xmin::text) FROM records WHERE id = ANY(:ids)"),
                {"ids": ids},
            ).scalar_one()
            assert xids < total
    assert verify_chain(live.db).ok

    # Each device's feed holds its own records, at the seqs its replies named.
    for device, results in zip(devices, replies, strict=True):
        page = device.changes(cursor="0", limit=500).json()
        mine = {e["data"]["id"]: e["seq"] for e in page["changes"] if e["type"] == "record"}
        assert mine == {r["id"]: r["seq"] for r in results}

    # Sent again, all at once: duplicates carrying the same seqs; nothing new is stored.
    again = _concurrently(
        [lambda d=d: _push_each(d, sent[d.device_id]) for d in devices]  # type: ignore[misc]
    )
    for first, second in zip(replies, again, strict=True):
        assert [r["status"] for r in second] == ["duplicate"] * per_device
        assert [r["seq"] for r in second] == [r["seq"] for r in first]
    assert _feed_counter(live) == counter_before + total


@pytest.mark.timeout(180)
def test_a_mixed_crowd_of_pushes_is_answered_push_by_push(live: Live) -> None:
    """Accepted, stale-base, invalid, foreign and duplicate-NIK pushes at the same moment: each
    push gets what it would get alone."""
    owner = provision(live, new_agent(live), name="PKL-OWN")
    devices = [provision(live, new_agent(live), name=f"PKL-M{n:02d}") for n in range(12)]
    base = owner.change()
    assert owner.push([base]).json()["results"][0]["status"] == "accepted"
    shared_nik = factories.nik()
    plans: list[tuple[Device, dict[str, Any], tuple[str, str | None]]] = []
    for n, device in enumerate(devices):
        kind = n % 4
        if kind == 0:
            plans.append((device, device.change(), ("accepted", None)))
        elif kind == 1:  # revision 2 of a record it does not have: stale base
            change = device.change(record_id=factories.new_id(), revision=2)
            plans.append((device, change, ("conflict", "stale-base")))
        elif kind == 2:
            bad = factories.prospect(declared_income="2000000")
            plans.append((device, device.change(bad), ("invalid", None)))
        else:  # another agent's record
            plans.append((device, device.change(record_id=base["id"]), ("forbidden", "not-owner")))
    twins = [devices[0], devices[4]]
    twin_changes = [d.change(factories.prospect(nik=shared_nik)) for d in twins]

    tasks = [lambda d=d, c=c: _push_each(d, [c])[0] for d, c, _ in plans]  # type: ignore[misc]
    tasks += [
        lambda d=d, c=c: _push_each(d, [c])[0] for d, c in zip(twins, twin_changes, strict=True)
    ]  # type: ignore[misc]
    out = _concurrently(tasks)

    for (_, change, expected), result in zip(plans, out, strict=False):
        assert result["id"] == change["id"]
        assert (result["status"], result["problem"]) == expected, result
        if expected[0] == "invalid":
            assert {"field": "payload.declared_income", "code": "int-type"} in result["errors"]
            assert result["seq"] is None
    first, second = out[len(plans) :]
    assert first["status"] == second["status"] == "accepted"
    # Whichever came second saw the first: both end up flagged once both are committed.
    with live.db.read() as session:
        flags = session.execute(
            sa.select(Record.flags).where(Record.id.in_([uuid.UUID(c["id"]) for c in twin_changes]))
        ).scalars()
        assert all("possible_duplicate" in f for f in flags)
        record = session.get(Record, uuid.UUID(base["id"]))
        assert record is not None and record.agent_id == owner.agent_id and record.revision == 1
    assert verify_chain(live.db).ok


# -- a group run directly (PostgreSQL): which pushes share it is certain ---------------------


def _job(live: Live, device: Device, changes: list[dict[str, Any]]) -> Job:
    auth = DeviceAuth(device.device_id, device.agent_id, device.account.username, ("33.75.01",))
    request = protocol.PushRequest.model_validate(factories.batch(changes))
    caller = Caller(now=live.clock(), ip="127.0.0.1")
    items = push_service.prepare_items(
        auth=auth, request=request, caller=caller, settings=live.settings
    )
    return Job(work=push_group.Push(auth, request, items, caller), size=len(items))


def _answers(job: Job) -> list[tuple[str, str | None]]:
    assert job.error is None, job.error
    return [(r.status, r.problem) for r in job.outcome.results]


@pytest.fixture
def pg(live: Live) -> Live:
    if live.backend != "postgres":
        pytest.skip("push groups are PostgreSQL's")
    return live


def test_a_group_decides_each_push_in_arrival_order(pg: Live) -> None:
    a, b = (provision(pg, new_agent(pg), name=n) for n in ("PKL-A", "PKL-B"))
    first = a.change()
    second = a.change(factories.prospect(full_name="NAMA BARU"), record_id=first["id"], revision=2)
    jobs = [
        _job(pg, a, [first]),
        _job(pg, b, [b.change(record_id=first["id"])]),  # a's record, created a moment ago
        _job(pg, a, [second]),  # revision 2 on top of revision 1, in the same group
        _job(pg, b, [b.change(record_id=factories.new_id(), revision=3)]),
        _job(pg, a, [first]),  # the first push again: a duplicate
    ]
    push_group.run_group(pg.db, pg.settings, jobs)
    assert [_answers(j) for j in jobs] == [
        [("accepted", None)],
        [("forbidden", "not-owner")],
        [("accepted", None)],
        [("conflict", "stale-base")],
        [("duplicate", None)],
    ]
    seq_first = jobs[0].outcome.results[0]
    seq_again = jobs[4].outcome.results[0]
    assert seq_first.seq == seq_again.seq == jobs[2].outcome.results[0].seq
    with pg.db.read() as session:
        record = session.get(Record, uuid.UUID(first["id"]))
        assert record is not None and record.revision == 2 and record.agent_id == a.agent_id
        xids = session.execute(
            sa.text("SELECT count(DISTINCT xmin::text) FROM record_revisions WHERE record_id = :i"),
            {"i": uuid.UUID(first["id"])},
        ).scalar_one()
        assert xids == 1  # both revisions in one transaction: the group's
        batches = session.execute(
            sa.select(AuditEvent.entity_id, AuditEvent.detail)
            .where(
                AuditEvent.action == "push",
                AuditEvent.entity_id.in_([str(j.work.request.batch_id) for j in jobs]),
            )
            .order_by(AuditEvent.seq)
        ).all()
        assert [row.entity_id for row in batches] == [str(j.work.request.batch_id) for j in jobs]
        assert [row.detail for row in batches] == [
            {"accepted": 1},
            {"forbidden": 1},
            {"accepted": 1},
            {"conflict": 1},
            {"duplicate": 1},
        ]
    assert verify_chain(pg.db).ok


def test_a_push_that_cannot_join_rolls_the_group_back_and_each_is_redone_alone(
    pg: Live, caplog: pytest.LogCaptureFixture
) -> None:
    """One device is over its rate limit: nothing of the group is committed, each push is
    redone alone; the others are accepted, the limited one refused, and no push's trouble
    shows in another's answer."""
    caplog.set_level(logging.INFO, logger="server.services.push_group")
    devices = [provision(pg, new_agent(pg), name=f"PKL-R{n}") for n in range(4)]
    limited = devices[2]
    with pg.db.write() as session:
        session.execute(
            sa.insert(RateCounter).values(
                bucket=f"push:{limited.device_id}",
                window_start=epoch_minute(pg.clock()),
                count=pg.settings.rate_push_per_min + 5,
            )
        )
    changes = [d.change() for d in devices]
    jobs = [_job(pg, d, [c]) for d, c in zip(devices, changes, strict=True)]
    push_group.run_group(pg.db, pg.settings, jobs)
    assert any("redone one push at a time" in r.getMessage() for r in caplog.records)
    for n, job in enumerate(jobs):
        if n == 2:
            assert isinstance(job.error, ProblemError) and job.error.code == "rate-limited"
        else:
            assert _answers(job) == [("accepted", None)]
    with pg.db.read() as session:
        stored = set(
            session.execute(
                sa.select(Record.id).where(Record.id.in_([uuid.UUID(c["id"]) for c in changes]))
            ).scalars()
        )
        assert stored == {uuid.UUID(c["id"]) for n, c in enumerate(changes) if n != 2}
    assert verify_chain(pg.db).ok


def test_a_race_inside_a_group_is_redone_alone(pg: Live, caplog: pytest.LogCaptureFixture) -> None:
    """Another writer holds an uncommitted row for id X while the group is decided ("X is
    new"): the group's write fails on the unique index once it commits, the group rolls back,
    and each push is redone alone: X is the other agent's (forbidden), the rest accepted."""
    caplog.set_level(logging.INFO, logger="server.services.push_group")
    holder = provision(pg, new_agent(pg), name="PKL-H")
    devices = [provision(pg, new_agent(pg), name=f"PKL-X{n}") for n in range(3)]
    held = holder.change()
    contested = devices[1].change(record_id=held["id"])
    jobs = [
        _job(pg, devices[0], [devices[0].change()]),
        _job(pg, devices[1], [contested, devices[1].change()]),
        _job(pg, devices[2], [devices[2].change()]),
    ]
    holding, release = threading.Event(), threading.Event()

    def other_writer() -> None:
        with pg.db.write() as session:
            session.execute(
                sa.insert(Record).values(
                    id=uuid.UUID(held["id"]),
                    entity_type="prospect",
                    agent_id=holder.agent_id,
                    revision=1,
                    schema_version=1,
                    deleted=False,
                    payload="{}",
                    payload_hash=held["payload_hash"],
                    review_state="received",
                    flags=[],
                    checks=[],
                    author_role="agent",
                    created_at=pg.clock(),
                    updated_at=pg.clock(),
                )
            )
            holding.set()
            release.wait(10)

    writer = threading.Thread(target=other_writer)
    writer.start()
    assert holding.wait(10)
    threading.Timer(0.5, release.set).start()  # commits while the group waits on the index
    push_group.run_group(pg.db, pg.settings, jobs)
    writer.join(10)
    assert any("redone one push at a time" in r.getMessage() for r in caplog.records)
    assert _answers(jobs[0]) == [("accepted", None)]
    assert _answers(jobs[1]) == [("forbidden", "not-owner"), ("accepted", None)]
    assert _answers(jobs[2]) == [("accepted", None)]
    assert verify_chain(pg.db).ok


def _visit(device: Device, parent_id: str) -> dict[str, Any]:
    body = {
        "prospect_id": parent_id,
        "kind": "VISIT",
        "date": "2026-03-12",
        "outcome": "INTERESTED",
    }
    return device.change(body, entity_type="visit")


def test_a_prospect_later_in_the_group_releases_a_child_awaiting_it(pg: Live) -> None:
    device = provision(pg, new_agent(pg), name="PKL-V")
    parent = device.change()
    visit = _visit(device, parent["id"])
    jobs = [_job(pg, device, [visit]), _job(pg, device, [parent])]
    push_group.run_group(pg.db, pg.settings, jobs)
    [child] = jobs[0].outcome.results
    assert child.status == "accepted" and child.flags == []  # the state once both committed
    assert _answers(jobs[1]) == [("accepted", None)]
    with pg.db.read() as session:
        record = session.get(Record, uuid.UUID(visit["id"]))
        assert record is not None and record.flags == [] and record.area_code == "33.75.01.1002"


def test_a_prospect_later_in_the_batch_releases_a_child_awaiting_it(live: Live) -> None:
    """As when they come in two pushes (and as the change-by-change redo decides)."""
    device = provision(live, new_agent(live), name="PKL-W")
    parent = device.change()
    visit = _visit(device, parent["id"])
    response = device.push([visit, parent])
    assert [r["status"] for r in response.json()["results"]] == ["accepted", "accepted"]
    with live.db.read() as session:
        record = session.get(Record, uuid.UUID(visit["id"]))
        assert record is not None and record.flags == [] and record.area_code == "33.75.01.1002"
