"""The editor's section list (UI.md §3.4, left column): "1 Identitas … ✕ 1".

Each row is a section with its number (Alt+1…7 jumps there) and a right-aligned status: ``ok``
when the section has no problem, ``! n`` for n open warnings, ``✕ n`` for n errors. The status is
text with a distinct icon and colour, and is also in the row's tool tip and accessible text, so it
never depends on colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ui.screens.editor.field_marker import ERROR_FRAME, ERROR_ICON, WARNING_FRAME, WARNING_ICON

__all__ = ["SectionNav"]

STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
OK_COLOUR = "#00704F"


class _StatusDelegate(QStyledItemDelegate):
    """Paints the row as usual, then the status text right-aligned in its colour."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        status = index.data(STATUS_ROLE) or ""
        super().paint(painter, option, index)  # the row is wide enough for title and status
        if not status:
            return
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            colour = option.palette.highlightedText().color()
        elif status.startswith(ERROR_ICON):
            colour = QColor(ERROR_FRAME)
        elif status.startswith(WARNING_ICON):
            colour = QColor(WARNING_FRAME)
        else:
            colour = QColor(OK_COLOUR)
        font = option.font
        font.setBold(not status.startswith("ok"))
        painter.setFont(font)
        painter.setPen(colour)
        box = option.rect.adjusted(0, 0, -8, 0)
        painter.drawText(
            box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), status
        )
        painter.restore()

    def sizeHint(  # noqa: N802 - Qt override
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        status = index.data(STATUS_ROLE) or "\u2715 99"
        extra = option.fontMetrics.horizontalAdvance(status) + 20
        return QSize(hint.width() + extra, max(hint.height(), option.fontMetrics.height() + 14))


class SectionNav(QListWidget):
    """Seven numbered sections; the current row is the visible section."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(_StatusDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setUniformItemSizes(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setWordWrap(False)
        self._titles: list[str] = []

    def set_titles(self, titles: list[str]) -> None:
        current = max(self.currentRow(), 0)
        statuses = [self.item(row).data(STATUS_ROLE) for row in range(self.count())]
        self.clear()
        self._titles = list(titles)
        for number, title in enumerate(titles, 1):
            item = QListWidgetItem(f"{number}  {title}")
            item.setData(STATUS_ROLE, statuses[number - 1] if number - 1 < len(statuses) else "")
            self.addItem(item)
        if self.count():
            self.setCurrentRow(min(current, self.count() - 1))
        self.updateGeometry()

    def set_status(self, row: int, *, errors: int, warnings: int, touched: bool) -> None:
        """Errors win over warnings; ``touched`` sections with no problem show ``ok``."""
        item = self.item(row)
        if item is None:
            return
        if errors:
            status = f"{ERROR_ICON} {errors}"
            tip = self.tr("%n error(s)", "", errors)
        elif warnings:
            status = f"{WARNING_ICON} {warnings}"
            tip = self.tr("%n warning(s)", "", warnings)
        elif touched:
            status = "ok"
            tip = self.tr("No problems")
        else:
            status, tip = "", ""
        item.setData(STATUS_ROLE, status)
        item.setToolTip(tip)
        title = self._titles[row] if row < len(self._titles) else item.text()
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{title}. {tip}" if tip else title)

    def status(self, row: int) -> str:
        item = self.item(row)
        return (item.data(STATUS_ROLE) or "") if item is not None else ""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = self.sizeHintForColumn(0) + 2 * self.frameWidth() + 4
        height = sum(self.sizeHintForRow(r) for r in range(self.count())) + 2 * self.frameWidth()
        return QSize(max(width, 160), max(height, 120))
