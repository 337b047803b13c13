"""The agent's dashboard from the local store, checked against counts computed here in Python
from the facts the test itself wrote (dates, villages, states, prints, visits, follow-ups)."""

from __future__ import annotations

import random
import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import insert, update

from core.formatting import WIB
from models.base import new_id, utcnow
from models.outreach_event import OutreachEvent
from models.prospect import Prospect
from models.rules.baseline import branch_baseline
from models.services import dashboard
from models.services.dashboard import DashboardData, DashboardQuery, week_start
from models.services.demo_seed import seed
from models.visit import Visit

TODAY = date(2026, 9, 1)


@pytest.fixture
def facts(db, agent):  # type: ignore[no-untyped-def]
    """240 prospects spread over 70 days with known facts; returns them as plain dicts."""
    rng = random.Random(7)
    result = seed(db, count=240, rng=rng, agent=agent, today=TODAY, submitted_share=0.6)
    rows = []
    with db.session_scope() as session:
        for pid in result.ids:
            prospect = session.get(Prospect, pid)
            # Created some time in the 70 days before TODAY, at any hour (WIB day boundaries
            # matter: 23.30 WIB on the 1st is 16.30 UTC on the 1st, 00.30 WIB is the day before).
            local = datetime(2026, 6, 23, tzinfo=WIB) + timedelta(minutes=rng.randrange(70 * 1440))
            fact = {
                "id": pid,
                "day": local.date(),
                "village": prospect.village_code,
                "district": prospect.district_code,
                "occupation": prospect.occupation_1,
                "submitted": prospect.revision > 0,
                "approved": prospect.revision > 0 and rng.random() < 0.4,
                "printed": rng.random() < 0.3,
                "interested": rng.random() < 0.25,
                "follow_up": TODAY + timedelta(days=rng.randrange(-20, 20))
                if rng.random() < 0.3
                else None,
                "deleted": rng.random() < 0.05,
            }
            if rng.random() < 0.1:  # a village typed as free text: keyed by its kecamatan
                fact["village"] = None
            values = {
                "created_at": local.astimezone(UTC),
                "village_code": fact["village"],
                "printed_count": 1 if fact["printed"] else 0,
                "next_follow_up": fact["follow_up"],
                "deleted_at": utcnow() if fact["deleted"] else None,
            }
            if fact["approved"]:
                values.update(review_state="approved", badge="approved")
            session.execute(update(Prospect).where(Prospect.id == pid).values(**values))
            if fact["interested"]:
                session.execute(
                    insert(Visit).values(
                        id=new_id(),
                        prospect_id=pid,
                        revision=0,
                        payload_json={},
                        kind="VISIT",
                        visit_date=fact["day"],
                        outcome="INTERESTED",
                        created_at=utcnow(),
                        updated_at=utcnow(),
                    )
                )
            rows.append(fact)
        for i in range(9):
            session.add(
                OutreachEvent(
                    id=uuid.uuid4(),
                    payload={},
                    area_code="33.75.01",
                    place_kind="MARKET",
                    place_name=f"Pasar {i}",
                    event_date=TODAY - timedelta(days=8 * i),
                )
            )
    return rows


def _key(by: str, fact: dict) -> str:  # type: ignore[type-arg]
    place = fact["village"] or fact["district"] or ""
    return {
        "village": place,
        "district": place[:8],
        "regency": place[:5],
        "occupation": fact["occupation"] or "",
        "week": week_start(fact["day"]).isoformat(),
    }[by]


