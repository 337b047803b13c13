"""The changes feed: pages, cursors, isolation, old clients, and commit order under concurrency (G5)."""

from __future__ import annotations

import json
import os
import random
import threading
import time
import uuid
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from server.models.records import Record
from server.repositories.feed import FeedKey, publish
from server.services.context import Caller, DeviceAuth
from server.services.devices import register_device
from server.services.pull import changes
from tests.server import factories
from tests.server.conftest import (
    Device,
    Devices,
    Live,
    assert_problem,
    enroll,
    new_agent,
    provision,
)

WRITERS = 8
COMMITS_PER_WRITER = int(os.environ.get("JANGKAU_T2_COMMITS", "25"))


def drain(
    device: Device, cursor: str | None = None, limit: int = 50
) -> tuple[list[dict[str, Any]], str | None]:
    entries: list[dict[str, Any]] = []
    while True:
        response = device.changes(cursor=cursor, limit=limit)
        assert response.status_code == 200, response.text
        body = response.json()
        entries += body["changes"]
        cursor = body["next_cursor"]
        if not body["has_more"]:
            return entries, cursor


def test_pages_in_seq_order_with_one_entry_per_entity(live: Live) -> None:
    device = enroll(live, new_agent(live))
    first = [device.change() for _ in range(7)]
    device.push(first)
    edit = device.change(
        factories.prospect(full_name="DIUBAH"), record_id=first[0]["id"], revision=2
    )
    device.push([edit])
    entries, cursor = drain(device, limit=3)
    seqs = [e["seq"] for e in entries]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    records = [e["data"] for e in entries if e["type"] == "record"]
    assert [r["id"] for r in records].count(first[0]["id"]) == 1  # latest state only
    latest = next(r for r in records if r["id"] == first[0]["id"])
    assert latest["revision"] == 2 and latest["payload"]["full_name"] == "DIUBAH"
    assert latest["payload_hash"] == edit["payload_hash"]
    assert latest["review_state"] == "received" and latest["author_role"] == "agent"
    assert cursor == str(seqs[-1])
    # Nothing new: the same cursor comes back, has_more false.
    again = device.changes(cursor=cursor).json()
    assert again == {"changes": [], "next_cursor": cursor, "has_more": False}


def test_agents_never_see_each_others_records(live: Live, devices: Devices) -> None:
    mine = devices.a1.change()
    devices.a1.push([mine])
    theirs, _ = drain(devices.a2)
    assert theirs, "a2 has a feed of its own"
    assert all(mine["id"] not in json.dumps(e) for e in theirs)
    with live.db.read() as session:
        owners = {
            r.agent_id
            for r in session.scalars(
                sa.select(Record).where(
                    Record.id.in_(
                        [uuid.UUID(e["data"]["id"]) for e in theirs if e["type"] == "record"]
                    )
                )
            )
        }
    assert owners <= {devices.a2.agent_id}


def test_cursor_validation_and_expiry(live: Live, devices: Devices) -> None:
    a1 = devices.a1
    assert_problem(a1.changes(cursor="abc"), 422, "validation-failed")
    assert_problem(a1.changes(limit=501), 422, "validation-failed")
    assert_problem(a1.changes(cursor="999999999999"), 410, "cursor-expired")


def test_old_clients_must_update_before_pulling(live: Live, devices: Devices) -> None:
    headers = devices.a1.headers(**{"Jangkau-Client": "0.0.9"})
    response = requests.get(live.api("/sync/changes"), headers=headers, timeout=10)
    body = assert_problem(response, 426, "client-too-old")
    assert body["min_client_version"] == live.settings.min_client_version
    # Push stays open to old clients so an old laptop can always empty its outbox.
    change = devices.a1.change()
    pushed = requests.post(
        live.api("/sync/push"), json=factories.batch([change]), headers=headers, timeout=30
    )
    assert pushed.status_code == 200 and pushed.json()["results"][0]["status"] == "accepted"


def test_the_device_cursor_is_remembered(live: Live, admin_http: requests.Session) -> None:
    device = enroll(live, new_agent(live))
    device.push([device.change()])
    _, cursor = drain(device)
    device.changes(cursor=cursor)
    listing = admin_http.get(
        live.api("/devices"), params={"agent_id": str(device.agent_id)}, timeout=10
    ).json()
    assert listing["devices"][0]["last_pulled_seq"] == int(cursor)


