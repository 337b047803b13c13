"""Fixtures of the sync GUI tests: a real server on loopback (tmp SQLite, pre-bound socket)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.harness import LiveServer


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    server = LiveServer(tmp_path / "server").start()
    try:
        yield server
    finally:
        server.stop()
