"""No acknowledged save is lost (SYNC §1 G1): a writer is killed with SIGKILL right after
acknowledged saves, 200 times; every acknowledged record is there and the file is sound."""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select, text

from core.paths import PROJECT_ROOT
from models.db import Database
from models.outbox import OutboxEntry
from models.prospect import Prospect
from models.repositories import search
from tests.models.conftest import PASSWORD

KILLS = 200

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")


class Zygote:
    def __init__(self, store: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.models.crash_writer", str(store), PASSWORD],
            cwd=PROJECT_ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.strip())
        self.lines.put("eof")

    def read(self, timeout: float = 20) -> str:
        line = self.lines.get(timeout=timeout)
        if line.startswith("error") or line == "eof":
            raise AssertionError(f"writer failed: {line}")
        return line

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def close(self) -> None:
        try:
            self.send("quit")
            self.proc.wait(timeout=10)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait(timeout=10)


def _check(store: Path, acked: set[uuid.UUID]) -> None:
    db = Database.open(store, password=PASSWORD)
    try:
        with db.read_scope() as session:
            stored = set(session.scalars(select(Prospect.id)))
            assert acked <= stored, f"lost {len(acked - stored)} acknowledged saves"
            queued = set(session.scalars(select(OutboxEntry.record_id)))
            assert acked <= queued  # each acknowledged save has its outbox row
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            session.execute(
                text("INSERT INTO prospect_fts (prospect_fts) VALUES ('integrity-check')")
            )
            assert search.count(session, query="+62812") == len(stored)
    finally:
        db.close()


@pytest.mark.slow
@pytest.mark.timeout(300)  # ~30 s on an idle 2-core machine; fork per kill keeps it short
def test_acknowledged_saves_survive_sigkill(db: Database, db_path: Path):
    db.close()
    rng = random.Random(9)
    acked: set[uuid.UUID] = set()
    zygote = Zygote(db_path)
    try:
        assert zygote.read(timeout=60) == "ready"
        killed_mid_run = 0
        for run in range(KILLS):
            zygote.send(f"go {run + 1}")
            started = zygote.read()
            assert started.startswith("started ")
            pid = int(started.split()[1])
            for _ in range(rng.randint(1, 3)):  # right after acknowledged saves
                line = zygote.read()
                assert line.startswith("acked ")
                acked.add(uuid.UUID(line.split()[1]))
            time.sleep(rng.uniform(0, 0.006))  # lands anywhere inside the next save
            os.kill(pid, signal.SIGKILL)
            while not (line := zygote.read()).startswith("exited "):
                acked.add(uuid.UUID(line.split()[1]))  # acked before the signal landed
            status = int(line.split()[2])
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
            killed_mid_run += 1
            if run % 50 == 49:
                _check(db_path, acked)
    finally:
        zygote.close()
    assert killed_mid_run == KILLS and len(acked) >= KILLS
    _check(db_path, acked)
