"""Regenerate the screenshots under docs/img/ui/ (offscreen, 1366×768, demo data).

``python -m ui.screenshots`` builds the demo agent's store in a temporary folder (the same
``ui.demo`` seed as ``make run``), unlocks it through the real unlock screen and grabs the
windows with ``QWidget.grab()``: the main window in Indonesian and English, the unlock screen
and the first-run wizard. Nothing outside the temporary folder and docs/img/ui/ is touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from ui.demo import DemoProfile

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "img" / "ui"
SIZE = (1366, 768)


def _wait(app: QApplication, condition: Callable[[], bool], timeout: float = 20.0) -> None:
    from PySide6.QtCore import QEventLoop

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("screen did not settle")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="jangkau-shots-"))
    for name in ("DATA", "CONFIG", "CACHE", "LOG"):
        os.environ[f"JANGKAU_{name}_DIR"] = str(work / name.lower())
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    import ui  # noqa: F401 - protects None before any Qt call
    from core.settings import Settings
    from ui import theme
    from ui.demo import ensure_demo_profile

    app = QApplication(sys.argv[:1])
    theme.apply_theme(app, touch_mode="off")
    OUT.mkdir(parents=True, exist_ok=True)
    demo = ensure_demo_profile(Settings())
    for language in ("id", "en"):
        _shoot(app, demo, language)
    from core import lanes

    lanes.shutdown(wait=True)
    sys.stdout.write(f"screenshots written to {OUT}\n")
    return 0


def _shoot(app: QApplication, demo: DemoProfile, language: Literal["id", "en"]) -> None:
    """The screenshots of one language."""
    from core.settings import Settings
    from ui import translations
    from ui.main_window import MainWindow

    translations.set_language(language)
    settings = Settings(language=language, last_profile=demo.profile.slug)
    window = MainWindow(settings, restore_geometry=False)
    window.resize(*SIZE)
    window.show()
    _wait(app, lambda: window.unlock_screen.isVisible())
    if language == "id":
        window.grab().save(str(OUT / "unlock.png"))
    window.unlock_screen.password_edit.setText(demo.password)
    window.unlock_screen.try_unlock()
    _wait(app, lambda: window.list_view is not None)
    view = window.list_view
    assert view is not None  # waited for above
    _wait(app, lambda: view.model.rowCount() > 0 and view.model.total is not None)
    view.table.selectRow(2)
    chosen = view.selected_row()
    assert chosen is not None  # row 2 of the demo list is selected
    _wait(
        app,
        lambda: view.side_panel.snapshot is not None and view.side_panel.snapshot.id == chosen.id,
    )
    _wait(app, lambda: view.village_choices.rowCount() > 1)
    _wait(app, lambda: window.status.texts()["total"] != "")
    suffix = "" if language == "id" else "_en"
    window.grab().save(str(OUT / f"main_window{suffix}.png"))
    if language == "id":
        window.show_setup()
        window.wizard.next()
        app.processEvents()
        window.grab().save(str(OUT / "setup_wizard.png"))
    window.close()
    _wait(app, lambda: True)


if __name__ == "__main__":
    raise SystemExit(main())