@pytest.mark.timeout(240)
def test_concurrent_commits_never_skip_a_seq_for_a_polling_reader(live: Live) -> None:
    """T2/G5: writers commit concurrently while a reader pages with its cursor. Had seqs been
    handed out before commit (a sequence), a late commit would land below the reader's cursor
    and be missed forever. Every committed record must reach the reader exactly once."""
    agent = new_agent(live)
    writers = [provision(live, agent, name=f"W{n}") for n in range(WRITERS)]
    reader = provision(live, agent, name="READER")
    pushed: list[str] = []
    pushed_lock = threading.Lock()
    done = threading.Event()
    errors: list[str] = []

    def write(device: Device) -> None:
        try:
            http = requests.Session()
            for _ in range(COMMITS_PER_WRITER):
                change = device.change()
                response = http.post(
                    live.api("/sync/push"),
                    json=factories.batch([change]),
                    headers=device.headers(),
                    timeout=60,
                )
                assert response.json()["results"][0]["status"] == "accepted"
                with pushed_lock:
                    pushed.append(change["id"])
        except Exception as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(repr(exc))

    seen: list[tuple[int, str]] = []
    cursor: str | None = None
    threads = [threading.Thread(target=write, args=(w,)) for w in writers]
    for thread in threads:
        thread.start()
    while not done.is_set():
        response = reader.changes(cursor=cursor, limit=25)
        assert response.status_code == 200, response.text
        body = response.json()
        seen += [(e["seq"], e["data"]["id"]) for e in body["changes"] if e["type"] == "record"]
        cursor = body["next_cursor"]
        if not any(t.is_alive() for t in threads):
            done.set()
        elif not body["has_more"]:
            time.sleep(0.005)
    for thread in threads:
        thread.join(60)
    assert not errors, errors[:3]
    entries, _ = drain(reader, cursor)  # whatever committed after the last poll
    seen += [(e["seq"], e["data"]["id"]) for e in entries if e["type"] == "record"]
    seqs = [s for s, _ in seen]
    assert seqs == sorted(seqs) and len(seqs) == len(set(seqs)), (
        "a seq was seen twice or out of order"
    )
    ids = [i for _, i in seen]
    assert len(pushed) == WRITERS * COMMITS_PER_WRITER
    assert sorted(ids) == sorted(pushed), (
        f"{len(set(pushed) - set(ids))} committed records never reached the reader"
    )


@pytest.mark.timeout(120)
def test_feed_seqs_follow_commit_order_under_concurrent_transactions(live: Live) -> None:
    """G5 at the transaction level. One agent's pushes are serialised by its advisory lock, but
    other transactions write into its feed concurrently (another agent's push flagging a
    duplicate, a supervisor's decision). Here 8 threads each commit feed entries for one agent,
    with random pauses between taking seqs and committing, while a reader pages with its
    cursor: nothing may be skipped. (With seqs taken before commit, this fails on PostgreSQL.)"""
    agent = new_agent(live)
    with live.db.write() as session:
        device_id, _ = register_device(
            session, agent_id=agent.user_id, name="READER", now=live.clock()
        )
    reader = DeviceAuth(device_id, agent.user_id, agent.username, agent.areas)
    committed: list[uuid.UUID] = []
    lock = threading.Lock()
    rng = random.Random(7)

    def writer(n: int) -> None:
        for _ in range(25):
            record_id = uuid.UUID(factories.new_id())
            pause = rng.random() * 0.01
            with live.db.write() as session:
                session.execute(
                    sa.insert(Record).values(
                        id=record_id,
                        entity_type="visit",
                        agent_id=agent.user_id,
                        revision=1,
                        schema_version=1,
                        deleted=False,
                        payload="{}",
                        payload_hash=f"w{n}",
                        flags=[],
                        checks=[],
                        author_role="agent",
                        created_at=live.clock(),
                        updated_at=live.clock(),
                    )
                )
                publish(session, keys=[FeedKey(agent.user_id, "record", record_id)])
                time.sleep(pause)  # committing late, after the seq was taken
            with lock:
                committed.append(record_id)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    seen: list[tuple[int, str]] = []
    cursor: str | None = None
    caller = Caller(now=live.clock())
    while True:
        alive = any(t.is_alive() for t in threads)
        page = changes(
            live.db, auth=reader, cursor=cursor, limit=10, caller=caller, settings=live.settings
        )
        seen += [(e.seq, str(e.data["id"])) for e in page.changes if e.type == "record"]
        cursor = page.next_cursor
        if not alive and not page.has_more:
            break
    for thread in threads:
        thread.join(30)
    seqs = [s for s, _ in seen]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    assert sorted(i for _, i in seen) == sorted(str(i) for i in committed), (
        f"{len({str(i) for i in committed} - {i for _, i in seen})} committed entries skipped"
    )


def test_reference_versions_reach_every_feed_and_are_served_immutable(live: Live) -> None:
    device = provision(live, new_agent(live))
    entries, _ = drain(device)
    refs = [e["data"] for e in entries if e["type"] == "reference"]
    assert refs and refs[0]["dataset"] == "regions"
    url = live.api(f"/reference/regions/{refs[0]['version']}")
    first = requests.get(url, timeout=30)
    assert first.status_code == 200 and first.headers["Jangkau-Protocol"] == "1"
    assert "immutable" in first.headers["Cache-Control"]
    body = first.json()  # SYNC_PROTOCOL.md §4.7: {dataset, version, files: {name: text}}
    assert body["dataset"] == "regions" and body["version"] == refs[0]["version"]
    assert "\n33.10,33,Kabupaten Klaten\n" in body["files"]["regencies.csv"]  # text, not 33.1
    assert "\n33.75.01.1002,33.75.01," in body["files"]["villages_pekalongan_branch.csv"]
    cached = requests.get(url, headers={"If-None-Match": first.headers["ETag"]}, timeout=30)
    assert cached.status_code == 304
    assert_problem(requests.get(live.api("/reference/regions/nope"), timeout=10), 404, "not-found")
