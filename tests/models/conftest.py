"""Fixtures of the local-store tests: real SQLCipher files in ``tmp_path`` with light Argon2
parameters (passed explicitly), a fixed date, an agent, and valid synthetic prospects."""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from models.db import Database, key_path_for
from models.keyfile import KdfParams
from models.services.context import AgentContext
from models.services.demo_seed import SyntheticProspect, make_prospect

PASSWORD = "kata-sandi-rahasia"
TODAY = date(2026, 9, 1)


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def agent() -> AgentContext:
    return AgentContext(username="agen07", display_name="Agen 07", branch_code="PEKALONGAN")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture(scope="session")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One store made by the real create path (key file, migrations to head), copied per test:
    creating a store runs every migration, which would dominate a suite of small tests."""
    path = tmp_path_factory.mktemp("template") / "store.db"
    store = Database.create(
        path, password=PASSWORD, profile_name="Agen 07", argon2_params=KdfParams.fast()
    )
    store.close()  # the last connection checkpoints and removes the WAL: one file to copy
    assert not path.with_name(path.name + "-wal").exists()
    return path


@pytest.fixture
def db(db_path: Path, template_store: Path) -> Iterator[Database]:
    shutil.copyfile(template_store, db_path)
    shutil.copyfile(key_path_for(template_store), key_path_for(db_path))
    store = Database.open(db_path, password=PASSWORD)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def rng() -> random.Random:
    return random.Random(20260901)


@pytest.fixture
def synthetic(rng: random.Random, today: date) -> Callable[..., SyntheticProspect]:
    """A factory of valid prospects: ``synthetic(full_name="SITI AMINAH", mobile=...)``."""
    used: set[str] = set()
    counter = iter(range(10**6))

    def make(**overrides: object) -> SyntheticProspect:
        item = make_prospect(rng, today=today, used_niks=used, mobile_number=next(counter))
        item.payload.update({k: v for k, v in overrides.items() if v is not None})
        for key in [k for k, v in overrides.items() if v is None]:
            item.payload.pop(key, None)
        return item

    return make
