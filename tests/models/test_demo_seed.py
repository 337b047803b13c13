"""The demo/benchmark seed writes valid prospects in bulk, with everything a save writes."""

from __future__ import annotations

import random
import uuid

from sqlalchemy import func, select, text

from models.prospect import Prospect
from models.repositories import outbox, search
from models.rules import validation
from models.rules.regions import DEFAULT_BRANCH_REGENCIES
from models.services import demo_seed, prospects
from models.services.changes import parse_body
from sync.protocol import Change, ConsentPayload, ProspectPayload


def test_seeded_prospects_are_valid_and_complete(db, agent, today):
    result = demo_seed.seed(
        db, count=300, rng=random.Random(7), agent=agent, today=today, chunk=128
    )
    assert result.created == 300 == result.drafts + result.queued and 150 < result.queued < 260
    with db.read_scope() as session:
        niks = session.scalars(select(Prospect.nik)).all()
        mobiles = session.scalars(select(Prospect.mobile)).all()
        assert len(set(niks)) == len(set(mobiles)) == 300
        assert all(n[12:14] == "99" for n in niks)  # synthetic serials 99xx
        assert outbox.counts(session).pending == 2 * result.queued  # prospect + consent
        assert search.count(session) == 300
        assert (
            session.scalar(
                select(func.count()).select_from(Prospect).where(Prospect.village_name.is_(None))
            )
            == 0
        )
        for row in outbox.pending_rows(session, limit=20):
            body = parse_body(row.body)
            body.update(device_id=str(uuid.uuid4()), agent_id=str(uuid.uuid4()))
            change = Change.model_validate(body)
            assert change.computed_hash() == change.payload_hash
        assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    for pid in random.Random(1).sample(result.ids, 40):
        snap = prospects.load(db, prospect_id=pid)
        assert ProspectPayload.model_validate(snap.payload).wire() == snap.payload
        assert ConsentPayload.model_validate(snap.consent).wire() == snap.consent
        assert snap.payload["regency_code"] in DEFAULT_BRANCH_REGENCIES
        issues = validation.check_prospect(snap.payload, today=today, consent=snap.consent)
        assert validation.blocking(issues, validation.acknowledged_codes(snap.payload)) == []
        assert snap.monthly_contribution == snap.payload["quote"]["monthly_first"] > 0
        with db.read_scope() as session:
            found = search.page(session, query=snap.payload["nik"][-8:])
        assert pid in {r.id for r in found}


def test_a_seeded_draft_can_be_submitted(db, agent, today):
    result = demo_seed.seed(
        db, count=40, rng=random.Random(8), agent=agent, today=today, submitted_share=0.0
    )
    assert result.queued == 0
    snap = prospects.load(db, prospect_id=result.ids[0])
    saved = prospects.save(
        db, prospect_id=snap.id, payload=snap.payload, submit=True, agent=agent, today=today
    )
    assert saved.badge == "queued" and saved.revision == 1
