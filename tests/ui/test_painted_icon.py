"""Painted icons: drawn once per size, colour and scale, then copied."""

from __future__ import annotations

import pytest

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter

from ui.painted_icon import painted_icon

pytestmark = pytest.mark.gui


def _square_icon(calls: list[QColor]) -> QIcon:
    def draw(p: QPainter, box: QRectF, colour: QColor) -> None:
        calls.append(QColor(colour))
        p.fillRect(box, colour)

    def colour_for(mode: QIcon.Mode) -> QColor:
        return QColor("#808080") if mode == QIcon.Mode.Disabled else QColor("#D55E00")

    return painted_icon(draw, colour_for)


def _paint(icon: QIcon, mode: QIcon.Mode, size: int = 16) -> QImage:
    image = QImage(40, 40, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    icon.paint(painter, QRect(4, 4, size, size), Qt.AlignmentFlag.AlignCenter, mode)
    painter.end()
    return image


def test_a_repeated_paint_copies_the_first_drawing(jangkau_qapp):
    calls: list[QColor] = []
    icon = _square_icon(calls)
    first = _paint(icon, QIcon.Mode.Normal)
    again = _paint(icon, QIcon.Mode.Normal)
    assert len(calls) == 1
    assert first == again
    assert QColor(first.pixel(10, 10)) == QColor("#D55E00")  # drawn where it was asked
    assert QColor(first.pixel(30, 30)) == QColor("white")


def test_another_colour_or_size_is_drawn_again(jangkau_qapp):
    calls: list[QColor] = []
    icon = _square_icon(calls)
    _paint(icon, QIcon.Mode.Normal)
    disabled = _paint(icon, QIcon.Mode.Disabled)
    assert [c.name() for c in calls] == ["#d55e00", "#808080"]
    assert QColor(disabled.pixel(10, 10)) == QColor("#808080")
    bigger = _paint(icon, QIcon.Mode.Normal, size=24)
    assert len(calls) == 3
    assert QColor(bigger.pixel(26, 26)) == QColor("#D55E00")


def test_pixmaps_follow_the_requested_size(jangkau_qapp):
    calls: list[QColor] = []
    pixmap = _square_icon(calls).pixmap(32, 32)
    assert (pixmap.width(), pixmap.height()) == (32, 32)
    assert QColor(pixmap.toImage().pixel(16, 16)) == QColor("#D55E00")


def test_buttons_asking_for_pixmaps_get_the_kept_drawing(jangkau_qapp):
    calls: list[QColor] = []
    icon = _square_icon(calls)
    first = icon.pixmap(20, 20)
    again = icon.pixmap(20, 20)
    assert len(calls) == 1
    assert first.toImage() == again.toImage()
    icon.pixmap(20, 20, QIcon.Mode.Disabled)
    assert len(calls) == 2
