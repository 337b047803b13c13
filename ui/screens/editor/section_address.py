"""Section 2, *Alamat* (Address): street, RT/RW and the cascading region pickers (DOMAIN.md §9).

A new prospect starts at the area of the outreach event or, without one, the agent's area
(``set_default_area``). Outside the branch regencies the village is typed as free text.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from ui.screens.editor.form_section import FormSection
from ui.screens.editor.region_cascade import RegionCascade

__all__ = ["AddressSection"]


def _short(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setMaxLength(3)
    width = edit.fontMetrics().horizontalAdvance("0000") + 24
    edit.setMaximumWidth(width)
    return edit


class AddressSection(FormSection):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.address_edit = QLineEdit(self)
        self.address_edit.setMaxLength(200)
        self.rt_edit = _short(self)
        self.rw_edit = _short(self)
        self.rw_label = QLabel(self)
        self.rw_label.setBuddy(self.rw_edit)
        rtrw = QWidget(self)
        rtrw_row = QHBoxLayout(rtrw)
        rtrw_row.setContentsMargins(0, 0, 0, 0)
        rtrw_row.addWidget(self.rt_edit)
        rtrw_row.addSpacing(12)
        rtrw_row.addWidget(self.rw_label)
        rtrw_row.addWidget(self.rw_edit)
        rtrw_row.addStretch(1)
        self.regions = RegionCascade(self)

        self.add_field("address_line", "", self.address_edit, required=True)
        self.add_field(
            "rt",
            "",
            rtrw,
            inputs=[self.rt_edit, self.rw_edit],
            frame=self.rt_edit,
            extra_keys=("rw",),
        )
        self.add_field("province_code", "", self.regions.province_combo, required=True)
        self.add_field("regency_code", "", self.regions.regency_combo, required=True)
        self.add_field("district_code", "", self.regions.district_combo, required=True)
        self.village_row = self.add_field(
            "village_code",
            "",
            self.regions.village_stack,
            required=True,
            inputs=[self.regions.village_combo, self.regions.village_free_edit],
            frame=self.regions.village_combo,
            extra_keys=("village_name_free",),
        )
        for edit in (self.address_edit, self.rt_edit, self.rw_edit):
            edit.textEdited.connect(self.edited)
        for combo in (
            self.regions.province_combo,
            self.regions.regency_combo,
            self.regions.district_combo,
            self.regions.village_combo,
        ):
            combo.line_edit().textEdited.connect(self.edited)
            combo.activated.connect(lambda _i: self.edited.emit())
        self.regions.village_free_edit.textEdited.connect(self.edited)
        self.regions.changed.connect(self._sync_village_label)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Address"))
        labels = {
            "address_line": self.tr("&Address (street, house)"),
            "rt": self.tr("R&T"),
            "province_code": self.tr("&Province"),
            "regency_code": self.tr("Re&gency/city"),
            "district_code": self.tr("Kecamata&n"),
            "village_code": self.tr("&Village (desa/kelurahan)"),
        }
        for key, text in labels.items():
            row = self.rows[key]
            if row.label is not None:
                row.label.setText(text + (" *" if row.label.property("required") else ""))
        self.rw_label.setText(self.tr("R&W"))
        self.regions.village_free_edit.setPlaceholderText(self.tr("Type the village name"))
        for combo in (
            self.regions.province_combo,
            self.regions.regency_combo,
            self.regions.district_combo,
            self.regions.village_combo,
        ):
            combo.line_edit().setPlaceholderText(self.tr("Type to search"))

    def _sync_village_label(self) -> None:
        row = self.village_row
        target = self.regions.village_input()
        if row.label is not None:
            row.label.setBuddy(target)
        row.frame = target

    def set_default_area(self, code: str | None) -> None:
        self.regions.set_area(code)

    # -- values ------------------------------------------------------------------------------
    def collect(self, payload: dict[str, Any]) -> None:
        payload.update(
            address_line=self.address_edit.text().strip() or None,
            rt=self.rt_edit.text().strip() or None,
            rw=self.rw_edit.text().strip() or None,
            **self.regions.codes(),
        )

    def load(self, payload: dict[str, Any]) -> None:
        self.address_edit.setText(payload.get("address_line") or "")
        self.rt_edit.setText(payload.get("rt") or "")
        self.rw_edit.setText(payload.get("rw") or "")
        self.regions.set_codes(payload)
        self._sync_village_label()
