"""The consent section's signature pad, signed with real mouse events (UI.md §3.4 section 6):
a drawn line is ink, kept as SVG path data and painted black; a tap is not a signature; a
read-only pad (a record the agent may not change) takes no ink."""

from __future__ import annotations

import pytest

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from ui.screens.editor.signature_pad import MIN_INK_PX, SignaturePad, parse_svg_path

pytestmark = pytest.mark.gui


def _mouse(pad: SignaturePad, kind: QMouseEvent.Type, x: int, y: int) -> None:
    held = Qt.MouseButton.NoButton if kind == QMouseEvent.Type.MouseButtonRelease else None
    buttons = Qt.MouseButton.LeftButton if held is None else held
    event = QMouseEvent(
        kind,
        QPointF(x, y),
        pad.mapToGlobal(QPointF(x, y)),
        Qt.MouseButton.LeftButton,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(pad, event)


def _draw(pad: SignaturePad, points: list[tuple[int, int]]) -> None:
    (x, y), *rest = points
    _mouse(pad, QMouseEvent.Type.MouseButtonPress, x, y)
    for x, y in rest:
        _mouse(pad, QMouseEvent.Type.MouseMove, x, y)
    _mouse(pad, QMouseEvent.Type.MouseButtonRelease, *points[-1])


@pytest.fixture
def pad(qtbot) -> SignaturePad:
    made = SignaturePad()
    qtbot.addWidget(made)
    made.resize(320, 100)
    made.show()
    qtbot.waitExposed(made)
    return made


def test_a_drawn_line_signs_is_kept_as_path_data_and_painted(qtbot, pad):
    changes: list[bool] = []
    pad.changed.connect(lambda: changes.append(True))
    _draw(pad, [(20, 50), (40, 50), (60, 50), (90, 52)])
    assert pad.is_signed() and changes == [True]
    assert pad.svg_path() == "M 20 50 L 40 50 L 60 50 L 90 52"
    assert parse_svg_path(pad.svg_path()) == pad.strokes()
    image = pad.grab().toImage()
    assert image.pixelColor(50, 50).lightness() < 100  # ink on the line
    assert image.pixelColor(200, 20).lightness() > 240  # white paper elsewhere
    restored = SignaturePad()
    qtbot.addWidget(restored)
    restored.set_svg_path(pad.svg_path())
    assert restored.strokes() == pad.strokes() and restored.is_signed()


def test_a_tap_or_a_short_mark_is_not_a_signature(pad):
    _draw(pad, [(30, 30), (30, 30)])  # a tap: one point, dropped
    assert pad.strokes() == [] and not pad.is_signed()
    _draw(pad, [(30, 30), (30 + MIN_INK_PX // 2, 30)])  # too short to be deliberate
    assert len(pad.strokes()) == 1 and not pad.is_signed()
    pad.clear()
    assert pad.strokes() == []


def test_a_read_only_pad_takes_no_ink(pad):
    pad.set_read_only(True)
    _draw(pad, [(20, 50), (120, 50)])
    assert pad.strokes() == [] and not pad.is_signed()
    assert pad.cursor().shape() == Qt.CursorShape.ArrowCursor
    pad.set_read_only(False)
    _draw(pad, [(20, 50), (120, 50)])
    assert pad.is_signed()


def test_signed_earlier_counts_until_cleared_and_says_so(qtbot, pad):
    pad.signed_text = "Ditandatangani di layar"
    pad.mark_signed_earlier(True)
    assert pad.is_signed() and pad.strokes() == []
    image = pad.grab().toImage()
    dark = sum(
        1
        for x in range(0, pad.width(), 2)
        for y in range(0, pad.height(), 2)
        if image.pixelColor(x, y).lightness() < 170  # darker than the grey baseline
    )
    assert dark > 20  # the text is painted
    pad.clear()
    assert not pad.is_signed()
