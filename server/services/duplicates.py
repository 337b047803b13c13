"""Possible duplicates (SYNC_PROTOCOL.md §5): NIK pairs, their resolution, the derived flag.

A pair is *open* while unresolved and while the other prospect is still active (not rejected,
withdrawn or deleted); ``possible_duplicate`` is set exactly when an active prospect has an
open pair. Nothing is ever merged or dropped. These helpers run inside the caller's write
transaction and report which records changed flags, so the caller can move them in their
owners' feeds.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy.orm import Session

from server.models.records import Record
from server.repositories import records as records_repo
from server.repositories import review as repo

FLAG = "possible_duplicate"


def refresh_flag(session: Session, record: Record) -> bool:
    """Set or clear ``possible_duplicate`` from the open pairs; ``True`` if it changed."""
    session.flush()
    want = repo.active(record) and repo.unresolved_count(session, record_id=record.id) > 0
    flags = set(record.flags or [])
    if want == (FLAG in flags):
        return False
    flags ^= {FLAG}
    record.flags = sorted(flags)
    return True


def refresh_flags(session: Session, records: Iterable[Record]) -> list[Record]:
    """``refresh_flag`` for each (once); returns those whose flags changed."""
    seen: dict[object, Record] = {}
    for record in records:
        seen.setdefault(record.id, record)
    return [r for r in seen.values() if refresh_flag(session, r)]


def rematch(session: Session, record: Record, *, now: datetime) -> list[Record]:
    """Pair an active prospect with every other active prospect of its NIK (after an undone
    rejection or a NIK edited by a supervisor); returns the other sides."""
    if not record.nik or not repo.active(record):
        return []
    others = repo.same_nik(session, nik=record.nik, exclude=record.id)
    known = repo.existing_pairs(session, record_id=record.id)
    rows = []
    for other in others:
        if other.id in known:
            continue
        rows += [
            {
                "record_id": record.id,
                "candidate_id": other.id,
                "match_kind": "nik",
                "created_at": now,
            },
            {
                "record_id": other.id,
                "candidate_id": record.id,
                "match_kind": "nik",
                "created_at": now,
            },
        ]
    records_repo.add_candidates(session, rows=rows)
    return [p.candidate for p in repo.pairs_of(session, record_id=record.id)]
