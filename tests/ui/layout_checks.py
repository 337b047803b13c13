"""Helpers of the layout tests: fit, truncation and mnemonic checks over the visible widgets."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QGroupBox,
    QLabel,
    QMenuBar,
    QTabBar,
    QWidget,
)

_MNEMONIC = re.compile(r"&(?!&)(\w)")


def visible_widgets(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if w.isVisibleTo(root) and w.isVisible()]


def mnemonic_of(text: str) -> str | None:
    match = _MNEMONIC.search(text.replace("&&", ""))
    return match.group(1).casefold() if match else None


def mnemonics(root: QWidget) -> dict[str, list[str]]:
    """Mnemonic letter → texts that use it, over everything the user can reach now."""
    found: dict[str, list[str]] = {}

    def add(text: str) -> None:
        letter = mnemonic_of(text)
        if letter:
            found.setdefault(letter, []).append(text)

    for widget in visible_widgets(root):
        if isinstance(widget, QLabel) and widget.buddy() is not None:
            add(widget.text())
        elif isinstance(widget, QAbstractButton) and not isinstance(widget.parent(), QTabBar):
            add(widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget.title())
        elif isinstance(widget, QMenuBar):
            for action in widget.actions():
                if action.isVisible():
                    add(action.text())
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                add(widget.tabText(i))
    return found


def duplicate_mnemonics(root: QWidget) -> dict[str, list[str]]:
    return {k: v for k, v in mnemonics(root).items() if len(v) > 1}


def truncated(root: QWidget) -> list[str]:
    """Labels and buttons narrower (or lower) than their size hint: their text would be cut."""
    problems = []
    for widget in visible_widgets(root):
        if isinstance(widget, QLabel):
            if (
                widget.wordWrap()
                or not widget.text()
                or widget.pixmap() is not None
                and not widget.pixmap().isNull()
            ):
                continue
            hint = widget.sizeHint()
        elif isinstance(widget, QAbstractButton) and widget.text():
            hint = widget.sizeHint()
        else:
            continue
        if widget.width() < hint.width() or widget.height() < hint.height():
            problems.append(
                f"{type(widget).__name__} {widget.text()!r}: {widget.width()}x{widget.height()} "
                f"< {hint.width()}x{hint.height()}"
            )
    return problems


def vertical_scrollbars(root: QWidget) -> list[str]:
    """Scroll areas (not item views, whose rows scroll by nature) that show a vertical bar."""
    found = []
    for widget in visible_widgets(root):
        if isinstance(widget, QAbstractScrollArea) and not isinstance(widget, QAbstractItemView):
            bar = widget.verticalScrollBar()
            if bar.isVisible() and bar.maximum() > 0:
                found.append(type(widget).__name__ + ":" + widget.objectName())
    return found


def fits(widget: Any, width: int, height: int) -> bool:
    hint = widget.minimumSizeHint()
    return hint.width() <= width and hint.height() <= height
