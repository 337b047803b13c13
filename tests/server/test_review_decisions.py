"""Decisions: approve, return, reject, reopen, bulk, undo; feed entries and audit (SYNC §3–§5, §7)."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa

from server.models.audit import AuditEvent
from server.models.records import Decision, Record
from server.services import audit as audit_service
from tests.server.conftest import Accounts, Live, assert_problem
from tests.server.review_support import (
    World,
    feed_of,
    in_village,
    new_decision_id,
    new_supervisor,
    new_world,
    session_for,
)


def audit_rows(live: Live, entity_id: str, action: str) -> list[AuditEvent]:
    with live.db.read() as session:
        return list(
            session.scalars(
                sa.select(AuditEvent)
                .where(AuditEvent.entity_id == entity_id, AuditEvent.action == action)
                .order_by(AuditEvent.seq)
            )
        )


def state_of(live: Live, record_id: str) -> tuple[str | None, list[str]]:
    with live.db.read() as session:
        record = session.get(Record, uuid.UUID(record_id))
        assert record is not None
        return record.review_state, list(record.flags)


def test_return_reaches_the_agent_feed_with_its_field_notes(live: Live) -> None:
    world = new_world(live)
    rid = world.prospect()
    world.pull()
    response = world.decide(
        rid,
        "return",
        note="Nama ibu kandung tidak terbaca.",
        reason_code="DATA_INCOMPLETE",
        field_notes={"mother_maiden_name": "Cek KTP/KK", "heirs.0.name": "Ejaan"},
    )
    assert response.status_code == 201, response.text
    decision = response.json()
    assert decision["outcome"] == "return" and decision["record_revision"] == 1
    assert decision["decided_by"] == {
        "id": str(world.spv.user_id),
        "display_name": world.spv.username.upper(),
    }
    assert decision["delivered"] is False and decision["can_undo"] is True
    entries = world.pull()
    decisions = feed_of(entries, "decision")
    records = feed_of(entries, "record")
    assert list(decisions) == [decision["id"]] and list(records) == [rid]
    pulled = decisions[decision["id"]]
    assert pulled["seq"] == decision["seq"] < records[rid]["seq"]  # decision, then the record
    assert pulled["data"]["field_notes"] == {
        "mother_maiden_name": "Cek KTP/KK",
        "heirs.0.name": "Ejaan",
    }
    assert pulled["data"]["note"] == "Nama ibu kandung tidak terbaca."
    assert pulled["data"]["reason_code"] == "DATA_INCOMPLETE"
    assert records[rid]["data"]["review_state"] == "returned"
    [row] = audit_rows(live, rid, "review.decide")
    assert (row.result, row.actor_id, row.actor_role, row.revision) == (
        "return",
        world.spv.user_id,
        "supervisor",
        1,
    )
    assert row.detail and row.detail["decision_id"] == decision["id"]
    assert audit_service.verify_chain(live.db).ok


def test_a_repeated_decision_id_answers_200_with_the_stored_decision(live: Live) -> None:
    world = new_world(live)
    rid = world.prospect()
    other = world.prospect()
    decision_id = new_decision_id()
    first = world.decide(
        rid, "reject", note="Bukan BPU.", reason_code="NOT_ELIGIBLE", decision_id=decision_id
    )
    assert first.status_code == 201, first.text
    again = world.decide(
        rid, "reject", note="Bukan BPU.", reason_code="NOT_ELIGIBLE", decision_id=decision_id
    )
    assert again.status_code == 200 and again.json()["id"] == decision_id
    assert again.json()["decided_at"] == first.json()["decided_at"]
    assert again.json()["seq"] == first.json()["seq"]
    # Even with another body the stored decision wins (a retry never decides twice).
    changed = world.decide(rid, "approve", decision_id=decision_id)
    assert changed.status_code == 200 and changed.json()["outcome"] == "reject"
    body = assert_problem(
        world.decide(other, "approve", decision_id=decision_id), 422, "validation-failed"
    )
    assert body["errors"] == [{"field": "decision_id", "code": "id-reused"}]
    with live.db.read() as session:
        count = session.scalar(
            sa.select(sa.func.count())
            .select_from(Decision)
            .where(Decision.id == uuid.UUID(decision_id))
        )
    assert count == 1
    assert len(audit_rows(live, rid, "review.decide")) == 1


def test_refusals_name_the_reason(live: Live) -> None:
    world = new_world(live)
    rid = world.prospect()
    body = assert_problem(world.decide(rid, "approve", revision=2), 409, "stale-revision")
    assert body["current_revision"] == 1
    assert_problem(world.decide(rid, "reopen", note="Buka lagi."), 409, "invalid-transition")
    for outcome, extra in (
        ("return", {"note": None}),
        ("reject", {"reason_code": None}),
        ("return", {"field_notes": {"no_such_field": "x"}}),
        ("return", {"field_notes": {"heirs.0.salary": "x"}}),
        ("return", {"field_notes": {"full_name.0.x": "x"}}),
        ("approve", {"field_notes": {"full_name": "x"}}),
        ("approve", {"reason_code": "BECAUSE"}),
    ):
        payload: dict[str, Any] = {
            "decision_id": new_decision_id(),
            "record_revision": 1,
            "outcome": outcome,
            "note": "Catatan.",
            "reason_code": "OTHER",
            **extra,
        }
        payload = {k: v for k, v in payload.items() if v is not None}
        if outcome == "approve" and "note" in payload:
            del payload["note"]
        response = world.http.post(
            world.api(f"/review/records/{rid}/decisions"), json=payload, timeout=30
        )
        assert_problem(response, 422, "validation-failed")
    uuid4: dict[str, Any] = {
        "decision_id": str(uuid.uuid4()),
        "record_revision": 1,
        "outcome": "approve",
    }
    response = world.http.post(
        world.api(f"/review/records/{rid}/decisions"), json=uuid4, timeout=30
    )
    assert_problem(response, 422, "validation-failed")
    assert world.approve(rid)["outcome"] == "approve"
    assert_problem(world.decide(rid, "approve"), 409, "invalid-transition")
    assert_problem(world.decide(rid, "return"), 409, "invalid-transition")
    assert state_of(live, rid)[0] == "approved"
    # Nothing of the refusals was stored or published.
    assert len(audit_rows(live, rid, "review.decide")) == 1
    missing = str(uuid.UUID(int=uuid.UUID(rid).int ^ 1))
    assert_problem(world.decide(missing, "approve"), 404, "not-found")


def test_a_possible_duplicate_is_resolved_before_approval(live: Live) -> None:
    world = new_world(live)
    nik = in_village(world.village)["nik"]
    first = world.prospect(in_village(world.village, nik=nik))
    second = world.prospect(in_village(world.village, nik=nik))
    assert state_of(live, first)[1] == ["possible_duplicate"]
    assert_problem(world.decide(first, "approve"), 409, "duplicate-unresolved")
    assert "approve" not in world.detail(first).json()["actions"]
    # Rejecting one of the pair settles it: the other loses the flag (and may be approved).
    assert world.decide(second, "reject", reason_code="DUPLICATE").status_code == 201
    assert state_of(live, first)[1] == [] and state_of(live, second) == ("rejected", [])
    entries = world.pull()
    assert feed_of(entries, "record")[first]["data"]["flags"] == []
    assert world.approve(first)["outcome"] == "approve"


def test_a_correction_is_a_new_revision_linked_to_the_judged_one(live: Live) -> None:
    world = new_world(live)
    payload = in_village(world.village, mother_maiden_name="IBU ??")
    rid = world.prospect(payload)
    decided = world.decide(
        rid, "return", note="Nama ibu.", field_notes={"mother_maiden_name": "Cek KK"}
    )
    assert decided.status_code == 201
    world.revise(rid, {**payload, "mother_maiden_name": "SITI AMINAH", "rt": "003"}, revision=2)
    assert state_of(live, rid)[0] == "received"
    detail = world.detail(rid).json()
    assert [r["revision"] for r in detail["revisions"]] == [1, 2]
    assert all(r["author_role"] == "agent" for r in detail["revisions"])
    assert detail["judged_revision"] == 1
    assert detail["changes_since_judged"] == [
        {"field": "mother_maiden_name", "before": "IBU ??", "after": "SITI AMINAH"},
        {"field": "rt", "before": None, "after": "003"},
    ]
    assert detail["decisions"][0]["record_revision"] == 1
    assert set(detail["actions"]) >= {"approve", "return", "reject", "edit"}
    old = world.http.get(world.api(f"/review/records/{rid}/revisions/1"), timeout=30)
    assert old.status_code == 200 and old.json()["payload"]["mother_maiden_name"] == "IBU ??"
    assert_problem(
        world.http.get(world.api(f"/review/records/{rid}/revisions/3"), timeout=30),
        404,
        "not-found",
    )
    # The old revision can no longer be judged; the new one can.
    assert_problem(world.decide(rid, "approve", revision=1), 409, "stale-revision")
    assert world.approve(rid, revision=2)["record_revision"] == 2
    detail = world.detail(rid).json()
    assert detail["judged_revision"] == 2 and detail["changes_since_judged"] == []


def test_reopen_returns_an_approved_record(live: Live) -> None:
    world = new_world(live)
    rid = world.prospect()
    world.approve(rid)
    with live.db.read() as session:
        approved_at = session.get(Record, uuid.UUID(rid)).approved_at  # type: ignore[union-attr]
    assert approved_at is not None
    assert world.detail(rid).json()["actions"] == ["reopen"]
    assert_problem(world.decide(rid, "reopen", note="   "), 422, "validation-failed")
    reopened = world.decide(rid, "reopen", note="Salah desa.", field_notes={"village_code": "Cek"})
    assert reopened.status_code == 201, reopened.text
    with live.db.read() as session:
        record = session.get(Record, uuid.UUID(rid))
        assert (
            record is not None and record.review_state == "returned" and record.approved_at is None
        )
    entries = world.pull()
    assert feed_of(entries, "record")[rid]["data"]["review_state"] == "returned"
    assert [d["data"]["outcome"] for d in feed_of(entries, "decision").values()] == [
        "approve",
        "reopen",
    ]


def test_undo_before_the_agent_pulls(live: Live) -> None:
    world = new_world(live)
    rid = world.prospect()
    world.pull()
    world.confirm_pull()
    decision = world.decide(rid, "return", note="Foto buram.").json()
    undone = world.http.post(world.api(f"/review/decisions/{decision['id']}/undo"), timeout=30)
    assert undone.status_code == 200, undone.text
    assert undone.json()["undone_at"] is not None and undone.json()["can_undo"] is False
    assert state_of(live, rid)[0] == "received"
    again = world.http.post(world.api(f"/review/decisions/{decision['id']}/undo"), timeout=30)
    assert again.status_code == 200 and again.json()["undone_at"] == undone.json()["undone_at"]
    entries = world.pull()
    assert feed_of(entries, "decision") == {}  # the agent never sees the undone decision
    assert feed_of(entries, "record")[rid]["data"]["review_state"] == "received"
    [row] = audit_rows(live, rid, "review.undo")
    assert row.result == "return" and row.detail == {"decision_id": decision["id"]}
    detail = world.detail(rid).json()
    assert detail["decisions"][0]["undone_at"] is not None and detail["judged_revision"] is None
    # Decided again and pulled by the laptop: "terkirim ke agen", no undo any more.
    second = world.decide(rid, "approve")
    second_id = second.json()["id"]
    world.pull()
    world.confirm_pull()
    detail = world.detail(rid).json()
    delivered = {d["id"]: d for d in detail["decisions"]}[second_id]
    assert delivered["delivered"] is True and delivered["can_undo"] is False
    assert detail["delivered_seq"] >= delivered["seq"]
    body = assert_problem(
        world.http.post(world.api(f"/review/decisions/{second_id}/undo"), timeout=30),
        409,
        "undo-unavailable",
    )
    assert body["reason"] == "delivered"
    assert state_of(live, rid)[0] == "approved"


def test_undo_is_the_deciders_within_the_window(live: Live) -> None:
    world = new_world(live)
    rid = world.prospect()
    _, colleague = new_supervisor(live, (world.village,))
    first = world.approve(rid)
    assert_problem(
        colleague.post(world.api(f"/review/decisions/{first['id']}/undo"), timeout=30),
        403,
        "forbidden",
    )
    reopened = world.decide(rid, "reopen", note="Periksa alamat.").json()
    body = assert_problem(
        world.http.post(world.api(f"/review/decisions/{first['id']}/undo"), timeout=30),
        409,
        "undo-unavailable",
    )
    assert body["reason"] == "superseded"
    undone = world.http.post(world.api(f"/review/decisions/{reopened['id']}/undo"), timeout=30)
    assert undone.status_code == 200
    with live.db.read() as session:
        record = session.get(Record, uuid.UUID(rid))
        assert record is not None and record.review_state == "approved"
        assert record.approved_at is not None
    other = world.prospect()
    late = world.decide(other, "reject", reason_code="OTHER").json()
    live.clock.advance(seconds=live.settings.review_undo_seconds + 1)
    body = assert_problem(
        world.http.post(world.api(f"/review/decisions/{late['id']}/undo"), timeout=30),
        409,
        "undo-unavailable",
    )
    assert body["reason"] == "expired"
    assert_problem(
        world.http.post(world.api(f"/review/decisions/{new_decision_id()}/undo"), timeout=30),
        404,
        "not-found",
    )


def test_admins_read_but_never_decide(live: Live, accounts: Accounts) -> None:
    world = new_world(live)
    rid = world.prospect()
    admin = session_for(live, accounts.admin)
    assert world.detail(rid, admin).status_code == 200
    assert world.detail(rid, admin).json()["actions"] == []
    assert_problem(world.decide(rid, "approve", http=admin), 403, "role-not-permitted")
    decision = world.approve(rid)
    assert_problem(
        admin.post(world.api(f"/review/decisions/{decision['id']}/undo"), timeout=30),
        403,
        "role-not-permitted",
    )
    agent = world.device
    response = agent.http.post(
        world.api(f"/review/records/{rid}/decisions"),
        json={"decision_id": new_decision_id(), "record_revision": 1, "outcome": "approve"},
        headers=agent.headers(),
        timeout=30,
    )
    assert_problem(response, 403, "role-not-permitted")


def _bulk(world: World, items: list[dict[str, Any]]) -> Any:
    return world.http.post(world.api("/review/decisions:bulk"), json={"items": items}, timeout=60)


def test_bulk_approve_answers_each_item(live: Live) -> None:
    world = new_world(live)
    stranger = new_world(live)
    clean = [world.clean_prospect() for _ in range(3)]
    unclean = world.prospect()  # the factory payload misses required fields
    nik = in_village(world.village)["nik"]
    dup = world.clean_prospect(nik=nik)
    world.clean_prospect(nik=nik)
    foreign = stranger.clean_prospect()
    items = [
        {
            "decision_id": new_decision_id(),
            "record_id": rid,
            "record_revision": 1,
            "outcome": "approve",
        }
        for rid in [*clean, unclean, dup, foreign]
    ]
    items.append(
        {
            "decision_id": new_decision_id(),
            "record_id": clean[0],
            "record_revision": 2,
            "outcome": "approve",
        }
    )
    response = _bulk(world, items)
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [(r["status"], r["problem"]) for r in results] == [
        (201, None),
        (201, None),
        (201, None),
        (409, "not-clean"),
        (409, "duplicate-unresolved"),
        (404, "not-found"),
        (409, "stale-revision"),
    ]
    assert [r["record_id"] for r in results] == [i["record_id"] for i in items]
    assert all(r["decision"]["outcome"] == "approve" for r in results[:3])
    assert results[6]["current_revision"] == 1
    assert [state_of(live, rid)[0] for rid in clean] == ["approved"] * 3
    assert state_of(live, unclean)[0] == "received" and state_of(live, foreign)[0] == "received"
    entries = world.pull()
    assert {d["data"]["record_id"] for d in feed_of(entries, "decision").values()} == set(clean)
    # A retry of the whole request decides nothing twice.
    again = _bulk(world, items)
    assert [r["status"] for r in again.json()["results"][:3]] == [200, 200, 200]
    assert [r["decision"]["id"] for r in again.json()["results"][:3]] == [
        i["decision_id"] for i in items[:3]
    ]
    assert feed_of(world.pull(), "decision") == {}
    # Returns in bulk need no clean record.
    returned = _bulk(
        world,
        [
            {
                "decision_id": new_decision_id(),
                "record_id": unclean,
                "record_revision": 1,
                "outcome": "return",
                "note": "Lengkapi.",
            }
        ],
    )
    assert returned.json()["results"][0]["status"] == 201


def test_bulk_is_capped_at_200(live: Live) -> None:
    world = new_world(live)
    rid = world.prospect()
    items = [
        {
            "decision_id": new_decision_id(),
            "record_id": rid,
            "record_revision": 1,
            "outcome": "approve",
        }
        for _ in range(201)
    ]
    assert_problem(_bulk(world, items), 422, "validation-failed")
    assert_problem(_bulk(world, []), 422, "validation-failed")
    assert state_of(live, rid)[0] == "received"
