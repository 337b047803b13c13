"""The right side of the review workspace (UI.md §3.8): one record, read-only.

Header: name, state badge, ``rev n``, agent and place, *Bandingkan* (Ctrl+D) when the NIK
matches another prospect. Banners: a correction (fields changed since the judged revision, each
marked ≠ in the tables with the old value as tooltip), a newer revision loaded meanwhile. Check
lines: the server-side rule results — errors (✕), open warnings (!) and warnings the agent
acknowledged ("Diakui: ! … (reason)"). Tabs Identitas | Alamat | Pekerjaan | Program | Ahli
Waris | Persetujuan | Catatan hold a three-column table each (Bidang, Isi, Catatan bidang); the
third column is where the supervisor types a field note (Ctrl+M or *+ Catatan bidang* starts
editing it for the current row). *Riwayat* lists revisions, decisions and the audit trail.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.errors import Issue
from sync.review_schemas import CheckOut, RecordDetail
from ui.badges import badge_icon
from ui.errors import issue_message
from ui.screens.editor.banners import BannerArea
from ui.screens.editor.field_marker import ERROR_TEXT, WARNING_TEXT, WARNING_TINT
from ui.screens.review.field_labels import (
    HEIR_FIELDS,
    SECTIONS,
    display_value,
    field_label,
    flag_text,
    section_of,
    section_title,
    state_label,
)
from ui.screens.review.history_view import HistoryView

__all__ = ["RecordPane", "FieldTable", "FIELD_ROLE"]

FIELD_ROLE = Qt.ItemDataRole.UserRole + 2
_CONSENT_KEYS = (
    "method",
    "notice_version",
    "purposes",
    "read_aloud",
    "witness_name",
    "consented_at",
)


class FieldTable(QTableWidget):
    """Bidang | Isi | Catatan bidang; only the note column of a payload field is editable."""

    note_edited = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setWordWrap(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._filling = False
        self.itemChanged.connect(self._changed)

    def set_headers(self, labels: list[str]) -> None:
        self.setHorizontalHeaderLabels(labels)

    def fill(self, rows: list[tuple[str | None, str, str, str, str | None]]) -> None:
        """``(field or None, label, value, note, mark)``; mark: ``changed:<old>``, ``error:…``."""
        self._filling = True
        self.setRowCount(len(rows))
        for r, (field, label, value, note, mark) in enumerate(rows):
            label_item = QTableWidgetItem(label)
            label_item.setData(FIELD_ROLE, field)
            value_item = QTableWidgetItem(value)
            value_item.setToolTip(value)
            note_item = QTableWidgetItem(note)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            label_item.setFlags(flags)
            value_item.setFlags(flags)
            note_item.setFlags(flags | (Qt.ItemFlag.ItemIsEditable if field else flags))
            if mark:
                kind, _, detail = mark.partition(":")
                font = label_item.font()
                font.setBold(True)
                label_item.setFont(font)
                if kind == "changed":
                    label_item.setText("\u2260 " + label)
                    tip = self.tr("Before: {value}").format(value=detail or "—")
                    label_item.setToolTip(tip)
                    value_item.setToolTip(tip)
                    for item in (label_item, value_item):
                        item.setBackground(QBrush(QColor(WARNING_TINT)))
                else:
                    label_item.setText(("\u2715 " if kind == "error" else "! ") + label)
                    label_item.setToolTip(detail)
                    colour = ERROR_TEXT if kind == "error" else WARNING_TEXT
                    label_item.setForeground(QBrush(QColor(colour)))
            self.setItem(r, 0, label_item)
            self.setItem(r, 1, value_item)
            self.setItem(r, 2, note_item)
        self.resizeRowsToContents()
        self._filling = False

    def field_at(self, row: int) -> str | None:
        item = self.item(row, 0)
        value = item.data(FIELD_ROLE) if item is not None else None
        return value if isinstance(value, str) else None

    def row_of(self, field: str) -> int:
        return next((r for r in range(self.rowCount()) if self.field_at(r) == field), -1)

    def value_of(self, field: str) -> str | None:
        return self._text_of(field, 1)

    def label_of(self, field: str) -> str | None:
        return self._text_of(field, 0)

    def _text_of(self, field: str, column: int) -> str | None:
        row = self.row_of(field)
        item = self.item(row, column) if row >= 0 else None
        return item.text() if item is not None else None

    def edit_note(self, row: int) -> bool:
        field = self.field_at(row)
        if field is None:
            return False
        self.setCurrentCell(row, 2)
        note = self.item(row, 2)
        if note is not None:  # as Qt does: editItem(nullptr) is a no-op
            self.editItem(note)
        return True

    def _changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 2:
            return
        field = self.field_at(item.row())
        if field is not None:
            self.note_edited.emit(field, item.text().strip())


class RecordPane(QWidget):
    """Shows one ``RecordDetail``; emits ``field_note_changed(field, text)``."""

    field_note_changed = Signal(str, str)
    compare_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: RecordDetail | None = None
        self._notes: dict[str, str] = {}
        self.stack = QStackedWidget(self)
        self.placeholder = QLabel(self)
        self.placeholder.setObjectName("emptyState")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.stack.addWidget(self.placeholder)
        body = QWidget(self)
        self.stack.addWidget(body)
        self.name_label = QLabel(body)
        self.name_label.setObjectName("sideTitle")
        self.state_icon = QLabel(body)
        self.state_text = QLabel(body)
        self.meta_label = QLabel(body)
        self.meta_label.setObjectName("muted")
        self.compare_button = QPushButton(body)
        self.compare_button.clicked.connect(self.compare_requested)
        head = QHBoxLayout()
        head.addWidget(self.name_label)
        head.addWidget(self.state_icon)
        head.addWidget(self.state_text)
        head.addWidget(self.meta_label, 1)
        head.addWidget(self.compare_button)
        self.banners = BannerArea(body)
        self.checks_label = QLabel(body)
        self.checks_label.setWordWrap(True)
        self.checks_label.setTextFormat(Qt.TextFormat.PlainText)
        self.checks_label.setObjectName("checksBox")
        self.tabs = QTabWidget(body)
        self.tables: dict[str, FieldTable] = {}
        for key, _fields in SECTIONS:
            table = FieldTable(self.tabs)
            table.note_edited.connect(self._note_edited)
            self.tables[key] = table
            self.tabs.addTab(table, "")
        self.history = HistoryView(self.tabs)
        self.tabs.addTab(self.history, "")
        self.note_button = QPushButton(body)
        self.note_button.clicked.connect(self.edit_field_note)
        tab_row = QHBoxLayout()
        tab_row.addStretch(1)
        tab_row.addWidget(self.note_button)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.setSpacing(6)
        layout.addLayout(head)
        layout.addWidget(self.banners)
        layout.addWidget(self.checks_label)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(tab_row)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.retranslate_ui()
        self.show_placeholder("")

    def retranslate_ui(self) -> None:
        self.compare_button.setText(self.tr("Compare"))
        self.compare_button.setToolTip(self.tr("Compare with the same NIK side by side (Ctrl+D)"))
        self.note_button.setText(self.tr("+ Field note"))
        self.note_button.setToolTip(self.tr("Note for the chosen field (Ctrl+M)"))
        headers = [self.tr("Field"), self.tr("Value"), self.tr("Field note")]
        for i, (key, _fields) in enumerate(SECTIONS):
            self.tabs.setTabText(i, section_title(key))
            self.tables[key].set_headers(headers)
        self.tabs.setTabText(len(SECTIONS), self.tr("History"))
        if self.detail is not None:
            self.show_detail(self.detail, self._notes)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- showing ------------------------------------------------------------------------------

    def show_placeholder(self, text: str) -> None:
        self.detail = None
        self.placeholder.setText(text)
        self.stack.setCurrentWidget(self.placeholder)

    def show_detail(self, detail: RecordDetail, notes: Mapping[str, str]) -> None:
        keep_tab = self.tabs.currentIndex() if self.detail is not None else 0
        self.detail = detail
        self._notes = dict(notes)
        record = detail.record
        payload = record.payload
        self.name_label.setText(str(payload.get("full_name") or self.tr("(no name)")))
        state = record.review_state or "received"
        self.state_icon.setPixmap(badge_icon(state).pixmap(18, 18))
        self.state_text.setText(state_label(state))
        meta = [f"rev {record.revision}", record.agent.label]
        if record.area_code:
            meta.append(display_value("area_code", record.area_code))
        meta.extend(flag_text(f) for f in record.flags)
        self.meta_label.setText(" · ".join(meta))
        self.compare_button.setEnabled(bool(detail.candidates))
        self._banners(detail)
        self._checks(detail.checks)
        marks = self._marks(detail)
        for key, fields in SECTIONS:
            self.tables[key].fill(self._rows(key, fields, payload, detail, marks))
        self.history.set_detail(detail)
        self.stack.setCurrentIndex(1)
        self.tabs.setCurrentIndex(keep_tab)

    def set_audit(self, events: list[Any]) -> None:
        self.history.set_audit(events)

    def announce_newer(self, old_revision: int, new_revision: int) -> None:
        self.banners.show_banner(
            "newer",
            "info",
            self.tr("A newer version arrived (rev {new}, was rev {old}); it is shown now.").format(
                new=new_revision, old=old_revision
            ),
        )

    def _banners(self, detail: RecordDetail) -> None:
        self.banners.hide_banner("newer")
        if detail.judged_revision and detail.changes_since_judged:
            names = ", ".join(field_label(c.field) for c in detail.changes_since_judged[:6])
            more = len(detail.changes_since_judged) - 6
            if more > 0:
                names += " …"
            self.banners.show_banner(
                "changes",
                "note",
                self.tr("Corrected after rev {rev}: {n} fields changed ({names}).").format(
                    rev=detail.judged_revision, n=len(detail.changes_since_judged), names=names
                ),
            )
        else:
            self.banners.hide_banner("changes")
        hidden = detail.hidden_candidates
        if detail.unresolved_duplicates or hidden:
            self.banners.show_banner(
                "duplicate",
                "warning",
                self.tr(
                    "Possible duplicate: the same NIK is in {n} other records. Compare (Ctrl+D)."
                ).format(n=len(detail.candidates)),
            )
        else:
            self.banners.hide_banner("duplicate")

    def _checks(self, checks: list[CheckOut]) -> None:
        lines = []
        for check in sorted(checks, key=lambda c: (c.severity != "error", c.acknowledged)):
            sentence = issue_message(Issue(check.code, check.field, check.params))
            where = f"{field_label(check.field)}: " if check.field else ""
            if check.severity == "error":
                lines.append(f"\u2715 {where}{sentence}")
            elif check.acknowledged:
                reason = f" (\u201c{check.reason}\u201d)" if check.reason else ""
                lines.append(
                    self.tr("Acknowledged: ! {text}").format(text=where + sentence) + reason
                )
            else:
                lines.append(f"! {where}{sentence}")
        if not lines:
            lines.append(self.tr("\u2713 The server checks found no problem."))
        self.checks_label.setText("\n".join(lines))

    def _marks(self, detail: RecordDetail) -> dict[str, str]:
        marks: dict[str, str] = {}
        for check in detail.checks:
            if check.field and not check.acknowledged:
                kind = "error" if check.severity == "error" else "warning"
                if marks.get(check.field, "").startswith("error"):
                    continue
                text = issue_message(Issue(check.code, check.field, check.params))
                marks[check.field] = f"{kind}:{text}"
        if detail.judged_revision:
            for change in detail.changes_since_judged:
                marks[change.field] = "changed:" + (
                    display_value(change.field, change.before) or "—"
                )
        return marks

    def _rows(
        self,
        key: str,
        fields: tuple[str, ...],
        payload: Mapping[str, Any],
        detail: RecordDetail,
        marks: Mapping[str, str],
    ) -> list[tuple[str | None, str, str, str, str | None]]:
        rows: list[tuple[str | None, str, str, str, str | None]] = []
        if key == "heirs":
            heirs = payload.get("heirs") or []
            for i, heir in enumerate(heirs if isinstance(heirs, list) else []):
                for name in HEIR_FIELDS:
                    path = f"heirs.{i}.{name}"
                    value = display_value(path, heir.get(name)) if isinstance(heir, dict) else ""
                    mark = marks.get(path) or (marks.get("heirs") if name == "name" else None)
                    rows.append((path, field_label(path), value, self._notes.get(path, ""), mark))
            if not rows:
                rows.append((None, self.tr("No heirs"), "", "", None))
            return rows
        for field in fields:
            value = display_value(field, payload.get(field))
            if not value and field not in marks and field not in self._notes:
                continue  # an empty optional field says nothing
            rows.append(
                (field, field_label(field), value, self._notes.get(field, ""), marks.get(field))
            )
        if key == "consent" and detail.consent:
            for name in _CONSENT_KEYS:
                raw = detail.consent.get(name)
                if raw in (None, "", []):
                    continue
                text = ", ".join(map(str, raw)) if isinstance(raw, list) else str(raw)
                rows.append((None, self._consent_label(name), text, "", None))
        return rows

    def _consent_label(self, name: str) -> str:
        labels = {
            "method": self.tr("Consent given by"),
            "notice_version": self.tr("Privacy notice version"),
            "purposes": self.tr("Purposes"),
            "read_aloud": self.tr("Read aloud"),
            "witness_name": self.tr("Witness"),
            "consented_at": self.tr("Consent date"),
        }
        return labels.get(name, name)

    # -- field notes --------------------------------------------------------------------------

    def current_table(self) -> FieldTable | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, FieldTable) else None

    @Slot()
    def edit_field_note(self) -> bool:
        """Start typing a note for the current row (the first field when none is chosen)."""
        table = self.current_table()
        if table is None or self.detail is None:
            return False
        row = table.currentRow()
        if row < 0 or table.field_at(row) is None:
            row = next((r for r in range(table.rowCount()) if table.field_at(r)), -1)
        return row >= 0 and table.edit_note(row)

    def show_field(self, field: str) -> FieldTable | None:
        """Switch to the tab of ``field`` and select its row."""
        key = section_of(field)
        table = self.tables.get(key or "")
        if table is None:
            return None
        self.tabs.setCurrentWidget(table)
        row = table.row_of(field)
        if row >= 0:
            table.setCurrentCell(row, 1)
        return table

    def _note_edited(self, field: str, text: str) -> None:
        if text:
            self._notes[field] = text
        else:
            self._notes.pop(field, None)
        self.field_note_changed.emit(field, text)

    def notes(self) -> dict[str, str]:
        return dict(self._notes)

    def set_notes(self, notes: Mapping[str, str]) -> None:
        self._notes = dict(notes)
        for table in self.tables.values():
            table._filling = True
            for row in range(table.rowCount()):
                field = table.field_at(row)
                item = table.item(row, 2)
                if item is not None:
                    item.setText(self._notes.get(field, "") if field else "")
            table._filling = False
