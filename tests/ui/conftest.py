"""Shared GUI fixtures of tests/ui (the shell's tests and tests/ui/editor may use them).

- ``jangkau_qapp``: the QApplication with the Jangkau theme and the Indonesian catalogue (the
  default language); tests/conftest.py puts Indonesian, the normal theme and no stray windows
  back before and after every GUI test.
- ``fast_kdf``: light Argon2 parameters, passed explicitly to every store the tests create.
- ``seeded_profile_template``: one agent profile with ``SEEDED_COUNT`` synthetic prospects, made
  once per session; ``seeded_profile`` copies it into this test's own profiles folder.
- ``empty_profile``: the same without prospects.
- ``main_window``: a real ``MainWindow`` at 1366×768 with a fixed clock (``TODAY``).
- ``unlocked_window``: ``main_window`` unlocked on ``seeded_profile`` with its first page loaded.
- ``wait_for_tasks(qtbot)``: wait until every background result has been delivered.

Stable API: names and meanings of these fixtures and constants do not change.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import Qt

from core import paths
from core.settings import Settings
from models import profiles
from models.keyfile import KdfParams
from models.profiles import ProfileInfo
from models.services import demo_seed
from models.services.context import load_agent_context

PASSWORD = "kata-sandi-uji-123"
TODAY = date(2026, 2, 10)
SEEDED_COUNT = 300
SEEDED_USERNAME = "agen01"
EMPTY_USERNAME = "agen02"
WINDOW_SIZE = (1366, 768)


@pytest.fixture(scope="session")
def fast_kdf() -> KdfParams:
    return KdfParams.fast()


@pytest.fixture(scope="session")
def jangkau_qapp(qapp: Any) -> Any:
    from ui import theme, translations

    theme.apply_theme(qapp, high_contrast=False, touch_mode="off")
    translations.set_language("id")
    return qapp


def _make_profile(base: Path, *, username: str, name: str, count: int, kdf: KdfParams) -> Path:
    info, db = profiles.create_profile(
        name, username, PASSWORD, "PERISAI", base=base, argon2_params=kdf
    )
    try:
        if count:
            agent = load_agent_context(db, settings=Settings())
            demo_seed.seed(db, count=count, rng=random.Random(7), agent=agent, today=TODAY)
    finally:
        db.close()
    return info.folder


@pytest.fixture(scope="session")
def seeded_profile_template(tmp_path_factory: pytest.TempPathFactory, fast_kdf: KdfParams) -> Path:
    base = tmp_path_factory.mktemp("profile_templates")
    return _make_profile(
        base, username=SEEDED_USERNAME, name="Agen Uji", count=SEEDED_COUNT, kdf=fast_kdf
    )


@pytest.fixture(scope="session")
def empty_profile_template(tmp_path_factory: pytest.TempPathFactory, fast_kdf: KdfParams) -> Path:
    base = tmp_path_factory.mktemp("profile_templates_empty")
    return _make_profile(base, username=EMPTY_USERNAME, name="Agen Kosong", count=0, kdf=fast_kdf)


def _install(template: Path) -> ProfileInfo:
    target = paths.profiles_dir() / template.name
    shutil.copytree(template, target)
    found = [p for p in profiles.list_profiles() if p.slug == template.name]
    assert found, f"profile {template.name} not listed after copying"
    return found[0]


@pytest.fixture
def seeded_profile(seeded_profile_template: Path) -> ProfileInfo:
    """The seeded profile, copied into this test's own profiles folder."""
    return _install(seeded_profile_template)


@pytest.fixture
def empty_profile(empty_profile_template: Path) -> ProfileInfo:
    return _install(empty_profile_template)


def wait_for_tasks(qtbot: Any, timeout: int = 10_000) -> None:
    """Wait until every ``run_in_background`` result has reached the GUI thread."""
    from ui.tasks import pending_count

    qtbot.waitUntil(lambda: pending_count() == 0, timeout=timeout)


@pytest.fixture
def make_main_window(
    qtbot: Any, jangkau_qapp: Any, fast_kdf: KdfParams
) -> Iterator[Callable[..., Any]]:
    """Build main windows with a fixed clock; each is closed (store too) at teardown."""
    from ui.main_window import MainWindow

    windows: list[Any] = []

    def make(settings: Settings | None = None, **kwargs: Any) -> Any:
        kwargs.setdefault("today", lambda: TODAY)
        window = MainWindow(
            settings or Settings(language="id"),
            argon2_params=fast_kdf,
            restore_geometry=False,
            **kwargs,
        )
        qtbot.addWidget(window)
        window.resize(*WINDOW_SIZE)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        editor = getattr(window, "editor", None)
        if editor is not None and hasattr(editor, "_dirty"):
            editor._dirty = False  # the test is over: no unsaved-changes prompt at teardown
        window.close()
    wait_for_tasks(qtbot)
    from core import lanes

    lanes.db().submit(lambda: None).result(timeout=10)


@pytest.fixture
def main_window(make_main_window: Callable[..., Any]) -> Any:
    return make_main_window()


def fill_profile_page(
    qtbot: Any, wizard: Any, *, name: str, username: str, kind_index: int = 0
) -> None:
    """Setup wizard: from the welcome page through the profile page (``PASSWORD`` twice) to
    the enrollment page."""
    wizard.next()
    page = wizard.profile_page
    qtbot.keyClicks(page.name_edit, name)
    qtbot.keyClicks(page.username_edit, username)
    page.kind_combo.setCurrentIndex(kind_index)
    qtbot.keyClicks(page.password_edit, PASSWORD)
    qtbot.keyClicks(page.repeat_edit, PASSWORD)
    wizard.next()


def unlock(qtbot: Any, window: Any, profile: ProfileInfo, password: str = PASSWORD) -> None:
    """Unlock ``profile`` through the real unlock screen and wait for the first page."""
    screen = window.unlock_screen
    index = screen.profile_combo.findData(profile.slug)
    assert index >= 0
    screen.profile_combo.setCurrentIndex(index)
    screen.password_edit.clear()
    qtbot.keyClicks(screen.password_edit, password)
    with qtbot.waitSignal(window.session_started, timeout=10_000):
        qtbot.keyClick(screen.password_edit, Qt.Key.Key_Return)
    model = window.list_view.model
    qtbot.waitUntil(lambda: not model.loading and model.total is not None, timeout=10_000)


@pytest.fixture
def unlocked_window(
    qtbot: Any, seeded_profile: ProfileInfo, make_main_window: Callable[..., Any]
) -> Any:
    window = make_main_window()
    unlock(qtbot, window, seeded_profile)
    return window
