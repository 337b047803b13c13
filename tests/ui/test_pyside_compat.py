"""PySide6 6.12.0 drops a reference to None on every void call under Python 3.11; importing
``ui`` protects the process (ui/pyside_compat.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.gui

_SCRIPT = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
{imports}
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget()
for _ in range(20_000):
    w.setEnabled(True)  # a void method: returns None
    w.parent()  # None for a top-level widget
print("alive")
"""


def _run(imports: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _SCRIPT.format(imports=imports)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=str(__import__("core.paths").paths.PROJECT_ROOT),
    )


def test_void_calls_survive_after_importing_ui():
    result = _run("import ui")
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "alive"


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_without_the_protection_the_bug_is_real():
    """Guards the guard: if a PySide6 update fixes the bug, this fails and the fix can go."""
    result = _run("")
    assert result.returncode != 0
    assert "none_dealloc" in result.stderr
