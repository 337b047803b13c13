"""Render ``docs/img/ui/editor.png``: the editor at 1366×768, in Indonesian, with a realistic
prospect (``support.fill_example``) open at *Program & iuran*.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.editor.screenshot [OUT.png] [SECTION]

Uses a throwaway store in a temporary folder; nothing else is touched.
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_OUT = ROOT / "docs" / "img" / "ui" / "editor.png"


def render(out: Path, section: int = 3) -> Path:
    from core.settings import Settings
    from models.db import Database
    from models.keyfile import KdfParams
    from models.services.context import load_agent_context
    from tests.ui.editor.support import build_catalogue, fill_example, install_catalogue
    from ui.app_context import AppContext
    from ui.screens.editor import ProspectEditor
    from ui.tasks import pending_count
    from ui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv)
    apply_theme(app)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        install_catalogue(build_catalogue(folder))
        db = Database.create(
            folder / "agent.db", password="contoh-sandi-123", profile_name="Agen 07",
            argon2_params=KdfParams.fast(),
        )  # fmt: skip
        settings = Settings()
        agent = dataclasses.replace(load_agent_context(db, settings=settings), area_code="33.75.01")
        ctx = AppContext(
            db=db,
            settings=settings,
            agent=agent,
            today=lambda: date(2026, 2, 10),
            profile_dir=folder,
        )
        editor = ProspectEditor(ctx)
        editor.resize(1366, 768)
        editor.load_new()
        editor.show()
        fill_example(editor)
        # a donor pays, the programme reference is still to come: one open warning to show
        editor.programme.funding_combo.set_code("DONATUR_CSR")
        editor.save_draft()
        _settle(app, pending_count)
        editor.load_existing(editor.prospect_id)  # reopened as an agent would see it
        _settle(app, pending_count)
        editor.go_to_section(section)
        _settle(app, pending_count)
        out.parent.mkdir(parents=True, exist_ok=True)
        editor.grab().save(str(out))
        editor.close()
        db.close()
    return out


def _settle(app: QApplication, pending) -> None:  # noqa: ANN001
    while pending():
        app.processEvents()
    for _ in range(3):
        app.processEvents()


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    print(render(target, int(sys.argv[2]) if len(sys.argv) > 2 else 3))
