"""Helpers of the print screen tests: drive *Simpan PDF* like a user, read a saved PDF back."""

from __future__ import annotations

import io
import uuid
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from sqlalchemy import select

from PySide6.QtCore import Qt

from models.audit import AuditEvent
from models.db import Database
from models.services import prospects as prospect_service


def click(qtbot: Any, button: Any) -> None:
    assert button.isEnabled(), f"{button.text()!r} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def choose_file(qtbot: Any, dialog: Any, path: Path) -> None:
    """Press *Simpan PDF* and pick ``path`` in the file dialog that opens."""
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: dialog.output.file_dialog is not None, timeout=5_000)
    files = dialog.output.file_dialog
    qtbot.waitUntil(files.isVisible, timeout=5_000)
    files.selectFile(str(path))
    files.accept()


def save_pdf(qtbot: Any, dialog: Any, path: Path, *, timeout: int = 20_000) -> str:
    """*Simpan PDF* to ``path`` and wait for the outcome (``saved``, ``failed``…)."""
    with qtbot.waitSignal(dialog.finished_output, timeout=timeout) as blocker:
        choose_file(qtbot, dialog, path)
    return str(blocker.args[0])


def pdf_text(data: bytes | Path) -> str:
    raw = data.read_bytes() if isinstance(data, Path) else data
    reader = PdfReader(io.BytesIO(raw))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def pdf_pages(data: bytes | Path) -> int:
    raw = data.read_bytes() if isinstance(data, Path) else data
    return len(PdfReader(io.BytesIO(raw)).pages)


def printed_count(db: Database, prospect_id: uuid.UUID) -> int:
    return prospect_service.load(db, prospect_id=prospect_id).printed_count


def print_audits(db: Database, prospect_id: uuid.UUID) -> int:
    with db.read_scope() as session:
        rows = session.scalars(
            select(AuditEvent).where(
                AuditEvent.entity_id == prospect_id, AuditEvent.action == "PRINT"
            )
        ).all()
        return len(rows)


def list_texts(dialog: Any) -> list[str]:
    return [dialog.list.item(row).text() for row in range(dialog.list.count())]
