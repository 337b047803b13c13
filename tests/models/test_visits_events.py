"""Follow-up visits and outreach events: basic CRUD, next follow-up, event counts."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from core.errors import NotFoundError
from models.repositories import outreach_events, visits
from models.services import prospects
from tests.models.synthetic import save_item


def _prospect(db, synthetic, agent, today, **overrides):  # type: ignore[no-untyped-def]
    item = synthetic(**overrides)
    prospects.save(
        db, prospect_id=item.id, payload=item.payload, submit=False, agent=agent, today=today
    )
    return item.id


def test_newest_visit_sets_the_next_follow_up(db, synthetic, agent, today):
    pid = _prospect(db, synthetic, agent, today)
    with db.session_scope() as session:
        first = visits.add(
            session,
            prospect_id=pid,
            payload={
                "kind": "VISIT",
                "date": today,
                "due_date": today + timedelta(days=7),
                "outcome": "INTERESTED",
                "note": "Datang lagi minggu depan",
            },
        )
        assert visits.due(session, today=today + timedelta(days=7)) == [
            (pid, today + timedelta(days=7))
        ]
        second = visits.add(
            session,
            prospect_id=pid,
            payload={"kind": "CALL", "date": today + timedelta(days=1), "outcome": "ENROLLED"},
        )
        assert visits.due(session, today=today + timedelta(days=30)) == []
        visits.remove(session, visit_id=second.id)
        assert visits.recompute_follow_up(session, prospect_id=pid) == today + timedelta(days=7)
        visits.update_visit(
            session,
            visit_id=first.id,
            payload={"kind": "VISIT", "date": today, "due_date": today + timedelta(days=3)},
        )
        listed = visits.list_for(session, prospect_id=pid)
        assert [v.id for v in listed] == [first.id]
        assert listed[0].payload["due_date"] == (today + timedelta(days=3)).isoformat()
        with pytest.raises(NotFoundError):
            visits.add(session, prospect_id=uuid.uuid4(), payload={"kind": "CALL", "date": today})
        with pytest.raises(ValueError):
            visits.add(session, prospect_id=pid, payload={"kind": "EMAIL", "date": today})


def test_event_crud_counts_and_manifest(db, synthetic, agent, today):
    with db.session_scope() as session:
        event = outreach_events.create(
            session,
            payload={
                "area_code": "33.75.01",
                "place_kind": "MARKET",
                "place_name": "Pasar Contoh",
                "date": today,
            },
        )
        event_id = event.id
    a = _prospect(db, synthetic, agent, today, outreach_event_id=str(event_id), area_code=None)
    b = synthetic(outreach_event_id=str(event_id))
    save_item(db, b, agent=agent, today=today, submit=True)
    _prospect(db, synthetic, agent, today)  # another event's
    with db.session_scope() as session:
        counts = outreach_events.counts(session, event_id=event_id)
        assert (counts.recorded, counts.badge("draft"), counts.badge("queued")) == (2, 1, 1)
        closed = outreach_events.close(session, event_id=event_id)
        assert closed.closed and closed.payload["manifest"] == [{"id": str(b.id), "revision": 1}]
        assert [e.id for e in outreach_events.list_events(session, include_closed=False)] == []
        assert [e.id for e in outreach_events.list_events(session)] == [event_id]
        with pytest.raises(ValueError):
            outreach_events.create(
                session,
                payload={
                    "area_code": "33",
                    "place_kind": "BEACH",
                    "place_name": "x",
                    "date": today,
                },
            )
    snap = prospects.load(db, prospect_id=a)
    assert snap.payload["area_code"] == "33.75.01"  # captured at the event's area


def test_prospect_area_defaults_to_the_agent_then_the_address(db, synthetic, agent, today):
    from dataclasses import replace

    pid = _prospect(db, synthetic, agent, today, area_code=None)
    payload = prospects.load(db, prospect_id=pid).payload
    assert payload["area_code"] == payload["village_code"]
    pid2 = _prospect(db, synthetic, replace(agent, area_code="33.26"), today, area_code=None)
    assert prospects.load(db, prospect_id=pid2).payload["area_code"] == "33.26"
