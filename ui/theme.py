"""Look of the app: palette, high contrast, font floor, control sizes, toolbar glyphs (UI.md §1, §6).

One Fusion-based style on every OS, so what the screenshots and the size tests see is what the
agents see. Normal contrast keeps text at ≥ 4.5:1 against its background, high contrast at ≥ 7:1.
The base font follows the system but never drops below 10 pt. Buttons, fields and combo boxes are
at least 32 px high (40 px in touch mode), never given fixed
widths, so text can grow by 40 % without truncation. Toolbar glyphs are painted like the badges.
Control heights are set once per widget as Qt polishes it (see ``_ControlSizer``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyleFactory,
    QTabBar,
    QWidget,
)

from ui.painted_icon import painted_icon

__all__ = [
    "Colours",
    "NORMAL",
    "HIGH_CONTRAST",
    "apply_theme",
    "contrast_ratio",
    "new_application",
    "size_controls",
    "watch_controls",
    "current_colours",
    "glyph_icon",
    "min_control_height",
    "touch_enabled",
]

MIN_POINT_SIZE = 10.0
CONTROL_HEIGHT = 32
TOUCH_CONTROL_HEIGHT = 40


@dataclass(frozen=True, slots=True)
class Colours:
    window: str
    base: str
    alternate: str
    text: str
    muted: str
    border: str
    accent: str
    accent_text: str
    panel: str
    toolbar: str
    tint_warning: str
    tint_error: str


NORMAL = Colours(
    window="#F3F4F6",
    base="#FFFFFF",
    alternate="#F7F8FA",
    text="#1B1F24",
    muted="#4F5660",
    border="#C4C9D0",
    accent="#0A5FA8",
    accent_text="#FFFFFF",
    panel="#FFFFFF",
    toolbar="#FFFFFF",
    tint_warning="#FFF4D6",
    tint_error="#FDE7DD",
)

HIGH_CONTRAST = Colours(
    window="#FFFFFF",
    base="#FFFFFF",
    alternate="#F2F2F2",
    text="#000000",
    muted="#1F1F1F",
    border="#000000",
    accent="#00336B",
    accent_text="#FFFFFF",
    panel="#FFFFFF",
    toolbar="#FFFFFF",
    tint_warning="#FFF0B3",
    tint_error="#FFD9C7",
)

_state = {"touch": False, "high_contrast": False, "fusion": False}


def _luminance(hex_colour: str) -> float:
    colour = QColor(hex_colour)

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two ``#RRGGBB`` colours."""
    a, b = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def current_colours() -> Colours:
    return HIGH_CONTRAST if _state["high_contrast"] else NORMAL


def touch_enabled() -> bool:
    return _state["touch"]


def min_control_height() -> int:
    return TOUCH_CONTROL_HEIGHT if _state["touch"] else CONTROL_HEIGHT


def _touch_screen_present() -> bool:
    from PySide6.QtGui import QInputDevice

    return any(
        device.type() == QInputDevice.DeviceType.TouchScreen for device in QInputDevice.devices()
    )


class _ControlSizer(QObject):
    """Gives every button, field and combo box the minimum height as it is polished.

    A ``QProxyStyle`` overriding ``pixelMetric``/``sizeFromContents`` would be the textbook
    place, but PySide6 6.12 corrupts the refcount of ``None`` when Qt calls such Python
    overrides with a null widget (thousands of times per second), which ends in a fatal
    "none_dealloc". A one-time polish filter has no hot path.
    """

    _TYPES = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Polish and isinstance(watched, self._TYPES):
            size_control(watched)
        return False


def _remove_sizer(app: QApplication) -> None:
    """At quit: no Python filter may see the ChildRemoved events of widgets torn down at exit
    (PySide6 6.12 crashed there, see ``ui.idle``); a later ``apply_theme`` adds it again."""
    if _sizer:
        app.removeEventFilter(_sizer.pop())


def size_control(widget: QWidget) -> None:
    if isinstance(widget, QCheckBox | QRadioButton) or isinstance(widget.parent(), QTabBar):
        if _state["touch"]:
            widget.setMinimumHeight(max(widget.minimumHeight(), TOUCH_CONTROL_HEIGHT))
        return
    widget.setMinimumHeight(max(widget.minimumHeight(), min_control_height()))
    if isinstance(widget, QPushButton) and widget.text():
        widget.setMinimumWidth(max(widget.minimumWidth(), 72))


