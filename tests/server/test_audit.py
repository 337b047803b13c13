"""The audit log: every write, login and refusal; append-only; a hash chain that verifies."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from server.db import Database, upgrade
from server.models.audit import AuditEvent
from server.repositories.audit import AuditEntry
from server.services.audit import ChainReport, record, verify_chain
from tests.server import factories
from tests.server.conftest import Accounts, Devices, Live, server_settings


def events(live: Live, **where: object) -> list[AuditEvent]:
    with live.db.read() as session:
        stmt = sa.select(AuditEvent).order_by(AuditEvent.seq)
        for column, value in where.items():
            stmt = stmt.where(getattr(AuditEvent, column) == value)
        return list(session.scalars(stmt).all())


def test_writes_logins_and_refusals_are_audited(
    live: Live, devices: Devices, accounts: Accounts
) -> None:
    a1 = devices.a1
    good = a1.change()
    bad = a1.change(factories.prospect(nik="3375013102909901"))
    a1.push([good, bad])
    written = events(live, entity_id=good["id"])
    assert [(e.action, e.result, e.revision, e.device_id) for e in written] == [
        ("push.change", "accepted", 1, a1.device_id)
    ]
    assert written[0].actor_id == a1.agent_id and written[0].actor_role == "agent"
    refused = events(live, entity_id=bad["id"])
    assert [(e.action, e.result) for e in refused] == [("push.change", "invalid")]
    requests.post(
        live.api("/auth/login"),
        json={"username": accounts.spv2.username, "password": "nope-nope-nope"},
        timeout=30,
    )
    logins = events(live, action="login", actor_id=accounts.spv2.user_id)
    assert logins and logins[-1].result == "invalid-credentials"
    requests.get(
        live.api("/sync/changes"), headers={"Authorization": "Bearer jkd_forged"}, timeout=10
    )
    refusal = events(live, action="refusal")[-1]
    assert (refusal.result, refusal.entity_id) == ("unauthenticated", "GET /api/v1/sync/changes")


def test_the_audit_log_holds_no_personal_data(live: Live, devices: Devices) -> None:
    nik = factories.nik()
    change = devices.a1.change(factories.prospect(nik=nik, full_name="RAHASIA SEKALI"))
    devices.a1.push([change])
    with live.db.read() as session:
        rows = session.execute(sa.select(AuditEvent)).scalars().all()
    text = repr([(r.entity_id, r.detail, r.result, r.action) for r in rows])
    assert nik not in text and "RAHASIA" not in text


def test_the_hash_chain_verifies_and_catches_tampering(live: Live, devices: Devices) -> None:
    devices.a1.push([devices.a1.change() for _ in range(3)])
    report = verify_chain(live.db)
    assert report.ok, report
    assert report.rows == len(events(live))


def test_audit_rows_cannot_be_changed_or_deleted(live: Live) -> None:
    with pytest.raises(DBAPIError, match="append-only"):
        with live.db.write() as session:
            session.execute(
                sa.update(AuditEvent).where(AuditEvent.seq == 1).values(result="forged")
            )
    with pytest.raises(DBAPIError, match="append-only"):
        with live.db.write() as session:
            session.execute(sa.delete(AuditEvent).where(AuditEvent.seq == 1))
    assert verify_chain(live.db).ok


def test_concurrent_writers_keep_one_chain(live: Live, devices: Devices) -> None:
    """Pushes from three devices at once: seqs are gap-free and every hash follows its parent."""

    def work(device: object) -> None:
        for _ in range(5):
            device.push([device.change() for _ in range(4)])  # type: ignore[attr-defined]

    threads = [
        threading.Thread(target=work, args=(d,)) for d in (devices.a1, devices.a2, devices.a3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    report = verify_chain(live.db)
    assert report.ok, report
    seqs = [e.seq for e in events(live)]
    assert seqs == list(range(1, len(seqs) + 1))


def test_a_forged_or_edited_row_breaks_verification(tmp_path: Path) -> None:
    """Triggers stop UPDATE and DELETE; the chain catches what they cannot: a row appended by
    someone with INSERT rights, or a database file edited with the triggers dropped."""
    settings = server_settings(db_url=f"sqlite:///{tmp_path / 'audit.sqlite3'}")
    upgrade(settings)
    database = Database(settings)
    try:
        now = datetime.now(UTC)
        record(
            database, [AuditEntry("login", "ok", actor_id=uuid.uuid4()) for _ in range(3)], now=now
        )
        assert verify_chain(database) == ChainReport(True, 3)
        with database.write() as session:
            session.execute(
                sa.insert(AuditEvent).values(
                    seq=4, at=now, action="login", result="ok", hash="f" * 64, actor_id=uuid.uuid4()
                )
            )
        assert verify_chain(database) == ChainReport(False, 3, 4)
        with database.write() as session:
            session.execute(sa.text("DROP TRIGGER audit_events_no_delete"))
            session.execute(sa.text("DROP TRIGGER audit_events_no_update"))
            session.execute(sa.delete(AuditEvent).where(AuditEvent.seq == 4))
            session.execute(
                sa.update(AuditEvent).where(AuditEvent.seq == 2).values(result="failed")
            )
        assert verify_chain(database) == ChainReport(False, 1, 2)
    finally:
        database.dispose()
