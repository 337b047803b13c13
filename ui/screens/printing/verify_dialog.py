"""Periksa formulir cetak (Verify a printed form): does this paper match the record?

The agent or a supervisor pastes (or a USB scanner types) the text of the QR code on a printed
form, ``JKU1|<record id>|<revision>|<hash>``. ``printing.qr.verify`` compares it with the record
as stored on this laptop (looked up on the DB lane) and the dialog says, in plain words, one of:
it matches; it is out of date (the record changed and was sent again after printing); the paper
is newer than this laptop's copy (sync first); the content differs (same revision, different
data: someone changed the paper or the record); no such record here; not a Jangkau code. Works
offline. Enter or *Periksa* checks.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core import lanes
from printing.qr import QrError
from ui import badges
from ui.app_context import AppContext
from ui.errors import user_message
from ui.screens.printing import print_jobs
from ui.screens.printing.print_jobs import VerifyOutcome
from ui.tasks import run_in_background

log = logging.getLogger(__name__)

__all__ = ["VerifyDialog"]

_ICONS = {"match": "approved", "mismatch": "returned", "unknown": "draft", "invalid": "invalid"}


class VerifyDialog(QDialog):
    """``checked(outcome)`` after each check; ``result_label`` holds the sentence."""

    checked = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyDialog")
        self.ctx = ctx
        self.outcome: VerifyOutcome | None = None
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.code_edit = QLineEdit(self)
        self.code_edit.setClearButtonEnabled(True)
        self.code_edit.setPlaceholderText("JKU1|…")
        self.code_edit.returnPressed.connect(self.check)
        self.code_edit.textChanged.connect(self._edited)
        self.code_label = QLabel(self)
        self.code_label.setBuddy(self.code_edit)
        self.check_button = QPushButton(self)
        self.check_button.setObjectName("primary")
        self.check_button.setAutoDefault(False)
        self.check_button.clicked.connect(self.check)
        self.result_icon = QLabel(self)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)

        entry = QHBoxLayout()
        entry.addWidget(self.code_edit, 1)
        entry.addWidget(self.check_button)
        result = QHBoxLayout()
        result.setSpacing(10)
        result.addWidget(self.result_icon, 0, Qt.AlignmentFlag.AlignTop)
        result.addWidget(self.result_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.intro)
        layout.addWidget(self.code_label)
        layout.addLayout(entry)
        layout.addLayout(result)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self._show(None)
        self.resize(640, 300)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Verify printed form"))
        self.intro.setText(
            self.tr(
                "Scan the QR code of a printed form with a scanner or phone, or paste its text "
                "(it starts with JKU1). Jangkau compares it with the data on this laptop."
            )
        )
        self.code_label.setText(self.tr("&Code of the form"))
        self.check_button.setText(self.tr("Chec&k"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        if self.outcome is not None:
            self._show(self.outcome)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    @Slot()
    def check(self) -> None:
        text = self.code_edit.text()
        if not text.strip():
            return
        db = self.ctx.db
        self.check_button.setEnabled(False)
        run_in_background(
            lanes.db(),
            lambda: print_jobs.verify_text(db, text),
            on_success=self._checked,
            on_error=self._failed,
            owner=self,
        )

    def _checked(self, outcome: VerifyOutcome) -> None:
        self.check_button.setEnabled(True)
        self.outcome = outcome
        self._show(outcome)
        self.checked.emit(outcome)

    def _failed(self, exc: BaseException) -> None:
        self.check_button.setEnabled(True)
        log.error("verification failed", exc_info=exc)
        self.result_label.setText(user_message(exc))

    @Slot(str)
    def _edited(self, _text: str) -> None:
        if self.outcome is not None:
            self.outcome = None
            self._show(None)

    def _show(self, outcome: VerifyOutcome | None) -> None:
        if outcome is None:
            self.result_icon.clear()
            self.result_label.clear()
            return
        status = outcome.verification.status
        icon = badges.badge_icon(_ICONS[status])
        self.result_icon.setPixmap(icon.pixmap(28, 28))
        self.result_icon.setAccessibleName(self.status_word(outcome))
        self.result_label.setText(f"<b>{self.status_word(outcome)}</b><br>{self.sentence(outcome)}")

    def status_word(self, outcome: VerifyOutcome) -> str:
        status = outcome.verification.status
        if status == "match":
            return self.tr("Matches")
        if status == "mismatch":
            return self.tr("Does not match")
        if status == "unknown":
            return self.tr("Not found")
        return self.tr("Not a form code")

    def sentence(self, outcome: VerifyOutcome) -> str:
        """The plain-language explanation of an outcome."""
        check = outcome.verification
        name = outcome.name or self.tr("this prospect")
        printed = check.printed.revision if check.printed else 0
        if check.status == "match":
            return self.tr(
                "The paper shows the current data of {name} (version {revision})."
            ).format(name=name, revision=printed)
        if check.status == "mismatch" and check.reason == "outdated":
            return self.tr(
                "The paper is out of date: the data of {name} was changed after printing "
                "(paper version {printed}, now {current}). Print the form again."
            ).format(name=name, printed=printed, current=check.current_revision)
        if check.status == "mismatch" and check.reason == "ahead":
            return self.tr(
                "The paper is newer than the data on this laptop. Sync first, then check again."
            )
        if check.status == "mismatch":
            return self.tr(
                "The paper and the data of {name} differ, although both are version {revision}. "
                "Someone changed the paper or the data: compare them, then print again."
            ).format(name=name, revision=printed)
        if check.status == "unknown":
            return self.tr(
                "There is no prospect with this code on this laptop. Sync first; "
                "the form may belong to another agent."
            )
        reason = (check.error_code or "").partition(":")[2] or "format"
        return user_message(QrError(params={"reason": reason}))
