"""Follow-ups: planning, recording outcomes (refusal reasons, closing outcomes), the due list,
the start-of-session reminder, and the visit records that sync once the prospect was submitted."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from core.errors import NotFoundError, ValidationError
from models.outbox import OutboxEntry
from models.services import followups, prospects
from models.services.changes import parse_body
from sync.protocol import VisitPayload


def _outbox(db, record_id):  # type: ignore[no-untyped-def]
    with db.read_scope() as session:
        return list(session.scalars(select(OutboxEntry).where(OutboxEntry.record_id == record_id)))


def test_due_list_and_reminder(db, record, agent, today):
    overdue = record(full_name="ADI OVERDUE")
    due_today = record(full_name="BUDI HARI INI")
    later = record(full_name="CICI NANTI")
    record(full_name="DEDI TANPA RENCANA")
    for pid, due in ((overdue, today), (due_today, today), (later, today + timedelta(days=5))):
        followups.plan_follow_up(
            db, prospect_id=pid, due=due, agent=agent, today=today, kind="CALL", note="Telepon sore"
        )
    tomorrow = today + timedelta(days=1)
    listed = followups.due_list(db, today=tomorrow)
    assert [(d.full_name, d.days_overdue) for d in listed] == [
        ("ADI OVERDUE", 1),
        ("BUDI HARI INI", 1),
    ]
    assert listed[0].last_kind == "CALL" and listed[0].last_outcome == "PLANNED"
    assert listed[0].last_note == "Telepon sore" and listed[0].mobile.startswith("+62812")
    assert followups.reminder(db, today=today) == followups.Reminder(due_today=2, overdue=0)
    assert followups.reminder(db, today=today + timedelta(days=5)).total == 3
    assert followups.reminder(db, today=today + timedelta(days=5)).overdue == 2

    # Visiting the overdue one: interested, come back in a week.
    followups.record_outcome(
        db,
        prospect_id=overdue,
        kind="VISIT",
        outcome="INTERESTED",
        on=tomorrow,
        agent=agent,
        today=tomorrow,
        next_due=tomorrow + timedelta(days=7),
    )
    # The other one enrolled: closed, even if a next date is given.
    followups.record_outcome(
        db,
        prospect_id=due_today,
        kind="CALL",
        outcome="ENROLLED",
        on=tomorrow,
        agent=agent,
        today=tomorrow,
        next_due=tomorrow + timedelta(days=3),
    )
    assert followups.due_list(db, today=tomorrow) == []
    week = followups.due_list(db, today=tomorrow + timedelta(days=7))
    assert [d.prospect_id for d in week] == [later, overdue]
    assert [v.outcome for v in followups.visits_of(db, prospect_id=overdue)] == [
        "INTERESTED",
        "PLANNED",
    ]


def test_rules_of_an_outcome(db, record, agent, today):
    pid = record()
    with pytest.raises(ValidationError) as caught:
        followups.record_outcome(
            db, prospect_id=pid, kind="VISIT", outcome="REFUSED", on=today, agent=agent, today=today
        )
    assert [(i.code, i.field) for i in caught.value.issues] == [("E_REQUIRED", "reason")]
    with pytest.raises(ValidationError) as caught:
        followups.record_outcome(
            db,
            prospect_id=pid,
            kind="VISIT",
            outcome="NOT_FOUND",
            on=today + timedelta(days=1),
            agent=agent,
            today=today,
            next_due=today,
        )
    assert {i.code for i in caught.value.issues} == {"E_DATE_FUTURE", "E_DUE_DATE_PAST"}
    with pytest.raises(ValidationError):
        followups.record_outcome(
            db, prospect_id=pid, kind="SMS", outcome="MAYBE", on=today, agent=agent, today=today
        )
    with pytest.raises(ValidationError) as caught:
        followups.plan_follow_up(
            db, prospect_id=pid, due=today - timedelta(days=1), agent=agent, today=today
        )
    assert caught.value.code == "E_DUE_DATE_PAST"
    with pytest.raises(NotFoundError):
        followups.plan_follow_up(db, prospect_id=uuid.uuid4(), due=today, agent=agent, today=today)
    assert followups.visits_of(db, prospect_id=pid) == []

    refused = followups.record_outcome(
        db,
        prospect_id=pid,
        kind="VISIT",
        outcome="REFUSED",
        on=today,
        agent=agent,
        today=today,
        reason="  Belum ada uang  ",
    )
    assert refused.reason == "Belum ada uang" and refused.due_date is None


def test_visits_sync_only_once_the_prospect_was_submitted(db, synthetic, agent, today):
    item = synthetic()
    save = dict(
        prospect_id=item.id, payload=item.payload, agent=agent, today=today, consent=item.consent
    )
    prospects.save(db, submit=False, **save)
    planned = followups.plan_follow_up(
        db, prospect_id=item.id, due=today + timedelta(days=2), agent=agent, today=today
    )
    assert planned.revision == 0 and _outbox(db, planned.id) == []
    prospects.save(db, submit=True, **save)
    called = followups.record_outcome(
        db,
        prospect_id=item.id,
        kind="CALL",
        outcome="NO_ANSWER",
        on=today,
        agent=agent,
        today=today,
        next_due=today + timedelta(days=1),
    )
    assert called.revision == 1
    for visit in (planned, called):
        [row] = _outbox(db, visit.id)
        body = parse_body(row.body)
        assert (row.entity_type, row.revision, row.base_revision) == ("visit", 1, 0)
        assert VisitPayload.model_validate(body["payload"]).prospect_id == item.id
    assert parse_body(_outbox(db, called.id)[0].body)["payload"] == {
        "prospect_id": str(item.id),
        "kind": "CALL",
        "date": today.isoformat(),
        "due_date": (today + timedelta(days=1)).isoformat(),
        "outcome": "NO_ANSWER",
    }


def test_visits_logged_in_the_editor_travel_once_submitted(db, synthetic, agent, today):
    from ui.screens.editor import store_jobs

    item = synthetic()
    args = dict(
        prospect_id=item.id,
        payload=item.payload,
        agent=agent,
        today=today,
        acknowledged={},
        consent=item.consent,
    )
    visit = {"kind": "CALL", "date": today.isoformat(), "outcome": "INTERESTED", "note": "Sore"}
    draft = store_jobs.save_prospect(db, submit=False, new_visits=[visit], **args)
    [visit_id] = draft.visit_ids
    assert _outbox(db, uuid.UUID(visit_id)) == []  # a draft's visit stays on the laptop
    store_jobs.save_prospect(db, submit=True, new_visits=[], **args)
    [row] = _outbox(db, uuid.UUID(visit_id))
    assert parse_body(row.body)["payload"]["note"] == "Sore"
