"""Review screen on a full server: open the queue and a record with 100,000 prospects.

For each backend (SQLite, then PostgreSQL when reachable) the benchmark migrates an empty
database, pre-fills it with bulk INSERTs (100,000 prospects of 50 agents in 2,703 closed
outreach events of 37, one revision each and a second for 10 %, decisions on 40 %, 1 % NIK
pairs), starts the real app on a loopback port (embedded uvicorn) and times, as a supervisor of
the whole regency (every prospect in scope), over HTTP:

- ``queue_open``: ``GET /review/batches`` (first page of 100 batches, counts over all 100,000);
- ``queue_agent``: the same filtered to one agent;
- ``batch_records``: ``GET /review/records?batch_id=…`` (one event's 37 summaries);
- ``record_open``: ``GET /review/records/{id}`` (checks re-run, history, decisions, candidates);
- ``search_name``: ``GET /review/records?q=…`` (a name substring over all prospects).

Medians of repeated warm calls; the first (cold) queue call is printed too. Environment:
``JANGKAU_BENCH_PG_URL`` (default ``JANGKAU_TEST_PG_URL`` or the local server),
``JANGKAU_BENCH_REVIEW_RECORDS`` (default 100000).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import socket
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/server_review.py` as well as `python -m bench`
    sys.path.insert(0, str(ROOT))

from server import embedded  # noqa: E402
from server.config import ServerSettings, load_settings  # noqa: E402
from server.db import Database, upgrade  # noqa: E402
from server.ids import new_id  # noqa: E402
from server.models.base import UtcDateTime  # noqa: E402
from server.models.identity import Session as LoginSession  # noqa: E402
from server.models.identity import User, UserArea  # noqa: E402
from server.models.records import (  # noqa: E402
    Decision,
    DuplicateCandidate,
    Record,
    RecordRevision,
)
from server.security import SESSION_PREFIX, digest, new_token  # noqa: E402
from sync import protocol  # noqa: E402

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
RECORDS = int(os.environ.get("JANGKAU_BENCH_REVIEW_RECORDS", "100000"))
PER_EVENT = 37
AGENTS = 50
CHUNK = 5000
VILLAGES = (
    "33.75.01.1002",
    "33.75.01.1003",
    "33.75.02.1002",
    "33.75.02.1004",
    "33.75.03.1002",
    "33.75.03.1003",
    "33.75.04.1002",
    "33.75.04.1003",
)
NAMES = ("SITI", "AHMAD", "BUDI", "DEWI", "RINA", "JOKO", "SRI", "AGUS", "WATI", "YUSUF")


def _canonical(payload: dict[str, Any]) -> str:
    """Canonical JSON (§3): for these plain payloads, sorted compact ``json.dumps``."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _hash(entity_type: str, text: str) -> str:
    body = (
        '{"deleted":false,"entity_type":"'
        + entity_type
        + '","payload":'
        + text
        + ',"schema_version":1}'
    )
    return "sha256:" + hashlib.sha256(body.encode("utf-8")).hexdigest()


# The canonical JSON (§3: sorted keys, compact) of a prospect, as a template: formatting a string
# is ~10× faster than json.dumps of a dict, which matters for 100,000 of them.
_PROSPECT = (
    '{"address_line":"Jl. Contoh %(street)d","area_code":"%(village)s",'
    '"birth_date":"1990-01-01","birth_place":"Pekalongan","branch_code":"PEKALONGAN",'
    '"declared_income":2000000,"district_code":"%(district)s",'
    '"first_contribution_month":"2026-11","full_name":"%(name)s","funding_source":"MANDIRI",'
    '"mobile":"+6281200000001","mother_maiden_name":"IBU CONTOH","nik":"%(nik)s",'
    '"occupation_1":"PDG_PASAR","outreach_event_id":"%(event)s","package":"JKK_JKM",'
    '"payment_period_months":1,"province_code":"33","regency_code":"%(regency)s","sex":"L",'
    '"village_code":"%(village)s"}'
)


def _prospect(index: int, village: str, event_id: uuid.UUID, nik: str) -> str:
    name = f"{NAMES[index % len(NAMES)]} {NAMES[(index // 10) % len(NAMES)]} {index:06d}"
    return _PROSPECT % {
        "street": index % 200,
        "village": village,
        "district": village[:8],
        "regency": village[:5],
        "name": name,
        "nik": nik,
        "event": event_id,
    }


