"""The first page read at unlock without the ORM is the page the list would load through it."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import text

from core.errors import WrongPasswordError
from models import first_page
from models.repositories import search
from models.services import demo_seed

from .conftest import PASSWORD


def _seed(db, agent, today) -> None:  # type: ignore[no-untyped-def]
    demo_seed.seed(db, count=150, rng=random.Random(9), agent=agent, today=today, synced_share=0.5)
    with db.session_scope() as session:  # a tombstone, a follow-up date, flags and an event
        session.execute(
            text(
                "UPDATE prospects SET deleted_at = updated_at, badge = 'withdrawn' WHERE id IN "
                "(SELECT id FROM prospects ORDER BY updated_at DESC, id DESC LIMIT 3)"
            )
        )
        session.execute(
            text(
                "UPDATE prospects SET next_follow_up = '2026-09-10', flags_json = '[\"late\"]'"
                " WHERE id IN (SELECT id FROM prospects ORDER BY updated_at DESC, id DESC LIMIT 2 OFFSET 3)"
            )
        )


@pytest.mark.timeout(60)
def test_early_page_equals_the_orm_page(db, agent, today):
    _seed(db, agent, today)
    with db.read_scope() as session:
        expected = search.page(session, limit=64)
        withdrawn = {
            r.id
            for r in search.page(
                session, limit=500, filters=search.ProspectFilters(badge="withdrawn")
            )
        }
    unlocked = first_page.unlock(db.path, PASSWORD, limit=64)
    assert unlocked.store_id == db.store_id
    assert unlocked.rows == expected
    assert len(expected) == 64 and not withdrawn & {r.id for r in unlocked.rows}
    # Keys continue the same keyset: the ORM's next page after the early page's last key.
    with db.read_scope() as session:
        after = search.page(session, limit=10, after=unlocked.rows[-1].key)
        assert after == search.page(session, limit=74)[64:]
    # The page holds the value kinds the decoder must get right.
    assert {r.status for r in expected} >= {"draft", "submitted"} or len(
        {r.badge for r in expected}
    ) > 1
    assert sum(1 for r in expected if r.next_follow_up and r.flags == ("late",)) == 2
    assert any(r.mobile for r in expected) and any(r.monthly_contribution for r in expected)


@pytest.mark.timeout(60)
def test_a_store_behind_the_newest_schema_gets_no_early_page(db, agent, today):
    _seed(db, agent, today)
    with db.session_scope() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '0001_initial'"))
    assert first_page.unlock(db.path, PASSWORD, limit=64).rows is None


@pytest.mark.timeout(60)
def test_wrong_password_is_refused_before_anything_is_read(db):
    with pytest.raises(WrongPasswordError):
        first_page.unlock(db.path, "salah-sandi-123", limit=64)
