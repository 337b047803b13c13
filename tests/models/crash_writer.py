"""A writer process for the kill -9 test (``test_crash.py``), run as a small "zygote".

``python -m tests.models.crash_writer <store> <password>`` opens the store, warms every code
path with one save, closes its connections and prints ``ready``; then for each ``go <seed>``
line on stdin it forks a child that connects afresh (SQLite recovers the WAL a killed writer
left) and saves valid prospects (``submit=True``: record, FTS entry, consent, outbox rows, audit) in
a loop, writing ``acked <id>`` to stdout only after each commit returned. The parent test
SIGKILLs the child at a random moment; the zygote reaps it and prints ``exited <pid>``.
Forking a warm process keeps 200 kills well under a minute (a fresh interpreter per kill would
spend most of its time importing).

Lines are written with ``os.write`` on file descriptor 1: no userspace buffer can hold back an
acknowledgement or leak one that was never made.
"""

from __future__ import annotations

import gc
import os
import random
import sys
from datetime import date
from pathlib import Path

from models.db import Database
from models.services.context import AgentContext
from models.services.demo_seed import make_prospect
from tests.models.synthetic import save_item

TODAY = date(2026, 9, 1)
AGENT = AgentContext(username="crash", branch_code="PEKALONGAN")


def _say(line: str) -> None:
    os.write(1, (line + "\n").encode())


def _child(db: Database, seed: int) -> None:
    db.engine.dispose(close=False)  # never touch the parent's connections (there are none)
    rng = random.Random(seed)
    _say(f"started {os.getpid()}")
    n = 0
    while True:
        item = make_prospect(rng, today=TODAY, mobile_number=seed * 10_000 + n)
        n += 1
        save_item(db, item, agent=AGENT, today=TODAY, submit=True)
        _say(f"acked {item.id}")


def _warm(db: Database) -> None:
    """One full save: imports, rule tables, mappers and this engine's statement cache are ready
    before the first fork. Then every connection is closed: none may cross ``fork``."""
    item = make_prospect(random.Random(0), today=TODAY, mobile_number=0)
    save_item(db, item, agent=AGENT, today=TODAY, submit=True)
    db.engine.dispose()


def main(argv: list[str]) -> int:
    store, password = Path(argv[0]), argv[1]
    db = Database.open(store, password=password)
    _warm(db)
    gc.freeze()  # children share the warm heap; a collection would touch (copy) every page
    _say("ready")
    for line in sys.stdin:
        command, _, arg = line.strip().partition(" ")
        if command == "quit":
            break
        if command != "go":
            continue
        pid = os.fork()
        if pid == 0:
            try:
                _child(db, int(arg))
            except BaseException as exc:  # noqa: BLE001 - report, then leave without cleanup
                _say(f"error {type(exc).__name__}: {exc}")
            finally:
                os._exit(1)
        _, status = os.waitpid(pid, 0)
        # Reconnecting recovers what the killed writer left in the WAL; the checkpoint keeps
        # the WAL short so the next child starts quickly.
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.engine.dispose()
        _say(f"exited {pid} {status}")
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
