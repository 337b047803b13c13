"""The left column of the print dialog: the chosen prospects, each with a check box.

A name reads "PESERTA C (2x)" when this would be its second print (UI.md §3.5; the paper then
says CETAK ULANG). Restricted records (*Dibatasi*) and withdrawn ones are listed greyed out with
the reason and can be neither ticked nor previewed. ``checked_changed`` fires when ticks change,
``current_changed(item)`` when another prospect is highlighted (the preview follows it).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication as Q
from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from ui import badges, theme
from ui.screens.printing.print_jobs import PrintItem

__all__ = ["PrintList", "item_label"]

_ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


def item_label(item: PrintItem) -> str:
    """What the list shows for one prospect."""
    name = item.name or Q.translate("PrintList", "(no name)")
    if item.excluded == "restricted":
        return Q.translate("PrintList", "{name} – Restricted").format(name=name)
    if item.excluded == "withdrawn":
        return Q.translate("PrintList", "{name} – Withdrawn").format(name=name)
    if item.printed_count > 0:
        return f"{name} ({item.next_print}x)"
    return name


def _tooltip(item: PrintItem) -> str:
    if item.excluded == "restricted":
        return Q.translate(
            "PrintList",
            "The person asked to restrict the use of their data, so the form is not printed.",
        )
    if item.excluded == "withdrawn":
        return Q.translate("PrintList", "This registration was withdrawn and is not printed.")
    lines = []
    if item.printed_count > 0:
        lines.append(
            Q.translate(
                "PrintList",
                "Printed %n time(s) before; this copy is marked CETAK ULANG.",
                "",
                item.printed_count,
            )
        )
    if item.draft:
        lines.append(Q.translate("PrintList", "Draft: printed without a QR code until it is sent."))
    return "\n".join(lines)


class PrintList(QListWidget):
    checked_changed = Signal()
    current_changed = Signal(object)  # PrintItem | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printList")
        self.setUniformItemSizes(True)
        self.itemChanged.connect(lambda _item: self.checked_changed.emit())
        self.currentItemChanged.connect(self._current)

    def set_items(self, items: Sequence[PrintItem], *, keep: bool = True) -> None:
        """Show ``items``; with ``keep``, ticks and the highlighted row survive a reload."""
        unticked = {i.id for i in self.all_items() if not self._ticked(i.id)} if keep else set()
        current = self.current_item()
        current_id = current.id if current is not None and keep else None
        self.blockSignals(True)
        self.clear()
        for data in items:
            row = QListWidgetItem(item_label(data))
            row.setSizeHint(QSize(0, self._row_height()))
            row.setData(_ITEM_ROLE, data)
            row.setToolTip(_tooltip(data))
            if data.printable:
                row.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                )
                checked = data.id not in unticked
                row.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            else:
                row.setFlags(Qt.ItemFlag.NoItemFlags)
                row.setIcon(badges.flag_icon("restricted"))
                row.setData(Qt.ItemDataRole.AccessibleDescriptionRole, _tooltip(data))
            self.addItem(row)
        self.blockSignals(False)
        target = next((r for r in range(self.count()) if self._data(r).id == current_id), None)
        if target is None:
            target = next((r for r in range(self.count()) if self._data(r).printable), None)
        if target is not None:
            self.setCurrentRow(target)
        self.current_changed.emit(self.current_item())
        self.checked_changed.emit()

    def _row_height(self) -> int:
        """Rows as tall as a control (32 px, 40 px in touch mode): easy to hit with a finger."""
        return max(self.fontMetrics().height() + 12, theme.min_control_height())

    def retranslate(self) -> None:
        for row in range(self.count()):
            data = self._data(row)
            self.item(row).setText(item_label(data))
            self.item(row).setToolTip(_tooltip(data))

    # -- reading --------------------------------------------------------------------------------

    def _data(self, row: int) -> PrintItem:
        data = self.item(row).data(_ITEM_ROLE)
        assert isinstance(data, PrintItem)
        return data

    def _ticked(self, prospect_id: uuid.UUID) -> bool:
        for row in range(self.count()):
            if self._data(row).id == prospect_id:
                return self.item(row).checkState() == Qt.CheckState.Checked
        return True

    def all_items(self) -> list[PrintItem]:
        return [self._data(row) for row in range(self.count())]

    def checked_items(self) -> list[PrintItem]:
        return [
            self._data(row)
            for row in range(self.count())
            if self._data(row).printable and self.item(row).checkState() == Qt.CheckState.Checked
        ]

    def current_item(self) -> PrintItem | None:
        row = self.currentItem()
        if row is None:
            return None
        data = row.data(_ITEM_ROLE)
        return data if isinstance(data, PrintItem) else None

    def row_of(self, prospect_id: uuid.UUID) -> QListWidgetItem | None:
        for row in range(self.count()):
            if self._data(row).id == prospect_id:
                return self.item(row)
        return None

    def set_checked(self, prospect_id: uuid.UUID, checked: bool) -> None:
        row = self.row_of(prospect_id)
        if row is not None and row.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            row.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    @Slot()
    def _current(self, *_args: object) -> None:
        self.current_changed.emit(self.current_item())
