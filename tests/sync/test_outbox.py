"""Push batches on a real encrypted store: freezing, byte-identical resends, sizing, splitting,
and per-record results applied in one transaction."""

from __future__ import annotations

import gzip
import json
import uuid

import pytest

from models.prospect import Prospect
from models.repositories import outbox as outbox_repo
from models.repositories import sync_state as sync_state_repo
from sync import outbox, protocol
from sync.errors import ProtocolError
from tests.sync.conftest import AGENT_ID, DEVICE_ID
from tests.sync.factories import bulk_queue, save_prospect

IDENTITY = outbox.Identity(DEVICE_ID, AGENT_ID)


def _next(run_db, **kw) -> outbox.OutgoingBatch | None:
    return run_db(lambda s: outbox.next_batch(s, identity=IDENTITY, **kw))


def _results(
    batch: outbox.OutgoingBatch, status: str = "accepted", **extra
) -> protocol.PushResponse:
    results = []
    for row in batch.rows:
        item = {"id": str(row.record_id), "revision": row.revision, "status": status, **extra}
        if status in ("accepted", "duplicate"):
            item.setdefault("review_state", "received")
        results.append(item)
    return protocol.PushResponse.model_validate(
        {"batch_id": str(batch.batch_id), "results": results}
    )


def _prospect(store, pid: uuid.UUID) -> Prospect:
    """The row as it is now, detached with its values loaded."""
    with store.read_scope() as session:
        row = session.get(Prospect, pid)
        session.expunge(row)
        return row


def test_batch_is_frozen_oldest_first_with_identity_and_resent_byte_identical(
    enrolled_store, run_db
) -> None:
    ids = bulk_queue(enrolled_store, range(30))
    batch = _next(run_db)
    assert batch is not None and not batch.resend
    assert [r.record_id for r in batch.rows] == ids  # oldest first, all fit in 32 KiB
    sent = json.loads(gzip.decompress(batch.wire))
    request = protocol.PushRequest.model_validate(sent)  # a valid push request
    assert all(c.device_id == DEVICE_ID and c.agent_id == AGENT_ID for c in request.changes)
    assert all(c.computed_hash() == c.payload_hash for c in request.changes)
    with enrolled_store.read_scope() as session:
        assert outbox_repo.counts(session).frozen == 30
        assert _prospect(enrolled_store, ids[0]).badge == "sending"
    again = _next(run_db)
    assert again.resend and again.batch_id == batch.batch_id
    assert again.wire == batch.wire  # byte-identical resend


def test_batches_respect_the_gzip_target_and_the_change_cap(enrolled_store, run_db) -> None:
    bulk_queue(enrolled_store, range(450))
    run_db(lambda s: sync_state_repo.update(s, batch_bytes=4096))
    small = _next(run_db)
    assert 1 < len(small) < 100
    assert len(small.wire) <= 4096
    run_db(lambda s: outbox.apply_response(s, batch=small, response=_results(small)))
    run_db(lambda s: sync_state_repo.update(s, batch_bytes=256 * 1024))
    big = _next(run_db)
    assert len(big) == protocol.MAX_CHANGES
    capped = _next(run_db, max_changes=10)  # resend of the frozen one: the cap applies to new ones
    assert capped.batch_id == big.batch_id


