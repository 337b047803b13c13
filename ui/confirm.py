"""A question before an action that changes or loses data (UI.md: confirmation where data could
be lost): a window-modal box whose safe answer is the default and the Escape key.

``ask`` keeps the open box as ``holder.active_dialog`` (the window, the review workspace or a
screen, which tests and the lock read) until it closes, and runs ``on_yes`` only for the
*yes* button.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

__all__ = ["ask"]


def ask(
    parent: QWidget,
    *,
    title: str,
    text: str,
    yes: str,
    no: str,
    on_yes: Callable[[], object],
    holder: Any = None,
    yes_role: QMessageBox.ButtonRole = QMessageBox.ButtonRole.DestructiveRole,
) -> QMessageBox:
    """Open the question; *no* (``RejectRole``) is the default and the Escape answer."""
    holder = parent if holder is None else holder
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    yes_button = box.addButton(yes, yes_role)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished(_result: int) -> None:
        holder.active_dialog = None
        if box.clickedButton() is yes_button:
            on_yes()

    box.finished.connect(finished)
    holder.active_dialog = box
    box.open()
    return box
