"""Pengaturan (UI.md §3.11): language, contrast, touch mode, sync, security, printing, about.

Everything except the password is a ``core.settings.Settings`` field, saved atomically with
``core.settings.save`` when *Simpan* is pressed; ``settings_saved(Settings)`` then lets the main
window apply language, theme and auto-lock at once. *Ganti kata sandi* re-wraps the store key
(``Database.change_password``) on the DB lane and says how it went, inline. Invalid values show
inline and keep *Simpan* disabled.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core import lanes, paths
from core import settings as settings_io
from core.errors import WrongPasswordError
from core.settings import Settings
from models.profiles import MIN_PASSWORD_LENGTH
from ui.about import APP_NAME, app_version
from ui.errors import user_message
from ui.tasks import run_in_background

log = logging.getLogger(__name__)

__all__ = ["SettingsDialog", "printer_names"]

_LANGUAGES = ("id", "en")
_TOUCH = ("auto", "on", "off")


def printer_names() -> list[str]:
    try:
        from PySide6.QtPrintSupport import QPrinterInfo
    except ImportError:  # PrintSupport missing from a trimmed build
        return []
    return list(QPrinterInfo.availablePrinterNames())


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    return form


class SettingsDialog(QDialog):
    settings_saved = Signal(object)
    enroll_requested = Signal()  # "Daftarkan laptop ini…" (the main window opens the dialog)
    password_changed = Signal()

    def __init__(
        self,
        settings: Settings,
        *,
        db_provider: Callable[[], Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setModal(True)
        self._settings = settings
        self._db = db_provider
        self._busy = False
        self.tabs = QTabWidget(self)
        self._build_general()
        self._build_sync()
        self._build_security()
        self._build_print()
        self._build_about()
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.defaults_button = self.buttons.addButton(
            QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.defaults_button.clicked.connect(lambda: self.load(Settings()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)
        self.load(settings)
        self.retranslate_ui()

    # -- tabs ---------------------------------------------------------------------------------

    def _build_general(self) -> None:
        page = QWidget()
        self.language_combo = QComboBox(page)
        self.language_combo.addItems(["Bahasa Indonesia", "English"])
        self.contrast_check = QCheckBox(page)
        self.touch_combo = QComboBox(page)
        self.touch_combo.addItems(list(_TOUCH))
        self.language_label = QLabel(page)
        self.language_label.setBuddy(self.language_combo)
        self.touch_label = QLabel(page)
        self.touch_label.setBuddy(self.touch_combo)
        form = _form()
        form.addRow(self.language_label, self.language_combo)
        form.addRow("", self.contrast_check)
        form.addRow(self.touch_label, self.touch_combo)
        page.setLayout(form)
        self.general_page = page
        self.tabs.addTab(page, "")

    def _build_sync(self) -> None:
        page = QWidget()
        self.server_edit = QLineEdit(page)
        self.server_edit.setPlaceholderText("https://jangkau.example.id")
        self.server_edit.textChanged.connect(self._validate)
        self.server_error = QLabel(page)
        self.server_error.setObjectName("errorText")
        self.auto_sync_check = QCheckBox(page)
        self.interval_spin = QSpinBox(page)
        self.interval_spin.setRange(1, 120)
        self.server_label = QLabel(page)
        self.server_label.setBuddy(self.server_edit)
        self.interval_label = QLabel(page)
        self.interval_label.setBuddy(self.interval_spin)
        form = _form()
        form.addRow(self.server_label, self.server_edit)
        form.addRow("", self.server_error)
        form.addRow("", self.auto_sync_check)
        form.addRow(self.interval_label, self.interval_spin)
        self.enroll_button = QPushButton(page)
        self.enroll_button.clicked.connect(self.enroll_requested)
        form.addRow("", self.enroll_button)
        page.setLayout(form)
        self.sync_page = page
        self.tabs.addTab(page, "")

    def _build_security(self) -> None:
        page = QWidget()
        self.old_password = QLineEdit(page)
        self.new_password = QLineEdit(page)
        self.repeat_password = QLineEdit(page)
        for edit in (self.old_password, self.new_password, self.repeat_password):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textChanged.connect(self._password_inputs_changed)
        self.change_button = QPushButton(page)
        self.change_button.clicked.connect(self.change_password)
        self.password_result = QLabel(page)
        self.password_result.setWordWrap(True)
        self.lock_spin = QSpinBox(page)
        self.lock_spin.setRange(1, 240)
        self.old_label = QLabel(page)
        self.old_label.setBuddy(self.old_password)
        self.new_label = QLabel(page)
        self.new_label.setBuddy(self.new_password)
        self.repeat_label = QLabel(page)
        self.repeat_label.setBuddy(self.repeat_password)
        self.lock_label = QLabel(page)
        self.lock_label.setBuddy(self.lock_spin)
        self.password_title = QLabel(page)
        self.password_title.setStyleSheet("font-weight: 600;")
        form = _form()
        form.addRow(self.lock_label, self.lock_spin)
        form.addRow(self.password_title)
        form.addRow(self.old_label, self.old_password)
        form.addRow(self.new_label, self.new_password)
        form.addRow(self.repeat_label, self.repeat_password)
        row = QHBoxLayout()
        row.addWidget(self.change_button)
        row.addWidget(self.password_result, 1)
        form.addRow("", row)
        page.setLayout(form)
        self.security_page = page
        self.tabs.addTab(page, "")
        self.change_button.setEnabled(False)
        if self._db is None:
            for widget in (self.old_password, self.new_password, self.repeat_password):
                widget.setEnabled(False)

    def _build_print(self) -> None:
        page = QWidget()
        self.printer_combo = QComboBox(page)
        # Values live in Python lists: QComboBox.currentData() of a None value corrupts the
        # refcount of None in PySide6 6.12.0 (see ui/table_models/choices.py).
        self._printers: list[str | None] = [None, *printer_names()]
        for name in self._printers:
            self.printer_combo.addItem(name or "")
        self.printer_label = QLabel(page)
        self.printer_label.setBuddy(self.printer_combo)
        form = _form()
        form.addRow(self.printer_label, self.printer_combo)
        page.setLayout(form)
        self.print_page = page
        self.tabs.addTab(page, "")

    def _build_about(self) -> None:
        page = QWidget()
        self.about_label = QLabel(page)
        self.about_label.setWordWrap(True)
        self.log_path = QLineEdit(str(paths.log_dir()), page)
        self.log_path.setReadOnly(True)
        self.open_logs = QPushButton(page)
        self.open_logs.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.log_dir())))
        )
        self.log_label = QLabel(page)
        self.log_label.setBuddy(self.log_path)
        form = _form()
        form.addRow(self.about_label)
        form.addRow(self.log_label, self.log_path)
        form.addRow("", self.open_logs)
        page.setLayout(form)
        self.about_page = page
        self.tabs.addTab(page, "")

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        for page, text in (
            (self.general_page, self.tr("General")),
            (self.sync_page, self.tr("Sync")),
            (self.security_page, self.tr("Security")),
            (self.print_page, self.tr("Printing")),
            (self.about_page, self.tr("About")),
        ):
            self.tabs.setTabText(self.tabs.indexOf(page), text)
        self.language_label.setText(self.tr("&Language"))
        self.contrast_check.setText(self.tr("&High contrast"))
        self.touch_label.setText(self.tr("&Touch mode"))
        for i, text in enumerate((self.tr("Automatic"), self.tr("On"), self.tr("Off"))):
            self.touch_combo.setItemText(i, text)
        self.server_label.setText(self.tr("Ser&ver address"))
        self.auto_sync_check.setText(self.tr("&Automatic sync"))
        self.enroll_button.setText(self.tr("Enroll this laptop with a &code…"))
        self.interval_label.setText(self.tr("Sync &every"))
        self.interval_spin.setSuffix(self.tr(" min"))
        self.lock_label.setText(self.tr("Auto-loc&k after"))
        self.lock_spin.setSuffix(self.tr(" min idle"))
        self.password_title.setText(self.tr("Change password"))
        self.old_label.setText(self.tr("C&urrent password"))
        self.new_label.setText(self.tr("&New password (min. {n})").format(n=MIN_PASSWORD_LENGTH))
        self.repeat_label.setText(self.tr("&Repeat new password"))
        self.change_button.setText(self.tr("Change &password"))
        self.printer_label.setText(self.tr("Default pr&inter"))
        self.printer_combo.setItemText(0, self.tr("System default"))
        self.about_label.setText(
            self.tr(
                "{app} {version} · offline-first enrollment for BPJS Ketenagakerjaan BPU"
            ).format(app=APP_NAME, version=app_version())
        )
        self.log_label.setText(self.tr("Lo&g folder"))
        self.open_logs.setText(self.tr("&Open log folder"))
        self.save_button.setText(self.tr("&Save"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.defaults_button.setText(self.tr("Restore &defaults"))
        self._validate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- values -------------------------------------------------------------------------------

    def load(self, settings: Settings) -> None:
        self.language_combo.setCurrentIndex(_LANGUAGES.index(settings.language))
        self.contrast_check.setChecked(settings.high_contrast)
        self.touch_combo.setCurrentIndex(_TOUCH.index(settings.touch_mode))
        self.server_edit.setText(settings.server_url or "")
        self.auto_sync_check.setChecked(settings.auto_sync)
        self.interval_spin.setValue(settings.sync_interval_minutes)
        self.lock_spin.setValue(settings.auto_lock_minutes)
        printer = settings.default_printer
        if printer and printer not in self._printers:
            self._printers.append(printer)
            self.printer_combo.addItem(printer)
        self.printer_combo.setCurrentIndex(self._printers.index(printer) if printer else 0)
        self._validate()

    def values(self) -> Settings:
        server = self.server_edit.text().strip() or None
        return self._settings.model_copy(
            update={
                "language": _LANGUAGES[max(0, self.language_combo.currentIndex())],
                "high_contrast": self.contrast_check.isChecked(),
                "touch_mode": _TOUCH[max(0, self.touch_combo.currentIndex())],
                "server_url": server,
                "auto_sync": self.auto_sync_check.isChecked(),
                "sync_interval_minutes": self.interval_spin.value(),
                "auto_lock_minutes": self.lock_spin.value(),
                "default_printer": self._printers[max(0, self.printer_combo.currentIndex())],
            }
        )

    @Slot()
    def _validate(self) -> bool:
        url = self.server_edit.text().strip()
        ok = not url or (url.startswith(("http://", "https://")) and len(url) > len("https://"))
        self.server_error.setText(
            ""
            if ok
            else self.tr("A server address starts with https:// (http:// on this laptop only).")
        )
        self.server_error.setVisible(not ok)
        self.save_button.setEnabled(ok)
        return ok

    @Slot()
    def save(self) -> None:
        if not self._validate():
            return
        new = Settings.model_validate(self.values().model_dump())
        settings_io.save(new)
        self._settings = new
        self.settings_saved.emit(new)
        self.accept()

    # -- password -----------------------------------------------------------------------------

    @Slot()
    def _password_inputs_changed(self) -> None:
        new, repeat = self.new_password.text(), self.repeat_password.text()
        ok = (
            self._db is not None
            and not self._busy
            and bool(self.old_password.text())
            and len(new) >= MIN_PASSWORD_LENGTH
            and new == repeat
        )
        self.change_button.setEnabled(ok)
        if new and len(new) < MIN_PASSWORD_LENGTH:
            self._result(
                self.tr("The password needs at least {n} characters.").format(
                    n=MIN_PASSWORD_LENGTH
                ),
                error=True,
            )
        elif repeat and new != repeat:
            self._result(self.tr("The two passwords differ."), error=True)
        else:
            self._result("", error=False)

    def _result(self, text: str, *, error: bool) -> None:
        self.password_result.setObjectName("errorText" if error else "")
        self.password_result.setStyleSheet("" if error else "color: #00663F;")
        self.password_result.setText(text)

    @Slot()
    def change_password(self) -> None:
        if self._db is None or self._busy:
            return
        db = self._db()
        old, new = self.old_password.text(), self.new_password.text()
        self._busy = True
        self.change_button.setEnabled(False)
        self._result(self.tr("Changing…"), error=False)
        run_in_background(
            lanes.db(),
            lambda: db.change_password(old, new),
            on_success=lambda _r: self._password_done(None),
            on_error=self._password_done,
            owner=self,
        )

    def _password_done(self, exc: BaseException | None) -> None:
        self._busy = False
        if exc is None:
            for edit in (self.old_password, self.new_password, self.repeat_password):
                edit.clear()
            self._result(self.tr("Password changed."), error=False)
            self.password_changed.emit()
        elif isinstance(exc, WrongPasswordError):
            self._result(self.tr("The current password is wrong."), error=True)
        else:
            log.error("changing the password failed", exc_info=exc)
            self._result(user_message(exc), error=True)
        if exc is not None:
            self.change_button.setEnabled(True)
