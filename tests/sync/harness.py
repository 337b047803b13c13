"""End-to-end sync harness: the real server on loopback, devices with real stores, the oracle.

- :class:`LiveServer` runs ``server.embedded`` on a pre-bound ``127.0.0.1`` socket, on a SQLite
  file or a fresh PostgreSQL schema (dropped at stop), with rate limits raised for fault runs.
  It creates agents and enrollment codes through the server's own service layer, and can decide
  records the same way (the review API is a later task: see :meth:`LiveServer.decide`).
- :class:`Device` is one laptop: an encrypted store, ``run_db``, a ``SyncClient`` (optionally
  through the fault proxy) and :meth:`Device.sync_until_quiet`.
- :class:`Ledger` is the fsynced list of reported saves; :func:`check_oracle` compares ledger,
  server and store record by record (SYNC_PROTOCOL.md §9 oracle).
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session

from models.db import Database
from models.decision import Decision
from models.outbox import OutboxEntry
from models.prospect import Prospect
from models.repositories import outbox as outbox_repo
from models.repositories import sync_state as sync_state_repo
from sync.client import SyncClient
from sync.engine import SyncResult, SyncStatus, db_runner, run_cycle

__all__ = [
    "SERVER_PASSWORD",
    "Device",
    "Ledger",
    "LiveServer",
    "OracleReport",
    "check_oracle",
    "saves_of",
]

SERVER_PASSWORD = "sandi-agen-uji-2026"
_HASH_CACHE: dict[str, str] = {}


def _password_hash() -> str:
    if "h" not in _HASH_CACHE:
        from server.security import hash_password

        _HASH_CACHE["h"] = hash_password(SERVER_PASSWORD)
    return _HASH_CACHE["h"]


# ------------------------------------------------------------------------------ server


class LiveServer:
    """The real FastAPI server in a thread; ``pg_url`` switches to a throwaway PostgreSQL schema."""

    def __init__(
        self, folder: Path, *, pg_url: str | None = None, process: bool = False, **settings: Any
    ) -> None:
        from server.config import load_settings

        self.folder = folder
        self.process = process
        self._proc: subprocess.Popen[str] | None = None
        self._database: Any = None
        self._url: str | None = None
        self.schema: str | None = None
        overrides: dict[str, Any] = {
            "rate_push_per_min": 1_000_000,
            "rate_changes_per_min": 1_000_000,
            "rate_login_per_ip_per_min": 1_000_000,
            "rate_session_per_min": 1_000_000,
        }
        if pg_url:
            self.schema = "t_sync_" + secrets.token_hex(4)
            overrides.update(
                db_url=pg_url, db_schema=self.schema, db_pool_size=20, db_max_overflow=60
            )
        else:
            overrides["db_url"] = f"sqlite:///{(folder / 'server.sqlite3').resolve()}"
        overrides.update(settings)
        self.settings = load_settings().model_copy(update=overrides)
        self.pg_url = pg_url
        self.handle: Any = None

    def start(self) -> LiveServer:
        if self.process:
            return self._start_process()
        from server import embedded

        sock = socket.create_server(("127.0.0.1", 0))
        self.handle = embedded.start(sock=sock, settings=self.settings)
        self._url = str(self.handle.url)
        self._database = self.handle.database
        return self

    def _start_process(self) -> LiveServer:
        """The server in a child process: its own GIL, so client and server overlap on 2 cores."""
        from server.db import Database as ServerDatabase

        root = Path(__file__).resolve().parents[2]
        env = {**os.environ, "PYTHONPATH": str(root)}
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "tests.sync.server_process", self.settings.model_dump_json()],
            cwd=root,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline().strip()
        if not line.startswith("READY "):
            self._proc.kill()
            raise RuntimeError(f"server process did not start: {line!r}")
        self._url = line.split(" ", 1)[1]
        self._database = ServerDatabase(self.settings)
        return self

    @property
    def url(self) -> str:
        assert self._url is not None
        return self._url

    @property
    def address(self) -> tuple[str, int]:
        host, port = self.url.removeprefix("http://").rsplit(":", 1)
        return host, int(port)

    def stop(self) -> None:
        if self.handle is not None:
            self.handle.stop(timeout=10)
            self.handle = None
        if self._proc is not None:
            assert self._proc.stdin is not None
            self._proc.stdin.close()
            try:
                self._proc.wait(15)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait(5)
            self._proc = None
            self._database.dispose()
        self._database = None
        if self.schema and self.pg_url:
            engine = create_engine(self.pg_url)
            with engine.begin() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE'))
            engine.dispose()

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -------------------------------------------------------------- seeding (service layer)

    @property
    def database(self) -> Any:
        return self._database

    def create_agent(self, username: str, *, areas: Iterable[str] = ("33.75",)) -> uuid.UUID:
        from server.services import users as users_service

        user = users_service.create_user(
            self.database,
            username=username,
            password=SERVER_PASSWORD,
            roles=["agent"],
            areas=list(areas),
            display_name=username.upper(),
            now=datetime.now(UTC),
            min_length=self.settings.password_min_length,
            password_hash=_password_hash(),
        )
        return uuid.UUID(str(user.id))

    def create_supervisor(self, username: str, *, areas: Iterable[str] = ("33.75",)) -> uuid.UUID:
        from server.services import users as users_service

        user = users_service.create_user(
            self.database,
            username=username,
            password=SERVER_PASSWORD,
            roles=["supervisor"],
            areas=list(areas),
            display_name=username.upper(),
            now=datetime.now(UTC),
            min_length=self.settings.password_min_length,
            password_hash=_password_hash(),
        )
        return uuid.UUID(str(user.id))

    def enrollment_code(self, agent_id: uuid.UUID) -> str:
        from server.services import devices as devices_service
        from server.services.context import Caller

        issued = devices_service.issue_code(
            self.database,
            agent_id=agent_id,
            by=None,
            caller=Caller(now=datetime.now(UTC), ip=None),
            settings=self.settings,
        )
        return str(issued.code)

    def register_device(self, agent_id: uuid.UUID, name: str = "uji") -> tuple[uuid.UUID, str]:
        """A device and token straight from the service layer (enrollment without Argon2 verify
        of the password, for many-device set-ups); the HTTP enrollment has its own tests."""
        from server.services import devices as devices_service

        with self.database.write() as session:
            device_id, token = devices_service.register_device(
                session, agent_id=agent_id, name=name, now=datetime.now(UTC)
            )
        return uuid.UUID(str(device_id)), token

    def revoke(self, device_id: uuid.UUID, *, wipe: bool = False) -> None:
        from server.services import devices as devices_service
        from server.services.context import Caller

        devices_service.revoke(
            self.database,
            device_id=device_id,
            wipe=wipe,
            reason="test",
            by=None,
            caller=Caller(now=datetime.now(UTC), ip=None),
        )

    def decide(
        self,
        *,
        record_id: uuid.UUID,
        revision: int,
        outcome: str,
        supervisor_id: uuid.UUID,
        note: str | None = None,
        field_notes: dict[str, str] | None = None,
    ) -> uuid.UUID:
        """A supervisor decision. The review API (SYNC §4.9) is a later task: this writes the
        decision, the record's review state and both feed entries in one server transaction
        with the server's own models and feed repository, as the decide service will."""
        from server.models.records import Decision, Record
        from server.repositories import feed as feed_repo

        state = {
            "approve": "approved",
            "return": "returned",
            "reject": "rejected",
            "reopen": "returned",
        }
        decision_id = uuid.UUID(bytes=__import__("uuid6").uuid7().bytes)
        now = datetime.now(UTC)
        with self.database.write() as session:
            record = session.get(Record, record_id)
            assert record is not None and record.revision == revision, "decide the current revision"
            session.add(
                Decision(
                    id=decision_id,
                    record_id=record_id,
                    record_revision=revision,
                    agent_id=record.agent_id,
                    outcome=outcome,
                    note=note,
                    reason_code=None,
                    field_notes=field_notes or {},
                    decided_by=supervisor_id,
                    decided_at=now,
                )
            )
            record.review_state = state[outcome]
            record.updated_at = now
            session.flush()
            feed_repo.publish(
                session,
                keys=[
                    feed_repo.FeedKey(record.agent_id, "decision", decision_id),
                    feed_repo.FeedKey(record.agent_id, "record", record_id),
                ],
            )
        return decision_id

    def decide_all(
        self, *, agent_id: uuid.UUID, supervisor_id: uuid.UUID, outcome: str = "return"
    ) -> int:
        """Decide every record of an agent in one server transaction (benchmarks): the same
        rows and feed entries as :meth:`decide`, in bulk."""
        from server.models.records import Decision, Record
        from server.repositories import feed as feed_repo

        state = {"approve": "approved", "return": "returned", "reject": "rejected"}[outcome]
        now = datetime.now(UTC)
        uuid6 = __import__("uuid6")
        with self.database.write() as session:
            records = session.execute(
                select(Record.id, Record.revision).where(
                    Record.agent_id == agent_id, Record.entity_type == "prospect"
                )
            ).all()
            keys = []
            for record_id, revision in records:
                decision_id = uuid.UUID(bytes=uuid6.uuid7().bytes)
                session.add(
                    Decision(
                        id=decision_id,
                        record_id=record_id,
                        record_revision=revision,
                        agent_id=agent_id,
                        outcome=outcome,
                        note=None if outcome == "approve" else "Periksa KTP.",
                        reason_code=None,
                        field_notes={} if outcome == "approve" else {"nik": "Cek KTP"},
                        decided_by=supervisor_id,
                        decided_at=now,
                    )
                )
                keys += [
                    feed_repo.FeedKey(agent_id, "decision", decision_id),
                    feed_repo.FeedKey(agent_id, "record", record_id),
                ]
            session.execute(
                Record.__table__.update()
                .where(Record.agent_id == agent_id, Record.entity_type == "prospect")
                .values(review_state=state, updated_at=now)
            )
            session.flush()
            feed_repo.publish(session, keys=keys)
        return len(records)

    # -------------------------------------------------------------- inspection

    def records_of(self, agent_id: uuid.UUID) -> dict[uuid.UUID, tuple[int, str, str]]:
        """id → (revision, payload hash, entity type) of the agent's records."""
        from server.models.records import Record

        with self.database.read() as session:
            rows = session.execute(
                select(Record.id, Record.revision, Record.payload_hash, Record.entity_type).where(
                    Record.agent_id == agent_id
                )
            )
            return {uuid.UUID(str(r[0])): (r[1], r[2], r[3]) for r in rows}

    def revisions_of(self, agent_id: uuid.UUID) -> list[tuple[uuid.UUID, int, str]]:
        from server.models.records import Record, RecordRevision

        with self.database.read() as session:
            rows = session.execute(
                select(
                    RecordRevision.record_id, RecordRevision.revision, RecordRevision.payload_hash
                )
                .join(Record, Record.id == RecordRevision.record_id)
                .where(Record.agent_id == agent_id)
            )
            return [(uuid.UUID(str(r[0])), r[1], r[2]) for r in rows]

    def review_states(self, agent_id: uuid.UUID) -> dict[uuid.UUID, str | None]:
        from server.models.records import Record

        with self.database.read() as session:
            rows = session.execute(
                select(Record.id, Record.review_state).where(Record.agent_id == agent_id)
            )
            return {uuid.UUID(str(r[0])): r[1] for r in rows}

    def decision_ids(self, agent_id: uuid.UUID) -> set[uuid.UUID]:
        from server.models.records import Decision

        with self.database.read() as session:
            rows = session.scalars(select(Decision.id).where(Decision.agent_id == agent_id))
            return {uuid.UUID(str(r)) for r in rows}

    def quarantined(self, agent_id: uuid.UUID) -> int:
        from server.models.records import Quarantine

        with self.database.read() as session:
            return int(
                session.scalar(select(func.count()).where(Quarantine.agent_id == agent_id)) or 0
            )


