"""Sync end to end over loopback: push throughput, bytes on the wire, pull of decisions.

A real server (SQLite, its own process) and a real encrypted store with 10,000 queued
prospects; a pass-through counting proxy measures the bytes that cross the wire (HTTP headers
included, both directions). The proxy runs in a process of its own, as the server does: in the
client's process its Python would compete with the client for one GIL, which the product
does not have to. Set-up is not timed.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

from sync.engine import Progress, SyncStatus
from tests.sync.factories import bulk_queue, make_store
from tests.sync.faultproxy import FaultProxy
from tests.sync.harness import Device, LiveServer

RECORDS = int(os.environ.get("JANGKAU_BENCH_SYNC_RECORDS", "10000"))


def _line(name: str, value: float, unit: str, target: str) -> None:
    print(f"{name}: {value:,.2f} {unit} ({target})", flush=True)


def _proxy(target: tuple[str, int], pipe: Connection) -> None:
    """Child process: a quiet (counting only) FaultProxy; answers byte counts until "stop"."""
    with FaultProxy(target, seed=0) as proxy:
        proxy.quiet()
        pipe.send(proxy.url)
        while pipe.recv() != "stop":
            pipe.send((proxy.bytes_up, proxy.bytes_down))


class _CountingProxy:
    def __init__(self, target: tuple[str, int]) -> None:
        self._pipe, child = multiprocessing.get_context("spawn").Pipe()
        self._process = multiprocessing.get_context("spawn").Process(
            target=_proxy, args=(target, child), daemon=True
        )
        self._process.start()
        self.url: str = self._pipe.recv()

    def counts(self) -> tuple[int, int]:
        """``(bytes up, bytes down)`` so far."""
        self._pipe.send("bytes")
        up, down = self._pipe.recv()
        return int(up), int(down)

    def close(self) -> None:
        self._pipe.send("stop")
        self._process.join(10)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="jangkau-bench-sync-") as tmp:
        folder = Path(tmp)
        with LiveServer(folder, process=True) as server:
            agent = server.create_agent("agenbench")
            supervisor = server.create_supervisor("spvbench")
            device_id, token = server.register_device(agent)
            db = make_store(folder / "laptop.db")
            for start in range(0, RECORDS, 2000):
                bulk_queue(db, range(start, min(RECORDS, start + 2000)))
            proxy = _CountingProxy(server.address)
            try:
                device = Device(db, server_url=server.url, via=proxy.url, timeout=(10.0, 60.0))
                device.adopt(device_id=device_id, agent_id=agent, token=token)
                marks: dict[str, tuple[float, int, int]] = {}

                def progress(p: Progress) -> None:
                    if p.stage not in marks:
                        marks[p.stage] = (time.perf_counter(), *proxy.counts())

                began = time.perf_counter()
                result = device.cycle(progress=progress)
                ended = time.perf_counter()
                assert result.status == SyncStatus.OK and result.accepted == RECORDS, result
                push_end, up, down = marks["receiving"]
                push_s = push_end - marks["sending"][0]
                _line("sync push, records", RECORDS, "records", f"{result.batches} batches")
                _line("sync push, end to end", push_s, "s", "target <= 5 s for 10,000")
                _line("sync push, throughput", RECORDS / push_s, "records/s", "informational")
                _line(
                    "sync wire bytes per record, request",
                    up / RECORDS,
                    "B",
                    "target <= 160 B with gzip",
                )
                _line(
                    "sync wire bytes per record, request + reply",
                    (up + down) / RECORDS,
                    "B",
                    "informational",
                )
                _line(
                    "sync first cycle incl. pull of the echoes", ended - began, "s", "informational"
                )

                decided = server.decide_all(agent_id=agent, supervisor_id=supervisor)
                before_down = proxy.counts()[1]
                marks.clear()
                began = time.perf_counter()
                pulled = device.cycle(progress=progress)
                ended = time.perf_counter()
                assert pulled.status == SyncStatus.OK and pulled.pulled >= decided, pulled
                pull_s = ended - marks["receiving"][0]
                _line(
                    "sync pull of decisions, count",
                    decided,
                    "decisions",
                    f"{pulled.pulled} feed entries",
                )
                _line("sync pull of 10,000 decisions", pull_s, "s", "informational")
                _line(
                    "sync pull, wire bytes per decision",
                    (proxy.counts()[1] - before_down) / decided,
                    "B",
                    "informational",
                )
                device.close()
            finally:
                proxy.close()
            db.close()


if __name__ == "__main__":
    main()
