"""Daftar prospek (UI.md §3.3): search-as-you-type, filters, the lazy table and the side panel.

Typing in the search box waits 150 ms after the last key, then starts a new query (the model
resets and loads its first page on the DB lane). Filters are new queries too. The table area
shows a state page instead of rows when there is nothing to show: "Memuat…", "Belum ada
prospek. Tekan Prospek baru.", "Tidak ada yang cocok." or an error with *Coba lagi*.
Keys: Enter opens the selected prospect, Del deletes a draft (or withdraws a sent record),
Esc clears the search.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScroller,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core import lanes
from core.settings import Settings
from models.prospect_rows import ProspectFilters, ProspectRow
from models.rules.occupations import load_occupations
from models.rules.regions import regions
from ui import badges, theme
from ui.errors import user_message
from ui.list_tables import style_list_table
from ui.prospect_cells import ProspectCellDelegate
from ui.screens.side_panel import SidePanel
from ui.table_models.choices import ChoiceModel
from ui.table_models.prospects import COLUMNS, ListQuery, ProspectTableModel, occupation_label
from ui.tasks import run_in_background
from ui.window_state import restore_splitter, save_splitter

__all__ = ["ProspectListView", "SEARCH_DEBOUNCE_MS", "branch_village_choices"]

log = logging.getLogger(__name__)


def branch_village_choices(branch_regencies: tuple[str, ...]) -> list[tuple[str, str]]:
    """(label, code) of every village of the branch, by name; the kecamatan tells twins apart."""
    index = regions()
    found: list[tuple[str, str]] = []
    for regency in branch_regencies:
        for district in index.districts(regency):
            found.extend(
                (f"{village.name} ({district.name})", village.code)
                for village in index.villages(district.code)
            )
    return sorted(found)


SEARCH_DEBOUNCE_MS = 150
_FILTER_BADGES = (
    "draft",
    "queued",
    "received",
    "resent",
    "approved",
    "returned",
    "rejected",
    "withdrawn",
    "conflict",
    "invalid",
)


class ProspectTable(QTableView):
    """The table with the list's keys: Enter opens, Del deletes, Esc goes to the view."""

    open_requested = Signal()
    delete_requested = Signal()
    escape_pressed = Signal()

    def __init__(self, model: ProspectTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.cells: ProspectCellDelegate | None = ProspectCellDelegate(self, model)
        self.setItemDelegate(self.cells)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if self.cells is not None:
            self.cells.begin_paint()  # font, colours, selection: read once, not once per cell
        super().paintEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.open_requested.emit()
            return
        if key == Qt.Key.Key_Delete:
            self.delete_requested.emit()
            return
        if key == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            return
        super().keyPressEvent(event)


class ProspectListView(QWidget):
    """The list screen; the main window connects its requests to the editor and operations."""

    open_requested = Signal(object)  # prospect id
    delete_requested = Signal(object)  # ProspectRow
    new_requested = Signal()
    selection_changed = Signal(object)  # ProspectRow | None

    def __init__(
        self,
        db_provider: Callable[[], Any],
        settings_provider: Callable[[], Settings],
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings_provider
        self._today = today
        self._selected_id: uuid.UUID | None = None
        self._villages_requested = False
        self._paint_first = False  # the next page is the one read at unlock (show_first_page)
        self._error: BaseException | None = None
        self.model = ProspectTableModel(db_provider, today=today, parent=self)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_query)
        self._build(db_provider)
        self.retranslate_ui()
        self.model.loading_changed.connect(self._update_state)
        self.model.page_loaded.connect(self._page_loaded)
        self.model.load_failed.connect(self._load_failed)
        self.model.modelReset.connect(self._update_state)

    # -- layout -------------------------------------------------------------------------------

    def _build(self, db_provider: Callable[[], Any]) -> None:
        self.filter_bar = QFrame(self)
        self.filter_bar.setObjectName("filterBar")
        self.search_edit = QLineEdit(self.filter_bar)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(
            theme.glyph_icon("search"), QLineEdit.ActionPosition.LeadingPosition
        )
        self.search_edit.textChanged.connect(lambda _t: self._debounce.start())
        self.search_edit.installEventFilter(self)
        self.search_label = QLabel(self.filter_bar)
        self.search_label.setBuddy(self.search_edit)

        self.status_combo = QComboBox(self.filter_bar)
        self.status_choices = ChoiceModel(self.status_combo)
        self.status_choices.set_choices(
            [("", key, badges.badge_icon(key)) for key in _FILTER_BADGES]
        )
        self.status_combo.setModel(self.status_choices)
        self.village_combo = self._editable_combo()
        self.village_choices = ChoiceModel(self.village_combo)
        self.village_combo.setModel(self.village_choices)
        self.occupation_combo = self._editable_combo()
        self.occupation_choices = ChoiceModel(self.occupation_combo)
        self.occupation_choices.set_choices(
            [(occupation_label(occ.code), occ.code) for occ in load_occupations()]
        )
        self.occupation_combo.setModel(self.occupation_choices)
        for combo in (self.village_combo, self.occupation_combo):
            completer = combo.completer()
            assert completer is not None  # an editable combo has one
            completer.setModel(combo.model())
            completer.setCompletionRole(Qt.ItemDataRole.DisplayRole)
        self.follow_up_check = QCheckBox(self.filter_bar)
        self.clear_button = QPushButton(self.filter_bar)
        self.clear_button.clicked.connect(self.clear_filters)
        self.status_label = QLabel(self.filter_bar)
        self.status_label.setBuddy(self.status_combo)
        self.village_label = QLabel(self.filter_bar)
        self.village_label.setBuddy(self.village_combo)
        self.occupation_label = QLabel(self.filter_bar)
        self.occupation_label.setBuddy(self.occupation_combo)
        for combo in (self.status_combo, self.village_combo, self.occupation_combo):
            combo.currentIndexChanged.connect(self._filters_changed)
        self.follow_up_check.toggled.connect(self._filters_changed)

        bar = QHBoxLayout(self.filter_bar)
        bar.setContentsMargins(12, 8, 12, 8)
        bar.setSpacing(8)
        bar.addWidget(self.search_label)
        bar.addWidget(self.search_edit, 3)
        bar.addSpacing(8)
        for label, widget in (
            (self.status_label, self.status_combo),
            (self.village_label, self.village_combo),
            (self.occupation_label, self.occupation_combo),
        ):
            bar.addWidget(label)
            bar.addWidget(widget, 1)
        bar.addWidget(self.follow_up_check)
        bar.addWidget(self.clear_button)

        self.table = ProspectTable(self.model, self)
        metrics = self.fontMetrics()
        style_list_table(
            self.table, row_height=max(metrics.height() + 14, theme.min_control_height() - 2)
        )
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setStretchLastSection(False)
        for column, key in enumerate(COLUMNS):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if key == "name"
                else QHeaderView.ResizeMode.Interactive
            )
            header.setSectionResizeMode(column, mode)
        header.setSortIndicator(COLUMNS.index("updated"), Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        self.table.open_requested.connect(self.open_current)
        self.table.doubleClicked.connect(lambda _i: self.open_current())
        self.table.delete_requested.connect(self.delete_current)
        self.table.escape_pressed.connect(self.clear_search)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        if theme.touch_enabled():  # (PySide builds QScroller's enums on first use: ~5 ms)
            self.set_touch_scrolling(True)

        self.state_page = QWidget(self)
        self.state_label = QLabel(self.state_page)
        self.state_label.setObjectName("emptyState")
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state_label.setWordWrap(True)
        self.retry_button = QPushButton(self.state_page)
        self.retry_button.clicked.connect(self.retry)
        self.new_button = QPushButton(self.state_page)
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_requested)
        state = QVBoxLayout(self.state_page)
        state.addStretch(1)
        state.addWidget(self.state_label)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.retry_button)
        row.addWidget(self.new_button)
        row.addStretch(1)
        state.addLayout(row)
        state.addStretch(2)

        self.table_stack = QStackedWidget(self)
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.state_page)

        self.side_panel = SidePanel(db_provider, self)
        self.side_panel.edit_requested.connect(self.open_requested)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table_stack)
        self.splitter.addWidget(self.side_panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([1000, 44 * self.fontMetrics().averageCharWidth()])
        restore_splitter("prospect_list", self.splitter)
        self.splitter.splitterMoved.connect(
            lambda *_: save_splitter("prospect_list", self.splitter)
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)

    def set_touch_scrolling(self, on: bool) -> None:
        """Kinetic scrolling with a finger, when the touch mode is on (``theme.touch_enabled``)."""
        if on:
            QScroller.grabGesture(self.table.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        else:
            QScroller.ungrabGesture(self.table.viewport())

    def _load_villages(self) -> None:
        """The branch villages, read off the GUI thread (the region tables take ~0.25 s); asked
        for once the first page is shown, so the DB lane serves that page first."""
        self._villages_requested = True
        regencies = tuple(self._settings().branch_regencies)
        run_in_background(
            lanes.db(),
            lambda: branch_village_choices(regencies),
            on_success=self.village_choices.set_choices,
            on_error=lambda exc: log.error("village list failed", exc_info=exc),
            owner=self,
        )

    def _editable_combo(self) -> QComboBox:
        combo = QComboBox(self.filter_bar)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)
        completer, line_edit = combo.completer(), combo.lineEdit()
        assert completer is not None and line_edit is not None  # made by setEditable(True)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        line_edit.editingFinished.connect(lambda c=combo: self._snap_combo(c))
        return combo

    def _snap_combo(self, combo: QComboBox) -> None:
        """An editable combo keeps only listed values: unknown text goes back to *Semua*."""
        text = combo.currentText()
        index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            index = 0
        if combo.currentIndex() != index:
            combo.setCurrentIndex(index)
        combo.setEditText(combo.itemText(index))

    def retranslate_ui(self) -> None:
        self.search_label.setText(self.tr("&Search"))
        self.search_edit.setPlaceholderText(self.tr("Search name, NIK or mobile…"))
        self.search_edit.setAccessibleName(self.tr("Search"))
        self.status_label.setText(self.tr("St&atus"))
        self.village_label.setText(self.tr("V&illage"))
        self.occupation_label.setText(self.tr("Occ&upation"))
        self.follow_up_check.setText(self.tr("F&ollow-up due"))
        self.follow_up_check.setToolTip(self.tr("Prospects whose follow-up date has come"))
        self.clear_button.setText(self.tr("&Clear filters"))
        for choices in (self.status_choices, self.village_choices, self.occupation_choices):
            choices.set_all_label(self.tr("All"))
        self.status_choices.relabel([badges.badge_label(k) for k in self.status_choices.values()])
        self._refresh_occupations()
        if self.village_combo.isEditable():
            self.village_combo.setEditText(
                self.village_combo.itemText(self.village_combo.currentIndex())
            )
            self.occupation_combo.setEditText(
                self.occupation_combo.itemText(self.occupation_combo.currentIndex())
            )
        self._fit_columns()
        self.retry_button.setText(self.tr("&Retry"))
        self.new_button.setText(self.tr("New &prospect"))
        self.model.retranslate()
        self._update_state()

    def _fit_columns(self) -> None:
        """Column widths from the words they show in this language (never fixed pixels)."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        pad = 2 * metrics.averageCharWidth() + 8
        # The sort arrow: about a line high. (Not the style's PM_HeaderMarkSize: the first call
        # of style() builds PySide's QStyle type with its ~400 enum members, ~13 ms.)
        arrow = metrics.height() + 12
        icon = self.table.iconSize().width() + 8
        samples = {
            "status": [badges.badge_label(k) for k in _FILTER_BADGES],
            "nik": ["337501******9901"],
            "village": ["Kalisalak Wetan"],
            "occupation": ["Pemilik warung / toko"],
            "contribution": ["Rp102.150"],
            "updated": ["26 Nov 2026"],
        }
        for column, key in enumerate(COLUMNS):
            if key == "name":
                continue
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            content = max(metrics.horizontalAdvance(text) for text in samples[key])
            if key == "status":
                content += icon + metrics.averageCharWidth() * 2
            header.resizeSection(
                column, max(content + pad, metrics.horizontalAdvance(title) + pad + arrow)
            )

    def _refresh_occupations(self) -> None:
        """Relabel the occupation filter; rebuild it when the list itself changed (reference
        data from the server), keeping the chosen occupation if it is still there."""
        codes = [occ.code for occ in load_occupations()]
        if codes == self.occupation_choices.values():
            self.occupation_choices.relabel([occupation_label(code) for code in codes])
            return
        combo = self.occupation_combo
        chosen = self.occupation_choices.value_at(combo.currentIndex())
        combo.blockSignals(True)
        self.occupation_choices.set_choices([(occupation_label(c), c) for c in codes])
        combo.setCurrentIndex(codes.index(chosen) + 1 if chosen in codes else 0)
        combo.blockSignals(False)
        if chosen is not None and chosen not in codes:
            combo.currentIndexChanged.emit(0)  # its filter is gone: show everything again

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key == Qt.Key.Key_Escape and self.search_edit.text():
                self.clear_search()
                return True
            if key == Qt.Key.Key_Down and self.model.rowCount() > 0:
                self.table.setFocus()
                if not self.table.currentIndex().isValid():
                    self.table.selectRow(0)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.model.rowCount() > 0:
                self.apply_query()
                return True
        return super().eventFilter(watched, event)

    # -- queries ------------------------------------------------------------------------------

    def current_query(self) -> ListQuery:
        filters = ProspectFilters(
            badge=self.status_choices.value_at(self.status_combo.currentIndex()),
            village_code=self.village_choices.value_at(self.village_combo.currentIndex()),
            occupation=self.occupation_choices.value_at(self.occupation_combo.currentIndex()),
            follow_up_due=self.follow_up_check.isChecked(),
            today=self._today() if self.follow_up_check.isChecked() else None,
        )
        return ListQuery(
            text=self.search_edit.text().strip(), filters=filters, sort=self.model.query.sort
        )

    @Slot()
    def apply_query(self) -> None:
        self._debounce.stop()
        query = self.current_query()
        if query != self.model.query or self._error is not None:
            self._error = None
            self.model.set_query(query)
            self._update_state()

    def show_first_page(self, rows: list[ProspectRow]) -> bool:
        """Show the page read at unlock, if it answers this view's query (the default one)."""
        query = self.current_query()
        if query != ListQuery():
            return False
        self._error = None
        self._paint_first = True
        self.model.seed(query, rows)
        self._update_state()
        return True

    def start(self) -> None:
        """First load after unlock (nothing to load if the first page is already shown)."""
        self._error = None
        query = self.current_query()
        if query != self.model.query or not self.model.rowCount():
            self.model.set_query(query)
        self._update_state()

    @Slot()
    def retry(self) -> None:
        self._error = None
        self.model.refresh()
        self._update_state()

    @Slot()
    def clear_search(self) -> None:
        if self.search_edit.text():
            self.search_edit.clear()
            self.apply_query()

    @Slot()
    def clear_filters(self) -> None:
        for combo in (self.status_combo, self.village_combo, self.occupation_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            if combo.isEditable():
                combo.setEditText(combo.itemText(0))
            combo.blockSignals(False)
        self.follow_up_check.blockSignals(True)
        self.follow_up_check.setChecked(False)
        self.follow_up_check.blockSignals(False)
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self.apply_query()

    @Slot()
    def _filters_changed(self) -> None:
        self.apply_query()

    @Slot(int, Qt.SortOrder)
    def _sort_indicator_changed(self, column: int, _order: Qt.SortOrder) -> None:
        sort = self.model.query.sort
        current = COLUMNS.index("name") if sort.startswith("name") else COLUMNS.index("updated")
        if column != current and COLUMNS[column] not in ("name", "updated"):
            order = (
                Qt.SortOrder.DescendingOrder
                if sort.endswith("desc")
                else Qt.SortOrder.AscendingOrder
            )
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(current, order)
            header.blockSignals(False)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    # -- state --------------------------------------------------------------------------------

    def _filtered(self) -> bool:
        query = self.model.query
        return bool(query.text) or query.filters != ProspectFilters(today=query.filters.today)

    @Slot()
    def _update_state(self) -> None:
        rows = self.model.rowCount()
        if self._error is not None:
            self.state_label.setText(user_message(self._error))
            self._show_state(retry=True)
        elif rows > 0:
            self.table_stack.setCurrentWidget(self.table)
        elif self.model.loading:
            self.state_label.setText(self.tr("Loading…"))
            self._show_state()
        elif self._filtered():
            self.state_label.setText(self.tr("Nothing matches."))
            self._show_state()
        else:
            self.state_label.setText(self.tr("No prospects yet. Press New prospect."))
            self._show_state(new=True)

    def _show_state(self, *, retry: bool = False, new: bool = False) -> None:
        self.retry_button.setVisible(retry)
        self.new_button.setVisible(new)
        self.table_stack.setCurrentWidget(self.state_page)

    @property
    def state_text(self) -> str:
        """What the table area says when it shows no rows ("" when rows are shown)."""
        if self.table_stack.currentWidget() is self.table:
            return ""
        return self.state_label.text()

    @Slot(int)
    def _page_loaded(self, _rows: int) -> None:
        if not self._villages_requested:
            if self._paint_first:
                # The page read at unlock: its paint and then the session opening (queued on
                # the DB lane right after) go first; reading the region tables beside the
                # paint took the GIL from it (~40-90 ms).
                self._villages_requested = True
                QTimer.singleShot(0, self._load_villages)
            else:
                self._load_villages()
        self._update_state()
        if self._selected_id is not None:
            row = self.model.row_of(self._selected_id)
            if row >= 0:
                current = self.table.currentIndex()
                if not current.isValid() or current.row() != row:
                    self.table.selectRow(row)  # the side panel keeps the record it shows
                return
        if self.model.rowCount() > 0 and not self.table.selectionModel().hasSelection():
            if self.search_edit.hasFocus():
                # Still typing: no side-panel load per keystroke; Down or Enter picks a row.
                self.side_panel.show_prospect(None)
            elif self._paint_first:
                # The page read at unlock: painted first, row 0 selected right after.
                QTimer.singleShot(0, self._select_first_row)
            else:
                self.table.selectRow(0)
        self._paint_first = False

    def _select_first_row(self) -> None:
        if self.model.rowCount() > 0 and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    @Slot(object)
    def _load_failed(self, exc: BaseException) -> None:
        if self.model.rowCount() == 0:
            self._error = exc
        self._update_state()

    # -- selection and actions ----------------------------------------------------------------

    def selected_row(self) -> ProspectRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(index.row())

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, *_args: Any) -> None:
        row = self.selected_row()
        if row is None:
            indexes = self.table.selectionModel().selectedRows()
            row = self.model.row_at(indexes[0].row()) if indexes else None
        self._selected_id = row.id if row is not None else None
        self.side_panel.show_prospect(self._selected_id)
        self.selection_changed.emit(row)

    @Slot()
    def open_current(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_requested.emit(row.id)

    @Slot()
    def delete_current(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.delete_requested.emit(row)

    def select_prospect(self, prospect_id: uuid.UUID) -> None:
        self._selected_id = prospect_id
        row = self.model.row_of(prospect_id)
        if row >= 0:
            self.table.selectRow(row)

    def reload_rows(self, ids: list[uuid.UUID]) -> None:
        self.model.reload_rows(ids)
        self.side_panel.refresh()

    def first_index(self) -> QModelIndex:
        return self.model.index(0, 0)