_sizer: list[_ControlSizer] = []


def _palette(c: Colours) -> QPalette:
    pal = QPalette()
    role = QPalette.ColorRole
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        pal.setColor(group, role.Window, QColor(c.window))
        pal.setColor(group, role.WindowText, QColor(c.text))
        pal.setColor(group, role.Base, QColor(c.base))
        pal.setColor(group, role.AlternateBase, QColor(c.alternate))
        pal.setColor(group, role.Text, QColor(c.text))
        pal.setColor(group, role.Button, QColor(c.base))
        pal.setColor(group, role.ButtonText, QColor(c.text))
        pal.setColor(group, role.Highlight, QColor(c.accent))
        pal.setColor(group, role.HighlightedText, QColor(c.accent_text))
        pal.setColor(group, role.ToolTipBase, QColor("#FFFFFF"))
        pal.setColor(group, role.ToolTipText, QColor(c.text))
        pal.setColor(group, role.PlaceholderText, QColor(c.muted))
        pal.setColor(group, role.Link, QColor(c.accent))
        pal.setColor(group, role.Mid, QColor(c.border))
    disabled = QPalette.ColorGroup.Disabled
    grey = QColor("#6B7078") if c is NORMAL else QColor("#444444")
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(disabled, r, grey)
    pal.setColor(disabled, role.Base, QColor(c.window))
    pal.setColor(disabled, role.Button, QColor(c.window))
    pal.setColor(disabled, role.Window, QColor(c.window))
    return pal


def _stylesheet(c: Colours) -> str:
    """No rule may name ``QTableView``: any such rule sends every cell of every table through
    the style sheet engine, which made the first paint of the 64-row prospect list ~45 ms
    slower. Tables take their selection colours from the palette and drop their frame and grid
    themselves (``ui.list_tables``, the review and dashboard tables)."""
    width = 2 if c is HIGH_CONTRAST else 1
    return f"""
QToolBar#mainToolBar {{ background: {c.toolbar}; border: none;
    border-bottom: {width}px solid {c.border}; spacing: 4px; padding: 4px 8px; }}
QToolBar#mainToolBar QToolButton {{ padding: 4px 8px; border-radius: 4px; color: {c.text}; }}
QToolBar#mainToolBar QToolButton:hover {{ background: {c.alternate}; }}
QToolBar#mainToolBar QToolButton:focus {{ border: 2px solid {c.accent}; }}
QFrame#filterBar {{ background: {c.toolbar}; border-bottom: {width}px solid {c.border}; }}
QFrame#sidePanel {{ background: {c.panel}; border-left: {width}px solid {c.border}; }}
QLabel#sideTitle {{ font-size: 13pt; font-weight: 600; }}
QLabel#screenTitle {{ font-size: 14pt; font-weight: 600; }}
QLabel#muted {{ color: {c.muted}; }}
QLabel#noteBox {{ background: {c.tint_warning}; border-left: 4px solid #B07800;
    padding: 6px 8px; color: {c.text}; }}
QLabel#emptyState {{ color: {c.muted}; font-size: 12pt; }}
QLabel#errorText {{ color: #8A1F00; }}
QLabel#capsHint {{ color: #8A4B00; }}
QFrame#card {{ background: {c.panel}; border: {width}px solid {c.border}; border-radius: 6px; }}
QHeaderView::section {{ background: {c.window}; color: {c.text}; padding: 4px 6px; border: none;
    border-bottom: {width}px solid {c.border}; border-right: 1px solid {c.border}; font-weight: 600; }}
QStatusBar {{ background: {c.toolbar}; border-top: {width}px solid {c.border}; }}
QStatusBar QLabel {{ padding: 0 6px; }}
QPushButton#primary {{ background: {c.accent}; color: {c.accent_text}; border: 1px solid {c.accent};
    border-radius: 4px; padding: 4px 16px; font-weight: 600; }}
QPushButton#primary:disabled {{ background: #9AA3AD; border-color: #9AA3AD; }}
QPushButton#primary:focus {{ border: 2px solid {c.text}; }}
QPushButton#link {{ color: {c.accent}; border: none; text-decoration: underline; padding: 4px; }}
QPushButton#link:focus {{ border: 2px solid {c.accent}; }}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus {{ border: 2px solid {c.accent}; border-radius: 3px; }}
"""


