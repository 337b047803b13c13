"""Section 7, *Catatan & Kunjungan* (Notes & visits): free notes and the follow-up log.

Visits and calls (``VisitPayload``: date, kind, outcome, note) are listed newest first. *Tambah
kunjungan* (Add visit) puts the visit typed in the row below the list into it; visits added to an
unsaved prospect are kept with the working copy and stored when the prospect is saved.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from core.formatting import date_short
from ui.screens.editor.choices import choice_label, outcome_choices, visit_kind_choices
from ui.screens.editor.form_section import FormSection
from ui.screens.editor.inputs import CodeCombo, OptionalDateEdit

__all__ = ["NotesSection"]


class NotesSection(FormSection):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._visits: list[dict[str, Any]] = []
        self._today = date.today()
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        lines = self.notes_edit.fontMetrics().lineSpacing()
        self.notes_edit.setFixedHeight(lines * 5 + 12)
        self.add_field("notes", "", self.notes_edit)

        self.visits_table = QTableWidget(0, 4, self)
        self.visits_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.visits_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.visits_table.verticalHeader().setVisible(False)
        self.visits_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.visits_table.horizontalHeader().setStretchLastSection(True)
        self.visits_table.setFixedHeight(lines * 7)
        self.visits_table.setTabKeyNavigation(False)
        self.add_field("visits", "", self.visits_table)

        self.visit_date_edit = OptionalDateEdit(self)
        self.visit_kind_combo = CodeCombo(self, empty=None)
        self.visit_outcome_combo = CodeCombo(self, empty=None)
        self.visit_note_edit = QLineEdit(self)
        self.visit_note_edit.setMaxLength(2000)
        self.add_visit_button = QPushButton(self)
        self.kind_label = QLabel(self)
        self.kind_label.setBuddy(self.visit_kind_combo)
        self.outcome_label = QLabel(self)
        self.outcome_label.setBuddy(self.visit_outcome_combo)
        self.visit_note_label = QLabel(self)
        self.visit_note_label.setBuddy(self.visit_note_edit)
        new_box = QWidget(self)
        new_row = QHBoxLayout(new_box)
        new_row.setContentsMargins(0, 0, 0, 0)
        new_row.addWidget(self.visit_date_edit)
        new_row.addWidget(self.kind_label)
        new_row.addWidget(self.visit_kind_combo)
        new_row.addWidget(self.outcome_label)
        new_row.addWidget(self.visit_outcome_combo)
        new_row.addWidget(self.visit_note_label)
        new_row.addWidget(self.visit_note_edit, 1)
        new_row.addWidget(self.add_visit_button)
        self.add_field(
            "new_visit",
            "",
            new_box,
            inputs=[
                self.visit_date_edit,
                self.visit_kind_combo,
                self.visit_outcome_combo,
                self.visit_note_edit,
                self.add_visit_button,
            ],
        )
        self.notes_edit.textChanged.connect(self._notes_changed)
        self.add_visit_button.clicked.connect(self.add_visit)
        self._loading = False
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Notes and visits"))
        labels = {
            "notes": self.tr("&Notes"),
            "visits": self.tr("&Visits and calls"),
            "new_visit": self.tr("New &date"),
        }
        for key, text in labels.items():
            row = self.rows[key]
            if row.label is not None:
                row.label.setText(text)
        self.kind_label.setText(self.tr("&Kind"))
        self.outcome_label.setText(self.tr("&Outcome"))
        self.visit_note_label.setText(self.tr("No&te"))
        self.add_visit_button.setText(self.tr("&Add visit"))
        self.visits_table.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Kind"), self.tr("Outcome"), self.tr("Note")]
        )
        self.visit_kind_combo.set_choices(visit_kind_choices())
        self.visit_outcome_combo.set_choices(outcome_choices())
        self.notes_edit.setPlaceholderText(self.tr("Anything the supervisor should know"))
        self._fill_table()

    def set_today(self, today: date) -> None:
        self._today = today
        if self.visit_date_edit.date_value() is None:
            self.visit_date_edit.set_date_value(today)

    @Slot()
    def _notes_changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    # -- visits ------------------------------------------------------------------------------
    def visits(self) -> list[dict[str, Any]]:
        return [dict(v) for v in self._visits]

    def new_visits(self) -> list[dict[str, Any]]:
        """Visits added here that the store does not hold yet."""
        return [dict(v) for v in self._visits if not v.get("id")]

    def mark_saved(self, ids: list[str]) -> None:
        pending = [v for v in self._visits if not v.get("id")]
        for visit, visit_id in zip(pending, ids, strict=False):
            visit["id"] = visit_id

    @Slot()
    def add_visit(self) -> None:
        day = self.visit_date_edit.date_value() or self._today
        visit = {
            "kind": self.visit_kind_combo.current_code() or "VISIT",
            "date": day.isoformat(),
            "outcome": self.visit_outcome_combo.current_code(),
            "note": self.visit_note_edit.text().strip() or None,
        }
        self._visits.append(visit)
        self.visit_note_edit.clear()
        self._fill_table()
        self.edited.emit()

    def _fill_table(self) -> None:
        ordered = sorted(self._visits, key=lambda v: v.get("date") or "", reverse=True)
        self.visits_table.setRowCount(len(ordered))
        kinds, outcomes = visit_kind_choices(), outcome_choices()
        for row, visit in enumerate(ordered):
            day = visit.get("date")
            cells = [
                date_short(date.fromisoformat(day)) if day else "",
                choice_label(kinds, visit.get("kind")),
                choice_label(outcomes, visit.get("outcome")),
                visit.get("note") or "",
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.visits_table.setItem(row, column, item)

    # -- values ------------------------------------------------------------------------------
    def collect(self, payload: dict[str, Any]) -> None:
        payload["notes"] = self.notes_edit.toPlainText().strip() or None

    def load(self, payload: dict[str, Any]) -> None:
        self._loading = True
        self.notes_edit.setPlainText(payload.get("notes") or "")
        self._loading = False

    def load_visits(self, visits: list[dict[str, Any]]) -> None:
        self._visits = [dict(v) for v in visits]
        self._fill_table()
