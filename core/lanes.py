"""The single-thread executors (ARCHITECTURE.md §3).

``db``: every Session (one writer, as SQLite wants). ``net``: the connectivity probe and sync
cycles, which therefore never overlap. ``render``: PDF drawing and print spooling, so a 100-form
batch never holds the DB lane and two batches never interleave. All are created lazily and shut
down together at quit.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

_lock = threading.Lock()
_executors: dict[str, ThreadPoolExecutor] = {}


def _lane(name: str) -> ThreadPoolExecutor:
    with _lock:
        executor = _executors.get(name)
        if executor is None:
            executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"lane-{name}")
            _executors[name] = executor
        return executor


def db() -> ThreadPoolExecutor:
    return _lane("db")


def net() -> ThreadPoolExecutor:
    return _lane("net")


def render() -> ThreadPoolExecutor:
    return _lane("render")


def shutdown(*, wait: bool = True) -> None:
    """Finish the running job of each lane (a save is never cut in half), drop queued ones."""
    with _lock:
        executors = list(_executors.values())
        _executors.clear()
    for executor in executors:
        executor.shutdown(wait=wait, cancel_futures=True)
