"""Fixtures of the sync tests: an encrypted store with an enrolled identity, ``run_db``."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.db import Database
from models.repositories import sync_state as sync_state_repo
from sync.engine import db_runner
from tests.sync.factories import make_store

DEVICE_ID = uuid.UUID("0196a011-0000-7000-8000-0000000000d1")
AGENT_ID = uuid.UUID("01969ff0-0000-7000-8000-0000000000a1")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Database]:
    db = make_store(tmp_path / "store.db")
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
def enrolled_store(store: Database) -> Database:
    """A store that went through enrollment (identity and token in ``sync_state``)."""
    with store.session_scope() as session:
        sync_state_repo.update(
            session,
            server_url="http://127.0.0.1:9",
            device_id=DEVICE_ID,
            agent_id=AGENT_ID,
            device_token="jkd_test",
        )
    return store


@pytest.fixture
def run_db(enrolled_store: Database):
    return db_runner(enrolled_store)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory):
    """The real server on loopback (SQLite), shared by the sync tests; each test uses its own
    agent, so tests stay independent."""
    from tests.sync.harness import LiveServer

    server = LiveServer(tmp_path_factory.mktemp("server")).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def new_device(live_server, tmp_path: Path):
    """``new_device(via=None, **kw) -> (Device, agent_id)``: a fresh agent with one enrolled
    laptop (identity issued by the server's service layer)."""
    from tests.sync.harness import Device

    made: list = []
    counter = iter(range(1000))

    def make(*, via: str | None = None, agent_id: uuid.UUID | None = None, **kw):
        n = next(counter)
        agent = agent_id or live_server.create_agent(f"agen{uuid.uuid4().hex[:10]}")
        device_id, token = live_server.register_device(agent)
        db = make_store(tmp_path / f"device{n}.db")
        device = Device(db, server_url=live_server.url, via=via, **kw)
        device.adopt(device_id=device_id, agent_id=agent, token=token)
        device.device_id = device_id
        device.agent_id = agent
        made.append(device)
        return device

    yield make
    for device in made:
        device.close()
        device.db.close()
