"""The to-do list "Perlu perbaikan" (UI.md §3.7) as a table model.

Rows are the prospects whose badge asks the agent to act: returned by the supervisor, refused as
invalid by the server, or in conflict. They are read on the DB lane from the store alone (search
pages per badge, then each snapshot for the note and the marked fields), so the list works with
whatever data is there before and after sync lands. The list is short by nature; it is capped.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from core import formatting, lanes
from models.prospect_rows import ProspectFilters
from models.repositories import search
from ui import badges
from ui.errors import message_for_code
from ui.session import CORRECTION_BADGES
from ui.tasks import run_in_background

__all__ = ["CorrectionRow", "CorrectionsModel", "read_corrections", "MAX_ROWS"]

MAX_ROWS = 500
COLUMNS = ("issue", "name", "note", "fields", "date")
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class CorrectionRow:
    id: uuid.UUID
    badge: str
    name: str
    note: str | None
    field_count: int
    first_field: str | None
    error_codes: tuple[str, ...]
    when: datetime


def read_corrections(db: Any) -> list[CorrectionRow]:
    """Every prospect that waits for the agent, newest first (runs on the DB lane)."""
    from models.services import prospects as prospect_service  # off the way to the first page

    found: list[CorrectionRow] = []
    with db.read_scope() as session:
        rows = [
            row
            for badge in CORRECTION_BADGES
            for row in search.page(session, filters=ProspectFilters(badge=badge), limit=MAX_ROWS)
        ]
        for row in rows[:MAX_ROWS]:
            snap = prospect_service.snapshot(session, prospect_id=row.id)
            decision = snap.latest_decision
            fields = list(snap.field_notes) or [
                str(e.get("field", "")) for e in snap.server_errors if e.get("field")
            ]
            found.append(
                CorrectionRow(
                    id=row.id,
                    badge=row.badge,
                    name=row.full_name,
                    note=decision.note if decision is not None else None,
                    field_count=len(fields),
                    first_field=fields[0] if fields else None,
                    error_codes=tuple(
                        str(e.get("code")) for e in snap.server_errors if e.get("code")
                    ),
                    when=decision.decided_at if decision is not None else row.updated_at,
                )
            )
    found.sort(key=lambda r: r.when, reverse=True)
    return found


class CorrectionsModel(QAbstractTableModel):
    loaded = Signal(int)
    load_failed = Signal(object)

    def __init__(self, db_provider: Callable[[], Any], parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db_provider
        self._rows: list[CorrectionRow] = []
        self._headers: list[str] = []
        self._generation = 0
        self.loading = False
        self.retranslate()

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        self.loading = True
        db = self._db()
        run_in_background(
            lanes.db(),
            lambda: read_corrections(db),
            on_success=lambda rows: self._apply(generation, rows),
            on_error=self._failed,
            owner=self,
        )

    def _apply(self, generation: int, rows: list[CorrectionRow]) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()
        self.loaded.emit(len(rows))

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        self.load_failed.emit(exc)

    def row_at(self, row: int) -> CorrectionRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def retranslate(self) -> None:
        self._headers = [
            self.tr("Issue"),
            self.tr("Name"),
            self.tr("Supervisor note"),
            self.tr("Fields"),
            self.tr("Date"),
        ]
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 4))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == "issue":
            return badges.badge_icon(row.badge)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "issue":
                return badges.badge_tooltip(row.badge)
            return self._display(row, column) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "fields":
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def _display(self, row: CorrectionRow, column: str) -> str:
        match column:
            case "issue":
                return badges.badge_label(row.badge)
            case "name":
                return row.name
            case "note":
                if row.note:
                    return row.note
                if row.badge == "invalid" and row.error_codes:
                    return message_for_code(row.error_codes[0]) or row.error_codes[0]
                if row.badge == "conflict":
                    return self.tr("Choose which version to keep")
                return ""
            case "fields":
                return str(row.field_count) if row.field_count else ""
            case "date":
                return formatting.date_medium(formatting.to_wib(row.when).date())
        return ""
