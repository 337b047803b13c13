"""``GET /api/v1/review/dashboard`` on the live server (SQLite and PostgreSQL): the counts equal
the ones computed here from what the test pushed, per scope, area, breakdown and period; the
access rules of SYNC_PROTOCOL.md §2.5; the reply parses into the client's ``DashboardData``."""

from __future__ import annotations

import random
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import pytest
import requests
from sqlalchemy import update

from core.formatting import WIB
from models.rules.regions import regions
from models.services.dashboard import DashboardData, week_start
from server.models.records import Record
from tests.server import factories
from tests.server.conftest import Account, Live, assert_problem, enroll, login, make_user

OCCUPATIONS = ("PDG_PASAR", "PDG_PKL", "NLY_TRADISIONAL", "OJK_PANGKALAN", "BTK_PENGRAJIN")
DAY_OFFSETS = (0, -3, -9, -20)


@dataclass
class Fact:
    id: str
    agent: str
    village: str
    occupation: str
    day: date
    approved: bool = False
    deleted: bool = False


@dataclass
class World:
    live: Live
    users: dict[str, Account]
    sessions: dict[str, requests.Session]
    prospects: list[Fact] = field(default_factory=list)
    follow_ups: dict[str, date] = field(default_factory=dict)  # prospect id → open due date
    events: list[tuple[str, date]] = field(default_factory=list)  # (area, date)

    def get(self, who: str, **params: Any) -> requests.Response:
        return self.sessions[who].get(self.live.api("/review/dashboard"), params=params, timeout=60)


def _villages(district: str) -> list[str]:
    return [v.code for v in regions().villages(district)]


def _push(device: Any, changes: list[dict[str, Any]]) -> None:
    response = device.push(changes)
    assert response.status_code == 200, response.text
    statuses = [r["status"] for r in response.json()["results"]]
    assert all(s == "accepted" for s in statuses), response.json()["results"]


@pytest.fixture(scope="module")
def world(live_server: Live) -> World:  # noqa: C901 - one scripted scenario
    live = live_server
    rng = random.Random(31)
    tag = uuid.uuid4().hex[:6]
    users = {
        "admin": make_user(live, f"adm{tag}", ("admin",), ()),
        "kota": make_user(live, f"spk{tag}", ("supervisor",), ("33.75",)),
        "kab": make_user(live, f"spb{tag}", ("supervisor",), ("33.26",)),
        "ag1": make_user(live, f"a1{tag}", ("agent",), ("33.75.01",)),
        "ag2": make_user(live, f"a2{tag}", ("agent",), ("33.75.03",)),
        "ag3": make_user(live, f"a3{tag}", ("agent",), ("33.26.05",)),
    }
    devices = {name: enroll(live, users[name]) for name in ("ag1", "ag2", "ag3")}
    districts = {"ag1": "33.75.01", "ag2": "33.75.03", "ag3": "33.26.05"}
    w = World(live, users, {k: login(live, users[k]) for k in ("admin", "kota", "kab")})
    try:
        for offset in DAY_OFFSETS:
            live.clock.advance(days=offset)
            day = live.clock().astimezone(WIB).date()
            for name, device in devices.items():
                changes = []
                for _ in range(rng.randint(3, 6)):
                    village = rng.choice(_villages(districts[name]))
                    job = rng.choice(OCCUPATIONS)
                    payload = factories.prospect(
                        nik=factories.nik(districts[name].replace(".", "")),
                        regency_code=village[:5],
                        district_code=village[:8],
                        village_code=village,
                        area_code=village,
                        occupation_1=job,
                    )
                    change = device.change(payload)
                    changes.append(change)
                    w.prospects.append(Fact(change["id"], name, village, job, day))
                event_day = day - timedelta(days=1)
                event = {
                    "area_code": districts[name],
                    "place_kind": "MARKET",
                    "place_name": f"Pasar {name} {event_day}",
                    "date": event_day.isoformat(),
                }
                changes.append(device.change(event, entity_type="outreach_event"))
                w.events.append((districts[name], event_day))
                _push(device, changes)
            assert live.clock().astimezone(WIB).date() == day, "pushed across midnight"
            live.clock.reset()
        _decide_and_visit(w, devices, rng)
    finally:
        live.clock.reset()
    return w


