"""The common look and behaviour of the app's read-only record lists (prospects, corrections,
outreach events and follow-ups): whole rows, one at a time, never edited in place, alternating
row colours, no grid, no wrapping, no row numbers and a plain header."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QFrame, QTableView

__all__ = ["style_list_table"]


def style_list_table(table: QTableView, *, row_height: int) -> None:
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setFrameShape(QFrame.Shape.NoFrame)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(row_height)
    table.horizontalHeader().setHighlightSections(False)
