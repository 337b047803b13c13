"""``models.services.prospects``: drafts, submits, revisions, duplicates, warnings, snapshots,
withdrawal, draft deletion and print counts."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select, text

from core.errors import ConflictError, NotFoundError, ValidationError
from models.audit import AuditEvent
from models.heir import Heir
from models.prospect import Prospect
from models.repositories import outbox
from models.services import prospects
from models.services.changes import parse_body
from sync.protocol import Change, ProspectPayload, is_uuid7
from tests.models.synthetic import save_item


def _submit(db, item, agent, today, **changes):  # type: ignore[no-untyped-def]
    return save_item(db, item, agent=agent, today=today, submit=True, **changes)


def test_new_ids_are_uuid7():
    ids = {prospects.new_prospect_id() for _ in range(50)}
    assert len(ids) == 50 and all(is_uuid7(i) for i in ids)


def test_a_draft_is_always_stored_with_its_issues(db, agent, today):
    pid = prospects.new_prospect_id()
    result = prospects.save(
        db,
        prospect_id=pid,
        payload={"full_name": "  Budi  ", "nik": "3375 0115 0590 9901", "mobile": "0812-0000-0001"},
        submit=False,
        agent=agent,
        today=today,
    )
    assert (result.revision, result.badge, result.status) == (0, "draft", "draft")
    codes = {i.code for i in result.issues}
    assert {"E_REQUIRED", "E_CONSENT_MISSING", "E_OCC_NONE"} <= codes
    snap = prospects.load(db, prospect_id=pid)
    assert snap.payload["full_name"] == "Budi"  # trimmed
    assert {i.code for i in snap.issues} == codes
    assert snap.has_unsent is False
    with db.read_scope() as session:
        row = session.get(Prospect, pid)
        assert (row.nik, row.mobile, row.village_name) == (
            "3375011505909901",
            "+6281200000001",
            None,
        )
        assert outbox.counts(session).unsent == 0  # drafts never sync


def test_submit_writes_the_wire_payload_and_outbox_rows(db, synthetic, agent, today):
    item = synthetic()
    result = _submit(db, item, agent, today)
    assert (result.revision, result.badge, result.status, result.issues) == (
        1,
        "queued",
        "queued",
        [],
    )
    snap = prospects.load(db, prospect_id=item.id)
    assert ProspectPayload.model_validate(snap.payload).wire() == snap.payload
    assert snap.payload["quote"]["monthly_first"] == snap.monthly_contribution > 0
    assert snap.consent is not None and snap.consent_id is not None
    with db.read_scope() as session:
        rows = outbox.pending_rows(session, limit=10)
    assert [(r.entity_type, r.revision, r.base_revision) for r in rows] == [
        ("prospect", 1, 0),
        ("consent", 1, 0),
    ]
    body = parse_body(rows[0].body)
    body.update(device_id=str(uuid.uuid4()), agent_id=str(uuid.uuid4()))
    change = Change.model_validate(body)
    assert change.computed_hash() == change.payload_hash
    assert change.payload == snap.payload


def test_resubmit_replaces_the_pending_row(db, synthetic, agent, today):
    item = synthetic()
    _submit(db, item, agent, today)
    again = _submit(db, item, agent, today, payload=dict(item.payload, full_name="NAMA BARU"))
    assert again.revision == 1  # never sent: same revision, new content
    with db.read_scope() as session:
        rows = [r for r in outbox.pending_rows(session, limit=10) if r.entity_type == "prospect"]
    assert len(rows) == 1 and rows[0].generation == 2
    assert parse_body(rows[0].body)["payload"]["full_name"] == "NAMA BARU"


def test_submit_after_freeze_is_the_next_revision(db, synthetic, agent, today):
    item = synthetic()
    _submit(db, item, agent, today)
    with db.session_scope() as session:
        rows = outbox.pending_rows(session, limit=10)
        outbox.freeze(session, rows=rows, batch_id=uuid.uuid4(), bodies=[r.body for r in rows])
    again = _submit(db, item, agent, today, payload=dict(item.payload, full_name="NAMA BARU"))
    assert again.revision == 2
    with db.read_scope() as session:
        live = outbox.live_rows_for(session, record_id=item.id)
    assert [(r.revision, r.base_revision, r.state) for r in live] == [
        (1, 0, "frozen"),
        (2, 1, "pending"),
    ]
    assert parse_body(live[0].body)["payload"]["full_name"] == item.payload["full_name"]


def test_invalid_answer_reuses_the_revision_number(db, synthetic, agent, today):
    item = synthetic()
    _submit(db, item, agent, today)
    with db.session_scope() as session:
        rows = outbox.pending_rows(session, limit=10)
        outbox.freeze(session, rows=rows, batch_id=uuid.uuid4(), bodies=[r.body for r in rows])
        outbox.mark_processed(session, record_id=item.id, revision=1, status="invalid")
    assert _submit(db, item, agent, today).revision == 1


def test_draft_after_submit_keeps_the_badge(db, synthetic, agent, today):
    item = synthetic()
    _submit(db, item, agent, today)
    with db.session_scope() as session:
        session.execute(text("UPDATE prospects SET badge = 'returned', review_state = 'returned'"))
    result = prospects.save(
        db, prospect_id=item.id, payload=item.payload, submit=False, agent=agent, today=today
    )
    assert (result.revision, result.badge, result.status) == (1, "returned", "draft")


def test_local_nik_duplicate_blocks_submit(db, synthetic, agent, today):
    first = synthetic(full_name="PESERTA B")
    prospects.save(
        db, prospect_id=first.id, payload=first.payload, submit=False, agent=agent, today=today
    )
    same_person = ("nik", "birth_date", "sex", "regency_code", "district_code", "village_code")
    second = synthetic(full_name="PESERTA A", **{k: first.payload[k] for k in same_person})
    draft = prospects.save(
        db, prospect_id=second.id, payload=second.payload, submit=False, agent=agent, today=today
    )
    dup = [i for i in draft.issues if i.code == "E_NIK_DUPLICATE"]
    assert dup and dup[0].params["name"] == "PESERTA B"
    with pytest.raises(ValidationError):
        _submit(db, second, agent, today)
    snap = prospects.load(db, prospect_id=second.id)
    assert [d.id for d in snap.duplicates] == [first.id]
    with db.session_scope() as session:  # a rejected registration no longer counts
        session.execute(
            text("UPDATE prospects SET review_state = 'rejected' WHERE full_name = 'PESERTA B'")
        )
    assert _submit(db, second, agent, today).badge == "queued"


def test_warnings_must_be_acknowledged(db, synthetic, agent, today):
    item = synthetic(declared_income=750_000, acknowledged_warnings=None)
    with pytest.raises(ValidationError) as caught:
        _submit(db, item, agent, today)
    assert [i.code for i in caught.value.issues] == ["W_INCOME_BELOW_MIN"]
    result = _submit(db, item, agent, today, acknowledged={"W_INCOME_BELOW_MIN": "Sudah dicek"})
    assert result.badge == "queued"
    assert [i.code for i in result.issues] == ["W_INCOME_BELOW_MIN"]
    snap = prospects.load(db, prospect_id=item.id)
    assert snap.acknowledged_warnings == {"W_INCOME_BELOW_MIN": "Sudah dicek"}
    assert snap.payload["acknowledged_warnings"] == [
        {"code": "W_INCOME_BELOW_MIN", "reason": "Sudah dicek"}
    ]


def test_submit_without_consent_is_blocked(db, synthetic, agent, today):
    item = synthetic()
    with pytest.raises(ValidationError) as caught:
        _submit(db, item, agent, today, consent=None)
    assert "E_CONSENT_MISSING" in {i.code for i in caught.value.issues}


def test_stored_consent_is_used_when_none_is_given(db, synthetic, agent, today):
    item = synthetic()
    save_item(db, item, agent=agent, today=today)
    assert _submit(db, item, agent, today, consent=None).badge == "queued"
    with db.read_scope() as session:
        kinds = [r.entity_type for r in outbox.pending_rows(session, limit=10)]
    assert kinds == ["prospect", "consent"]


def test_heirs_rows_follow_the_payload(db, synthetic, agent, today):
    item = synthetic()
    item.payload["heirs"] = [
        {"order": 1, "name": "ANAK SATU", "relationship": "ANAK"},
        {"order": 2, "name": "ISTRI", "relationship": "SUAMI_ISTRI", "nik": "3375014107909901"},
    ]
    _submit(db, item, agent, today)
    item.payload["heirs"] = item.payload["heirs"][1:]
    prospects.save(
        db, prospect_id=item.id, payload=item.payload, submit=False, agent=agent, today=today
    )
    with db.read_scope() as session:
        heirs = session.scalars(select(Heir).where(Heir.prospect_id == item.id)).all()
    assert [(h.order, h.name, h.nik) for h in heirs] == [(2, "ISTRI", "3375014107909901")]


def test_approved_records_are_read_only(db, synthetic, agent, today):
    item = synthetic()
    _submit(db, item, agent, today)
    with db.session_scope() as session:
        session.execute(text("UPDATE prospects SET badge = 'approved', review_state = 'approved'"))
    with pytest.raises(ConflictError) as caught:
        _submit(db, item, agent, today)
    assert caught.value.code == "record-read-only"


def test_withdraw_sends_a_tombstone(db, synthetic, agent, today):
    item = synthetic()
    with pytest.raises(NotFoundError):
        prospects.withdraw(db, prospect_id=item.id, agent=agent)
    prospects.save(
        db, prospect_id=item.id, payload=item.payload, submit=False, agent=agent, today=today
    )
    with pytest.raises(ConflictError):
        prospects.withdraw(db, prospect_id=item.id, agent=agent)  # a draft: delete it instead
    _submit(db, item, agent, today)
    with db.session_scope() as session:
        rows = outbox.pending_rows(session, limit=10)
        outbox.freeze(session, rows=rows, batch_id=uuid.uuid4(), bodies=[r.body for r in rows])
        outbox.mark_done(session, record_id=item.id, revision=1)
        session.execute(text("UPDATE prospects SET server_rev = 1, review_state = 'received'"))
    result = prospects.withdraw(db, prospect_id=item.id, agent=agent)
    assert (result.revision, result.badge) == (2, "withdrawn")
    snap = prospects.load(db, prospect_id=item.id)
    assert snap.deleted and snap.read_only
    with db.read_scope() as session:
        (row,) = [r for r in outbox.pending_rows(session, limit=10) if r.record_id == item.id]
    body = parse_body(row.body)
    assert (body["deleted"], body["revision"], body["base_revision"]) == (True, 2, 1)


def test_delete_draft_removes_everything(db, synthetic, agent, today):
    item = synthetic(full_name="HAPUS SAYA")
    save_item(db, item, agent=agent, today=today)
    prospects.delete_draft(db, prospect_id=item.id, agent=agent)
    with pytest.raises(NotFoundError):
        prospects.load(db, prospect_id=item.id)
    with db.read_scope() as session:
        for table in ("prospects", "consents", "heirs", "outbox"):
            assert session.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0
        from models.repositories import search

        assert search.count(session, query="HAPUS") == 0
    other = synthetic()
    _submit(db, other, agent, today)
    with pytest.raises(ConflictError):
        prospects.delete_draft(db, prospect_id=other.id, agent=agent)


def test_record_print_counts_and_audits(db, synthetic, agent, today):
    a, b = synthetic(), synthetic()
    for item in (a, b):
        prospects.save(
            db, prospect_id=item.id, payload=item.payload, submit=False, agent=agent, today=today
        )
    assert prospects.record_print(db, prospect_ids=[a.id], agent=agent) == {a.id: 1}
    assert prospects.record_print(db, prospect_ids=[a.id, b.id, a.id], agent=agent) == {
        a.id: 2,
        b.id: 1,
    }
    with pytest.raises(NotFoundError):
        prospects.record_print(db, prospect_ids=[uuid.uuid4()], agent=agent)
    assert prospects.load(db, prospect_id=a.id).printed_count == 2
    with db.read_scope() as session:
        prints = session.scalars(select(AuditEvent).where(AuditEvent.action == "PRINT")).all()
    assert sorted(str(e.entity_id) for e in prints) == sorted(map(str, [a.id, a.id, b.id]))
    assert all(e.actor == "agen07" and e.detail == {} for e in prints)


def test_audit_rows_hold_no_personal_values(db, synthetic, agent, today):
    item = synthetic()
    _submit(db, item, agent, today)
    with db.read_scope() as session:
        rows = session.execute(text("SELECT * FROM audit_events")).all()
    flat = repr(rows)
    for value in (item.payload["nik"], item.payload["full_name"], item.payload["mobile"]):
        assert value not in flat


def test_find_by_nik(db, synthetic, agent, today):
    item = synthetic()
    prospects.save(
        db, prospect_id=item.id, payload=item.payload, submit=False, agent=agent, today=today
    )
    with db.read_scope() as session:
        found = prospects.find_by_nik(session, nik=item.payload["nik"])
        assert found is not None and found.id == item.id
        assert prospects.find_by_nik(session, nik="3375011505909999") is None


def test_the_consent_id_chosen_by_the_form_is_kept(db, synthetic, agent, today):
    item = synthetic()
    chosen = item.payload["consent_id"]
    _submit(db, item, agent, today)
    snap = prospects.load(db, prospect_id=item.id)
    assert str(snap.consent_id) == chosen == snap.payload["consent_id"]
    other = synthetic(consent_id=chosen)  # another prospect cannot take over that consent
    _submit(db, other, agent, today)
    theirs = prospects.load(db, prospect_id=other.id)
    assert str(theirs.consent_id) != chosen
    assert prospects.load(db, prospect_id=item.id).consent["prospect_id"] == str(item.id)
