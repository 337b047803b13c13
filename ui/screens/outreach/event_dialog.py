"""*Mulai kegiatan* / *Ubah kegiatan* (UI.md §3.9): where, when and with whom a session runs.

Fields: Jenis tempat (Pasar, Pelabuhan/TPI, Kantor kelurahan, Lainnya), Nama tempat, Wilayah (a
kecamatan or desa/kelurahan of the branch, type to filter), Tanggal, Mitra (partner: village
government, community group, employer association, or typed), Jumlah hadir (attendance),
Catatan. *Simpan* is enabled once place name and area are filled; the caller stores the values
(``values()``) with ``models.services.outreach``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from models.rules.regions import DEFAULT_BRANCH_REGENCIES, regions
from ui.screens.editor.filter_combo import FilterCombo

__all__ = ["EventDialog", "EventValues", "area_items"]

PLACE_KINDS = ("MARKET", "HARBOUR", "KELURAHAN_OFFICE", "OTHER")


@dataclass(frozen=True, slots=True)
class EventValues:
    place_kind: str
    place_name: str
    area_code: str
    on: date
    partner: str | None
    attendance: int | None
    notes: str | None


@cache
def area_items(branch: tuple[str, ...] = tuple(DEFAULT_BRANCH_REGENCIES)) -> list[tuple[str, str]]:
    """(code, "name (code)") for every kecamatan and desa/kelurahan of the branch."""
    index = regions()
    items: list[tuple[str, str]] = []
    for regency in branch:
        for district in index.districts(regency):
            items.append((district.code, f"{district.name} ({district.code})"))
            for village in index.villages(district.code):
                items.append((village.code, f"{village.name}, {district.name} ({village.code})"))
    return items


class EventDialog(QDialog):
    def __init__(
        self,
        *,
        today: date,
        default_area: str | None = None,
        branch: tuple[str, ...] = tuple(DEFAULT_BRANCH_REGENCIES),
        existing: EventValues | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.editing = existing is not None
        self.kind_combo = QComboBox(self)
        for kind in PLACE_KINDS:
            self.kind_combo.addItem("", kind)
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(200)
        self.area_combo = FilterCombo(self)
        self.area_combo.set_items(area_items(branch))
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        self.partner_combo = QComboBox(self)
        self.partner_combo.setEditable(True)
        self.partner_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.attendance_spin = QSpinBox(self)
        self.attendance_spin.setRange(0, 100_000)
        self.attendance_spin.setSpecialValueText("–")
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.fontMetrics().height() * 4)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout(self)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for widget in (
            self.kind_combo,
            self.name_edit,
            self.area_combo,
            self.date_edit,
            self.partner_combo,
            self.attendance_spin,
            self.notes_edit,
        ):
            self.form.addRow("", widget)
        self.form.addRow(self.buttons)
        self.name_edit.textChanged.connect(self._check)
        self.area_combo.code_changed.connect(self._check)
        self.retranslate_ui()
        if existing is not None:
            self._fill(existing)
        elif default_area:
            self.area_combo.set_code(default_area, quiet=True)
        self._check()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Edit event") if self.editing else self.tr("Start event"))
        kinds = {
            "MARKET": self.tr("Market"),
            "HARBOUR": self.tr("Harbour/fish auction"),
            "KELURAHAN_OFFICE": self.tr("Village office"),
            "OTHER": self.tr("Other"),
        }
        for index in range(self.kind_combo.count()):
            self.kind_combo.setItemText(index, kinds[self.kind_combo.itemData(index)])
        labels = (
            self.tr("Place &type"),
            self.tr("Place &name"),
            self.tr("&Area"),
            self.tr("&Date"),
            self.tr("&Partner"),
            self.tr("Atte&ndance"),
            self.tr("N&otes"),
        )
        for row, text in enumerate(labels):
            label_item = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field_item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            label = label_item.widget() if label_item is not None else None
            field = field_item.widget() if field_item is not None else None
            if isinstance(label, QLabel) and field is not None:  # addRow("", field) made a QLabel
                label.setText(text)
                label.setBuddy(field)
        self.name_edit.setPlaceholderText(self.tr("e.g. Banjarsari market"))
        self.area_combo.line_edit().setPlaceholderText(self.tr("Type a district or village"))
        current = self.partner_combo.currentText()
        self.partner_combo.clear()
        self.partner_combo.addItems(
            [
                "",
                self.tr("Village government"),
                self.tr("Community group"),
                self.tr("Employer association"),
            ]
        )
        self.partner_combo.setEditText(current)
        partner_edit = self.partner_combo.lineEdit()
        assert partner_edit is not None  # the combo is editable
        partner_edit.setPlaceholderText(
            self.tr("Village government, community group, employer association…")
        )

    def _fill(self, values: EventValues) -> None:
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(values.place_kind)))
        self.name_edit.setText(values.place_name)
        self.area_combo.set_code(values.area_code, quiet=True)
        self.date_edit.setDate(QDate(values.on.year, values.on.month, values.on.day))
        self.partner_combo.setEditText(values.partner or "")
        self.attendance_spin.setValue(values.attendance or 0)
        self.notes_edit.setPlainText(values.notes or "")

    def _check(self) -> None:
        ready = bool(self.name_edit.text().strip()) and self.area_combo.current_code() is not None
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(ready)

    def values(self) -> EventValues:
        chosen = self.date_edit.date()
        return EventValues(
            place_kind=str(self.kind_combo.currentData()),
            place_name=self.name_edit.text().strip(),
            area_code=self.area_combo.current_code() or "",
            on=date(chosen.year(), chosen.month(), chosen.day()),
            partner=self.partner_combo.currentText().strip() or None,
            attendance=self.attendance_spin.value() or None,
            notes=self.notes_edit.toPlainText().strip() or None,
        )
