"""Bar charts drawn with QPainter: horizontal bars with their numbers, and the baseline bullet.

No chart library: QtCharts is not part of PySide6-Essentials (it would pull the 200+ MB Addons
wheel) and pyqtgraph would add numpy (DECISIONS.md). ``BarChart`` draws one group per category
(one bar per series, first series on top) with the category at the left and the value at the end
of each bar, scaled to the largest value; it reports its preferred height from its font, so it
grows with the system font and touch mode. ``BulletChart`` draws the branch baseline: the
BPU participants on the baseline date and the period's approvals on the scale of all active
participants, the baseline as a reference line. Colours are Okabe–Ito hues; every number is
also text (never colour alone), and the accessible description lists the values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.theme import current_colours

__all__ = ["BLUE", "GREEN", "BarChart", "BulletChart", "Series", "VERMILLION"]

BLUE = QColor("#0072B2")
GREEN = QColor("#009E73")
VERMILLION = QColor("#D55E00")
GREY = QColor("#BDBDBD")


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: Sequence[int]
    colour: QColor


class BarChart(QWidget):
    """Horizontal grouped bars; ``set_data(categories, series)``."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        number: Callable[[int], str] = str,
        max_rows: int = 12,
    ) -> None:
        super().__init__(parent)
        self._categories: list[str] = []
        self._series: list[Series] = []
        self._number = number
        self.max_rows = max_rows
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(60)

    # -- data -----------------------------------------------------------------------------------

    def set_data(self, categories: Sequence[str], series: Sequence[Series]) -> None:
        self._categories = list(categories)[: self.max_rows]
        self._series = [Series(s.name, list(s.values)[: self.max_rows], s.colour) for s in series]
        parts = []
        for index, category in enumerate(self._categories):
            values = ", ".join(f"{s.name} {self._number(s.values[index])}" for s in self._series)
            parts.append(f"{category}: {values}")
        self.setAccessibleDescription("; ".join(parts))
        self.updateGeometry()
        self.update()

    def categories(self) -> list[str]:
        return list(self._categories)

    def values(self) -> list[list[int]]:
        return [list(s.values) for s in self._series]

    # -- geometry -------------------------------------------------------------------------------

    def _bar_height(self) -> int:
        return max(8, QFontMetrics(self.font()).height() - 2)

    def _group_height(self) -> int:
        return self._bar_height() * max(1, len(self._series)) + 6

    def sizeHint(self) -> QSize:
        rows = max(1, len(self._categories))
        return QSize(420, rows * self._group_height() + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, min(self.sizeHint().height(), 3 * self._group_height() + 8))

    # -- painting -------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colours = current_colours()
        text = QColor(colours.text)
        metrics = QFontMetrics(self.font())
        if not self._categories:
            painter.setPen(QColor(colours.muted))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        label_w = min(
            max(metrics.horizontalAdvance(c) for c in self._categories) + 10,
            int(self.width() * 0.38),
        )
        top = max((max(s.values, default=0) for s in self._series), default=0) or 1
        number_w = metrics.horizontalAdvance(self._number(top)) + 10
        scale = max(1.0, self.width() - label_w - number_w - 4) / top
        group_h, bar_h = self._group_height(), self._bar_height()
        available = self.height() - 8
        if group_h * len(self._categories) > available:  # squeeze rather than cut off
            group_h = max(6 * len(self._series) + 4, available // len(self._categories))
            bar_h = max(5, (group_h - 6) // max(1, len(self._series)))
        painter.setPen(QPen(QColor(colours.border), 1))
        painter.drawLine(label_w, 2, label_w, 4 + group_h * len(self._categories))
        for row, category in enumerate(self._categories):
            y0 = 4 + row * group_h
            painter.setPen(text)
            label = metrics.elidedText(category, Qt.TextElideMode.ElideRight, label_w - 8)
            painter.drawText(
                QRectF(0, y0, label_w - 6, group_h - 6),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            for index, series in enumerate(self._series):
                value = series.values[row] if row < len(series.values) else 0
                y = y0 + index * bar_h
                width = value * scale
                painter.fillRect(
                    QRectF(label_w + 1, y, max(width, 1.5 if value else 0), bar_h - 1),
                    series.colour,
                )
                painter.setPen(text)
                painter.drawText(
                    QRectF(label_w + width + 5, y - 2, number_w + 20, bar_h + 3),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    self._number(value),
                )


class BulletChart(QWidget):
    """The branch baseline: ``set_values(base, added, total, label, added_label, total_label)``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.base: int | None = None
        self.added = 0
        self.total: int | None = None
        self.reference_label = ""
        self.added_label = ""
        self.total_label = ""
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_values(
        self,
        *,
        base: int | None,
        added: int,
        total: int | None,
        reference_label: str,
        added_label: str,
        total_label: str,
    ) -> None:
        self.base, self.added, self.total = base, added, total
        self.reference_label = reference_label
        self.added_label = added_label
        self.total_label = total_label
        self.setAccessibleDescription(f"{reference_label}; {added_label}; {total_label}")
        self.update()

    def sizeHint(self) -> QSize:
        line = QFontMetrics(self.font()).height()
        return QSize(420, line * 3 + 18)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def reference_x(self) -> float | None:
        """Where the baseline line is drawn (for tests), or None without a baseline."""
        if not self.total or self.base is None:
            return None
        return 1 + (self.width() - 2) * self.base / self.total

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colours = current_colours()
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        x_ref = self.reference_x()
        if x_ref is None or self.total is None or self.base is None:
            painter.setPen(QColor(colours.muted))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        width = self.width() - 2
        y, h = line + 6, line
        painter.setPen(QPen(QColor(colours.border), 1))
        painter.setBrush(QColor(colours.alternate))
        painter.drawRect(QRectF(1, y, width, h))
        painter.fillRect(QRectF(1, y, x_ref - 1, h), GREY)
        added_w = max(2.0, width * self.added / self.total) if self.added else 0.0
        painter.fillRect(QRectF(x_ref, y, added_w, h), GREEN)
        painter.setPen(QPen(VERMILLION, 2))
        painter.drawLine(int(x_ref), y - 4, int(x_ref), y + h + 4)
        painter.setPen(VERMILLION)
        painter.drawText(
            QRectF(x_ref + 4, 0, max(10, self.width() - x_ref - 4), line + 2),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(
                self.reference_label, Qt.TextElideMode.ElideRight, int(self.width() - x_ref - 6)
            ),
        )
        painter.setPen(QColor(colours.text))
        painter.drawText(
            QRectF(x_ref + added_w + 5, y, max(10, self.width() - x_ref - added_w), h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.added_label,
        )
        painter.setPen(QColor(colours.muted))
        painter.drawText(
            QRectF(1, y + h + 2, width, line + 2),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            "0",
        )
        painter.drawText(
            QRectF(1, y + h + 2, width, line + 2),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
            self.total_label,
        )
