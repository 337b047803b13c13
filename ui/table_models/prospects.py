"""The prospect list as a lazy table model: 256-row keyset pages loaded on the DB lane.

``set_query`` starts a new search (text, filters, sort); the model resets once, when its first
page arrives (the rows shown until then stay, so typing never blanks the table); the view's scrolling
then calls ``fetchMore``, which loads the next page through ``run_in_background`` (STYLE.md §4) and
reports ``canFetchMore() == False`` while a page is in flight. Results of an outdated query are
dropped by a generation counter, and a new query stops a read of the old one still running on
the lane (``models.interrupt``). The status bar shows ``count(*)`` (``total_changed``), counted
once typing pauses, because the scrollbar only reflects the rows loaded so far.
``reload_rows(ids)`` refreshes what is loaded after a save or a pulled sync page without losing
the scroll position when the order is unchanged.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QFont, QIcon

from core import formatting, lanes
from core.errors import Cancelled
from models.interrupt import Interruptible
from models.prospect_rows import FIRST_PAGE, ProspectFilters, ProspectRow
from models.rules.nik import mask_nik
from models.rules.occupations import occupation
from ui import badges, theme
from ui.tasks import run_in_background
from ui.translations import current_language

log = logging.getLogger(__name__)

__all__ = [
    "COLUMNS",
    "FIRST_PAGE",
    "PAGE_SIZE",
    "ROW_ID_ROLE",
    "ROW_ROLE",
    "MUTED",
    "RIGHT_ALIGNED",
    "ListQuery",
    "ProspectTableModel",
    "decoration",
    "is_bold",
    "is_muted",
]

PAGE_SIZE = 256
COUNT_DELAY_MS = 300
FORMATTED_ROWS = 5000  # formatted rows kept across queries; the set starts over past it
COLUMNS = ("status", "name", "nik", "village", "occupation", "contribution", "updated")
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
_SORTABLE = {"name": "name", "updated": "updated"}
_Index = QModelIndex | QPersistentModelIndex
# data() runs for every role of every visible cell on each paint (~1,000 calls): roles as plain
# ints, compared without going through the enum types each time.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ROW_ID = int(ROW_ID_ROLE)
_ROW = int(ROW_ROLE)
_STATUS, _NAME, _CONTRIBUTION = (COLUMNS.index(c) for c in ("status", "name", "contribution"))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
MUTED = "#5A5F66"  # the text of withdrawn rows
RIGHT_ALIGNED = frozenset({_CONTRIBUTION})


@dataclass(frozen=True, slots=True)
class ListQuery:
    text: str = ""
    filters: ProspectFilters = ProspectFilters()
    sort: str = "updated_desc"


def decoration(row: ProspectRow, column: int) -> QIcon | None:
    """The icon of a cell: the badge in the status column, a printer by the name of a row whose
    form was printed (UI.md §3.5)."""
    if column == _STATUS:
        return badges.badge_icon(row.badge)
    if column == _NAME and row.printed_count:
        return theme.glyph_icon("print")
    return None


def is_bold(row: ProspectRow, column: int) -> bool:
    """A record returned for correction shows its status in bold: it is on the agent's to-do."""
    return column == _STATUS and row.badge == "returned"


def is_muted(row: ProspectRow) -> bool:
    return row.badge == "withdrawn"


def occupation_label(code: str | None) -> str:
    if not code:
        return ""
    occ = occupation(code)
    if occ is None:
        return code
    return occ.label_id if current_language() == "id" else occ.label_en


