"""The decision bar under the record (UI.md §3.8; SYNC_PROTOCOL.md §3, §5).

*Catatan* (required unless approving), *Alasan* (required to reject), the field notes typed in
the record tables, and the three decisions: *Setujui* (Alt+S), *Kembalikan untuk perbaikan*
(Alt+K; on an approved record not yet exported it reopens it) and *Tolak* (Alt+T). The keys are
the buttons' own shortcuts, so the button texts carry no mnemonic that could compete with them.
Buttons follow the server's ``actions`` for the record and the connection: offline every
decision is disabled with "Pemeriksaan butuh koneksi." while the note stays as typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from sync.review_schemas import REASON_CODES
from ui.screens.review.field_labels import field_label, reason_label

__all__ = ["DecisionPanel"]

NOTE_MAX = 2000


class DecisionPanel(QFrame):
    """Emits ``decide_requested(outcome)`` after its own checks (note, reason) pass."""

    decide_requested = Signal(str)
    draft_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self._actions: set[str] = set()
        self._online = True
        self._state: str | None = None
        self._field_notes: dict[str, str] = {}
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setTabChangesFocus(True)
        line = self.fontMetrics().lineSpacing()
        self.note_edit.setFixedHeight(line * 3 + 12)
        self.note_edit.textChanged.connect(self.draft_changed)
        self.note_label = QLabel(self)
        self.note_label.setBuddy(self.note_edit)
        self.reason_combo = QComboBox(self)
        self.reason_combo.currentIndexChanged.connect(lambda _i: self.draft_changed.emit())
        self.reason_label = QLabel(self)
        self.reason_label.setBuddy(self.reason_combo)
        self.field_notes_label = QLabel(self)
        self.field_notes_label.setObjectName("muted")
        self.field_notes_label.setWordWrap(True)
        self.approve_button = QPushButton(self)
        self.approve_button.setObjectName("primary")
        self.return_button = QPushButton(self)
        self.reject_button = QPushButton(self)
        self.approve_button.clicked.connect(lambda: self.request("approve"))
        self.return_button.clicked.connect(lambda: self.request(self.return_outcome()))
        self.reject_button.clicked.connect(lambda: self.request("reject"))
        self.message_label = QLabel(self)
        self.message_label.setObjectName("errorText")
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName("decision-message")
        grid = QGridLayout()
        grid.addWidget(self.note_label, 0, 0)
        grid.addWidget(self.note_edit, 0, 1, 2, 1)
        grid.addWidget(self.reason_label, 0, 2)
        grid.addWidget(self.reason_combo, 0, 3)
        grid.addWidget(self.field_notes_label, 1, 2, 1, 2)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.return_button)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.message_label, 1)
        grid.addLayout(buttons, 2, 0, 1, 4)
        grid.setContentsMargins(8, 6, 8, 6)
        self.setLayout(grid)
        self.retranslate_ui()
        self._update()

    def retranslate_ui(self) -> None:
        self.note_label.setText(self.tr("&Note*"))
        self.note_edit.setPlaceholderText(self.tr("Required unless approving"))
        self.note_edit.setAccessibleName(self.tr("Note"))
        self.reason_label.setText(self.tr("&Reason"))
        current = self.reason_combo.currentData()
        self.reason_combo.blockSignals(True)
        self.reason_combo.clear()
        self.reason_combo.addItem(self.tr("Choose a reason"), None)
        for code in REASON_CODES:
            self.reason_combo.addItem(reason_label(code), code)
        index = self.reason_combo.findData(current) if current else 0
        self.reason_combo.setCurrentIndex(max(index, 0))
        self.reason_combo.blockSignals(False)
        self.approve_button.setText(self.tr("Approve"))
        self.approve_button.setToolTip(self.tr("Approve (Alt+S)"))
        self.reject_button.setText(self.tr("Reject"))
        self.reject_button.setToolTip(self.tr("Reject with a reason (Alt+T)"))
        self._update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- state --------------------------------------------------------------------------------

    def set_record(self, *, actions: Iterable[str], state: str | None) -> None:
        self._actions = set(actions)
        self._state = state
        self.message_label.clear()
        self._update()

    def clear_record(self) -> None:
        self.set_record(actions=(), state=None)

    def set_online(self, online: bool) -> None:
        self._online = online
        self._update()

    def return_outcome(self) -> str:
        """An approved record is reopened (before export); anything else is returned."""
        return "reopen" if self._state == "approved" and "reopen" in self._actions else "return"

    def _update(self) -> None:
        reopen = self.return_outcome() == "reopen"
        self.return_button.setText(
            self.tr("Reopen for correction") if reopen else self.tr("Return for correction")
        )
        self.return_button.setToolTip(self.return_button.text() + " (Alt+K)")
        # setText() resets a button's shortcut to its mnemonic: set the keys after every text
        for button, keys in (
            (self.approve_button, "Alt+S"),
            (self.return_button, "Alt+K"),
            (self.reject_button, "Alt+T"),
        ):
            button.setShortcut(QKeySequence(keys))
        self.approve_button.setEnabled(self._online and "approve" in self._actions)
        self.return_button.setEnabled(self._online and ("return" in self._actions or reopen))
        self.reject_button.setEnabled(self._online and "reject" in self._actions)
        if not self._online:
            self.message_label.setText(self.tr("Review needs a connection."))
        elif self.message_label.text() == self.tr("Review needs a connection."):
            self.message_label.clear()

    # -- the draft ----------------------------------------------------------------------------

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def reason(self) -> str | None:
        value = self.reason_combo.currentData()
        return value if isinstance(value, str) else None

    def field_notes(self) -> dict[str, str]:
        return dict(self._field_notes)

    def set_draft(self, *, note: str, reason: str | None, field_notes: Mapping[str, str]) -> None:
        self.note_edit.blockSignals(True)
        self.note_edit.setPlainText(note)
        self.note_edit.blockSignals(False)
        index = self.reason_combo.findData(reason) if reason else 0
        self.reason_combo.blockSignals(True)
        self.reason_combo.setCurrentIndex(max(index, 0))
        self.reason_combo.blockSignals(False)
        self.set_field_notes(field_notes)

    def set_field_notes(self, notes: Mapping[str, str]) -> None:
        self._field_notes = {k: v for k, v in notes.items() if v}
        if self._field_notes:
            names = ", ".join(field_label(k) for k in list(self._field_notes)[:4])
            if len(self._field_notes) > 4:
                names += " …"
            self.field_notes_label.setText(
                self.tr("Field notes: {n} ({names})").format(n=len(self._field_notes), names=names)
            )
        else:
            self.field_notes_label.setText(self.tr("Field notes: none (Ctrl+M adds one)"))

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)

    def problem(self, outcome: str) -> str | None:
        """Why ``outcome`` cannot be sent yet (UI.md §3.8: note unless approving)."""
        found = self._problem(outcome)
        return found[0] if found else None

    def _problem(self, outcome: str) -> tuple[str, QWidget] | None:
        if outcome != "approve" and not self.note():
            return self.tr("Write a note: it is required unless approving."), self.note_edit
        if len(self.note()) > NOTE_MAX:
            text = self.tr("The note is too long (at most {n} characters).").format(n=NOTE_MAX)
            return text, self.note_edit
        if outcome == "reject" and not self.reason():
            return self.tr("Choose the reason for rejecting."), self.reason_combo
        if outcome == "approve" and self._field_notes:
            text = self.tr("Field notes go with a return. Remove them or return the record.")
            return text, self.approve_button
        return None

    @Slot(str)
    def request(self, outcome: str) -> None:
        button = {
            "approve": self.approve_button,
            "reject": self.reject_button,
        }.get(outcome, self.return_button)
        if not button.isEnabled():
            return
        found = self._problem(outcome)
        if found is not None:
            self.message_label.setText(found[0])
            found[1].setFocus()
            return
        self.message_label.clear()
        self.decide_requested.emit(outcome)
