"""Penyiapan awal (UI.md §3.1): language, who I am, my password, optionally enroll the laptop.

A ``QWizard`` embedded in the main window (one window, no extra top-level dialog). Step 1 picks
the language and switches it at once; step 2 creates the agent profile (a supervisor is told that
supervisor sign-in is online and comes with the review screens); step 3 optionally takes the
server address and enrollment code. *Selesai* creates the encrypted store on the DB lane
("Menyiapkan…"), then emits ``setup_done(UnlockedSession)`` and, when asked to enroll,
``enroll_requested(dict)`` for the sync controller.
"""

from __future__ import annotations

import logging
import re
import socket
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication as Q
from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from core import lanes
from core.errors import ConflictError, ValidationError
from core.settings import Settings
from models import profiles
from models.agent_profile import AGENT_KINDS
from models.keyfile import KdfParams
from ui.errors import user_message
from ui.session import UnlockedSession, create_session
from ui.tasks import run_in_background

log = logging.getLogger(__name__)

__all__ = ["SetupWizard", "agent_kind_label"]

MIN_PASSWORD = profiles.MIN_PASSWORD_LENGTH
_USERNAME = re.compile(r"^[A-Za-z0-9._-]{3,32}$")


def agent_kind_label(kind: str) -> str:
    labels = {
        "BPJS_STAFF": Q.translate("SetupWizard", "BPJS Ketenagakerjaan staff"),
        "INTERN": Q.translate("SetupWizard", "Intern"),
        "PERISAI": Q.translate("SetupWizard", "Perisai agent"),
        "WADAH_OFFICER": Q.translate("SetupWizard", "Wadah officer"),
    }
    return labels.get(kind, kind)


class LanguagePage(QWizardPage):
    def __init__(self, on_language: Callable[[str], None]) -> None:
        super().__init__()
        self._on_language = on_language
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.language_combo = QComboBox()
        self.language_combo.addItem("Bahasa Indonesia", "id")
        self.language_combo.addItem("English", "en")
        self.language_combo.currentIndexChanged.connect(self._changed)
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language_combo)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.language_label, self.language_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addStretch(1)

    def set_language(self, language: str) -> None:
        index = self.language_combo.findData(language)
        self.language_combo.blockSignals(True)
        self.language_combo.setCurrentIndex(max(index, 0))
        self.language_combo.blockSignals(False)

    @Slot()
    def _changed(self) -> None:
        self._on_language(self.language())

    def language(self) -> str:
        # By index, never currentData(): see ui/table_models/choices.py (PySide6 None refcount).
        return ("id", "en")[max(0, self.language_combo.currentIndex())]

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Set up Jangkau"))
        self.setSubTitle(self.tr("Step 1 of 3 · Language"))
        self.intro.setText(
            self.tr(
                "Jangkau keeps your prospects on this laptop, encrypted with your password. "
                "It works without a connection and sends records when one is available."
            )
        )
        self.language_label.setText(self.tr("&Language"))


class ProfilePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.agent_radio = QRadioButton()
        self.supervisor_radio = QRadioButton()
        self.agent_radio.setChecked(True)
        self.role_group = QButtonGroup(self)
        self.role_group.addButton(self.agent_radio)
        self.role_group.addButton(self.supervisor_radio)
        self.role_label = QLabel()
        roles = QHBoxLayout()
        roles.addWidget(self.agent_radio)
        roles.addWidget(self.supervisor_radio)
        roles.addStretch(1)
        self.supervisor_note = QLabel()
        self.supervisor_note.setObjectName("noteBox")
        self.supervisor_note.setWordWrap(True)
        self.supervisor_note.hide()
        self.supervisor_button = QPushButton()  # online sign-in (ui/screens/review)
        self.supervisor_button.setObjectName("link")
        self.supervisor_button.hide()

        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(100)
        self.username_edit = QLineEdit()
        self.username_edit.setMaxLength(32)
        self.kind_combo = QComboBox()
        for kind in AGENT_KINDS:
            self.kind_combo.addItem(kind, kind)
        self.kind_combo.setCurrentIndex(-1)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_hint = QLabel()
        self.password_hint.setObjectName("muted")
        self.problem_label = QLabel()
        self.problem_label.setObjectName("errorText")
        self.problem_label.setWordWrap(True)

        self.name_label = QLabel()
        self.name_label.setBuddy(self.name_edit)
        self.username_label = QLabel()
        self.username_label.setBuddy(self.username_edit)
        self.kind_label = QLabel()
        self.kind_label.setBuddy(self.kind_combo)
        self.password_label = QLabel()
        self.password_label.setBuddy(self.password_edit)
        self.repeat_label = QLabel()
        self.repeat_label.setBuddy(self.repeat_edit)
        password_row = QHBoxLayout()
        password_row.addWidget(self.password_edit, 1)
        password_row.addWidget(self.password_hint)

        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.addRow(self.role_label, roles)
        self.form.addRow("", self.supervisor_note)
        self.form.addRow("", self.supervisor_button)
        self.form.addRow(self.name_label, self.name_edit)
        self.form.addRow(self.username_label, self.username_edit)
        self.form.addRow(self.kind_label, self.kind_combo)
        self.form.addRow(self.password_label, password_row)
        self.form.addRow(self.repeat_label, self.repeat_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem_label)
        layout.addStretch(1)

        for edit in (self.name_edit, self.username_edit, self.password_edit, self.repeat_edit):
            edit.textChanged.connect(self._changed)
        self.kind_combo.currentIndexChanged.connect(self._changed)
        self.agent_radio.toggled.connect(self._changed)
        self.registerField("full_name*", self.name_edit)
        self.registerField("username*", self.username_edit)
        self.registerField("password*", self.password_edit)

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Set up Jangkau"))
        self.setSubTitle(self.tr("Step 2 of 3 · Your profile"))
        self.role_label.setText(self.tr("I am"))
        self.agent_radio.setText(self.tr("Field &agent"))
        self.supervisor_radio.setText(self.tr("Su&pervisor"))
        self.supervisor_note.setText(
            self.tr(
                "Supervisors sign in online with their server account; no profile is kept on "
                "this laptop. Choose Field agent to record prospects."
            )
        )
        self.supervisor_button.setText(self.tr("Sign in as supervisor now"))
        self.name_label.setText(self.tr("F&ull name*"))
        self.username_label.setText(self.tr("Userna&me*"))
        self.kind_label.setText(self.tr("Agent &type*"))
        self.password_label.setText(self.tr("Pass&word*"))
        self.repeat_label.setText(self.tr("&Repeat password*"))
        self.password_hint.setText(self.tr("min. {n}").format(n=MIN_PASSWORD))
        current = self.kind_combo.currentIndex()
        for i in range(self.kind_combo.count()):
            self.kind_combo.setItemText(i, agent_kind_label(AGENT_KINDS[i]))
        self.kind_combo.setCurrentIndex(current)
        self.kind_combo.setPlaceholderText(self.tr("Choose…"))
        self._changed()

    def problems(self) -> list[str]:
        found: list[str] = []
        if self.supervisor_radio.isChecked():
            return found
        username = self.username_edit.text().strip()
        if username and not _USERNAME.match(username):
            found.append(
                self.tr("A username has 3–32 letters, digits, dots, dashes or underscores.")
            )
        password, repeat = self.password_edit.text(), self.repeat_edit.text()
        if password and len(password) < MIN_PASSWORD:
            found.append(
                self.tr("The password needs at least {n} characters.").format(n=MIN_PASSWORD)
            )
        if repeat and password != repeat:
            found.append(self.tr("The two passwords differ."))
        return found

    @Slot()
    def _changed(self) -> None:
        supervisor = self.supervisor_radio.isChecked()
        self.supervisor_note.setVisible(supervisor)
        self.supervisor_button.setVisible(supervisor)
        for widget in (
            self.name_edit,
            self.username_edit,
            self.kind_combo,
            self.password_edit,
            self.repeat_edit,
        ):
            widget.setEnabled(not supervisor)
        self.problem_label.setText("\n".join(self.problems()))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        if self.supervisor_radio.isChecked():
            return False
        return (
            bool(self.name_edit.text().strip())
            and bool(_USERNAME.match(self.username_edit.text().strip()))
            and self.kind_combo.currentIndex() >= 0
            and len(self.password_edit.text()) >= MIN_PASSWORD
            and self.password_edit.text() == self.repeat_edit.text()
        )

    def agent_kind(self) -> str:
        index = self.kind_combo.currentIndex()
        return AGENT_KINDS[index] if index >= 0 else ""


