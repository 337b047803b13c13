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
