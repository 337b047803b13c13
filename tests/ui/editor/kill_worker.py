"""Child process of test_editor_kill.py: fill every section of a new prospect, wait for the
10-second autosave, say so on stdout, then keep running until the test kills it with SIGKILL.

``python -m tests.ui.editor.kill_worker <store.db> <profile-dir> <password>``
"""

from __future__ import annotations

import dataclasses
import os
import sys
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(store_path: str, profile_dir: str, password: str) -> int:
    from PySide6.QtWidgets import QApplication

    from core.settings import Settings
    from models.db import Database
    from models.services.context import load_agent_context
    from tests.ui.editor.support import fill_example
    from ui import translations
    from ui.app_context import AppContext
    from ui.screens.editor import ProspectEditor

    app = QApplication([])
    translations.set_language("en")
    db = Database.open(Path(store_path), password=password)
    settings = Settings()
    agent = dataclasses.replace(
        load_agent_context(db, settings=settings), username="agen07", area_code="33.75.01"
    )
    ctx = AppContext(
        db=db,
        settings=settings,
        agent=agent,
        today=lambda: date(2026, 2, 10),
        profile_dir=Path(profile_dir),
    )
    editor = ProspectEditor(ctx)
    editor.resize(1366, 700)
    editor.show()
    editor.load_new()
    fill_example(editor)

    def autosaved(*_args: object) -> None:
        sys.stdout.write(f"autosaved {editor.prospect_id}\n")
        sys.stdout.flush()

    editor.autosaved.connect(autosaved)
    return app.exec()  # until SIGKILL


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:4]))
