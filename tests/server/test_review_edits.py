"""Record detail checks, supervisor edits and duplicate resolution (SYNC §4.9, §5; UI.md §3.8)."""

from __future__ import annotations

import uuid
from typing import Any

import requests
import sqlalchemy as sa

from server.models.audit import AuditEvent
from server.models.records import Record, RecordRevision
from tests.server.conftest import Live, assert_problem
from tests.server.review_support import (
    World,
    clean_payload,
    feed_of,
    fresh_village,
    in_village,
    new_agent,
    new_decision_id,
    new_world,
)


def flags(live: Live, record_id: str) -> list[str]:
    with live.db.read() as session:
        record = session.get(Record, uuid.UUID(record_id))
        assert record is not None
        return list(record.flags)


def edit(
    world: World,
    record_id: str,
    payload: dict[str, Any],
    *,
    base: int = 1,
    note: str | None = "Koreksi ejaan.",
) -> requests.Response:
    body: dict[str, Any] = {"base_revision": base, "payload": payload}
    if note is not None:
        body["note"] = note
    return world.http.post(
        world.api(f"/review/records/{record_id}/revisions"), json=body, timeout=30
    )


def resolve(world: World, record_id: str, **body: Any) -> requests.Response:
    return world.http.post(
        world.api(f"/review/records/{record_id}/duplicate-resolution"), json=body, timeout=30
    )


def test_detail_reruns_the_rules_with_the_consent_record(live: Live) -> None:
    world = new_world(live)
    clean = world.clean_prospect(nik=in_village(world.village)["nik"][:6] + "0101909999")
    detail = world.detail(clean).json()
    assert [c for c in detail["checks"] if c["severity"] == "error"] == []
    assert detail["consent"]["purposes"] == ["ENROLMENT"]
    # No consent record: the consent rule fires on the server too.
    bare = world.prospect(clean_payload(world.village, world.today))
    codes = {c["code"] for c in world.detail(bare).json()["checks"]}
    assert "E_CONSENT_MISSING" in codes
    # A warning the agent acknowledged is marked, with the agent's reason.
    nik = in_village(world.village)["nik"][:6] + "0107909998"  # born 1 July 1990
    payload = clean_payload(
        world.village,
        world.today,
        nik=nik,
        acknowledged_warnings=[{"code": "W_NIK_DOB_MISMATCH", "reason": "KTP lama"}],
    )
    warned = world.prospect(payload)
    [check] = [
        c for c in world.detail(warned).json()["checks"] if c["code"] == "W_NIK_DOB_MISMATCH"
    ]
    assert check == {
        "code": "W_NIK_DOB_MISMATCH",
        "field": "birth_date",
        "params": {"date": "1990-07-01"},
        "severity": "warning",
        "acknowledged": True,
        "reason": "KTP lama",
    }


def test_supervisor_edit_is_the_next_revision_in_the_agents_feed(live: Live) -> None:
    world = new_world(live)
    payload = in_village(world.village, full_name="SITI AMINH")
    rid = world.prospect(payload)
    world.pull()
    fixed = {**payload, "full_name": "SITI AMINAH"}
    response = edit(world, rid, fixed, note="Ejaan nama sesuai KTP.")
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["revision"], body["author_role"], body["note"]) == (
        2,
        "supervisor",
        "Ejaan nama sesuai KTP.",
    )
    assert body["author"]["id"] == str(world.spv.user_id) and body["review_state"] == "received"
    assert edit(world, rid, fixed, note="Ejaan nama sesuai KTP.").status_code == 200  # a repeat
    [entry] = feed_of(world.pull(), "record").values()
    assert entry["data"]["revision"] == 2 and entry["data"]["author_role"] == "supervisor"
    assert entry["data"]["payload"]["full_name"] == "SITI AMINAH"
    detail = world.detail(rid).json()
    assert [(r["revision"], r["author_role"], r["note"]) for r in detail["revisions"]] == [
        (1, "agent", None),
        (2, "supervisor", "Ejaan nama sesuai KTP."),
    ]
    with live.db.read() as session:
        events = session.scalars(
            sa.select(AuditEvent.result).where(
                AuditEvent.entity_id == rid, AuditEvent.action == "review.edit"
            )
        ).all()
    assert events == ["accepted"]
    # The agent continues on top of the supervisor's revision.
    world.revise(rid, {**fixed, "rt": "004"}, revision=3)
    assert world.detail(rid).json()["record"]["revision"] == 3


