"""Section 3, *Pekerjaan & Penghasilan* (Work & income), DOMAIN.md §4.1 and §5.

At most two occupations (main and second) from ``occupations.csv``, each with a *Keterangan*
(detail) that is required for *Lainnya*; work location and hours; the declared monthly income
with thousands separators, from which the quote panel computes the contribution live.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget

from ui.screens.editor.choices import occupation_choices
from ui.screens.editor.filter_combo import FilterCombo
from ui.screens.editor.form_section import FormSection
from ui.screens.editor.inputs import RupiahEdit

__all__ = ["WorkSection"]


class WorkSection(FormSection):
    def __init__(self, parent: QWidget | None = None, *, language: str = "id") -> None:
        super().__init__(parent)
        self._language = language
        self.occupation_1_combo = FilterCombo(self)
        self.occupation_1_detail_edit = QLineEdit(self)
        self.occupation_1_detail_edit.setMaxLength(200)
        self.occupation_2_combo = FilterCombo(self)
        self.occupation_2_detail_edit = QLineEdit(self)
        self.occupation_2_detail_edit.setMaxLength(200)
        self.work_location_edit = QLineEdit(self)
        self.work_location_edit.setMaxLength(200)
        self.working_hours_edit = QLineEdit(self)
        self.working_hours_edit.setMaxLength(100)
        self.income_edit = RupiahEdit(self)

        self.add_field("occupation_1", "", self.occupation_1_combo, required=True)
        self.add_field("occupation_1_detail", "", self.occupation_1_detail_edit)
        self.add_field("occupation_2", "", self.occupation_2_combo)
        self.add_field("occupation_2_detail", "", self.occupation_2_detail_edit)
        self.add_field("work_location", "", self.work_location_edit)
        self.add_field("working_hours", "", self.working_hours_edit)
        self.add_field("declared_income", "", self.income_edit, required=True)

        for combo in (self.occupation_1_combo, self.occupation_2_combo):
            combo.line_edit().textEdited.connect(self.edited)
            combo.activated.connect(lambda _i: self.edited.emit())
        for edit in (
            self.occupation_1_detail_edit,
            self.occupation_2_detail_edit,
            self.work_location_edit,
            self.working_hours_edit,
        ):
            edit.textEdited.connect(self.edited)
        self.income_edit.value_changed.connect(self.edited)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Work and income"))
        labels = {
            "occupation_1": self.tr("&Main occupation"),
            "occupation_1_detail": self.tr("&Detail"),
            "occupation_2": self.tr("&Second occupation"),
            "occupation_2_detail": self.tr("D&etail (second)"),
            "work_location": self.tr("Work &location"),
            "working_hours": self.tr("Working &hours"),
            "declared_income": self.tr("Monthly &income (Rp)"),
        }
        for key, text in labels.items():
            row = self.rows[key]
            if row.label is not None:
                row.label.setText(text + (" *" if row.label.property("required") else ""))
        choices = occupation_choices(self._language)
        self.occupation_1_combo.set_items(choices)
        self.occupation_2_combo.set_items(choices)
        for combo in (self.occupation_1_combo, self.occupation_2_combo):
            combo.line_edit().setPlaceholderText(self.tr("Type to search"))
        self.occupation_2_combo.line_edit().setPlaceholderText(self.tr("None, or type to search"))
        self.occupation_1_detail_edit.setPlaceholderText(self.tr("Required for Other"))
        self.working_hours_edit.setPlaceholderText(self.tr("e.g. 06.00–14.00"))
        self.income_edit.setPlaceholderText("1.000.000")

    def set_language(self, language: str) -> None:
        self._language = language
        self.retranslate()

    # -- values ------------------------------------------------------------------------------
    def collect(self, payload: dict[str, Any]) -> None:
        payload.update(
            occupation_1=self.occupation_1_combo.current_code(),
            occupation_1_detail=self.occupation_1_detail_edit.text().strip() or None,
            occupation_2=self.occupation_2_combo.current_code(),
            occupation_2_detail=self.occupation_2_detail_edit.text().strip() or None,
            work_location=self.work_location_edit.text().strip() or None,
            working_hours=self.working_hours_edit.text().strip() or None,
            declared_income=self.income_edit.value(),
        )

    def load(self, payload: dict[str, Any]) -> None:
        self.occupation_1_combo.set_code(payload.get("occupation_1"), quiet=True)
        self.occupation_1_detail_edit.setText(payload.get("occupation_1_detail") or "")
        self.occupation_2_combo.set_code(payload.get("occupation_2"), quiet=True)
        self.occupation_2_detail_edit.setText(payload.get("occupation_2_detail") or "")
        self.work_location_edit.setText(payload.get("work_location") or "")
        self.working_hours_edit.setText(payload.get("working_hours") or "")
        self.income_edit.set_value(payload.get("declared_income"))