def new_application(program: str) -> QApplication:
    """The app's QApplication, in the Fusion style from its first moment. Asking a running
    application for its style (as ``apply_theme`` must otherwise) makes PySide build its Python
    type of ``QStyle`` with some 400 enum members: ~13 ms on the way to the first screen."""
    app = QApplication([program, "-style", "Fusion"])
    _state["fusion"] = True
    return app


def apply_theme(
    app: QApplication,
    *,
    high_contrast: bool = False,
    touch_mode: str = "auto",
    watch: bool = True,
) -> None:
    """Style, palette, font floor and control sizes for the whole app; safe to call again.

    ``watch=False`` (the app's start) leaves the control sizing filter off for now: the window
    sizes its first screens itself (``size_controls``) and turns the filter on once the unlock
    screen is idle (``watch_controls``). A filter written in Python sees every event of every
    object, and PySide6 builds the Python type of each object it hands over, with all of that
    type's enums: ~180 of them, ~15 ms, before the unlock screen could be drawn."""
    _state["high_contrast"] = high_contrast
    _state["touch"] = touch_mode == "on" or (touch_mode == "auto" and _touch_screen_present())
    if not _state["fusion"]:
        if app.style().name().casefold() != "fusion":
            app.setStyle(QStyleFactory.create("Fusion"))
        _state["fusion"] = True
    colours = current_colours()
    app.setPalette(_palette(colours))
    font = QGuiApplication.font()
    if font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
    if not font.family() or font.family() == "Sans Serif":
        font.setFamilies(["Noto Sans", "DejaVu Sans", "Segoe UI", "Sans Serif"])
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    app.setFont(font)
    app.setStyleSheet(_stylesheet(colours))
    _glyph.cache_clear()
    if watch or _sizer:  # a new touch mode resizes what is on screen
        watch_controls(app, resize_all=True)


def watch_controls(app: QApplication, *, resize_all: bool = False) -> None:
    """Every control polished from now on gets the minimum height; those alive get it now."""
    first = not _sizer
    if first:
        _sizer.append(_ControlSizer(app))
        app.installEventFilter(_sizer[0])
        app.aboutToQuit.connect(lambda: _remove_sizer(app))
    if first or resize_all:
        for widget in app.allWidgets():
            if isinstance(widget, _ControlSizer._TYPES):
                size_control(widget)


def size_controls(root: QWidget) -> None:
    """The minimum heights of the controls below ``root``, before ``watch_controls`` is on."""
    if _sizer:
        return  # the filter does it as they are polished
    # One search per control type (the types are disjoint): Qt filters in C++, and PySide wraps
    # only the controls (every other widget type it wraps has its Python type and enums built).
    for kind in _ControlSizer._TYPES:
        for widget in root.findChildren(kind):
            size_control(widget)