def test_edit_refusals(live: Live) -> None:
    world = new_world(live)
    payload = in_village(world.village)
    rid = world.prospect(payload)
    body = assert_problem(edit(world, rid, payload, base=4), 409, "stale-revision")
    assert body["current_revision"] == 1
    assert_problem(edit(world, rid, payload, note=None), 422, "validation-failed")
    bad_nik = assert_problem(
        edit(world, rid, {**payload, "nik": "3375013213900001"}), 422, "validation-failed"
    )
    assert {e["field"] for e in bad_nik["errors"]} == {"payload.nik"}
    unknown = assert_problem(
        edit(world, rid, {**payload, "shoe_size": 42}), 422, "validation-failed"
    )
    assert unknown["errors"][0]["field"].startswith("payload.shoe_size")
    region = assert_problem(
        edit(
            world, rid, {**payload, "village_code": "33.75.99.9999", "area_code": "33.75.99.9999"}
        ),
        422,
        "validation-failed",
    )
    assert {"field": "payload.area_code", "code": "region-unknown"} in region["errors"]
    elsewhere = "33.26.05.2001" if world.village[:5] != "33.26" else "33.75.01.1002"
    moved = assert_problem(
        edit(world, rid, {**payload, "area_code": elsewhere}), 422, "validation-failed"
    )
    assert {"field": "payload.area_code", "code": "out-of-scope"} in moved["errors"]
    floats = assert_problem(
        edit(world, rid, {**payload, "declared_income": 1.5}), 422, "validation-failed"
    )
    assert floats["errors"] == [{"field": "payload", "code": "not-canonical"}]
    world.approve(rid)
    assert_problem(edit(world, rid, payload), 409, "invalid-transition")
    with live.db.read() as session:
        count = session.scalar(
            sa.select(sa.func.count())
            .select_from(RecordRevision)
            .where(RecordRevision.record_id == uuid.UUID(rid))
        )
    assert count == 1


def test_an_edited_nik_leaves_its_old_pairs_and_joins_new_ones(live: Live) -> None:
    world = new_world(live)
    shared = in_village(world.village)["nik"]
    first_payload = in_village(world.village, nik=shared)
    first = world.prospect(first_payload)
    second = world.prospect(in_village(world.village, nik=shared))
    third_payload = in_village(world.village)
    third = world.prospect(third_payload)
    assert flags(live, first) == flags(live, second) == ["possible_duplicate"]
    world.pull()
    response = edit(
        world, first, {**first_payload, "nik": third_payload["nik"]}, note="NIK salah ketik."
    )
    assert response.status_code == 201, response.text
    assert response.json()["flags"] == ["possible_duplicate"]
    assert flags(live, second) == [] and flags(live, third) == ["possible_duplicate"]
    moved = feed_of(world.pull(), "record")
    assert moved[second]["data"]["flags"] == [] and moved[third]["data"]["flags"] == [
        "possible_duplicate"
    ]
    candidates = world.detail(first).json()["candidates"]
    assert [c["id"] for c in candidates] == [third]


def test_not_duplicate_settles_the_pair_for_both_agents(live: Live) -> None:
    world = new_world(live)
    _, colleague_device = new_agent(live, world.village)
    shared = in_village(world.village)["nik"]
    mine = world.prospect(in_village(world.village, nik=shared, full_name="AHMAD"))
    theirs_change = colleague_device.change(
        in_village(world.village, nik=shared, full_name="AHMAD S")
    )
    assert colleague_device.push([theirs_change]).status_code == 200
    theirs = str(theirs_change["id"])
    detail = world.detail(mine).json()
    [candidate] = detail["candidates"]
    assert (
        candidate["id"] == theirs and candidate["match"] == "nik" and candidate["in_scope"] is True
    )
    assert {"field": "full_name", "before": "AHMAD", "after": "AHMAD S"} in candidate["differences"]
    assert detail["unresolved_duplicates"] == 1 and "resolve" in detail["actions"]
    response = resolve(world, mine, candidate_id=theirs, resolution="not_duplicate")
    assert response.status_code == 200, response.text
    assert response.json()["resolved"] == 1 and response.json()["flags"] == []
    assert response.json()["unresolved_duplicates"] == 0
    assert flags(live, mine) == [] and flags(live, theirs) == []
    # The colleague's laptop learns its flag went, and nothing about the other record.
    pulled = colleague_device.changes(None, limit=500).json()["changes"]
    ours = [e for e in pulled if e["type"] == "record"]
    assert [e["data"]["id"] for e in ours] == [theirs] and ours[0]["data"]["flags"] == []
    again = resolve(world, mine, candidate_id=theirs, resolution="not_duplicate")
    assert again.status_code == 200 and again.json()["resolved"] == 0
    assert world.approve(mine)["outcome"] == "approve"
    assert world.detail(mine).json()["candidates"][0]["resolution"] == "not_duplicate"
    missing = str(uuid.UUID(int=uuid.UUID(theirs).int ^ 1))
    assert_problem(
        resolve(world, theirs, candidate_id=missing, resolution="not_duplicate"), 404, "not-found"
    )


