"""The enrolment funnel of a prospect: contacted → interested → form printed → submitted →
approved (enrolled), each with the date it was reached.

Evidence per stage, all from the local store:

- *contacted*: the prospect exists (recorded on ``created_at``);
- *interested*: a visit or call with outcome ``INTERESTED`` or ``ENROLLED`` (its date);
- *form printed*: a ``PRINT`` row of the audit log (``printed_count`` > 0);
- *submitted*: the first ``SUBMIT`` audit row (revision > 0; records pulled from another device
  of the agent have no local audit row, so the stage is reached without a date);
- *approved*: the review state ``approved`` and the supervisor's approving decision.

The funnel is cumulative: reaching a stage implies the earlier ones (a prospect submitted without
a printed form still counts as printed-or-later), so ``reached_stage`` is the furthest stage with
evidence and every earlier step is reached, with its own date when there is one. A refusal
(``REFUSED`` as the newest outcome) closes the funnel without changing the stages reached.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.errors import NotFoundError
from core.formatting import to_wib
from models.audit import AuditEvent
from models.db import Database
from models.decision import Decision
from models.prospect import Prospect
from models.visit import Visit

__all__ = [
    "INTERESTED_OUTCOMES",
    "STAGES",
    "FunnelStep",
    "ProspectFunnel",
    "funnel_for",
    "funnel_in",
    "reached_stage",
]

STAGES = ("contacted", "interested", "printed", "submitted", "approved")
INTERESTED_OUTCOMES = ("INTERESTED", "ENROLLED")


@dataclass(frozen=True, slots=True)
class FunnelStep:
    stage: str
    reached: bool
    on: date | None  # WIB calendar date of the evidence; None if reached only by a later stage


@dataclass(frozen=True, slots=True)
class ProspectFunnel:
    prospect_id: uuid.UUID
    steps: tuple[FunnelStep, ...]
    closed_outcome: str | None = None  # REFUSED when the newest outcome is a refusal
    closed_reason: str | None = None
    closed_on: date | None = None

    @property
    def stage(self) -> str:
        """The furthest stage reached."""
        return [s.stage for s in self.steps if s.reached][-1]

    def step(self, stage: str) -> FunnelStep:
        return self.steps[STAGES.index(stage)]


def reached_stage(*, interested: bool, printed: bool, submitted: bool, approved: bool) -> str:
    """The furthest stage given the evidence (pure; the dashboard's counts use the same rule)."""
    for stage, evidence in (
        ("approved", approved),
        ("submitted", submitted),
        ("printed", printed),
        ("interested", interested),
    ):
        if evidence:
            return stage
    return "contacted"


def _day(value: datetime | None) -> date | None:
    return to_wib(value).date() if value is not None else None


def _first_audit(session: Session, prospect_id: uuid.UUID, action: str) -> datetime | None:
    stmt = select(func.min(AuditEvent.ts)).where(
        AuditEvent.entity_id == prospect_id,
        AuditEvent.entity == "prospect",
        AuditEvent.action == action,
    )
    return session.scalar(stmt)


def funnel_in(session: Session, *, prospect_id: uuid.UUID) -> ProspectFunnel:
    prospect = session.get(Prospect, prospect_id)
    if prospect is None:
        raise NotFoundError(params={"id": str(prospect_id)})
    visits = list(
        session.scalars(
            select(Visit)
            .where(Visit.prospect_id == prospect_id, Visit.deleted_at.is_(None))
            .order_by(Visit.visit_date, Visit.id)
        )
    )
    interested_on = next((v.visit_date for v in visits if v.outcome in INTERESTED_OUTCOMES), None)
    printed_at = _first_audit(session, prospect_id, "PRINT")
    submitted_at = _first_audit(session, prospect_id, "SUBMIT")
    approved = prospect.review_state == "approved"
    approved_at = None
    if approved:
        approved_at = session.scalar(
            select(func.max(Decision.decided_at)).where(
                Decision.record_id == prospect_id, Decision.outcome == "approve"
            )
        )
    evidence = {
        "contacted": (True, _day(prospect.created_at)),
        "interested": (interested_on is not None, interested_on),
        "printed": (prospect.printed_count > 0, _day(printed_at)),
        "submitted": (prospect.revision > 0, _day(submitted_at)),
        "approved": (approved, _day(approved_at)),
    }
    furthest = reached_stage(
        interested=evidence["interested"][0],
        printed=evidence["printed"][0],
        submitted=evidence["submitted"][0],
        approved=approved,
    )
    limit = STAGES.index(furthest)
    steps = tuple(
        FunnelStep(stage, index <= limit, evidence[stage][1] if index <= limit else None)
        for index, stage in enumerate(STAGES)
    )
    latest = visits[-1] if visits else None
    closed = latest is not None and latest.outcome == "REFUSED"
    return ProspectFunnel(
        prospect_id=prospect_id,
        steps=steps,
        closed_outcome="REFUSED" if closed else None,
        closed_reason=latest.reason if closed and latest else None,
        closed_on=latest.visit_date if closed and latest else None,
    )


def funnel_for(db: Database, *, prospect_id: uuid.UUID) -> ProspectFunnel:
    """The funnel of one prospect (``NotFoundError`` if unknown)."""
    with db.read_scope() as session:
        return funnel_in(session, prospect_id=prospect_id)
