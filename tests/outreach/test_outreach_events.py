"""Outreach events: start (today's session), header counts, edit, close with its manifest, and
the outbox rows that carry the event to the server like any record."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from core.errors import ConflictError, NotFoundError, ValidationError
from models.outbox import OutboxEntry
from models.prospect import Prospect
from models.repositories import outbox
from models.services import followups, outreach, sync_apply
from models.services.changes import parse_body
from sync.protocol import OutreachEventPayload, PushResult, payload_hash
from tests.models.synthetic import save_item


def _start(db, agent, today, **overrides):  # type: ignore[no-untyped-def]
    values = {
        "place_kind": "MARKET",
        "place_name": "Pasar Banjarsari",
        "area_code": "33.75.01",
        "on": today,
        "agent": agent,
        "partner": "Paguyuban pedagang",
        "attendance": 40,
    }
    values.update(overrides)
    return outreach.start_event(db, **values)


def _rows(db, record_id):  # type: ignore[no-untyped-def]
    with db.read_scope() as session:
        return list(
            session.scalars(
                select(OutboxEntry)
                .where(OutboxEntry.record_id == record_id)
                .order_by(OutboxEntry.seq)
            )
        )


def test_start_queues_a_valid_outreach_event_record(db, agent, today):
    event = _start(db, agent, today)
    assert (event.place_name, event.area_code, event.date, event.closed) == (
        "Pasar Banjarsari",
        "33.75.01",
        today,
        False,
    )
    assert event.revision == 1
    assert event.area_name == "Pekalongan Barat"
    [row] = _rows(db, event.id)
    body = parse_body(row.body)
    assert (row.entity_type, row.revision, row.base_revision, row.state) == (
        "outreach_event",
        1,
        0,
        "pending",
    )
    payload = OutreachEventPayload.model_validate(body["payload"]).wire()
    assert payload == body["payload"]
    assert payload["partner"] == "Paguyuban pedagang" and payload["attendance"] == 40
    assert body["payload_hash"] == payload_hash(
        entity_type="outreach_event",
        payload=payload,
        schema_version=body["schema_version"],
        deleted=False,
    )


def test_todays_session_is_the_newest_open_event_of_today(db, agent, today):
    assert outreach.active_event(db, today=today) is None
    _start(db, agent, today - timedelta(days=1), place_name="Kemarin")
    assert outreach.active_event(db, today=today) is None
    first = _start(db, agent, today, place_name="TPI Wonokerto", place_kind="HARBOUR")
    second = _start(
        db, agent, today, place_name="Kantor Kelurahan Medono", place_kind="KELURAHAN_OFFICE"
    )
    assert outreach.active_event(db, today=today).id == second.id
    outreach.close_event(db, event_id=second.id, agent=agent)
    assert outreach.active_event(db, today=today).id == first.id
    names = [e.place_name for e in outreach.list_events(db)]
    assert names[-1] == "Kemarin" and set(names[:2]) == {"TPI Wonokerto", "Kantor Kelurahan Medono"}
    assert [e.place_name for e in outreach.list_events(db, include_closed=False)][-1] == "Kemarin"


def test_invalid_events_are_refused_with_field_issues(db, agent, today):
    with pytest.raises(ValidationError) as caught:
        _start(db, agent, today, place_name="  ", area_code="99.99", place_kind="MALL")
    fields = {issue.field for issue in caught.value.issues}
    assert "place_kind" in fields
    with pytest.raises(ValidationError) as caught:
        _start(db, agent, today, place_name="  ", area_code="33.99")
    assert {(i.code, i.field) for i in caught.value.issues} == {
        ("E_REQUIRED", "place_name"),
        ("E_AREA_UNKNOWN", "area_code"),
    }
    with db.read_scope() as session:
        assert outbox.counts(session).pending == 0


def test_header_counts_follow_the_prospects_states(db, agent, today, record):
    event = _start(db, agent, today)
    eid = str(event.id)
    drafts = [record(outreach_event_id=eid) for _ in range(2)]
    queued = [record(submit=True, outreach_event_id=eid) for _ in range(3)]
    record(submit=True)  # another event's prospect is not counted
    with db.session_scope() as session:  # two acknowledged by the server, one approved
        session.execute(
            update(Prospect)
            .where(Prospect.id.in_(queued[:2]))
            .values(badge="received", server_rev=1, review_state="received")
        )
        session.execute(update(Prospect).where(Prospect.id == queued[0]).values(badge="approved"))
    detail = outreach.event_detail(db, event_id=event.id)
    assert detail.counts == outreach.EventCounts(
        recorded=5, drafts=2, waiting=1, sent=2, acknowledged=2, submitted=3
    )
    assert {p.id for p in detail.prospects} == set(drafts + queued)
    assert all(p.full_name for p in detail.prospects)
    new_area = {p.id: p for p in detail.prospects}
    assert new_area[queued[0]].badge == "approved"


def test_close_asks_for_drafts_then_freezes_the_manifest(db, agent, today, record):
    event = _start(db, agent, today)
    eid = str(event.id)
    draft = record(outreach_event_id=eid)
    sent = sorted([record(submit=True, outreach_event_id=eid) for _ in range(2)], key=str)
    with pytest.raises(ConflictError) as caught:
        outreach.close_event(db, event_id=event.id, agent=agent)
    assert caught.value.code == "event-has-drafts" and caught.value.params == {"drafts": 1}
    assert not outreach.event_detail(db, event_id=event.id).event.closed

    closed = outreach.close_event(db, event_id=event.id, agent=agent, force=True)
    assert closed.closed
    assert sorted(closed.manifest) == sorted((pid, 1) for pid in sent)
    assert draft not in {pid for pid, _ in closed.manifest}
    # The start was never sent: the pending row was replaced, revision 1 stays.
    [row] = _rows(db, event.id)
    body = parse_body(row.body)
    assert (row.revision, body["payload"]["closed"]) == (1, True)
    assert sorted(item["id"] for item in body["payload"]["manifest"]) == sorted(map(str, sent))
    with pytest.raises(ConflictError) as again:
        outreach.close_event(db, event_id=event.id, agent=agent)
    assert again.value.code == "event-closed"
    with pytest.raises(ConflictError):
        outreach.update_event(db, event_id=event.id, changes={"attendance": 5}, agent=agent)


def test_an_edit_after_sending_is_the_next_revision(db, agent, today):
    event = _start(db, agent, today)
    with db.session_scope() as session:  # the start was sent and acknowledged
        rows = outbox.pending_rows(session, limit=10)
        frozen = outbox.freeze(
            session, rows=rows, batch_id=uuid.uuid4(), bodies=[r.body for r in rows]
        )
        result = PushResult(id=event.id, revision=1, status="accepted", seq=7)
        sync_apply.apply_push_results(session, rows=frozen, results=[result])
    edited = outreach.update_event(
        db, event_id=event.id, changes={"attendance": 55, "notes": "Hujan sore"}, agent=agent
    )
    assert edited.revision == 2 and edited.attendance == 55
    live = [r for r in _rows(db, event.id) if r.state == "pending"]
    assert [(r.revision, r.base_revision) for r in live] == [(2, 1)]
    assert parse_body(live[0].body)["payload"]["notes"] == "Hujan sore"
    with pytest.raises(ValueError):
        outreach.update_event(db, event_id=event.id, changes={"closed": True}, agent=agent)
    with pytest.raises(NotFoundError):
        outreach.update_event(db, event_id=uuid.uuid4(), changes={}, agent=agent)


def test_closing_queues_visits_of_prospects_submitted_since(db, agent, today, record, synthetic):
    event = _start(db, agent, today)
    item = synthetic(outreach_event_id=str(event.id))
    save_item(db, item, agent=agent, today=today)
    visit = followups.plan_follow_up(
        db, prospect_id=item.id, due=today + timedelta(days=3), agent=agent, today=today
    )
    assert visit.revision == 0 and _rows(db, visit.id) == []  # a draft's visit stays local
    save_item(db, item, agent=agent, today=today, submit=True)
    outreach.close_event(db, event_id=event.id, agent=agent)
    [row] = _rows(db, visit.id)
    assert (row.entity_type, row.revision) == ("visit", 1)
    assert parse_body(row.body)["payload"]["prospect_id"] == str(item.id)
