"""The base of the editor's seven sections: a ``QFormLayout`` of labelled fields with their marks.

Each field row is a ``QLabel`` with a ``&`` mnemonic and ``setBuddy`` (UI.md §6), the input, and a
``FieldMarker`` right below it (UI.md §3.4). A field is known by its ``ProspectPayload`` key
(``nik``, ``birth_date`` …) so rule issues, supervisor field notes and F8 find it. The tab order
is the visual order: it is re-chained whenever a marker gains or loses its *Sudah saya periksa*
tick, so Tab always goes field → its tick → its reason → next field.

A section reads its values into a payload dict (``collect``) and shows a payload (``load``);
both use ``ProspectPayload`` field names and plain JSON-able values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from core.errors import Issue
from ui.screens.editor.field_marker import FieldMarker, mark_field

__all__ = ["FieldRow", "FormSection"]


@dataclass
class FieldRow:
    key: str
    label: QLabel | None
    inputs: list[QWidget]  # focusable inputs of the row, in tab order; inputs[0] is the buddy
    marker: FieldMarker
    frame: QWidget  # the widget that gets the red/amber frame
    note: QLabel | None = None  # supervisor field note (returned records)
    extra_keys: tuple[str, ...] = field(default_factory=tuple)  # other payload keys shown here


class FormSection(QWidget):
    """One numbered section of the editor. Subclasses build their rows in ``__init__``."""

    edited = Signal()  # any value changed by the user
    field_left = Signal(str)  # focus left the field with this key (validate on focus-out)
    acknowledged = Signal(str, bool, str)  # code, checked, reason (from a marker)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: dict[str, FieldRow] = {}
        self._order: list[str] = []
        self._owner_of: dict[QObject, str] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        outer.setSpacing(6)
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        outer.addWidget(self.heading)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.form.setVerticalSpacing(5)
        self.form.setHorizontalSpacing(12)
        outer.addLayout(self.form)
        outer.addStretch(1)

    # -- building ----------------------------------------------------------------------------
    def add_field(
        self,
        key: str,
        label_text: str,
        widget: QWidget,
        *,
        required: bool = False,
        inputs: Sequence[QWidget] | None = None,
        frame: QWidget | None = None,
        extra_keys: Sequence[str] = (),
    ) -> FieldRow:
        """Add a labelled row. ``widget`` is what goes in the field column (may be a container);
        ``inputs`` its focusable parts (default: ``[widget]``), the first being the label's buddy."""
        focusables = list(inputs) if inputs else [widget]
        label = QLabel(label_text + (" *" if required else ""), self)
        label.setBuddy(focusables[0])
        label.setProperty("required", required)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.form.addRow(label, widget)
        return self._register(key, label, focusables, frame or focusables[0], extra_keys)

    def add_wide(
        self,
        key: str,
        widget: QWidget,
        *,
        inputs: Sequence[QWidget] | None = None,
        frame: QWidget | None = None,
        extra_keys: Sequence[str] = (),
    ) -> FieldRow:
        """A row spanning both columns (a check box, a table); no separate label."""
        focusables = list(inputs) if inputs else [widget]
        self.form.addRow(widget)
        return self._register(key, None, focusables, frame or focusables[0], extra_keys)

    def _register(
        self,
        key: str,
        label: QLabel | None,
        inputs: list[QWidget],
        frame: QWidget,
        extra_keys: Sequence[str],
    ) -> FieldRow:
        marker = FieldMarker(key, self)
        marker.acknowledged.connect(self.acknowledged)
        note = QLabel(self)
        note.setWordWrap(True)
        note.setProperty("fieldnote", True)
        note.setVisible(False)
        for extra in (marker, note):
            row = self.form.rowCount()
            self.form.setWidget(row, QFormLayout.ItemRole.FieldRole, extra)
        row_info = FieldRow(key, label, inputs, marker, frame, note, tuple(extra_keys))
        self.rows[key] = row_info
        self._order.append(key)
        for widget in inputs:
            self._owner_of[widget] = key
            widget.installEventFilter(self)
        return row_info

    def add_plain_row(self, label: QLabel | None, widget: QWidget) -> None:
        """A row without a field key (read-only text such as the consent notice)."""
        if label is None:
            self.form.addRow(widget)
        else:
            self.form.addRow(label, widget)

    # -- tab order, focus --------------------------------------------------------------------
    def shown(self, widget: QWidget) -> bool:
        """True unless the widget or a parent up to this section was hidden (row hidden,
        page of a stack not current …); works whether or not the section is on screen."""
        current: QWidget | None = widget
        while current is not None and current is not self:
            if not shiboken6.isValid(current) or current.isHidden():
                return False
            current = current.parentWidget()
        return True

    def focus_chain(self) -> list[QWidget]:
        """All inputs of the section in tab order, including visible ticks and reasons."""
        chain: list[QWidget] = []
        for key in self._order:
            row = self.rows[key]
            chain += [w for w in row.inputs if self.shown(w)]
            chain += [w for w in row.marker.focus_targets() if self.shown(w)]
        return chain

    def fix_tab_order(self) -> None:
        if not shiboken6.isValid(self):
            return
        chain = [
            w
            for w in self.focus_chain()
            if shiboken6.isValid(w) and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def fix_tab_order_later(self) -> None:
        """Re-chain after the current event: arrow keys in a radio group let Qt reorder the
        chain itself (``QAbstractButton``'s focus fix-up runs after the toggle signal)."""
        self.fix_tab_order()
        QTimer.singleShot(0, self, self.fix_tab_order)  # dropped if the section is gone

    def first_input(self) -> QWidget | None:
        for key in self._order:
            for widget in self.rows[key].inputs:
                if widget.isEnabled() and self.shown(widget):
                    return widget
        return None

    def field_keys(self) -> list[str]:
        return list(self._order)

    def row_for(self, key: str) -> FieldRow | None:
        row = self.rows.get(key)
        if row is not None:
            return row
        for candidate in self.rows.values():
            if key in candidate.extra_keys:
                return candidate
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FocusOut and watched in self._owner_of:
            self.field_left.emit(self._owner_of[watched])
        return super().eventFilter(watched, event)

    # -- problems and notes ------------------------------------------------------------------
    def show_issues(
        self,
        by_key: dict[str, list[Issue]],
        *,
        describe: Callable[[Issue], str],
        acks: dict[str, str | None],
    ) -> None:
        rebuilt = False
        for key, row in self.rows.items():
            issues = list(by_key.get(key, []))
            for extra in row.extra_keys:
                issues += by_key.get(extra, [])
            rebuilt |= row.marker.set_issues(issues, describe=describe, acks=acks)
            if any(i.is_error for i in issues):
                state = "error"
            elif any(i.is_warning and i.code not in acks for i in issues):
                state = "warning"
            else:
                state = ""
            mark_field(row.frame, state)
        if rebuilt:
            self.fix_tab_order()

    def show_field_notes(self, notes: dict[str, str], *, prefix: str) -> None:
        """Supervisor notes under the fields they concern (returned records)."""
        for key, row in self.rows.items():
            text = notes.get(key) or next((notes[k] for k in row.extra_keys if k in notes), None)
            if row.note is not None:
                row.note.setText(f"{prefix} {text}" if text else "")
                row.note.setVisible(bool(text))

    # -- values (subclasses) -----------------------------------------------------------------
    def collect(self, payload: dict[str, Any]) -> None:
        raise NotImplementedError

    def load(self, payload: dict[str, Any]) -> None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        for row in self.rows.values():
            for widget in row.inputs:
                _set_widget_read_only(widget, read_only)

    def retranslate(self) -> None:
        """Re-set every visible text (language change); subclasses override."""


def _set_widget_read_only(widget: QWidget, read_only: bool) -> None:
    setter = getattr(widget, "setReadOnly", None)
    if callable(setter):
        setter(read_only)
    else:
        widget.setEnabled(not read_only)
