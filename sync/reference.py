"""Download the reference data the feed announced and put it into the rules (SYNC §4.7).

After a pull, ``sync_state.extra["reference_versions"]`` names the newest version of each
dataset the feed carried (``models.services.sync_apply``). ``refresh`` fetches each one not in
the store yet, and believes it only if

1. the body's SHA-256 equals the ``ETag`` (a cut or altered download is not stored: it is
   fetched again on the next sync), and
2. it is that dataset's version and the rules' own loaders accept its files
   (``models.rules.reference.validate``); if not, the version is stored as ``rejected`` with
   the reason and never fetched again (published versions never change).

A valid version is stored (encrypted with the rest of the store) and installed into the rules
at once; an unlock installs the stored ones again (``models.services.reference_data``). Network
trouble never fails the sync cycle: that dataset is simply tried again next time.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from models.repositories import reference_data as reference_repo
from models.repositories import sync_state as sync_state_repo
from models.rules import reference as rules_reference
from models.rules.datafiles import ReferenceDataError
from models.services.reference_data import files_of
from sync.client import SyncClient
from sync.errors import SyncError

__all__ = ["ReferenceReport", "pending", "refresh"]

log = logging.getLogger(__name__)

RunDb = Callable[[Callable[[Session], Any]], Any]


@dataclass(slots=True)
class ReferenceReport:
    installed: dict[str, str] = field(default_factory=dict)  # dataset -> version
    rejected: dict[str, str] = field(default_factory=dict)  # "dataset/version" -> reason
    failed: dict[str, str] = field(default_factory=dict)  # tried again next sync

    @property
    def ok(self) -> bool:
        return not self.rejected and not self.failed


def pending(session: Session) -> list[tuple[str, str]]:
    """``(dataset, version)`` announced by the feed and not stored yet (valid or rejected)."""
    state = sync_state_repo.get(session)
    announced = dict((state.extra or {}).get("reference_versions") or {}) if state else {}
    if not announced:
        return []
    known = reference_repo.known_versions(session)
    return sorted((d, v) for d, v in announced.items() if (d, v) not in known)


def refresh(
    client: SyncClient, run_db: RunDb, *, now: Callable[[], datetime] | None = None
) -> ReferenceReport:
    """Fetch, check, store and install every pending version (see the module docstring)."""
    clock = now or (lambda: datetime.now(UTC))
    report = ReferenceReport()
    for dataset, version in run_db(pending):
        key = f"{dataset}/{version}"
        if dataset not in rules_reference.DATASETS:
            continue  # a dataset of a newer server that this app's rules do not read
        try:
            body, etag = client.reference(dataset, version)
        except SyncError as exc:
            report.failed[key] = f"{type(exc).__name__}: {exc}"
            continue
        sha = hashlib.sha256(body).hexdigest()
        if etag != sha:
            report.failed[key] = f"hash {sha[:12]} is not the ETag {str(etag)[:12]}"
            log.warning("reference %s: download does not match its ETag; retried later", key)
            continue
        try:
            files = files_of(body, dataset=dataset, version=version)
            rules_reference.validate(dataset, files)
        except ReferenceDataError as exc:
            reason = exc.detail or exc.code
            _store(run_db, dataset, version, sha, clock(), error=reason)
            report.rejected[key] = reason
            log.warning("reference %s refused, shipped data kept: %s", key, reason)
            continue
        _store(run_db, dataset, version, sha, clock(), content=body.decode("utf-8"))
        rules_reference.install(dataset, files, version=version)
        report.installed[dataset] = version
    return report


def _store(
    run_db: RunDb,
    dataset: str,
    version: str,
    sha: str,
    at: datetime,
    *,
    content: str | None = None,
    error: str | None = None,
) -> None:
    run_db(
        lambda s: reference_repo.add(
            s, dataset=dataset, version=version, sha256=sha, now=at, content=content, error=error
        )
    )