class Ids:
    """UUIDv7s in creation order, fast: one real v7, then its random tail counted up."""

    def __init__(self) -> None:
        self._next = new_id().int & ~((1 << 40) - 1)

    def __call__(self) -> uuid.UUID:
        self._next += 1
        return uuid.UUID(int=self._next)


def _sqlite_converter(column: sa.Column[Any]) -> Callable[[Any], Any]:
    """What SQLAlchemy would store on SQLite: UUID hex, naive UTC text, JSON text, 0/1."""
    kind = column.type
    if isinstance(kind, sa.Uuid):
        return lambda v: None if v is None else v.hex
    if isinstance(kind, UtcDateTime):
        texts: dict[datetime, str] = {}  # every row shares one timestamp or two

        def stamp(v: datetime | None) -> str | None:
            if v is None:
                return None
            if v not in texts:
                texts[v] = v.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
            return texts[v]

        return stamp
    if isinstance(kind, sa.JSON):
        return lambda v: None if v is None else ("[]" if v == [] else json.dumps(v))
    if isinstance(kind, sa.Boolean):
        return lambda v: None if v is None else int(v)
    return lambda v: v


def bulk_insert(session: Any, table: Any, rows: list[dict[str, Any]]) -> None:
    """Rows straight to the driver in the session's transaction: ``executemany`` of ready
    values on SQLite, ``COPY`` on PostgreSQL (SQLAlchemy's per-value type processing took
    minutes for 300,000 rows on two busy cores)."""
    names = list(rows[0])
    cursor = session.connection().connection.cursor()
    if session.get_bind().dialect.name == "sqlite":
        convert = [_sqlite_converter(table.c[name]) for name in names]
        marks = ", ".join("?" for _ in names)
        values = [tuple(f(row[n]) for f, n in zip(convert, names, strict=True)) for row in rows]
        sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({marks})"
        cursor.executemany(sql, values)
        return
    as_json = [isinstance(table.c[name].type, sa.JSON) for name in names]
    with cursor.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(
                [
                    json.dumps(row[n]) if j and row[n] is not None else row[n]
                    for n, j in zip(names, as_json, strict=True)
                ]
            )


