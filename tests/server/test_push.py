"""Push results per change: accepted, duplicate, conflict, invalid, forbidden (SYNC_PROTOCOL.md §4.6, §7)."""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from typing import Any

import pytest
import sqlalchemy as sa

from server.models.records import Quarantine, Record, RecordRevision
from tests.server import factories
from tests.server.conftest import Devices, Live, enroll, new_agent


def results(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    assert response.headers["Jangkau-Protocol"] == "1"
    return response.json()["results"]


def stored(live: Live, record_id: str) -> tuple[Record | None, list[RecordRevision]]:
    with live.db.read() as session:
        record = session.get(Record, uuid.UUID(record_id))
        revisions = session.scalars(
            sa.select(RecordRevision)
            .where(RecordRevision.record_id == uuid.UUID(record_id))
            .order_by(RecordRevision.revision)
        ).all()
        return record, list(revisions)


def test_accepted_then_duplicate_with_the_same_seq(live: Live, devices: Devices) -> None:
    a1 = devices.a1
    changes = [a1.change() for _ in range(3)]
    first = results(a1.push(changes))
    assert [r["status"] for r in first] == ["accepted"] * 3
    assert all(r["review_state"] == "received" and r["seq"] for r in first)
    assert len({r["seq"] for r in first}) == 3
    again = results(a1.push(changes, gzip=False))
    assert [r["status"] for r in again] == ["duplicate"] * 3
    assert [r["seq"] for r in again] == [r["seq"] for r in first]
    record, revisions = stored(live, changes[0]["id"])
    assert record is not None and record.revision == 1 and len(revisions) == 1


def test_revisions_advance_and_conflicts_are_reported(live: Live, devices: Devices) -> None:
    a1 = devices.a1
    first = a1.change()
    rid = first["id"]
    assert results(a1.push([first]))[0]["status"] == "accepted"
    second = a1.change(factories.prospect(full_name="NAMA BARU"), record_id=rid, revision=2)
    assert results(a1.push([second]))[0]["status"] == "accepted"
    # Same revision, other content: revision-conflict; the stored revision is untouched.
    clash = a1.change(factories.prospect(full_name="LAIN"), record_id=rid, revision=2)
    [res] = results(a1.push([clash]))
    assert (res["status"], res["problem"], res["current_revision"]) == (
        "conflict",
        "revision-conflict",
        2,
    )
    # Base behind the current revision: stale-base.
    stale = a1.change(factories.prospect(full_name="TERLAMBAT"), record_id=rid, revision=4)
    [res] = results(a1.push([stale]))
    assert (res["status"], res["problem"], res["current_revision"]) == ("conflict", "stale-base", 2)
    record, revisions = stored(live, rid)
    assert record is not None and record.revision == 2
    assert json.loads(record.payload)["full_name"] == "NAMA BARU"
    assert [r.revision for r in revisions] == [1, 2]
    # A resend of the conflicting change gets the same answer (remembered, quarantined).
    [res] = results(a1.push([clash]))
    assert (res["status"], res["problem"]) == ("conflict", "revision-conflict")
    with live.db.read() as session:
        kept = session.scalars(
            sa.select(Quarantine).where(Quarantine.record_id == uuid.UUID(rid))
        ).all()
    assert sorted(q.problem for q in kept) == ["revision-conflict", "stale-base"]


def test_two_revisions_of_one_record_in_one_batch(live: Live, devices: Devices) -> None:
    a1 = devices.a1
    first = a1.change()
    second = a1.change(factories.prospect(full_name="DUA"), record_id=first["id"], revision=2)
    out = results(a1.push([first, second]))
    assert [r["status"] for r in out] == ["accepted", "accepted"]
    record, revisions = stored(live, first["id"])
    assert record is not None and record.revision == 2 and len(revisions) == 2


def test_invalid_changes_carry_field_errors_and_do_not_consume_the_revision(
    live: Live, devices: Devices
) -> None:
    a1 = devices.a1
    bad_nik = a1.change(factories.prospect(nik="3375013102909901"))  # 31 February
    wrong_type = a1.change(factories.prospect(declared_income="2000000"))
    unknown_field = a1.change(factories.prospect(favourite_colour="blue"))
    bad_region = a1.change(factories.prospect(village_code="33.75.01.9999"))
    out = results(a1.push([bad_nik, wrong_type, unknown_field, bad_region]))
    assert [r["status"] for r in out] == ["invalid"] * 4
    assert out[0]["errors"] == [{"field": "payload.nik", "code": "nik-date"}]
    assert out[1]["errors"] == [{"field": "payload.declared_income", "code": "int-type"}]
    assert out[2]["errors"] == [{"field": "payload.favourite_colour", "code": "extra-forbidden"}]
    assert out[3]["errors"] == [{"field": "payload.village_code", "code": "region-unknown"}]
    assert all(r["seq"] is None and r["review_state"] is None for r in out)
    assert stored(live, bad_nik["id"]) == (None, [])
    # The fix reuses revision 1 and is accepted.
    fixed = a1.change(factories.prospect(), record_id=bad_nik["id"], revision=1)
    assert results(a1.push([fixed]))[0]["status"] == "accepted"


def test_envelope_checks_the_server_redoes(live: Live, devices: Devices) -> None:
    a1 = devices.a1
    v4 = a1.change(record_id=str(uuid.uuid4()))
    tampered = a1.change()
    tampered["payload"]["full_name"] = "DIUBAH"
    floating = a1.change()
    floating["payload"]["declared_income"] = 2000000.5  # no hash can be computed for a float
    future_schema = a1.change(schema_version=9)
    out = results(a1.push([v4, tampered, floating, future_schema]))
    assert out[0]["errors"] == [{"field": "id", "code": "not-uuid7"}]
    assert out[1]["errors"] == [{"field": "payload_hash", "code": "hash-mismatch"}]
    assert out[2]["errors"] == [{"field": "payload", "code": "not-canonical"}]
    assert {"field": "schema_version", "code": "schema-unsupported"} in out[3]["errors"]


def test_identity_mismatch_and_other_agents_records_are_forbidden(
    live: Live, devices: Devices
) -> None:
    a1, a2 = devices.a1, devices.a2
    mine = a1.change()
    assert results(a1.push([mine]))[0]["status"] == "accepted"
    # a2 claims a1's record id: not-owner, a1's record untouched.
    hijack = a2.change(
        factories.prospect(full_name="BUKAN PEMILIK"), record_id=mine["id"], revision=2
    )
    [res] = results(a2.push([hijack]))
    assert (res["status"], res["problem"]) == ("forbidden", "not-owner")
    # a2 sends a change naming a1's device and agent ids.
    spoof = factories.change(a1)
    [res] = results(a2.push([spoof]))
    assert (res["status"], res["problem"]) == ("forbidden", "identity-mismatch")
    record, revisions = stored(live, mine["id"])
    assert record is not None and record.agent_id == a1.agent_id and len(revisions) == 1
    assert stored(live, spoof["id"]) == (None, [])
    with live.db.read() as session:
        problems = {
            q.problem
            for q in session.scalars(
                sa.select(Quarantine).where(Quarantine.agent_id == a2.agent_id)
            )
        }
    assert {"not-owner", "identity-mismatch"} <= problems


def test_one_bad_change_never_blocks_the_others(live: Live, devices: Devices) -> None:
    a1 = devices.a1
    good1, good2 = a1.change(), a1.change()
    bad = a1.change(factories.prospect(nik="3375011505900000"))  # serial 0000
    out = results(a1.push([good1, bad, good2]))
    assert [r["status"] for r in out] == ["accepted", "invalid", "accepted"]
    assert out[1]["errors"] == [{"field": "payload.nik", "code": "nik-serial"}]


def test_possible_duplicates_flag_both_records_across_agents(live: Live, devices: Devices) -> None:
    a1, a3 = devices.a1, devices.a3
    shared = factories.nik()
    first = a1.change(factories.prospect(nik=shared))
    assert results(a1.push([first]))[0]["flags"] == []
    cursor = a1.changes().json()["next_cursor"]
    second = a3.change(
        factories.prospect(
            nik=shared,
            area_code="33.26.05",
            district_code="33.26.05",
            regency_code="33.26",
            village_code=None,
        )
    )
    [res] = results(a3.push([second]))
    assert res["status"] == "accepted" and res["flags"] == ["possible_duplicate"]
    # a1 learns that its record is now flagged, through its own feed, without a3's data.
    feed = a1.changes(cursor=cursor).json()["changes"]
    mine = [e for e in feed if e["type"] == "record" and e["data"]["id"] == first["id"]]
    assert mine and mine[-1]["data"]["flags"] == ["possible_duplicate"]
    assert all(e["data"].get("id") != second["id"] for e in feed)


def test_flags_for_out_of_area_and_awaiting_parent(live: Live, devices: Devices) -> None:
    a1 = devices.a1
    outside = a1.change(
        factories.prospect(
            area_code="33.26.05", district_code="33.26.05", regency_code="33.26", village_code=None
        )
    )
    [res] = results(a1.push([outside]))
    assert res["status"] == "accepted" and res["flags"] == ["out_of_area"]
    parent = a1.change()
    visit = a1.change(
        {
            "prospect_id": parent["id"],
            "kind": "VISIT",
            "date": "2026-03-12",
            "outcome": "INTERESTED",
        },
        entity_type="visit",
    )
    [res] = results(a1.push([visit]))
    assert res["status"] == "accepted" and res["flags"] == ["awaiting_parent"]
    assert res["review_state"] is None
    assert results(a1.push([parent]))[0]["status"] == "accepted"
    record, _ = stored(live, visit["id"])
    assert record is not None and record.flags == [] and record.area_code == "33.75.01.1002"


def test_tombstone_withdraws_and_then_the_record_is_locked(live: Live, devices: Devices) -> None:
    a1 = devices.a1
    first = a1.change()
    results(a1.push([first]))
    tomb = a1.change({}, record_id=first["id"], revision=2, deleted=True)
    [res] = results(a1.push([tomb]))
    assert (res["status"], res["review_state"]) == ("accepted", "withdrawn")
    late = a1.change(factories.prospect(), record_id=first["id"], revision=3)
    [res] = results(a1.push([late]))
    assert (res["status"], res["problem"]) == ("conflict", "record-locked")


def test_approved_records_are_locked(live: Live, devices: Devices) -> None:
    a1 = devices.a1
    first = a1.change()
    results(a1.push([first]))
    with live.db.write() as session:  # as a supervisor's approval will (review API)
        session.execute(
            sa.update(Record)
            .where(Record.id == uuid.UUID(first["id"]))
            .values(review_state="approved")
        )
    edit = a1.change(factories.prospect(full_name="SESUDAH"), record_id=first["id"], revision=2)
    [res] = results(a1.push([edit]))
    assert (res["status"], res["problem"], res["current_revision"]) == (
        "conflict",
        "record-locked",
        1,
    )


def test_sql_looking_strings_are_stored_verbatim_and_harmless(live: Live, devices: Devices) -> None:
    a1 = devices.a1
    nasty = "Robert'); DROP TABLE records;-- \" OR 1=1 --"
    change = a1.change(
        factories.prospect(full_name=nasty[:100], address_line="'; DELETE FROM users; --")
    )
    assert results(a1.push([change]))[0]["status"] == "accepted"
    record, _ = stored(live, change["id"])
    assert record is not None
    payload = json.loads(record.payload)
    assert payload["full_name"] == nasty[:100]
    assert payload["address_line"] == "'; DELETE FROM users; --"
    with live.db.read() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(Record)).scalar_one() > 0


