"""The dashboard's table (UI.md §3.10): one row per breakdown key, then *Jumlah*.

Columns: the key's name (*Desa/Kelurahan*, *Pekerjaan*, *Petugas*…), *Prospek*, *Disetujui*,
*Tindak lanjut*, *Sasaran*, *Cakupan*. Numbers are right-aligned in id_ID form; a missing target
or coverage shows "–". Plain values only (``CoverageRow``); nothing is loaded here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from core.formatting import date_medium, thousands
from models.services.dashboard import CoverageRow, DashboardData
from ui.table_models.prospects import occupation_label

__all__ = ["CoverageTableModel", "row_label"]

_Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("label", "prospects", "approved", "follow_ups", "target", "coverage")


def percent_label(share: float | None) -> str:
    """``printing.dashboard_report.percent``, imported on first use: that module loads
    ReportLab, and every session builds this screen right after the prospect list."""
    from printing.dashboard_report import percent

    return percent(share)


def row_label(by: str, row: CoverageRow, *, unknown: str) -> str:
    """The row's name in the screen language."""
    if not row.key:
        return unknown
    if by == "week":
        monday = date.fromisoformat(row.key)
        from datetime import timedelta

        return f"{date_medium(monday)} – {date_medium(monday + timedelta(days=6))}"
    if by == "occupation":
        return occupation_label(row.key) or row.key
    return row.label or row.key


class CoverageTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_: DashboardData | None = None
        self.headers = [""] * len(COLUMNS)
        self.unknown = ""
        self.total_label = ""

    def set_data(self, data: DashboardData | None) -> None:
        self.beginResetModel()
        self.data_ = data
        self.endResetModel()

    def set_words(self, headers: list[str], *, unknown: str, total: str) -> None:
        self.headers = headers
        self.unknown = unknown
        self.total_label = total
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.data_ is None or not self.data_.rows:
            return 0
        return len(self.data_.rows) + 1  # + Jumlah

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = Qt.AlignmentFlag.AlignRight if section > 0 else Qt.AlignmentFlag.AlignLeft
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _cells(self, row: int) -> list[str]:
        assert self.data_ is not None
        rows = self.data_.rows
        if row == len(rows):
            totals = self.data_.totals
            return [
                self.total_label,
                thousands(totals.prospects),
                thousands(totals.approved),
                thousands(totals.follow_ups),
                "",
                "",
            ]
        item = rows[row]
        return [
            row_label(self.data_.by, item, unknown=self.unknown),
            thousands(item.prospects),
            thousands(item.approved),
            "–" if item.follow_ups is None else thousands(item.follow_ups),
            "–" if item.target is None else thousands(item.target),
            percent_label(item.coverage),
        ]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.data_ is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._cells(index.row())[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            if index.row() < len(self.data_.rows):
                return self.data_.rows[index.row()].key or None
        if role == Qt.ItemDataRole.FontRole and index.row() == len(self.data_.rows):
            font = QFont()
            font.setBold(True)
            return font
        return None
