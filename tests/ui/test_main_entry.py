"""main.py, the composition root: no display → a clear message and exit 1; --demo starts the
embedded server, prepares the demo agent and prints both logins."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from core.paths import PROJECT_ROOT

pytestmark = pytest.mark.gui


def _env(**changes: str | None) -> dict[str, str]:
    env = dict(os.environ)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def test_without_a_display_it_says_so_and_exits_1(tmp_path):
    env = _env(DISPLAY=None, WAYLAND_DISPLAY=None, QT_QPA_PLATFORM=None)
    result = subprocess.run(
        [sys.executable, "main.py", "--data-dir", str(tmp_path)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "needs a display" in result.stderr
    assert "xvfb-run -a make run" in result.stderr


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_demo_mode_prints_both_logins_and_stays_up(tmp_path):
    env = _env(QT_QPA_PLATFORM="offscreen")
    for name in ("DATA", "CONFIG", "CACHE", "LOG"):
        env.pop(f"JANGKAU_{name}_DIR", None)
    process = subprocess.Popen(
        [sys.executable, "main.py", "--demo", "--data-dir", str(tmp_path)],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "Supervisors review" in line:
                break
        output = "".join(lines)
        assert "Desktop: profile Agen Demo 01 (agen01), password demo-agen01-2026" in output
        assert "spv01" in output and "supervisor" in output
        assert "agent" in output and "enrollment code" in output
        assert "Server http://127.0.0.1:" in output
        time.sleep(0.5)
        assert process.poll() is None, process.stderr.read()
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert (tmp_path / "server.sqlite").exists()
    assert list((tmp_path / "data" / "profiles").glob("*/profile.json"))


def test_the_unlock_screen_starts_without_the_heavy_screens(tmp_path):
    """With a profile on the laptop the window opens at the unlock screen without importing the
    setup wizard, supervisor review (requests), printing or the dashboard report (ReportLab)."""
    from models import profiles
    from models.keyfile import KdfParams

    base = tmp_path / "data"
    _info, db = profiles.create_profile(
        "Agen Uji",
        "uji01",
        "kata-sandi-uji-123",
        "PERISAI",
        base=base / "profiles",
        argon2_params=KdfParams.fast(),
    )
    db.close()
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "import ui\n"
        "from core.settings import Settings\n"
        "from ui.main_window import MainWindow\n"
        "app = QApplication([])\n"
        "window = MainWindow(Settings(), restore_geometry=False)\n"
        "window.show()\n"
        "app.processEvents()\n"
        "assert window.stack.currentWidget() is window.unlock_screen\n"
        "heavy = ('ui.screens.setup_wizard', 'ui.screens.review.supervisor_mode', 'requests',\n"
        "         'reportlab', 'alembic', 'models.services.prospects', 'sqlalchemy')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    env = _env(
        QT_QPA_PLATFORM="offscreen",
        JANGKAU_DATA_DIR=str(base),
        JANGKAU_CONFIG_DIR=str(tmp_path / "config"),
        JANGKAU_LOG_DIR=str(tmp_path / "log"),
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]"
