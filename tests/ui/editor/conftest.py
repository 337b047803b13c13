"""Fixtures of the editor tests: a real encrypted store in tmp_path and an AppContext on it.

The store is created once per session (migrations take most of a second) with fast Argon2
parameters and copied for each test, so every test starts from an empty store of its own. The
clock is fixed: today is 10 Feb 2026, so a new prospect's first contribution month is 2026-02
(example C1 of DOMAIN.md §2.3).
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

import shiboken6

from core.settings import Settings
from models.db import Database, key_path_for
from models.keyfile import KdfParams
from models.services.context import load_agent_context
from ui.app_context import AppContext
from ui.tasks import pending_count

PASSWORD = "kata-sandi-uji-123"
TODAY = date(2026, 2, 10)
AGENT_AREA = "33.75.01"  # Kecamatan Pekalongan Barat, Kota Pekalongan


@pytest.fixture(scope="session")
def store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store_template") / "agent.db"
    db = Database.create(
        path, password=PASSWORD, profile_name="Agen Uji", argon2_params=KdfParams.fast()
    )
    db.close()
    return path


@pytest.fixture
def store(store_template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "store" / "agent.db"
    path.parent.mkdir()
    shutil.copy2(store_template, path)
    shutil.copy2(key_path_for(store_template), key_path_for(path))
    db = Database.open(path, password=PASSWORD)
    yield db
    db.close()


@pytest.fixture
def ctx(store: Database, tmp_path: Path, qtbot, jangkau_qapp) -> Iterator[AppContext]:  # noqa: ARG001 - the themed QApplication, as the app runs (geometry checks depend on it)
    from ui import translations

    # The editor tests read English source sentences; a main window built by an earlier test
    # in this process (outreach, shell) may have left the Indonesian catalogue installed.
    if translations.current_language() != "en":
        translations.set_language("en")
    settings = Settings()
    agent = dataclasses.replace(
        load_agent_context(store, settings=settings), username="agen07", area_code=AGENT_AREA
    )
    profile = tmp_path / "profile"
    profile.mkdir()
    context = AppContext(
        db=store, settings=settings, agent=agent, today=lambda: TODAY, profile_dir=profile
    )
    yield context
    qtbot.waitUntil(lambda: pending_count() == 0, timeout=10_000)


@pytest.fixture
def editor(ctx: AppContext, qtbot):
    from ui.screens.editor import ProspectEditor

    widget = ProspectEditor(ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    yield widget
    if shiboken6.isValid(widget):
        widget.close()  # stops its timers; then let queued store jobs finish before the store closes
    qtbot.waitUntil(lambda: pending_count() == 0, timeout=10_000)