def test_results_apply_per_record(enrolled_store, run_db) -> None:
    ids = bulk_queue(enrolled_store, range(4))
    batch = _next(run_db)
    statuses = ["accepted", "duplicate", "invalid", "conflict"]
    results = []
    for row, status in zip(batch.rows, statuses, strict=True):
        item = {"id": str(row.record_id), "revision": row.revision, "status": status}
        if status == "invalid":
            item["errors"] = [{"field": "payload.nik", "code": "nik-date"}]
        if status == "conflict":
            item.update(problem="stale-base", current_revision=2)
        if status in ("accepted", "duplicate"):
            item.update(review_state="received", flags=["possible_duplicate"], seq=7)
        results.append(item)
    response = protocol.PushResponse.model_validate(
        {"batch_id": str(batch.batch_id), "results": results}
    )
    applied = run_db(lambda s: outbox.apply_response(s, batch=batch, response=response))
    assert (applied.accepted, applied.duplicate, applied.invalid, applied.conflicts) == (1, 1, 1, 1)
    first, second, third, fourth = (_prospect(enrolled_store, i) for i in ids)
    assert (
        first.badge == "received"
        and first.server_rev == 1
        and first.flags == ["possible_duplicate"]
    )
    assert first.base_payload == first.payload
    assert second.badge == "received"
    assert third.badge == "invalid" and third.server_errors == [
        {"field": "payload.nik", "code": "nik-date"}
    ]
    assert fourth.badge == "conflict" and fourth.server_errors[0]["code"] == "stale-base"
    with enrolled_store.read_scope() as session:
        counts = outbox_repo.counts(session)
    assert (counts.done, counts.processed, counts.unsent) == (2, 2, 0)
    assert _next(run_db) is None


@pytest.mark.parametrize(
    "tamper",
    ["other_batch", "missing", "extra", "duplicate_result"],
)
def test_a_reply_that_does_not_answer_the_batch_is_never_an_ack(
    enrolled_store, run_db, tamper
) -> None:
    bulk_queue(enrolled_store, range(3))
    batch = _next(run_db)
    body = _results(batch).model_dump(mode="json")
    if tamper == "other_batch":
        body["batch_id"] = str(uuid.uuid4())
    elif tamper == "missing":
        body["results"].pop()
    elif tamper == "extra":
        body["results"].append({**body["results"][0], "id": str(uuid.uuid4())})
    else:
        body["results"][2] = body["results"][0]
    response = protocol.PushResponse.model_validate(body)
    with pytest.raises(ProtocolError):
        run_db(lambda s: outbox.apply_response(s, batch=batch, response=response))
    with enrolled_store.read_scope() as session:
        assert outbox_repo.counts(session).frozen == 3  # nothing retired, resend later


def test_an_edit_during_a_send_queues_a_new_revision(enrolled_store, run_db) -> None:
    saved = save_prospect(enrolled_store, 1)
    batch = _next(run_db)
    assert batch.keys == [(saved.id, 1)] or (saved.id, 1) in batch.keys
    again = save_prospect(enrolled_store, 1, prospect_id=saved.id, full_name="NAMA DIPERBAIKI")
    assert again.revision == 2
    with enrolled_store.read_scope() as session:
        live = outbox_repo.live_rows_for(session, record_id=saved.id)
    assert [(r.revision, r.base_revision, r.state) for r in live] == [
        (1, 0, "frozen"),
        (2, 1, "pending"),
    ]
    frozen_bytes = next(r.body for r in batch.rows if r.record_id == saved.id)
    assert next(r.body for r in live if r.state == "frozen") == frozen_bytes  # untouched
    run_db(lambda s: outbox.apply_response(s, batch=batch, response=_results(batch)))
    assert _prospect(enrolled_store, saved.id).badge == "queued"  # revision 2 still waits
    follow = _next(run_db)
    assert (saved.id, 2) in follow.keys
    change = next(c for c in json.loads(follow.body)["changes"] if c["id"] == str(saved.id))
    assert change["base_revision"] == 1 and change["payload"]["full_name"] == "NAMA DIPERBAIKI"


def test_three_timeouts_split_the_batch_and_halve_the_target(enrolled_store, run_db) -> None:
    bulk_queue(enrolled_store, range(8))
    batch = _next(run_db)
    for expected_target in (16384, 8192, 4096):
        batch = _next(run_db)
        assert batch.batch_id == batch.batch_id and len(batch) == 8
        run_db(lambda s, b=batch: outbox.after_timeout(s, batch=b))
        with enrolled_store.read_scope() as session:
            assert sync_state_repo.get(session).batch_bytes == expected_target
    first = _next(run_db)
    assert len(first) == 4 and first.resend
    assert [r.body for r in first.rows] == [r.body for r in batch.rows[:4]]  # same row bytes
    run_db(lambda s: outbox.apply_response(s, batch=first, response=_results(first)))
    second = _next(run_db)
    assert [r.body for r in second.rows] == [r.body for r in batch.rows[4:]]


