"""T7: fifty laptops syncing at once; every push is sent several times concurrently and a fifth
of the acknowledgements are dropped. Oracle per laptop; no real 5xx from the server.

Runs on PostgreSQL (marker ``postgres``) and SQLite. ``JANGKAU_QUICK=1`` shrinks it locally.
"""

from __future__ import annotations

import os
import random
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.sync.factories import bulk_queue, make_store
from tests.sync.faultproxy import Fault, FaultProxy
from tests.sync.harness import Device, Ledger, LiveServer, check_oracle, count, saves_of

QUICK = os.environ.get("JANGKAU_QUICK") == "1"
DEVICES = 10 if QUICK else 50
RECORDS = 40 if QUICK else 120


def run_fleet(server: LiveServer, folder: Path, *, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    lock = threading.Lock()

    def chooser(method: str, path: str) -> Fault:
        if method == "POST" and path.endswith("/sync/push"):
            with lock:
                return Fault.DROP_AFTER if rng.random() < 0.2 else Fault.DUPLICATE
        return Fault.PASS

    laptops = []
    with FaultProxy(server.address, seed=seed, duplicate_copies=4, chooser=chooser) as proxy:
        for i in range(DEVICES):
            agent = server.create_agent(f"agenfleet{seed}x{i}")
            device_id, token = server.register_device(agent)
            db = make_store(folder / f"laptop{i}.db")
            device = Device(db, server_url=server.url, via=proxy.url, timeout=(2.0, 20.0))
            device.adopt(device_id=device_id, agent_id=agent, token=token)
            ledger = Ledger(folder / f"ledger{i}.jsonl")
            ids = bulk_queue(db, range(i * 10_000, i * 10_000 + RECORDS))
            ledger.record(saves_of(db, ids))
            laptops.append((agent, device, ledger))
        errors: list[BaseException] = []
        start = threading.Barrier(DEVICES)

        def work(device: Device) -> None:
            try:
                start.wait(60)
                device.sync_until_quiet(max_cycles=60)
            except BaseException as exc:  # noqa: BLE001 - reported by the main thread
                errors.append(exc)

        began = time.perf_counter()
        threads = [threading.Thread(target=work, args=(d,), daemon=True) for _, d, _ in laptops]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(300)
        elapsed = time.perf_counter() - began
        if errors:
            raise errors[0]
        faults, counts, real_5xx = proxy.total_faults, dict(proxy.counts), proxy.upstream_5xx
    records = 0
    for agent, device, ledger in laptops:
        report = check_oracle(server, agent_id=agent, db=device.db, ledger=ledger)
        report.assert_ok()
        records += report.records
        device.close()
        device.db.close()
    assert real_5xx == 0, f"{real_5xx} real 5xx answers from the server"
    return {
        "records": records,
        "faults": faults,
        "duplicated_pushes": counts.get("duplicate", 0),
        "dropped_acks": counts.get("drop_after", 0),
        "seconds": int(elapsed),
    }


@pytest.mark.slow
@pytest.mark.timeout(600)
@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_fifty_laptops_at_once(backend: str, tmp_path: Path, request) -> None:
    pg_url = request.getfixturevalue("pg_url") if backend == "postgres" else None
    with LiveServer(tmp_path, pg_url=pg_url, process=True) as server:
        stats = run_fleet(server, tmp_path, seed=31 if backend == "sqlite" else 37)
    count(injected_faults=stats["faults"])
    sys.stderr.write(
        f"\n[sync fleet/{backend}] {DEVICES} laptops, {stats['records']} records in {stats['seconds']} s; "
        f"{stats['faults']} faults ({stats['duplicated_pushes']} pushes sent 5x at once, "
        f"{stats['dropped_acks']} acks dropped); 0 lost, 0 duplicated, 0 server 5xx\n"
    )
    assert stats["records"] == DEVICES * RECORDS
