"""T5: the laptop's sync process killed with SIGKILL at random points, hundreds of times.

Children forked from a pre-imported zygote (tests/e2e/sync_kill_worker.py) save, edit and sync
one encrypted store through a fault proxy; the test kills each one after a random delay, wherever
it is: mid-save, mid-freeze, with a push on the wire, while applying results, mid-page, while
writing the outcome. Then the network heals and one clean sync runs. The oracle: every reported
save is on the server; the server holds exactly the store's last saved version of every record
(a save cut by the kill before it was reported may or may not exist, but then on both sides);
one row per (id, revision); empty outbox; ``PRAGMA integrity_check`` = ok.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select, text

from models.outbox import OutboxEntry
from models.repositories import outbox as outbox_repo
from tests.sync.factories import make_store
from tests.sync.faultproxy import Fault, FaultProxy
from tests.sync.harness import Device, LiveServer, count

QUICK = os.environ.get("JANGKAU_QUICK") == "1"
KILLS = {"sqlite": 60 if QUICK else 350, "postgres": 40 if QUICK else 200}  # ≥ 500 in the suite
PROXY_WEIGHTS = {
    Fault.PASS: 70,
    Fault.DROP_AFTER: 8,
    Fault.DROP_BEFORE: 6,
    Fault.RESET: 6,
    Fault.ERROR_5XX: 6,
    Fault.DUPLICATE: 6,
    Fault.SLICE: 6,
    Fault.DELAY: 4,
}


class _Zygote:
    def __init__(self, config: dict) -> None:
        root = Path(__file__).resolve().parents[2]
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.e2e.sync_kill_worker", json.dumps(config)],
            cwd=root,
            env={**os.environ, "PYTHONPATH": str(root)},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, line: str) -> str:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def close(self) -> None:
        try:
            self.ask("quit")
        except (BrokenPipeError, OSError):
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _read(path: Path) -> list[dict]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text().splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            continue  # a torn last line: that write was never reported
    return out


def _store_versions(db) -> dict[uuid.UUID, tuple[int, str]]:
    """Each record's last saved (revision, hash), from the outbox (what the laptop holds)."""
    newest: dict[uuid.UUID, tuple[int, str]] = {}
    with db.read_scope() as session:
        rows = session.execute(
            select(OutboxEntry.record_id, OutboxEntry.revision, OutboxEntry.body).order_by(
                OutboxEntry.seq
            )
        )
        for record_id, revision, body in rows:
            newest[record_id] = (revision, json.loads(body)["payload_hash"])
    return newest


