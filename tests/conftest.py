"""Suite-wide fixtures: offscreen Qt, isolated app folders, the PostgreSQL switch.

Package-specific fixtures live in each test folder's own conftest.py.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_ENV = "JANGKAU_TEST_PG_URL"


def pytest_report_header(config: pytest.Config) -> str:  # noqa: ARG001
    url = os.environ.get(PG_ENV)
    if url:
        return f"jangkau: PostgreSQL tests run against {url}"
    return f"jangkau: !! PostgreSQL tests SKIPPED: {PG_ENV} not set or server not answering"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:  # noqa: ARG001
    if os.environ.get(PG_ENV):
        return
    skip = pytest.mark.skip(reason=f"PostgreSQL not available ({PG_ENV} unset)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _isolated_app_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Every test gets its own data/config/log folders: nothing touches the real profile."""
    base = tmp_path_factory.mktemp("appdirs")
    for name in ("DATA", "CONFIG", "CACHE", "LOG"):
        monkeypatch.setenv(f"JANGKAU_{name}_DIR", str(base / name.lower()))
    yield base


@pytest.fixture
def pg_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL not available ({PG_ENV} unset)")
    return url
