"""Vector icons painted by a function at any size (badges, flags, toolbar glyphs).

``painted_icon(draw, colour_for)`` wraps a ``draw(painter, box, colour)`` function in a
``QIconEngine``: the drawing fills the centred square of the requested rectangle, antialiased,
in the colour ``colour_for(mode)`` picks (a grey for disabled icons, say). No image files, so the
icons stay sharp at every scale factor and follow the theme.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QImage, QPainter, QPixmap

__all__ = ["Draw", "ModeColour", "painted_icon"]

Draw = Callable[[QPainter, QRectF, QColor], None]
ModeColour = Callable[[QIcon.Mode], QColor]


class _PaintedEngine(QIconEngine):
    def __init__(self, draw: Draw, colour_for: ModeColour) -> None:
        super().__init__()
        self._draw, self._colour_for = draw, colour_for

    def clone(self) -> QIconEngine:
        return _PaintedEngine(self._draw, self._colour_for)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:  # noqa: ARG002
        colour = self._colour_for(mode)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(rect.width(), rect.height())
        box = QRectF(
            rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2, side, side
        )
        self._draw(painter, box, colour)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return QPixmap.fromImage(image)


def painted_icon(draw: Draw, colour_for: ModeColour) -> QIcon:
    return QIcon(_PaintedEngine(draw, colour_for))
