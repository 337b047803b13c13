"""run_cycle against the real server on loopback: statuses, results, decisions, merges, tokens."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, timedelta

from models.prospect import Prospect
from models.repositories import outbox as outbox_repo
from models.repositories import sync_state as sync_state_repo
from models.services import prospects
from sync import enrollment, errors
from sync import log as sync_log
from sync.client import SyncClient
from sync.engine import SyncStatus, db_runner, load_scheduler_state, run_cycle
from tests.sync.factories import TODAY, agent_of, bulk_queue, make_store, save_prospect
from tests.sync.faultproxy import Fault, FaultProxy
from tests.sync.harness import SERVER_PASSWORD


def _row(db, pid: uuid.UUID) -> Prospect:
    with db.read_scope() as session:
        row = session.get(Prospect, pid)
        session.expunge(row)
        return row


def test_a_cycle_sends_everything_and_reports_it(new_device, live_server) -> None:
    device = new_device()
    saved = save_prospect(device.db, 1)
    ids = bulk_queue(device.db, range(2, 42))
    progress = []
    result = device.cycle(progress=progress.append)
    assert result.status == SyncStatus.OK, result.error
    assert (
        result.sent == 42 and result.accepted == 42 and result.failed == 0
    )  # 41 prospects + 1 consent
    assert result.unsent == 0 and abs(result.clock_offset_s) < 5
    assert {p.stage for p in progress} >= {"checking", "sending", "receiving"}
    assert set(ids) <= set(result.changed_ids)
    row = _row(device.db, saved.id)
    assert (row.badge, row.server_rev, row.review_state) == ("received", 1, "received")
    assert len(live_server.records_of(device.agent_id)) == 42
    with device.db.read_scope() as session:
        summary = sync_log.summary(session)
        assert (summary.sent, summary.received, summary.failed) == (42, 42, 0)
        assert summary.last_success is not None
        assert "sync ok" in sync_log.support_text(session)
        assert "3375" not in sync_log.support_text(session)  # no NIK in the log
    again = device.cycle()
    assert again.status == SyncStatus.OK and again.sent == 0 and again.pulled == 0


def test_enrollment_with_a_code_then_sync(live_server, tmp_path) -> None:
    agent = live_server.create_agent(f"agen{uuid.uuid4().hex[:8]}")
    code = live_server.enrollment_code(agent)
    db = make_store(tmp_path / "enroll.db")
    run_db = db_runner(db)
    saved = save_prospect(db, 5)  # saved before enrollment: no identity in the envelope yet
    assert enrollment.client_for_store(run_db) is None
    assert run_cycle(SyncClient(live_server.url), run_db).status == SyncStatus.NOT_ENROLLED
    try:
        enrollment.enroll(
            run_db,
            server_url=live_server.url + "/",
            code="WRONG000",
            username="nobody",
            password=SERVER_PASSWORD,
            device_name="PKL-07",
        )
    except errors.AuthError as exc:
        assert exc.code == "invalid-credentials"
    else:
        raise AssertionError("a wrong code must be refused")
    with db.read_scope() as session:
        assert sync_state_repo.get(session).device_token is None
    username = _username(live_server, agent)
    result = enrollment.enroll(
        run_db,
        server_url=live_server.url,
        code=code.lower(),
        username=username,
        password=SERVER_PASSWORD,
        device_name="PKL-07",
    )
    assert result.agent.id == agent
    with db.read_scope() as session:
        state = sync_state_repo.get(session)
        assert state.device_token.startswith("jkd_") and state.agent_id == agent
        assert state.server_url == live_server.url
    client = enrollment.client_for_store(run_db, timeout=(1.0, 2.0))
    outcome = run_cycle(client, run_db)
    assert outcome.status == SyncStatus.OK and outcome.accepted == 2
    assert saved.id in live_server.records_of(agent)
    client.close()
    db.close()


def _username(live_server, agent_id: uuid.UUID) -> str:
    from server.models.identity import User

    with live_server.database.read() as session:
        return session.get(User, agent_id).username


def test_revoked_device_stops_and_keeps_its_data(new_device, live_server) -> None:
    device = new_device()
    bulk_queue(device.db, range(3))
    live_server.revoke(device.device_id)
    result = device.cycle()
    assert result.status == SyncStatus.REVOKED and result.error.code == "device-revoked"
    assert result.unsent == 3  # nothing lost
    again = device.cycle()  # no network at all now
    assert again.status == SyncStatus.REVOKED and again.error is None
    assert load_scheduler_state(device.run_db).halted == "device-revoked"


def test_captive_portal_rate_limit_and_5xx_are_never_acks(new_device, live_server) -> None:
    with FaultProxy(live_server.address, seed=3, retry_after=7) as proxy:
        proxy.quiet()
        device = new_device(via=proxy.url)
        bulk_queue(device.db, range(5))
        for fault, status in (
            (Fault.CAPTIVE_PORTAL, SyncStatus.CAPTIVE_PORTAL),
            (Fault.RATE_LIMIT, SyncStatus.RATE_LIMITED),
            (Fault.ERROR_5XX, SyncStatus.OFFLINE),
            (Fault.DROP_AFTER, SyncStatus.OFFLINE),
        ):
            proxy.script.extend([Fault.PASS, fault])  # health passes, the push meets the fault
            result = device.cycle()
            assert result.status == status, (fault, result)
            assert result.accepted == 0
            if fault == Fault.RATE_LIMIT:
                assert result.retry_after == 7
        with device.db.read_scope() as session:
            assert outbox_repo.counts(session).frozen == 5  # still waiting, same frozen batch
            assert sync_state_repo.get(session).attempt == 4  # persisted backoff count
        result = device.cycle()
        # the dropped ack was committed on the server: the resend comes back duplicate
        assert result.status == SyncStatus.OK and result.duplicate == 5 and result.accepted == 0
        assert load_scheduler_state(device.run_db).attempt == 0


def test_outdated_client_pushes_but_does_not_pull(new_device, live_server) -> None:
    device = new_device()
    bulk_queue(device.db, range(2))
    device.client.client_version = "0.0.1"
    live_settings = live_server.handle.settings
    assert live_settings.min_client_version == "0.1.0"
    result = device.cycle()
    assert result.status == SyncStatus.TOO_OLD
    assert result.error.code == "client-too-old" and result.error.min_version == "0.1.0"
    assert result.accepted == 2 and result.pulled == 0  # "please update", no loss


def test_one_cycle_at_a_time_per_store(new_device) -> None:
    device = new_device()
    bulk_queue(device.db, range(5))
    inside, release = threading.Event(), threading.Event()
    results = []

    def hold(_p) -> None:  # the first cycle waits inside its first step until told to go on
        inside.set()
        release.wait(10)

    worker = threading.Thread(target=lambda: results.append(device.cycle(progress=hold)))
    worker.start()
    assert inside.wait(10)
    other = SyncClient(device.server_url, token=device.client.token)
    assert run_cycle(other, device.run_db).status == SyncStatus.BUSY
    release.set()
    worker.join(30)
    assert results[0].status == SyncStatus.OK and results[0].accepted == 5
    other.close()


def test_token_rotation_stores_the_new_token_first(new_device) -> None:
    device = new_device()
    old = device.client.token
    device.run_db(
        lambda s: sync_state_repo.update(
            s, token_rotate_after=datetime.now(UTC) - timedelta(days=1)
        )
    )
    assert device.cycle().status == SyncStatus.OK
    with device.db.read_scope() as session:
        state = sync_state_repo.get(session)
        assert state.device_token != old and state.device_token == device.client.token
        assert state.rotation_id is None and state.next_token is None
        assert state.token_rotate_after > datetime.now(UTC) + timedelta(days=20)
    assert device.cycle().status == SyncStatus.OK  # the new token works


def test_expired_cursor_repulls_from_the_start_without_touching_the_outbox(new_device) -> None:
    device = new_device()
    bulk_queue(device.db, range(3))
    assert device.cycle().status == SyncStatus.OK
    device.run_db(lambda s: sync_state_repo.update(s, pull_cursor="999999999"))
    result = device.cycle()
    assert result.status == SyncStatus.OK and result.pulled >= 3


def test_supervisor_return_while_the_agent_edits(new_device, live_server) -> None:
    """SYNC §9: a record edited on the laptop while the supervisor returns it. The decide API
    is a later task, so the decision goes in through the server's own models and feed
    (``LiveServer.decide``)."""
    device = new_device()
    supervisor = live_server.create_supervisor(f"spv{uuid.uuid4().hex[:8]}")
    saved = save_prospect(device.db, 9)
    assert device.cycle().status == SyncStatus.OK
    # The agent fixes the address offline while the supervisor returns revision 1.
    again = prospects.save(
        device.db,
        prospect_id=saved.id,
        payload={**_row(device.db, saved.id).payload, "mother_maiden_name": "SITI ROHMAH"},
        submit=True,
        agent=agent_of(device.db),
        today=TODAY,
    )
    assert again.revision == 2
    live_server.decide(
        record_id=saved.id,
        revision=1,
        outcome="return",
        supervisor_id=supervisor,
        note="Nama ibu kandung tidak terbaca.",
        field_notes={"mother_maiden_name": "Cek KTP/KK"},
    )
    result = device.cycle()
    assert result.status == SyncStatus.OK and result.accepted == 1
    row = _row(device.db, saved.id)
    server = live_server.records_of(device.agent_id)[saved.id]
    assert server[0] == 2 and row.server_rev == 2 and row.revision == 2
    assert row.payload["mother_maiden_name"] == "SITI ROHMAH"
    # revision 2 answers the return: the record is back in review, nothing was lost
    assert row.review_state == "received" and row.badge in ("resent", "received")
    with device.db.read_scope() as session:
        assert prospects.snapshot(session, prospect_id=saved.id).latest_decision.outcome == "return"


def test_return_decision_reaches_the_agent(new_device, live_server) -> None:
    device = new_device()
    supervisor = live_server.create_supervisor(f"spv{uuid.uuid4().hex[:8]}")
    saved = save_prospect(device.db, 11)
    assert device.cycle().status == SyncStatus.OK
    live_server.decide(
        record_id=saved.id,
        revision=1,
        outcome="return",
        supervisor_id=supervisor,
        note="Foto KTP buram.",
        field_notes={"nik": "Cek KTP"},
    )
    result = device.cycle()
    assert saved.id in result.changed_ids
    row = _row(device.db, saved.id)
    assert (row.badge, row.field_notes) == ("returned", {"nik": "Cek KTP"})
    fixed = prospects.save(
        device.db,
        prospect_id=saved.id,
        payload=dict(row.payload),
        submit=True,
        agent=agent_of(device.db),
        today=TODAY,
    )
    assert fixed.revision == 2
    assert device.cycle().status == SyncStatus.OK
    row = _row(device.db, saved.id)
    assert row.badge == "resent" and row.review_state == "received" and row.field_notes == {}


def test_rotation_follows_the_server_clock_not_the_laptop(new_device) -> None:
    ahead = timedelta(days=40)
    device = new_device(clock=lambda: datetime.now(UTC) + ahead)
    old = device.client.token
    device.run_db(
        lambda s: sync_state_repo.update(
            s, token_rotate_after=datetime.now(UTC) + timedelta(days=10)
        )
    )
    result = device.cycle()
    assert result.status == SyncStatus.OK and result.clock_offset_s < -39 * 86400
    assert device.client.token == old  # not due on the server's clock


def test_an_approved_record_edited_offline_is_a_conflict_and_kept(new_device, live_server) -> None:
    """record-locked (SYNC §4.6): the approval wins on the server, the laptop keeps the edit
    with the badge *Konflik* until a supervisor reopens it; nothing is lost or overwritten."""
    device = new_device()
    supervisor = live_server.create_supervisor(f"spv{uuid.uuid4().hex[:8]}")
    saved = save_prospect(device.db, 13)
    assert device.cycle().status == SyncStatus.OK
    live_server.decide(record_id=saved.id, revision=1, outcome="approve", supervisor_id=supervisor)
    edited = {**_row(device.db, saved.id).payload, "address_line": "JL. SESUDAH DISETUJUI 1"}
    prospects.save(
        device.db,
        prospect_id=saved.id,
        payload=edited,
        submit=True,
        agent=agent_of(device.db),
        today=TODAY,
    )
    result = device.cycle()
    assert result.status == SyncStatus.OK and result.conflicts == 1
    row = _row(device.db, saved.id)
    assert row.badge == "conflict" and row.review_state == "approved"
    assert row.payload["address_line"] == "JL. SESUDAH DISETUJUI 1"  # the agent's edit is kept
    assert row.server_errors[0]["code"] == "record-locked"
    server = live_server.records_of(device.agent_id)[saved.id]
    assert server[0] == 1  # the approved revision stands
    assert device.cycle().status == SyncStatus.OK  # and nothing is resent in a loop
    with device.db.read_scope() as session:
        assert outbox_repo.unsent_count(session) == 0
