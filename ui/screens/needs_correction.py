"""Perlu perbaikan (UI.md §3.7): what the supervisor or the server sent back, to fix first.

A table of returned, invalid and conflicting prospects with the supervisor's note; Enter (or
*Buka*) opens the record in the editor. When nothing waits it says "Semua beres."
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.errors import user_message
from ui.list_tables import style_list_table
from ui.table_models.corrections import CorrectionsModel

__all__ = ["NeedsCorrectionView"]


class _Table(QTableView):
    open_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.open_requested.emit()
            return
        super().keyPressEvent(event)


class NeedsCorrectionView(QWidget):
    open_requested = Signal(object)  # prospect id
    count_changed = Signal(int)

    def __init__(self, db_provider: Callable[[], Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CorrectionsModel(db_provider, self)
        self._error: BaseException | None = None
        self.title = QLabel(self)
        self.title.setObjectName("screenTitle")
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("primary")
        self.open_button.clicked.connect(self.open_current)
        head = QHBoxLayout()
        head.setContentsMargins(16, 12, 16, 8)
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.open_button)

        self.table = _Table(self)
        self.table.setModel(self.model)
        style_list_table(self.table, row_height=self.fontMetrics().height() + 14)
        header = self.table.horizontalHeader()
        char = self.fontMetrics().averageCharWidth()
        for column, width in enumerate((20 * char, 26 * char, 0, 9 * char, 14 * char)):
            if width:
                header.resizeSection(column, width)
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.open_requested.connect(self.open_current)
        self.table.doubleClicked.connect(lambda _i: self.open_current())

        self.state_label = QLabel(self)
        self.state_label.setObjectName("emptyState")
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.state_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.stack, 1)
        self.model.loaded.connect(self._loaded)
        self.model.load_failed.connect(self._failed)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.open_button.setText(self.tr("&Open") + "  (Enter)")
        self.model.retranslate()
        self._update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def refresh(self) -> None:
        self._error = None
        self.model.refresh()
        self._update()

    @Slot(int)
    def _loaded(self, count: int) -> None:
        self._update()
        if count and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self.count_changed.emit(count)

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        self._error = exc
        self._update()

    def _update(self) -> None:
        count = self.model.rowCount()
        self.title.setText(self.tr("Needs correction ({count})").format(count=count))
        self.open_button.setEnabled(count > 0)
        if self._error is not None:
            self.state_label.setText(user_message(self._error))
            self.stack.setCurrentWidget(self.state_label)
        elif count:
            self.stack.setCurrentWidget(self.table)
        elif self.model.loading:
            self.state_label.setText(self.tr("Loading…"))
            self.stack.setCurrentWidget(self.state_label)
        else:
            self.state_label.setText(self.tr("All done."))
            self.stack.setCurrentWidget(self.state_label)

    def focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def open_current(self) -> None:
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is not None:
            self.open_requested.emit(row.id)

    def selected_id(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        return row.id if row else None
