"""Bandingkan (UI.md §3.8, Ctrl+D; SYNC_PROTOCOL.md §4.9, §5 Duplicates).

The record and a prospect with the same NIK side by side, one row per field, differing rows
marked ≠ (and tinted), equal ones left plain; the NIK row says "cocok". Candidates outside the
supervisor's areas show only their area, state and "cocok: NIK" (G6). *Bukan duplikat* clears
the pair (or every open pair when only hidden candidates remain); *Tolak sebagai duplikat*
rejects this record as DUPLICATE with the note below.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sync.review_schemas import CandidateOut, RecordDetail
from ui.screens.editor.field_marker import WARNING_TINT
from ui.screens.review.field_labels import (
    HEIR_FIELDS,
    SECTIONS,
    display_value,
    field_label,
    state_label,
)

__all__ = ["CompareDialog"]

DIFF_MARK = "\u2260"  # ≠


def _flat(payload: Mapping[str, Any]) -> dict[str, str]:
    """Field path → display text, heirs flattened to ``heirs.i.key``."""
    out: dict[str, str] = {}
    for _key, fields in SECTIONS:
        for field in fields:
            out[field] = display_value(field, payload.get(field))
    heirs = payload.get("heirs")
    for i, heir in enumerate(heirs if isinstance(heirs, list) else []):
        if isinstance(heir, Mapping):
            for name in HEIR_FIELDS:
                path = f"heirs.{i}.{name}"
                out[path] = display_value(path, heir.get(name))
    return out


class CompareDialog(QDialog):
    """Emits ``not_duplicate(candidate_id or None)`` or ``reject_duplicate(candidate_id, note)``."""

    not_duplicate = Signal(object)
    reject_duplicate = Signal(object, str)

    def __init__(self, detail: RecordDetail, *, note: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("compareDialog")
        self.detail = detail
        self.candidates = detail.shown_candidates
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.candidate_combo = QComboBox(self)
        for candidate in self.candidates:
            self.candidate_combo.addItem(self._candidate_title(candidate), str(candidate.id))
        self.candidate_combo.setVisible(len(self.candidates) > 1)
        self.candidate_combo.currentIndexChanged.connect(lambda _i: self._fill())
        self.table = QTableWidget(0, 4, self)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.hidden_label = QLabel(self)
        self.hidden_label.setWordWrap(True)
        self.resolution_label = QLabel(self)
        self.resolution_label.setObjectName("muted")
        self.note_edit = QLineEdit(note, self)
        self.note_label = QLabel(self)
        self.note_label.setBuddy(self.note_edit)
        self.not_duplicate_button = QPushButton(self)
        self.reject_button = QPushButton(self)
        self.close_button = QPushButton(self)
        self.not_duplicate_button.clicked.connect(self._not_duplicate)
        self.reject_button.clicked.connect(self._reject)
        self.close_button.clicked.connect(self.reject)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("errorText")
        self.message_label.setWordWrap(True)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note_label)
        note_row.addWidget(self.note_edit, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.not_duplicate_button)
        buttons.addWidget(self.reject_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.candidate_combo)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.resolution_label)
        layout.addWidget(self.hidden_label)
        layout.addLayout(note_row)
        layout.addWidget(self.message_label)
        layout.addLayout(buttons)
        self.resize(1100, 640)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Compare: possible duplicate"))
        self.intro.setText(
            self.tr("Records with the same NIK. Differences are marked {mark}.").format(
                mark=DIFF_MARK
            )
        )
        self.note_label.setText(self.tr("Note for re&jecting"))
        self.not_duplicate_button.setText(self.tr("&Not a duplicate"))
        self.reject_button.setText(self.tr("Reject as &duplicate"))
        self.close_button.setText(self.tr("Close"))
        hidden = self.detail.hidden_candidates
        self.hidden_label.setVisible(bool(hidden))
        self.hidden_label.setText(
            "\n".join(
                self.tr("Outside your areas: {area} · {state} · match: NIK").format(
                    area=c.area_code or "—", state=state_label(c.review_state)
                )
                for c in hidden
            )
        )
        if not self.note_edit.text():
            self.note_edit.setText(self.tr("Same NIK as another enrollment."))
        self._fill()

    def _candidate_title(self, candidate: CandidateOut) -> str:
        return self.tr("{name} · {agent} · {area} · {state}").format(
            name=str(candidate.payload.get("full_name") or ""),
            agent=candidate.agent.label,
            area=candidate.area_code or "—",
            state=state_label(candidate.review_state),
        )

    def current_candidate(self) -> CandidateOut | None:
        index = self.candidate_combo.currentIndex()
        if 0 <= index < len(self.candidates):
            return self.candidates[index]
        return None

    def _fill(self) -> None:
        record = self.detail.record
        candidate = self.current_candidate()
        self.table.setHorizontalHeaderLabels(
            [
                "",
                self.tr("Field"),
                self.tr("This record ({agent})").format(agent=record.agent.label),
                self.tr("Other record ({agent})").format(agent=candidate.agent.label)
                if candidate
                else self.tr("Other record"),
            ]
        )
        mine = _flat(record.payload)
        theirs = _flat(candidate.payload) if candidate else {}
        server_diff = {c.field for c in candidate.differences} if candidate else set()
        fields = [f for f in mine if mine[f] or theirs.get(f)]
        fields += [f for f in theirs if f not in mine and theirs[f]]
        self.table.setRowCount(len(fields))
        for row, field in enumerate(fields):
            a, b = mine.get(field, ""), theirs.get(field, "")
            differs = candidate is not None and (a != b or field in server_diff)
            mark = DIFF_MARK if differs else ("=" if field == "nik" else "")
            items = [QTableWidgetItem(mark), QTableWidgetItem(field_label(field))]
            items += [QTableWidgetItem(a), QTableWidgetItem(b)]
            if field == "nik" and not differs:
                items[0].setToolTip(self.tr("match: NIK"))
            for col, item in enumerate(items):
                if differs:
                    item.setBackground(QBrush(QColor(WARNING_TINT)))
                if col == 1:
                    item.setData(Qt.ItemDataRole.UserRole, field)
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()
        resolved = candidate is not None and candidate.resolution == "not_duplicate"
        self.resolution_label.setVisible(resolved)
        self.resolution_label.setText(self.tr("Already marked: not a duplicate."))
        self.not_duplicate_button.setEnabled(not resolved and self.detail.unresolved_duplicates > 0)
        self.reject_button.setEnabled("reject" in self.detail.actions)

    def differing_fields(self) -> list[str]:
        """Fields marked ≠ for the current candidate (tests, screen readers)."""
        out = []
        for row in range(self.table.rowCount()):
            mark, name = self.table.item(row, 0), self.table.item(row, 1)
            if mark is not None and name is not None and mark.text() == DIFF_MARK:
                out.append(str(name.data(Qt.ItemDataRole.UserRole)))
        return out

    @Slot()
    def _not_duplicate(self) -> None:
        candidate = self.current_candidate()
        self.not_duplicate.emit(candidate.id if candidate is not None else None)

    @Slot()
    def _reject(self) -> None:
        note = self.note_edit.text().strip()
        if not note:
            self.message_label.setText(self.tr("Write a note: it is required unless approving."))
            self.note_edit.setFocus()
            return
        candidate = self.current_candidate()
        self.reject_duplicate.emit(candidate.id if candidate is not None else None, note)

    def candidate_ids(self) -> list[uuid.UUID]:
        return [c.id for c in self.candidates]
