"""The faster PySide6 feature check answers as PySide6's own does."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import ui  # noqa: F401 - installs the check
from ui import pyside_features


@pytest.mark.timeout(30)
def test_the_byte_search_agrees_with_inspect_getsource():
    feature = sys.modules["shibokensupport.feature"]
    assert getattr(feature._mod_uses_pyside, "_jangkau", False)
    assert not pyside_features.speed_up_feature_check()  # installed once
    names = ["ui.theme", "ui.pyside_compat", "core.lanes", "json", "os", "sys", "ui.tasks"]
    names += ["math", "builtins", "_json", "PySide6.QtCore", "sqlcipher3._sqlite3"]  # no source
    for name in names:
        module = __import__(name, fromlist=["_"])
        try:
            expected = "PySide6" in inspect.getsource(module)
        except (TypeError, OSError):
            expected = False
        assert feature._mod_uses_pyside(module) == expected, name


@pytest.mark.timeout(60)
def test_importing_ui_first_installs_the_check():
    """As main.py does: ``import ui`` before any Qt module still installs the faster check."""
    probe = (
        "import sys; import ui; "
        "feature = sys.modules['shibokensupport.feature']; "
        "print(getattr(feature._mod_uses_pyside, '_jangkau', False))"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, timeout=50
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