class EnrollPage(QWizardPage):
    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.skip_radio = QRadioButton()
        self.enroll_radio = QRadioButton()
        self.skip_radio.setChecked(True)
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.skip_radio)
        self.choice.addButton(self.enroll_radio)
        self.server_edit = QLineEdit(settings.server_url or "")
        self.server_edit.setPlaceholderText("https://jangkau.example.id")
        self.code_edit = QLineEdit()
        self.code_edit.setMaxLength(8)
        self.account_password_edit = QLineEdit()
        self.account_password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.device_edit = QLineEdit(socket.gethostname()[:64])
        self.server_label = QLabel()
        self.server_label.setBuddy(self.server_edit)
        self.code_label = QLabel()
        self.code_label.setBuddy(self.code_edit)
        self.account_label = QLabel()
        self.account_label.setBuddy(self.account_password_edit)
        self.device_label = QLabel()
        self.device_label.setBuddy(self.device_edit)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setObjectName("muted")
        self.status_label.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.addRow(self.server_label, self.server_edit)
        self.form.addRow(self.code_label, self.code_edit)
        self.form.addRow(self.account_label, self.account_password_edit)
        self.form.addRow(self.device_label, self.device_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.skip_radio)
        layout.addWidget(self.enroll_radio)
        layout.addLayout(self.form)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        self.enroll_radio.toggled.connect(self._changed)
        for edit in (self.server_edit, self.code_edit, self.account_password_edit):
            edit.textChanged.connect(self._changed)
        self._changed()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Set up Jangkau"))
        self.setSubTitle(self.tr("Step 3 of 3 · Enroll this laptop (optional)"))
        self.intro.setText(
            self.tr(
                "To send records, the laptop is enrolled once with a code from your supervisor. "
                "You can do it later in Settings; everything works offline meanwhile."
            )
        )
        self.skip_radio.setText(self.tr("S&kip, enroll later"))
        self.enroll_radio.setText(self.tr("&Enroll now"))
        self.server_label.setText(self.tr("Ser&ver address"))
        self.code_label.setText(self.tr("Enrollment &code"))
        self.account_label.setText(self.tr("Account pass&word"))
        self.device_label.setText(self.tr("Laptop na&me"))
        self._changed()

    @Slot()
    def _changed(self) -> None:
        enroll = self.enroll_radio.isChecked()
        for widget in (
            self.server_edit,
            self.code_edit,
            self.account_password_edit,
            self.device_edit,
        ):
            widget.setEnabled(enroll)
        if enroll:
            self.status_label.setText(
                self.tr(
                    "The server address is saved now. The laptop shows Not enrolled until "
                    "enrollment completes with the server."
                )
            )
        else:
            self.status_label.setText(self.tr("Sync will show Not enrolled."))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        if not self.enroll_radio.isChecked():
            return True
        url = self.server_edit.text().strip()
        return url.startswith(("http://", "https://")) and len(url) > 10

    def enrollment(self) -> dict[str, Any] | None:
        if not self.enroll_radio.isChecked():
            return None
        return {
            "server_url": self.server_edit.text().strip(),
            "enrollment_code": self.code_edit.text().strip().upper(),
            "account_password": self.account_password_edit.text(),
            "device_name": self.device_edit.text().strip(),
        }


