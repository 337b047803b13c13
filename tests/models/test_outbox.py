"""Outbox lifecycle (SYNC §6.1, §6.2): pending rows are replaced, frozen rows never change,
acks retire rows, quarantine answers file them; counts for the status bar."""

from __future__ import annotations

import uuid

import pytest

from core.errors import ConflictError
from models.repositories import outbox


def _enqueue(session, record_id, body=b"v1", revision=None, base=None):  # type: ignore[no-untyped-def]
    if revision is None:
        revision, base = outbox.next_revision(session, record_id=record_id, server_rev=None)
    outbox.enqueue(
        session,
        record_id=record_id,
        entity_type="prospect",
        revision=revision,
        base_revision=base,
        body=body,
    )


def test_a_pending_row_is_replaced_in_place(db):
    rid = uuid.uuid4()
    with db.session_scope() as session:
        _enqueue(session, rid, b"first")
        _enqueue(session, rid, b"second")
        rows = outbox.pending_rows(session, limit=10)
    assert [(r.revision, r.base_revision, r.body, r.generation) for r in rows] == [
        (1, 0, b"second", 2)
    ]


def test_frozen_rows_never_change(db):
    rid = uuid.uuid4()
    with db.session_scope() as session:
        _enqueue(session, rid, b"sent")
        rows = outbox.pending_rows(session, limit=10)
        frozen = outbox.freeze(
            session, rows=rows, batch_id=uuid.uuid4(), bodies={rows[0].seq: b"wire"}
        )
        assert [r.state for r in frozen] == ["frozen"]
        with pytest.raises(ConflictError) as caught:
            outbox.enqueue(
                session,
                record_id=rid,
                entity_type="prospect",
                revision=1,
                base_revision=0,
                body=b"x",
            )
        assert caught.value.code == "outbox-frozen"
        _enqueue(session, rid, b"edit")  # the next revision, in a new row
        live = outbox.live_rows_for(session, record_id=rid)
    assert [(r.revision, r.base_revision, r.state, r.body) for r in live] == [
        (1, 0, "frozen", b"wire"),
        (2, 1, "pending", b"edit"),
    ]


def test_freeze_skips_rows_replaced_since_they_were_read(db):
    a, b = uuid.uuid4(), uuid.uuid4()
    with db.session_scope() as session:
        _enqueue(session, a)
        _enqueue(session, b)
        read = outbox.pending_rows(session, limit=10)
        _enqueue(session, a, b"newer")  # a save between reading and freezing
        frozen = outbox.freeze(
            session, rows=read, batch_id=uuid.uuid4(), bodies=[b"wire-a", b"wire-b"]
        )
        assert [r.record_id for r in frozen] == [b]
        (still,) = outbox.pending_rows(session, limit=10)
    assert (still.record_id, still.body, still.state) == (a, b"newer", "pending")


def test_batches_resend_byte_identical_and_retire_on_ack(db):
    rids = [uuid.uuid4() for _ in range(3)]
    batch = uuid.uuid4()
    with db.session_scope() as session:
        for rid in rids:
            _enqueue(session, rid)
        rows = outbox.pending_rows(session, limit=2)
        assert [r.record_id for r in rows] == rids[:2]  # oldest first
        outbox.freeze(session, rows=rows, batch_id=batch, bodies=[b"b1", b"b2"])
    with db.session_scope() as session:  # after a restart: the same batch, same bytes
        again = outbox.frozen_batch(session)
        assert again is not None and again.batch_id == batch
        assert [r.body for r in again.rows] == [b"b1", b"b2"]
        outbox.bump_attempts(session, batch_id=batch)
        assert outbox.frozen_batch(session).attempts == 1
        assert outbox.counts(session) == outbox.OutboxCounts(pending=1, frozen=2)
        assert outbox.mark_done(session, record_id=rids[0], revision=1, status="duplicate")
        assert not outbox.mark_done(session, record_id=rids[0], revision=1)
        assert outbox.mark_processed(session, record_id=rids[1], revision=1, status="conflict")
        counts = outbox.counts(session)
        assert (counts.pending, counts.frozen, counts.done, counts.processed) == (1, 0, 1, 1)
        assert counts.unsent == outbox.unsent_count(session) == 1
        assert outbox.frozen_batch(session) is None
        assert not outbox.has_live_rows(session, record_id=rids[0])
        assert outbox.has_live_rows(session, record_id=rids[2])


def test_rebatch_splits_a_frozen_batch_keeping_bytes(db):
    rids = [uuid.uuid4() for _ in range(4)]
    first, second = uuid.uuid4(), uuid.uuid4()
    with db.session_scope() as session:
        for rid in rids:
            _enqueue(session, rid)
        rows = outbox.pending_rows(session, limit=10)
        outbox.freeze(session, rows=rows, batch_id=first, bodies=[r.body + b"!" for r in rows])
        assert outbox.rebatch(session, seqs=[r.seq for r in rows[2:]], batch_id=second) == 2
        batches = outbox.frozen_batches(session)
    assert [(b.batch_id, [r.record_id for r in b.rows]) for b in batches] == [
        (first, rids[:2]),
        (second, rids[2:]),
    ]
    assert all(r.body == b"v1!" for b in batches for r in b.rows)


def test_one_live_row_per_record_revision_is_enforced_by_the_schema(db):
    from sqlalchemy import text

    rid = uuid.uuid4()
    with db.session_scope() as session:
        _enqueue(session, rid)
    with pytest.raises(Exception, match="UNIQUE"):
        with db.session_scope() as session:
            session.execute(
                text(
                    "INSERT INTO outbox (record_id, entity_type, revision, base_revision, body,"
                    " state, generation, attempts, created_at, updated_at) VALUES (:r, 'prospect',"
                    " 1, 0, x'00', 'frozen', 1, 0, '', '')"
                ),
                {"r": rid.hex},
            )


def test_revision_must_follow_its_base(db):
    with db.session_scope() as session, pytest.raises(ValueError):
        outbox.enqueue(
            session,
            record_id=uuid.uuid4(),
            entity_type="prospect",
            revision=3,
            base_revision=1,
            body=b"",
        )


def test_purge_done_keeps_live_rows(db):
    from datetime import timedelta

    from models.base import utcnow

    a, b = uuid.uuid4(), uuid.uuid4()
    with db.session_scope() as session:
        _enqueue(session, a)
        _enqueue(session, b)
        rows = outbox.pending_rows(session, limit=10)
        outbox.freeze(session, rows=rows[:1], batch_id=uuid.uuid4(), bodies=[b"x"])
        outbox.mark_done(session, record_id=a, revision=1)
        assert outbox.purge_done(session, before=utcnow() + timedelta(seconds=1)) == 1
        assert outbox.counts(session) == outbox.OutboxCounts(pending=1)
