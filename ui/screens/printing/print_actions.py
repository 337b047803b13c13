"""The main window's *Cetak* menu and the ways into the print dialog.

``PrintActions(window)`` adds a *Cetak* (Print) menu to the menu bar: *Formulir pendaftaran…*
(the window's own Ctrl+P action, also on the toolbar), *Formulir kosong* (blank form), *Lembar
informasi* (information sheet, personalised when a prospect is selected or open) and *Periksa
formulir cetak…* (verify a printed form). The side panel's *Cetak formulir* and the editor's
*Cetak* lead to the same dialog. A print from the editor first stores the working copy as a draft
(queued on the DB lane before the dialog reads it), so the paper shows what is on screen.
After a counted print the list rows and side panel reload (``records_changed``).
"""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu

if TYPE_CHECKING:
    # The dialogs import ReportLab (~0.4 s): loaded when first opened, not with the menu, which
    # every session builds on its way to the list.
    from ui.screens.printing.print_dialog import PrintDialog, PrintRequest
    from ui.screens.printing.verify_dialog import VerifyDialog

log = logging.getLogger(__name__)

__all__ = ["PrintActions"]


class PrintActions(QObject):
    """Owns the print menu of ``window`` (a ``ui.main_window.MainWindow``)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: QDialog | None = None
        self.act_blank = QAction(window)
        self.act_info = QAction(window)
        self.act_verify = QAction(window)
        self.act_blank.triggered.connect(lambda _c=False: self.print_blank())
        self.act_info.triggered.connect(lambda _c=False: self.print_info())
        self.act_verify.triggered.connect(lambda _c=False: self.verify())
        self.menu = QMenu(window)
        self.menu.addAction(window.act_print)
        self.menu.addSeparator()
        self.menu.addAction(self.act_blank)
        self.menu.addAction(self.act_info)
        self.menu.addSeparator()
        self.menu.addAction(self.act_verify)
        bar = window.menuBar()
        bar.insertMenu(window.sync_menu.menuAction(), self.menu)
        for action in (window.act_print, self.act_blank, self.act_info, self.act_verify):
            if action not in window.session_actions:
                window.session_actions.append(action)
            action.setEnabled(window.context is not None)
        window.session_started.connect(self._session_started)
        # Kunci (Ctrl+L, idle) shows the unlock screen at once: the dialog goes with the session
        window.stack.currentChanged.connect(lambda _i: self._close_if_locked())
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("P&rint"))  # p and c are taken: New &prospect, &Cari
        self.act_blank.setText(self.tr("Blank form"))
        self.act_blank.setToolTip(self.tr("The F1 BPU form to fill in by hand"))
        self.act_info.setText(self.tr("Information sheet"))
        self.act_info.setToolTip(
            self.tr("Benefits and contributions; with the selected prospect's own amounts")
        )
        self.act_verify.setText(self.tr("Verify printed form…"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    @Slot()
    def _session_started(self) -> None:
        view = self.window.list_view
        if view is not None:
            view.side_panel.print_button.clicked.connect(self._print_side_panel)

    # -- which prospects ------------------------------------------------------------------------

    def _editor_open(self) -> bool:
        editor = self.window.editor
        return editor is not None and self.window.views.currentWidget() is editor

    def selected_ids(self) -> list[uuid.UUID]:
        """The prospect in the editor, else the rows selected in the list (current row first)."""
        window = self.window
        if self._editor_open():
            window.editor.autosave_now()  # queued before the dialog's read on the DB lane
            return [window.editor.prospect_id]
        view = window.list_view
        if view is None or window.views.currentWidget() is not view:
            return []
        ids: list[uuid.UUID] = []
        current = view.selected_row()
        if current is not None:
            ids.append(current.id)
        for index in view.table.selectionModel().selectedRows():
            row = view.model.row_at(index.row())
            if row is not None and row.id not in ids:
                ids.append(row.id)
        return ids

    # -- actions --------------------------------------------------------------------------------

    def print_forms(self, ids: list[uuid.UUID] | None = None) -> PrintDialog | None:
        from ui.screens.printing.print_dialog import PrintRequest

        return self._open(PrintRequest.forms(self.selected_ids() if ids is None else ids))

    @Slot()
    def _print_side_panel(self) -> None:
        snapshot = self.window.list_view.side_panel.snapshot if self.window.list_view else None
        if snapshot is not None:
            self.print_forms([snapshot.id])

    def print_blank(self) -> PrintDialog | None:
        from ui.screens.printing.print_dialog import PrintRequest

        return self._open(PrintRequest.blank())

    def print_info(self) -> PrintDialog | None:
        from ui.screens.printing.print_dialog import PrintRequest

        ids = self.selected_ids()
        return self._open(PrintRequest.info(ids[0] if ids else None))

    def _open(self, request: PrintRequest) -> PrintDialog | None:
        from ui.screens.printing.print_dialog import PrintDialog

        context = self.window.context
        if context is None:
            return None
        dialog = PrintDialog(context, request, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.printed.connect(self._printed)
        self._show(dialog)
        return dialog

    def verify(self) -> VerifyDialog | None:
        from ui.screens.printing.verify_dialog import VerifyDialog

        context = self.window.context
        if context is None:
            return None
        dialog = VerifyDialog(context, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._show(dialog)
        return dialog

    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        self.window.active_dialog = dialog
        dialog.finished.connect(lambda _r: self._closed(dialog))
        dialog.open()

    def _close_if_locked(self) -> None:
        if self.dialog is not None and self.window.stack.currentWidget() is not self.window.views:
            self.dialog.reject()

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        if self.window.active_dialog is dialog:
            self.window.active_dialog = None

    @Slot(list)
    def _printed(self, ids: list[uuid.UUID]) -> None:
        sync = self.window.sync
        if sync is not None:
            sync.notify_records_changed(ids)