class Prefill:
    """Synthetic rows, inserted in bulk (5,000 per statement batch, one transaction)."""

    def __init__(self, db: Database, now: datetime) -> None:
        self.db = db
        self.now = now
        self.rng = random.Random(7)
        self.new_id = Ids()
        self.supervisor = new_id()
        self.agents = [new_id() for _ in range(AGENTS)]
        self.sample_records: list[uuid.UUID] = []
        self.sample_events: list[uuid.UUID] = []

    def run(self) -> None:
        with self.db.write() as session:
            self._users(session)
            records: list[dict[str, Any]] = []
            revisions: list[dict[str, Any]] = []
            decisions: list[dict[str, Any]] = []
            pairs: list[dict[str, Any]] = []
            events = (RECORDS + PER_EVENT - 1) // PER_EVENT
            index = 0
            for e in range(events):
                agent = self.agents[e % AGENTS]
                village = VILLAGES[e % len(VILLAGES)]
                event_id = self.new_id()
                manifest = []
                for _ in range(min(PER_EVENT, RECORDS - index)):
                    record_id = self.new_id()
                    nik = f"{village[:8].replace('.', '')}0101{90 + index // 9999 % 10}{index % 9999 + 1:04d}"
                    if index % 100 == 1:  # 1 %: the NIK of the previous prospect
                        nik = records[-1]["nik"]
                        for a, b in (
                            (record_id, records[-1]["id"]),
                            (records[-1]["id"], record_id),
                        ):
                            pairs.append(
                                {
                                    "record_id": a,
                                    "candidate_id": b,
                                    "match_kind": "nik",
                                    "created_at": self.now,
                                }
                            )
                    payload = _prospect(index, village, event_id, nik)
                    two = index % 10 == 0
                    state = ("approved", "returned", "received", "received", "rejected")[index % 5]
                    records.append(
                        self._record(
                            record_id,
                            agent,
                            village,
                            event_id,
                            payload,
                            nik,
                            2 if two else 1,
                            state,
                        )
                    )
                    revisions.append(self._revision(record_id, 1, payload, agent))
                    if two:
                        revisions.append(self._revision(record_id, 2, payload, agent))
                    if state != "received":
                        decisions.append(self._decision(record_id, agent, 2 if two else 1, state))
                    manifest.append({"id": str(record_id), "revision": 2 if two else 1})
                    if index % 997 == 0:
                        self.sample_records.append(record_id)
                    index += 1
                event = _canonical(
                    {
                        "area_code": village,
                        "place_kind": "MARKET",
                        "place_name": f"Pasar {e}",
                        "date": (self.now - timedelta(days=e % 365)).date().isoformat(),
                        "closed": True,
                        "manifest": manifest,
                    }
                )
                records.append(
                    self._record(
                        event_id, agent, village, None, event, None, 1, None, "outreach_event"
                    )
                )
                if e % 97 == 0:
                    self.sample_events.append(event_id)
                if len(records) >= CHUNK:
                    self._flush(session, records, revisions, decisions, pairs)
            self._flush(session, records, revisions, decisions, pairs)

    def _flush(self, session: Any, *tables: list[dict[str, Any]]) -> None:
        for model, rows in zip(
            (Record, RecordRevision, Decision, DuplicateCandidate), tables, strict=True
        ):
            if rows:
                bulk_insert(session, model.__table__, rows)
                rows.clear()

    def _users(self, session: Any) -> None:
        hashed = "$argon2id$v=19$m=65536,t=3,p=4$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        rows = [
            {
                "id": self.supervisor,
                "username": "spvbench",
                "display_name": "Pengawas 33.75",
                "password_hash": hashed,
                "roles": ["supervisor"],
                "active": True,
                "created_at": self.now,
                "updated_at": self.now,
                "password_changed_at": self.now,
            }
        ]
        areas = [{"user_id": self.supervisor, "area_code": "33.75"}]
        for i, agent in enumerate(self.agents):
            rows.append(
                {
                    **rows[0],
                    "id": agent,
                    "username": f"agenbench{i:02d}",
                    "display_name": f"Agen {i:02d}",
                    "roles": ["agent"],
                }
            )
            areas.append({"user_id": agent, "area_code": VILLAGES[i % len(VILLAGES)][:8]})
        bulk_insert(session, User.__table__, rows)
        bulk_insert(session, UserArea.__table__, areas)

    def _record(
        self,
        record_id: uuid.UUID,
        agent: uuid.UUID,
        village: str,
        event_id: uuid.UUID | None,
        payload: str,
        nik: str | None,
        revision: int,
        state: str | None,
        entity_type: str = "prospect",
    ) -> dict[str, Any]:
        return {
            "id": record_id,
            "entity_type": entity_type,
            "agent_id": agent,
            "area_code": village,
            "parent_id": None,
            "outreach_event_id": event_id,
            "revision": revision,
            "schema_version": 1,
            "deleted": False,
            "payload": payload,
            "payload_hash": _hash(entity_type, payload),
            "review_state": state,
            "flags": [],
            "checks": [],
            "nik": nik,
            "author_role": "agent",
            "device_id": None,
            "client_updated_at": self.now,
            "created_at": self.now,
            "updated_at": self.now,
            "approved_at": self.now if state == "approved" else None,
            "exported_at": None,
        }

    def _revision(
        self, record_id: uuid.UUID, revision: int, payload: str, agent: uuid.UUID
    ) -> dict[str, Any]:
        return {
            "record_id": record_id,
            "revision": revision,
            "payload_hash": _hash("prospect", payload),
            "payload": payload,
            "schema_version": 1,
            "deleted": False,
            "author_role": "agent",
            "author_id": agent,
            "device_id": None,
            "batch_id": None,
            "client_updated_at": self.now,
            "received_at": self.now,
            "checks": [],
            "note": None,
        }

    def _decision(
        self, record_id: uuid.UUID, agent: uuid.UUID, revision: int, state: str
    ) -> dict[str, Any]:
        outcome = {"approved": "approve", "returned": "return", "rejected": "reject"}[state]
        return {
            "id": self.new_id(),
            "record_id": record_id,
            "record_revision": revision,
            "agent_id": agent,
            "outcome": outcome,
            "note": None if outcome == "approve" else "Periksa.",
            "reason_code": "OTHER" if outcome == "reject" else None,
            "field_notes": {},
            "decided_by": self.supervisor,
            "decided_at": self.now,
            "previous_state": "received",
            "undone_at": None,
            "undone_by": None,
        }

    def session_token(self) -> str:
        token = new_token(SESSION_PREFIX)
        with self.db.write() as session:
            session.execute(
                sa.insert(LoginSession).values(
                    id=new_id(),
                    token_hash=digest(token),
                    user_id=self.supervisor,
                    created_at=self.now,
                    last_seen_at=self.now,
                    expires_at=self.now + timedelta(hours=12),
                    ip="127.0.0.1",
                )
            )
        return token


