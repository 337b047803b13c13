"""Masuk sebagai pengawas (UI.md §3.2; SYNC_PROTOCOL.md §2.2, §4.4): online sign-in.

Server address, username and password; *Masuk* logs in on the network lane ("Masuk…" meanwhile)
and hands the logged-in :class:`~sync.review_client.ReviewClient` over through ``signed_in``. The
token stays inside that client, in memory. After 30 idle minutes the workspace opens the same
dialog again with the username fixed (``reauth=True``): the password is asked again, typed notes
stay where they are.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core import lanes
from sync.errors import AuthError, CaptivePortal
from sync.review_client import ReviewClient
from ui.errors import user_message
from ui.screens.review.review_session import is_connection_error
from ui.tasks import run_in_background

log = logging.getLogger(__name__)

__all__ = ["SignInDialog"]


class SignInDialog(QDialog):
    """Emits ``signed_in(ReviewClient)`` once the server accepted the supervisor."""

    signed_in = Signal(object)

    def __init__(
        self,
        *,
        server_url: str | None,
        username: str | None = None,
        reauth: bool = False,
        client_factory: Callable[[str], ReviewClient] = ReviewClient,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorSignIn")
        self._factory = client_factory
        self._reauth = reauth
        self._busy = False
        self.client: ReviewClient | None = None
        self.intro_label = QLabel(self)
        self.intro_label.setWordWrap(True)
        self.server_edit = QLineEdit(server_url or "", self)
        self.server_edit.setPlaceholderText("https://jangkau.contoh.id")
        self.username_edit = QLineEdit(username or "", self)
        self.username_edit.setReadOnly(reauth)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.server_label = QLabel(self)
        self.server_label.setBuddy(self.server_edit)
        self.username_label = QLabel(self)
        self.username_label.setBuddy(self.username_edit)
        self.password_label = QLabel(self)
        self.password_label.setBuddy(self.password_edit)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.server_label, self.server_edit)
        form.addRow(self.username_label, self.username_edit)
        form.addRow(self.password_label, self.password_edit)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("errorText")
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName("sign-in-message")
        self.buttons = QDialogButtonBox(self)
        self.sign_in_button = QPushButton(self)
        self.sign_in_button.setObjectName("primary")
        self.sign_in_button.setDefault(True)
        self.cancel_button = QPushButton(self)
        self.buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.sign_in_button.clicked.connect(self.try_sign_in)
        self.cancel_button.clicked.connect(self.reject)
        for edit in (self.server_edit, self.username_edit, self.password_edit):
            edit.textChanged.connect(lambda _t: self._update_state())
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.retranslate_ui()
        first_empty = next(
            (e for e in (self.server_edit, self.username_edit) if not e.text()), None
        )
        (first_empty or self.password_edit).setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Sign in as supervisor"))
        if self._reauth:
            self.intro_label.setText(
                self.tr("You were away for a while. Type your password again; your notes are kept.")
            )
        else:
            self.intro_label.setText(
                self.tr("Supervisors sign in online against the Jangkau server.")
            )
        self.server_label.setText(self.tr("Server &address"))
        self.username_label.setText(self.tr("&Username"))
        self.password_label.setText(self.tr("Pass&word"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._update_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _update_state(self) -> None:
        ready = all(e.text().strip() for e in (self.server_edit, self.username_edit)) and bool(
            self.password_edit.text()
        )
        self.sign_in_button.setEnabled(ready and not self._busy)
        for edit in (self.server_edit, self.username_edit, self.password_edit):
            edit.setEnabled(not self._busy)
        self.sign_in_button.setText(self.tr("Signing in…") if self._busy else self.tr("Sign &in"))

    @property
    def server_url(self) -> str:
        return self.server_edit.text().strip().rstrip("/")

    @Slot()
    def try_sign_in(self) -> None:
        if self._busy or not self.sign_in_button.isEnabled():
            return
        url = self.server_url
        username = self.username_edit.text().strip()
        password = self.password_edit.text()
        self._busy = True
        self.message_label.clear()
        self._update_state()
        factory = self._factory

        def login() -> ReviewClient:
            client = factory(url)
            try:
                client.login(username, password)
            except BaseException:
                client.close()
                raise
            return client

        run_in_background(
            lanes.net(), login, on_success=self._signed_in, on_error=self._failed, owner=self
        )

    def _signed_in(self, client: ReviewClient) -> None:
        self._busy = False
        self.password_edit.clear()
        self.client = client
        log.info("supervisor signed in")
        self.signed_in.emit(client)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self._update_state()
        if isinstance(exc, CaptivePortal):
            text = user_message(exc)
        elif is_connection_error(exc):
            text = self.tr("Review needs a connection. Check the network and the server address.")
        elif isinstance(exc, AuthError) and exc.code == "role-not-permitted":
            text = self.tr("This account is not a supervisor account.")
        else:
            text = user_message(exc)
        log.info("supervisor sign-in failed: %r", exc)
        self.message_label.setText(text)
        self.password_edit.selectAll()
        self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)
