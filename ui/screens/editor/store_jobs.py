"""What the editor asks of the store, as plain functions that run on the DB lane.

The editor never opens a Session on the GUI thread (ARCHITECTURE.md §3): it hands one of these
functions to ``ui.tasks.run_in_background(lanes.db(), …)`` and gets plain values back. Saving
goes through ``models.services.prospects.save`` (one transaction: validation, prospect, consent,
outbox row, audit); the follow-up visits added in the editor are stored right after it.

``find_similar`` is the offline duplicate check at capture (besides the exact NIK match of
``open_with_nik``); the query is ``models.repositories.similar_prospects.find_similar``.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from core.errors import NotFoundError
from models.db import Database
from models.repositories import outbox as outbox_repo
from models.repositories import prospects as prospect_repo
from models.repositories import similar_prospects
from models.repositories import visits as visit_repo
from models.repositories.similar_prospects import SimilarProspect
from models.services import followups
from models.services import prospects as prospect_service
from models.services.changes import parse_body
from models.services.context import AgentContext

log = logging.getLogger(__name__)

__all__ = [
    "LoadedProspect",
    "SaveOutcome",
    "SimilarProspect",
    "find_mobile_shared",
    "find_nik_duplicates",
    "find_similar",
    "load_prospect",
    "restore_version",
    "save_prospect",
]


@dataclass(frozen=True, slots=True)
class LoadedProspect:
    snapshot: prospect_service.ProspectSnapshot
    visits: list[dict[str, Any]]
    submitted_payload: dict[str, Any] | None  # the newest version the server has or will get


@dataclass(frozen=True, slots=True)
class SaveOutcome:
    result: prospect_service.SaveResult
    visit_ids: list[str] = field(default_factory=list)


def save_prospect(
    db: Database,
    *,
    prospect_id: uuid.UUID,
    payload: dict[str, Any],
    submit: bool,
    agent: AgentContext,
    today: date,
    acknowledged: dict[str, str],
    consent: dict[str, Any] | None,
    new_visits: list[dict[str, Any]],
) -> SaveOutcome:
    """Save the prospect (draft or submit), then the visits added since the last save."""
    result = prospect_service.save(
        db,
        prospect_id=prospect_id,
        payload=payload,
        submit=submit,
        agent=agent,
        today=today,
        acknowledged=acknowledged,
        consent=consent,
    )
    visit_ids: list[str] = []
    if new_visits or result.revision > 0:
        with db.session_scope() as session:
            for visit in new_visits:
                row = visit_repo.add(session, prospect_id=prospect_id, payload=visit)
                visit_ids.append(str(row.id))
            # Visits travel once their prospect has been submitted (outreach area).
            followups.queue_unsent_visits(session, agent=agent)
    return SaveOutcome(result, visit_ids)


def load_prospect(db: Database, *, prospect_id: uuid.UUID) -> LoadedProspect:
    snapshot = prospect_service.load(db, prospect_id=prospect_id)
    with db.read_scope() as session:
        visits = [
            {**dict(v.payload), "id": str(v.id)}
            for v in visit_repo.list_for(session, prospect_id=prospect_id)
        ]
        submitted = _submitted_payload(session, prospect_id, snapshot)
    return LoadedProspect(snapshot, visits, submitted)


def _submitted_payload(
    session: Any, prospect_id: uuid.UUID, snapshot: prospect_service.ProspectSnapshot
) -> dict[str, Any] | None:
    if snapshot.revision == 0:
        return None
    rows = outbox_repo.live_rows_for(session, record_id=prospect_id)
    prospect_rows = [row for row in rows if row.entity_type == "prospect"]
    if prospect_rows:
        newest = max(prospect_rows, key=lambda row: row.revision)
        return dict(parse_body(newest.body)["payload"])
    return dict(snapshot.base_payload) if snapshot.base_payload else None


def restore_version(
    db: Database,
    *,
    prospect_id: uuid.UUID,
    original: LoadedProspect | None,
    agent: AgentContext,
    today: date,
) -> str | None:
    """Undo edits that autosave already stored (*Buang*). A prospect that was never saved by
    hand is deleted; a submitted one gets its submitted version back (re-submitting the same
    content coalesces with a still-pending outbox row); a hand-saved draft gets the version
    the editor opened with. Returns the badge, or ``None`` when the draft was deleted."""
    if original is None:
        try:
            prospect_service.delete_draft(db, prospect_id=prospect_id, agent=agent)
        except NotFoundError:
            log.info("autosaved draft %s was already gone", prospect_id)
        return None
    snap = original.snapshot
    submit = snap.status == "queued"
    payload = dict(snap.payload)
    result = prospect_service.save(
        db,
        prospect_id=prospect_id,
        payload=payload,
        submit=submit,
        agent=agent,
        today=today,
        acknowledged=dict(snap.acknowledged_warnings),
        consent=snap.consent,
    )
    return result.badge


def find_nik_duplicates(
    db: Database, *, nik: str, exclude_id: uuid.UUID
) -> list[prospect_repo.DuplicateRef]:
    with db.read_scope() as session:
        return prospect_repo.open_with_nik(session, nik=nik, exclude_id=exclude_id)


def find_mobile_shared(db: Database, *, mobile: str, exclude_id: uuid.UUID) -> list[str]:
    """Names of other open prospects with this mobile (``W_MOBILE_SHARED``)."""
    e164 = prospect_repo.normalised_mobile({"mobile": mobile}) if mobile else None
    if not e164 or not e164.startswith("+62"):
        return []
    with db.read_scope() as session:
        refs = prospect_repo.open_with_mobile(session, mobile=e164, exclude_id=exclude_id)
    return [ref.full_name or str(ref.id) for ref in refs]


def find_similar(
    db: Database,
    *,
    full_name: str,
    birth_date: str,
    village_code: str | None,
    village_name: str | None,
    exclude_id: uuid.UUID,
) -> list[SimilarProspect]:
    """Open prospects in the same village, born the same day, with a similar name."""
    with db.read_scope() as session:
        return similar_prospects.find_similar(
            session,
            full_name=full_name,
            birth_date=birth_date,
            village_code=village_code,
            village_name=village_name,
            exclude_id=exclude_id,
        )
