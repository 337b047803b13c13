"""The ways into printing from the main window: the Cetak menu, Ctrl+P on the list, the side
panel's *Cetak formulir*, the editor's *Cetak*; a counted print marks the list row."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import Qt

from tests.ui.printing.support import click, list_texts, save_pdf
from ui.screens.printing import PrintDialog, VerifyDialog
from ui.table_models.prospects import COLUMNS

pytestmark = pytest.mark.gui


def _dialog(qtbot, window, kind):
    qtbot.waitUntil(lambda: isinstance(window.active_dialog, kind), timeout=5_000)
    dialog = window.active_dialog
    if kind is PrintDialog:
        qtbot.waitUntil(
            lambda: dialog.list.count() > 0 or dialog.preview.has_document, timeout=10_000
        )
    return dialog


def _close(qtbot, window, dialog) -> None:
    dialog.reject()
    qtbot.waitUntil(lambda: window.active_dialog is None, timeout=5_000)


def test_print_menu_and_ctrl_p_print_the_selected_prospect(
    qtbot,
    unlocked_window,
    printing_catalogue,
    tmp_path: Path,  # noqa: ARG001
):
    window = unlocked_window
    menu = window.printing.menu
    assert menu.title() == "Ceta&k"  # &Cari (search) has the c
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == [
        "Cetak",
        "Formulir kosong",
        "Lembar informasi",
        "Periksa formulir cetak…",
    ]
    assert all(a.isEnabled() for a in menu.actions())
    assert window.act_print.toolTip() == "Cetak formulir (Ctrl+P)"

    view = window.list_view
    view.table.selectRow(3)
    row = view.selected_row()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(qtbot, window, PrintDialog)
    assert [item.id for item in dialog.list.all_items()] == [row.id]
    assert list_texts(dialog) == [row.full_name]
    assert save_pdf(qtbot, dialog, tmp_path / "f.pdf") == "saved"
    qtbot.waitUntil(lambda: list_texts(dialog) == [f"{row.full_name} (2x)"], timeout=10_000)
    _close(qtbot, window, dialog)

    # the list row learns about the print: printer glyph and a tooltip
    name = view.model.index(view.model.row_of(row.id), COLUMNS.index("name"))
    qtbot.waitUntil(
        lambda: (
            name.data(Qt.ItemDataRole.ToolTipRole) == f"{row.full_name} · formulir dicetak 1 kali"
        ),
        timeout=10_000,
    )
    assert not name.data(Qt.ItemDataRole.DecorationRole).isNull()

    # the side panel's button opens the same dialog
    panel = view.side_panel
    qtbot.waitUntil(
        lambda: panel.snapshot is not None and panel.snapshot.id == row.id, timeout=5_000
    )
    assert panel.print_button.text() == "Cetak formulir" and panel.print_button.isEnabled()
    qtbot.waitUntil(lambda: panel.snapshot.printed_count == 1, timeout=5_000)
    click(qtbot, panel.print_button)
    dialog = _dialog(qtbot, window, PrintDialog)
    assert list_texts(dialog) == [f"{row.full_name} (2x)"]
    _close(qtbot, window, dialog)

    # the information sheet is personalised with the selected prospect
    window.printing.act_info.trigger()
    dialog = _dialog(qtbot, window, PrintDialog)
    assert dialog.windowTitle() == f"Lembar informasi – {row.full_name}"
    _close(qtbot, window, dialog)

    window.printing.act_verify.trigger()
    verify = _dialog(qtbot, window, VerifyDialog)
    assert verify.windowTitle() == "Periksa formulir cetak"
    _close(qtbot, window, verify)


def test_the_editor_prints_the_open_prospect_and_auto_lock_closes_the_dialog(
    qtbot,
    unlocked_window,
    printing_catalogue,  # noqa: ARG001
):
    window = unlocked_window
    view = window.list_view
    view.table.selectRow(0)
    row = view.selected_row()
    window.open_prospect(row.id)
    editor = window.editor
    qtbot.waitUntil(lambda: editor.isEnabled() and editor.prospect_id == row.id, timeout=10_000)
    assert editor.print_button.isEnabled()
    assert editor.print_button.toolTip() == "Cetak formulir ini (Ctrl+P)"
    click(qtbot, editor.print_button)
    dialog = _dialog(qtbot, window, PrintDialog)
    assert [item.id for item in dialog.list.all_items()] == [row.id]

    # idle auto-lock (the dialog is window-modal, so this is how a lock comes while it is open):
    # nothing personal stays on screen
    with qtbot.waitSignals([dialog.finished, window.locked], timeout=10_000):
        window.idle.idle.emit()
    assert window.active_dialog is None
    assert window.stack.currentWidget() is window.unlock_screen
