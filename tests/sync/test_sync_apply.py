"""Pulled feed pages applied to a real store: decisions, supervisor edits, merges, echoes, cursor."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

from models.decision import Decision
from models.prospect import Prospect
from models.repositories import outbox as outbox_repo
from models.repositories import sync_state as sync_state_repo
from models.services import sync_apply
from sync import outbox, protocol
from tests.sync.conftest import AGENT_ID, DEVICE_ID
from tests.sync.factories import bulk_queue, prospect_payload

IDENTITY = outbox.Identity(DEVICE_ID, AGENT_ID)
SUPERVISOR = {"id": "0196aaaa-0000-7000-8000-00000000005e", "display_name": "Pengawas 33.75"}


def _send_all(run_db) -> None:
    """Push everything and acknowledge it as the server would (status received)."""
    while (batch := run_db(lambda s: outbox.next_batch(s, identity=IDENTITY))) is not None:
        results = [
            {
                "id": str(r.record_id),
                "revision": r.revision,
                "status": "accepted",
                "review_state": "received",
            }
            for r in batch.rows
        ]
        response = protocol.PushResponse.model_validate(
            {"batch_id": str(batch.batch_id), "results": results}
        )
        run_db(lambda s, b=batch, r=response: outbox.apply_response(s, batch=b, response=r))


def _row(store, pid: uuid.UUID) -> Prospect:
    with store.read_scope() as session:
        row = session.get(Prospect, pid)
        session.expunge(row)
        return row


def _page(
    *entries: dict, next_cursor: str | None = None, has_more: bool = False
) -> protocol.ChangesResponse:
    last = str(max(e["seq"] for e in entries)) if entries else next_cursor
    return protocol.ChangesResponse.model_validate(
        {"changes": list(entries), "next_cursor": next_cursor or last, "has_more": has_more}
    )


def _record(seq: int, pid: uuid.UUID, revision: int, payload: dict, **extra) -> dict:
    data = {
        "id": str(pid),
        "entity_type": "prospect",
        "schema_version": 1,
        "revision": revision,
        "payload": payload,
        "payload_hash": protocol.payload_hash(
            entity_type="prospect", payload=payload, schema_version=1, deleted=False
        ),
        "review_state": "received",
        "flags": [],
        **extra,
    }
    return {"seq": seq, "type": "record", "data": data}


def _decision(seq: int, pid: uuid.UUID, revision: int, outcome: str, **extra) -> dict:
    data = {
        "id": str(uuid.uuid4()),
        "record_id": str(pid),
        "record_revision": revision,
        "outcome": outcome,
        "note": "Nama ibu kandung tidak terbaca." if outcome != "approve" else None,
        "field_notes": {"mother_maiden_name": "Cek KTP/KK"} if outcome == "return" else {},
        "decided_by": SUPERVISOR,
        "decided_at": "2026-03-12T14:02:11Z",
        **extra,
    }
    return {"seq": seq, "type": "decision", "data": data}


def _apply(run_db, page):
    return run_db(
        lambda s: sync_apply.apply_pulled_page(s, page=page, now=datetime(2026, 3, 13, tzinfo=UTC))
    )


def _edit_locally(store, pid: uuid.UUID, **changes) -> None:
    """An agent edit as the save service queues it: new payload, pending row rev+1."""
    from models.services.changes import change_body
    from models.services.context import AgentContext

    with store.session_scope() as session:
        row = session.get(Prospect, pid)
        payload = {**row.payload, **changes}
        revision, base = outbox_repo.next_revision(
            session, record_id=pid, server_rev=row.server_rev
        )
        row.payload = payload
        row.revision = revision
        row.status = "queued"
        row.badge = "queued"
        outbox_repo.enqueue(
            session,
            record_id=pid,
            entity_type="prospect",
            revision=revision,
            base_revision=base,
            body=change_body(
                record_id=pid,
                entity_type="prospect",
                revision=revision,
                base_revision=base,
                payload=payload,
                deleted=False,
                updated_at=datetime.now(UTC),
                agent=AgentContext(username="a", device_id=DEVICE_ID, agent_id=AGENT_ID),
            ),
        )


def test_return_decision_sets_badge_note_and_field_notes_once(enrolled_store, run_db) -> None:
    (pid,) = bulk_queue(enrolled_store, [1])
    _send_all(run_db)
    page = _page(_decision(41, pid, 1, "return"), next_cursor="41")
    applied = _apply(run_db, page)
    assert applied.decisions == 1 and applied.changed_ids == [pid]
    row = _row(enrolled_store, pid)
    assert row.badge == "returned" and row.review_state == "returned"
    assert row.field_notes == {"mother_maiden_name": "Cek KTP/KK"}
    again = _apply(run_db, page)  # the same page again (a lost reply): a no-op
    assert again.decisions == 0
    with enrolled_store.read_scope() as session:
        assert session.query(Decision).count() == 1
        state = sync_state_repo.get(session)
        assert (state.pull_cursor, state.last_pulled_seq) == ("41", 41)


def test_approve_and_reject(enrolled_store, run_db) -> None:
    a, b = bulk_queue(enrolled_store, [1, 2])
    _send_all(run_db)
    _apply(
        run_db,
        _page(_decision(5, a, 1, "approve"), _decision(6, b, 1, "reject", reason_code="DUPLICATE")),
    )
    assert _row(enrolled_store, a).badge == "approved"
    assert _row(enrolled_store, b).badge == "rejected"


def test_supervisor_edit_replaces_a_clean_record_and_echoes_are_no_ops(
    enrolled_store, run_db
) -> None:
    (pid,) = bulk_queue(enrolled_store, [1])
    _send_all(run_db)
    mine = _row(enrolled_store, pid).payload
    echo = _apply(run_db, _page(_record(10, pid, 1, mine)))
    assert echo.changed_ids == [] and _row(enrolled_store, pid).payload == mine
    theirs = {**mine, "address_line": "JL. DIPERBAIKI PENGAWAS 9"}
    _apply(run_db, _page(_record(11, pid, 2, theirs, author_role="supervisor")))
    row = _row(enrolled_store, pid)
    assert row.payload == theirs and row.base_payload == theirs
    assert (row.revision, row.server_rev, row.badge) == (2, 2, "received")
    with enrolled_store.read_scope() as session:
        assert outbox_repo.unsent_count(session) == 0


def test_unsent_edit_on_another_field_merges_and_requeues_on_top(enrolled_store, run_db) -> None:
    (pid,) = bulk_queue(enrolled_store, [1])
    _send_all(run_db)
    base = _row(enrolled_store, pid).payload
    _edit_locally(enrolled_store, pid, full_name="NAMA BARU AGEN")
    theirs = {**base, "address_line": "JL. DIPERBAIKI PENGAWAS 9"}
    applied = _apply(run_db, _page(_record(11, pid, 2, theirs, author_role="supervisor")))
    assert applied.merged == 1 and applied.conflicts == 0
    row = _row(enrolled_store, pid)
    assert row.payload["full_name"] == "NAMA BARU AGEN"
    assert row.payload["address_line"] == "JL. DIPERBAIKI PENGAWAS 9"
    assert row.base_payload == theirs and row.server_rev == 2 and row.revision == 3
    with enrolled_store.read_scope() as session:
        live = outbox_repo.live_rows_for(session, record_id=pid)
    assert [(r.revision, r.base_revision, r.state) for r in live] == [(3, 2, "pending")]
    assert json.loads(live[0].body)["payload"] == row.payload


def test_both_sides_changed_the_same_field_is_a_conflict_for_the_agent(
    enrolled_store, run_db
) -> None:
    (pid,) = bulk_queue(enrolled_store, [1])
    _send_all(run_db)
    base = _row(enrolled_store, pid).payload
    _edit_locally(enrolled_store, pid, full_name="VERSI AGEN", rt="005")
    theirs = {**base, "full_name": "VERSI PENGAWAS"}
    applied = _apply(run_db, _page(_record(11, pid, 2, theirs, author_role="supervisor")))
    assert applied.conflicts == 1
    row = _row(enrolled_store, pid)
    assert row.badge == "conflict"
    assert row.server_errors == [{"field": "full_name", "code": "conflict"}]
    assert row.payload["full_name"] == "VERSI AGEN" and row.payload["rt"] == "005"  # mine kept
    assert row.base_payload["full_name"] == "VERSI PENGAWAS"  # theirs, for "Pilih versi"
    with enrolled_store.read_scope() as session:
        assert outbox_repo.unsent_count(session) == 0  # nothing goes until the agent picks
        # the agent's resolution is revision 3 on top of the server's 2
        assert outbox_repo.next_revision(session, record_id=pid, server_rev=row.server_rev) == (
            3,
            2,
        )


def test_a_record_from_another_device_is_created(enrolled_store, run_db) -> None:
    pid = uuid.UUID("01969fff-0000-7000-8000-000000000123")
    payload = protocol.ProspectPayload.model_validate(prospect_payload(77)).wire()
    applied = _apply(run_db, _page(_record(3, pid, 1, payload, review_state="approved")))
    assert applied.changed_ids == [pid]
    row = _row(enrolled_store, pid)
    assert row.full_name == "PESERTA UJI 77" and row.badge == "approved" and row.server_rev == 1


def test_reference_versions_and_cursor_move_with_the_page(enrolled_store, run_db) -> None:
    page = _page(
        {"seq": 9, "type": "reference", "data": {"dataset": "occupations", "version": "2026-03-01"}}
    )
    _apply(run_db, page)
    with enrolled_store.read_scope() as session:
        state = sync_state_repo.get(session)
        assert state.extra["reference_versions"] == {"occupations": "2026-03-01"}
        assert state.pull_cursor == "9"