def test_413_and_422_split_then_quarantine_a_single_change(enrolled_store, run_db) -> None:
    ids = bulk_queue(enrolled_store, range(4))
    batch = _next(run_db)
    assert (
        run_db(lambda s: outbox.after_rejected(s, batch=batch, errors=[], code="validation-failed"))
        is False
    )
    singles = []
    while (b := _next(run_db)) is not None and len(singles) < 4:
        assert len(b) == 1
        singles.append(b)
        if len(singles) == 1:
            errs = [{"field": "changes[0].payload", "code": "bad"}]
            assert run_db(
                lambda s, b=b, e=errs: outbox.after_rejected(
                    s, batch=b, errors=e, code="validation-failed"
                )
            )
        elif len(singles) == 2:
            assert run_db(
                lambda s, b=b: outbox.after_too_large(s, batch=b, limits={"max_body_bytes": 10})
            )
        else:
            run_db(lambda s, b=b: outbox.apply_response(s, batch=b, response=_results(b)))
    assert [s.rows[0].record_id for s in singles] == ids
    assert _prospect(enrolled_store, ids[0]).badge == "invalid"
    assert _prospect(enrolled_store, ids[0]).server_errors == [
        {"field": "changes[0].payload", "code": "bad"}
    ]
    assert _prospect(enrolled_store, ids[1]).server_errors[0]["code"] == "payload-too-large"
    assert _prospect(enrolled_store, ids[3]).badge == "received"


def test_target_doubles_after_three_successes_up_to_256k(enrolled_store, run_db) -> None:
    run_db(lambda s: sync_state_repo.update(s, batch_bytes=128 * 1024, success_streak=0))
    for _ in range(3):
        run_db(outbox.after_success)
    with enrolled_store.read_scope() as session:
        assert sync_state_repo.get(session).batch_bytes == 256 * 1024
    for _ in range(3):
        run_db(outbox.after_success)
    with enrolled_store.read_scope() as session:
        assert sync_state_repo.get(session).batch_bytes == 256 * 1024


def test_panel_counts_and_a_quiet_log(enrolled_store, run_db) -> None:
    from datetime import UTC, datetime

    from sync import log as sync_log

    ids = bulk_queue(enrolled_store, range(3))
    batch = _next(run_db)
    results = [
        {
            "id": str(ids[0]),
            "revision": 1,
            "status": "invalid",
            "errors": [{"field": "payload.nik", "code": "nik-date"}],
        },
        {"id": str(ids[1]), "revision": 1, "status": "conflict", "problem": "record-locked"},
        {"id": str(ids[2]), "revision": 1, "status": "accepted", "review_state": "received"},
    ]
    response = protocol.PushResponse.model_validate(
        {"batch_id": str(batch.batch_id), "results": results}
    )
    run_db(lambda s: outbox.apply_response(s, batch=batch, response=response))
    bulk_queue(enrolled_store, range(3, 5))
    counts = run_db(sync_log.panel_counts)
    assert (counts.unsent, counts.invalid, counts.conflict, counts.returned) == (2, 1, 1, 0)
    at = datetime(2026, 3, 12, 3, 0, tzinfo=UTC)
    for _ in range(5):  # offline all afternoon: one line with a repeat count
        run_db(lambda s: sync_log.append(s, at=at, event="sync", status="offline", error="offline"))
    run_db(
        lambda s: sync_log.append(
            s, at=at, event="sync", status="ok", counts={"sent": 37, "accepted": 37}
        )
    )
    lines = run_db(lambda s: sync_log.entries(s))
    assert [(e.status, e.repeat) for e in lines] == [("ok", 1), ("offline", 5)]
    summary = run_db(sync_log.summary)
    assert (summary.sent, summary.received, summary.failed) == (37, 37, 0)


