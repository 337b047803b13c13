"""Paints the prospect list's cells from the model's formatted texts, one Python call per cell.

The standard ``QStyledItemDelegate`` asks the model for seven roles of every visible cell, each a
call from C++ into Python (about 12 µs on a slow laptop: ~1,000 calls, 12 ms of every repaint),
and lays each text out again on every paint. The list repaints once per search keystroke, so
this delegate reads the row and its texts straight from ``ProspectTableModel`` and keeps each
text's glyph layout (``QStaticText``): a repaint takes about half the time.

It draws what Fusion draws for these cells, at the same places: the selection colour of the
palette (active/inactive/disabled group), the icon (badge, printed form) with the selected or
disabled variant, the text in the text, muted or highlighted colour, bold for a record returned
for correction, right-aligned amounts and "…" where a text does not fit. The focused cell, one
per paint, is left to the standard delegate (the style's focus frame).
tests/ui/test_prospect_cells.py compares the two pixel by pixel. The row's tool tip, accessible
text and the roles other code reads still come from ``data()``.

The table calls ``begin_paint`` from its ``paintEvent``: what is the same for every cell of one
paint (font, palette colours, selection, focus) is read there once.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QIcon,
    QPainter,
    QPalette,
    QPixmap,
    QStaticText,
)
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTableView

from ui.table_models.prospects import (
    MUTED,
    RIGHT_ALIGNED,
    ProspectTableModel,
    decoration,
    is_bold,
    is_muted,
)

__all__ = ["ProspectCellDelegate", "TEXT_MARGIN"]

# QCommonStyle's item margin: PM_FocusFrameHMargin (2 in Fusion) + 1, left and right of the
# icon and of the text.
TEXT_MARGIN = 3
ICON_SIZE = 16  # PM_SmallIconSize at 1x: what QStyledItemDelegate uses when the view sets none
CACHED_TEXTS = 4000  # distinct (text, bold, width) layouts kept; the set starts over past it


class _Paint:
    """What every cell of one paint shares.

    A plain class, not a dataclass: it is defined while the app starts, and generating a
    dataclass's methods costs ~1.3 ms there."""

    __slots__ = (
        "bold",
        "bold_metrics",
        "enabled",
        "focus_column",
        "focus_row",
        "font",
        "highlight",
        "highlighted_text",
        "icon",
        "metrics",
        "muted",
        "ratio",
        "selected_row",
        "text",
    )

    def __init__(self, table: QTableView, muted: QColor) -> None:
        font = table.font()
        bold = QFont(font)
        bold.setBold(True)
        palette = table.palette()
        self.enabled = table.isEnabled()
        if not self.enabled:
            group = QPalette.ColorGroup.Disabled
        elif table.isActiveWindow():
            group = QPalette.ColorGroup.Active
        else:
            group = QPalette.ColorGroup.Inactive
        selection = table.selectionModel()
        selected = selection.selectedRows() if selection is not None else []
        current = table.currentIndex()
        focused = table.hasFocus() and current.isValid()
        self.font: QFont = font
        self.bold: QFont = bold
        self.metrics = QFontMetricsF(font)
        self.bold_metrics = QFontMetricsF(bold)
        self.highlight: QBrush = palette.brush(group, QPalette.ColorRole.Highlight)
        self.text: QColor = palette.color(group, QPalette.ColorRole.Text)
        self.highlighted_text: QColor = palette.color(group, QPalette.ColorRole.HighlightedText)
        self.muted = muted
        self.selected_row: int = selected[0].row() if selected else -1
        self.focus_row: int = current.row() if focused else -1
        self.focus_column: int = current.column() if focused else -1
        self.ratio: float = table.devicePixelRatioF()
        size = table.iconSize()
        self.icon: int = size.width() if size.isValid() else ICON_SIZE


