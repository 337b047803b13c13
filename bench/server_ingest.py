"""Server ingest: records/s pushed by 1, 10 and 50 simulated devices (SYNC_PROTOCOL.md T13).

For each backend (PostgreSQL when reachable, then SQLite) a real server runs as a separate
process (`python -m server serve`, 2 uvicorn workers on PostgreSQL, 1 on SQLite) on a loopback
port. Simulated devices are threads in this process, each with its own keep-alive connection,
pushing pre-built 200-record gzip batches (building and compressing happen before the clock
starts). Printed per scenario: records/s and request latency p50/p95.

Also measured in the same run:
- a plain bulk INSERT of the same rows (records + record_revisions, 200 rows per transaction,
  one connection) as the ceiling, and the server's ratio to it;
- one record per request from 50 devices (target ≥ 600 records/s on PostgreSQL);
- PostgreSQL only: the 50-device batched rate once the server holds 1,000,000 records
  (target ≥ 80 % of the empty-server rate). The pre-fill is synthetic and fast: one
  ``INSERT … SELECT generate_series`` per table (records, record_revisions, applied_mutations,
  feed), spread over the benchmark's agents; audit rows are not pre-filled (their hash chain is
  append-only and no push query reads them).

Environment: ``JANGKAU_BENCH_PG_URL`` (default ``JANGKAU_TEST_PG_URL`` or the local server);
``JANGKAU_BENCH_SCALE`` multiplies the batch counts (default 1); ``JANGKAU_BENCH_INGEST`` names
the parts to run, comma-separated (``batched``, ``single``, ``bulk``, ``prefill``; default all;
``bulk`` and ``prefill`` need ``batched``) and ``JANGKAU_BENCH_INGEST_BACKENDS`` the backends
(``postgresql``, ``sqlite``; default both).
"""

from __future__ import annotations