def test_reject_this_record_as_a_duplicate(live: Live) -> None:
    world = new_world(live)
    shared = in_village(world.village)["nik"]
    keep = world.prospect(in_village(world.village, nik=shared))
    drop = world.prospect(in_village(world.village, nik=shared))
    assert_problem(
        resolve(world, drop, candidate_id=keep, resolution="duplicate"), 422, "validation-failed"
    )
    decision_id = new_decision_id()
    body = {
        "candidate_id": keep,
        "resolution": "duplicate",
        "decision_id": decision_id,
        "record_revision": 1,
        "note": "Sudah didaftarkan oleh petugas lain.",
    }
    response = resolve(world, drop, **body)
    assert response.status_code == 200, response.text
    decision = response.json()["decision"]
    assert (decision["id"], decision["outcome"], decision["reason_code"]) == (
        decision_id,
        "reject",
        "DUPLICATE",
    )
    assert flags(live, keep) == [] and flags(live, drop) == []
    again = resolve(world, drop, **body)
    assert again.status_code == 200 and again.json()["decision"]["id"] == decision_id
    entries = world.pull()
    assert feed_of(entries, "record")[drop]["data"]["review_state"] == "rejected"
    assert feed_of(entries, "decision")[decision_id]["data"]["reason_code"] == "DUPLICATE"
    world.confirm_pull()  # the laptop's next request confirms the cursor: delivered
    undone = world.http.post(world.api(f"/review/decisions/{decision_id}/undo"), timeout=30)
    assert undone.status_code == 409 and undone.json()["reason"] == "delivered"


def test_undoing_a_duplicate_rejection_restores_the_pair(live: Live) -> None:
    world = new_world(live)
    shared = in_village(world.village)["nik"]
    keep = world.prospect(in_village(world.village, nik=shared))
    drop = world.prospect(in_village(world.village, nik=shared))
    decision_id = new_decision_id()
    response = resolve(
        world,
        drop,
        candidate_id=keep,
        resolution="duplicate",
        decision_id=decision_id,
        record_revision=1,
        note="Ganda.",
    )
    assert response.status_code == 200
    undone = world.http.post(world.api(f"/review/decisions/{decision_id}/undo"), timeout=30)
    assert undone.status_code == 200, undone.text
    assert flags(live, keep) == flags(live, drop) == ["possible_duplicate"]
    assert world.detail(keep).json()["unresolved_duplicates"] == 1


def test_candidates_outside_the_scope_show_area_state_and_match_only(live: Live) -> None:
    world = new_world(live)
    stranger = new_world(live, village=fresh_village(outside=world.village[:5]))
    shared = in_village(world.village)["nik"]
    mine = world.prospect(in_village(world.village, nik=shared))
    theirs = stranger.prospect(in_village(stranger.village, nik=shared))
    [hidden] = world.detail(mine).json()["candidates"]
    assert hidden == {"area_code": stranger.village, "review_state": "received", "match": "nik"}
    [seen] = stranger.detail(theirs).json()["candidates"]
    assert seen == {"area_code": world.village, "review_state": "received", "match": "nik"}
    # Without the candidate's id the supervisor settles every open pair of the record.
    response = resolve(world, mine, resolution="not_duplicate")
    assert response.status_code == 200 and response.json()["resolved"] == 1
    assert flags(live, mine) == [] and flags(live, theirs) == []
    assert_problem(resolve(world, theirs, resolution="not_duplicate"), 404, "not-found")
