"""Supervisor mode of the main window (UI.md §3.2 "Masuk sebagai pengawas", §3.8).

The unlock screen's link opens :class:`SignInDialog`; a successful sign-in puts a
:class:`ReviewWorkspace` into the window's stack instead of the agent's list (no local store is
opened: review is online against the server). 30 minutes without keyboard or mouse input, or a
``session-expired`` answer, asks for the password again over the workspace, keeping everything
typed; *Batal* there, *Keluar* or Ctrl+L sign out and return to the unlock screen. The session
token is never written anywhere.

The window only needs ``stack``, ``settings``, ``apply_settings(settings, save=)`` and
``show_start()``; it calls :meth:`SupervisorMode.sign_in`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot

from sync.review_client import ReviewClient
from ui.idle import IdleWatcher
from ui.screens.review.review_session import IDLE_LIMIT_S, ReviewSession
from ui.screens.review.sign_in_dialog import SignInDialog
from ui.screens.review.workspace import ReviewWorkspace

log = logging.getLogger(__name__)

__all__ = ["SupervisorMode"]


class SupervisorMode(QObject):
    """Owns the sign-in dialog, the review session and its workspace inside ``window``."""

    started = Signal(object)  # ReviewWorkspace
    ended = Signal()

    def __init__(
        self,
        window: Any,
        *,
        today: Callable[[], date] = date.today,
        client_factory: Callable[[str], ReviewClient] = ReviewClient,
        idle_ms: int = IDLE_LIMIT_S * 1000,
    ) -> None:
        super().__init__(window)
        self.window = window
        self._today = today
        self._factory = client_factory
        self.dialog: SignInDialog | None = None
        self.session: ReviewSession | None = None
        self.workspace: ReviewWorkspace | None = None
        self.idle = IdleWatcher(idle_ms, self)
        self.idle.idle.connect(self._idle)
        window.installEventFilter(self)

    @property
    def active(self) -> bool:
        return self.workspace is not None

    # -- sign in ------------------------------------------------------------------------------

    @Slot()
    def sign_in(self) -> SignInDialog:
        """Open the sign-in dialog (non-modal for the event loop, modal for the user)."""
        if self.dialog is not None:
            self.dialog.raise_()
            return self.dialog
        dialog = SignInDialog(
            server_url=self.window.settings.server_url,
            client_factory=self._factory,
            parent=self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.signed_in.connect(self._signed_in)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _signed_in(self, client: ReviewClient) -> None:
        url = client.base_url
        if url != (self.window.settings.server_url or "").rstrip("/"):
            self.window.apply_settings(
                self.window.settings.model_copy(update={"server_url": url}), save=True
            )
        self.session = ReviewSession(client, parent=self)
        workspace = ReviewWorkspace(self.session, today=self._today, parent=self.window.stack)
        workspace.signed_out.connect(self.end)
        workspace.reauth_needed.connect(self._reauth)
        self.window.stack.addWidget(workspace)
        self.window.stack.setCurrentWidget(workspace)
        self.workspace = workspace
        user = self.session.user
        self.window.setWindowTitle(f"Jangkau · {user.display_name or user.username}")
        workspace.start()
        workspace.batch_view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.idle.start()
        log.info("supervisor workspace shown")
        self.started.emit(workspace)

    # -- idle and expiry ----------------------------------------------------------------------

    @Slot()
    def _idle(self) -> None:
        if self.session is not None:
            self.session.expire()

    @Slot()
    def _reauth(self) -> None:
        session = self.session
        if session is None or self.dialog is not None:
            return
        self.idle.stop()
        dialog = SignInDialog(
            server_url=session.client.base_url,
            username=session.user.username,
            reauth=True,
            client_factory=self._factory,
            parent=self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.signed_in.connect(self._resumed)
        dialog.rejected.connect(self.end)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def _resumed(self, client: ReviewClient) -> None:
        if self.session is None or self.workspace is None:
            return
        self.session.resume(client)
        self.idle.start()
        self.workspace.resume()

    # -- sign out -----------------------------------------------------------------------------

    @Slot()
    def end(self) -> None:
        """Back to the unlock screen; the server is told (best effort), the token forgotten."""
        self.idle.stop()
        workspace, session = self.workspace, self.session
        self.workspace = self.session = None
        if workspace is not None:
            self.window.stack.removeWidget(workspace)
            workspace.deleteLater()
        if session is not None:
            session.sign_out()
            session.deleteLater()
        self.window.setWindowTitle("Jangkau")
        self.window.show_start()  # the unlock screen, or the setup wizard on a fresh laptop
        self.ended.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and self.session:
            self.session.sign_out()  # best effort before the lanes shut down
        return super().eventFilter(watched, event)
