"""The enrolment funnel of one prospect: each transition, with its date, from real store
operations (save, visit outcome, print, submit, pulled approval)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.errors import NotFoundError
from core.formatting import to_wib
from models.services import followups, funnel, prospects
from models.services.funnel import STAGES, reached_stage
from tests.models.synthetic import save_item
from tests.outreach.conftest import approve


def _reached(result: funnel.ProspectFunnel) -> list[str]:
    return [s.stage for s in result.steps if s.reached]


def test_each_transition_moves_the_funnel_with_its_date(db, synthetic, agent, today):
    item = synthetic()
    save_item(db, item, agent=agent, today=today)
    local_today = to_wib(datetime.now(UTC)).date()
    first = funnel.funnel_for(db, prospect_id=item.id)
    assert first.stage == "contacted"
    assert _reached(first) == ["contacted"]
    assert first.step("contacted").on == local_today
    assert first.step("interested") == funnel.FunnelStep("interested", False, None)

    said_yes = today - timedelta(days=2)
    followups.record_outcome(
        db,
        prospect_id=item.id,
        kind="VISIT",
        outcome="INTERESTED",
        on=said_yes,
        agent=agent,
        today=today,
        next_due=today,
    )
    second = funnel.funnel_for(db, prospect_id=item.id)
    assert second.stage == "interested"
    assert second.step("interested").on == said_yes

    prospects.record_print(db, prospect_ids=[item.id], agent=agent)
    third = funnel.funnel_for(db, prospect_id=item.id)
    assert third.stage == "printed"
    assert third.step("printed").on == local_today

    save_item(db, item, agent=agent, today=today, submit=True)
    fourth = funnel.funnel_for(db, prospect_id=item.id)
    assert fourth.stage == "submitted"
    assert fourth.step("submitted").on == local_today
    assert _reached(fourth) == ["contacted", "interested", "printed", "submitted"]

    decided = datetime(2026, 9, 3, 20, 30, tzinfo=UTC)  # 4 Sep 03.30 WIB
    approve(db, item.id, decided_at=decided)
    fifth = funnel.funnel_for(db, prospect_id=item.id)
    assert fifth.stage == "approved"
    assert fifth.step("approved").on == decided.date() + timedelta(days=1)
    assert _reached(fifth) == list(STAGES)
    assert fifth.closed_outcome is None


def test_a_later_stage_implies_earlier_ones_without_inventing_dates(db, record):
    pid = record(submit=True)
    result = funnel.funnel_for(db, prospect_id=pid)
    assert result.stage == "submitted"
    assert result.step("interested").reached and result.step("interested").on is None
    assert result.step("printed").reached and result.step("printed").on is None
    assert result.step("submitted").on is not None
    assert not result.step("approved").reached


def test_a_refusal_closes_the_funnel_with_its_reason(db, record, agent, today):
    pid = record()
    followups.record_outcome(
        db,
        prospect_id=pid,
        kind="CALL",
        outcome="REFUSED",
        on=today,
        agent=agent,
        today=today,
        reason="Sudah ikut BPJS lewat JMO",
    )
    result = funnel.funnel_for(db, prospect_id=pid)
    assert result.stage == "contacted"
    assert (result.closed_outcome, result.closed_reason, result.closed_on) == (
        "REFUSED",
        "Sudah ikut BPJS lewat JMO",
        today,
    )


@pytest.mark.parametrize(
    ("evidence", "stage"),
    [
        ({}, "contacted"),
        ({"interested": True}, "interested"),
        ({"printed": True}, "printed"),
        ({"interested": True, "submitted": True}, "submitted"),
        ({"approved": True}, "approved"),
        ({"printed": True, "approved": True}, "approved"),
    ],
)
def test_reached_stage_is_the_furthest_evidence(evidence, stage):
    flags = {"interested": False, "printed": False, "submitted": False, "approved": False}
    assert reached_stage(**{**flags, **evidence}) == stage


def test_unknown_prospect(db):
    import uuid

    with pytest.raises(NotFoundError):
        funnel.funnel_for(db, prospect_id=uuid.uuid4())
