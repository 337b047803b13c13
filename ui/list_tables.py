"""The common look and behaviour of the app's read-only record lists (prospects, corrections,
outreach events and follow-ups, the supervisor's batches and records, the coverage table):
whole rows, one at a time unless a list acts on several, never edited in place, alternating row
colours, no grid, no wrapping, no row numbers and a plain header."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QFrame, QTableView

__all__ = ["style_list_table"]


def style_list_table(
    table: QTableView,
    *,
    row_height: int | None,
    selection: QAbstractItemView.SelectionMode = QAbstractItemView.SelectionMode.SingleSelection,
) -> None:
    """``row_height`` None keeps the style's; ``selection`` for a list with actions on several
    rows at once (the review's records)."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(selection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setFrameShape(QFrame.Shape.NoFrame)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    if row_height is not None:
        table.verticalHeader().setDefaultSectionSize(row_height)
    table.horizontalHeader().setHighlightSections(False)
