"""The similar-person query at capture (``models.repositories.similar_prospects``): same village,
same birth date, a close name; open prospects only, the record itself left out."""

from __future__ import annotations

import uuid

import pytest

from models.repositories import similar_prospects
from models.services import prospects

MEDONO = {"regency_code": "33.75", "district_code": "33.75.01", "village_code": "33.75.01.1002"}
BIRTH = "1988-07-01"


@pytest.fixture
def store(db, synthetic, agent, today):  # type: ignore[no-untyped-def]
    """Saves one prospect per call and returns its id."""

    def add(name: str, *, birth: str = BIRTH, village: dict | None = None) -> uuid.UUID:
        item = synthetic(full_name=name)
        item.payload.update(village or MEDONO, birth_date=birth)
        prospects.save(
            db, prospect_id=item.id, payload=item.payload, submit=False, agent=agent, today=today
        )
        return item.id

    return add


def _similar(db, name: str, *, exclude: uuid.UUID | None = None, **where):  # type: ignore[no-untyped-def]
    args = {"birth_date": BIRTH, "village_code": MEDONO["village_code"], "village_name": None}
    args.update(where)
    with db.read_scope() as session:
        return similar_prospects.find_similar(
            session, full_name=name, exclude_id=exclude or uuid.uuid4(), **args
        )


def test_close_names_of_the_same_village_and_birth_date_are_found_closest_first(db, store):
    exact = store("SITI AMINAH")
    typo = store("Siti Aminnah")
    swapped = store("Aminah Siti")
    store("SITI AMINAH", birth="1990-01-02")  # another birth date
    store("BUDI SANTOSO")  # another name
    store("SITI AMINAH", village={"regency_code": "33.26", "district_code": "33.26.08"})

    found = _similar(db, "siti aminah")

    assert [s.id for s in found][:2] in ([exact, swapped], [swapped, exact])
    assert found[-1].id == typo and len(found) == 3
    assert found[0].score == 100 and found[-1].score >= similar_prospects.NAME_SIMILARITY
    assert all(s.birth_date == BIRTH for s in found)


def test_the_record_itself_and_missing_keys_give_nothing(db, store):
    own = store("SITI AMINAH")
    assert _similar(db, "SITI AMINAH", exclude=own) == []
    assert _similar(db, "") == []
    assert _similar(db, "SITI AMINAH", birth_date="") == []
    assert _similar(db, "SITI AMINAH", village_code=None) == []


def test_deleted_drafts_are_not_similar(db, store, agent):
    gone = store("SITI AMINAH")
    prospects.delete_draft(db, prospect_id=gone, agent=agent)
    assert _similar(db, "SITI AMINAH") == []


def test_limit_keeps_the_closest(db, store):
    for name in ("SITI AMINAH", "SITI AMINAH", "Siti Aminnah", "SITI AMINA"):
        store(name)
    found = _similar(db, "SITI AMINAH", limit=2)
    assert [s.score for s in found] == [100, 100]
