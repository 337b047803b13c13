"""Plain functions that put a store into states the sync would produce (for shell tests).

They go through the same ``models.services.sync_apply`` functions the sync engine calls, so the
store looks exactly as after a real push and pull: the server acknowledged the prospect, then a
supervisor's decision arrived in the feed.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from models.db import Database
from models.repositories import outbox
from models.services import sync_apply
from sync.protocol import ChangesResponse, FeedEntry, PushResult

SUPERVISOR = {"id": "01900000-0000-7000-8000-000000000001", "display_name": "Pengawas 33.75"}


def acknowledge(db: Database, *, prospect_id: uuid.UUID, seq: int = 100) -> int:
    """The server accepted every unsent revision of the prospect; returns the revision."""
    with db.session_scope() as session:
        rows = outbox.live_rows_for(session, record_id=prospect_id)
        assert rows, "the prospect has nothing to send"
        results = [
            PushResult(
                id=r.record_id,
                revision=r.revision,
                status="accepted",
                seq=seq + i,
                review_state="received",
            )
            for i, r in enumerate(rows)
        ]
        sync_apply.apply_push_results(session, rows=rows, results=results)
        return max(r.revision for r in rows)


def decide(
    db: Database,
    *,
    prospect_id: uuid.UUID,
    revision: int,
    outcome: str,
    note: str | None = None,
    field_notes: dict[str, str] | None = None,
    seq: int = 200,
) -> None:
    """A supervisor decision pulled from the feed."""
    data = {
        "id": str(uuid.uuid4()),
        "record_id": str(prospect_id),
        "record_revision": revision,
        "outcome": outcome,
        "note": note,
        "field_notes": field_notes or {},
        "decided_by": SUPERVISOR,
        "decided_at": datetime(2026, 2, 9, 7, 2, tzinfo=UTC).isoformat(),
    }
    page = ChangesResponse(
        changes=[FeedEntry(seq=seq, type="decision", data=data)],
        next_cursor=str(seq),
        has_more=False,
    )
    with db.session_scope() as session:
        sync_apply.apply_pulled_page(session, page=page)
