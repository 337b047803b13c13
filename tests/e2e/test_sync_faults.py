"""T3/T4: thousands of injected network faults between a laptop and the real server.

A seeded fault proxy (tests/sync/faultproxy.py) sits between one device and the server and
breaks exchanges in every way it knows (drops before and after the server commits, cut and reset
replies, synthetic 5xx/429, captive-portal pages, duplicated requests, delays, black holes).
Meanwhile the agent keeps saving and editing, and a supervisor keeps deciding. When the faults
stop, the outbox must drain within 3 cycles (G7) and the oracle must hold: 0 lost, 0 duplicated,
same hashes on both sides, every decision on the laptop, an empty outbox and a sound store.

Runs on SQLite and (marker ``postgres``) PostgreSQL; ``JANGKAU_QUICK=1`` shrinks the fault count
for local runs only. The counts are printed.
"""

from __future__ import annotations

import os
import random
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from models.prospect import Prospect
from models.services import prospects
from sync.engine import SyncStatus
from tests.sync.factories import TODAY, agent_of, bulk_queue, consent_for, make_store
from tests.sync.faultproxy import Fault, FaultProxy
from tests.sync.harness import Device, Ledger, LiveServer, check_oracle, count, saves_of

QUICK = os.environ.get("JANGKAU_QUICK") == "1"
# This scenario alone injects ≥ 10,000 faults when both databases run (SYNC §9 T4); the SIGKILL
# and fleet scenarios add ~900 more. (6,000 + 3,000 relied on those and came to 9,878-9,939.)
# JANGKAU_SYNC_FAULTS_SCALE scales a run up (or JANGKAU_QUICK=1 down, for local runs only).
_SCALE = float(os.environ.get("JANGKAU_SYNC_FAULTS_SCALE", "1"))
FAULTS = {
    "sqlite": int((600 if QUICK else 6500) * _SCALE),
    "postgres": int((300 if QUICK else 3500) * _SCALE),
}
# SYNC §9 T4's menu: about half of the injected faults break the exchange (the cycle ends and
# the frozen batch is resent later), the rest slow, slice, duplicate or re-connect it.
WEIGHTS = {
    Fault.PASS: 20,
    Fault.DELAY: 8,
    Fault.SLICE: 12,
    Fault.IDLE_CLOSE: 8,
    Fault.DUPLICATE: 6,
    Fault.DROP_BEFORE: 10,
    Fault.DROP_AFTER: 10,
    Fault.TRUNCATE: 7,
    Fault.RESET: 7,
    Fault.ERROR_5XX: 7,
    Fault.RATE_LIMIT: 3,
    Fault.CAPTIVE_PORTAL: 3,
    Fault.BLACKHOLE: 0.15,
}


def _edit(device: Device, ledger: Ledger, rng: random.Random) -> None:
    """The agent corrects a record that is not read-only (a new revision, or the pending one
    replaced), through the real save service."""
    with device.db.read_scope() as session:
        candidates = [
            pid
            for pid, badge in session.query(Prospect.id, Prospect.badge)
            if badge not in ("approved", "rejected", "withdrawn", "draft")
        ]
    if not candidates:
        return
    pid = rng.choice(candidates)
    snap = prospects.load(device.db, prospect_id=pid)
    payload = {**snap.payload, "address_line": f"JL. KOREKSI {rng.randrange(10_000)}"}
    prospects.save(
        device.db,
        prospect_id=pid,
        payload=payload,
        submit=True,
        agent=agent_of(device.db),
        today=TODAY,
        consent=consent_for(pid) if snap.consent is None else None,
    )
    ledger.record(saves_of(device.db, [pid]))


def _decide(server: LiveServer, device: Device, supervisor, rng: random.Random) -> None:
    """The supervisor decides a record whose current revision sits on the server."""
    states = server.review_states(device.agent_id)
    records = server.records_of(device.agent_id)
    open_ones = [
        rid
        for rid, state in states.items()
        if state == "received" and records[rid][2] == "prospect"
    ]
    if not open_ones:
        return
    rid = rng.choice(open_ones)
    # Only returns: an approval racing an agent edit is a legitimate "record-locked" conflict
    # for the agent to resolve (test_engine covers it), not something the oracle can settle.
    server.decide(
        record_id=rid,
        revision=records[rid][0],
        outcome="return",
        supervisor_id=supervisor,
        note="Periksa lagi alamat.",
        field_notes={"address_line": "Cek KK"},
    )


