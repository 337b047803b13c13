"""Unlock a store and read the list's first page before the ORM is loaded.

The path from *Buka* to a usable list is the one start-up delay an agent waits through every
time. Importing SQLAlchemy, Alembic's revision check and pydantic costs about half a second of
CPU, so ``unlock`` does the least that puts rows on screen: it unwraps the data key (the Argon2
wait, ``models.keyfile``), opens the SQLCipher file with the plain driver and reads the first
page in the list's default order (newest change first, tombstones left out), decoded exactly as
``models.repositories.search.page`` decodes it. The full session (``Database``, agent context)
opens right after on the DB lane with the same key and continues from these rows.

``rows`` is ``None`` whenever this shortcut cannot vouch for the result (the store's schema is
not the newest this app knows, or anything about the file is unusual); the caller then loads
the first page the usual way, after the full session has opened (and upgraded the store).
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from models.keyfile import KeyFile, key_path_for
from models.prospect_rows import ProspectRow, prospect_row
from models.schema_head import quick_head

log = logging.getLogger(__name__)

__all__ = ["FIRST_PAGE_SQL", "UnlockedKey", "read_first_page", "unlock"]

# The statement search.page() issues for the default list query (no text, no filter, sort
# "updated_desc"); tests/models/test_first_page.py compares the rows of both on the same store.
FIRST_PAGE_SQL = (
    "SELECT id, badge, status, full_name, nik, mobile, village_code, village_name,"
    " occupation_1, monthly_contribution, review_state, flags_json, printed_count,"
    " next_follow_up, outreach_event_id, revision, updated_at"
    " FROM prospects WHERE deleted_at IS NULL"
    " ORDER BY updated_at DESC, id DESC LIMIT ?"
)


@dataclass(frozen=True, slots=True)
class UnlockedKey:
    """The unwrapped data key of a store and, when it could be read early, its first page."""

    path: Path
    dek: bytes
    store_id: uuid.UUID
    rows: list[ProspectRow] | None


def unlock(path: Path, password: str, *, limit: int) -> UnlockedKey:
    """Unwrap the key (``WrongPasswordError`` on a wrong password), then read the first page."""
    keyfile = KeyFile.read(key_path_for(path))
    dek = keyfile.unwrap(password)
    try:
        rows = read_first_page(path, dek, limit=limit)
    except Exception:  # noqa: BLE001 - the full session reads the page (and reports) instead
        log.warning("early first page of %s not read", path, exc_info=True)
        rows = None
    return UnlockedKey(path=path, dek=dek, store_id=keyfile.store_id, rows=rows)


def read_first_page(path: Path, dek: bytes, *, limit: int) -> list[ProspectRow] | None:
    """The first ``limit`` rows of the default list order; ``None`` if the schema is not newest."""
    import sqlcipher3

    conn = sqlcipher3.connect(str(path), check_same_thread=False)
    try:
        conn.execute(f"PRAGMA key = \"x'{dek.hex()}'\"")
        version = conn.execute(
            "SELECT version_num FROM alembic_version"
            " WHERE (SELECT count(*) FROM sqlite_master WHERE name = 'alembic_version') = 1"
        ).fetchall()
        head = quick_head()
        if head is None or version != [(head,)]:
            return None
        return [_row(values) for values in conn.execute(FIRST_PAGE_SQL, (limit,))]
    finally:
        conn.close()


def _uuid(text: str | None) -> uuid.UUID | None:
    return None if text is None else uuid.UUID(hex=text)


def _row(values: tuple) -> ProspectRow:  # type: ignore[type-arg]
    """The stored texts typed as the ORM types them (``models.base``), then the row."""
    id_, *plain, flags, printed_count, follow_up, event_id, revision, updated_at = values
    return prospect_row(
        (
            uuid.UUID(hex=id_),
            *plain,  # badge … review_state: stored as they are shown
            json.loads(flags) if flags is not None else None,
            printed_count,
            date.fromisoformat(follow_up) if follow_up else None,
            _uuid(event_id),
            revision,
            # Stored as "...T10:00:00.123456Z" (models.base.UTCDateTime); 3.11 reads the Z as UTC.
            datetime.fromisoformat(updated_at),
        )
    )
