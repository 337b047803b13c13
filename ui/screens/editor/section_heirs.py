"""Section 5, *Ahli waris* (Heirs), DOMAIN.md §5: order, name, relationship, mobile, NIK.

The table is a grid of ordinary inputs rather than a ``QTableWidget``, so it is typed like the
rest of the form: Tab walks name → relationship → mobile → NIK → *Hapus* (Remove) row by row, and
*Tambah ahli waris* (Add heir) appends a row and puts the cursor in its name. The order is the
row position. Every cell has an accessible name that says which heir it belongs to.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.screens.editor.choices import relationship_choices
from ui.screens.editor.form_section import FormSection
from ui.screens.editor.inputs import CodeCombo

__all__ = ["HeirsSection"]

MAX_HEIRS = 10


class _HeirRow:
    def __init__(self, parent: QWidget) -> None:
        self.order = QLabel(parent)
        self.order.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name = QLineEdit(parent)
        self.name.setMaxLength(100)
        self.relationship = CodeCombo(parent)
        self.mobile = QLineEdit(parent)
        self.mobile.setMaxLength(20)
        self.nik = QLineEdit(parent)
        self.nik.setMaxLength(32)
        self.remove = QPushButton(parent)

    def inputs(self) -> list[QWidget]:
        return [self.name, self.relationship, self.mobile, self.nik, self.remove]

    def widgets(self) -> list[QWidget]:
        return [self.order, *self.inputs()]


class HeirsSection(FormSection):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_HeirRow] = []
        self.table = QWidget(self)
        self._grid = QGridLayout(self.table)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(4)
        self._headers = [QLabel(self.table) for _ in range(5)]
        for column, header in enumerate(self._headers):
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            self._grid.addWidget(header, 0, column)
        self._grid.setColumnStretch(1, 3)
        self._grid.setColumnStretch(3, 2)
        self._grid.setColumnStretch(4, 2)
        self.empty_label = QLabel(self.table)
        self._grid.addWidget(self.empty_label, 1, 0, 1, 6)
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.add_heir)
        box = QWidget(self)
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(self.table)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        box_layout.addLayout(buttons)
        self.heirs_row = self.add_wide("heirs", box, inputs=[self.add_button], frame=self.table)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Heirs"))
        for header, text in zip(
            self._headers,
            [self.tr("Order"), self.tr("Name"), self.tr("Relationship"), self.tr("Mobile"), "NIK"],
            strict=True,
        ):
            header.setText(text)
        self.add_button.setText(self.tr("&Add heir"))
        self.empty_label.setText(self.tr("No heirs yet. Press Add heir."))
        for index, row in enumerate(self._rows):
            self._label_row(index, row)

    def _label_row(self, index: int, row: _HeirRow) -> None:
        number = index + 1
        row.order.setText(str(number))
        row.relationship.set_choices(relationship_choices())
        row.name.setAccessibleName(self.tr("Name of heir {n}").format(n=number))
        row.relationship.setAccessibleName(self.tr("Relationship of heir {n}").format(n=number))
        row.mobile.setAccessibleName(self.tr("Mobile of heir {n}").format(n=number))
        row.nik.setAccessibleName(self.tr("NIK of heir {n}").format(n=number))
        row.remove.setText(self.tr("Remove"))
        row.remove.setAccessibleName(self.tr("Remove heir {n}").format(n=number))

    # -- rows --------------------------------------------------------------------------------
    def heir_count(self) -> int:
        return len(self._rows)

    def heir_row(self, index: int) -> _HeirRow:
        return self._rows[index]

    @Slot()
    def add_heir(self) -> _HeirRow | None:
        if len(self._rows) >= MAX_HEIRS:
            return None
        row = self._append_row()
        self._relayout()
        row.name.setFocus()
        self.edited.emit()
        return row

    def _append_row(self) -> _HeirRow:
        row = _HeirRow(self.table)
        row.remove.clicked.connect(lambda _c=False, r=row: self._remove_row(r))
        for edit in (row.name, row.mobile, row.nik):
            edit.textEdited.connect(self.edited)
        row.relationship.activated.connect(lambda _i: self.edited.emit())
        self._rows.append(row)
        return row

    def _remove_row(self, row: _HeirRow) -> None:
        index = self._rows.index(row)
        self._rows.remove(row)
        for widget in row.widgets():
            self._grid.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self._relayout()
        if self._rows:
            self._rows[min(index, len(self._rows) - 1)].name.setFocus()
        else:
            self.add_button.setFocus()
        self.edited.emit()

    def _relayout(self) -> None:
        self.empty_label.setVisible(not self._rows)
        for index, row in enumerate(self._rows):
            for column, widget in enumerate(row.widgets()):
                self._grid.addWidget(widget, index + 1, column)
                widget.show()
            self._label_row(index, row)
        self.add_button.setEnabled(len(self._rows) < MAX_HEIRS)
        inputs: list[QWidget] = [w for row in self._rows for w in row.inputs()]
        inputs.append(self.add_button)
        self.heirs_row.inputs = inputs
        for widget in inputs:
            if widget not in self._owner_of:
                self._owner_of[widget] = "heirs"
                widget.installEventFilter(self)
        self.fix_tab_order()

    # -- values ------------------------------------------------------------------------------
    def collect(self, payload: dict[str, Any]) -> None:
        heirs = []
        for index, row in enumerate(self._rows, 1):
            heir = {
                "order": index,
                "name": row.name.text().strip(),
                "relationship": row.relationship.current_code(),
                "mobile": row.mobile.text().strip() or None,
                "nik": "".join(row.nik.text().split()) or None,
            }
            heirs.append(heir)
        payload["heirs"] = heirs

    def load(self, payload: dict[str, Any]) -> None:
        for row in list(self._rows):
            for widget in row.widgets():
                self._grid.removeWidget(widget)
                widget.deleteLater()
        self._rows = []
        for heir in sorted(payload.get("heirs") or [], key=lambda h: h.get("order") or 0):
            row = self._append_row()
            row.name.setText(heir.get("name") or "")
            row.relationship.set_choices(relationship_choices())
            row.relationship.set_code(heir.get("relationship"), quiet=True)
            row.mobile.setText(heir.get("mobile") or "")
            row.nik.setText(heir.get("nik") or "")
        self._relayout()