def _decide_and_visit(w: World, devices: dict[str, Any], rng: random.Random) -> None:
    approved = [f for f in w.prospects if rng.random() < 0.4]
    for fact in approved:
        fact.approved = True
    with w.live.db.write() as session:
        session.execute(
            update(Record)
            .where(Record.id.in_([uuid.UUID(f.id) for f in approved]))
            .values(review_state="approved")
        )
    gone = next(f for f in w.prospects if not f.approved)
    gone.deleted = True
    tomb = devices[gone.agent].change({}, record_id=gone.id, revision=2, deleted=True)
    _push(devices[gone.agent], [tomb])

    base = date(2026, 3, 2)

    def visit(fact: Fact, day: date, outcome: str, due: date | None = None) -> dict[str, Any]:
        payload = {"prospect_id": fact.id, "kind": "VISIT", "date": day.isoformat()}
        payload["outcome"] = outcome
        if due is not None:
            payload["due_date"] = due.isoformat()
        return devices[fact.agent].change(payload, entity_type="visit")

    live_facts = [f for f in w.prospects if not f.deleted]
    plans = rng.sample(live_facts, 12)
    for i, fact in enumerate(plans):
        due = base + timedelta(days=3 * i)
        kind = i % 4
        if kind == 0:  # planned, open
            changes = [visit(fact, base, "PLANNED", due)]
            w.follow_ups[fact.id] = due
        elif kind == 1:  # planned, then enrolled later: closed
            changes = [
                visit(fact, base, "PLANNED", due),
                visit(fact, base + timedelta(1), "ENROLLED"),
            ]
        elif kind == 2:  # refused first, then a newer call with a next date: open
            changes = [
                visit(fact, base, "REFUSED"),
                visit(fact, base + timedelta(2), "NO_ANSWER", due),
            ]
            w.follow_ups[fact.id] = due
        else:  # two visits the same day: the later record (higher UUIDv7) is the newest
            changes = [visit(fact, base, "INTERESTED", base), visit(fact, base, "NOT_FOUND", due)]
            w.follow_ups[fact.id] = due
        _push(devices[fact.agent], changes)


SCOPES = {"admin": None, "kota": ("33.75",), "kab": ("33.26",)}


def _in(code: str, areas: tuple[str, ...] | None) -> bool:
    return areas is None or any(code == a or code.startswith(a + ".") for a in areas)


def _key(by: str, fact: Fact, w: World) -> str:
    return {
        "village": fact.village,
        "district": fact.village[:8],
        "regency": fact.village[:5],
        "occupation": fact.occupation,
        "agent": str(w.users[fact.agent].user_id),
        "week": week_start(fact.day).isoformat(),
    }[by]


def _expected(w: World, who: str, area: str | None, by: str, start: date | None, end: date | None):  # type: ignore[no-untyped-def]
    def visible(code: str) -> bool:
        return _in(code, SCOPES[who]) and (area is None or _in(code, (area,)))

    live = [f for f in w.prospects if not f.deleted and visible(f.village)]
    cohort = [
        f for f in live if (start is None or f.day >= start) and (end is None or f.day <= end)
    ]
    rows: dict[str, list[int]] = {}
    for f in cohort:
        row = rows.setdefault(_key(by, f, w), [0, 0, 0])
        row[0] += 1
        row[1] += f.approved
    due = [
        (f, w.follow_ups[f.id])
        for f in live
        if f.id in w.follow_ups and (end is None or w.follow_ups[f.id] <= end)
    ]
    for f, due_on in due:
        key = week_start(due_on).isoformat() if by == "week" else _key(by, f, w)
        rows.setdefault(key, [0, 0, 0])[2] += 1
    events = sum(
        1
        for code, day in w.events
        if visible(code) and (start is None or day >= start) and (end is None or day <= end)
    )
    return {k: tuple(v) for k, v in rows.items()}, len(due), events


