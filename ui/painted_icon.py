"""Vector icons painted by a function at any size (badges, flags, toolbar glyphs).

``painted_icon(draw, colour_for)`` wraps a ``draw(painter, box, colour)`` function in a
``QIconEngine``: the drawing fills the centred square of the requested rectangle, antialiased,
in the colour ``colour_for(mode)`` picks (a grey for disabled icons, say). No image files, so the
icons stay sharp at every scale factor and follow the theme.

Each drawing is kept as a pixmap per size, colour and device pixel ratio: an item view asks for
its icons on every repaint (the prospect list: one badge per visible row per keystroke), and
copying a pixmap costs a fraction of stroking the antialiased paths again in Python.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QImage, QPainter, QPixmap

__all__ = ["Draw", "ModeColour", "painted_icon"]

Draw = Callable[[QPainter, QRectF, QColor], None]
ModeColour = Callable[[QIcon.Mode], QColor]
CACHED_SIZES = 16  # per icon: a few sizes x modes x colours are ever on screen at once


class _PaintedEngine(QIconEngine):
    def __init__(self, draw: Draw, colour_for: ModeColour) -> None:
        super().__init__()
        self._draw, self._colour_for = draw, colour_for
        self._pixmaps: dict[tuple[int, int, int, float], QPixmap] = {}

    def clone(self) -> QIconEngine:
        return _PaintedEngine(self._draw, self._colour_for)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:  # noqa: ARG002
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        painter.drawPixmap(
            rect.x(), rect.y(), self._cached(rect.width(), rect.height(), mode, ratio)
        )

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:  # noqa: ARG002
        # What buttons and item views ask for (QIcon::pixmap): the size is in device pixels.
        return self._cached(size.width(), size.height(), mode, 1.0)

    def _cached(self, width: int, height: int, mode: QIcon.Mode, ratio: float) -> QPixmap:
        colour = self._colour_for(mode)
        key = (width, height, colour.rgba(), ratio)
        cached = self._pixmaps.get(key)
        if cached is None:
            cached = self._render(width, height, colour, ratio)
            if len(self._pixmaps) >= CACHED_SIZES:
                self._pixmaps.clear()
            self._pixmaps[key] = cached
        return cached

    def _render(self, width: int, height: int, colour: QColor, ratio: float) -> QPixmap:
        """The drawing at ``ratio`` device pixels per pixel, in the centred square."""
        image = QImage(
            max(1, round(width * ratio)),
            max(1, round(height * ratio)),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(width, height)
        self._draw(painter, QRectF((width - side) / 2, (height - side) / 2, side, side), colour)
        painter.end()
        return QPixmap.fromImage(image)


def painted_icon(draw: Draw, colour_for: ModeColour) -> QIcon:
    return QIcon(_PaintedEngine(draw, colour_for))
