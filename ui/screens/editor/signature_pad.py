"""An on-screen signature pad (UI.md §3.4 section 6, principle 6 "touch").

The pad records strokes drawn with a mouse, pen or finger as integer points in its own
coordinates and paints them back. What is kept is the stroke data, not pixels: ``svg_path()`` gives
it as compact SVG path data ("M x y L x y …"), which the consent record stores next to the
"signed on screen" method, and ``from_svg_path()`` restores a pad from it. A pad counts as signed
once its ink is long enough to be a deliberate mark, not a stray tap.
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QPoint, QPointF, QSize, Qt, Signal, Slot
from PySide6.QtGui import QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen, QTabletEvent
from PySide6.QtWidgets import QFrame, QSizePolicy, QWidget

__all__ = ["SignaturePad", "parse_svg_path"]

MIN_INK_PX = 40  # total stroke length before a pad counts as signed
_TOKEN = re.compile(r"([ML])\s*(-?\d+)\s+(-?\d+)")

Stroke = list[tuple[int, int]]


def parse_svg_path(path: str) -> list[Stroke]:
    """ "M 1 2 L 3 4 M …" → strokes; anything not M/L with integer pairs is ignored."""
    strokes: list[Stroke] = []
    for command, x, y in _TOKEN.findall(path or ""):
        if command == "M" or not strokes:
            strokes.append([])
        strokes[-1].append((int(x), int(y)))
    return strokes


def _ink_length(strokes: list[Stroke]) -> float:
    total = 0.0
    for stroke in strokes:
        for (x1, y1), (x2, y2) in zip(stroke, stroke[1:], strict=False):
            total += math.hypot(x2 - x1, y2 - y1)
    return total


class SignaturePad(QFrame):
    """A white box one signs in. ``changed`` fires after every stroke and on ``clear()``."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keyboard users pick "paper form" instead
        self._strokes: list[Stroke] = []
        self._drawing = False
        self._read_only = False
        self._signed_earlier = False  # signed in an earlier session (strokes are not kept)
        self.signed_text = ""

    # -- public API ------------------------------------------------------------------------
    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        line = self.fontMetrics().height()
        return QSize(line * 16, line * 5)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        line = self.fontMetrics().height()
        return QSize(line * 10, line * 4)

    def is_signed(self) -> bool:
        return self._signed_earlier or _ink_length(self._strokes) >= MIN_INK_PX

    def mark_signed_earlier(self, signed: bool) -> None:
        """A record signed on screen before: it counts as signed until *Hapus*."""
        self._signed_earlier = signed
        self.update()

    def strokes(self) -> list[Stroke]:
        return [list(stroke) for stroke in self._strokes]

    def svg_path(self) -> str:
        parts: list[str] = []
        for stroke in self._strokes:
            for index, (x, y) in enumerate(stroke):
                parts.append(f"{'M' if index == 0 else 'L'} {x} {y}")
        return " ".join(parts)

    def set_svg_path(self, path: str | None) -> None:
        self._strokes = parse_svg_path(path or "")
        self.update()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.setCursor(Qt.CursorShape.ArrowCursor if read_only else Qt.CursorShape.CrossCursor)

    @Slot()
    def clear(self) -> None:
        if self._strokes or self._signed_earlier:
            self._strokes = []
            self._signed_earlier = False
            self.update()
            self.changed.emit()

    def add_stroke(self, points: list[tuple[int, int]]) -> None:
        """Append one finished stroke (used by input events; tests may draw with it too)."""
        if len(points) >= 2:
            self._strokes.append([(int(x), int(y)) for x, y in points])
            self.update()
            self.changed.emit()

    # -- input -----------------------------------------------------------------------------
    def _begin(self, pos: QPointF) -> None:
        if self._read_only:
            return
        self._signed_earlier = False
        self._drawing = True
        self._strokes.append([(round(pos.x()), round(pos.y()))])

    def _extend(self, pos: QPointF) -> None:
        if not self._drawing:
            return
        point = (round(pos.x()), round(pos.y()))
        if point != self._strokes[-1][-1]:
            self._strokes[-1].append(point)
            self.update()

    def _end(self) -> None:
        if not self._drawing:
            return
        self._drawing = False
        if len(self._strokes[-1]) < 2:
            self._strokes.pop()
        self.update()
        self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._extend(event.position())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._end()
        event.accept()

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QTabletEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QTabletEvent.Type.TabletRelease:
            self._end()
        event.accept()

    # -- painting --------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        baseline = self.height() - self.fontMetrics().height()
        painter.setPen(QPen(Qt.GlobalColor.lightGray, 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPoint(8, baseline), QPoint(self.width() - 8, baseline))
        painter.setPen(
            QPen(
                Qt.GlobalColor.black,
                2.2,
                Qt.PenStyle.SolidLine,
                Qt.PenCapStyle.RoundCap,
                Qt.PenJoinStyle.RoundJoin,
            )
        )
        if self._signed_earlier and not self._strokes and self.signed_text:
            painter.setPen(Qt.GlobalColor.darkGray)
            painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), self.signed_text)
        for stroke in self._strokes:
            if len(stroke) < 2:
                continue
            path = QPainterPath(QPointF(*stroke[0]))
            for x, y in stroke[1:]:
                path.lineTo(QPointF(x, y))
            painter.drawPath(path)
        painter.end()
        super().paintEvent(event)