class _Laptop:
    """One agent's laptop in the fault run, with its own seeded proxy and ledger."""

    def __init__(self, server: LiveServer, folder: Path, *, seed: int) -> None:
        self.rng = random.Random(seed)
        self.server = server
        self.agent = server.create_agent(f"agenfault{seed}")
        self.supervisor = server.create_supervisor(f"spvfault{seed}")
        device_id, token = server.register_device(self.agent)
        self.ledger = Ledger(folder / f"ledger-{seed}.jsonl")
        self.db = make_store(folder / f"laptop-{seed}.db")
        self.proxy = FaultProxy(server.address, seed=seed, weights=WEIGHTS, blackhole_s=0.5).start()
        self.device = Device(self.db, server_url=server.url, via=self.proxy.url, timeout=(0.5, 0.4))
        self.device.adopt(device_id=device_id, agent_id=self.agent, token=token)
        self.device.agent_id = self.agent
        self.index = seed * 100_000
        self.cycles = 0

    def round(self) -> None:
        rng = self.rng
        fresh = bulk_queue(self.db, range(self.index, self.index + rng.randint(1, 4)))
        self.index += len(fresh)
        self.ledger.record(saves_of(self.db, fresh))
        if rng.random() < 0.3:
            _edit(self.device, self.ledger, rng)
        if rng.random() < 0.2:
            _decide(self.server, self.device, self.supervisor, rng)
        for _ in range(rng.randint(2, 10)):  # a few tries, whether or not they succeed
            result = self.device.cycle()
            self.cycles += 1
            assert result.status.transient or result.status == SyncStatus.OK, result

    def heal_and_check(self) -> tuple[int, Any]:
        self.proxy.quiet()
        healed = self.device.sync_until_quiet(max_cycles=3)  # G7: drains within 3 cycles
        report = check_oracle(self.server, agent_id=self.agent, db=self.db, ledger=self.ledger)
        return healed, report

    def close(self) -> None:
        self.device.close()
        self.proxy.stop()
        self.db.close()


def run_fault_scenario(
    server: LiveServer,
    folder: Path,
    *,
    seed: int,
    target: int,
    laptops: int = 6,
    budget_s: float = 420.0,
) -> dict[str, int]:
    """``laptops`` agents sync at once (their waits overlap) until ``target`` faults were
    injected in total; then the network heals and the oracle runs for each of them."""
    fleet = [_Laptop(server, folder, seed=seed * 100 + i) for i in range(laptops)]
    errors: list[BaseException] = []
    stop = threading.Event()
    deadline = time.monotonic() + budget_s

    def injected() -> int:
        return sum(laptop.proxy.total_faults for laptop in fleet)

    def work(laptop: _Laptop) -> None:
        try:
            while injected() < target and not errors and not stop.is_set():
                if time.monotonic() > deadline:
                    stop.set()  # a slow machine: stop here; the count check below says so
                    break
                laptop.round()
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(laptop,), daemon=True) for laptop in fleet]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(budget_s + 120)
    stop.set()
    for thread in threads:
        thread.join(60)
    assert not any(t.is_alive() for t in threads), "a laptop thread did not stop"
    if errors:
        raise errors[0]
    totals: dict[str, int] = {"faults": injected(), "cycles": 0, "healed_in": 0}
    totals.update(records=0, revisions=0, decisions=0)
    kinds: dict[str, int] = {}
    try:
        for laptop in fleet:
            healed, report = laptop.heal_and_check()
            report.assert_ok()
            assert report.records > 0
            totals["healed_in"] = max(totals["healed_in"], healed)
            totals["cycles"] += laptop.cycles
            totals["records"] += report.records
            totals["revisions"] += report.revisions
            totals["decisions"] += report.decisions
            for kind, n in laptop.proxy.counts.items():
                kinds[kind] = kinds.get(kind, 0) + n
    finally:
        for laptop in fleet:
            laptop.close()
    assert totals["decisions"] > 0
    totals.update({f"fault_{k}": v for k, v in sorted(kinds.items())})
    return totals


@pytest.mark.slow
@pytest.mark.timeout(600)
@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_faults_lose_and_duplicate_nothing(backend: str, tmp_path: Path, request) -> None:
    pg_url = request.getfixturevalue("pg_url") if backend == "postgres" else None
    started = time.perf_counter()
    with LiveServer(tmp_path, pg_url=pg_url, process=True) as server:
        stats = run_fault_scenario(
            server, tmp_path, seed=7 if backend == "sqlite" else 11, target=FAULTS[backend]
        )
    elapsed = time.perf_counter() - started
    count(injected_faults=stats["faults"])
    kinds = ", ".join(f"{k[6:]}={v}" for k, v in stats.items() if k.startswith("fault_"))
    sys.stderr.write(
        f"\n[sync faults/{backend}] {stats['faults']} injected faults in {stats['cycles']} cycles, "
        f"{elapsed:.0f} s; {stats['records']} records, {stats['revisions']} revisions, "
        f"{stats['decisions']} decisions; 0 lost, 0 duplicated; healed in {stats['healed_in']} "
        f"cycle(s) [{kinds}]\n"
    )
    assert stats["faults"] >= FAULTS[backend], "the time budget ran out before the fault target"
