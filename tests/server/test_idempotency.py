"""Exactly-once effect under resends (G3): the same batch 1,000 times, 50 threads at once."""

from __future__ import annotations

import json
import threading
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from server.models.records import AppliedMutation, Record, RecordRevision
from tests.server import factories
from tests.server.conftest import Devices, Live, new_agent, provision

THREADS = 50
CONCURRENT_SENDS = 800
SEQUENTIAL_SENDS = 200


def _send(device: Any, body: bytes, http: requests.Session) -> list[dict[str, Any]]:
    response = http.post(
        device.live.api("/sync/push"),
        data=body,
        headers=device.headers(**{"Content-Encoding": "gzip", "Content-Type": "application/json"}),
        timeout=60,
    )
    assert response.status_code == 200, response.text
    return response.json()["results"]


@pytest.mark.timeout(180)
def test_the_same_batch_1000_times_stores_each_record_once(live: Live) -> None:
    device = provision(live, new_agent(live))
    changes = [device.change() for _ in range(5)]
    body = factories.gzipped(factories.batch(changes))
    ids = [uuid.UUID(c["id"]) for c in changes]
    local = threading.local()
    barrier = threading.Barrier(THREADS)

    def concurrent(n: int) -> list[list[dict[str, Any]]]:
        if not hasattr(local, "http"):
            local.http = requests.Session()
        if n < THREADS:
            barrier.wait(30)  # the first 50 sends leave together
        return [_send(device, body, local.http)]

    with ThreadPoolExecutor(THREADS) as pool:
        answers = [r for batch in pool.map(concurrent, range(CONCURRENT_SENDS)) for r in batch]
    http = requests.Session()
    answers += [_send(device, body, http) for _ in range(SEQUENTIAL_SENDS)]

    assert len(answers) == 1000
    statuses = Counter((r["id"], r["status"]) for results in answers for r in results)
    for record_id in ids:
        assert statuses[(str(record_id), "accepted")] == 1
        assert statuses[(str(record_id), "duplicate")] == 999
    seqs = {(r["id"], r["seq"]) for results in answers for r in results}
    assert len(seqs) == len(ids)  # every answer names the same seq for a record
    with live.db.read() as session:
        assert session.execute(
            sa.select(sa.func.count()).select_from(Record).where(Record.id.in_(ids))
        ).scalar_one() == len(ids)
        revisions = session.execute(
            sa.select(RecordRevision.record_id, RecordRevision.revision).where(
                RecordRevision.record_id.in_(ids)
            )
        ).all()
        assert sorted(revisions) == sorted((i, 1) for i in ids)
        ledger = session.execute(
            sa.select(sa.func.count())
            .select_from(AppliedMutation)
            .where(AppliedMutation.record_id.in_(ids))
        ).scalar_one()
        assert ledger == len(ids)


@pytest.mark.timeout(120)
def test_same_id_and_revision_with_other_content_is_a_conflict(
    live: Live, devices: Devices
) -> None:
    """50 threads send 50 different contents for one new id, revision 1, at the same moment:
    one is accepted, every other one is a revision-conflict, and the stored content is the winner's."""
    a1 = devices.a1
    record_id = factories.new_id()
    variants = [
        a1.change(factories.prospect(full_name=f"VARIAN {i}"), record_id=record_id)
        for i in range(THREADS)
    ]
    barrier = threading.Barrier(THREADS)

    def send(i: int) -> dict[str, Any]:
        http = requests.Session()
        barrier.wait(30)
        return _send(a1, factories.gzipped(factories.batch([variants[i]])), http)[0]

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(send, range(THREADS)))
    accepted = [i for i, r in enumerate(results) if r["status"] == "accepted"]
    assert len(accepted) == 1
    others = [r for i, r in enumerate(results) if i not in accepted]
    assert all(
        (r["status"], r["problem"], r["current_revision"]) == ("conflict", "revision-conflict", 1)
        for r in others
    )
    winner = variants[accepted[0]]
    with live.db.read() as session:
        record = session.get(Record, uuid.UUID(record_id))
        assert record is not None and record.revision == 1
        assert json.loads(record.payload)["full_name"] == winner["payload"]["full_name"]
        assert record.payload_hash == winner["payload_hash"]
    # Resending the winner is a duplicate; resending a loser repeats its conflict.
    assert (
        _send(a1, factories.gzipped(factories.batch([winner])), requests.Session())[0]["status"]
        == "duplicate"
    )
    loser = variants[(accepted[0] + 1) % THREADS]
    assert (
        _send(a1, factories.gzipped(factories.batch([loser])), requests.Session())[0]["status"]
        == "conflict"
    )
