"""Paint once, off screen, what the first real paint of the prospect list needs.

The first paint of the session window costs about three times a later one: the glyphs of the
table's fonts are rasterised, the status badges and toolbar glyphs drawn into pixmaps. Done
while the unlock screen waits for the password (``MainWindow._prepare_session_screens``), it
takes that work off the moment the agent presses *Buka*.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QStyle, QWidget

from ui import badges, theme

__all__ = ["warm_up"]

# Every character a list row or the status bar shows: names, NIK, villages, rupiah, dates.
SAMPLE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 Rp.,:;/()-*·… '\"&+%#@!?"
GLYPHS = ("new", "print", "sync", "todo", "settings", "lock", "search", "list", "help")


def warm_up(*widgets: QWidget) -> None:
    for widget in widgets:
        widget.grab()
    if not widgets:
        return
    style = widgets[0].style()
    small = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
    for key in (*badges.BADGES, *badges.FLAGS):
        icon = badges.badge_icon(key) if key in badges.BADGES else badges.flag_icon(key)
        icon.pixmap(small)
        icon.pixmap(small, QIcon.Mode.Selected)
    for name in GLYPHS:
        theme.glyph_icon(name).pixmap(24)
        theme.glyph_icon(name).pixmap(20)
    canvas = QPixmap(1600, 40)
    canvas.fill(Qt.GlobalColor.white)
    painter = QPainter(canvas)
    try:
        font = QFont(widgets[0].font())
        for bold in (False, True):
            font.setBold(bold)
            painter.setFont(font)
            painter.drawText(QRect(0, 0, 1600, 40), 0, SAMPLE)
    finally:
        painter.end()
