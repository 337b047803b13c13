"""Section 1, *Identitas* (Identity): DOMAIN.md §5 from NIK to *Sudah peserta PU?*.

The NIK box takes spaces and pasting (no input mask, UI.md §6); the editor checks it live and
fills *Tanggal lahir* and *Jenis kelamin* from it (``apply_nik_derivation``) unless the agent set
them by hand. *Tidak memiliki HP* disables the mobile box but keeps what was typed in it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from models.rules.nik import format_nik
from models.rules.phone import format_mobile, normalise_mobile
from ui.screens.editor.choices import already_pu_choices, sex_choices
from ui.screens.editor.form_section import FormSection
from ui.screens.editor.inputs import CodeCombo, OptionalDateEdit

__all__ = ["IdentitySection"]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


class IdentitySection(FormSection):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.nik_edit = QLineEdit(self)
        self.nik_edit.setMaxLength(32)
        self.nik_hint = QLabel(self)  # "From the NIK: male, born 15 May 1990"
        nik_box = QWidget(self)
        nik_row = QHBoxLayout(nik_box)
        nik_row.setContentsMargins(0, 0, 0, 0)
        nik_row.addWidget(self.nik_edit, 3)
        nik_row.addWidget(self.nik_hint, 4)
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(100)
        self.birth_place_edit = QLineEdit(self)
        self.birth_place_edit.setMaxLength(100)
        self.birth_date_edit = OptionalDateEdit(self)
        self.sex_combo = CodeCombo(self)
        self.mother_edit = QLineEdit(self)
        self.mother_edit.setMaxLength(100)
        self.mobile_edit = QLineEdit(self)
        self.mobile_edit.setMaxLength(20)
        self.no_mobile_check = QCheckBox(self)
        mobile_box = QWidget(self)
        mobile_row = QHBoxLayout(mobile_box)
        mobile_row.setContentsMargins(0, 0, 0, 0)
        mobile_row.addWidget(self.mobile_edit, 1)
        mobile_row.addWidget(self.no_mobile_check, 0)
        self.email_edit = QLineEdit(self)
        self.email_edit.setMaxLength(200)
        self.kk_edit = QLineEdit(self)
        self.kk_edit.setMaxLength(32)
        self.already_pu_combo = CodeCombo(self)

        self.nik_row = self.add_field(
            "nik", "", nik_box, required=True, inputs=[self.nik_edit], frame=self.nik_edit
        )
        self.add_field("full_name", "", self.name_edit, required=True)
        self.add_field("birth_place", "", self.birth_place_edit, required=True)
        self.add_field("birth_date", "", self.birth_date_edit, required=True)
        self.add_field("sex", "", self.sex_combo, required=True)
        self.add_field("mother_maiden_name", "", self.mother_edit, required=True)
        self.add_field(
            "mobile",
            "",
            mobile_box,
            required=True,
            inputs=[self.mobile_edit, self.no_mobile_check],
            frame=self.mobile_edit,
            extra_keys=("no_mobile",),
        )
        self.add_field("email", "", self.email_edit)
        self.add_field("kk_number", "", self.kk_edit)
        self.add_field("already_pu", "", self.already_pu_combo)

        self.no_mobile_check.toggled.connect(self._no_mobile_toggled)
        for edit in (
            self.nik_edit,
            self.name_edit,
            self.birth_place_edit,
            self.mother_edit,
            self.mobile_edit,
            self.email_edit,
            self.kk_edit,
        ):
            edit.textEdited.connect(self.edited)
        self.birth_date_edit.dateChanged.connect(lambda _d: self.edited.emit())
        self.sex_combo.activated.connect(lambda _i: self.edited.emit())
        self.already_pu_combo.activated.connect(lambda _i: self.edited.emit())
        self.no_mobile_check.clicked.connect(lambda _c: self.edited.emit())
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Identity"))
        labels = {
            "nik": self.tr("&NIK"),
            "full_name": self.tr("&Full name (as on KTP)"),
            "birth_place": self.tr("&Place of birth"),
            "birth_date": self.tr("&Date of birth"),
            "sex": self.tr("S&ex"),
            "mother_maiden_name": self.tr("&Mother's maiden name"),
            "mobile": self.tr("M&obile number"),
            "email": self.tr("Em&ail"),
            "kk_number": self.tr("&KK number"),
            "already_pu": self.tr("Already a PU partic&ipant?"),
        }
        for key, text in labels.items():
            row = self.rows[key]
            if row.label is not None:
                required = bool(row.label.property("required"))
                row.label.setText(text + (" *" if required else ""))
        self.no_mobile_check.setText(self.tr("Has no mobi&le"))
        self.nik_edit.setPlaceholderText(self.tr("16 digits, spaces allowed"))
        self.mobile_edit.setPlaceholderText("08…")
        self.sex_combo.set_choices(sex_choices())
        self.already_pu_combo.set_choices(already_pu_choices())

    # -- NIK-derived values ------------------------------------------------------------------
    def apply_nik_derivation(
        self, birth_date: date | None, sex: str | None, *, overwrite: bool
    ) -> None:
        """Fill date of birth and sex from the NIK; ``overwrite`` only while the agent has not
        set them by hand (a later difference becomes a warning instead)."""
        if birth_date is not None and (overwrite or self.birth_date_edit.date_value() is None):
            self.birth_date_edit.blockSignals(True)
            self.birth_date_edit.set_date_value(birth_date)
            self.birth_date_edit.blockSignals(False)
        if sex and (overwrite or self.sex_combo.current_code() is None):
            self.sex_combo.set_code(sex, quiet=True)

    def set_nik_hint(self, text: str) -> None:
        self.nik_hint.setText(text)

    @Slot(bool)
    def _no_mobile_toggled(self, checked: bool) -> None:
        self.mobile_edit.setEnabled(not checked)

    # -- values ------------------------------------------------------------------------------
    def collect(self, payload: dict[str, Any]) -> None:
        no_mobile = self.no_mobile_check.isChecked()
        birth = self.birth_date_edit.date_value()
        payload.update(
            nik="".join(self.nik_edit.text().split()),
            full_name=self.name_edit.text().strip(),
            birth_place=self.birth_place_edit.text().strip() or None,
            birth_date=birth.isoformat() if birth else None,
            sex=self.sex_combo.current_code(),
            mother_maiden_name=self.mother_edit.text().strip() or None,
            mobile=None if no_mobile else self._mobile_value(),
            no_mobile=no_mobile,
            email=self.email_edit.text().strip() or None,
            kk_number="".join(self.kk_edit.text().split()) or None,
            already_pu=self.already_pu_combo.current_code(),
        )

    def _mobile_value(self) -> str | None:
        """E.164 when the number is valid, else exactly what was typed (never lost)."""
        typed = self.mobile_edit.text().strip()
        if not typed:
            return None
        result = normalise_mobile(typed)
        return result.e164 if result.e164 else typed

    def load(self, payload: dict[str, Any]) -> None:
        nik = _text(payload.get("nik"))
        self.nik_edit.setText(format_nik(nik) if nik.isdigit() and len(nik) == 16 else nik)
        self.name_edit.setText(_text(payload.get("full_name")))
        self.birth_place_edit.setText(_text(payload.get("birth_place")))
        birth = payload.get("birth_date")
        self.birth_date_edit.blockSignals(True)
        self.birth_date_edit.set_date_value(date.fromisoformat(birth) if birth else None)
        self.birth_date_edit.blockSignals(False)
        self.sex_combo.set_code(payload.get("sex"), quiet=True)
        self.mother_edit.setText(_text(payload.get("mother_maiden_name")))
        mobile = _text(payload.get("mobile"))
        self.mobile_edit.setText(format_mobile(mobile) if mobile.startswith("+62") else mobile)
        self.no_mobile_check.setChecked(bool(payload.get("no_mobile")))
        self.email_edit.setText(_text(payload.get("email")))
        self.kk_edit.setText(_text(payload.get("kk_number")))
        self.already_pu_combo.set_code(payload.get("already_pu"), quiet=True)
