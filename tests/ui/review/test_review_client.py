"""ReviewClient against the real server on loopback (SYNC_PROTOCOL.md §4.4, §4.9, §4.10)."""

from __future__ import annotations

import threading
import uuid

import pytest
import uuid6

from core.errors import Cancelled
from sync.errors import AuthError, OfflineError, RequestRejected
from sync.review_client import ExportProgress, ReviewClient
from sync.review_schemas import (
    BatchFilters,
    DecisionDraft,
    ExportRequest,
    RecordFilters,
)
from tests.ui.review.support import SERVER_PASSWORD, ReviewWorld


def _draft(revision: int = 1, outcome: str = "approve", **kw) -> DecisionDraft:
    return DecisionDraft(decision_id=uuid6.uuid7(), record_revision=revision, outcome=outcome, **kw)


def test_sign_in_keeps_the_token_in_memory_and_refuses_wrong_passwords_and_agents(
    world: ReviewWorld,
):
    client = ReviewClient(world.server.url)
    with pytest.raises(AuthError) as wrong:
        client.login(world.supervisor, "salah-sekali-123")
    assert wrong.value.code == "invalid-credentials"
    agent = world.agent("a")
    with pytest.raises(AuthError) as not_spv:
        client.login(agent.username, SERVER_PASSWORD)
    assert not_spv.value.code == "role-not-permitted"
    session = client.login(world.supervisor, SERVER_PASSWORD)
    assert session.user.areas == [world.village]
    assert session.token.startswith("jks_")
    assert session.token not in repr(session)
    client.logout()
    assert client.token is None and client.session is None
    with pytest.raises(AuthError) as after:
        client.all_batches()
    assert after.value.code == "unauthenticated"


def test_queue_records_detail_and_an_idempotent_decision(world: ReviewWorld):
    ids = world.capture("a", 3)
    world.capture("b", 1)
    world.sync("a")
    world.sync("b")
    client = world.client()
    batches = client.all_batches()
    assert sorted(b.total for b in batches) == [1, 3]
    assert all(b.pending == b.total for b in batches)
    of_a = next(b for b in batches if b.total == 3)
    records = client.records(RecordFilters(batch=of_a.key)).records
    assert {r.id for r in records} == set(ids)
    assert all(r.clean for r in records)
    detail = client.record(ids[0])
    assert detail.record.payload["nik"].startswith(world.village[:8].replace(".", ""))
    assert {"approve", "return", "reject"} <= set(detail.actions)

    draft = _draft()
    first = client.decide(ids[0], draft)
    again = client.decide(ids[0], draft)  # a lost reply retried: the stored decision
    assert again.id == first.id == draft.decision_id and first.outcome == "approve"
    with pytest.raises(RequestRejected) as twice:
        client.decide(ids[0], _draft())
    assert twice.value.code == "invalid-transition" and twice.value.status == 409
    with pytest.raises(RequestRejected) as stale:
        client.decide(ids[1], _draft(revision=2))
    assert stale.value.code == "stale-revision"

    undone = client.undo(first.id)
    assert undone.undone_at is not None
    assert client.record(ids[0]).record.review_state == "received"
    results = client.decide_bulk([(rid, _draft()) for rid in ids])
    assert [r.status for r in results] == [201, 201, 201]
    filtered = client.all_batches(BatchFilters(state="approved"))
    assert [b.counts.approved for b in filtered] == [3]
    trail = client.audit(entity_id=ids[0])
    assert [e.action for e in trail] == [
        "push.change",
        "review.decide",
        "review.undo",
        "review.decide",
    ]


def test_export_streams_the_approved_records_and_cancel_leaves_no_file(world, tmp_path):
    ids = world.capture("a", 4)
    world.sync("a")
    client = world.client()
    client.decide_bulk([(rid, _draft()) for rid in ids[:3]])
    seen: list[ExportProgress] = []
    target = tmp_path / "out.csv"
    result = client.export(ExportRequest(fmt="csv"), target, progress=seen.append, chunk_size=256)
    text = target.read_text(encoding="utf-8-sig")
    lines = text.strip().splitlines()
    assert result.rows == 3 and len(lines) == 4  # header + the approved ones
    assert {str(i) for i in ids[:3]} == {line.split(",")[0] for line in lines[1:]}
    assert seen and seen[-1].rows_done == 3 and seen[-1].rows_total == 3
    assert seen[-1].bytes_written == result.bytes_written == target.stat().st_size
    assert not (tmp_path / "out.csv.part").exists()

    stop = threading.Event()
    stop.set()
    cancelled = tmp_path / "stopped.xlsx"
    with pytest.raises(Cancelled):
        client.export(ExportRequest(fmt="xlsx"), cancelled, cancel=stop)
    assert not cancelled.exists() and not (tmp_path / "stopped.xlsx.part").exists()


def test_a_dead_server_is_offline_not_an_answer(world: ReviewWorld):
    client = ReviewClient("http://127.0.0.1:9", timeout=(0.5, 0.5))
    with pytest.raises(OfflineError):
        client.login(world.supervisor, SERVER_PASSWORD)
    with pytest.raises(OfflineError):
        client.record(uuid.uuid4())
