"""A pick list one can type into: ``FilterCombo`` (UI.md §3.4 "type to filter").

An editable ``QComboBox`` whose completer pops up every item *containing* the typed text (not only
those starting with it), case-insensitively. When the agent leaves the box, the typed text is
resolved to an item: an exact name, then the only item containing it, then an optional fuzzy
matcher (village names are spelled many ways). Text that matches nothing stays visible so nothing
typed is lost, and ``current_code()`` is ``None`` until it is fixed. The item data is the code
(region code, occupation code …); the visible text is the name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QWidget

__all__ = ["FilterCombo"]

CODE_ROLE = Qt.ItemDataRole.UserRole


class FilterCombo(QComboBox):
    """Editable combo: ``code_changed(code or "")`` fires when the chosen item changes."""

    code_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, placeholder: str = "") -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(14)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)
        completer = QCompleter(self.model(), self)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        self.line_edit().setPlaceholderText(placeholder)
        self._fuzzy: Callable[[str], str | None] | None = None
        self._last_code: str | None = None
        self.currentIndexChanged.connect(self._index_changed)
        self.line_edit().editingFinished.connect(self.resolve_text)

    def line_edit(self) -> QLineEdit:
        """``lineEdit()``, never ``None``: a ``FilterCombo`` is editable from ``__init__`` on."""
        edit = self.lineEdit()
        assert edit is not None
        return edit

    # -- content ---------------------------------------------------------------------------
    def set_items(self, items: Sequence[tuple[str, str]], *, keep: bool = True) -> None:
        """Replace the items with ``(code, name)`` pairs; keeps the chosen code if still there."""
        previous = self.current_code() if keep else None
        self.blockSignals(True)
        self.clear()
        for code, name in items:
            self.addItem(name, code)
        self.setCurrentIndex(-1)
        self.line_edit().clear()
        self.blockSignals(False)
        if previous is not None and self.findData(previous) >= 0:
            self.set_code(previous, quiet=True)
        else:
            self._announce()

    def set_fuzzy_matcher(self, matcher: Callable[[str], str | None] | None) -> None:
        """``matcher(text) -> code`` used when the typed text matches no name."""
        self._fuzzy = matcher

    def current_code(self) -> str | None:
        index = self.currentIndex()
        if index < 0 or self.itemText(index) != self.currentText():
            return None
        code = self.itemData(index, CODE_ROLE)
        return str(code) if code is not None else None

    def typed_text(self) -> str:
        return self.currentText().strip()

    def set_code(self, code: str | None, *, quiet: bool = False) -> bool:
        index = self.findData(code) if code else -1
        self.blockSignals(quiet)
        if index >= 0:
            self.setCurrentIndex(index)
            self.setEditText(self.itemText(index))
        else:
            self.setCurrentIndex(-1)
            self.setEditText("")
        self.blockSignals(False)
        if quiet:
            self._last_code = self.current_code()
        else:
            self._announce()
        return index >= 0

    def set_text(self, text: str) -> None:
        """Put typed text back (restoring a draft whose text matched nothing)."""
        self.setEditText(text)
        self.resolve_text()

    # -- resolving typed text --------------------------------------------------------------
    @Slot()
    def resolve_text(self) -> None:
        text = self.typed_text()
        if not text:
            if self.currentIndex() >= 0:
                self.setCurrentIndex(-1)
            self._announce()
            return
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)  # case-insensitive
        if index < 0:
            folded = text.casefold()
            hits = [i for i in range(self.count()) if folded in self.itemText(i).casefold()]
            if len(hits) == 1:
                index = hits[0]
        if index < 0 and self._fuzzy is not None:
            code = self._fuzzy(text)
            index = self.findData(code) if code else -1
        if index >= 0:
            if index != self.currentIndex():
                self.setCurrentIndex(index)
            self.setEditText(self.itemText(index))
        self._announce()

    @Slot(int)
    def _index_changed(self, _index: int) -> None:
        self._announce()

    def _announce(self) -> None:
        code = self.current_code()
        if code != self._last_code:
            self._last_code = code
            self.code_changed.emit(code or "")

    def event(self, event: QEvent) -> bool:
        # Tab while the completer list is open reaches us from the list: close it and take
        # the typed text before focus moves on.
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                self._close_popup()
                self.resolve_text()
        return super().event(event)

    def _close_popup(self) -> None:
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        if popup is not None and popup.isVisible():
            popup.hide()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self._close_popup()
            self.resolve_text()
        super().focusOutEvent(event)
