"""The review queue and record lists (SYNC_PROTOCOL.md §4.9; UI.md §3.8 "Kegiatan / Terima / Tunggu")."""

from __future__ import annotations

from typing import Any

import requests

from tests.server import factories
from tests.server.conftest import Live, assert_problem
from tests.server.review_support import (
    World,
    in_village,
    new_supervisor,
    new_world,
    session_for,
)


def _event(world: World, *, day: str, manifest: list[dict[str, Any]], closed: bool = True) -> str:
    event_id = factories.new_id()
    payload = {
        "area_code": world.village,
        "place_kind": "MARKET",
        "place_name": f"Pasar {day}",
        "date": day,
        "closed": closed,
        "manifest": manifest,
    }
    world.push([world.device.change(payload, record_id=event_id, entity_type="outreach_event")])
    return event_id


def _batches(world: World, http: requests.Session | None = None, **params: Any) -> list[Any]:
    response = (http or world.http).get(world.api("/review/batches"), params=params, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()["batches"]


def _period(first: str, last: str) -> dict[str, Any]:
    return {"from": first, "to": last}


def _records(world: World, http: requests.Session | None = None, **params: Any) -> Any:
    response = (http or world.http).get(world.api("/review/records"), params=params, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def _queue_world(live: Live) -> tuple[World, dict[str, str]]:
    """An event with a 4-entry manifest (2 arrived as listed, 1 at an older revision, 1 not at
    all), plus two prospects outside any event sharing a NIK with one of the event's."""
    world = new_world(live)
    ids = {name: factories.new_id() for name in ("p1", "p2", "p3", "p4")}
    event_id = factories.new_id()
    manifest = [
        {"id": ids["p1"], "revision": 1},
        {"id": ids["p2"], "revision": 1},
        {"id": ids["p3"], "revision": 2},
        {"id": ids["p4"], "revision": 1},
    ]
    payload = {
        "area_code": world.village,
        "place_kind": "HARBOUR",
        "place_name": "TPI Contoh",
        "date": "2026-03-12",
        "closed": True,
        "manifest": manifest,
    }
    world.push([world.device.change(payload, record_id=event_id, entity_type="outreach_event")])
    shared = in_village(world.village)["nik"]
    changes = [
        world.device.change(
            in_village(world.village, outreach_event_id=event_id, full_name="PESERTA SATU"),
            record_id=ids["p1"],
        ),
        world.device.change(
            in_village(world.village, outreach_event_id=event_id, nik=shared), record_id=ids["p2"]
        ),
        world.device.change(
            in_village(world.village, outreach_event_id=event_id), record_id=ids["p3"]
        ),
    ]
    world.push(changes)
    ids["q1"] = world.prospect(in_village(world.village, nik=shared, full_name="Budi Santoso"))
    ids["q2"] = world.prospect(in_village(world.village))
    ids["event"] = event_id
    return world, ids


def test_queue_counts_arrivals_states_and_flags(live: Live) -> None:
    world, ids = _queue_world(live)
    world.approve(ids["p1"])
    batches = _batches(world, agent_id=str(world.agent.user_id))
    assert [b["id"] for b in batches] == [None, ids["event"]]  # newest first: today, 2026-03-12
    loose, event = batches
    assert event["place_name"] == "TPI Contoh" and event["date"] == "2026-03-12"
    assert event["closed"] is True and (event["arrived"], event["expected"]) == (2, 4)
    assert event["total"] == 3 and event["pending"] == 2 and event["flagged"] == 1
    assert event["counts"] == {
        "received": 2,
        "approved": 1,
        "returned": 0,
        "rejected": 0,
        "withdrawn": 0,
    }
    assert event["agent"]["username"] == world.agent.username
    assert loose["total"] == 2 and loose["expected"] is None and loose["arrived"] == 2
    assert loose["flagged"] == 1 and loose["area_code"] is None
    # The event's records, and the prospects outside any event.
    inside = _records(world, batch_id=ids["event"])["records"]
    assert [r["id"] for r in inside] == sorted([ids["p1"], ids["p2"], ids["p3"]])
    assert {r["id"]: r["review_state"] for r in inside}[ids["p1"]] == "approved"
    assert {r["id"]: r["decided_revision"] for r in inside}[ids["p1"]] == 1
    outside = _records(world, batch_id="none", agent_id=str(world.agent.user_id))["records"]
    assert sorted(r["id"] for r in outside) == sorted([ids["q1"], ids["q2"]])
    summary = {r["id"]: r for r in outside}[ids["q1"]]
    assert summary["flags"] == ["possible_duplicate"] and summary["full_name"] == "Budi Santoso"
    assert summary["errors"] > 0  # the factory payload lacks fields the rules require


def test_queue_filters(live: Live) -> None:
    world, ids = _queue_world(live)
    world.approve(ids["p1"])
    agent = str(world.agent.user_id)
    assert [b["id"] for b in _batches(world, agent_id=agent, state="approved")] == [ids["event"]]
    assert len(_batches(world, agent_id=agent, state="received")) == 2
    assert _batches(world, agent_id=agent, state="rejected") == []
    flagged = _batches(world, agent_id=agent, flag="possible_duplicate")
    assert len(flagged) == 2
    assert _batches(world, agent_id=agent, flag="attachments_missing") == []
    dated = _batches(world, agent_id=agent, **_period("2026-03-01", "2026-03-31"))
    assert [b["id"] for b in dated] == [ids["event"]]
    assert _batches(world, agent_id=agent, **_period("2026-03-13", "2026-03-20")) == []
    # A narrower area inside the scope is fine; one outside it is not found (§2.5).
    assert len(_batches(world, area=world.village)) == 2
    other = "33.26.05.2001" if not world.village.startswith("33.26.05") else "33.75.01.1002"
    assert_problem(
        world.http.get(world.api("/review/batches"), params={"area": other}, timeout=30),
        404,
        "not-found",
    )
    assert_problem(
        world.http.get(world.api("/review/records"), params={"area": other}, timeout=30),
        404,
        "not-found",
    )
    states = _records(world, agent_id=agent, state="received")["records"]
    assert sorted(r["id"] for r in states) == sorted([ids["p2"], ids["p3"], ids["q1"], ids["q2"]])
    dup = _records(world, agent_id=agent, flag="possible_duplicate")["records"]
    assert sorted(r["id"] for r in dup) == sorted([ids["p2"], ids["q1"]])


def test_records_search_by_nik_or_name_and_pages(live: Live) -> None:
    world, ids = _queue_world(live)
    agent = str(world.agent.user_id)
    detail = world.detail(ids["q2"]).json()
    nik = detail["record"]["payload"]["nik"]
    found = _records(world, agent_id=agent, q=nik[:12] + " " + nik[12:])["records"]
    assert ids["q2"] in [r["id"] for r in found] and all(
        r["nik"].startswith(nik[:12]) for r in found
    )
    assert [r["id"] for r in _records(world, agent_id=agent, q="budi santo")["records"]] == [
        ids["q1"]
    ]
    assert _records(world, agent_id=agent, q="100%_")["records"] == []  # LIKE wildcards escaped
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"agent_id": agent, "limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = _records(world, **params)
        seen += [r["id"] for r in page["records"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    expected = sorted([ids[k] for k in ("p1", "p2", "p3", "q1", "q2")])
    assert seen == expected  # capture order (UUIDv7), each once


def test_batches_page_newest_first(live: Live) -> None:
    world = new_world(live)
    days = ["2026-01-05", "2026-02-07", "2026-02-07", "2026-01-01"]
    made = [_event(world, day=d, manifest=[], closed=False) for d in days]
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"agent_id": str(world.agent.user_id), "limit": 1}
        if cursor:
            params["cursor"] = cursor
        response = world.http.get(world.api("/review/batches"), params=params, timeout=30)
        body = response.json()
        seen += [b["id"] for b in body["batches"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    same_day = sorted([made[1], made[2]])
    assert seen == [*same_day, made[0], made[3]]
    assert all(b["total"] == 0 and b["expected"] is None for b in _batches(world))


def test_scope_admin_sees_all_other_supervisors_see_nothing(live: Live, accounts: Any) -> None:
    world, ids = _queue_world(live)
    agent = str(world.agent.user_id)
    admin = session_for(live, accounts.admin)
    assert len(_batches(world, admin, agent_id=agent)) == 2
    assert admin.get(world.api(f"/review/records/{ids['p1']}"), timeout=30).status_code == 200
    _, stranger = new_supervisor(
        live, ("33.26.05",) if world.village[:5] != "33.26" else ("33.75",)
    )
    assert _batches(world, stranger, agent_id=agent) == []
    assert _records(world, stranger, agent_id=agent)["records"] == []
    assert_problem(world.detail(ids["p1"], stranger), 404, "not-found")
    # A district-level supervisor above the village sees the same batches.
    _, district = new_supervisor(live, (world.village[:8],))
    assert len(_batches(world, district, agent_id=agent)) == 2