def _draw_glyph(p: QPainter, name: str, r: QRectF, c: QColor) -> None:  # noqa: C901
    s = r.width()
    pen = QPen(c, max(1.5, s * 0.09))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    m = r.adjusted(s * 0.14, s * 0.14, -s * 0.14, -s * 0.14)
    cx, cy = r.center().x(), r.center().y()
    if name == "new":
        p.drawLine(QPointF(cx, m.top()), QPointF(cx, m.bottom()))
        p.drawLine(QPointF(m.left(), cy), QPointF(m.right(), cy))
    elif name == "print":
        p.drawRect(QRectF(m.left() + s * 0.14, m.top(), m.width() - s * 0.28, s * 0.22))
        p.drawRoundedRect(QRectF(m.left(), m.top() + s * 0.22, m.width(), s * 0.34), 2, 2)
        p.drawRect(QRectF(m.left() + s * 0.14, m.top() + s * 0.46, m.width() - s * 0.28, s * 0.26))
    elif name == "sync":
        p.drawArc(m, 40 * 16, 140 * 16)
        p.drawArc(m, 220 * 16, 140 * 16)
        p.setBrush(QBrush(c))
        p.drawPolygon(
            [
                QPointF(m.right() + s * 0.04, cy - s * 0.2),
                QPointF(m.right() - s * 0.16, cy - s * 0.24),
                QPointF(m.right() - s * 0.02, cy - s * 0.04),
            ]
        )
        p.drawPolygon(
            [
                QPointF(m.left() - s * 0.04, cy + s * 0.2),
                QPointF(m.left() + s * 0.16, cy + s * 0.24),
                QPointF(m.left() + s * 0.02, cy + s * 0.04),
            ]
        )
    elif name == "todo":
        for i in range(3):
            y = m.top() + i * m.height() / 2
            p.drawLine(QPointF(m.left() + s * 0.28, y), QPointF(m.right(), y))
            p.drawEllipse(QPointF(m.left() + s * 0.06, y), s * 0.05, s * 0.05)
    elif name == "settings":
        p.drawEllipse(r.center(), s * 0.14, s * 0.14)
        path = QPainterPath()
        outer, inner = s * 0.40, s * 0.30
        for i in range(16):
            angle = i * math.pi / 8
            radius = outer if i % 2 == 0 else inner
            point = QPointF(cx + radius * math.cos(angle), cy + radius * math.sin(angle))
            path.moveTo(point) if i == 0 else path.lineTo(point)
        path.closeSubpath()
        p.drawPath(path)
    elif name == "lock":
        p.drawRoundedRect(QRectF(m.left(), cy - s * 0.04, m.width(), m.height() * 0.6), 2, 2)
        p.drawArc(QRectF(cx - s * 0.2, m.top(), s * 0.4, s * 0.44), 0, 180 * 16)
        p.drawLine(QPointF(cx - s * 0.2, m.top() + s * 0.22), QPointF(cx - s * 0.2, cy - s * 0.04))
        p.drawLine(QPointF(cx + s * 0.2, m.top() + s * 0.22), QPointF(cx + s * 0.2, cy - s * 0.04))
    elif name == "search":
        p.drawEllipse(QRectF(m.left(), m.top(), m.width() * 0.7, m.height() * 0.7))
        p.drawLine(QPointF(m.left() + m.width() * 0.6, m.top() + m.height() * 0.6), m.bottomRight())
    elif name == "back":
        p.drawLine(QPointF(m.right(), cy), QPointF(m.left(), cy))
        p.drawLine(QPointF(m.left(), cy), QPointF(m.left() + s * 0.3, cy - s * 0.3))
        p.drawLine(QPointF(m.left(), cy), QPointF(m.left() + s * 0.3, cy + s * 0.3))
    elif name == "help":
        p.drawEllipse(m)
        p.setFont(_bold_font(s * 0.5))
        p.drawText(m, Qt.AlignmentFlag.AlignCenter, "?")
    elif name == "list":
        for i in range(4):
            y = m.top() + i * m.height() / 3
            p.drawLine(QPointF(m.left(), y), QPointF(m.right(), y))
    elif name == "chart":  # four bars on a base line
        unit = s / 16
        for index, height in enumerate((6, 11, 8, 13)):
            left = r.left() + unit * (1.5 + index * 3.4)
            p.fillRect(
                QRectF(left, r.bottom() - unit * (1.5 + height), unit * 2.4, unit * height), c
            )
        p.fillRect(QRectF(r.left() + unit, r.bottom() - unit * 1.5, s - 2 * unit, unit * 0.9), c)


def _bold_font(pixels: float) -> QFont:
    font = QFont()
    font.setPixelSize(max(6, int(pixels)))
    font.setBold(True)
    return font


@cache
def _glyph(name: str, colour: str) -> QIcon:
    normal, disabled = QColor(colour), QColor("#8A9099")
    return painted_icon(
        lambda p, box, c: _draw_glyph(p, name, box, c),
        lambda mode: disabled if mode == QIcon.Mode.Disabled else normal,
    )


def glyph_icon(name: str) -> QIcon:
    """A toolbar glyph (new, print, sync, todo, settings, lock, search, back, help, list, chart)."""
    return _glyph(name, current_colours().text)
