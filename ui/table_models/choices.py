"""A plain list model for filter combo boxes: (label, value) rows, the first row "All".

Filling a combo with ``addItem`` creates one item per entry; 783 villages take ~0.15 s that way.
This model just holds a list, so a combo with every branch village is built in microseconds and
the labels can be swapped on a language change without touching the values.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon

__all__ = ["ChoiceModel"]

_Index = QModelIndex | QPersistentModelIndex


class ChoiceModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, Any, QIcon | None]] = [("", None, None)]

    def set_choices(self, rows: Sequence[tuple[str, Any] | tuple[str, Any, QIcon | None]]) -> None:
        """Replace every row after the first ("All")."""
        self.beginResetModel()
        head = self._rows[0]
        self._rows = [head] + [(r[0], r[1], r[2] if len(r) > 2 else None) for r in rows]
        self.endResetModel()

    def set_all_label(self, label: str) -> None:
        self._rows[0] = (label, None, None)
        self.dataChanged.emit(self.index(0), self.index(0))

    def relabel(self, labels: Sequence[str]) -> None:
        """New labels for rows 1…n (same order), e.g. after a language change."""
        for i, label in enumerate(labels, start=1):
            _old, value, icon = self._rows[i]
            self._rows[i] = (label, value, icon)
        if len(self._rows) > 1:
            self.dataChanged.emit(self.index(1), self.index(len(self._rows) - 1))

    def value_at(self, row: int) -> Any:
        """The value of a row, read from Python.

        Never use ``QComboBox.currentData()``/``itemData()`` for a row whose value is ``None``:
        PySide6 6.12.0 returns ``None`` from an invalid QVariant without taking a reference, and
        every such call brings the interpreter closer to a fatal "none_dealloc".
        """
        return self._rows[row][1] if 0 <= row < len(self._rows) else None

    def values(self) -> list[Any]:
        return [value for _label, value, _icon in self._rows[1:]]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        label, value, icon = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return label
        if role == Qt.ItemDataRole.UserRole:
            return value
        if role == Qt.ItemDataRole.DecorationRole:
            return icon
        return None
