"""*Kegiatan* (UI.md §3.9) and *Tindak lanjut*: the field sessions and the visits still due.

::

    [Kegiatan: Pasar Contoh · 25 Nov 2026 v] [Mulai kegiatan] [Ubah] [Tutup kegiatan]
    Kegiatan: Pasar Contoh | Pasar | Pekalongan Barat (33.75.01) | 25 Nov 2026
    Dicatat 37  Draf 3  Menunggu kirim 4  Terkirim 30  Diterima server 30/34
    Status  Nama  Pekerjaan  Iuran/bulan  Tindak lanjut
    Tahapan: ✓ Dihubungi … → ○ Disetujui          [Rencanakan kunjungan] [Catat hasil] [Buka]

The second tab lists follow-ups due today or overdue, earliest first. Every read and write runs
on the DB lane (``models.services.outreach`` / ``followups`` / ``funnel``); the widgets only show
plain values. What the buttons change (start, edit, close an event; plan a visit, record its
outcome) is done by ``ui.screens.outreach.outreach_actions``; the view keeps methods of the same
names that hand over to it. Empty: "Belum ada kegiatan."
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core import formatting, lanes
from models.services import followups, funnel, outreach
from models.services.followups import DueFollowUp
from models.services.outreach import EventDetail, EventInfo
from ui.errors import show_error
from ui.list_tables import style_list_table
from ui.screens.outreach.funnel_strip import FunnelStrip
from ui.screens.outreach.outreach_actions import OutreachActions
from ui.screens.outreach.table_models import DueListModel, EventProspectsModel
from ui.tasks import run_in_background

if TYPE_CHECKING:
    from ui.screens.outreach.event_dialog import EventDialog
    from ui.screens.outreach.followup_dialogs import OutcomeDialog, PlanDialog

log = logging.getLogger(__name__)

__all__ = ["OutreachView"]


@dataclass(frozen=True, slots=True)
class _Snapshot:
    events: list[EventInfo]
    detail: EventDetail | None
    due: list[DueFollowUp]


def _table(parent: QWidget, model: Any) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    style_list_table(table, row_height=table.fontMetrics().height() + 12)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class OutreachView(QWidget):
    open_requested = Signal(object)  # prospect id
    events_changed = Signal(list)  # list[EventInfo], newest first
    event_started = Signal(object)  # EventInfo
    due_count_changed = Signal(int)
    refreshed = Signal()

    def __init__(
        self,
        db_provider: Callable[[], Any],
        agent_provider: Callable[[], Any],
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db_provider
        self._agent = agent_provider
        self._today = today
        self.selected_event: uuid.UUID | None = None
        self.snapshot: _Snapshot | None = None
        self.active_dialog: QWidget | None = None
        self.outreach_actions = OutreachActions(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._events_page(), "")
        self.tabs.addTab(self._due_page(), "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 8)
        layout.addWidget(self.tabs)
        self.retranslate_ui()

    # -- construction ---------------------------------------------------------------------------

    def _events_page(self) -> QWidget:
        page = QWidget(self)
        self.event_label = QLabel(page)
        self.event_combo = QComboBox(page)
        self.event_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.event_label.setBuddy(self.event_combo)
        self.event_combo.activated.connect(self._event_chosen)
        self.start_button = QPushButton(page)
        self.start_button.setObjectName("primary")
        self.start_button.clicked.connect(self.start_event)
        self.edit_button = QPushButton(page)
        self.edit_button.clicked.connect(self.edit_event)
        self.close_button = QPushButton(page)
        self.close_button.clicked.connect(lambda: self.close_event())
        top = QHBoxLayout()
        top.addWidget(self.event_label)
        top.addWidget(self.event_combo, 1)
        top.addWidget(self.start_button)
        top.addWidget(self.edit_button)
        top.addWidget(self.close_button)
        self.header_label = QLabel(page)
        font = self.header_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.header_label.setFont(font)
        self.counts_label = QLabel(page)
        self.details_label = QLabel(page)
        self.details_label.setObjectName("muted")
        self.details_label.setWordWrap(True)
        self.prospects_model = EventProspectsModel(self)
        self.prospects_table = _table(page, self.prospects_model)
        header = self.prospects_table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        char = self.fontMetrics().averageCharWidth()
        for column, width in ((0, 22), (2, 24), (3, 14)):
            header.resizeSection(column, width * char)
        self.prospects_table.doubleClicked.connect(self._open_index)
        self.prospects_table.selectionModel().currentRowChanged.connect(self._selected)
        self.empty_label = QLabel(page)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_start = QPushButton(page)
        self.empty_start.clicked.connect(self.start_event)
        empty = QWidget(page)
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addWidget(self.empty_start, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(1)
        self.event_pages = QStackedWidget(page)
        self.event_pages.addWidget(self.prospects_table)
        self.event_pages.addWidget(empty)
        self.funnel_strip = FunnelStrip(page)
        self.plan_button = QPushButton(page)
        self.plan_button.clicked.connect(lambda: self.plan_visit(self._current_prospect()))
        self.outcome_button = QPushButton(page)
        self.outcome_button.clicked.connect(lambda: self.record_outcome(self._current_prospect()))
        self.open_button = QPushButton(page)
        self.open_button.clicked.connect(lambda: self._open(self._current_prospect()))
        bottom = QHBoxLayout()
        bottom.addWidget(self.funnel_strip, 1)
        for button in (self.plan_button, self.outcome_button, self.open_button):
            bottom.addWidget(button)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.header_label)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.details_label)
        layout.addWidget(self.event_pages, 1)
        layout.addLayout(bottom)
        return page

    def _due_page(self) -> QWidget:
        page = QWidget(self)
        self.due_title = QLabel(page)
        self.due_model = DueListModel(self)
        self.due_table = _table(page, self.due_model)
        header = self.due_table.horizontalHeader()
        char = self.fontMetrics().averageCharWidth()
        for column, width in ((0, 26), (1, 26), (2, 18), (3, 22), (4, 15)):
            header.resizeSection(column, width * char)
        self.due_table.doubleClicked.connect(
            lambda index: self._open(self.due_model.row_id(index.row()))
        )
        self.due_empty = QLabel(page)
        self.due_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.due_pages = QStackedWidget(page)
        self.due_pages.addWidget(self.due_table)
        self.due_pages.addWidget(self.due_empty)
        self.due_outcome_button = QPushButton(page)
        self.due_outcome_button.clicked.connect(lambda: self.record_outcome(self._current_due()))
        self.due_plan_button = QPushButton(page)
        self.due_plan_button.clicked.connect(lambda: self.plan_visit(self._current_due()))
        self.due_open_button = QPushButton(page)
        self.due_open_button.clicked.connect(lambda: self._open(self._current_due()))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.due_outcome_button, self.due_plan_button, self.due_open_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.due_title)
        layout.addWidget(self.due_pages, 1)
        layout.addLayout(buttons)
        return page

    # -- words ----------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        due = len(self.snapshot.due) if self.snapshot else 0
        self.tabs.setTabText(0, self.tr("&Events"))
        self.tabs.setTabText(
            1, self.tr("&Follow-ups ({n})").format(n=due) if due else self.tr("&Follow-ups")
        )
        self.event_label.setText(self.tr("E&vent"))
        self.start_button.setText(self.tr("&Start event"))
        self.edit_button.setText(self.tr("&Edit"))
        self.close_button.setText(self.tr("&Close event"))
        self.empty_label.setText(self.tr("No events yet."))
        self.empty_start.setText(self.tr("Start event"))
        self.plan_button.setText(self.tr("&Plan visit"))
        self.outcome_button.setText(self.tr("&Record outcome"))
        self.open_button.setText(self.tr("&Open"))
        self.due_title.setText(self.tr("Follow-ups due today and overdue"))
        self.due_empty.setText(self.tr("No follow-ups due."))
        self.due_outcome_button.setText(self.tr("Record &outcome"))
        self.due_plan_button.setText(self.tr("Plan &again"))
        self.due_open_button.setText(self.tr("Open &prospect"))
        self.prospects_model.retranslate()
        self.due_model.retranslate()
        self.funnel_strip.retranslate()
        if self.snapshot is not None:
            self._show(self.snapshot)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def place_kind_name(self, kind: str) -> str:
        return {
            "MARKET": self.tr("Market"),
            "HARBOUR": self.tr("Harbour/fish auction"),
            "KELURAHAN_OFFICE": self.tr("Village office"),
            "OTHER": self.tr("Other"),
        }.get(kind, kind)

    # -- loading --------------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        db, today, wanted = self._db(), self._today(), self.selected_event

        def load() -> _Snapshot:
            events = outreach.list_events(db)
            chosen = wanted if any(e.id == wanted for e in events) else None
            if chosen is None and events:
                active = outreach.active_event(db, today=today)
                chosen = active.id if active is not None else events[0].id
            detail = outreach.event_detail(db, event_id=chosen) if chosen else None
            return _Snapshot(events, detail, followups.due_list(db, today=today))

        run_in_background(
            lanes.db(), load, on_success=self._loaded, on_error=self._error, owner=self
        )

    def _loaded(self, snapshot: _Snapshot) -> None:
        self.snapshot = snapshot
        self.selected_event = snapshot.detail.event.id if snapshot.detail else None
        self._show(snapshot)
        self.events_changed.emit(list(snapshot.events))
        self.due_count_changed.emit(len(snapshot.due))
        self.refreshed.emit()

    def _error(self, exc: BaseException) -> None:
        show_error(self, exc)

    def _show(self, snapshot: _Snapshot) -> None:
        self.event_combo.blockSignals(True)
        self.event_combo.clear()
        for event in snapshot.events:
            text = f"{event.place_name} · {formatting.date_medium(event.date)}"
            if event.closed:
                text += " " + self.tr("(closed)")
            self.event_combo.addItem(text, str(event.id))  # text: QVariant compares by identity
        if self.selected_event is not None:
            self.event_combo.setCurrentIndex(self.event_combo.findData(str(self.selected_event)))
        self.event_combo.blockSignals(False)
        detail = snapshot.detail
        has_event = detail is not None
        self.event_pages.setCurrentIndex(0 if has_event else 1)
        self.event_combo.setEnabled(has_event)
        self.edit_button.setEnabled(has_event and not detail.event.closed)  # type: ignore[union-attr]
        self.close_button.setEnabled(has_event and not detail.event.closed)  # type: ignore[union-attr]
        if detail is None:
            self.header_label.setText(self.tr("No events yet."))
            self.counts_label.clear()
            self.details_label.clear()
            self.prospects_model.set_rows([])
        else:
            self._show_event(detail)
        self.due_model.set_rows(snapshot.due)
        self.due_pages.setCurrentIndex(0 if snapshot.due else 1)
        due = len(snapshot.due)
        self.tabs.setTabText(
            1, self.tr("&Follow-ups ({n})").format(n=due) if due else self.tr("&Follow-ups")
        )
        self._update_buttons()

    def _show_event(self, detail: EventDetail) -> None:
        event, counts = detail.event, detail.counts
        area = f"{event.area_name} ({event.area_code})" if event.area_name else event.area_code
        self.header_label.setText(
            self.tr("Event: {name} | {kind} | {area} | {date}").format(
                name=event.place_name,
                kind=self.place_kind_name(event.place_kind),
                area=area,
                date=formatting.date_medium(event.date),
            )
            + (" · " + self.tr("closed") if event.closed else "")
        )
        self.counts_label.setText(
            self.tr(
                "Recorded {recorded}   Draft {drafts}   Waiting to send {waiting}   "
                "Sent {sent}   Received by the server {acknowledged}/{submitted}"
            ).format(
                recorded=counts.recorded,
                drafts=counts.drafts,
                waiting=counts.waiting,
                sent=counts.sent,
                acknowledged=counts.acknowledged,
                submitted=counts.submitted,
            )
        )
        details = []
        if event.partner:
            details.append(self.tr("Partner: {partner}").format(partner=event.partner))
        if event.attendance is not None:
            details.append(self.tr("Attendance: {n}").format(n=event.attendance))
        if event.closed:
            details.append(self.tr("Manifest: %n prospect(s)", "", len(event.manifest)))
        if event.notes:
            details.append(event.notes)
        self.details_label.setText(" · ".join(details))
        self.prospects_model.set_rows(detail.prospects)
        self.funnel_strip.clear_funnel()

    # -- selection ------------------------------------------------------------------------------

    def _current_prospect(self) -> uuid.UUID | None:
        index = self.prospects_table.currentIndex()
        return self.prospects_model.row_id(index.row()) if index.isValid() else None

    def _current_due(self) -> uuid.UUID | None:
        index = self.due_table.currentIndex()
        return self.due_model.row_id(index.row()) if index.isValid() else None

    def _name_of(self, prospect_id: uuid.UUID) -> str:
        for row in self.prospects_model.rows:
            if row.id == prospect_id:
                return row.full_name
        for due in self.due_model.rows:
            if due.prospect_id == prospect_id:
                return due.full_name
        return ""

    def _update_buttons(self) -> None:
        chosen = self._current_prospect() is not None
        for button in (self.plan_button, self.outcome_button, self.open_button):
            button.setEnabled(chosen)
        due = self._current_due() is not None
        for button in (self.due_outcome_button, self.due_plan_button, self.due_open_button):
            button.setEnabled(due)

    @Slot(QModelIndex, QModelIndex)
    def _selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()
        prospect_id = self.prospects_model.row_id(current.row()) if current.isValid() else None
        if prospect_id is None:
            self.funnel_strip.clear_funnel()
            return
        db = self._db()
        run_in_background(
            lanes.db(),
            lambda: funnel.funnel_for(db, prospect_id=prospect_id),
            on_success=self.funnel_strip.set_funnel,
            on_error=self._error,
            owner=self,
        )

    def select_event(self, event_id: uuid.UUID) -> None:
        self.selected_event = event_id
        self.refresh()

    @Slot(int)
    def _event_chosen(self, index: int) -> None:
        event_id = self.event_combo.itemData(index)
        if event_id:
            self.select_event(uuid.UUID(event_id))

    def _open_index(self, index: QModelIndex) -> None:
        self._open(self.prospects_model.row_id(index.row()))

    def _open(self, prospect_id: uuid.UUID | None) -> None:
        if prospect_id is not None:
            self.open_requested.emit(prospect_id)

    # -- actions (ui.screens.outreach.outreach_actions) ------------------------------------------

    @Slot()
    def start_event(self) -> EventDialog:
        return self.outreach_actions.start_event()

    @Slot()
    def edit_event(self) -> EventDialog | None:
        return self.outreach_actions.edit_event()

    def close_event(self, *, force: bool = False) -> None:
        """*Tutup kegiatan*; with drafts open, ask first (UI.md §3.9)."""
        self.outreach_actions.close_event(force=force)

    def plan_visit(self, prospect_id: uuid.UUID | None) -> PlanDialog | None:
        return self.outreach_actions.plan_visit(prospect_id)

    def record_outcome(self, prospect_id: uuid.UUID | None) -> OutcomeDialog | None:
        return self.outreach_actions.record_outcome(prospect_id)
