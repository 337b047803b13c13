"""Regenerate ``docs/img/ui/dashboard.png``: the *Dasbor* of a demo agent, in Indonesian.

``python -m tests.outreach.make_screenshot`` makes a profile in a temporary folder, fills it with
a month of outreach in Kota Pekalongan (``tests/outreach/demo_data.py``), unlocks it through the
real unlock screen at 1366×768 (offscreen), opens *Dasbor* (Ctrl+5) and grabs the window. The
Indonesian catalogue is compiled afresh from the sources and the translation memory first, so
strings added since the last ``python -m ui.i18n.build --update`` are translated too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "img" / "ui" / "dashboard.png"
TODAY = date(2026, 9, 24)
PASSWORD = "kata-sandi-demo-123"


def _catalogue(folder: Path) -> Path:
    from ui.i18n import build

    ts = folder / "jangkau_id.ts"
    shutil.copy(build.HERE / "jangkau_id.ts", ts)
    cmd = [build._tool("lupdate"), "-no-obsolete", "-locations", "none"]
    subprocess.run(
        [*cmd, *map(str, build.sources()), "-ts", str(ts)], check=True, capture_output=True
    )
    build.fill_from_memory(ts, build.load_memory())
    qm = folder / "jangkau_id.qm"
    subprocess.run([build._tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
    return qm


def _settle(app: object, done: object, timeout: float = 30.0) -> None:
    from PySide6.QtCore import QEventLoop

    deadline = time.monotonic() + timeout
    while not done():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not settle")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)  # type: ignore[attr-defined]


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="jangkau-dashboard-shot-"))
    for name in ("DATA", "CONFIG", "CACHE", "LOG"):
        os.environ[f"JANGKAU_{name}_DIR"] = str(work / name.lower())
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QCoreApplication, QTranslator
    from PySide6.QtWidgets import QApplication

    import ui  # noqa: F401
    from core.settings import Settings
    from models import profiles
    from models.keyfile import KdfParams
    from models.services.context import load_agent_context
    from tests.outreach.demo_data import fill
    from ui import theme, translations
    from ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    theme.apply_theme(app, touch_mode="off")
    translations.set_language("id")
    fresh = QTranslator(app)
    assert fresh.load(str(_catalogue(work)))
    QCoreApplication.installTranslator(fresh)

    info, db = profiles.create_profile(
        "Agen 07", "agen07", PASSWORD, "PERISAI", argon2_params=KdfParams.fast()
    )
    fill(db, agent=load_agent_context(db, settings=Settings()), today=TODAY)
    db.close()

    window = MainWindow(
        Settings(language="id", last_profile=info.slug),
        argon2_params=KdfParams.fast(),
        today=lambda: TODAY,
        restore_geometry=False,
    )
    window.resize(1366, 768)
    window.show()
    _settle(app, window.unlock_screen.isVisible)
    window.unlock_screen.password_edit.setText(PASSWORD)
    window.unlock_screen.try_unlock()
    _settle(app, lambda: window.coverage.dashboard_view is not None)
    window.coverage.show_dashboard()
    view = window.coverage.dashboard_view
    _settle(app, lambda: view.current is not None)
    for _ in range(30):
        app.processEvents()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(OUT))
    print(f"wrote {OUT.relative_to(ROOT)}")  # noqa: T201
    window.close()
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
