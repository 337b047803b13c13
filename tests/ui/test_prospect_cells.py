"""The prospect list's own cell painter looks like the standard delegate and skips data()."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from models.prospect_rows import ProspectRow
from ui.list_tables import style_list_table
from ui.prospect_cells import ProspectCellDelegate
from ui.screens.prospect_list import ProspectTable
from ui.table_models.prospects import COLUMNS, ListQuery, ProspectTableModel

pytestmark = pytest.mark.gui

BADGES = (
    "draft",
    "queued",
    "received",
    "approved",
    "returned",
    "withdrawn",
    "rejected",
    "conflict",
)
LONG_NAME = "Siti Nurhaliza binti Abdullah Rahman Kusumawardhani Prawirodirdjo"
AMOUNT = COLUMNS.index("contribution")


def _rows(count: int) -> list[ProspectRow]:
    return [
        ProspectRow(
            id=uuid.UUID(int=i + 1),
            badge=BADGES[i % len(BADGES)],  # bold (returned), muted (withdrawn), every icon
            status="prospect",
            full_name=LONG_NAME if i % 7 == 3 else f"Budi Santoso {i}",  # elided
            nik=f"33261{i:011d}",
            mobile=None,
            village_code="3326010001",
            village_name="Kedungwuni Timur" if i % 2 else "Pekajangan",
            occupation_1="pedagang" if i % 3 else None,
            monthly_contribution=16_800 + i * 1_000 if i % 4 else None,  # right-aligned
            review_state=None,
            flags=(),
            printed_count=2 if i % 5 == 0 else 0,  # the printer glyph by the name
            next_follow_up=None,
            outreach_event_id=None,
            revision=1,
            updated_at=datetime(2026, 11, 20, 3, i, tzinfo=UTC),
            key=(),
        )
        for i in range(count)
    ]


class _CountingModel(ProspectTableModel):
    def __init__(self) -> None:
        super().__init__(lambda: None, today=lambda: date(2026, 11, 26))
        self.calls = 0

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        self.calls += 1
        return super().data(index, role)


def _table(
    qtbot: Any, model: ProspectTableModel, *, fast: bool, icon: int | None = None
) -> ProspectTable:
    table = ProspectTable(model)
    if icon is not None:
        table.setIconSize(QSize(icon, icon))
    if not fast:
        table.cells = None
        table.setItemDelegate(QStyledItemDelegate(table))  # what a QTableView paints with
    qtbot.addWidget(table)
    style_list_table(table, row_height=table.fontMetrics().height() + 14)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.resize(900, 500)
    table.show()
    qtbot.waitExposed(table)
    table.selectRow(2)
    return table


def _image(table: ProspectTable) -> QImage:
    return table.viewport().grab().toImage()


def _differences(a: QImage, b: QImage) -> list[tuple[int, int]]:
    assert (a.width(), a.height()) == (b.width(), b.height())
    return [
        (x, y)
        for y in range(a.height())
        for x in range(a.width())
        if a.pixel(x, y) != b.pixel(x, y)
    ]


def _ink_columns(image: QImage, left: int, right: int, top: int, bottom: int) -> list[int]:
    """The x of every pixel column in the box holding a dark (text) pixel."""
    return [
        x
        for x in range(left, right)
        if any((image.pixel(x, y) & 0xFF) < 0x90 for y in range(top, bottom))
    ]


@pytest.mark.parametrize("icon", [None, 24])
def test_cells_look_as_the_standard_delegate_draws_them(qtbot, jangkau_qapp, icon):
    model = ProspectTableModel(lambda: None, today=lambda: date(2026, 11, 26))
    model.seed(ListQuery(), _rows(30))
    standard = _image(_table(qtbot, model, fast=False, icon=icon))
    table = _table(qtbot, model, fast=True, icon=icon)
    assert isinstance(table.itemDelegate(), ProspectCellDelegate)
    ours = _image(table)
    amount = table.horizontalHeader()
    left = amount.sectionViewportPosition(AMOUNT)
    right = left + amount.sectionSize(AMOUNT)
    # Everything but the right-aligned amounts is identical to the pixel: badges and their
    # selected variants, the printer glyph, bold, muted and selected text, "…" on long names.
    different = _differences(standard, ours)
    assert [(x, y) for x, y in different if not left <= x < right] == []
    # The amounts start at a fraction of a pixel in the standard delegate (its glyphs are
    # antialiased differently), but each one covers the same pixel columns within one pixel.
    height = table.rowHeight(0)
    for row in range(model.rowCount()):
        top = table.rowViewportPosition(row)
        if top + height > ours.height():
            break
        a = _ink_columns(standard, left, right, top, top + height)
        b = _ink_columns(ours, left, right, top, top + height)
        assert bool(a) == bool(b), row
        if a:
            assert abs(a[0] - b[0]) <= 1 and abs(a[-1] - b[-1]) <= 1, row


def test_the_focused_cell_keeps_the_styles_focus_frame(qtbot, jangkau_qapp):
    model = ProspectTableModel(lambda: None, today=lambda: date(2026, 11, 26))
    model.seed(ListQuery(), _rows(30))
    images = []
    for fast in (False, True):
        table = _table(qtbot, model, fast=fast)
        table.activateWindow()
        table.setFocus()
        qtbot.waitUntil(table.hasFocus)
        table.setCurrentIndex(model.index(2, 1))
        images.append(_image(table))
        table.hide()
    header = table.horizontalHeader()
    left = header.sectionViewportPosition(AMOUNT)
    right = left + header.sectionSize(AMOUNT)
    different = [(x, y) for x, y in _differences(*images) if not left <= x < right]
    assert different == []


def test_a_repaint_reads_no_roles_through_data(qtbot, jangkau_qapp):
    """The point of the painter: no call from C++ into data() per role of every cell."""
    model = _CountingModel()
    model.seed(ListQuery(), _rows(40))
    standard = _table(qtbot, model, fast=False)
    model.calls = 0
    standard.viewport().grab()
    assert model.calls > 7 * 10  # the standard delegate: ~7 roles of each visible cell
    standard.hide()
    table = _table(qtbot, model, fast=True)
    table.viewport().grab()
    model.calls = 0
    image = table.viewport().grab().toImage()
    assert model.calls == 0
    name = table.horizontalHeader().sectionViewportPosition(COLUMNS.index("name"))
    assert _ink_columns(image, name, name + 60, 0, table.rowHeight(0))  # it did paint the names


def test_rows_not_loaded_fall_back_to_the_standard_painting(qtbot, jangkau_qapp):
    model = ProspectTableModel(lambda: None, today=lambda: date(2026, 11, 26))
    table = _table(qtbot, model, fast=True)
    delegate = table.cells
    assert delegate is not None
    delegate.begin_paint()
    image = QImage(100, 30, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    try:
        delegate.paint(painter, QStyleOptionViewItem(), QModelIndex())  # no row: no error
    finally:
        painter.end()


def test_rows_formatted_before_are_not_formatted_again(jangkau_qapp):
    days = [date(2026, 11, 20)]
    model = ProspectTableModel(lambda: None, today=lambda: days[0])
    rows = _rows(3)
    model.seed(ListQuery(), rows)
    first = model.cells(0)
    assert first[COLUMNS.index("updated")] == "10.00"  # 03:00 UTC today: a time (WIB)
    model.seed(ListQuery(text="budi"), list(reversed(rows)))  # another query, same rows
    assert model.cells(2) is first
    changed = replace(rows[0], badge="approved")  # a changed row is another key
    model.seed(ListQuery(), [changed, *rows[1:]])
    assert model.cells(0)[COLUMNS.index("status")] == "Disetujui"
    assert model.cells(0) is not first
    days[0] = date(2026, 11, 21)  # after midnight the same row shows its date
    model.seed(ListQuery(), rows)
    assert model.cells(0)[COLUMNS.index("updated")] == "20 Nov 2026"
