"""ui.preload: background imports that wait while a session opens, then turn the collector on."""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ui import preload


@pytest.fixture
def modules(tmp_path: Path) -> Iterator[list[str]]:
    """Two importable modules of this test's own, forgotten again afterwards."""
    names = [f"jk_preload_probe_{i}_{tmp_path.name}".replace("-", "_") for i in range(2)]
    for name in names:
        (tmp_path / f"{name}.py").write_text("LOADED = True\n")
    sys.path.insert(0, str(tmp_path))
    try:
        yield names
    finally:
        sys.path.remove(str(tmp_path))
        for name in names:
            sys.modules.pop(name, None)
        preload.release()


@pytest.fixture
def collector_off() -> Iterator[None]:
    """The collector off, as main.py starts the app; on again after the test whatever happens."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def test_preload_imports_every_module_then_turns_the_collector_on(
    modules: list[str], collector_off: None
) -> None:
    thread = preload.preload_in_background(
        (modules[0], "jk_no_such_module_anywhere"), (modules[1],), delay=0
    )
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert all(sys.modules[name].LOADED for name in modules)  # a missing one did not stop it
    assert gc.isenabled()


def test_a_held_preload_waits_and_keeps_the_collector_off_until_released(
    modules: list[str], collector_off: None
) -> None:
    preload.hold()
    thread = preload.preload_in_background((modules[0],), (modules[1],), delay=0)
    time.sleep(0.2)
    assert modules[0] not in sys.modules and modules[1] not in sys.modules
    assert not gc.isenabled()
    preload.release()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert modules[1] in sys.modules
    assert gc.isenabled()


def test_freeze_modules_turns_the_collector_on(collector_off: None) -> None:
    preload.freeze_modules()
    assert gc.isenabled()
