"""A month of an agent's outreach in Kota Pekalongan, for the dashboard's GUI tests and its
screenshot: events at markets and the harbour, prospects recorded there, submitted ones, the
supervisor's approvals, printed forms, interested visits and open follow-ups.

Everything goes through the store's real paths (``demo_seed`` bulk import, the outreach and
follow-up services); only what a sync would bring (approvals) and the capture dates of the past
days are written directly.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import update

from core.formatting import WIB
from models.db import Database
from models.decision import Decision
from models.prospect import Prospect
from models.services import demo_seed, followups, outreach
from models.services.context import AgentContext

PLACES = (
    ("MARKET", "Pasar Banjarsari", "33.75.01"),
    ("HARBOUR", "TPI Pelabuhan Pekalongan", "33.75.03"),
    ("KELURAHAN_OFFICE", "Kantor Kelurahan Medono", "33.75.01"),
    ("MARKET", "Pasar Grogolan", "33.75.03"),
    ("MARKET", "Pasar Kraton", "33.75.01"),
    ("OTHER", "Balai RW 05 Krapyak", "33.75.03"),
)


@dataclass(frozen=True, slots=True)
class Demo:
    events: list[uuid.UUID]
    prospects: list[uuid.UUID]


def fill(db: Database, *, agent: AgentContext, today: date, seed: int = 11) -> Demo:
    rng = random.Random(seed)
    local = replace(agent, branch_regencies=("33.75",))
    events, prospects = [], []
    first = today.replace(day=1)
    days = sorted(rng.sample(range((today - first).days + 1), min(len(PLACES), today.day)))
    for (kind, name, area), offset in zip(PLACES, days, strict=False):
        on = first + timedelta(days=offset)
        event = outreach.start_event(
            db,
            place_kind=kind,
            place_name=name,
            area_code=area,
            on=on,
            agent=local,
            partner="Paguyuban pedagang" if kind == "MARKET" else None,
            attendance=rng.randint(20, 60),
        )
        count = rng.randint(10, 22)
        seeded = demo_seed.seed(
            db,
            count=count,
            rng=rng,
            agent=local,
            today=today,
            submitted_share=0.8,
            event_id=event.id,
        )
        with db.session_scope() as session:
            for pid in seeded.ids:
                at = datetime.combine(on, time(8), tzinfo=WIB) + timedelta(
                    minutes=rng.randrange(8 * 60)
                )
                values: dict[str, object] = {"created_at": at.astimezone(UTC)}
                if rng.random() < 0.3:
                    values["printed_count"] = 1
                session.execute(update(Prospect).where(Prospect.id == pid).values(**values))
        if on < today:
            outreach.close_event(db, event_id=event.id, agent=local, force=True)
        events.append(event.id)
        prospects.extend(seeded.ids)
    _approve(db, prospects, rng, today)
    for pid in rng.sample(prospects, min(14, len(prospects))):
        visited = today - timedelta(days=rng.randint(3, 8))
        followups.record_outcome(
            db,
            prospect_id=pid,
            kind=rng.choice(("VISIT", "CALL")),
            outcome="INTERESTED",
            on=visited,
            agent=local,
            today=today,
            next_due=visited + timedelta(days=rng.randint(2, 14)),
        )
    return Demo(events, prospects)


def _approve(db: Database, prospects: list[uuid.UUID], rng: random.Random, today: date) -> None:
    with db.session_scope() as session:
        for pid in prospects:
            row = session.get(Prospect, pid)
            if row is None or row.revision == 0 or rng.random() > 0.65:
                continue
            row.review_state = "approved"
            row.badge = "approved"
            row.server_rev = row.revision
            session.add(
                Decision(
                    id=uuid.uuid4(),
                    record_id=pid,
                    record_revision=row.revision,
                    outcome="approve",
                    decided_at=datetime.combine(today, time(3), tzinfo=UTC),
                    decided_by_name="Pengawas 33.75",
                )
            )