def test_two_agents_racing_for_one_id_never_both_win(
    live: Live, devices: Devices, caplog: pytest.LogCaptureFixture
) -> None:
    """Both agents preload "id absent"; on PostgreSQL the loser's bulk insert hits the unique
    index, rolls back to its savepoint and redoes the batch change by change: the shared id is
    forbidden (not-owner) for it, and its other change is still accepted."""
    pair = (devices.a1, devices.a2)
    for _ in range(12):
        shared = factories.new_id()
        batches = [[d.change(record_id=shared), d.change()] for d in pair]
        outcomes = race(pair, batches)
        shared_status = sorted(outcomes[i][0]["status"] for i in (0, 1))
        assert shared_status == ["accepted", "forbidden"]
        assert all(outcomes[i][1]["status"] == "accepted" for i in (0, 1))
        record, revisions = stored(live, shared)
        assert record is not None and len(revisions) == 1
        winner = 0 if outcomes[0][0]["status"] == "accepted" else 1
        assert record.agent_id == pair[winner].agent_id


def test_a_unique_violation_redoes_the_batch_change_by_change(
    live: Live, devices: Devices, caplog: pytest.LogCaptureFixture
) -> None:
    """Another writer holds an uncommitted row for id X while a2's batch is decided ("X is
    new"). On PostgreSQL a2's bulk insert waits on the unique index, fails once the other
    commits, rolls back to its savepoint and redoes each change in its own SAVEPOINT from step
    (a): X is now a1's (forbidden), the other change is accepted. SQLite waits at BEGIN."""
    caplog.set_level(logging.INFO, logger="server.services.push")
    a1, a2 = devices.a1, devices.a2
    mine = a1.change()
    contested = a2.change(record_id=mine["id"])
    other = a2.change()
    holding = threading.Event()

    def other_writer() -> None:
        with live.db.write() as session:
            session.execute(
                sa.insert(Record).values(
                    id=uuid.UUID(mine["id"]),
                    entity_type="prospect",
                    agent_id=a1.agent_id,
                    revision=1,
                    schema_version=1,
                    deleted=False,
                    payload="{}",
                    payload_hash=mine["payload_hash"],
                    review_state="received",
                    flags=[],
                    checks=[],
                    author_role="agent",
                    created_at=live.clock(),
                    updated_at=live.clock(),
                )
            )
            holding.set()
            time.sleep(0.8)  # a2's push is decided meanwhile, without seeing this row

    writer = threading.Thread(target=other_writer)
    writer.start()
    assert holding.wait(10)
    out = results(a2.push([other, contested]))
    writer.join(10)
    assert [(r["status"], r["problem"]) for r in out] == [
        ("accepted", None),
        ("forbidden", "not-owner"),
    ]
    if live.backend == "postgres":
        assert any("raced another writer" in r.getMessage() for r in caplog.records)


def race(
    devices: tuple[Any, ...], batches: list[list[dict[str, Any]]]
) -> list[list[dict[str, Any]]]:
    """Push one batch per device at the same moment; the results in device order."""
    barrier = threading.Barrier(len(devices))
    outcomes: list[list[dict[str, Any]]] = [[] for _ in devices]

    def run(index: int) -> None:
        barrier.wait()
        outcomes[index] = results(devices[index].push(batches[index]))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(devices))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcomes


def test_server_side_checks_are_kept_for_the_supervisor(live: Live, devices: Devices) -> None:
    a1 = devices.a1
    change = a1.change(factories.prospect(occupation_1="NOT_A_CODE"))
    assert results(a1.push([change]))[0]["status"] == "accepted"
    record, revisions = stored(live, change["id"])
    assert record is not None
    codes = {c["code"] for c in record.checks}
    assert "E_OCC_UNKNOWN" in codes and "E_CONSENT_MISSING" not in codes
    assert revisions[0].checks == record.checks


def test_a_fresh_agent_starts_with_an_empty_feed(live: Live) -> None:
    device = enroll(live, new_agent(live))
    body = device.changes().json()
    assert [e["type"] for e in body["changes"]] == ["reference"]
