"""The main window's sync entries (UI.md §3.6): *Sinkronisasi → Panel sinkronisasi…*,
*Daftarkan laptop ini…* and the message bar for a revoked laptop, a Wi-Fi login page or an app
too old for the server.

The dialogs themselves live in ``ui.screens.sync_panel`` and load when first opened: the
window is built before the unlock screen shows, and their tables and progress bars are not
needed for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QToolBar, QWidget

from ui.errors import message_for_code, user_message

if TYPE_CHECKING:
    from ui.screens.sync_panel import EnrollDialog, SyncPanel
    from ui.sync_controller import SyncController

__all__ = ["SyncActions"]


class SyncActions(QObject):
    """*Sinkronisasi → Panel sinkronisasi…*, *Daftarkan laptop ini…* and the message bar."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.main = window
        self.panel: SyncPanel | None = None
        menu = getattr(window, "sync_menu", None)
        self.act_panel = QAction(window)
        self.act_panel.setShortcut("Ctrl+3")  # the views are Ctrl+1…5 (UI.md §2)
        self.act_panel.triggered.connect(self.show_panel)
        self.act_enroll = QAction(window)
        self.act_enroll.triggered.connect(self.show_enroll)
        if menu is not None:
            menu.addAction(self.act_panel)
            menu.addAction(self.act_enroll)
        self.bar = QToolBar(window)
        self.bar.setObjectName("syncMessageBar")
        self.bar.setMovable(False)
        self.bar.setFloatable(False)
        self.message = QLabel(self.bar)
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.bar.addWidget(self.message)
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.bar)
        self.bar.setVisible(False)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.act_panel.setText(self.tr("Sync &panel…"))
        self.act_enroll.setText(self.tr("&Enroll this laptop…"))

    def attach(self, controller: SyncController) -> None:
        controller.message_changed.connect(self._message)
        controller.enroll_failed.connect(self._enroll_failed)
        controller.enroll_finished.connect(lambda _r: self._message(""))
        self._message(controller.message)

    @Slot(object)
    def _enroll_failed(self, exc: BaseException) -> None:
        """The wizard's *Daftarkan sekarang* has no dialog left to answer in: say it here."""
        self.message.setText(user_message(exc))
        self.bar.setVisible(True)

    def detach(self) -> None:
        self.bar.setVisible(False)
        if self.panel is not None:
            self.panel.close()
            self.panel = None

    @Slot(str)
    def _message(self, code: str) -> None:
        text = message_for_code(code) if code else None
        self.message.setText(text or "")
        self.bar.setVisible(bool(text))

    def show_panel(self) -> SyncPanel | None:
        controller = getattr(self.main, "sync", None)
        if controller is None:
            return None
        if self.panel is None or self.panel.controller is not controller:
            from ui.screens.sync_panel import SyncPanel

            self.panel = SyncPanel(controller, self.main)
        self.panel.show()
        self.panel.raise_()
        return self.panel

    def show_enroll(self, parent: QWidget | None = None) -> EnrollDialog | None:
        controller = getattr(self.main, "sync", None)
        session = getattr(self.main, "session", None)
        if controller is None or session is None:
            return None
        settings = getattr(self.main, "settings", None)
        from ui.screens.sync_panel import EnrollDialog

        dialog = EnrollDialog(
            controller,
            username=session.profile.username,
            server_url=(getattr(settings, "server_url", None) or ""),
            parent=parent or self.main,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