# ------------------------------------------------------------------------------ ledger


class Ledger:
    """Append-only, fsynced JSON lines: ``{"id", "revision", "hash"}`` per reported save."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def record(self, entries: Iterable[tuple[uuid.UUID, int, str]]) -> None:
        data = "".join(
            json.dumps({"id": str(i), "revision": r, "hash": h}) + "\n" for i, r, h in entries
        ).encode()
        if not data:
            return
        with self._lock:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            try:
                os.write(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)

    def read(self) -> dict[uuid.UUID, dict[int, str]]:
        """id → revision → hash of its last save (a pending revision may be saved again)."""
        out: dict[uuid.UUID, dict[int, str]] = defaultdict(dict)
        if not self.path.exists():
            return out
        for line in self.path.read_text().splitlines():
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError:
                continue  # a torn last line of a killed writer: that save was never reported
            out[uuid.UUID(item["id"])][int(item["revision"])] = item["hash"]
        return out


def saves_of(db: Database, record_ids: Iterable[uuid.UUID]) -> list[tuple[uuid.UUID, int, str]]:
    """(id, revision, payload hash) of the newest outbox row of each record (what was saved),
    including the consent record each prospect save writes beside it."""
    wanted = list(record_ids)
    out = []
    with db.read_scope() as session:
        consents = []
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            consents.extend(
                c
                for c in session.scalars(select(Prospect.consent_id).where(Prospect.id.in_(chunk)))
                if c
            )
        wanted = wanted + consents
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = session.execute(
                select(OutboxEntry.record_id, OutboxEntry.revision, OutboxEntry.body)
                .where(OutboxEntry.record_id.in_(chunk))
                .order_by(OutboxEntry.seq)
            )
            newest = {}
            for record_id, revision, body in rows:
                newest[record_id] = (revision, json.loads(body)["payload_hash"])
            out.extend((rid, rev, h) for rid, (rev, h) in newest.items())
    return out


# ------------------------------------------------------------------------------ device


class Device:
    """One laptop: an encrypted store and a sync client (through ``via`` if given)."""

    def __init__(
        self,
        db: Database,
        *,
        server_url: str,
        via: str | None = None,
        timeout: tuple[float, float] = (1.0, 2.0),
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.db = db
        self.run_db = db_runner(db)
        self.server_url = server_url
        self.client = SyncClient(via or server_url, timeout=timeout, clock=clock)
        self.clock = clock
        self.results: list[SyncResult] = []

    def adopt(self, *, device_id: uuid.UUID, agent_id: uuid.UUID, token: str) -> None:
        """Store an identity issued by the server's service layer (what enrollment stores)."""
        self.run_db(
            lambda s: sync_state_repo.update(
                s,
                server_url=self.server_url,
                device_id=device_id,
                agent_id=agent_id,
                device_token=token,
            )
        )
        self.client.set_token(token)

    def cycle(self, **kwargs: Any) -> SyncResult:
        result = run_cycle(self.client, self.run_db, now=self.clock, **kwargs)
        self.results.append(result)
        return result

    def sync_until_quiet(
        self,
        *,
        max_cycles: int = 1000,
        pause: float = 0.0,
        on_result: Callable[[SyncResult], None] | None = None,
        honour_retry_after: bool = False,
    ) -> int:
        """Cycle until one ends ``ok`` with nothing left to send; returns the cycles used."""
        for n in range(1, max_cycles + 1):
            result = self.cycle()
            if on_result is not None:
                on_result(result)
            if result.status == SyncStatus.OK and result.unsent == 0:
                return n
            if not result.status.transient and result.status not in (
                SyncStatus.OK,
                SyncStatus.BUSY,
            ):
                raise AssertionError(f"sync stopped: {result.status} {result.error!r}")
            wait = pause
            if honour_retry_after and result.status == SyncStatus.RATE_LIMITED:
                wait = max(wait, result.retry_after)
            if wait:
                time.sleep(wait)
        raise AssertionError(f"not quiet after {max_cycles} cycles: last {self.results[-1]}")

    def close(self) -> None:
        self.client.close()


