"""Badges and theme (UI.md §4, §7.8): distinct in greyscale, readable contrast, 10 pt floor."""

from __future__ import annotations

import itertools

import pytest

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter

from ui import badges, theme

pytestmark = pytest.mark.gui

SIZE = 24


def _grey(icon) -> QImage:
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    icon.paint(painter, QRect(0, 0, SIZE, SIZE))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_Grayscale8)


def _difference(a: QImage, b: QImage) -> float:
    total = 0
    for y in range(SIZE):
        for x in range(SIZE):
            total += abs(QColor(a.pixel(x, y)).value() - QColor(b.pixel(x, y)).value())
    return total / (SIZE * SIZE)


def test_every_badge_and_flag_is_distinct_in_greyscale(jangkau_qapp):
    icons = {key: _grey(badges.badge_icon(key)) for key in badges.BADGES}
    icons |= {f"flag:{key}": _grey(badges.flag_icon(key)) for key in badges.FLAGS}
    for (ka, a), (kb, b) in itertools.combinations(icons.items(), 2):
        assert _difference(a, b) > 4.0, f"{ka} and {kb} look alike in greyscale"
    for key, image in icons.items():
        assert any(
            QColor(image.pixel(x, y)).value() < 200 for x in range(SIZE) for y in range(SIZE)
        ), key


def test_badges_have_words_and_tooltips_in_indonesian(jangkau_qapp):
    labels = {key: badges.badge_label(key) for key in badges.BADGES}
    assert labels["queued"] == "Menunggu kirim"
    assert labels["returned"] == "Perlu perbaikan"
    assert labels["approved"] == "Disetujui"
    assert len(set(labels.values())) == len(labels)
    assert badges.badge_tooltip("queued") == "Tersimpan, belum terkirim"
    assert badges.badge_tooltip("received") == "Diterima server"


@pytest.mark.parametrize("colours,minimum", [(theme.NORMAL, 4.5), (theme.HIGH_CONTRAST, 7.0)])
def test_text_contrast(colours, minimum):
    pairs = [
        (colours.text, colours.base),
        (colours.text, colours.window),
        (colours.muted, colours.base),
        (colours.muted, colours.window),
        (colours.accent_text, colours.accent),
        (colours.accent, colours.base),
        (colours.text, colours.tint_warning),
        (colours.text, colours.alternate),
    ]
    for fg, bg in pairs:
        assert theme.contrast_ratio(fg, bg) >= minimum, (fg, bg)


def _drop_stale_windows(app) -> None:
    """Earlier tests in this process leave closed windows whose Python halves are gone;
    restyling the whole app would call into them. Delete them before re-theming."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for widget in app.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_theme_sets_font_floor_and_control_heights(qtbot, jangkau_qapp):
    from PySide6.QtWidgets import QLineEdit, QPushButton

    _drop_stale_windows(jangkau_qapp)
    assert jangkau_qapp.font().pointSizeF() >= 10
    button = QPushButton("OK")
    qtbot.addWidget(button)
    button.show()
    assert button.minimumHeight() >= theme.CONTROL_HEIGHT
    theme.apply_theme(jangkau_qapp, high_contrast=True, touch_mode="on")
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    assert edit.minimumHeight() >= theme.TOUCH_CONTROL_HEIGHT
    assert button.minimumHeight() >= theme.TOUCH_CONTROL_HEIGHT
    assert jangkau_qapp.palette().color(jangkau_qapp.palette().ColorRole.Text) == QColor("#000000")
    theme.apply_theme(jangkau_qapp, touch_mode="off")


def test_glyphs_paint_something(jangkau_qapp):
    for name in ("new", "print", "sync", "todo", "settings", "lock", "search", "help", "list"):
        image = _grey(theme.glyph_icon(name))
        assert any(
            QColor(image.pixel(x, y)).value() < 128 for x in range(SIZE) for y in range(SIZE)
        ), name
