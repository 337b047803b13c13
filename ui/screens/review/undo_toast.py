"""*Urungkan* (undo) after a decision: a bar at the foot of the workspace for ~2 minutes.

It names what was decided ("Disetujui: PESERTA A.") and offers *Urungkan* (Ctrl+Z while it is
visible). The server decides whether undo is still possible (its own window, and only while the
agent has not pulled the decision: SYNC_PROTOCOL.md §4.9 undo); the bar only stops offering it
after ``seconds``.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from sync.review_schemas import DecisionOut
from ui.screens.editor.field_marker import INFO_TEXT, INFO_TINT
from ui.screens.review.field_labels import outcome_label

__all__ = ["UndoToast", "UNDO_SECONDS"]

UNDO_SECONDS = 120


class UndoToast(QFrame):
    undo_requested = Signal(object)  # DecisionOut

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoToast")
        self.setStyleSheet(
            f"QFrame#undoToast {{ background: {INFO_TINT}; border-radius: 4px; }}"
            f"QFrame#undoToast QLabel {{ color: {INFO_TEXT}; }}"
        )
        self.decision: DecisionOut | None = None
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.undo_button = QPushButton(self)
        self.undo_button.clicked.connect(self._undo)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 6, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.undo_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.expire)
        self.retranslate_ui()
        self.hide()

    def retranslate_ui(self) -> None:
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setShortcut(QKeySequence("Ctrl+Z"))  # after setText (it resets it)
        self.undo_button.setToolTip(self.tr("Undo the last decision (Ctrl+Z)"))

    def show_decision(
        self, decision: DecisionOut, name: str, *, seconds: int = UNDO_SECONDS
    ) -> None:
        self.decision = decision
        self.label.setText(
            self.tr("{outcome}: {name}.").format(outcome=outcome_label(decision.outcome), name=name)
        )
        self.undo_button.setEnabled(decision.can_undo)
        self.undo_button.setVisible(decision.can_undo)
        self._timer.start(seconds * 1000)
        self.show()

    def show_text(self, text: str, *, seconds: int = 8) -> None:
        """A plain notice in the same place (undone, bulk results)."""
        self.decision = None
        self.label.setText(text)
        self.undo_button.hide()
        self._timer.start(seconds * 1000)
        self.show()

    @Slot()
    def expire(self) -> None:
        self._timer.stop()
        self.decision = None
        self.hide()

    @property
    def remaining_ms(self) -> int:
        return self._timer.remainingTime() if self._timer.isActive() else 0

    @Slot()
    def _undo(self) -> None:
        if self.decision is not None and self.isVisible():
            decision = self.decision
            self.undo_button.setEnabled(False)
            self.undo_requested.emit(decision)