import gzip
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import uuid6

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/server_ingest.py` as well as `python -m bench`
    sys.path.insert(0, str(ROOT))

from server.config import ServerSettings, load_settings  # noqa: E402
from server.db import Database, upgrade  # noqa: E402
from server.models.records import Record, RecordRevision  # noqa: E402
from server.repositories.records import insert_rows  # noqa: E402
from server.security import hash_password  # noqa: E402
from server.services import areas as areas_service  # noqa: E402
from server.services import devices as devices_service  # noqa: E402
from server.services import users as users_service  # noqa: E402
from sync import protocol  # noqa: E402

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BATCH = 200
PREFILL = 1_000_000
SCALE = float(os.environ.get("JANGKAU_BENCH_SCALE", "1"))
PASSWORD = "bench-password-1"
PARTS = set(os.environ.get("JANGKAU_BENCH_INGEST", "batched,single,bulk,prefill").split(","))
BACKENDS = set(os.environ.get("JANGKAU_BENCH_INGEST_BACKENDS", "postgresql,sqlite").split(","))


@dataclass
class Device:
    device_id: uuid.UUID
    agent_id: uuid.UUID
    token: str


@dataclass
class Result:
    records: int
    seconds: float
    latencies: list[float]
    cpu: dict[str, float] | None = None  # CPU seconds spent during the run, by party

    @property
    def rate(self) -> float:
        return self.records / self.seconds

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


# ---------------------------------------------------------------------------------------------
# Payloads
# ---------------------------------------------------------------------------------------------

_counter = iter(range(1, 10**9))


def _nik() -> str:
    n = next(_counter)
    return f"337501{n % 28 + 1:02d}{(n // 28) % 12 + 1:02d}{(n // 336) % 80 + 10:02d}{n % 9999 + 1:04d}"


def _payload() -> dict[str, Any]:
    return {
        "branch_code": "PEKALONGAN",
        "nik": _nik(),
        "full_name": "PESERTA BENCH",
        "birth_place": "Pekalongan",
        "birth_date": "1990-05-15",
        "sex": "L",
        "mother_maiden_name": "IBU BENCH",
        "mobile": "+6281200000001",
        "address_line": "Jl. Bench 1",
        "rt": "001",
        "rw": "002",
        "province_code": "33",
        "regency_code": "33.75",
        "district_code": "33.75.01",
        "village_code": "33.75.01.1002",
        "area_code": "33.75.01.1002",
        "occupation_1": "PEDAGANG",
        "declared_income": 2_000_000,
        "package": "JKK_JKM",
        "payment_period_months": 1,
        "first_contribution_month": "2026-03",
        "funding_source": "MANDIRI",
        "registration_date": "2026-03-12",
        "channel": "FIELD_AGENT",
    }


def _change(device: Device) -> dict[str, Any]:
    payload = _payload()
    return {
        "id": str(uuid6.uuid7()),
        "entity_type": "prospect",
        "schema_version": 1,
        "revision": 1,
        "base_revision": 0,
        "deleted": False,
        "updated_at": datetime.now(UTC).isoformat(),
        "device_id": str(device.device_id),
        "agent_id": str(device.agent_id),
        "payload": payload,
        "payload_hash": protocol.payload_hash(
            entity_type="prospect", payload=payload, schema_version=1, deleted=False
        ),
    }


def _bodies(device: Device, *, batches: int, size: int) -> list[bytes]:
    out = []
    for _ in range(batches):
        body = {"batch_id": str(uuid6.uuid7()), "changes": [_change(device) for _ in range(size)]}
        out.append(gzip.compress(json.dumps(body).encode(), compresslevel=6))
    return out


# ---------------------------------------------------------------------------------------------
# Server process and accounts
# ---------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_server(settings: ServerSettings, workers: int) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    env = dict(os.environ)
    env.update(
        {
            "JANGKAU_SERVER_DB_URL": settings.db_url,
            "JANGKAU_SERVER_RATE_PUSH_PER_MIN": "100000000",
            "JANGKAU_SERVER_RATE_CHANGES_PER_MIN": "100000000",
            "JANGKAU_SERVER_LOG_LEVEL": "warning",
            "JANGKAU_SERVER_DB_POOL_SIZE": "30",
            "JANGKAU_SERVER_DB_MAX_OVERFLOW": "30",
        }
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "server", "serve", "--port", str(port), "--workers", str(workers)],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/api/v1/health")
            if connection.getresponse().status == 200:
                connection.close()
                return process, port
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("server did not start")


def _stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


def _devices(database: Database, count: int) -> list[Device]:
    hashed = hash_password(PASSWORD)
    now = datetime.now(UTC)
    out = []
    for n in range(count):
        user = users_service.create_user(
            database,
            username=f"bench{uuid.uuid4().hex[:6]}{n:02d}",
            password=PASSWORD,
            roles=["agent"],
            areas=["33.75.01"],
            display_name=None,
            now=now,
            min_length=10,
            password_hash=hashed,
        )
        with database.write() as session:
            device_id, token = devices_service.register_device(
                session, agent_id=user.id, name=f"BENCH-{n:02d}", now=now
            )
        out.append(Device(device_id, user.id, token))
    return out


# ---------------------------------------------------------------------------------------------
# Load
# ---------------------------------------------------------------------------------------------


def _run(port: int, work: list[tuple[Device, list[bytes]]], per_body: int) -> Result:
    latencies: list[float] = []
    accepted = [0]
    failures: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(work) + 1)

    def device_loop(device: Device, bodies: list[bytes]) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        headers = {
            "Authorization": f"Bearer {device.token}",
            "Content-Type": "application/json",
            "Content-Encoding": "gzip",
        }
        mine: list[float] = []
        ok = 0
        barrier.wait()
        for body in bodies:
            started = time.perf_counter()
            connection.request("POST", "/api/v1/sync/push", body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            mine.append(time.perf_counter() - started)
            if response.status != 200:
                failures.append(f"{response.status} {data[:200]!r}")
                continue
            ok += sum(1 for r in json.loads(data)["results"] if r["status"] == "accepted")
        connection.close()
        with lock:
            latencies.extend(mine)
            accepted[0] += ok

    threads = [threading.Thread(target=device_loop, args=item) for item in work]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    expected = sum(len(bodies) for _, bodies in work) * per_body
    if failures or accepted[0] != expected:
        raise RuntimeError(f"{accepted[0]}/{expected} accepted; failures: {failures[:3]}")
    return Result(accepted[0], elapsed, latencies)


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_of(pids: list[int]) -> float:
    """User + system CPU seconds of these processes (Linux /proc; 0 elsewhere)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / _TICK


def _tree(pid: int) -> list[int]:
    out = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in children:
            out += _tree(int(child))
    return out


@dataclass
class Meter:
    """CPU time of the server's processes, of the database backends serving it (PostgreSQL)
    and of this client, read around one scenario: wall-clock rates are noisy on a shared
    machine, CPU per record is not."""

    server_pid: int
    database: Database

    def _backends(self) -> list[int]:
        if not self.database.is_postgres:
            return []
        with self.database.engine.connect() as connection:
            rows = connection.execute(
                sa.text(
                    "SELECT pid FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
            return [int(r[0]) for r in rows]

    def read(self) -> dict[str, float]:
        return {
            "server": _cpu_of(_tree(self.server_pid)),
            "database": _cpu_of(self._backends()),
            "client": time.process_time(),
        }


METER: Meter | None = None


def _scenario(port: int, devices: list[Device], *, batches: int, size: int) -> Result:
    work = [(d, _bodies(d, batches=batches, size=size)) for d in devices]
    before = METER.read() if METER else None
    result = _run(port, work, size)
    if METER and before:
        after = METER.read()
        result.cpu = {k: after[k] - before[k] for k in after}
    return result


def _bulk_insert(database: Database, devices: list[Device], count: int) -> float:
    """The ceiling: the same rows (records + record_revisions), 200 per transaction, inserted
    the fastest way the server knows (one statement per table), on one connection; no checks,
    no ledger, no feed, no audit."""
    now = datetime.now(UTC)
    changes = [_change(devices[i % len(devices)]) for i in range(count)]
    started = time.perf_counter()
    for start in range(0, count, BATCH):
        chunk = changes[start : start + BATCH]
        records = [
            {
                "id": uuid.UUID(c["id"]),
                "entity_type": "prospect",
                "agent_id": uuid.UUID(c["agent_id"]),
                "area_code": c["payload"]["area_code"],
                "revision": 1,
                "schema_version": 1,
                "deleted": False,
                "payload": json.dumps(c["payload"], sort_keys=True),
                "payload_hash": c["payload_hash"],
                "review_state": "received",
                "flags": [],
                "checks": [],
                "nik": c["payload"]["nik"],
                "author_role": "agent",
                "device_id": uuid.UUID(c["device_id"]),
                "created_at": now,
                "updated_at": now,
            }
            for c in chunk
        ]
        revisions = [
            {
                "record_id": r["id"],
                "revision": 1,
                "payload_hash": r["payload_hash"],
                "payload": r["payload"],
                "schema_version": 1,
                "deleted": False,
                "author_role": "agent",
                "author_id": r["agent_id"],
                "received_at": now,
                "checks": [],
            }
            for r in records
        ]
        with (
            database.write() as session
        ):  # PostgreSQL: json_populate_recordset, SQLite: executemany
            insert_rows(session, Record, records)
            insert_rows(session, RecordRevision, revisions)
    return count / (time.perf_counter() - started)


# Synthetic rows: ids from the row number (cheap), one small payload, distinct NIKs.
_ID = "CAST(lpad(to_hex(i), 32, '0') AS uuid)"
_PREFILL_SQL = [
    f"""
    INSERT INTO records (id, entity_type, agent_id, area_code, revision, schema_version, deleted,
        payload, payload_hash, review_state, flags, checks, nik, author_role, created_at,
        updated_at)
    SELECT {_ID}, 'prospect', (:agents)[1 + i % :n], '33.75.01.1002', 1, 1, false,
        '{{"area_code":"33.75.01.1002","full_name":"PREFILL"}}', 'sha256:prefill', 'received',
        '[]', '[]', CAST(3300000000000000 + i AS text), 'agent', now(), now()
    FROM generate_series(CAST(:first AS bigint), CAST(:last AS bigint)) AS i
    """,
    f"""
    INSERT INTO record_revisions (record_id, revision, payload_hash, payload, schema_version,
        deleted, author_role, author_id, received_at, checks)
    SELECT {_ID}, 1, 'sha256:prefill', '{{}}', 1, false, 'agent', (:agents)[1 + i % :n], now(),
        '[]'
    FROM generate_series(CAST(:first AS bigint), CAST(:last AS bigint)) AS i
    """,
    f"""
    INSERT INTO applied_mutations (agent_id, record_id, revision, payload_hash, status,
        device_id, batch_id, created_at)
    SELECT (:agents)[1 + i % :n], {_ID}, 1, 'sha256:prefill', 'accepted',
        (:agents)[1 + i % :n], (:agents)[1 + i % :n], now()
    FROM generate_series(CAST(:first AS bigint), CAST(:last AS bigint)) AS i
    """,
    f"""
    INSERT INTO feed (agent_id, kind, entity_id, seq)
    SELECT (:agents)[1 + i % :n], 'record', {_ID}, base.value + i - CAST(:first AS bigint) + 1
    FROM generate_series(CAST(:first AS bigint), CAST(:last AS bigint)) AS i, (SELECT value FROM feed_counter WHERE id = 1) AS base
    """,
    "UPDATE feed_counter SET value = value + CAST(:last AS bigint) - CAST(:first AS bigint) + 1 "
    "WHERE id = 1",
]
PREFILL_CHUNK = 50_000  # per statement: the dashboard's statement triggers scale badly beyond


def _prefill(database: Database, devices: list[Device], count: int) -> float:
    agents = [d.agent_id for d in devices]
    started = time.perf_counter()
    for first in range(1, count + 1, PREFILL_CHUNK):
        last = min(count, first + PREFILL_CHUNK - 1)
        with database.engine.begin() as connection:
            for statement in _PREFILL_SQL:
                if ":agents" in statement:
                    query = sa.text(statement).bindparams(
                        sa.bindparam("agents", type_=sa.ARRAY(sa.Uuid()))
                    )
                else:
                    query = sa.text(statement)
                params = {"agents": agents, "n": len(agents), "first": first, "last": last}
                connection.execute(query, params)
    with database.engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").execute(sa.text("ANALYZE"))
    return time.perf_counter() - started


# ---------------------------------------------------------------------------------------------
# Backends
# ---------------------------------------------------------------------------------------------


def _report(backend: str, name: str, result: Result, target: str = "") -> None:
    print(
        f"{backend} {name}: {result.rate:,.0f} records/s "
        f"(p50 {result.percentile(0.5):.0f} ms, p95 {result.percentile(0.95):.0f} ms, "
        f"{result.records:,} records in {result.seconds:.1f} s){target}",
        flush=True,
    )
    if result.cpu:
        per = {k: v * 1000 / result.records for k, v in result.cpu.items()}
        print(
            f"{backend}   CPU per record: server {per['server']:.2f} ms, "
            f"database backends {per['database']:.2f} ms, client {per['client']:.2f} ms",
            flush=True,
        )


def _n(value: float) -> int:
    return max(1, round(value * SCALE))


def _bench_backend(backend: str, settings: ServerSettings, workers: int) -> None:
    upgrade(settings)
    database = Database(settings)
    areas_service.ensure_areas(database, now=datetime.now(UTC))
    devices = _devices(database, 50)
    process, port = _start_server(settings, workers)
    global METER
    METER = Meter(process.pid, database)
    try:
        fifty = None
        if "batched" in PARTS:
            one = _scenario(port, devices[:1], batches=_n(15), size=BATCH)
            _report(backend, "1 device, 200-record gzip batches", one)
            ten = _scenario(port, devices[:10], batches=_n(4), size=BATCH)
            _report(backend, "10 devices, 200-record gzip batches", ten)
            fifty = _scenario(port, devices, batches=_n(2), size=BATCH)
            target = " (target ≥ 2,000 on PostgreSQL)" if backend == "postgresql" else ""
            _report(backend, "50 devices, 200-record gzip batches", fifty, target)
        if "single" in PARTS:
            single = _scenario(port, devices, batches=_n(20), size=1)
            target = " (target ≥ 600 on PostgreSQL)" if backend == "postgresql" else ""
            _report(backend, "50 devices, 1 record per request", single, target)
        if fifty is not None and "bulk" in PARTS:
            bulk = _bulk_insert(database, devices, fifty.records)
            print(
                f"{backend} plain bulk INSERT of the same rows: {bulk:,.0f} records/s; "
                f"server at 50 devices = {fifty.rate / bulk:.0%} of it",
                flush=True,
            )
        if fifty is not None and "prefill" in PARTS and backend == "postgresql":
            seconds = _prefill(database, devices, PREFILL)
            print(
                f"{backend} pre-filled {PREFILL:,} synthetic records in {seconds:.0f} s", flush=True
            )
            full = _scenario(port, devices, batches=_n(2), size=BATCH)
            _report(backend, f"50 devices, 200-record batches, {PREFILL:,} records held", full)
            print(
                f"{backend} batched rate with {PREFILL:,} records held: "
                f"{full.rate / fifty.rate:.0%} of the empty-server rate (target ≥ 80 %)",
                flush=True,
            )
    finally:
        _stop_server(process)
        database.dispose()


def _pg_database() -> tuple[ServerSettings, str, str] | None:
    url = (
        os.environ.get("JANGKAU_BENCH_PG_URL")
        or os.environ.get("JANGKAU_TEST_PG_URL")
        or DEFAULT_PG
    )
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    name = f"jangkau_bench_{os.getpid()}"
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - no PostgreSQL here: say so and go on
        print(f"postgresql: skipped ({type(exc).__name__}: {str(exc).splitlines()[0]})")
        return None
    finally:
        admin.dispose()
    bench_url = sa.make_url(url).set(database=name).render_as_string(hide_password=False)
    return load_settings(environ={}, db_url=bench_url, db_pool_size=10), url, name


def _drop_pg(url: str, name: str) -> None:
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def main() -> None:
    pg = _pg_database() if "postgresql" in BACKENDS else None
    if pg is not None:
        settings, url, name = pg
        try:
            _bench_backend("postgresql", settings, workers=2)
        finally:
            _drop_pg(url, name)
    if "sqlite" not in BACKENDS:
        return
    with tempfile.TemporaryDirectory() as folder:
        settings = load_settings(environ={}, db_url=f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        _bench_backend("sqlite", settings, workers=1)


if __name__ == "__main__":
    main()
