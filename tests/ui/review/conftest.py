"""Fixtures of the review workspace tests: the real server on loopback (one per session), a fresh
village world per test, the Indonesian catalogue of the review screens, and a live workspace.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.ui.review.support import ReviewWorld, build_catalogue, settle


@pytest.fixture(scope="session")
def review_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from tests.sync.harness import LiveServer

    server = LiveServer(tmp_path_factory.mktemp("review_server")).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def world(review_server: Any, tmp_path: Path) -> Iterator[ReviewWorld]:
    made = ReviewWorld(review_server, tmp_path)
    try:
        yield made
    finally:
        made.close()


@pytest.fixture(scope="session")
def review_strings_translated(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every review-screen string has an Indonesian entry (built once from the sources and the
    translation memory; nothing is installed, so no other test sees this catalogue)."""
    build_catalogue(tmp_path_factory.mktemp("review_i18n"))


@pytest.fixture
def review_catalogue(jangkau_qapp: Any, review_strings_translated: None) -> None:
    """The app in Indonesian through its own catalogue (``ui.translations``); the shared autouse
    fixture of tests/ui puts Indonesian back after a test that switched."""
    del jangkau_qapp, review_strings_translated
    from ui import translations

    translations.set_language("id")


@pytest.fixture
def make_workspace(qtbot: Any, review_catalogue: Any) -> Iterator[Any]:
    """``make_workspace(world, **kw)``: a signed-in workspace at 1366×700 with its queue loaded."""
    del review_catalogue
    from PySide6.QtWidgets import QApplication

    from ui.screens.review.review_session import ReviewSession
    from ui.screens.review.workspace import ReviewWorkspace

    made: list[Any] = []

    def make(world: ReviewWorld, **kwargs: Any) -> Any:
        session = ReviewSession(world.new_client())
        workspace = ReviewWorkspace(session, **kwargs)
        qtbot.addWidget(workspace)
        workspace.resize(1366, 700)
        workspace.show()
        workspace.activateWindow()  # shortcuts (Alt+S, Ctrl+↓) need the active window
        qtbot.waitUntil(lambda: QApplication.activeWindow() is workspace, timeout=5_000)
        with qtbot.waitSignal(workspace.queue_loaded, timeout=15_000):
            workspace.start()
        settle(qtbot)
        made.append(workspace)
        return workspace

    yield make
    for workspace in made:
        workspace._refresh_timer.stop()
        workspace.toast.expire()
    settle(qtbot)
