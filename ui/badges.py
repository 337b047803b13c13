"""Status badges and record flags: words, tooltips and icons (UI.md §4).

Never colour alone: each badge has its own shape, so badges stay distinct in greyscale, and an
Okabe–Ito hue on the icon; the text beside it stays dark on the normal background. Icons are
painted with QPainter at whatever size and pixel ratio is asked for (a ``QIconEngine``), so they
are sharp at 125 % and in touch mode and need no image files.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QCoreApplication as Q
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QIcon,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from ui.painted_icon import painted_icon

__all__ = [
    "BADGES",
    "FLAGS",
    "Badge",
    "badge",
    "badge_icon",
    "badge_label",
    "badge_tooltip",
    "flag_icon",
    "flag_label",
    "OKABE_ITO",
]

OKABE_ITO = {
    "grey": QColor("#6E6E6E"),
    "blue": QColor("#0072B2"),
    "green": QColor("#009E73"),
    "orange": QColor("#E69F00"),
    "vermillion": QColor("#D55E00"),
    "purple": QColor("#CC79A7"),
    "ink": QColor("#1A1A1A"),
}


@dataclass(frozen=True, slots=True)
class Badge:
    key: str
    shape: str
    colour: str


# Client badge keys (SYNC_PROTOCOL.md §5 plus the client-only ones) in display order.
BADGES: dict[str, Badge] = {
    b.key: b
    for b in (
        Badge("draft", "hollow_circle", "grey"),
        Badge("queued", "up_arrow", "blue"),
        Badge("sending", "circular_arrows", "blue"),
        Badge("received", "check", "green"),
        Badge("resent", "check_return", "green"),
        Badge("approved", "filled_check", "green"),
        Badge("returned", "triangle", "orange"),
        Badge("rejected", "slashed_circle", "vermillion"),
        Badge("withdrawn", "cross", "grey"),
        Badge("conflict", "opposed_arrows", "purple"),
        Badge("invalid", "crossed_square", "vermillion"),
        Badge("forbidden", "telephone", "grey"),
    )
}

FLAGS: dict[str, Badge] = {
    b.key: b
    for b in (
        Badge("possible_duplicate", "two_squares", "purple"),
        Badge("out_of_area", "pin", "blue"),
        Badge("attachments_missing", "clip", "grey"),
        Badge("restricted", "shield", "vermillion"),
    )
}


def badge(key: str) -> Badge:
    return BADGES.get(key, BADGES["draft"])


def badge_label(key: str) -> str:
    labels = {
        "draft": Q.translate("Badges", "Draft"),
        "queued": Q.translate("Badges", "Waiting to send"),
        "sending": Q.translate("Badges", "Sending"),
        "received": Q.translate("Badges", "Sent"),
        "resent": Q.translate("Badges", "Resent"),
        "approved": Q.translate("Badges", "Approved"),
        "returned": Q.translate("Badges", "Needs correction"),
        "rejected": Q.translate("Badges", "Rejected"),
        "withdrawn": Q.translate("Badges", "Withdrawn"),
        "conflict": Q.translate("Badges", "Conflict"),
        "invalid": Q.translate("Badges", "Invalid"),
        "forbidden": Q.translate("Badges", "Contact admin"),
    }
    return labels.get(key, labels["draft"])


def badge_tooltip(key: str) -> str:
    tips = {
        "draft": Q.translate("Badges", "Only on this laptop; not sent."),
        "queued": Q.translate("Badges", "Saved, not sent yet"),
        "sending": Q.translate("Badges", "Being sent to the server now."),
        "received": Q.translate("Badges", "Received by the server"),
        "resent": Q.translate("Badges", "Corrected and received by the server again."),
        "approved": Q.translate("Badges", "Approved by the supervisor; read-only."),
        "returned": Q.translate("Badges", "The supervisor asks for a correction."),
        "rejected": Q.translate("Badges", "Rejected by the supervisor."),
        "withdrawn": Q.translate("Badges", "Withdrawn by you."),
        "conflict": Q.translate("Badges", "Changed on the server too: choose a version."),
        "invalid": Q.translate("Badges", "The server refused some fields: fix them."),
        "forbidden": Q.translate("Badges", "The server refused this record: contact the admin."),
    }
    return tips.get(key, tips["draft"])


def flag_label(key: str) -> str:
    labels = {
        "possible_duplicate": Q.translate("Badges", "Possible duplicate"),
        "out_of_area": Q.translate("Badges", "Outside the area"),
        "attachments_missing": Q.translate("Badges", "Attachments incomplete"),
        "restricted": Q.translate("Badges", "Restricted"),
    }
    return labels.get(key, key)


def _pen(colour: QColor, width: float) -> QPen:
    pen = QPen(colour, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _arrow_head(p: QPainter, tip: QPointF, angle: float, size: float, colour: QColor) -> None:
    left = QPointF(tip.x() - size * math.cos(angle - 0.5), tip.y() - size * math.sin(angle - 0.5))
    right = QPointF(tip.x() - size * math.cos(angle + 0.5), tip.y() - size * math.sin(angle + 0.5))
    p.setBrush(QBrush(colour))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawPolygon(QPolygonF([tip, left, right]))


def _draw(p: QPainter, shape: str, r: QRectF, c: QColor) -> None:  # noqa: C901 - one case per shape
    s = r.width()
    w = max(1.5, s * 0.12)
    m = r.adjusted(s * 0.12, s * 0.12, -s * 0.12, -s * 0.12)
    cx, cy = r.center().x(), r.center().y()
    ink = OKABE_ITO["ink"]
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(_pen(c, w))
    if shape == "hollow_circle":
        p.drawEllipse(m)
    elif shape == "up_arrow":
        p.drawLine(QPointF(cx, m.bottom()), QPointF(cx, m.top() + s * 0.3))
        _arrow_head(p, QPointF(cx, m.top()), -math.pi / 2, s * 0.42, c)
    elif shape == "circular_arrows":
        p.drawArc(m, 30 * 16, 120 * 16)
        p.drawArc(m, 210 * 16, 120 * 16)
        _arrow_head(
            p,
            QPointF(m.left() + m.width() * 0.07, cy - m.height() * 0.25),
            math.pi * 0.6,
            s * 0.3,
            c,
        )
        _arrow_head(
            p,
            QPointF(m.right() - m.width() * 0.07, cy + m.height() * 0.25),
            -math.pi * 0.4,
            s * 0.3,
            c,
        )
    elif shape in ("check", "check_return"):
        path = QPainterPath(QPointF(m.left(), cy))
        path.lineTo(QPointF(m.left() + m.width() * 0.35, m.bottom() - m.height() * 0.1))
        path.lineTo(QPointF(m.right(), m.top() + m.height() * 0.1))
        p.setPen(_pen(c, w * 1.2))
        p.drawPath(path)
        if shape == "check_return":
            p.setPen(_pen(c, w * 0.8))
            arc = QRectF(m.left() - s * 0.05, m.top() - s * 0.05, s * 0.45, s * 0.45)
            p.drawArc(arc, 90 * 16, 180 * 16)
            _arrow_head(p, QPointF(arc.center().x() + s * 0.1, arc.top()), 0.0, s * 0.22, c)
    elif shape == "filled_check":
        p.setBrush(QBrush(c))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawEllipse(r.adjusted(s * 0.04, s * 0.04, -s * 0.04, -s * 0.04))
        inner = m.adjusted(s * 0.12, s * 0.14, -s * 0.12, -s * 0.1)
        path = QPainterPath(QPointF(inner.left(), inner.center().y()))
        path.lineTo(QPointF(inner.left() + inner.width() * 0.38, inner.bottom()))
        path.lineTo(QPointF(inner.right(), inner.top()))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(_pen(QColor("white"), w))
        p.drawPath(path)
    elif shape == "triangle":
        tri = QPolygonF(
            [
                QPointF(cx, r.top() + s * 0.06),
                QPointF(r.right() - s * 0.04, r.bottom() - s * 0.08),
                QPointF(r.left() + s * 0.04, r.bottom() - s * 0.08),
            ]
        )
        p.setBrush(QBrush(c))
        p.setPen(_pen(c, w * 0.5))
        p.drawPolygon(tri)
        p.setPen(_pen(ink, w))
        p.drawLine(QPointF(cx, r.top() + s * 0.36), QPointF(cx, r.top() + s * 0.64))
        p.setBrush(QBrush(ink))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawEllipse(QPointF(cx, r.top() + s * 0.78), w * 0.6, w * 0.6)
    elif shape == "slashed_circle":
        p.drawEllipse(m)
        d = m.width() / 2 * 0.7071
        p.drawLine(QPointF(cx - d, cy - d), QPointF(cx + d, cy + d))
    elif shape == "cross":
        k = m.adjusted(s * 0.06, s * 0.06, -s * 0.06, -s * 0.06)
        p.setPen(_pen(c, w * 1.2))
        p.drawLine(k.topLeft(), k.bottomRight())
        p.drawLine(k.topRight(), k.bottomLeft())
    elif shape == "opposed_arrows":
        y1, y2 = cy - s * 0.18, cy + s * 0.18
        p.drawLine(QPointF(m.left() + s * 0.2, y1), QPointF(m.right(), y1))
        _arrow_head(p, QPointF(m.left(), y1), math.pi, s * 0.3, c)
        p.setPen(_pen(c, w))
        p.drawLine(QPointF(m.left(), y2), QPointF(m.right() - s * 0.2, y2))
        _arrow_head(p, QPointF(m.right(), y2), 0.0, s * 0.3, c)
    elif shape == "crossed_square":
        p.drawRect(m)
        k = m.adjusted(s * 0.16, s * 0.16, -s * 0.16, -s * 0.16)
        p.drawLine(k.topLeft(), k.bottomRight())
        p.drawLine(k.topRight(), k.bottomLeft())
    elif shape == "telephone":
        path = QPainterPath()
        path.moveTo(m.left() + s * 0.05, m.top() + s * 0.2)
        path.quadTo(
            QPointF(m.left(), m.bottom()), QPointF(m.right() - s * 0.2, m.bottom() - s * 0.05)
        )
        p.setPen(_pen(c, w * 1.6))
        p.drawPath(path)
        p.setBrush(QBrush(c))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawRoundedRect(QRectF(m.left() - s * 0.02, m.top() - s * 0.02, s * 0.3, s * 0.22), 2, 2)
        p.drawRoundedRect(
            QRectF(m.right() - s * 0.26, m.bottom() - s * 0.22, s * 0.3, s * 0.24), 2, 2
        )
    elif shape == "two_squares":
        a = QRectF(m.left(), m.top(), m.width() * 0.62, m.height() * 0.62)
        p.drawRect(a)
        p.drawRect(a.translated(m.width() * 0.38, m.height() * 0.38))
    elif shape == "pin":
        head = QRectF(cx - s * 0.28, m.top(), s * 0.56, s * 0.56)
        path = QPainterPath()
        path.moveTo(cx, m.bottom())
        path.arcTo(head, 210, -240)
        path.closeSubpath()
        p.setBrush(QBrush(c))
        p.drawPath(path)
        p.setBrush(QBrush(QColor("white")))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawEllipse(head.center(), s * 0.1, s * 0.1)
    elif shape == "clip":
        p.setPen(_pen(c, w * 0.8))
        path = QPainterPath()
        path.moveTo(cx - s * 0.12, m.bottom() - s * 0.2)
        path.lineTo(cx - s * 0.12, m.top() + s * 0.12)
        path.arcTo(QRectF(cx - s * 0.12, m.top(), s * 0.3, s * 0.24), 180, -180)
        path.lineTo(cx + s * 0.18, m.bottom() - s * 0.12)
        path.arcTo(QRectF(cx - s * 0.22, m.bottom() - s * 0.3, s * 0.4, s * 0.3), 0, -180)
        path.lineTo(cx - s * 0.22, m.top() + s * 0.3)
        p.drawPath(path)
    elif shape == "shield":
        path = QPainterPath(QPointF(cx, m.top()))
        path.lineTo(m.right(), m.top() + s * 0.12)
        path.quadTo(QPointF(m.right(), m.bottom() - s * 0.1), QPointF(cx, m.bottom()))
        path.quadTo(QPointF(m.left(), m.bottom() - s * 0.1), QPointF(m.left(), m.top() + s * 0.12))
        path.closeSubpath()
        p.setBrush(QBrush(c))
        p.drawPath(path)


@cache
def _icon(shape: str, colour_name: str) -> QIcon:
    normal = OKABE_ITO[colour_name]

    def colour_for(mode: QIcon.Mode) -> QColor:
        if mode == QIcon.Mode.Disabled:
            return OKABE_ITO["grey"]
        if mode == QIcon.Mode.Selected:
            return QColor("white")  # on the selection colour the hue would vanish
        return normal

    return painted_icon(lambda p, box, colour: _draw(p, shape, box, colour), colour_for)


def badge_icon(key: str) -> QIcon:
    b = badge(key)
    return _icon(b.shape, b.colour)


def flag_icon(key: str) -> QIcon:
    b = FLAGS.get(key, FLAGS["restricted"])
    return _icon(b.shape, b.colour)
