"""Region codes (DOMAIN.md §9) as server reference data: import, publish to the feed.

``import_areas`` upserts the Kemendagri codes (the shipped ``models/rules/data/regions`` files
by default) and publishes a ``regions`` reference version, which enters every agent's feed.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from models.rules.datafiles import DATA_DIR
from server.db import Database
from server.models.identity import Area
from server.models.records import ReferenceVersion
from server.repositories import audit as audit_repo
from server.repositories import feed as feed_repo
from server.repositories import users as users_repo
from server.repositories.audit import AuditEntry
from server.repositories.dialect import upsert

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


def read_regions(directory: Path) -> list[dict[str, str | None]]:
    """All rows as strings (``33.10`` stays ``33.10``), parents before children."""
    rows: list[dict[str, str | None]] = []
    for filename, level, parent_column in _FILES:
        path = directory / filename
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
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


def import_areas(db: Database, *, directory: Path | None = None, now: datetime) -> ImportReport:
    rows = read_regions(directory or DEFAULT_REGIONS_DIR)
    if not rows:
        raise FileNotFoundError(f"no region files in {directory or DEFAULT_REGIONS_DIR}")
    content = json.dumps(rows, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    sha = hashlib.sha256(content.encode("utf-8")).hexdigest()
    version = sha[:16]
    with db.write() as session:
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
        exists = session.scalars(
            select(ReferenceVersion.version).where(
                ReferenceVersion.dataset == "regions", ReferenceVersion.version == version
            )
        ).first()
        if exists is None:
            seq = feed_repo.allocate(session, count=1)
            session.add(
                ReferenceVersion(
                    dataset="regions",
                    version=version,
                    seq=seq,
                    sha256=sha,
                    content=content,
                    published_at=now,
                )
            )
            session.flush()
        audit_repo.append(
            session,
            [
                AuditEntry(
                    "reference.import",
                    "published" if exists is None else "unchanged",
                    actor_role="cli",
                    entity_type="reference",
                    entity_id=f"regions/{version}",
                    detail={"areas": len(rows)},
                )
            ],
            now=now,
        )
    return ImportReport(len(rows), version, exists is None)


def ensure_areas(db: Database, *, now: datetime) -> ImportReport | None:
    """Import the shipped regions into an empty table (fresh installs); else do nothing."""
    with db.read() as session:
        if users_repo.area_count(session) > 0:
            return None
    return import_areas(db, now=now)


def reference(db: Database, *, dataset: str, version: str) -> ReferenceVersion | None:
    with db.read() as session:
        return session.get(ReferenceVersion, (dataset, version))