class SetupWizard(QWizard):
    """First run (or *Tambah* on the unlock screen): creates an agent profile."""

    setup_done = Signal(object)
    enroll_requested = Signal(dict)
    setup_cancelled = Signal()
    language_chosen = Signal(str)
    supervisor_requested = Signal()

    def __init__(
        self,
        settings_provider: Callable[[], Settings],
        *,
        argon2_params: KdfParams | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlags(Qt.WindowType.Widget)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoDefaultButton, False)
        self._settings = settings_provider
        self._argon2 = argon2_params
        self._busy = False
        self.language_page = LanguagePage(self.language_chosen.emit)
        self.profile_page = ProfilePage()
        self.enroll_page = EnrollPage(settings_provider())
        self.addPage(self.language_page)
        self.addPage(self.profile_page)
        self.addPage(self.enroll_page)
        self.profile_page.supervisor_button.clicked.connect(self.supervisor_requested)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("muted")
        self.setSideWidget(None)  # type: ignore[arg-type]  # PySide6 stub lacks None (nullptr)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Set up Jangkau"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        self.setButtonText(
            QWizard.WizardButton.FinishButton,
            self.tr("Setting up…") if self._busy else self.tr("&Finish"),
        )
        for page in (self.language_page, self.profile_page, self.enroll_page):
            page.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def start(self, *, language: str) -> None:
        """Show from the first page (again), with the current language preselected."""
        self.restart()
        self.language_page.set_language(language)
        for edit in (
            self.profile_page.name_edit,
            self.profile_page.username_edit,
            self.profile_page.password_edit,
            self.profile_page.repeat_edit,
        ):
            edit.clear()
        self.profile_page.kind_combo.setCurrentIndex(-1)
        self.profile_page.agent_radio.setChecked(True)
        self.enroll_page.skip_radio.setChecked(True)
        self.enroll_page.account_password_edit.clear()
        self.profile_page.problem_label.clear()

    def reject(self) -> None:
        if not self._busy:
            self.setup_cancelled.emit()

    def accept(self) -> None:
        if self._busy:
            return
        page = self.profile_page
        self._busy = True
        self._set_buttons_enabled(False)
        self.retranslate_ui()
        settings = self._settings()
        name = page.name_edit.text().strip()
        username = page.username_edit.text().strip()
        password = page.password_edit.text()
        kind = page.agent_kind()
        argon2 = self._argon2
        enrollment = self.enroll_page.enrollment()
        run_in_background(
            lanes.db(),
            lambda: create_session(
                display_name=name,
                username=username,
                password=password,
                agent_kind=kind,
                settings=settings,
                argon2_params=argon2,
            ),
            on_success=lambda session: self._created(session, enrollment),
            on_error=self._failed,
            owner=self,
        )

    def _set_buttons_enabled(self, enabled: bool) -> None:
        for which in (
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CancelButton,
        ):
            button = self.button(which)
            if button is not None:
                button.setEnabled(enabled)

    def _created(self, session: UnlockedSession, enrollment: dict[str, Any] | None) -> None:
        self._busy = False
        self._set_buttons_enabled(True)
        self.retranslate_ui()
        self.setup_done.emit(session)
        if enrollment is not None:
            self.enroll_requested.emit(enrollment)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self._set_buttons_enabled(True)
        self.retranslate_ui()
        log.warning("profile creation failed: %r", exc)
        if isinstance(exc, ConflictError | ValidationError):
            while self.currentPage() is not self.profile_page and self.currentId() > 0:
                self.back()
        self.profile_page.problem_label.setText(user_message(exc))
