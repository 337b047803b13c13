"""Sinkronisasi (UI.md §3.6): state, counts, progress with *Batal*, the sync log, enrollment.

``SyncPanel`` is the dialog of *Sinkronisasi → Panel sinkronisasi*: the connection state, the
line "Belum terkirim n | Tidak valid n | Konflik n | Perlu perbaikan n", the progress of a
running cycle ("Memeriksa server → Mengirim n/m → Mengambil perubahan") with *Batal*, the log
(Waktu, Kejadian, Hasil) and *Salin rincian untuk dukungan* (codes and counts only, never NIK or
phone). ``EnrollDialog`` enrolls the laptop (server, code, account password, laptop name).
``ui.screens.sync_actions.SyncActions`` adds both to the main window (loading this module when
one of them is first opened).
"""

from __future__ import annotations

import math
import platform
from typing import Any

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core import formatting
from ui.errors import message_for_code, user_message
from ui.sync_controller import (
    STATE_CAPTIVE,
    STATE_NOT_ENROLLED,
    STATE_OFFLINE,
    STATE_ONLINE,
    STATE_REVOKED,
    STATE_SYNCING,
    SyncController,
)

__all__ = ["EnrollDialog", "SyncPanel"]


class SyncPanel(QDialog):
    """The sync panel of one session; follows its ``SyncController``."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._support = ""
        self._entries: list[Any] = []
        self.state_label = QLabel(self)
        self.counts_label = QLabel(self)
        self.last_label = QLabel(self)
        self.retry_label = QLabel(self)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setObjectName("errorText")
        self.stage_label = QLabel(self)
        self.progress_bar = QProgressBar(self)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(controller.cancel)
        self.sync_button = QPushButton(self)
        self.sync_button.clicked.connect(controller.sync_now)
        self.enroll_button = QPushButton(self)
        self.enroll_button.clicked.connect(self.open_enroll)
        self.copy_button = QPushButton(self)
        self.copy_button.clicked.connect(self.copy_support)
        self.empty_label = QLabel(self)
        self.table = QTableWidget(0, 3, self)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        running = QHBoxLayout()
        running.addWidget(self.stage_label)
        running.addWidget(self.progress_bar, 1)
        running.addWidget(self.cancel_button)
        actions = QHBoxLayout()
        actions.addWidget(self.sync_button)
        actions.addWidget(self.enroll_button)
        actions.addStretch(1)
        actions.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        for label in (self.state_label, self.counts_label, self.last_label, self.retry_label):
            layout.addWidget(label)
        layout.addWidget(self.message_label)
        layout.addLayout(running)
        layout.addLayout(actions)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 480)
        controller.state_changed.connect(self._update)
        controller.progress_changed.connect(self._progress)
        controller.running_changed.connect(self._update)
        controller.retry_changed.connect(self._update)
        controller.message_changed.connect(self._update)
        controller.cycle_finished.connect(self.reload)
        controller.enroll_finished.connect(self.reload)
        self._counts: Any = None
        self._summary: Any = None
        self.retranslate_ui()
        self.reload()

    def state_word(self, state: str) -> str:
        return {
            STATE_ONLINE: self.tr("Online"),
            STATE_SYNCING: self.tr("Syncing"),
            STATE_OFFLINE: self.tr("Offline"),
            STATE_NOT_ENROLLED: self.tr("Not enrolled"),
            STATE_CAPTIVE: self.tr("Wi-Fi needs login"),
            STATE_REVOKED: self.tr("Laptop blocked"),
        }.get(state, self.tr("Offline"))

    # -- data ---------------------------------------------------------------------------------

    @Slot()
    def reload(self, *_args: Any) -> None:
        self.controller.read_log(self._loaded)

    def _loaded(self, data: Any) -> None:
        entries, support, counts, summary = data
        self._entries, self._support, self._counts, self._summary = (
            entries,
            support,
            counts,
            summary,
        )
        self._fill_table()
        self._update()

    def _event_word(self, event: str) -> str:
        return {
            "sync": self.tr("Sync"),
            "enroll": self.tr("Enrollment"),
            "rotate-token": self.tr("Key renewal"),
        }.get(event, event)

    def _outcome(self, entry: Any) -> str:
        if entry.status == "ok":
            if entry.event != "sync":
                return self.tr("Succeeded")
            return self.tr("Succeeded: {sent} sent, {received} received, {pulled} fetched").format(
                sent=entry.counts.get("sent", 0),
                received=entry.received,
                pulled=entry.counts.get("pulled", 0),
            )
        text = {
            "offline": self.tr("Offline"),
            "captive_portal": self.tr("Wi-Fi needs login"),
            "revoked": self.tr("Laptop blocked"),
            "cancelled": self.tr("Cancelled"),
            "not_enrolled": self.tr("Not enrolled"),
            "auth_required": self.tr("Enroll again"),
            "rate_limited": self.tr("Server busy"),
            "too_old": self.tr("App too old"),
        }.get(entry.status, self.tr("Failed"))
        if entry.failed:
            text += " · " + self.tr("{n} failed").format(n=entry.failed)
        if entry.repeat > 1:
            text += f" (×{entry.repeat})"
        return text

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self._entries))
        for row, entry in enumerate(self._entries):
            values = (
                formatting.datetime_wib(entry.at),
                self._event_word(entry.event),
                self._outcome(entry),
            )
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))
        self.table.resizeColumnToContents(0)
        self.empty_label.setVisible(not self._entries)
        self.table.setVisible(bool(self._entries))

    def row_texts(self) -> list[tuple[str, str, str]]:
        def text(r: int, c: int) -> str:
            item = self.table.item(r, c)
            return item.text() if item is not None else ""

        return [(text(r, 0), text(r, 1), text(r, 2)) for r in range(self.table.rowCount())]

    @Slot()
    def copy_support(self) -> None:
        QGuiApplication.clipboard().setText(self._support)

    @Slot()
    def open_enroll(self) -> None:
        dialog = EnrollDialog(self.controller, username=self._username(), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _username(self) -> str:
        window = self.parent()
        session = getattr(window, "session", None)
        return str(getattr(getattr(session, "profile", None), "username", "") or "")

    # -- view ---------------------------------------------------------------------------------

    @Slot(str, int, int)
    def _progress(self, stage: str, done: int, total: int) -> None:
        words = {
            "checking": self.tr("Checking the server"),
            "sending": self.tr("Sending {done}/{total}").format(done=done, total=total),
            "receiving": self.tr("Fetching changes"),
            "rotating": self.tr("Renewing the key"),
        }
        self.stage_label.setText(words.get(stage, stage))
        if stage == "sending" and total:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(done)
        else:
            self.progress_bar.setRange(0, 0)
        self._update()

    @Slot()
    def _update(self, *_args: Any) -> None:
        c = self.controller
        self.state_label.setText(self.tr("Status: {state}").format(state=self.state_word(c.state)))
        counts = self._counts
        if counts is not None:
            self.counts_label.setText(
                self.tr(
                    "Unsent {unsent} | Invalid {invalid} | Conflict {conflict} | "
                    "Needs correction {returned}"
                ).format(
                    unsent=c.counts.get("unsent", counts.unsent),
                    invalid=counts.invalid,
                    conflict=counts.conflict,
                    returned=c.counts.get("corrections", counts.returned),
                )
            )
        last = c.last_success or (self._summary.last_success if self._summary else None)
        self.last_label.setText(
            self.tr("Never synced.")
            if last is None
            else self.tr("Last success {when}").format(when=formatting.datetime_wib(last))
        )
        retry = c.retry_in
        self.retry_label.setVisible(retry is not None and not c.running)
        if retry is not None:
            minutes = max(1, math.ceil(retry / 60.0))
            self.retry_label.setText(self.tr("Retrying automatically in %n minute(s)", "", minutes))
        text = message_for_code(c.message) if c.message else None
        self.message_label.setText(text or "")
        self.message_label.setVisible(bool(text))
        running = c.running
        self.stage_label.setVisible(running)
        self.progress_bar.setVisible(running)
        self.cancel_button.setVisible(running)
        self.sync_button.setEnabled(not running and c.enrolled)
        self.enroll_button.setVisible(not c.enrolled or c.state == STATE_REVOKED)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Sync"))
        self.cancel_button.setText(self.tr("&Cancel"))
        self.sync_button.setText(self.tr("&Sync now"))
        self.enroll_button.setText(self.tr("&Enroll this laptop…"))
        self.copy_button.setText(self.tr("Cop&y details for support"))
        self.empty_label.setText(self.tr("Never synced."))
        self.table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Event"), self.tr("Result")])
        self._fill_table()
        self._update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class EnrollDialog(QDialog):
    """Daftarkan laptop ini: server address, enrollment code, account password, laptop name."""

    def __init__(
        self,
        controller: SyncController,
        *,
        username: str,
        server_url: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setModal(True)
        self.controller = controller
        self.username = username
        self.server_edit = QLineEdit(server_url, self)
        self.server_edit.setPlaceholderText("https://jangkau.example.id")
        self.code_edit = QLineEdit(self)
        self.code_edit.setMaxLength(8)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.device_edit = QLineEdit(platform.node()[:64], self)  # not socket: ~3 ms at start
        self.labels = [QLabel(self) for _ in range(4)]
        for label, edit in zip(
            self.labels,
            (self.server_edit, self.code_edit, self.password_edit, self.device_edit),
            strict=True,
        ):
            label.setBuddy(edit)
            edit.textChanged.connect(self._changed)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("errorText")
        self.problem_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        form = QFormLayout()
        for label, edit in zip(
            self.labels,
            (self.server_edit, self.code_edit, self.password_edit, self.device_edit),
            strict=True,
        ):
            form.addRow(label, edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        controller.enroll_finished.connect(self._done)
        controller.enroll_failed.connect(self._failed)
        self._busy = False
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Enroll this laptop"))
        texts = (
            self.tr("Ser&ver address"),
            self.tr("Enrollment &code"),
            self.tr("Account pass&word"),
            self.tr("Laptop na&me"),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.ok_button.setText(self.tr("Enro&ll"))
        self._changed()

    @Slot()
    def _changed(self) -> None:
        url = self.server_edit.text().strip()
        ok = (
            url.startswith(("http://", "https://"))
            and len(self.code_edit.text().strip()) >= 4
            and bool(self.password_edit.text())
            and bool(self.device_edit.text().strip())
        )
        self.ok_button.setEnabled(ok and not self._busy)

    @Slot()
    def submit(self) -> None:
        self._busy = True
        self._changed()
        self.problem_label.setText(self.tr("Enrolling…"))
        self.controller.enroll(
            server_url=self.server_edit.text().strip(),
            code=self.code_edit.text().strip().upper(),
            username=self.username,
            password=self.password_edit.text(),
            device_name=self.device_edit.text().strip(),
        )

    def _done(self, _result: Any) -> None:
        self._busy = False
        self.password_edit.clear()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.problem_label.setText(user_message(exc))
        self._changed()