# ------------------------------------------------------------------------------ oracle


@dataclass
class OracleReport:
    records: int = 0
    revisions: int = 0
    decisions: int = 0
    problems: list[str] = field(default_factory=list)

    def assert_ok(self) -> None:
        assert not self.problems, "\n".join(self.problems[:30])


def check_oracle(
    server: LiveServer,
    *,
    agent_id: uuid.UUID,
    db: Database,
    ledger: Ledger,
    allow_extra: Iterable[uuid.UUID] = (),
) -> OracleReport:
    """0 lost, 0 duplicated, same content on both sides, empty outbox, healthy store."""
    report = OracleReport()
    saved = ledger.read()
    on_server = server.records_of(agent_id)
    revisions = server.revisions_of(agent_id)
    report.records, report.revisions = len(on_server), len(revisions)
    problems = report.problems
    extra_ok = set(allow_extra)
    lost = set(saved) - set(on_server)
    if lost:
        problems.append(
            f"{len(lost)} reported saves missing on the server, e.g. {sorted(lost)[:3]}"
        )
    phantom = set(on_server) - set(saved) - extra_ok
    if phantom:
        problems.append(f"{len(phantom)} server records nobody saved, e.g. {sorted(phantom)[:3]}")
    seen: dict[tuple[uuid.UUID, int], int] = defaultdict(int)
    by_id: dict[uuid.UUID, dict[int, str]] = defaultdict(dict)
    for record_id, revision, digest in revisions:
        seen[(record_id, revision)] += 1
        by_id[record_id][revision] = digest
    twice = [k for k, n in seen.items() if n != 1]
    if twice:
        problems.append(f"{len(twice)} (id, revision) stored more than once")
    for record_id, revs in saved.items():
        if record_id not in on_server:
            continue
        newest = max(revs)
        revision, digest, _deleted = on_server[record_id]
        if revision != newest:
            problems.append(f"{record_id}: server at revision {revision}, last save {newest}")
        elif digest != revs[newest]:
            problems.append(f"{record_id}: server hash differs from the last save")
        stored = by_id.get(record_id, {})
        if set(stored) != set(revs):
            problems.append(
                f"{record_id}: server revisions {sorted(stored)} != saved {sorted(revs)}"
            )
        for rev, h in stored.items():
            if rev in revs and revs[rev] != h:
                problems.append(f"{record_id} r{rev}: stored hash is not the last save of it")
    with db.read_scope() as session:
        counts = outbox_repo.counts(session)
        if counts.unsent:
            problems.append(f"outbox not empty: {counts}")
        if counts.processed:
            problems.append(f"{counts.processed} outbox rows were refused (conflict/invalid)")
            refused = session.execute(
                select(
                    OutboxEntry.record_id,
                    OutboxEntry.revision,
                    OutboxEntry.base_revision,
                    OutboxEntry.result,
                )
                .where(OutboxEntry.state == "processed")
                .limit(5)
            )
            for rid, rev, base, result in refused:
                problems.append(f"  refused {rid} r{rev} base {base}: {result}")
        local = {
            r.id: (r.server_rev, r.revision, r.badge) for r in session.scalars(select(Prospect))
        }
        check = session.execute(text("PRAGMA integrity_check")).scalar()
        if check != "ok":
            problems.append(f"store integrity_check: {check}")
    states = server.review_states(agent_id)
    decisions = server.decision_ids(agent_id)
    with db.read_scope() as session:
        local_states = {
            r[0]: r[1] for r in session.execute(select(Prospect.id, Prospect.review_state))
        }
        local_decisions = set(session.scalars(select(Decision.id)))
    if decisions - local_decisions:
        problems.append(f"{len(decisions - local_decisions)} decisions never reached the laptop")
    report.decisions = len(decisions)
    for record_id, state in states.items():
        if record_id in local_states and local_states[record_id] != state:
            problems.append(
                f"{record_id}: review state {local_states[record_id]} != server {state}"
            )
    for record_id, (revision, _digest, kind) in on_server.items():
        if kind != "prospect":
            continue
        mine = local.get(record_id)
        if mine is None:
            problems.append(f"{record_id}: on the server, not in the store")
        elif mine[0] != revision or mine[1] != revision:
            problems.append(
                f"{record_id}: store server_rev/revision {mine[:2]} != server {revision}"
            )
    return report


def local_session_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Prospect)) or 0)


# Injected faults and SIGKILLs of every reliability scenario of this run, printed at the end
# (tests/e2e/conftest.py) so one line says how hard the suite shook the sync.
TOTALS: dict[str, int] = defaultdict(int)


def count(**amounts: int) -> None:
    for key, value in amounts.items():
        TOTALS[key] += value
