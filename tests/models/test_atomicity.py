"""A save commits the record, its FTS entry, its outbox rows, heirs, consent and audit row
together, or nothing (SYNC §1 G1, §9 T1). Failures are real database failures: a trigger
aborts a later write of the same transaction."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from core.errors import ValidationError
from models.db import Database
from models.repositories import search
from models.services import prospects
from tests.models.synthetic import save_item


def _counts(db: Database) -> dict[str, int]:
    with db.read_scope() as session:
        out = {
            table: session.execute(text(f"SELECT count(*) FROM {table}")).scalar()
            for table in ("prospects", "outbox", "consents", "heirs", "audit_events")
        }
        out["fts"] = search.count(session, query="SUMARNO")
    return out


def _abort_on(db: Database, table: str) -> None:
    with db.session_scope() as session:
        session.execute(
            text(
                f"CREATE TRIGGER fail_{table} BEFORE INSERT ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
            )
        )


@pytest.mark.parametrize("table", ["outbox", "audit_events"])
def test_failure_after_the_record_write_stores_nothing(db, synthetic, agent, today, table):
    item = synthetic(full_name="SUMARNO HADI")
    item.payload["heirs"] = [{"order": 1, "name": "SITI", "relationship": "ANAK"}]
    before = _counts(db)
    _abort_on(db, table)
    with pytest.raises(Exception, match="injected failure"):
        save_item(db, item, agent=agent, today=today, submit=True)
    assert _counts(db) == before
    with db.session_scope() as session:
        session.execute(text(f"DROP TRIGGER fail_{table}"))
    save_item(db, item, agent=agent, today=today, submit=True)
    after = _counts(db)
    assert after["prospects"] == 1 and after["fts"] == 1 and after["heirs"] == 1
    assert after["outbox"] == 2 and after["consents"] == 1  # the prospect and its consent


def test_failed_update_keeps_the_previous_version(db, synthetic, agent, today):
    item = synthetic(full_name="SUMARNO HADI")
    prospects.save(
        db, prospect_id=item.id, payload=item.payload, submit=False, agent=agent, today=today
    )
    _abort_on(db, "audit_events")
    changed = dict(item.payload, full_name="SUMARNO BARU")
    with pytest.raises(Exception, match="injected failure"):
        prospects.save(
            db, prospect_id=item.id, payload=changed, submit=False, agent=agent, today=today
        )
    snap = prospects.load(db, prospect_id=item.id)
    assert snap.payload["full_name"] == "SUMARNO HADI"
    with db.read_scope() as session:
        assert search.count(session, query="SUMARNO HADI") == 1
        assert search.count(session, query="BARU") == 0


def test_blocked_submit_stores_nothing_new(db, synthetic, agent, today):
    item = synthetic(full_name="SUMARNO HADI")
    save_item(db, item, agent=agent, today=today)
    before = _counts(db)
    broken = dict(item.payload, nik="3375013102909901", full_name="SUMARNO BARU")  # 31 Feb
    with pytest.raises(ValidationError) as caught:
        prospects.save(
            db,
            prospect_id=item.id,
            payload=broken,
            submit=True,
            agent=agent,
            today=today,
            consent=item.consent,
        )
    assert "E_NIK_DATE" in {i.code for i in caught.value.issues}
    assert _counts(db) == before
    snap = prospects.load(db, prospect_id=item.id)
    assert snap.payload["full_name"] == "SUMARNO HADI" and snap.badge == "draft"
