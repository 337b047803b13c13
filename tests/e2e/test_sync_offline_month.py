"""A laptop offline for 30 days with 5,000 records, then reconnecting (with a wrong clock).

The laptop's clock runs 30 days ahead of the server's, its device token is due for rotation,
and nothing has been sent for a month. One sync cycle must empty the outbox in batches, pull
the echoes, rotate the token, flag the clock and lose nothing (oracle). Server order never
depends on the laptop's clock: the feed cursor keeps moving forward.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from models.repositories import sync_state as sync_state_repo
from sync.connectivity import CLOCK_SKEW_WARN_S
from sync.engine import SyncStatus
from tests.sync.factories import bulk_queue, make_store
from tests.sync.harness import Device, Ledger, LiveServer, check_oracle, saves_of

QUICK = os.environ.get("JANGKAU_QUICK") == "1"
RECORDS = 500 if QUICK else 5000


@pytest.mark.slow
@pytest.mark.timeout(420)
@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_thirty_days_offline_then_one_sync(backend: str, tmp_path: Path, request) -> None:
    pg_url = request.getfixturevalue("pg_url") if backend == "postgres" else None
    skew = timedelta(days=30)

    def laptop_clock() -> datetime:
        return datetime.now(UTC) + skew

    with LiveServer(tmp_path, pg_url=pg_url, process=True) as server:
        agent = server.create_agent(f"agenoffline{backend}")
        device_id, token = server.register_device(agent)
        db = make_store(tmp_path / "laptop.db")
        device = Device(db, server_url=server.url, clock=laptop_clock, timeout=(5.0, 60.0))
        device.adopt(device_id=device_id, agent_id=agent, token=token)
        device.run_db(
            lambda s: sync_state_repo.update(
                s, token_rotate_after=datetime.now(UTC) - timedelta(days=1)
            )
        )
        ledger = Ledger(tmp_path / "ledger.jsonl")
        for start in range(0, RECORDS, 1000):  # a month of field days
            ids = bulk_queue(db, range(start, min(RECORDS, start + 1000)))
            ledger.record(saves_of(db, ids))
        began = time.perf_counter()
        result = device.cycle()
        elapsed = time.perf_counter() - began
        assert result.status == SyncStatus.OK, result
        assert result.accepted == RECORDS and result.unsent == 0 and result.pulled >= RECORDS
        assert result.clock_offset_s < -CLOCK_SKEW_WARN_S  # "Jam laptop salah" is shown
        with db.read_scope() as session:
            state = sync_state_repo.get(session)
            assert state.device_token != token  # rotated: due by the server's clock
            assert int(state.pull_cursor) == state.last_pulled_seq
        report = check_oracle(server, agent_id=agent, db=db, ledger=ledger)
        report.assert_ok()
        device.close()
        db.close()
    sys.stderr.write(
        f"\n[sync offline 30 days/{backend}] {RECORDS} records sent in one cycle of {result.batches} "
        f"batches, {elapsed:.1f} s; clock offset {result.clock_offset_s / 86400:.0f} days flagged; "
        f"token rotated; 0 lost, 0 duplicated\n"
    )
