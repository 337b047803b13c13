"""Suite-wide fixtures: offscreen Qt, isolated app folders, the PostgreSQL switch.

Package-specific fixtures live in each test folder's own conftest.py.
"""

from __future__ import annotations

import os
import sys
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


@pytest.fixture(autouse=True)
def _shipped_reference_data() -> Iterator[None]:
    """Reference data installed by one test (a sync, an unlock of a store holding some) is
    process-wide in ``models.rules``: every test starts and ends with the shipped files."""
    reference = sys.modules.get("models.rules.reference")
    if reference is not None:
        reference.reset()
    yield
    reference = sys.modules.get("models.rules.reference")
    if reference is not None:
        reference.reset()


def _gui_defaults() -> None:
    """Indonesian, normal contrast, no touch mode: the state every GUI test starts from."""
    from ui import theme, translations

    if translations.current_language() != "id":
        translations.set_language("id")
    if theme.current_colours() is not theme.NORMAL or theme.touch_enabled():
        from PySide6.QtWidgets import QApplication

        theme.apply_theme(QApplication.instance(), touch_mode="off")


@pytest.fixture(autouse=True)
def _fresh_gui_state() -> Iterator[None]:
    """One QApplication serves the whole run, so a GUI test must not inherit the last one's
    language, theme or windows: defaults before and after, and the top-level widgets a test
    left behind are hidden and deleted (they would otherwise take focus, repolish on theme
    changes and fire timers into the next test)."""
    if "PySide6.QtWidgets" not in sys.modules:
        yield
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        yield
        return
    _gui_defaults()
    before = set(QApplication.topLevelWidgets())
    yield
    import shiboken6

    for widget in QApplication.topLevelWidgets():
        if widget not in before and shiboken6.isValid(widget):
            widget.hide()
            widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    _gui_defaults()


@pytest.fixture
def pg_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL not available ({PG_ENV} unset)")
    return url