class ProspectCellDelegate(QStyledItemDelegate):
    """The list's cells, drawn from ``model.cells(row)`` (see the module notes)."""

    def __init__(self, table: QTableView, model: ProspectTableModel) -> None:
        super().__init__(table)
        self._table, self._model = table, model
        self._font_key = ""
        self._texts: dict[tuple[str, bool, int], tuple[QStaticText, float, float]] = {}
        self._pixmaps: dict[tuple[int, int, int, float], QPixmap] = {}
        self._state: _Paint | None = None
        self._muted = QColor(MUTED)

    def begin_paint(self) -> None:
        """Read the per-paint state (called by the table before it paints its cells)."""
        state = _Paint(self._table, self._muted)
        key = state.font.key()
        if key != self._font_key:
            self._font_key = key
            self._texts.clear()
        self._state = state

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        state = self._state
        number = index.row()
        row = self._model.row_at(number)
        if state is None or row is None:
            super().paint(painter, option, index)
            return
        column = index.column()
        if number == state.focus_row and column == state.focus_column:
            super().paint(painter, option, index)  # one cell: the style's own focus frame
            return
        text = self._model.cells(number)[column]
        # The stubs type QRect.getRect() as ``object``; it is the tuple (x, y, width, height).
        x, y, width, height = cast("tuple[int, int, int, int]", option.rect.getRect())
        selected = number == state.selected_row
        if selected:
            painter.fillRect(x, y, width, height, state.highlight)
        left, right = x + TEXT_MARGIN, x + width - TEXT_MARGIN
        icon = decoration(row, column)
        if icon is not None:
            side = state.icon
            painter.drawPixmap(left, y + (height - side) // 2, self._pixmap(icon, selected, state))
            left += side + 2 * TEXT_MARGIN
        if text and right > left:
            bold = is_bold(row, column)
            static, text_width, text_height = self._static(text, bold, right - left, state)
            if bold:
                painter.setFont(state.bold)
            if selected:
                painter.setPen(state.highlighted_text)
            else:
                painter.setPen(state.muted if is_muted(row) else state.text)
            # Placed as QCommonStyle places a text: right-aligned by its advance, centred
            # vertically by its rounded height.
            # int() truncates as PySide does when handed the float advance.
            at = int(right - text_width) if column in RIGHT_ALIGNED else left
            painter.drawStaticText(at, y + (height - round(text_height)) // 2, static)
            if bold:
                painter.setFont(state.font)

    def _static(
        self, text: str, bold: bool, room: int, state: _Paint
    ) -> tuple[QStaticText, float, float]:
        """The laid-out text (elided with "…" when wider than ``room``), its width and height."""
        entry = self._texts.get((text, bold, -1))
        if entry is None:
            entry = self._layout(text, bold, state)
            self._remember((text, bold, -1), entry)
        if entry[1] <= room:
            return entry
        elided = self._texts.get((text, bold, room))
        if elided is None:
            metrics = state.bold_metrics if bold else state.metrics
            short = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
            elided = self._layout(short, bold, state)
            self._remember((text, bold, room), elided)
        return elided

    def _layout(self, text: str, bold: bool, state: _Paint) -> tuple[QStaticText, float, float]:
        static = QStaticText(text)
        static.setTextFormat(Qt.TextFormat.PlainText)
        static.prepare(font=state.bold if bold else state.font)
        metrics = state.bold_metrics if bold else state.metrics
        return static, metrics.horizontalAdvance(text), static.size().height()

    def _remember(
        self, key: tuple[str, bool, int], entry: tuple[QStaticText, float, float]
    ) -> None:
        if len(self._texts) >= CACHED_TEXTS:
            self._texts.clear()
        self._texts[key] = entry

    def _pixmap(self, icon: QIcon, selected: bool, state: _Paint) -> QPixmap:
        if not state.enabled:
            mode = QIcon.Mode.Disabled
        elif selected:
            mode = QIcon.Mode.Selected
        else:
            mode = QIcon.Mode.Normal
        key = (icon.cacheKey(), int(mode.value), state.icon, state.ratio)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            pixmap = icon.pixmap(QSize(state.icon, state.icon), state.ratio, mode)
            self._pixmaps[key] = pixmap
        return pixmap