def _expected(facts, by, start, end):  # type: ignore[no-untyped-def]
    live = [f for f in facts if not f["deleted"]]
    cohort = [
        f for f in live if (start is None or f["day"] >= start) and (end is None or f["day"] <= end)
    ]
    prospects = Counter(_key(by, f) for f in cohort)
    approved = Counter(_key(by, f) for f in cohort if f["approved"])
    due = [f for f in live if f["follow_up"] and (end is None or f["follow_up"] <= end)]
    if by == "week":
        follow = Counter(week_start(f["follow_up"]).isoformat() for f in due)
    else:
        follow = Counter(_key(by, f) for f in due)
    keys = set(prospects) | set(follow)
    rows = {k: (prospects[k], approved[k], follow[k]) for k in keys}
    printed = sum(1 for f in cohort if f["printed"] or f["submitted"] or f["approved"])
    funnel = {
        "contacted": len(cohort),
        "interested": printed
        + sum(
            1
            for f in cohort
            if f["interested"] and not (f["printed"] or f["submitted"] or f["approved"])
        ),
        "printed": printed,
        "submitted": sum(1 for f in cohort if f["submitted"] or f["approved"]),
        "approved": sum(1 for f in cohort if f["approved"]),
    }
    return rows, funnel, len(due)


PERIODS = [
    (None, None),
    (date(2026, 8, 1), date(2026, 8, 31)),
    (date(2026, 8, 24), TODAY),
    (TODAY + timedelta(days=1), TODAY + timedelta(days=30)),
]


def test_counts_match_independent_counts(db, facts):
    """Every breakdown × period (one seeded store: seeding dominates the time)."""
    for by in dashboard.BY_LOCAL:
        for start, end in PERIODS:
            _check(db, facts, by, start, end)


def _check(db, facts, by, start, end):  # type: ignore[no-untyped-def]
    where = f"by={by} period={start}..{end}"
    data = dashboard.load_dashboard(db, query=DashboardQuery(by=by, start=start, end=end))
    rows, funnel, follow_ups = _expected(facts, by, start, end)
    got = {r.key: (r.prospects, r.approved, r.follow_ups) for r in data.rows}
    assert got == rows, where
    assert {f.stage: f.count for f in data.funnel} == funnel, where
    assert data.totals.prospects == funnel["contacted"], where
    assert data.totals.approved == funnel["approved"], where
    assert data.totals.follow_ups == follow_ups, where
    events = [TODAY - timedelta(days=8 * i) for i in range(9)]
    assert data.totals.events == sum(
        1 for d in events if (start is None or d >= start) and (end is None or d <= end)
    ), where
    if by == "week":
        assert [r.key for r in data.rows] == sorted(r.key for r in data.rows), where
        assert all(date.fromisoformat(r.key).weekday() == 0 for r in data.rows), where
    else:
        counts = [r.prospects for r in data.rows]
        assert counts == sorted(counts, reverse=True), where


def test_labels_targets_baseline_and_the_wire_round_trip(db, facts):
    data = dashboard.load_dashboard(db, query=DashboardQuery(by="regency"))
    assert {r.key for r in data.rows} <= {"33.25", "33.26", "33.27", "33.75"}
    labels = {r.key: r.label for r in data.rows}
    assert labels.get("33.75", "Kota Pekalongan") == "Kota Pekalongan"
    assert all(r.target is None and r.coverage is None for r in data.rows)  # not published
    assert data.baseline.bpu_active == 31_546 and data.baseline.all_active == 154_453
    assert data.baseline.as_of == date(2025, 11, 30) == branch_baseline().as_of
    occupations = dashboard.load_dashboard(db, query=DashboardQuery(by="occupation"))
    assert all(r.label and r.label != r.key for r in occupations.rows if r.key)
    assert DashboardData.from_json(data.to_json()) == data


def test_an_empty_store_says_so(db):
    data = dashboard.load_dashboard(db, query=DashboardQuery())
    assert data.empty and data.rows == ()
    assert [f.count for f in data.funnel] == [0, 0, 0, 0, 0]


def test_breakdowns_the_laptop_cannot_answer(db):
    with pytest.raises(ValueError):
        dashboard.load_dashboard(db, query=DashboardQuery(by="agent"))
    with pytest.raises(ValueError):
        DashboardQuery(by="province")
    with pytest.raises(ValueError):
        DashboardQuery(start=TODAY, end=TODAY - timedelta(days=1))
