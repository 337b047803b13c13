"""The always-visible status (UI.md §1.9, §2): connection, unsent, last success, to-do, total.

It follows the ``SyncController`` signals and the list model's total; it never asks the store
itself. Every part is a label with text (an icon alone would not do), and the connection state
carries a small shape as well as a word.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStatusBar, QWidget

from core import formatting
from ui import badges
from ui.sync_controller import (
    STATE_CAPTIVE,
    STATE_NOT_ENROLLED,
    STATE_OFFLINE,
    STATE_ONLINE,
    STATE_REVOKED,
    STATE_SYNCING,
)

__all__ = ["JangkauStatusBar"]

_STATE_ICON = {
    STATE_ONLINE: "approved",
    STATE_SYNCING: "sending",
    STATE_OFFLINE: "draft",
    STATE_NOT_ENROLLED: "draft",
    STATE_CAPTIVE: "conflict",
    STATE_REVOKED: "rejected",
}


def _separator(parent: QWidget) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.VLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


_UNKNOWN = "…"


class JangkauStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        # None: not read yet for this session (the list can be on screen before the counts
        # and the enrollment are read); shown as "…", never as a false 0 or "Belum terdaftar".
        self._state: str | None = STATE_NOT_ENROLLED
        self._counts: dict[str, int] | None = {}
        self._last: datetime | None = None
        self._last_known = True
        self._total: int | None = None
        self._today = date.today
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(8, 2, 8, 2)
        row.setSpacing(6)
        self.state_icon = QLabel(box)
        self.state_label = QLabel(box)
        self.unsent_label = QLabel(box)
        self.last_label = QLabel(box)
        self.corrections_label = QLabel(box)
        self.total_label = QLabel(box)
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.state_icon)
        row.addWidget(self.state_label)
        for label in (self.unsent_label, self.last_label, self.corrections_label):
            row.addWidget(_separator(box))
            row.addWidget(label)
        row.addStretch(1)
        self.addWidget(box, 1)
        self.addPermanentWidget(self.total_label)
        self.retranslate_ui()

    def set_today(self, today: object) -> None:
        self._today = today  # type: ignore[assignment]

    def set_state(self, state: str) -> None:
        self._state = state
        self.retranslate_ui()

    def set_counts(self, counts: dict[str, int]) -> None:
        self._counts = dict(counts)
        if "total" in counts and self._total is None:
            self._total = counts["total"]
        self.retranslate_ui()

    def set_last_success(self, when: datetime | None) -> None:
        self._last = when
        self._last_known = True
        self.retranslate_ui()

    def set_total(self, total: int | None) -> None:
        self._total = total
        self.retranslate_ui()

    def clear_session(self) -> None:
        self._counts, self._last, self._total = None, None, None
        self._state, self._last_known = None, False
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        words = {
            STATE_ONLINE: self.tr("Online"),
            STATE_SYNCING: self.tr("Syncing"),
            STATE_OFFLINE: self.tr("Offline"),
            STATE_NOT_ENROLLED: self.tr("Not enrolled"),
            STATE_CAPTIVE: self.tr("Wi-Fi needs login"),
            STATE_REVOKED: self.tr("Laptop blocked"),
        }
        if self._state is None:
            self.state_label.setText(_UNKNOWN)
            self.state_icon.clear()
        else:
            self.state_label.setText(words.get(self._state, words[STATE_OFFLINE]))
            icon = badges.badge_icon(_STATE_ICON.get(self._state, "draft"))
            self.state_icon.setPixmap(icon.pixmap(14, 14))
        self.state_icon.setAccessibleName(self.state_label.text())
        counts = self._counts
        self.unsent_label.setText(
            self.tr("Unsent {n}").format(
                n=_UNKNOWN if counts is None else formatting.thousands(counts.get("unsent", 0))
            )
        )
        if not self._last_known:
            self.last_label.setText(self.tr("Last success {when}").format(when=_UNKNOWN))
        elif self._last is None:
            self.last_label.setText(self.tr("Never synced"))
        else:
            local = formatting.to_wib(self._last)
            when = (
                formatting.time_wib(self._last)
                if local.date() == self._today()
                else formatting.datetime_wib(self._last)
            )
            self.last_label.setText(self.tr("Last success {when}").format(when=when))
        corrections = 0 if counts is None else counts.get("corrections", 0)
        self.corrections_label.setText(
            self.tr("Needs correction {n}").format(
                n=_UNKNOWN if counts is None else formatting.thousands(corrections)
            )
        )
        self.corrections_label.setStyleSheet("font-weight: 600;" if corrections else "")
        if self._total is None:
            self.total_label.setText("")
        else:
            self.total_label.setText(
                self.tr("%n prospect(s)", "", self._total).replace(
                    str(self._total), formatting.thousands(self._total)
                )
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def texts(self) -> dict[str, str]:
        """What the status bar says (tests and the screenshot check read this)."""
        return {
            "state": self.state_label.text(),
            "unsent": self.unsent_label.text(),
            "last": self.last_label.text(),
            "corrections": self.corrections_label.text(),
            "total": self.total_label.text(),
        }