class ProspectTableModel(QAbstractTableModel):
    """Lazy, searchable prospect rows; data() only formats what is already loaded."""

    loading_changed = Signal(bool)
    total_changed = Signal(int)
    page_loaded = Signal(int)  # rows now loaded
    load_failed = Signal(object)

    def __init__(
        self,
        db_provider: Callable[[], Any],
        *,
        today: Callable[[], date] = date.today,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._db = db_provider
        self._today = today
        self._rows: list[ProspectRow] = []
        self._cells: list[tuple[str, ...] | None] = []  # display texts per loaded row, on demand
        # The texts of rows formatted before, across queries: typing on narrows a search to
        # much the same rows. A row that changed is another key (the rows are frozen values).
        self._formatted: dict[ProspectRow, tuple[str, ...]] = {}
        self._formatted_day: date | None = None
        self._index: dict[uuid.UUID, int] = {}
        self._query = ListQuery()
        self._generation = 0
        self._loading = False
        self._done = True
        self._replace = False  # the next page starts a new query's rows
        self._total: int | None = None
        self._headers: list[str] = []
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._load_count)
        self._reading = Interruptible()  # a read for the old query stops for the new one
        self.retranslate()

    # -- public API ---------------------------------------------------------------------------

    @property
    def query(self) -> ListQuery:
        return self._query

    @property
    def total(self) -> int | None:
        return self._total

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def loaded_rows(self) -> int:
        return len(self._rows)

    def set_query(self, query: ListQuery) -> None:
        """Start over with a new search, filter or sort (a new query; a proxy sees only pages)."""
        if query.filters.follow_up_due and query.filters.today is None:
            query = replace(query, filters=replace(query.filters, today=self._today()))
        self._query = query
        self.refresh()

    def seed(self, query: ListQuery, rows: list[ProspectRow]) -> None:
        """Show ``rows`` (read at unlock, ``models.first_page``) as the first page of ``query``.

        The count and the following pages load as usual; they queue on the DB lane behind the
        session that is opening."""
        self._generation += 1
        self._query = query
        self._replace = True
        self._total = None
        self._count_timer.stop()
        self._append(self._generation, rows, FIRST_PAGE)

    def refresh(self) -> None:
        """Load the first page and the count again; the rows shown stay until it arrives.

        One reset per query, when its first page is here: typing does not blank the table (and
        flip the view to "Memuat…") between keystrokes. ``loading`` is true until then, and
        ``canFetchMore()`` false, so nothing pages on from the outdated rows."""
        self._generation += 1
        self._done = False
        self._replace = True
        self._total = None
        self._count_timer.stop()
        self._reading.interrupt()  # the old query's count or page would hold the DB lane
        self._set_loading(True)
        self._request_page(after=None, limit=FIRST_PAGE)

    def _reset_rows(self, rows: list[ProspectRow], *, done: bool) -> None:
        today = self._today()
        if today != self._formatted_day:  # "Diubah" shows a time for today's changes only
            self._formatted_day = today
            self._formatted.clear()
        self.beginResetModel()
        self._rows = list(rows)
        self._cells = [None] * len(self._rows)
        self._index = {r.id: i for i, r in enumerate(self._rows)}
        self._done = done
        self._replace = False
        # Loading ends *before* the reset ends: a view that reacts to the reset with
        # fetchMore() pages on from these rows, not from the outdated ones.
        self._loading = False
        self.endResetModel()

    def row_at(self, row: int) -> ProspectRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, prospect_id: uuid.UUID) -> int:
        return self._index.get(prospect_id, -1)

    def reload_rows(self, ids: Iterable[uuid.UUID]) -> None:
        """Re-read the loaded window after ``ids`` changed; keeps scroll and order when it can."""
        wanted = set(ids)
        if not wanted:
            return
        generation = self._generation
        limit = max(len(self._rows), FIRST_PAGE)
        query = self._query
        run_in_background(
            lanes.db(),
            lambda: self._read(query, after=None, limit=limit),
            on_success=lambda result: self._apply_reload(generation, result, limit),
            on_error=self._failed,
            owner=self,
        )
        self._count_timer.start()

    # -- Qt model API -------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._done and not self._loading

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._done or self._loading:
            return
        self._load_page(after=self._rows[-1].key if self._rows else None)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[section] == "contribution":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        number = index.row()
        if not 0 <= number < len(self._rows) or not index.isValid():
            return None
        role = int(role)
        column = index.column()
        if role == _DISPLAY:
            return self.cells(number)[column]
        row = self._rows[number]
        if role == _DECORATION:
            return decoration(row, column)
        if role == _ALIGNMENT:
            return _RIGHT if column in RIGHT_ALIGNED else None
        if role == _FONT:
            if is_bold(row, column):
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == _FOREGROUND:
            return QColor(MUTED) if is_muted(row) else None
        if role == _TOOLTIP:
            if column == _STATUS:
                return badges.badge_tooltip(row.badge)
            if column == _NAME and row.printed_count:
                return self._printed_text(row)
            return self.cells(number)[column] or None
        if role == _ACCESSIBLE:
            if column == _NAME and row.printed_count:
                return self._printed_text(row)
            return self.cells(number)[column]
        if role == _ROW_ID:
            return row.id
        if role == _ROW:
            return row
        return None

    def cells(self, number: int) -> tuple[str, ...]:
        """The display texts of loaded row ``number``, one per column (formatted once)."""
        cells = self._cells[number]
        if cells is None:
            row = self._rows[number]
            cells = self._formatted.get(row)
            if cells is None:
                cells = tuple(self._display(row, column) for column in COLUMNS)
                if len(self._formatted) >= FORMATTED_ROWS:
                    self._formatted.clear()
                self._formatted[row] = cells
            self._cells[number] = cells
        return cells

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = _SORTABLE.get(COLUMNS[column]) if 0 <= column < len(COLUMNS) else None
        if key is None:
            return
        ascending = order == Qt.SortOrder.AscendingOrder
        sort = f"{key}_{'asc' if ascending else 'desc'}"
        if sort != self._query.sort:
            self.set_query(replace(self._query, sort=sort))

    def retranslate(self) -> None:
        self._headers = [
            self.tr("Status"),
            self.tr("Name"),
            self.tr("NIK"),
            self.tr("Village"),
            self.tr("Occupation"),
            self.tr("Contribution/month"),
            self.tr("Modified"),
        ]
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self._cells = [None] * len(self._rows)  # badge and occupation labels, dates: new language
        self._formatted.clear()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1)
            )

    # -- formatting -----------------------------------------------------------------------------

    def _printed_text(self, row: ProspectRow) -> str:
        return self.tr("{name} · form printed %n time(s)", "", row.printed_count).format(
            name=row.full_name
        )

    def _display(self, row: ProspectRow, column: str) -> str:
        match column:
            case "status":
                return badges.badge_label(row.badge)
            case "name":
                return row.full_name
            case "nik":
                return mask_nik(row.nik) if row.nik else ""
            case "village":
                return row.village_name or ""
            case "occupation":
                return occupation_label(row.occupation_1)
            case "contribution":
                amount = row.monthly_contribution
                return formatting.rupiah(amount) if amount is not None else ""
            case "updated":
                local = formatting.to_wib(row.updated_at)
                if local.date() == self._today():
                    return formatting.time_wib(row.updated_at)
                return formatting.date_medium(local.date())
        return ""

    # -- loading ------------------------------------------------------------------------------

    def _read(self, query: ListQuery, *, after: Any, limit: int) -> list[ProspectRow]:
        from models.repositories import search

        db = self._db()
        with db.read_scope() as session, self._reading.running(session):
            return search.page(
                session,
                query=query.text,
                filters=query.filters,
                after=after,
                limit=limit,
                sort=query.sort,
            )

    def _count(self, query: ListQuery) -> int:
        from models.repositories import search

        with self._db().read_scope() as session, self._reading.running(session):
            return search.count(session, query=query.text, filters=query.filters)

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    def _load_page(self, *, after: Any) -> None:
        self._set_loading(True)
        self._request_page(after=after, limit=PAGE_SIZE)

    def _request_page(self, *, after: Any, limit: int) -> None:
        generation, query = self._generation, self._query

        def job() -> list[ProspectRow] | None:
            if generation != self._generation:
                return None  # typed on meanwhile: a newer query is queued behind this one
            return self._read(query, after=after, limit=limit)

        run_in_background(
            lanes.db(),
            job,
            on_success=lambda rows: self._append(generation, rows, limit),
            on_error=lambda exc: self._page_failed(generation, exc),
            owner=self,
        )

    @Slot()
    def _load_count(self) -> None:
        generation, query = self._generation, self._query

        def job() -> int | None:
            return None if generation != self._generation else self._count(query)

        run_in_background(
            lanes.db(),
            job,
            on_success=lambda total: self._apply_total(generation, total),
            on_error=self._failed,
            owner=self,
        )

    def _append(self, generation: int, rows: list[ProspectRow] | None, limit: int) -> None:
        if generation != self._generation or rows is None:
            return
        fetched = len(rows)
        first = self._replace
        if first:
            self._reset_rows(rows, done=fetched < limit)
            self.loading_changed.emit(False)
            rows = []
        rows = [r for r in rows if r.id not in self._index]  # a row that moved is shown once
        if rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            for offset, row in enumerate(rows):
                self._index[row.id] = start + offset
            self._rows.extend(rows)
            self._cells.extend([None] * len(rows))
            self.endInsertRows()
        self._done = fetched < limit
        self._set_loading(False)
        if first and self._done:
            self._apply_total(generation, len(self._rows))  # everything is here: that is the count
        elif first:
            self._count_timer.start()  # only once typing pauses
        self.page_loaded.emit(len(self._rows))

    def _apply_total(self, generation: int, total: int | None) -> None:
        if total is None:
            return
        if generation == self._generation and total != self._total:
            self._total = total
            self.total_changed.emit(total)

    def _apply_reload(self, generation: int, rows: list[ProspectRow], limit: int) -> None:
        if generation != self._generation:
            return
        old_ids = [r.id for r in self._rows]
        if len(rows) == len(old_ids) and [r.id for r in rows] == old_ids:
            self._rows = list(rows)
            self._cells = [None] * len(rows)
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(COLUMNS) - 1))
        elif len(rows) == len(old_ids):
            self.layoutAboutToBeChanged.emit()
            persistent = self.persistentIndexList()
            before = [old_ids[p.row()] if 0 <= p.row() < len(old_ids) else None for p in persistent]
            self._rows = list(rows)
            self._cells = [None] * len(rows)
            self._index = {r.id: i for i, r in enumerate(self._rows)}
            for p, rid in zip(persistent, before, strict=True):
                new_row = self._index.get(rid, -1) if rid is not None else -1
                self.changePersistentIndex(
                    p, self.index(new_row, p.column()) if new_row >= 0 else QModelIndex()
                )
            self.layoutChanged.emit()
        else:
            self.beginResetModel()
            self._rows = list(rows)
            self._cells = [None] * len(rows)
            self._index = {r.id: i for i, r in enumerate(self._rows)}
            self.endResetModel()
        self._done = len(rows) < limit
        self.page_loaded.emit(len(self._rows))

    def _page_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        if self._replace:
            self._reset_rows([], done=True)  # the outdated rows go: the view offers Retry
            self.loading_changed.emit(False)
        self._done = True  # stop fetchMore loops; the view offers Retry
        self._set_loading(False)
        self._failed(exc)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            return  # a read for a query that is no longer shown (refresh stopped it)
        log.error("prospect list query failed", exc_info=exc)
        self.load_failed.emit(exc)