def test_an_edit_during_a_send_that_comes_back_invalid_reuses_the_number(
    enrolled_store, run_db
) -> None:
    saved = save_prospect(enrolled_store, 1)
    batch = _next(run_db)
    save_prospect(enrolled_store, 1, prospect_id=saved.id, full_name="NAMA DIPERBAIKI")
    results = []
    for row in batch.rows:
        item = {
            "id": str(row.record_id),
            "revision": row.revision,
            "status": "accepted",
            "review_state": "received",
        }
        if row.record_id == saved.id:
            item = {
                "id": str(row.record_id),
                "revision": 1,
                "status": "invalid",
                "errors": [{"field": "payload.nik", "code": "nik-date"}],
            }
        results.append(item)
    response = protocol.PushResponse.model_validate(
        {"batch_id": str(batch.batch_id), "results": results}
    )
    run_db(lambda s: outbox.apply_response(s, batch=batch, response=response))
    # revision 1 was not consumed on the server: the queued fix is revision 1 again (base 0)
    with enrolled_store.read_scope() as session:
        live = outbox_repo.live_rows_for(session, record_id=saved.id)
    assert [(r.revision, r.base_revision) for r in live] == [(1, 0)]
    change = json.loads(live[0].body)
    assert (change["revision"], change["base_revision"]) == (1, 0)
    assert change["payload"]["full_name"] == "NAMA DIPERBAIKI"
    assert _prospect(enrolled_store, saved.id).revision == 1


@pytest.mark.parametrize("deleted", [False, True])
def test_identity_spliced_into_an_envelope_saved_before_enrollment_is_canonical(deleted) -> None:
    from datetime import UTC, datetime

    from models.services.changes import change_body
    from models.services.context import AgentContext
    from tests.sync.factories import prospect_payload

    payload = protocol.ProspectPayload.model_validate(prospect_payload(3)).wire()
    payload["full_name"] = 'A,"entity_type":"x" \u00e9'  # quotes inside values are escaped
    body = change_body(
        record_id=uuid.uuid4(),
        entity_type="prospect",
        revision=2,
        base_revision=1,
        payload=payload,
        deleted=deleted,
        updated_at=datetime(2026, 3, 1, tzinfo=UTC),
        agent=AgentContext(username="agen"),
    )
    assert b'"agent_id"' not in body and b'"device_id"' not in body
    spliced = outbox._with_identity(body, IDENTITY, schema_current=protocol.SCHEMA_CURRENT)
    expected = json.loads(body) | {"agent_id": str(AGENT_ID), "device_id": str(DEVICE_ID)}
    assert spliced == protocol.canonical_json(expected)


def test_next_batch_frozen_while_the_previous_one_is_out(enrolled_store, run_db) -> None:
    pid = save_prospect(enrolled_store, 1).id  # the prospect and its consent
    bulk_queue(enrolled_store, range(2, 30))
    first = _next(run_db, max_changes=10)
    assert pid in [r.record_id for r in first.rows]
    save_prospect(enrolled_store, 1, prospect_id=pid)  # revision 2 queued while 1 is out
    following = _next(run_db, max_changes=10, after=first)
    assert following is not None and not following.resend and len(following) == 10
    sent = [r.record_id for r in following.rows]
    assert pid not in sent  # revision 2 waits until revision 1's answer is applied
    assert not set(sent) & {r.record_id for r in first.rows}
    assert _next(run_db, after=first) is None  # another batch is frozen: the ordinary way
    again = _next(run_db)
    assert again.resend and again.batch_id == first.batch_id  # the oldest frozen batch first
    run_db(lambda s: outbox.apply_response(s, batch=first, response=_results(first)))
    run_db(lambda s: outbox.apply_response(s, batch=following, response=_results(following)))
    rest = _next(run_db)
    assert [r.revision for r in rest.rows if r.record_id == pid] == [2]
