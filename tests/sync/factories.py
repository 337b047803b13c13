"""Plain factories for sync tests: encrypted stores with fast KDF, valid prospects, saves.

Payloads pass every domain rule (DOMAIN.md) so the real save service queues them and the real
server accepts them; NIKs are unique per ``index`` (birth date and serial vary).
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from models.db import Database, key_path_for, make_engine
from models.keyfile import KdfParams
from models.services import prospects
from models.services.context import AgentContext, load_agent_context

__all__ = [
    "TODAY",
    "consent_for",
    "make_store",
    "prospect_payload",
    "bulk_queue",
    "save_many",
    "save_prospect",
]

TODAY = date(2026, 3, 12)
PASSWORD = "kata-sandi-uji-123"
_VILLAGES = ("33.75.01.1002", "33.75.01.1003", "33.75.01.1004")


_TEMPLATE: dict[str, Any] = {}


def make_store(path: Path, *, name: str = "Agen Uji") -> Database:
    """A new encrypted store at ``path``: a copy of one migrated template store (creating and
    migrating a store costs ~0.5 s, and the 50-laptop test needs fifty)."""
    if "db" not in _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="jangkau-store-template-"))
        template = folder / "template.db"
        Database.create(
            template, password=PASSWORD, profile_name=name, argon2_params=KdfParams.fast()
        ).close()
        _TEMPLATE["db"] = template
    template = _TEMPLATE["db"]
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, path)
    shutil.copyfile(key_path_for(template), key_path_for(path))
    if "key" not in _TEMPLATE:
        db = Database.open(path, password=PASSWORD)  # the one key unwrap and schema check
        _TEMPLATE["key"] = (db.store_id, db._dek)
        return db
    store_id, dek = _TEMPLATE["key"]
    # A copy of the checked template (schema at head): no second KDF run or schema check.
    return Database(path, make_engine(path, dek), store_id=store_id, dek=dek)


def _nik(index: int, birth: date, sex: str) -> str:
    day = birth.day + (40 if sex == "P" else 0)
    serial = index % 9999 + 1
    return f"337501{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


def prospect_payload(index: int, **overrides: Any) -> dict[str, Any]:
    """A complete, valid prospect; ``index`` makes NIK and name unique (up to ~3.6 million)."""
    birth = date(1970, 1, 1) + timedelta(days=(index // 9999) * 37 % 12000)
    sex = "P" if index % 2 else "L"
    payload: dict[str, Any] = {
        "branch_code": "PEKALONGAN",
        "nik": _nik(index, birth, sex),
        "full_name": f"PESERTA UJI {index}",
        "birth_place": "PEKALONGAN",
        "birth_date": birth.isoformat(),
        "sex": sex,
        "mother_maiden_name": "SITI AMINAH",
        "address_line": f"JL. PELABUHAN {index % 97 + 1}",
        "rt": f"{index % 9 + 1:03d}",
        "rw": "002",
        "province_code": "33",
        "regency_code": "33.75",
        "district_code": "33.75.01",
        "village_code": _VILLAGES[index % len(_VILLAGES)],
        "declared_income": 1_500_000 + (index % 20) * 100_000,
        "package": "JKK_JKM",
        "payment_period_months": 1,
        "first_contribution_month": "2026-04",
        "funding_source": "MANDIRI",
        "occupation_1": "PDG_IKAN",
        "area_code": "33.75.01",
        "mobile": f"+62812{index % 10_000_000:07d}",
        "signature_participant": "PAPER",
        "signature_agent": "PAPER",
    }
    payload.update(overrides)
    return payload


def consent_for(prospect_id: uuid.UUID) -> dict[str, Any]:
    return {
        "prospect_id": str(prospect_id),
        "notice_version": "1",
        "purposes": ["ENROLMENT"],
        "method": "SCREEN_SIGNATURE",
        "consented_at": "2026-03-12T09:00:00+07:00",
    }


def agent_of(db: Database) -> AgentContext:
    return load_agent_context(db)


def save_prospect(
    db: Database,
    index: int,
    *,
    prospect_id: uuid.UUID | None = None,
    agent: AgentContext | None = None,
    today: date = TODAY,
    **overrides: Any,
) -> prospects.SaveResult:
    pid = prospect_id or prospects.new_prospect_id()
    return prospects.save(
        db,
        prospect_id=pid,
        payload=prospect_payload(index, **overrides),
        submit=True,
        agent=agent or agent_of(db),
        today=today,
        consent=consent_for(pid) if prospect_id is None else None,
    )


def save_many(
    db: Database, indexes: Iterable[int], *, agent: AgentContext | None = None, today: date = TODAY
) -> list[uuid.UUID]:
    """Many new prospects in one transaction (fast set-up of big outboxes)."""
    who = agent or agent_of(db)
    ids = []
    with db.session_scope() as session:
        for index in indexes:
            pid = prospects.new_prospect_id()
            prospects.save_in(
                session,
                prospect_id=pid,
                payload=prospect_payload(index),
                submit=True,
                agent=who,
                today=today,
                acknowledged={},
                consent=consent_for(pid),
            )
            ids.append(pid)
    return ids


def bulk_queue(
    db: Database,
    indexes: Iterable[int],
    *,
    agent: AgentContext | None = None,
    ids: Iterable[uuid.UUID] | None = None,
) -> list[uuid.UUID]:
    """Queue many submitted prospects fast, written as the save service writes them (prospect
    row with denormalised columns, FTS entry, pending outbox row with the canonical envelope)
    but without per-record validation round trips. ``test_factories`` checks the equivalence."""
    from sqlalchemy import insert

    from models.base import new_id, utcnow
    from models.outbox import OutboxEntry
    from models.prospect import Prospect
    from models.repositories import prospects as prospects_repo
    from models.repositories import search
    from models.services.changes import change_body
    from sync.protocol import ProspectPayload

    who = agent or agent_of(db)
    given = iter(ids) if ids is not None else None
    made: list[uuid.UUID] = []
    with db.session_scope() as session:
        rowid = search.next_search_rowid(session)
        now = utcnow()
        rows, outbox_rows, fts = [], [], []
        for index in indexes:
            pid = next(given) if given is not None else new_id()
            payload = ProspectPayload.model_validate(prospect_payload(index)).wire()
            prospect = Prospect(
                id=pid, revision=1, status="queued", badge="queued", created_at=now, updated_at=now
            )
            prospects_repo.apply_payload(prospect, payload=payload, monthly_contribution=None)
            prospect.search_rowid = rowid
            fts.append(search.index_entry(prospect))
            rowid += 1
            rows.append(prospect)
            outbox_rows.append(
                {
                    "record_id": pid,
                    "entity_type": "prospect",
                    "revision": 1,
                    "base_revision": 0,
                    "body": change_body(
                        record_id=pid,
                        entity_type="prospect",
                        revision=1,
                        base_revision=0,
                        payload=payload,
                        deleted=False,
                        updated_at=now,
                        agent=who,
                    ),
                    "state": "pending",
                    "generation": 1,
                    "attempts": 0,
                    "created_at": now,
                    "updated_at": now,
                }
            )
            made.append(pid)
        session.add_all(rows)
        session.flush()
        session.execute(insert(OutboxEntry), outbox_rows)
        search.index_many(session, entries=fts)
    return made