def _analyze(database: Database) -> None:
    """Planner statistics, as autovacuum (PostgreSQL) keeps them after a bulk load; SQLite's
    queue query names its index and needs none, so it gets none (as a real office would)."""
    if database.is_postgres:
        with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(sa.text("VACUUM ANALYZE records"))


def _median_ms(call: Callable[[], requests.Response], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = call()
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{response.status_code}: {response.text[:200]}")
    return statistics.median(times)


def _run(name: str, settings: ServerSettings) -> None:
    now = datetime.now(UTC)
    upgrade(settings)
    database = Database(settings)
    prefill = Prefill(database, now)
    started = time.perf_counter()
    prefill.run()
    _analyze(database)
    print(
        f"server_review.{name}.prefill: {time.perf_counter() - started:.1f} s for {RECORDS:,} prospects (bulk INSERT)",
        flush=True,
    )
    token = prefill.session_token()
    database.dispose()
    sock = socket.create_server(("127.0.0.1", 0))
    handle = embedded.start(settings=settings, sock=sock)
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {token}"
    base = handle.url + protocol.API_PREFIX
    try:
        started = time.perf_counter()
        first = http.get(f"{base}/review/batches", timeout=120)
        cold = (time.perf_counter() - started) * 1000
        assert first.status_code == 200 and len(first.json()["batches"]) == 100, first.text[:200]
        rng = random.Random(3)
        agent = str(prefill.agents[0])
        samples = prefill.sample_records
        events = prefill.sample_events
        lines = [
            ("queue_open (first call)", cold, "< 1000 ms"),
            (
                "queue_open",
                _median_ms(lambda: http.get(f"{base}/review/batches", timeout=120), 5),
                "< 500 ms",
            ),
            (
                "queue_agent",
                _median_ms(
                    lambda: http.get(
                        f"{base}/review/batches", params={"agent_id": agent}, timeout=60
                    ),
                    5,
                ),
                "< 300 ms",
            ),
            (
                "batch_records",
                _median_ms(
                    lambda: http.get(
                        f"{base}/review/records",
                        params={"batch_id": str(rng.choice(events))},
                        timeout=60,
                    ),
                    10,
                ),
                "< 200 ms",
            ),
            (
                "record_open",
                _median_ms(
                    lambda: http.get(f"{base}/review/records/{rng.choice(samples)}", timeout=60), 20
                ),
                "< 200 ms",
            ),
            (
                "search_name",
                _median_ms(
                    lambda: http.get(
                        f"{base}/review/records", params={"q": "dewi agus 0001"}, timeout=60
                    ),
                    3,
                ),
                "< 1000 ms",
            ),
        ]
        for label, value, target in lines:
            print(f"server_review.{name}.{label}: {value:.0f} ms (target {target})", flush=True)
    finally:
        handle.stop(timeout=10)


def _pg_url() -> str | None:
    url = (
        os.environ.get("JANGKAU_BENCH_PG_URL")
        or os.environ.get("JANGKAU_TEST_PG_URL")
        or DEFAULT_PG
    )
    try:
        engine = sa.create_engine(url)
        with engine.connect():
            pass
        engine.dispose()
    except Exception:  # noqa: BLE001 - no PostgreSQL here: say so and bench SQLite only
        return None
    return url


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        _run("sqlite", load_settings(environ={}, db_url=f"sqlite:///{folder}/review.sqlite3"))
    url = _pg_url()
    if url is None:
        print("server_review.postgres: skipped (no PostgreSQL reachable)")
        return
    schema = f"bench_review_{uuid.uuid4().hex[:8]}"
    settings = load_settings(environ={}, db_url=url, db_schema=schema)
    try:
        _run("postgres", settings)
    finally:
        engine = sa.create_engine(url)
        with engine.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()


if __name__ == "__main__":
    main()
