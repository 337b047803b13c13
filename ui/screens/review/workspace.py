"""Ruang pemeriksaan (UI.md §3.8): the supervisor's workspace after signing in.

Left: the queue of batches (one outreach event, or an agent's records outside events) and the
records of the chosen batch; *Setujui yang dipilih* approves the selected clean records (≤ 200).
Right: the record (:class:`RecordPane`) and the decision bar (:class:`DecisionPanel`). Keys:
Ctrl+↓/↑ next/previous record, Ctrl+M field note, Ctrl+D compare, Alt+S/K/T decide, F5 reload,
Ctrl+L sign out, Ctrl+Z undo while the undo bar shows.

Every server call runs on the network lane through :class:`ReviewSession`; replies for a record
that is no longer shown are dropped. What the supervisor typed (note, reason, field notes) is
kept per record until the decision is accepted, so switching records, losing the connection or
signing in again after 30 idle minutes loses nothing. Decisions themselves live in
:mod:`ui.screens.review.decisions`.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sync.review_schemas import BatchOut, RecordDetail, RecordFilters, RecordSummary
from ui.errors import user_message
from ui.list_tables import style_list_table
from ui.screens.review.decision_panel import DecisionPanel
from ui.screens.review.decisions import DecisionFlow
from ui.screens.review.filter_bar import FilterBar
from ui.screens.review.queue_table import BatchTableModel, RecordTableModel
from ui.screens.review.record_pane import RecordPane
from ui.screens.review.review_session import ReviewSession, is_connection_error, is_expiry
from ui.screens.review.undo_toast import UndoToast

log = logging.getLogger(__name__)

__all__ = ["ReviewWorkspace", "Draft"]

MAX_RECORD_PAGES = 20  # 2,000 records in one batch is far beyond one outreach event


@dataclass
class Draft:
    """What the supervisor typed for one record, kept until a decision is accepted."""

    note: str = ""
    reason: str | None = None
    field_notes: dict[str, str] = field(default_factory=dict)
    decision_ids: dict[tuple[str, int], uuid.UUID] = field(default_factory=dict)


class ReviewWorkspace(QWidget):
    signed_out = Signal()
    reauth_needed = Signal()
    queue_loaded = Signal()
    records_loaded = Signal()
    record_shown = Signal(object)  # RecordDetail
    decided = Signal(object)  # DecisionOut
    undone = Signal(object)  # DecisionOut

    def __init__(
        self,
        session: ReviewSession,
        *,
        today: Callable[[], date] = date.today,
        refresh_ms: int = 60_000,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewWorkspace")
        self.session = session
        self.today = today
        self.detail: RecordDetail | None = None
        self.drafts: dict[uuid.UUID, Draft] = {}
        self.active_dialog: QWidget | None = None
        self._batch_key: str | None = None
        self._record_id: uuid.UUID | None = None
        self._want_record: uuid.UUID | None = None
        self._queue_error: str | None = None
        user = session.user
        self.filter_bar = FilterBar(
            name=user.display_name or user.username, areas=user.areas, parent=self
        )
        self.offline_label = QLabel(self)
        self.offline_label.setObjectName("noteBox")
        self.retry_button = QPushButton(self)
        self.retry_button.clicked.connect(self.session.probe)
        offline_row = QHBoxLayout()
        offline_row.addWidget(self.offline_label, 1)
        offline_row.addWidget(self.retry_button)
        self.offline_bar = QWidget(self)
        self.offline_bar.setLayout(offline_row)
        self.offline_bar.hide()
        self.batch_model = BatchTableModel(self)
        self.batch_view = self._table(
            self.batch_model, QAbstractItemView.SelectionMode.SingleSelection, 0
        )
        char = self.fontMetrics().averageCharWidth()
        header = self.batch_view.horizontalHeader()
        for column, chars in (
            (BatchTableModel.PETUGAS, 14),
            (BatchTableModel.TERIMA, 10),
            (BatchTableModel.TUNGGU, 10),
            (BatchTableModel.TANDA, 9),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, char * chars)
        self.record_model = RecordTableModel(self)
        self.record_view = self._table(
            self.record_model, QAbstractItemView.SelectionMode.ExtendedSelection, 1
        )
        self.queue_state = QLabel(self)
        self.queue_state.setObjectName("emptyState")
        self.queue_state.setWordWrap(True)
        self.bulk_button = QPushButton(self)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.batch_view, 2)
        left_layout.addWidget(self.queue_state)
        left_layout.addWidget(self.record_view, 3)
        left_layout.addWidget(self.bulk_button)
        self.pane = RecordPane(self)
        self.decision_panel = DecisionPanel(self)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(self.pane, 1)
        right_layout.addWidget(self.decision_panel)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([520, 846])
        self.toast = UndoToast(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.offline_bar)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.toast)
        self.flow = DecisionFlow(self)
        self._connect()
        self._shortcuts()
        self.setTabOrder(self.batch_view, self.record_view)
        self.setTabOrder(self.record_view, self.bulk_button)
        self.setTabOrder(self.bulk_button, self.pane.tabs)
        self.setTabOrder(self.pane.tabs, self.decision_panel.note_edit)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(refresh_ms)
        self._refresh_timer.timeout.connect(self._quiet_refresh)
        self.retranslate_ui()
        self._online_changed(session.online)

    def _table(self, model: Any, mode: QAbstractItemView.SelectionMode, stretch: int) -> QTableView:
        view = QTableView(self)
        view.setModel(model)
        style_list_table(view, row_height=None, selection=mode)
        view.setSortingEnabled(True)
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return view

    def _connect(self) -> None:
        self.filter_bar.filters_changed.connect(lambda _f: self.load_queue())
        self.filter_bar.refresh_button.clicked.connect(self.refresh)
        self.filter_bar.export_button.clicked.connect(self.open_export)
        self.filter_bar.sign_out_button.clicked.connect(self.sign_out)
        self.batch_view.selectionModel().currentRowChanged.connect(self._batch_chosen)
        self.record_view.selectionModel().currentRowChanged.connect(self._record_chosen)
        self.record_view.selectionModel().selectionChanged.connect(lambda *_a: self._update_bulk())
        self.record_model.dataChanged.connect(lambda *_a: self._update_bulk())
        self.bulk_button.clicked.connect(self.flow.bulk_approve)
        self.pane.field_note_changed.connect(self._field_note_changed)
        self.pane.compare_requested.connect(self.flow.compare)
        self.decision_panel.decide_requested.connect(self.flow.decide)
        self.decision_panel.draft_changed.connect(self._draft_changed)
        self.toast.undo_requested.connect(self.flow.undo)
        self.session.online_changed.connect(self._online_changed)
        self.session.session_expired.connect(self.reauth_needed)

    def _shortcuts(self) -> None:
        def add(keys: str, slot: Callable[[], Any]) -> QShortcut:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            return shortcut

        self.shortcuts = {
            "next": add("Ctrl+Down", lambda: self.step(+1)),
            "previous": add("Ctrl+Up", lambda: self.step(-1)),
            "note": add("Ctrl+M", self.pane.edit_field_note),
            "compare": add("Ctrl+D", self.flow.compare),
            "refresh": add("F5", self.refresh),
            "sign_out": add("Ctrl+L", self.sign_out),
        }

    def retranslate_ui(self) -> None:
        self.offline_label.setText(
            self.tr("Review needs a connection. Decisions wait; your notes are kept.")
        )
        self.retry_button.setText(self.tr("Try again"))
        self.batch_view.setAccessibleName(self.tr("Queue"))
        self.record_view.setAccessibleName(self.tr("Records"))
        self.batch_model.retranslate()
        self.record_model.retranslate()
        self._update_bulk()
        self._queue_state_text()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- start, refresh -----------------------------------------------------------------------

    def start(self) -> None:
        """Load agents for the filter and the queue; refresh it every minute while shown."""
        self.session.call(
            lambda c: c.agents(),
            on_success=self.filter_bar.set_agents,
            on_error=lambda exc: log.info("agents not loaded: %r", exc),
            owner=self,
        )
        self.load_queue()
        self._refresh_timer.start()

    @Slot()
    def refresh(self) -> None:
        self.load_queue()

    def _quiet_refresh(self) -> None:
        if self.session.online and not self.session.expired and not self.flow.sending:
            self.load_queue(quiet=True)

    def load_queue(self, *, quiet: bool = False) -> None:
        if self.session.expired:
            return
        filters = self.filter_bar.filters()
        if not quiet:
            self._queue_error = None
            self._queue_state_text(loading=True)
        self.session.call(
            lambda c: c.all_batches(filters),
            on_success=self._queue_arrived,
            on_error=self._queue_failed,
            owner=self,
        )

    def _queue_arrived(self, batches: list[BatchOut]) -> None:
        self._queue_error = None
        keep = self._batch_key
        self.batch_model.set_rows(batches)
        self._queue_state_text()
        row = self.batch_model.find(keep) if keep else -1
        if row < 0:
            row = next((i for i, b in enumerate(self.batch_model.rows) if b.pending), 0)
        if self.batch_model.rows:
            self._select(self.batch_view, row)
            if keep is not None and self.batch_model.rows[row].key == keep:
                self.load_records(keep)  # counts may have changed: reload quietly
        else:
            self._batch_key = None
            self.record_model.set_rows([])
            self._show_nothing()
        self.queue_loaded.emit()

    def _queue_failed(self, exc: BaseException) -> None:
        if not (is_connection_error(exc) or is_expiry(exc)):
            self._queue_error = user_message(exc)
        self._queue_state_text()

    def _queue_state_text(self, *, loading: bool = False) -> None:
        if loading and not self.batch_model.rows:
            text = self.tr("Loading…")
        elif self._queue_error:
            text = self._queue_error
        elif not any(b.pending for b in self.batch_model.rows):
            text = self.tr("No records are waiting.")
        else:
            text = ""
        self.queue_state.setText(text)
        self.queue_state.setVisible(bool(text))

    def _show_nothing(self) -> None:
        self._record_id = None
        self.detail = None
        self.pane.show_placeholder(self.tr("No records are waiting."))
        self.decision_panel.clear_record()

    @staticmethod
    def _select(view: QTableView, row: int) -> None:
        index = view.model().index(row, 0)
        view.selectionModel().setCurrentIndex(
            index,
            view.selectionModel().SelectionFlag.ClearAndSelect
            | view.selectionModel().SelectionFlag.Rows,
        )
        view.scrollTo(index)

    # -- batches and records ------------------------------------------------------------------

    def _batch_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        batch = self.batch_model.row_at(current.row())
        if batch is None or batch.key == self._batch_key:
            return
        self._batch_key = batch.key
        self.load_records(batch.key)

    def current_filters(self, batch_key: str) -> RecordFilters:
        bar = self.filter_bar.filters()
        return RecordFilters(batch=batch_key, state=bar.state, flag=bar.flag, area=bar.area)

    def load_records(self, batch_key: str) -> None:
        filters = self.current_filters(batch_key)

        def all_pages(client: Any) -> list[RecordSummary]:
            out: list[RecordSummary] = []
            cursor = None
            for _ in range(MAX_RECORD_PAGES):
                page = client.records(filters, cursor=cursor)
                out.extend(page.records)
                cursor = page.next_cursor
                if not cursor:
                    break
            return out

        self.session.call(
            all_pages,
            on_success=lambda rows: self._records_arrived(batch_key, rows),
            on_error=lambda exc: self._queue_failed(exc),
            owner=self,
        )

    def _records_arrived(self, batch_key: str, rows: list[RecordSummary]) -> None:
        if batch_key != self._batch_key:
            return  # another batch was chosen meanwhile
        keep = self._want_record or self._record_id
        self._want_record = None
        shown_revision = self.detail.record.revision if self.detail is not None else None
        selected = {r.id for r in self.selected_records()}
        self.record_model.set_rows(rows)
        row = self.record_model.find(keep) if keep else -1
        if row < 0:
            row = next(
                (i for i, r in enumerate(self.record_model.rows) if r.review_state == "received"), 0
            )
        if self.record_model.rows:
            summary = self.record_model.rows[row]
            self._select(self.record_view, row)
            self._reselect(selected - {summary.id})
            if summary.id == self._record_id and (
                shown_revision is not None and summary.revision > shown_revision
            ):
                self.load_record(summary.id, newer_than=shown_revision)
        else:
            self._show_nothing()
        self._update_bulk()
        self.records_loaded.emit()

    def _reselect(self, ids: set[uuid.UUID]) -> None:
        """Keep a multiple selection (for *Setujui yang dipilih*) across a quiet reload."""
        model = self.record_view.selectionModel()
        flags = model.SelectionFlag.Select | model.SelectionFlag.Rows
        for record_id in ids:
            row = self.record_model.find(record_id)
            if row >= 0:
                model.select(self.record_model.index(row, 0), flags)

    def _record_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        summary = self.record_model.row_at(current.row())
        if summary is None or summary.id == self._record_id:
            return
        self.load_record(summary.id)

    def load_record(
        self, record_id: uuid.UUID, *, newer_than: int | None = None, message: str = ""
    ) -> None:
        """Fetch and show a record; ``message`` goes on the decision bar once it is shown."""
        self._keep_draft()
        self._record_id = record_id

        def both(client: Any) -> tuple[RecordDetail, list[Any]]:
            detail = client.record(record_id)
            try:
                audit = client.audit(entity_id=record_id)
            except Exception as exc:  # noqa: BLE001 - the trail is secondary to the record
                log.info("audit trail not loaded: %r", exc)
                audit = []
            return detail, audit

        self.session.call(
            both,
            on_success=lambda pair: self._record_arrived(record_id, pair, newer_than, message),
            on_error=lambda exc: self._record_failed(record_id, exc),
            owner=self,
        )

    def _record_arrived(
        self,
        record_id: uuid.UUID,
        pair: tuple[RecordDetail, list[Any]],
        newer_than: int | None,
        message: str = "",
    ) -> None:
        if record_id != self._record_id:
            return
        detail, audit = pair
        self.detail = detail
        draft = self.drafts.get(record_id) or Draft()
        self.pane.show_detail(detail, draft.field_notes)
        self.pane.set_audit(audit)
        if newer_than is not None and detail.record.revision > newer_than:
            self.pane.announce_newer(newer_than, detail.record.revision)
        state = detail.record.review_state
        actions = detail.actions if self.session.can_decide else []
        self.decision_panel.set_record(actions=actions, state=state)
        self.decision_panel.set_draft(
            note=draft.note, reason=draft.reason, field_notes=draft.field_notes
        )
        if message:
            self.decision_panel.show_message(message)
        row = self.record_model.find(record_id)
        if row >= 0:
            old = self.record_model.rows[row]
            self.record_model.update(
                record_id,
                revision=detail.record.revision,
                review_state=state,
                flags=detail.record.flags,
                errors=sum(1 for c in detail.checks if c.severity == "error"),
            )
            if old.revision < detail.record.revision and newer_than is None:
                self.pane.announce_newer(old.revision, detail.record.revision)
        self.record_shown.emit(detail)

    def _record_failed(self, record_id: uuid.UUID, exc: BaseException) -> None:
        if record_id != self._record_id:
            return
        if is_connection_error(exc) or is_expiry(exc):
            return  # the offline bar or the sign-in dialog says it; the old view stays
        self.pane.show_placeholder(user_message(exc))
        self.decision_panel.clear_record()

    def reload_record(self) -> None:
        if self._record_id is not None:
            self.load_record(self._record_id)

    # -- navigation ---------------------------------------------------------------------------

    @Slot()
    def step(self, delta: int) -> None:
        """Ctrl+↓/↑: the next or previous record of the list."""
        count = self.record_model.rowCount()
        if not count:
            return
        current = self.record_view.currentIndex().row()
        row = min(max(current + delta, 0), count - 1) if current >= 0 else 0
        if row != current:
            self._select(self.record_view, row)

    def advance(self) -> None:
        """After a decision: the next record still waiting, else stay."""
        current = self.record_view.currentIndex().row()
        rows = self.record_model.rows
        order = list(range(current + 1, len(rows))) + list(range(0, max(current, 0)))
        target = next((i for i in order if rows[i].review_state == "received"), None)
        if target is not None:
            self._select(self.record_view, target)
        else:
            self.reload_record()

    # -- drafts -------------------------------------------------------------------------------

    def draft_for(self, record_id: uuid.UUID) -> Draft:
        return self.drafts.setdefault(record_id, Draft())

    def _keep_draft(self) -> None:
        if self._record_id is None or self.detail is None:
            return
        note = self.decision_panel.note_edit.toPlainText()
        reason = self.decision_panel.reason()
        notes = self.pane.notes()
        if not (note or reason or notes or self._record_id in self.drafts):
            return  # nothing typed: no draft to keep
        draft = self.draft_for(self._record_id)
        draft.note, draft.reason, draft.field_notes = note, reason, notes

    def _draft_changed(self) -> None:
        if self._record_id is not None and self.detail is not None:
            draft = self.draft_for(self._record_id)
            draft.note = self.decision_panel.note_edit.toPlainText()
            draft.reason = self.decision_panel.reason()

    def _field_note_changed(self, _field: str, _text: str) -> None:
        notes = self.pane.notes()
        self.decision_panel.set_field_notes(notes)
        if self._record_id is not None:
            self.draft_for(self._record_id).field_notes = notes

    @property
    def record_id(self) -> uuid.UUID | None:
        return self._record_id

    # -- bulk, state --------------------------------------------------------------------------

    def selected_records(self) -> list[RecordSummary]:
        rows = sorted({i.row() for i in self.record_view.selectionModel().selectedRows()})
        return [r for r in (self.record_model.row_at(i) for i in rows) if r is not None]

    def _update_bulk(self) -> None:
        clean = [r for r in self.selected_records() if r.clean]
        self.bulk_button.setText(self.tr("Approve selecte&d ({n})").format(n=len(clean)))
        self.bulk_button.setToolTip(
            self.tr("Approves the selected records without flags or errors, at most 200.")
        )
        self.bulk_button.setEnabled(bool(clean) and self.session.online and self.session.can_decide)

    def _online_changed(self, online: bool) -> None:
        self.filter_bar.set_online(online)
        self.offline_bar.setVisible(not online)
        self.decision_panel.set_online(online)
        self._update_bulk()
        if online and self.detail is None and self._record_id is not None:
            self.reload_record()

    # -- export, sign out ---------------------------------------------------------------------

    @Slot()
    def open_export(self) -> None:
        from ui.screens.review.export_dialog import ExportDialog

        dialog = ExportDialog(self.session, today=self.today, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "active_dialog", None))
        self.active_dialog = dialog
        dialog.open()

    @Slot()
    def sign_out(self) -> None:
        """*Keluar* (Ctrl+L): the owner signs the session out and removes the workspace."""
        self._refresh_timer.stop()
        self.signed_out.emit()

    def resume(self) -> None:
        """After signing in again: reload what is on screen (typed notes stay)."""
        self._keep_draft()
        self.load_queue()
        self.reload_record()
