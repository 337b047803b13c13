"""Follow-up dialogs: *Rencanakan kunjungan* (plan a visit or call) and *Catat hasil* (what a
visit or call brought: Tertarik, Terdaftar, Menolak + alasan, Tidak ditemui, Tidak diangkat; and
optionally when to come back).

Both only collect values; the caller stores them with ``models.services.followups`` on the DB
lane. *Simpan* stays disabled until the values are complete (a refusal needs its reason), so the
service's own checks (``E_REQUIRED reason``, dates) are a second line, never the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from models.services.followups import CLOSING_OUTCOMES, OUTCOMES

__all__ = ["OutcomeDialog", "OutcomeValues", "PlanDialog", "PlanValues"]


@dataclass(frozen=True, slots=True)
class PlanValues:
    kind: str
    due: date
    note: str | None


@dataclass(frozen=True, slots=True)
class OutcomeValues:
    kind: str
    outcome: str
    on: date
    reason: str | None
    note: str | None
    next_due: date | None


def _date_edit(parent: QWidget, value: date, *, minimum: date | None = None) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    if minimum is not None:
        edit.setMinimumDate(QDate(minimum.year, minimum.month, minimum.day))
    edit.setDate(QDate(value.year, value.month, value.day))
    return edit


def _py(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


class _KindCombo(QComboBox):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.addItem("", "VISIT")
        self.addItem("", "CALL")

    def retranslate(self) -> None:
        self.setItemText(0, self.tr("Visit"))
        self.setItemText(1, self.tr("Phone call"))


class PlanDialog(QDialog):
    def __init__(self, *, name: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.kind_combo = _KindCombo(self)
        self.due_edit = _date_edit(self, today + timedelta(days=7), minimum=today)
        self.note_edit = QLineEdit(self)
        self.note_edit.setMaxLength(2000)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout(self)
        self.kind_label, self.due_label, self.note_label = QLabel(self), QLabel(self), QLabel(self)
        self.form.addRow(self.kind_label, self.kind_combo)
        self.form.addRow(self.due_label, self.due_edit)
        self.form.addRow(self.note_label, self.note_edit)
        self.form.addRow(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Plan a visit: {name}").format(name=self.name))
        self.kind_combo.retranslate()
        for label, text, buddy in (
            (self.kind_label, self.tr("&Type"), self.kind_combo),
            (self.due_label, self.tr("&Due on"), self.due_edit),
            (self.note_label, self.tr("N&ote"), self.note_edit),
        ):
            label.setText(text)
            label.setBuddy(buddy)

    def values(self) -> PlanValues:
        return PlanValues(
            kind=str(self.kind_combo.currentData()),
            due=_py(self.due_edit),
            note=self.note_edit.text().strip() or None,
        )


class OutcomeDialog(QDialog):
    def __init__(self, *, name: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.today = today
        self.kind_combo = _KindCombo(self)
        self.date_edit = _date_edit(self, today)
        self.date_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.outcome_combo = QComboBox(self)
        for outcome in OUTCOMES:
            self.outcome_combo.addItem("", outcome)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setMaxLength(200)
        self.note_edit = QLineEdit(self)
        self.note_edit.setMaxLength(2000)
        self.next_check = QCheckBox(self)
        self.next_edit = _date_edit(self, today + timedelta(days=7), minimum=today)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.labels = {key: QLabel(self) for key in ("kind", "date", "outcome", "reason", "note")}
        self.form = QFormLayout(self)
        self.form.addRow(self.labels["kind"], self.kind_combo)
        self.form.addRow(self.labels["date"], self.date_edit)
        self.form.addRow(self.labels["outcome"], self.outcome_combo)
        self.form.addRow(self.labels["reason"], self.reason_edit)
        self.form.addRow(self.labels["note"], self.note_edit)
        self.form.addRow(self.next_check, self.next_edit)
        self.form.addRow(self.buttons)
        self.outcome_combo.currentIndexChanged.connect(self._update)
        self.reason_edit.textChanged.connect(self._update)
        self.next_check.toggled.connect(self._update)
        self.retranslate_ui()
        self._update()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Record the outcome: {name}").format(name=self.name))
        self.kind_combo.retranslate()
        words = {
            "INTERESTED": self.tr("Interested"),
            "ENROLLED": self.tr("Enrolled"),
            "REFUSED": self.tr("Refused"),
            "NOT_FOUND": self.tr("Not found"),
            "NO_ANSWER": self.tr("No answer"),
        }
        for index in range(self.outcome_combo.count()):
            self.outcome_combo.setItemText(index, words[self.outcome_combo.itemData(index)])
        for key, text, buddy in (
            ("kind", self.tr("&Type"), self.kind_combo),
            ("date", self.tr("&Date"), self.date_edit),
            ("outcome", self.tr("&Outcome"), self.outcome_combo),
            ("reason", self.tr("&Reason"), self.reason_edit),
            ("note", self.tr("N&ote"), self.note_edit),
        ):
            self.labels[key].setText(text)
            self.labels[key].setBuddy(buddy)
        self.reason_edit.setPlaceholderText(self.tr("Required when refused"))
        self.next_check.setText(self.tr("&Next follow-up on"))

    def _update(self) -> None:
        outcome = str(self.outcome_combo.currentData())
        refused = outcome == "REFUSED"
        closing = outcome in CLOSING_OUTCOMES
        self.reason_edit.setEnabled(refused)
        self.next_check.setEnabled(not closing)
        self.next_edit.setEnabled(not closing and self.next_check.isChecked())
        ready = not refused or bool(self.reason_edit.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(ready)

    def values(self) -> OutcomeValues:
        outcome = str(self.outcome_combo.currentData())
        wants_next = self.next_check.isChecked() and outcome not in CLOSING_OUTCOMES
        return OutcomeValues(
            kind=str(self.kind_combo.currentData()),
            outcome=outcome,
            on=_py(self.date_edit),
            reason=self.reason_edit.text().strip() or None if outcome == "REFUSED" else None,
            note=self.note_edit.text().strip() or None,
            next_due=_py(self.next_edit) if wants_next else None,
        )
