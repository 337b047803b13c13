"""The banner row under the editor's header (UI.md §3.4): duplicates, returned notes, failed
saves, crash recovery, read-only records.

Each banner has a kind (``error`` ✕, ``warning`` !, ``info`` i, ``note``) shown by an icon and a
tint, a sentence and optional action buttons ("Buka data itu", "Lanjutkan", "Buang"). Banners are
keyed, so the editor can replace or remove one without touching the others.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.screens.editor.field_marker import (
    ERROR_ICON,
    ERROR_TEXT,
    ERROR_TINT,
    INFO_TEXT,
    INFO_TINT,
    WARNING_ICON,
    WARNING_TEXT,
    WARNING_TINT,
)

__all__ = ["Banner", "BannerArea"]

_STYLE = {
    "error": (ERROR_ICON, ERROR_TEXT, ERROR_TINT),
    "warning": (WARNING_ICON, WARNING_TEXT, WARNING_TINT),
    "info": ("i", INFO_TEXT, INFO_TINT),
    "note": ("\u270e", WARNING_TEXT, WARNING_TINT),  # ✎ supervisor note
}


class Banner(QFrame):
    def __init__(
        self,
        kind: str,
        text: str,
        actions: Sequence[tuple[str, Callable[[], None]]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        icon_text, ink, tint = _STYLE.get(kind, _STYLE["info"])
        self.setObjectName("banner")
        self.setStyleSheet(
            f"QFrame#banner {{ background: {tint}; border-radius: 4px; }}"
            f"QFrame#banner QLabel {{ color: {ink}; }}"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 6, 4)
        row.setSpacing(8)
        self.icon_label = QLabel(icon_text, self)
        font = self.icon_label.font()
        font.setBold(True)
        self.icon_label.setFont(font)
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text_label = QLabel(text, self)
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.icon_label, 0)
        row.addWidget(self.text_label, 1)
        self.buttons: list[QPushButton] = []
        for label, callback in actions:
            button = QPushButton(label, self)
            button.clicked.connect(lambda _checked=False, cb=callback: cb())
            row.addWidget(button, 0)
            self.buttons.append(button)
        self.setAccessibleName(text)

    def text(self) -> str:
        return self.text_label.text()


class BannerArea(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._banners: dict[str, Banner] = {}
        self.setVisible(False)

    def show_banner(
        self,
        key: str,
        kind: str,
        text: str,
        actions: Sequence[tuple[str, Callable[[], None]]] = (),
    ) -> Banner:
        old = self._banners.get(key)
        if (
            old is not None
            and old.kind == kind
            and old.text() == text
            and len(old.buttons) == len(actions)
        ):
            return old
        banner = Banner(kind, text, actions, self)
        if old is not None:
            self._layout.replaceWidget(old, banner)
            old.hide()
            old.deleteLater()
        else:
            self._layout.addWidget(banner)
        self._banners[key] = banner
        self.setVisible(True)
        return banner

    def hide_banner(self, key: str) -> None:
        banner = self._banners.pop(key, None)
        if banner is not None:
            self._layout.removeWidget(banner)
            banner.hide()
            banner.deleteLater()
        self.setVisible(bool(self._banners))

    def banner(self, key: str) -> Banner | None:
        return self._banners.get(key)

    def keys(self) -> list[str]:
        return list(self._banners)
