"""Small input widgets of the prospect form: rupiah amounts, optional dates, coded pick lists.

- ``RupiahEdit``: digits only, shown with thousands separators as typed (``1.000.000``), the
  cursor staying after the same digit; ``value()`` is an int or ``None``.
- ``OptionalDateEdit``: a ``QDateEdit`` in ``dd/MM/yyyy`` that can also be empty (its minimum
  date stands for "no date" and shows as blank).
- ``CodeCombo``: a non-editable ``QComboBox`` of ``(code, label)`` with an optional empty first
  entry; ``current_code()``/``set_code()``.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QWidget

from core.formatting import thousands

__all__ = ["CodeCombo", "OptionalDateEdit", "RupiahEdit"]

EMPTY_DATE = QDate(1900, 1, 1)
MAX_RUPIAH = 999_999_999_999


class RupiahEdit(QLineEdit):
    """Whole rupiah with ``.`` thousands separators; ``value_changed`` after each edit."""

    value_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.setMaxLength(20)
        self.textEdited.connect(self._reformat)

    def value(self) -> int | None:
        digits = "".join(ch for ch in self.text() if ch.isdigit())
        return int(digits) if digits else None

    def set_value(self, value: int | None) -> None:
        self.setText(thousands(value) if value is not None else "")

    @Slot(str)
    def _reformat(self, text: str) -> None:
        digits_before = sum(ch.isdigit() for ch in text[: self.cursorPosition()])
        digits = "".join(ch for ch in text if ch.isascii() and ch.isdigit()).lstrip("0")
        if not digits and any(ch == "0" for ch in text):
            digits = "0"
        if digits and int(digits) > MAX_RUPIAH:
            digits = digits[: len(str(MAX_RUPIAH))]
        shown = thousands(int(digits)) if digits else ""
        if shown != text:
            self.setText(shown)
            position, seen = 0, 0
            while position < len(shown) and seen < digits_before:
                if shown[position].isdigit():
                    seen += 1
                position += 1
            self.setCursorPosition(position)
        self.value_changed.emit()


class OptionalDateEdit(QDateEdit):
    """``dd/MM/yyyy`` date that may be empty; ``date_value()`` is a ``date`` or ``None``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLocale(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
        self.setDisplayFormat("dd/MM/yyyy")
        self.setCalendarPopup(True)
        self.setMinimumDate(EMPTY_DATE)
        self.setMaximumDate(QDate(2100, 12, 31))
        self.setSpecialValueText(" ")
        self.setDate(EMPTY_DATE)
        self.setCorrectionMode(QDateEdit.CorrectionMode.CorrectToNearestValue)
        self._calendar_start = QDate(1990, 1, 1)

    def date_value(self) -> date | None:
        value = self.date()
        if value == EMPTY_DATE or not value.isValid():
            return None
        return date(value.year(), value.month(), value.day())

    def set_date_value(self, value: date | None) -> None:
        self.setDate(QDate(value.year, value.month, value.day) if value else EMPTY_DATE)

    def set_calendar_start(self, value: date) -> None:
        """Where the calendar pop-up and the first typed key start when the date is empty."""
        self._calendar_start = QDate(value.year, value.month, value.day)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002, N802 - Qt override
        # Tab leaves the field like every other input (QDateEdit would walk its day, month and
        # year parts); typing moves on by itself, and "/" or the arrow keys move between parts.
        return QWidget.focusNextPrevChild(self, next)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # Typing into an empty date starts from a real date, so "15/05/1990" can be typed.
        if self.date() == EMPTY_DATE and event.text().isdigit():
            self.setDate(self._calendar_start)
            self.setCurrentSection(QDateEdit.Section.DaySection)
            self.lineEdit().setSelection(0, 2)
        elif self.date() == EMPTY_DATE and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.setDate(self._calendar_start)
            event.accept()
            return
        super().keyPressEvent(event)


class CodeCombo(QComboBox):
    """Pick one of ``(code, label)``; ``empty`` adds a first entry meaning "not chosen"."""

    code_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, empty: str | None = "") -> None:
        super().__init__(parent)
        self._empty = empty
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.currentIndexChanged.connect(
            lambda _i: self.code_changed.emit(self.current_code() or "")
        )

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        keep = self.current_code()
        self.blockSignals(True)
        self.clear()
        if self._empty is not None:
            self.addItem(self._empty, None)
        for code, label in choices:
            self.addItem(label, code)
        self.blockSignals(False)
        self.set_code(keep, quiet=True)

    def current_code(self) -> str | None:
        code = self.currentData()
        return str(code) if code is not None else None

    def set_code(self, code: str | None, *, quiet: bool = False) -> None:
        index = self.findData(code) if code is not None else (0 if self._empty is not None else -1)
        if index < 0:
            index = 0 if self._empty is not None else -1
        self.blockSignals(quiet)
        self.setCurrentIndex(index)
        self.blockSignals(False)
