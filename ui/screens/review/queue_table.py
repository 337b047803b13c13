"""Table models of the review workspace's left side (UI.md §3.8): the queue and the record list.

``BatchTableModel``: one row per batch (an outreach event, or an agent's records outside any
event): Kegiatan, Petugas, Tanggal, Terima ("37/37" from the manifest), Tunggu (waiting for a
decision), Tanda (flagged). ``RecordTableModel``: the records of the chosen batch: St (badge),
Nama, Tanda (flags), Cek (errors and warnings of the server-side checks). Both hold plain reply
objects (``sync.review_schemas``), sort in memory (a batch is loaded whole) and give text in
``DisplayRole``, icons in ``DecorationRole`` and meaning in ``ToolTipRole``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from core import formatting
from sync.review_schemas import BatchOut, RecordSummary
from ui.badges import badge_icon, flag_icon
from ui.screens.review.field_labels import display_value, flag_text, state_label

__all__ = ["BatchTableModel", "RecordTableModel", "ROW_ROLE"]

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_STATE_BADGE = {
    "received": "received",
    "approved": "approved",
    "returned": "returned",
    "rejected": "rejected",
    "withdrawn": "withdrawn",
}


class _SortedRows(QAbstractTableModel):
    """Rows in memory, sorted by the clicked column (the view's sort indicator)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def columns(self) -> list[str]:
        raise NotImplementedError

    def sort_key(self, row: Any, column: int) -> Any:
        raise NotImplementedError

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            names = self.columns()
            return names[section] if 0 <= section < len(names) else None
        return None

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        if self._sort is not None:
            self._apply_sort(*self._sort)
        self.endResetModel()

    def row_at(self, row: int) -> Any | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._apply_sort(column, order)
        self.layoutChanged.emit()

    def _apply_sort(self, column: int, order: Qt.SortOrder) -> None:
        reverse = order == Qt.SortOrder.DescendingOrder
        self.rows.sort(key=lambda r: self.sort_key(r, column), reverse=reverse)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1)
            )


class BatchTableModel(_SortedRows):
    """Kegiatan (place and day), Petugas, Terima, Tunggu, Tanda."""

    KEGIATAN, PETUGAS, TERIMA, TUNGGU, TANDA = range(5)

    def columns(self) -> list[str]:
        return [
            QCoreApplication.translate("ReviewQueue", "Event"),
            QCoreApplication.translate("ReviewQueue", "Agent"),
            QCoreApplication.translate("ReviewQueue", "Received"),
            QCoreApplication.translate("ReviewQueue", "Waiting"),
            QCoreApplication.translate("ReviewQueue", "Flagged"),
        ]

    @staticmethod
    def day(batch: BatchOut) -> date | None:
        """The event's date, or (outside events) the day the last record arrived, in WIB."""
        if batch.date is not None:
            return batch.date
        return formatting.to_wib(batch.last_received_at).date() if batch.last_received_at else None

    def sort_key(self, row: BatchOut, column: int) -> Any:
        match column:
            case self.KEGIATAN:
                return (self.day(row) or date.min, (row.place_name or "").casefold())
            case self.PETUGAS:
                return row.agent.label.casefold()
            case self.TERIMA:
                return row.arrived
            case self.TUNGGU:
                return row.pending
            case _:
                return row.flagged

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        batch = self.row_at(index.row()) if index.isValid() else None
        if batch is None:
            return None
        column = index.column()
        if role == ROW_ROLE:
            return batch
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(batch, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(batch, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= self.TERIMA:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DecorationRole and column == self.TANDA and batch.flagged:
            return flag_icon("possible_duplicate")
        return None

    def _text(self, batch: BatchOut, column: int) -> str:
        match column:
            case self.KEGIATAN:
                place = batch.place_name or QCoreApplication.translate(
                    "ReviewQueue", "Outside events"
                )
                day = self.day(batch)
                return f"{place} · {formatting.date_medium(day)}" if day else place
            case self.PETUGAS:
                return batch.agent.label
            case self.TERIMA:
                if batch.expected is not None:
                    return f"{batch.arrived}/{batch.expected}"
                return str(batch.arrived)
            case self.TUNGGU:
                return str(batch.pending)
            case _:
                return str(batch.flagged) if batch.flagged else ""

    def _tip(self, batch: BatchOut, column: int) -> str | None:
        if column == self.TERIMA:
            if batch.expected is None:
                return QCoreApplication.translate(
                    "ReviewQueue", "Records received so far; the event is still open."
                )
            return QCoreApplication.translate(
                "ReviewQueue", "{arrived} of {expected} records of the closed event received."
            ).format(arrived=batch.arrived, expected=batch.expected)
        if column == self.KEGIATAN:
            parts = [self._text(batch, column)]
            if batch.area_code:
                parts.append(display_value("area_code", batch.area_code))
            return "\n".join(parts)
        return None

    def find(self, key: str) -> int:
        return next((i for i, b in enumerate(self.rows) if b.key == key), -1)


class RecordTableModel(_SortedRows):
    ST, NAMA, TANDA, CEK = range(4)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)

    def columns(self) -> list[str]:
        return [
            QCoreApplication.translate("ReviewQueue", "St"),
            QCoreApplication.translate("ReviewQueue", "Name"),
            QCoreApplication.translate("ReviewQueue", "Flag"),
            QCoreApplication.translate("ReviewQueue", "Checks"),
        ]

    def sort_key(self, row: RecordSummary, column: int) -> Any:
        match column:
            case self.ST:
                return row.review_state or ""
            case self.NAMA:
                return (row.full_name or "").casefold()
            case self.TANDA:
                return (len(row.flags), ",".join(row.flags))
            case _:
                return (row.errors, row.warnings)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.row_at(index.row()) if index.isValid() else None
        if record is None:
            return None
        column = index.column()
        if role == ROW_ROLE:
            return record
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(record, column)
        if role == Qt.ItemDataRole.DecorationRole:
            if column == self.ST and record.review_state in _STATE_BADGE:
                return badge_icon(_STATE_BADGE[record.review_state])
            if column == self.TANDA and record.flags:
                return flag_icon(record.flags[0])
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.ST:
                return state_label(record.review_state)
            if column == self.CEK:
                return QCoreApplication.translate(
                    "ReviewQueue", "{errors} errors, {warnings} warnings"
                ).format(errors=record.errors, warnings=record.warnings)
        return None

    def _text(self, record: RecordSummary, column: int) -> str:
        match column:
            case self.ST:
                return state_label(record.review_state)
            case self.NAMA:
                return record.full_name or QCoreApplication.translate("ReviewQueue", "(no name)")
            case self.TANDA:
                return ", ".join(flag_text(f) for f in record.flags)
            case _:
                parts = []
                if record.errors:
                    parts.append(f"\u2715 {record.errors}")
                if record.warnings:
                    parts.append(f"! {record.warnings}")
                return "  ".join(parts)

    def find(self, record_id: uuid.UUID) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == record_id), -1)

    def replace(self, summary: RecordSummary) -> None:
        row = self.find(summary.id)
        if row < 0:
            return
        self.rows[row] = summary
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def update(self, record_id: uuid.UUID, **changes: Any) -> None:
        row = self.find(record_id)
        if row >= 0:
            self.replace(self.rows[row].model_copy(update=changes))
