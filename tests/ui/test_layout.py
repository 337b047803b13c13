"""1366×768 (UI.md §1.5, §7.2–7.4): main screens fit 1366×700 without scrolling in both
languages, no label or button is cut, and no mnemonic is used twice on a screen."""

from __future__ import annotations

import pytest

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import unlock
from tests.ui.layout_checks import duplicate_mnemonics, fits, truncated, vertical_scrollbars
from ui import translations

pytestmark = pytest.mark.gui

FRAME = (1366, 700)


def _settle(qtbot, window) -> None:
    window.resize(*FRAME)
    QApplication.processEvents()
    qtbot.waitUntil(
        lambda: window.size().height() == FRAME[1] or window.minimumSizeHint().height() > FRAME[1],
        timeout=2_000,
    )


def _check(window, where: str) -> None:
    assert fits(window, *FRAME), f"{where}: minimum {window.minimumSizeHint().toTuple()} > {FRAME}"
    assert window.size().toTuple() == FRAME, where
    assert not vertical_scrollbars(window), f"{where}: {vertical_scrollbars(window)}"
    assert not truncated(window), f"{where}: {truncated(window)}"
    assert not duplicate_mnemonics(window), f"{where}: {duplicate_mnemonics(window)}"


@pytest.mark.parametrize("language", ["id", "en"])
def test_main_window_screens_fit_1366x700(qtbot, language, make_main_window, seeded_profile):
    translations.set_language(language)
    window = make_main_window()
    _settle(qtbot, window)
    _check(window, f"unlock/{language}")
    unlock(qtbot, window, seeded_profile)
    _settle(qtbot, window)
    qtbot.waitUntil(lambda: window.list_view.side_panel.snapshot is not None, timeout=5_000)
    _check(window, f"list/{language}")
    window.show_corrections()
    _settle(qtbot, window)
    _check(window, f"corrections/{language}")
    window.show_setup()
    wizard = window.wizard
    for number, page in enumerate(
        (wizard.language_page, wizard.profile_page, wizard.enroll_page), 1
    ):
        while wizard.currentPage() is not page:
            wizard.next()
        _settle(qtbot, window)
        _check(window, f"setup step {number}/{language}")
        assert wizard.currentPage() is page


@pytest.mark.parametrize("language", ["id", "en"])
def test_settings_dialog_tabs_fit_and_are_not_cut(qtbot, language, unlocked_window):
    translations.set_language(language)
    unlocked_window.open_settings()
    dialog = unlocked_window.active_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=2_000)
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        dialog.adjustSize()
        QApplication.processEvents()
        assert fits(dialog, *FRAME)
        assert not truncated(dialog), (dialog.tabs.tabText(index), truncated(dialog))
        assert not duplicate_mnemonics(dialog), duplicate_mnemonics(dialog)
    dialog.reject()


def test_main_window_still_fits_with_a_125_percent_font(
    qtbot, jangkau_qapp, make_main_window, seeded_profile
):
    app = jangkau_qapp
    base = QFont(app.font())
    bigger = QFont(base)
    bigger.setPointSizeF(base.pointSizeF() * 1.25)
    app.setFont(bigger)
    try:
        for language in ("id", "en"):
            translations.set_language(language)
            window = make_main_window()
            unlock(qtbot, window, seeded_profile)
            window.resize(*FRAME)
            QApplication.processEvents()
            assert fits(window, *FRAME), (language, window.minimumSizeHint().toTuple())
            assert not truncated(window), (language, truncated(window))
            window.close()
    finally:
        app.setFont(base)
        translations.set_language("id")
