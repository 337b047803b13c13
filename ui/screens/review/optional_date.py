"""A date field that may stay empty, for the review filters and the export dialog.

``QDateEdit`` always holds a date, so "no date" is its minimum, 01/01/2000 (each caller sets
the special value text shown for it); ``optional_date`` reads it back as ``None``.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

__all__ = ["NO_DATE", "optional_date", "optional_date_edit"]

NO_DATE = QDate(2000, 1, 1)


def optional_date_edit(parent: QWidget) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setMinimumDate(NO_DATE)
    edit.setDate(NO_DATE)
    return edit


def optional_date(edit: QDateEdit) -> date | None:
    value = edit.date()
    return None if value == NO_DATE else date(value.year(), value.month(), value.day())