def _periods(w: World) -> list[tuple[date | None, date | None]]:
    days = sorted({f.day for f in w.prospects})
    first_month = days[0].replace(day=1)
    month_end = (days[-1].replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return [
        (None, None),
        (days[1], days[-1]),  # partial months and weeks at both ends
        (days[0], days[0]),  # one day: no whole month or week
        (first_month, month_end),  # whole months only
        (days[0] - timedelta(days=days[0].weekday()), None),  # from a Monday, open end
        (None, date(2026, 3, 10)),
    ]


@pytest.mark.timeout(240)
@pytest.mark.parametrize("who", ["admin", "kota", "kab"])
def test_counts_equal_what_was_pushed(world: World, who: str) -> None:
    areas = {"admin": [None, "33.26.05"], "kota": [None, "33.75.03"], "kab": [None]}[who]
    for area in areas:
        for by in ("village", "district", "regency", "occupation", "agent", "week"):
            for start, end in _periods(world):
                params: dict[str, Any] = {"by": by}
                if area:
                    params["area"] = area
                if start:
                    params["from"] = start.isoformat()
                if end:
                    params["to"] = end.isoformat()
                response = world.get(who, **params)
                where = f"{who} {params}"
                assert response.status_code == 200, (where, response.text)
                assert response.headers["Jangkau-Protocol"] == "1"
                body = response.json()
                rows, follow_ups, events = _expected(world, who, area, by, start, end)
                got = {
                    r["key"]: (r["prospects"], r["approved"], r["follow_ups"]) for r in body["rows"]
                }
                assert got == rows, where
                totals = body["totals"]
                assert totals["prospects"] == sum(v[0] for v in rows.values()), where
                assert totals["approved"] == sum(v[1] for v in rows.values()), where
                assert totals["follow_ups"] == follow_ups, where
                assert totals["events"] == events, where
                assert body["funnel"] == [
                    {"stage": "submitted", "count": totals["prospects"]},
                    {"stage": "approved", "count": totals["approved"]},
                ], where


def test_labels_baseline_and_the_client_shape(world: World) -> None:
    body = world.get("admin", by="agent").json()
    names = {r["key"]: r["label"] for r in body["rows"]}
    for name in ("ag1", "ag2", "ag3"):
        account = world.users[name]
        assert names[str(account.user_id)] == account.username.upper()
    villages = world.get("kota", by="village").json()
    assert all(r["label"] == regions().name(r["key"]) for r in villages["rows"])
    regencies = world.get("admin", by="regency").json()
    assert {r["key"] for r in regencies["rows"]} == {"33.75", "33.26"}
    assert all(r["target"] is None for r in regencies["rows"])  # not published per regency
    assert body["baseline"]["bpu_active"] == 31_546 and body["baseline"]["as_of"] == "2025-11-30"
    data = DashboardData.from_json(body)
    assert data.source == "server" and data.by == "agent"
    assert data.totals.prospects == sum(r.prospects for r in data.rows)
    assert isinstance(data.generated_at, datetime)
    weeks = DashboardData.from_json(world.get("kab", by="week").json())
    assert [r.key for r in weeks.rows] == sorted(r.key for r in weeks.rows)


def test_access_rules(world: World) -> None:
    live = world.live
    url = live.api("/review/dashboard")
    assert_problem(requests.get(url, timeout=30), 401, "unauthenticated")
    device = enroll(live, make_user(live, f"ag{uuid.uuid4().hex[:6]}", ("agent",), ("33.75.01",)))
    assert_problem(
        requests.get(url, headers=device.headers(), timeout=30), 403, "role-not-permitted"
    )
    # An area outside the supervisor's scope is an object they cannot see: 404, not 403.
    assert_problem(world.get("kota", area="33.26"), 404, "not-found")
    assert_problem(world.get("kab", area="33.75.01"), 404, "not-found")
    assert world.get("kota", area="33.75.01.1002").status_code == 200
    # A broader area than the scope is allowed but shows only the scope.
    wide = world.get("kab", area="33")
    assert wide.status_code == 200
    assert {r["key"][:5] for r in wide.json()["rows"]} == {"33.26"}
    assert world.get("admin", area="33.27").json()["totals"]["prospects"] == 0
    assert_problem(world.get("kota", by="province"), 422, "validation-failed")
    assert_problem(world.get("kota", area="33.7"), 422, "validation-failed")
    assert_problem(
        world.get("kota", **{"from": "2026-03-02", "to": "2026-03-01"}), 422, "validation-failed"
    )
    assert Counter(r["key"][:5] for r in world.get("kota").json()["rows"]).keys() <= {"33.75"}


@pytest.mark.parametrize(
    ("kind", "start", "end", "buckets", "edges"),
    [
        (
            "m",
            date(2026, 3, 15),
            date(2026, 6, 10),
            (date(2026, 4, 1), date(2026, 5, 1)),
            [(date(2026, 3, 15), date(2026, 3, 31)), (date(2026, 6, 1), date(2026, 6, 10))],
        ),
        ("m", date(2026, 3, 1), date(2026, 5, 31), (date(2026, 3, 1), date(2026, 5, 1)), []),
        ("m", date(2026, 3, 5), date(2026, 3, 20), None, [(date(2026, 3, 5), date(2026, 3, 20))]),
        ("m", None, None, (None, None), []),
        (
            "m",
            None,
            date(2026, 6, 10),
            (None, date(2026, 5, 1)),
            [(date(2026, 6, 1), date(2026, 6, 10))],
        ),
        (
            "m",
            date(2026, 12, 15),
            None,
            (date(2027, 1, 1), None),
            [(date(2026, 12, 15), date(2026, 12, 31))],
        ),
        (
            "w",
            date(2026, 9, 2),
            date(2026, 9, 27),
            (date(2026, 9, 7), date(2026, 9, 21)),
            [(date(2026, 9, 2), date(2026, 9, 6))],
        ),
        ("w", date(2026, 9, 7), date(2026, 9, 9), None, [(date(2026, 9, 7), date(2026, 9, 9))]),
    ],
)
def test_split_period_into_whole_buckets_and_edges(kind, start, end, buckets, edges):
    from server.services.aggregates import split_period

    assert split_period(kind, start, end) == (buckets, edges)