def run_kill_scenario(server: LiveServer, folder: Path, *, seed: int, kills: int) -> dict[str, int]:
    rng = random.Random(seed)
    agent = server.create_agent(f"agenkill{seed}")
    device_id, token = server.register_device(agent)
    store_path = folder / "laptop.db"
    db = make_store(store_path)
    setup = Device(db, server_url=server.url)
    setup.adopt(device_id=device_id, agent_id=agent, token=token)
    setup.close()
    db.close()
    ledger, intents = folder / "ledger.jsonl", folder / "intents.jsonl"
    killed = exited = 0
    with FaultProxy(server.address, seed=seed, weights=PROXY_WEIGHTS) as proxy:
        zygote = _Zygote(
            {
                "store": str(store_path),
                "url": proxy.url,
                "ledger": str(ledger),
                "intents": str(intents),
            }
        )
        try:
            run = 0
            durations: list[float] = []
            while killed < kills:
                run += 1
                started = time.perf_counter()
                reply = zygote.ask(f"run {seed * 1_000_000 + run}")
                assert reply.startswith("pid "), reply
                pid = int(reply.split()[1])
                # The first runs finish undisturbed to learn how long a run takes; then each
                # child is killed at a uniformly random moment of about that span.
                if len(durations) >= 3:
                    recent = sorted(durations[-15:])
                    span = min(0.6, 1.2 * recent[len(recent) // 2])
                    time.sleep(rng.uniform(0.0, span))
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                status = int(zygote.ask(f"wait {pid}").split()[1])
                if status == -signal.SIGKILL:
                    killed += 1
                else:
                    assert status == 0, f"child {pid} failed (exit {status}); see stderr"
                    exited += 1
                    durations.append(time.perf_counter() - started)
        finally:
            zygote.close()
        faults = proxy.total_faults
        proxy.quiet()
        db = make_store_reopen(store_path)
        device = Device(db, server_url=server.url, via=proxy.url)
        healed = device.sync_until_quiet(max_cycles=3)
        device.close()
    problems = _oracle(server, agent, db, _read(ledger), _read(intents))
    with db.read_scope() as session:
        counts = outbox_repo.counts(session)
        integrity = session.execute(text("PRAGMA integrity_check")).scalar()
    db.close()
    if counts.unsent:
        problems.append(f"outbox not empty: {counts}")
    if integrity != "ok":
        problems.append(f"integrity_check: {integrity}")
    assert not problems, "\n".join(problems[:30])
    return {
        "kills": killed,
        "exited": exited,
        "faults": faults,
        "healed_in": healed,
        "records": len(server.records_of(agent)),
    }


def make_store_reopen(path: Path):
    from models.db import Database
    from tests.sync.factories import PASSWORD

    return Database.open(path, password=PASSWORD)


def _oracle(
    server: LiveServer, agent: uuid.UUID, db, ledger: list[dict], intents: list[dict]
) -> list[str]:
    problems: list[str] = []
    on_server = server.records_of(agent)
    local = _store_versions(db)
    reported: dict[uuid.UUID, dict[int, str]] = {}
    for item in ledger:
        reported.setdefault(uuid.UUID(item["id"]), {})[int(item["revision"])] = item["hash"]
    cut = {item["id"] for item in intents} - {item["id"] for item in ledger}
    lost = set(reported) - set(on_server)
    if lost:
        problems.append(f"{len(lost)} reported saves missing on the server")
    if set(on_server) != set(local):
        problems.append(
            f"server and laptop hold different records: {len(set(on_server) - set(local))} only on the "
            f"server, {len(set(local) - set(on_server))} only on the laptop"
        )
    for record_id, (revision, digest, _kind) in on_server.items():
        if record_id in local and local[record_id] != (revision, digest):
            problems.append(
                f"{record_id}: server r{revision} differs from the laptop's last save {local[record_id]}"
            )
        if record_id in reported:
            newest = max(reported[record_id])
            if revision < newest:
                problems.append(f"{record_id}: server r{revision} older than reported r{newest}")
        elif str(record_id) not in cut and not _is_consent_of_cut(record_id, db, cut):
            problems.append(f"{record_id}: on the server but never saved")
    revisions = server.revisions_of(agent)
    if len(revisions) != len({(r, v) for r, v, _ in revisions}):
        problems.append("an (id, revision) is stored twice")
    return problems


def _is_consent_of_cut(record_id: uuid.UUID, db, cut: set[str]) -> bool:
    """A consent written by an edit whose report the kill cut off."""
    from models.prospect import Prospect

    with db.read_scope() as session:
        owner = session.scalar(select(Prospect.id).where(Prospect.consent_id == record_id))
    return owner is not None and f"consent-of:{owner}" in cut


@pytest.mark.slow
@pytest.mark.timeout(420)
@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_sigkill_during_sync_loses_nothing(backend: str, tmp_path: Path, request) -> None:
    pg_url = request.getfixturevalue("pg_url") if backend == "postgres" else None
    started = time.perf_counter()
    with LiveServer(tmp_path, pg_url=pg_url, process=True) as server:
        stats = run_kill_scenario(
            server, tmp_path, seed=21 if backend == "sqlite" else 23, kills=KILLS[backend]
        )
    count(sigkills=stats["kills"], injected_faults=stats["faults"])
    sys.stderr.write(
        f"\n[sync kill -9/{backend}] {stats['kills']} SIGKILLs (+{stats['exited']} runs that finished), "
        f"{stats['faults']} proxy faults, {time.perf_counter() - started:.0f} s; {stats['records']} records; "
        f"0 lost, 0 duplicated; healed in {stats['healed_in']} cycle(s)\n"
    )
    assert stats["kills"] >= KILLS[backend]
