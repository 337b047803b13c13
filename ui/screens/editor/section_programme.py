"""Section 4, *Program & Iuran* (Programme & contribution), DOMAIN.md §2, §3, §6.

Package (JKK + JKM, or with the optional JHT), payment period (1/3/6/12 months from settings),
first contribution month (default: the registration month), funding source with its programme
or agreement reference, and who pays JHT when a sponsor pays JKK + JKM. The quote panel beside
the form follows every change.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLineEdit, QRadioButton, QWidget

from core.formatting import month_label
from models.rules.months import add_months, month_of
from ui.screens.editor.choices import funding_choices, package_label
from ui.screens.editor.form_section import FormSection
from ui.screens.editor.inputs import CodeCombo

__all__ = ["ProgrammeSection"]

MONTHS_BACK = 3  # a late registration may start up to three months back (arrears rule, §3)
MONTHS_AHEAD = 12


class ProgrammeSection(FormSection):
    def __init__(
        self, parent: QWidget | None = None, *, periods: tuple[int, ...] = (1, 3, 6, 12)
    ) -> None:
        super().__init__(parent)
        self._periods = periods
        self._today = date.today()
        self.package_jkk_jkm_radio = QRadioButton(self)
        self.package_jht_radio = QRadioButton(self)
        self.package_group = QButtonGroup(self)
        self.package_group.addButton(self.package_jkk_jkm_radio)
        self.package_group.addButton(self.package_jht_radio)
        self.package_jkk_jkm_radio.setChecked(True)
        package_box = QWidget(self)
        package_row = QHBoxLayout(package_box)
        package_row.setContentsMargins(0, 0, 0, 0)
        package_row.addWidget(self.package_jkk_jkm_radio)
        package_row.addWidget(self.package_jht_radio)
        package_row.addStretch(1)
        self.period_combo = CodeCombo(self, empty=None)
        self.first_month_combo = CodeCombo(self, empty=None)
        self.funding_combo = CodeCombo(self, empty=None)
        self.funding_ref_edit = QLineEdit(self)
        self.funding_ref_edit.setMaxLength(200)
        self.jht_funding_combo = CodeCombo(self, empty=None)

        self.add_field(
            "package",
            "",
            package_box,
            required=True,
            inputs=[self.package_jkk_jkm_radio, self.package_jht_radio],
            frame=package_box,
        )
        self.add_field("payment_period_months", "", self.period_combo, required=True)
        self.add_field("first_contribution_month", "", self.first_month_combo, required=True)
        self.add_field("funding_source", "", self.funding_combo, required=True)
        self.funding_ref_row = self.add_field("funding_ref", "", self.funding_ref_edit)
        self.jht_row = self.add_field("jht_funding_source", "", self.jht_funding_combo)

        self.package_group.buttonToggled.connect(self._package_toggled)
        self.funding_combo.code_changed.connect(lambda _c: self._update_rows())
        for combo in (
            self.period_combo,
            self.first_month_combo,
            self.funding_combo,
            self.jht_funding_combo,
        ):
            combo.activated.connect(lambda _i: self.edited.emit())
        self.funding_ref_edit.textEdited.connect(self.edited)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Programme and contribution"))
        labels = {
            "package": self.tr("P&rogramme"),
            "payment_period_months": self.tr("Payment &period"),
            "first_contribution_month": self.tr("&First contribution month"),
            "funding_source": self.tr("F&unding source"),
            "funding_ref": self.tr("Programme or agreement r&eference"),
            "jht_funding_source": self.tr("&JHT paid by"),
        }
        for key, text in labels.items():
            row = self.rows[key]
            if row.label is not None:
                row.label.setText(text + (" *" if row.label.property("required") else ""))
        self.package_jkk_jkm_radio.setText(package_label("JKK_JKM"))
        self.package_jht_radio.setText(package_label("JKK_JKM_JHT"))
        self.period_combo.set_choices(
            [(str(n), self.tr("%n month(s)", "", n)) for n in self._periods]
        )
        self.funding_combo.set_choices(funding_choices())
        self.jht_funding_combo.set_choices(funding_choices())
        if self.funding_combo.current_code() is None:
            self.funding_combo.set_code("MANDIRI", quiet=True)
        if self.jht_funding_combo.current_code() is None:
            self.jht_funding_combo.set_code("MANDIRI", quiet=True)
        self.set_today(self._today)
        self._update_rows()

    def set_today(self, today: date, *, reset: bool = False) -> None:
        """The month list runs from three months back to a year ahead of ``today``; ``reset``
        chooses the registration month (a new form)."""
        self._today = today
        current = month_of(today)
        months = [add_months(current, offset) for offset in range(-MONTHS_BACK, MONTHS_AHEAD + 1)]
        chosen = current if reset else (self.first_month_combo.current_code() or current)
        if chosen not in months:
            months = sorted({*months, chosen})
        self.first_month_combo.set_choices([(m, month_label(m)) for m in months])
        self.first_month_combo.set_code(chosen, quiet=True)
        if self.period_combo.current_code() is None and self._periods:
            self.period_combo.set_code(str(self._periods[0]), quiet=True)

    def package(self) -> str:
        return "JKK_JKM_JHT" if self.package_jht_radio.isChecked() else "JKK_JKM"

    @Slot()
    def _package_toggled(self) -> None:
        self._update_rows()
        self.edited.emit()

    def _update_rows(self) -> None:
        sponsor = (self.funding_combo.current_code() or "MANDIRI") != "MANDIRI"
        self.form.setRowVisible(self.jht_funding_combo, sponsor and self.package() == "JKK_JKM_JHT")
        self.fix_tab_order_later()

    # -- values ------------------------------------------------------------------------------
    def collect(self, payload: dict[str, Any]) -> None:
        period = self.period_combo.current_code()
        funding = self.funding_combo.current_code()
        jht = None
        if self.package() == "JKK_JKM_JHT":
            jht = self.jht_funding_combo.current_code() if funding != "MANDIRI" else "MANDIRI"
        payload.update(
            package=self.package(),
            payment_period_months=int(period) if period else None,
            first_contribution_month=self.first_month_combo.current_code(),
            funding_source=funding,
            funding_ref=self.funding_ref_edit.text().strip() or None,
            jht_funding_source=jht,
        )

    def load(self, payload: dict[str, Any]) -> None:
        jht = payload.get("package") == "JKK_JKM_JHT"
        (self.package_jht_radio if jht else self.package_jkk_jkm_radio).setChecked(True)
        period = payload.get("payment_period_months")
        if period is not None:
            self.period_combo.set_code(str(period), quiet=True)
        month = payload.get("first_contribution_month")
        if month:
            self.first_month_combo.set_code(month, quiet=True)
            if self.first_month_combo.current_code() != month:
                choices = [
                    (self.first_month_combo.itemData(i), self.first_month_combo.itemText(i))
                    for i in range(self.first_month_combo.count())
                ]
                choices.append((month, month_label(month)))
                self.first_month_combo.set_choices(sorted(choices))
                self.first_month_combo.set_code(month, quiet=True)
        self.funding_combo.set_code(payload.get("funding_source") or "MANDIRI", quiet=True)
        self.funding_ref_edit.setText(payload.get("funding_ref") or "")
        self.jht_funding_combo.set_code(payload.get("jht_funding_source") or "MANDIRI", quiet=True)
        self._update_rows()
