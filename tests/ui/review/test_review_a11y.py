"""UI.md §6, §7.2–§7.4 for the review screens, in both languages: buddies or accessible names,
unique mnemonics that leave Alt+S/K/T to the decisions, nothing cut at 1366×700, and the
language switch retranslates the live workspace."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from tests.ui.layout_checks import duplicate_mnemonics, mnemonics, truncated, visible_widgets
from tests.ui.review.support import settle

pytestmark = pytest.mark.gui

DECISION_KEYS = {"s", "k", "t"}


@pytest.fixture(params=["id", "en"])
def language(request: pytest.FixtureRequest, review_catalogue: Any) -> Iterator[str]:
    from ui import translations

    if request.param == "en":
        translations.set_language("en")
    yield request.param
    if request.param == "en":
        translations.set_language("id")


def _unnamed_inputs(root: QWidget) -> list[str]:
    widgets = visible_widgets(root)
    buddies = {w.buddy() for w in widgets if isinstance(w, QLabel) and w.buddy() is not None}
    kinds = (QComboBox, QLineEdit, QPlainTextEdit, QAbstractSpinBox)
    return [
        f"{type(w).__name__}:{w.objectName()}"
        for w in widgets
        if isinstance(w, kinds)
        and w.isEnabled()
        and w not in buddies
        and not w.accessibleName()
        and not isinstance(w.parent(), QComboBox | QAbstractSpinBox)  # inner line edits
    ]


def test_workspace_is_reachable_by_keyboard_and_nothing_is_cut(
    qtbot, world, make_workspace, language
):
    world.capture("a", 2)
    world.sync("a")
    ws = make_workspace(world)
    qtbot.waitUntil(lambda: ws.detail is not None, timeout=10_000)
    settle(qtbot)
    assert duplicate_mnemonics(ws) == {}
    assert not DECISION_KEYS & set(mnemonics(ws)), mnemonics(ws)
    assert _unnamed_inputs(ws) == []
    assert truncated(ws) == []
    assert ws.minimumSizeHint().width() <= 1366 and ws.minimumSizeHint().height() <= 700
    keys = {
        b.shortcut().toString()
        for b in (
            ws.decision_panel.approve_button,
            ws.decision_panel.return_button,
            ws.decision_panel.reject_button,
        )
    }
    assert keys == {"Alt+S", "Alt+K", "Alt+T"}
    if language == "en":
        assert ws.decision_panel.approve_button.text() == "Approve"
        assert ws.filter_bar.title_label.text().endswith("(online)")
        assert ws.batch_model.headerData(2, Qt.Orientation.Horizontal) == "Received"
    else:
        assert ws.decision_panel.return_button.text() == "Kembalikan untuk perbaikan"
        assert ws.pane.tabs.tabText(4) == "Ahli Waris"


def test_dialogs_have_buddies_and_unique_mnemonics(qtbot, world, make_workspace, language):
    from ui.screens.review.sign_in_dialog import SignInDialog

    del language
    nik = world.payload()["nik"]
    world.capture("a", 1, nik=nik)
    world.capture("b", 1, nik=nik)
    world.sync("a")
    world.sync("b")
    ws = make_workspace(world)
    qtbot.waitUntil(lambda: ws.detail is not None and bool(ws.detail.candidates), timeout=10_000)
    settle(qtbot)
    sign_in = SignInDialog(server_url=world.server.url, parent=ws)
    ws.open_export()
    export = ws.active_dialog
    ws.flow.compare()
    compare = ws.active_dialog
    for dialog in (sign_in, export, compare):
        dialog.show()
        qtbot.waitUntil(dialog.isVisible, timeout=5_000)
        assert duplicate_mnemonics(dialog) == {}, dialog.objectName()
        assert _unnamed_inputs(dialog) == [], dialog.objectName()
        assert truncated(dialog) == [], dialog.objectName()
        dialog.close()
    settle(qtbot)


def test_switching_language_retranslates_the_live_workspace(
    qtbot, world, make_workspace, review_catalogue
):
    from ui import translations

    world.capture("a", 1)
    world.sync("a")
    ws = make_workspace(world)
    qtbot.waitUntil(lambda: ws.detail is not None, timeout=10_000)
    settle(qtbot)
    assert ws.filter_bar.labels["area"].text() == "&Wilayah"
    translations.set_language("en")
    try:
        qtbot.waitUntil(lambda: ws.filter_bar.labels["area"].text() == "&Area", timeout=5_000)
        assert ws.decision_panel.approve_button.text() == "Approve"
        assert ws.decision_panel.approve_button.shortcut().toString() == "Alt+S"
        assert ws.toast.undo_button.shortcut().toString() == "Ctrl+Z"
        assert ws.pane.tabs.tabText(0) == "Identity"
        assert ws.pane.tables["identity"].label_of("full_name") == "Full name (as on the KTP)"
        assert ws.filter_bar.title_label.text().endswith("(online)")
    finally:
        translations.set_language("id")
    qtbot.waitUntil(lambda: ws.decision_panel.approve_button.text() == "Setujui", timeout=5_000)
    assert ws.decision_panel.approve_button.shortcut().toString() == "Alt+S"
    assert ws.pane.tables["identity"].label_of("full_name") == "Nama lengkap (sesuai KTP)"
