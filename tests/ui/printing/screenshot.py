"""Render ``docs/img/ui/print_dialog.png``: the print dialog over the main window at 1366×768.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.printing.screenshot [OUT.png]

A throwaway profile (temporary app folders) with synthetic prospects is unlocked through the
real unlock screen; one prospect was printed before, so the list shows "(2x)". The dialog is
opened by the main window's print action and painted centred over the window (offscreen windows
have no frame, so a thin border and shadow stand in for the window manager's).
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_OUT = ROOT / "docs" / "img" / "ui" / "print_dialog.png"
TODAY = date(2026, 2, 10)
PASSWORD = "contoh-sandi-123"
NAMES = ("SITI AMINAH", "BUDI SANTOSO", "DEWI LESTARI")


def _settle(app, until: Callable[[], bool], timeout: float = 30.0) -> None:  # noqa: ANN001
    import time

    from ui.tasks import pending_count

    deadline = time.monotonic() + timeout
    while not (until() and pending_count() == 0):
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not settle")
        app.processEvents()
        time.sleep(0.005)
    for _ in range(5):
        app.processEvents()


def render(out: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="jangkau-shot-") as tmp:
        for name in ("DATA", "CONFIG", "CACHE", "LOG"):
            os.environ[f"JANGKAU_{name}_DIR"] = str(Path(tmp) / name.lower())
        return _render(out)


def _render(out: Path) -> Path:
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtGui import QColor, QPainter
    from PySide6.QtWidgets import QApplication

    from core.settings import Settings
    from models import profiles
    from models.keyfile import KdfParams
    from models.services import demo_seed
    from models.services import prospects as prospect_service
    from models.services.context import load_agent_context
    from ui import theme, translations
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    theme.apply_theme(app, touch_mode="off")
    translations.set_language("id")
    kdf = KdfParams.fast()
    info, db = profiles.create_profile(
        "Rina Wulandari", "rina", PASSWORD, "PERISAI", argon2_params=kdf
    )
    agent = load_agent_context(db, settings=Settings())
    seeded = demo_seed.seed(db, count=40, rng=random.Random(11), agent=agent, today=TODAY)
    chosen = []
    for prospect_id, name in zip(seeded.ids[-3:], NAMES, strict=True):
        snap = prospect_service.load(db, prospect_id=prospect_id)
        payload = {**snap.payload, "full_name": name}
        prospect_service.save(
            db, prospect_id=prospect_id, payload=payload, submit=True, agent=agent,
            today=TODAY, consent=snap.consent,
        )  # fmt: skip
        chosen.append(prospect_id)
    prospect_service.record_print(db, prospect_ids=[chosen[2]], agent=agent)
    db.close()

    window = MainWindow(
        Settings(language="id"), argon2_params=kdf, restore_geometry=False, today=lambda: TODAY
    )
    window.resize(1366, 768)
    window.show()
    screen = window.unlock_screen
    screen.profile_combo.setCurrentIndex(screen.profile_combo.findData(info.slug))
    screen.password_edit.setText(PASSWORD)
    screen.password_edit.returnPressed.emit()
    _settle(app, lambda: window.list_view is not None and window.list_view.model.rowCount() > 0)
    view = window.list_view
    view.table.selectRow(view.model.row_of(chosen[0]))
    _settle(app, lambda: view.side_panel.snapshot is not None)

    dialog = window.printing.print_forms(chosen)
    assert dialog is not None
    _settle(app, lambda: dialog.list.count() == 3 and dialog.controls.printers is not None)
    dialog.list.set_checked(chosen[2], False)
    _settle(app, lambda: dialog.preview.has_document)

    shot = window.grab()
    card = dialog.grab()
    painter = QPainter(shot)
    at = QPoint((shot.width() - card.width()) // 2, (shot.height() - card.height()) // 2 + 10)
    for spread, alpha in ((12, 10), (8, 18), (4, 28)):
        painter.fillRect(
            QRect(at, card.size()).adjusted(-spread, -spread + 4, spread, spread + 4),
            QColor(0, 0, 0, alpha),
        )
    painter.drawPixmap(at, card)
    painter.setPen(QColor("#8A9099"))
    painter.drawRect(QRect(at, card.size()).adjusted(-1, -1, 0, 0))
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    _save(shot, out)
    dialog.reject()
    window.close()
    _settle(app, lambda: True)
    return out


def _save(pixmap, out: Path) -> None:  # noqa: ANN001 - a QPixmap
    from PySide6.QtCore import Qt

    image = pixmap.toImage().convertToFormat(pixmap.toImage().Format.Format_RGB888)
    if not image.save(str(out), "PNG", 9):
        raise OSError(f"cannot write {out}")
    del Qt


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    print(render(target))
