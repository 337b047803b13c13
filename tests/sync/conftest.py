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
