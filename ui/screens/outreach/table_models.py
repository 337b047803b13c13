"""The outreach screen's two tables (plain rows, loaded by the view on the DB lane).

- ``EventProspectsModel``: Status, Nama, Pekerjaan, Iuran/bulan, Tindak lanjut (UI.md §3.9).
- ``DueListModel``: Jatuh tempo, Nama, Desa/Kel., Pekerjaan, Nomor HP, Terakhir: the follow-ups
  due today or overdue, overdue ones marked in words ("terlambat 3 hari"), not by colour alone.

They live beside their screen rather than in ``ui/table_models/`` (another area's folder).
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtCore import QCoreApplication as Q

from core import formatting
from models.rules.phone import format_mobile
from models.services.followups import DueFollowUp
from models.services.outreach import EventProspect
from ui import badges
from ui.table_models.prospects import occupation_label

__all__ = ["ID_ROLE", "DueListModel", "EventProspectsModel", "outcome_label"]

ID_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


def outcome_label(outcome: str | None) -> str:
    words = {
        "PLANNED": Q.translate("FollowUps", "Planned"),
        "INTERESTED": Q.translate("FollowUps", "Interested"),
        "ENROLLED": Q.translate("FollowUps", "Enrolled"),
        "REFUSED": Q.translate("FollowUps", "Refused"),
        "NOT_FOUND": Q.translate("FollowUps", "Not found"),
        "NO_ANSWER": Q.translate("FollowUps", "No answer"),
    }
    return words.get(outcome or "", "")


class _RowsModel(QAbstractTableModel):
    columns: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.header(self.columns[section])
        return None

    def header(self, column: str) -> str:
        raise NotImplementedError

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1)
            )

    def row_id(self, row: int) -> uuid.UUID | None:
        return self.rows[row].prospect_id if 0 <= row < len(self.rows) else None


class EventProspectsModel(_RowsModel):
    columns = ("status", "name", "occupation", "contribution", "follow_up")

    def header(self, column: str) -> str:
        return {
            "status": self.tr("Status"),
            "name": self.tr("Name"),
            "occupation": self.tr("Occupation"),
            "contribution": self.tr("Contribution/month"),
            "follow_up": self.tr("Follow-up"),
        }[column]

    def row_id(self, row: int) -> uuid.UUID | None:
        return self.rows[row].id if 0 <= row < len(self.rows) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row: EventProspect = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DecorationRole and column == "status":
            return badges.badge_icon(row.badge)
        if role == Qt.ItemDataRole.ToolTipRole and column == "status":
            return badges.badge_tooltip(row.badge)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "contribution":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if column == "status":
            return badges.badge_label(row.badge)
        if column == "name":
            return row.full_name or self.tr("(no name)")
        if column == "occupation":
            return occupation_label(row.occupation_1)
        if column == "contribution":
            return formatting.rupiah(row.monthly_contribution) if row.monthly_contribution else ""
        if column == "follow_up":
            return formatting.date_medium(row.next_follow_up) if row.next_follow_up else ""
        return None


class DueListModel(_RowsModel):
    columns = ("due", "name", "village", "occupation", "mobile", "last")

    def header(self, column: str) -> str:
        return {
            "due": self.tr("Due"),
            "name": self.tr("Name"),
            "village": self.tr("Village"),
            "occupation": self.tr("Occupation"),
            "mobile": self.tr("Mobile"),
            "last": self.tr("Last contact"),
        }[column]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row: DueFollowUp = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == ID_ROLE:
            return row.prospect_id
        if role == Qt.ItemDataRole.FontRole and column == "due" and row.days_overdue > 0:
            font = self.parent().font() if hasattr(self.parent(), "font") else None  # type: ignore[union-attr]
            if font is not None:
                font.setBold(True)
            return font
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if column == "due":
            when = formatting.date_medium(row.due_date)
            if row.days_overdue > 0:
                return self.tr("{date} (%n day(s) late)", "", row.days_overdue).format(date=when)
            return self.tr("{date} (today)").format(date=when)
        if column == "name":
            return row.full_name or self.tr("(no name)")
        if column == "village":
            return row.village_name or ""
        if column == "occupation":
            return occupation_label(row.occupation_1)
        if column == "mobile":
            return format_mobile(row.mobile) if row.mobile else ""
        if column == "last":
            parts = [outcome_label(row.last_outcome)]
            if row.last_note:
                parts.append(row.last_note)
            return " · ".join(p for p in parts if p)
        return None
