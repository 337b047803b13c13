"""Fork server for the SIGKILL test: imports everything once, then forks short-lived laptops.

``python -m tests.e2e.sync_kill_worker '<config json>'`` unwraps the store key once (one Argon2
derivation for the whole run) and waits for commands on stdin:

- ``run <seed>``: fork a child that opens the store (no migration check: the parent migrated
  it), maybe saves or edits prospects (writing an fsynced *intent* line before and a *done*
  line after each save), then runs sync cycles through the fault proxy until the outbox is
  empty, and exits 0. Replies ``pid <pid>``; the test kills it whenever it likes.
- ``wait <pid>``: reap it; replies ``status <exit code or -signal>``.

The zygote itself has no threads and no open database, so forking it is safe and a child starts
in milliseconds instead of the ~1 s a fresh interpreter needs.
"""

from __future__ import annotations

import json
import os
import random
import sys
import uuid
from pathlib import Path
from typing import Any


def _append(path: Path, items: list[dict[str, Any]]) -> None:
    data = "".join(json.dumps(item) + "\n" for item in items).encode()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def _warm(config: dict[str, Any], dek: bytes, store_id: uuid.UUID) -> Any:
    """Load what every child needs once, before any fork: rule tables (a save validates), and
    an engine whose statement cache is warm (one real cycle). The engine's connections are
    closed again before forking, so no child shares an open SQLite handle."""
    from models.db import Database, make_engine
    from models.rules import validation
    from sync.client import SyncClient
    from sync.engine import db_runner, run_cycle
    from tests.sync.factories import TODAY, consent_for, prospect_payload

    validation.check_prospect(prospect_payload(0), today=TODAY, consent=consent_for(uuid.uuid4()))
    path = Path(config["store"])
    engine = make_engine(path, dek, pool_size=1)
    db = Database(path, engine, store_id=store_id, dek=dek)
    with SyncClient(config["url"], timeout=(0.5, 0.5)) as client:
        run_cycle(client, db_runner(db))
    engine.dispose()
    return engine


def _child(config: dict[str, Any], dek: bytes, store_id: uuid.UUID, seed: int, engine: Any) -> None:
    from models.base import new_id
    from models.db import Database
    from models.prospect import Prospect
    from models.services import prospects
    from models.services.context import load_agent_context
    from sync.client import SyncClient
    from sync.engine import SyncStatus, db_runner, run_cycle
    from tests.sync.factories import TODAY, bulk_queue, consent_for
    from tests.sync.harness import saves_of

    rng = random.Random(seed)
    path = Path(config["store"])
    intents = Path(config["intents"])
    ledger = Path(config["ledger"])
    db = Database(path, engine, store_id=store_id, dek=dek)
    run_db = db_runner(db)
    agent = load_agent_context(db)
    if rng.random() < 0.6:
        ids = [new_id() for _ in range(rng.randint(1, 3))]
        _append(intents, [{"id": str(i)} for i in ids])
        bulk_queue(db, [seed * 10 + k for k in range(len(ids))], agent=agent, ids=ids)
        _append(ledger, [{"id": str(i), "revision": r, "hash": h} for i, r, h in saves_of(db, ids)])
    if rng.random() < 0.3:
        with db.read_scope() as session:
            candidates = [
                pid for pid, badge in session.query(Prospect.id, Prospect.badge) if badge != "draft"
            ]
        if candidates:
            pid = rng.choice(candidates)
            snap = prospects.load(db, prospect_id=pid)
            consent = consent_for(pid) if snap.consent is None else None
            _append(
                intents,
                [{"id": str(pid)}] + ([{"id": "consent-of:" + str(pid)}] if consent else []),
            )
            payload = {**snap.payload, "address_line": f"JL. KOREKSI {rng.randrange(100_000)}"}
            prospects.save(
                db,
                prospect_id=pid,
                payload=payload,
                submit=True,
                agent=agent,
                today=TODAY,
                consent=consent,
            )
            done = saves_of(db, [pid])
            _append(ledger, [{"id": str(i), "revision": r, "hash": h} for i, r, h in done])
    client = SyncClient(config["url"], timeout=(0.5, 0.5))
    for _ in range(40):
        result = run_cycle(client, run_db)
        if result.status == SyncStatus.OK and result.unsent == 0:
            return
        if not result.status.transient:
            raise RuntimeError(f"sync stopped: {result.status} {result.error!r}")


def main() -> int:
    from models.db import key_path_for
    from models.keyfile import KeyFile
    from tests.sync.factories import PASSWORD

    config = json.loads(sys.argv[1])
    keyfile = KeyFile.read(key_path_for(Path(config["store"])))
    dek = keyfile.unwrap(PASSWORD)  # the one Argon2 derivation of the run
    engine = _warm(config, dek, keyfile.store_id)
    out = sys.stdout
    for line in sys.stdin:
        command, _, arg = line.strip().partition(" ")
        if command == "run":
            pid = os.fork()
            if pid == 0:
                code = 0
                try:
                    _child(config, dek, keyfile.store_id, int(arg), engine)
                except BaseException as exc:  # noqa: BLE001 - reported through the exit code
                    sys.stderr.write(f"kill-worker child failed: {type(exc).__name__}: {exc}\n")
                    code = 3
                finally:
                    sys.stderr.flush()
                    os._exit(code)
            out.write(f"pid {pid}\n")
        elif command == "wait":
            _, status = os.waitpid(int(arg), 0)
            code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
            out.write(f"status {code}\n")
        elif command == "quit":
            break
        out.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
