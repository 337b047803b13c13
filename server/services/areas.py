"""Region codes (DOMAIN.md §9) as server reference data: import, publish to the feed.

``import_areas`` publishes the Kemendagri region files (the shipped ``models/rules/data/regions``
by default) as a ``regions`` reference version through ``server.services.reference`` (validated
by the desktop rules first), which upserts the codes into the area table in the same transaction
and enters every agent's feed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from models.rules.datafiles import DATA_DIR
from server.db import Database
from server.models.identity import Area
from server.models.records import ReferenceVersion
from server.repositories import users as users_repo
from server.repositories.dialect import upsert
from server.services import reference as reference_service

DEFAULT_REGIONS_DIR = DATA_DIR / "regions"
_FILES = (
    ("provinces.csv", "province", None),
    ("regencies.csv", "regency", "province_code"),
    ("districts.csv", "district", "regency_code"),
    ("villages_pekalongan_branch.csv", "village", "district_code"),
)


@dataclass(frozen=True, slots=True)
class ImportReport:
    areas: int
    version: str
    published: bool


def rows_from_files(files: Mapping[str, str]) -> list[dict[str, str | None]]:
    """All rows as strings (``33.10`` stays ``33.10``), parents before children."""
    rows: list[dict[str, str | None]] = []
    for filename, level, parent_column in _FILES:
        text = files.get(filename)
        if text is None:
            continue
        for row in csv.DictReader(io.StringIO(text, newline="")):
            code = (row.get("code") or "").strip()
            if not code:
                continue
            rows.append(
                {
                    "code": code,
                    "parent_code": (row.get(parent_column) or "").strip() or None
                    if parent_column
                    else None,
                    "level": level,
                    "name": (row.get("name") or "").strip(),
                    "kind": (row.get("kind") or "").strip() or None,
                }
            )
    return rows


def upsert_areas(session: Session, rows: list[dict[str, str | None]]) -> None:
    table = Area.__table__
    stmt = upsert(session, table)
    stmt = stmt.on_conflict_do_update(
        index_elements=["code"],
        set_={
            "parent_code": stmt.excluded.parent_code,
            "level": stmt.excluded.level,
            "name": stmt.excluded.name,
            "kind": stmt.excluded.kind,
        },
    )
    for start in range(0, len(rows), 2000):
        session.execute(stmt, rows[start : start + 2000])


def import_areas(
    db: Database,
    *,
    directory: Path | None = None,
    files: Mapping[str, str] | None = None,
    version: str | None = None,
    now: datetime,
) -> ImportReport:
    """Publish region files (``files``, else those of ``directory``, else the shipped ones)."""
    if files is None:
        folder = directory or DEFAULT_REGIONS_DIR
        files = reference_service.read_files("regions", [folder])
        if not files:
            raise FileNotFoundError(f"no region files in {folder}")
    report = reference_service.publish(db, dataset="regions", files=files, version=version, now=now)
    return ImportReport(len(rows_from_files(files)), report.version, report.published)


def ensure_areas(db: Database, *, now: datetime) -> ImportReport | None:
    """Import the shipped regions into an empty table (fresh installs); else do nothing."""
    with db.read() as session:
        if users_repo.area_count(session) > 0:
            return None
    return import_areas(db, now=now)


def reference(db: Database, *, dataset: str, version: str) -> ReferenceVersion | None:
    return reference_service.reference(db, dataset=dataset, version=version)
