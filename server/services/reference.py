"""Reference data publishing (SYNC_PROTOCOL.md §4.7): regions, occupations, contribution tables
and privacy notices, validated by the desktop rules' own loaders before anything is stored.

A published version is immutable: its content is the canonical JSON
``{"dataset", "version", "files": {name: text}}`` and its SHA-256 is the ``ETag`` of
``GET /reference/{dataset}/{version}``. Publishing allocates a feed seq, so the version enters
every agent's feed; the same version with the same files again is "unchanged", with other files
a :class:`ReferenceConflict`. Publishing ``regions`` also updates the server's area table in the
same transaction.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from models.rules import reference as rules_reference
from models.rules.datafiles import ReferenceDataError
from server.db import Database
from server.models.records import ReferenceVersion
from server.repositories import audit as audit_repo
from server.repositories import feed as feed_repo
from server.repositories.audit import AuditEntry

__all__ = [
    "DATASETS",
    "PublishReport",
    "ReferenceConflict",
    "ReferenceDataError",
    "auto_version",
    "content_of",
    "publish",
    "read_files",
    "reference",
]

DATASETS = tuple(rules_reference.DATASETS)
VERSION_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


class ReferenceConflict(ValueError):
    """The version exists with other content (published versions never change)."""


@dataclass(frozen=True, slots=True)
class PublishReport:
    dataset: str
    version: str
    sha256: str
    published: bool  # False: this exact version was there already
    files: int


def content_of(dataset: str, version: str, files: Mapping[str, str]) -> str:
    """The canonical stored and served text of one version."""
    body = {"dataset": dataset, "version": version, "files": dict(files)}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def auto_version(files: Mapping[str, str]) -> str:
    """A version named by the files themselves (the first 16 hex digits of their hash)."""
    canonical = json.dumps(dict(files), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def read_files(dataset: str, paths: Sequence[Path]) -> dict[str, str]:
    """The dataset's files from a folder (its known files, and for notices every ``*.txt``) or
    from files named one by one; the exact text of each (UTF-8, line ends kept)."""
    spec = rules_reference.DATASETS.get(dataset)
    if spec is None:
        raise ReferenceDataError(params={"dataset": dataset}, detail=f"unknown dataset {dataset}")
    files: dict[str, str] = {}
    for path in paths:
        if path.is_dir():
            names = [n for n in spec.required if (path / n).is_file()]
            if spec.extra_suffix:
                names += sorted(
                    p.name for p in path.iterdir() if p.is_file() and p.suffix == spec.extra_suffix
                )
            chosen = [path / n for n in names]
        else:
            chosen = [path]
        for item in chosen:
            try:
                files[item.name] = item.read_bytes().decode("utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ReferenceDataError(params={"file": str(item)}, detail=str(exc)) from exc
    return files


def publish(
    db: Database,
    *,
    dataset: str,
    files: Mapping[str, str],
    version: str | None = None,
    now: datetime,
    actor_id: uuid.UUID | None = None,
    actor_role: str = "cli",
) -> PublishReport:
    """Validate ``files`` as ``dataset`` (``ReferenceDataError``), then publish them as
    ``version`` (default: :func:`auto_version`). Nothing is stored when anything is wrong."""
    rules_reference.validate(dataset, files)
    version = version or auto_version(files)
    if not VERSION_PATTERN.match(version):
        raise ReferenceDataError(
            params={"version": version}, detail="version: 1–40 of A–Z a–z 0–9 . _ -"
        )
    content = content_of(dataset, version, files)
    sha = hashlib.sha256(content.encode("utf-8")).hexdigest()
    side_effect = _side_effect(dataset, files)
    with db.write() as session:
        existing = session.get(ReferenceVersion, (dataset, version))
        if existing is not None and existing.sha256 != sha:
            raise ReferenceConflict(
                f"{dataset}/{version} is published with other content; use a new version"
            )
        if side_effect is not None:
            side_effect(session)
        if existing is None:
            seq = feed_repo.allocate(session, count=1)
            session.add(
                ReferenceVersion(
                    dataset=dataset,
                    version=version,
                    seq=seq,
                    sha256=sha,
                    content=content,
                    published_at=now,
                    published_by=actor_id,
                )
            )
            session.flush()
        audit_repo.append(
            session,
            [
                AuditEntry(
                    "reference.import",
                    "published" if existing is None else "unchanged",
                    actor_id=actor_id,
                    actor_role=actor_role,
                    entity_type="reference",
                    entity_id=f"{dataset}/{version}",
                    detail={"files": sorted(files), "sha256": sha},
                )
            ],
            now=now,
        )
    return PublishReport(dataset, version, sha, existing is None, len(files))


def _side_effect(dataset: str, files: Mapping[str, str]) -> Callable[[Session], None] | None:
    if dataset != "regions":
        return None
    from server.services import areas  # areas publishes through this module

    rows = areas.rows_from_files(files)
    return lambda session: areas.upsert_areas(session, rows)


def reference(db: Database, *, dataset: str, version: str) -> ReferenceVersion | None:
    with db.read() as session:
        return session.get(ReferenceVersion, (dataset, version))
