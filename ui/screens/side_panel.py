"""The side panel of the prospect list (UI.md §3.3): badge, supervisor note, flags, actions.

It shows the selected prospect's snapshot (``models.services.prospects.load``, read on the DB
lane) and offers *Ubah*, *Cetak formulir* (wired by the main window's print actions), *Catat
kunjungan* and *Riwayat*. Visits arrive with their own screen; until then that button stays
disabled and says why.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from core import formatting, lanes
from models.rules.nik import mask_nik
from ui import badges
from ui.table_models.prospects import occupation_label
from ui.tasks import run_in_background

if TYPE_CHECKING:
    from models.services.prospects import ProspectSnapshot

log = logging.getLogger(__name__)

__all__ = ["SidePanel"]

_ICON = 20
DETAIL_KEYS = (
    "nik",
    "mobile",
    "village",
    "occupation",
    "package",
    "contribution",
    "membership",
    "modified",
)


def mobile_display(mobile: str | None) -> str:
    """``+6281234567890`` → ``0812-3456-7890`` (how people read a number off a phone)."""
    if not mobile or not mobile.startswith("+62"):
        return mobile or ""
    local = "0" + mobile[3:]
    return "-".join(local[i : i + 4] for i in range(0, len(local), 4))


class SidePanel(QFrame):
    """Details of one prospect; ``edit_requested(uuid)`` when *Ubah* is pressed."""

    edit_requested = Signal(object)
    history_requested = Signal(object)

    def __init__(self, db_provider: Callable[[], Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidePanel")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self._db = db_provider
        self._snapshot: ProspectSnapshot | None = None
        self._wanted: uuid.UUID | None = None
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(60)
        self._debounce.timeout.connect(self._load)
        self._build()
        self.retranslate_ui()
        self.show_prospect(None)

    def _build(self) -> None:
        self.name_label = QLabel(self)
        self.name_label.setObjectName("sideTitle")
        self.name_label.setWordWrap(True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.badge_icon = QLabel(self)
        self.badge_text = QLabel(self)
        self.badge_text.setStyleSheet("font-weight: 600;")
        badge_row = QHBoxLayout()
        badge_row.setSpacing(6)
        badge_row.addWidget(self.badge_icon)
        badge_row.addWidget(self.badge_text, 1)

        self.note_label = QLabel(self)
        self.note_label.setObjectName("noteBox")
        self.note_label.setWordWrap(True)
        self.flags_box = QWidget(self)
        self.flags_layout = QVBoxLayout(self.flags_box)
        self.flags_layout.setContentsMargins(0, 0, 0, 0)
        self.flags_layout.setSpacing(2)

        self.details = QFormLayout()
        self.details.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.details.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.detail_labels: dict[str, QLabel] = {}
        self.detail_values: dict[str, QLabel] = {}
        for key in DETAIL_KEYS:
            label, value = QLabel(self), QLabel(self)
            label.setObjectName("muted")
            value.setWordWrap(True)
            self.detail_labels[key], self.detail_values[key] = label, value
            self.details.addRow(label, value)

        self.edit_button = QPushButton(self)
        self.edit_button.setObjectName("primary")
        self.edit_button.clicked.connect(self._edit)
        self.print_button = QPushButton(self)  # the main window opens the print dialog
        self.visit_button = QPushButton(self)
        self.visit_button.setEnabled(False)
        self.history_button = QPushButton(self)
        self.history_button.clicked.connect(self._history)
        buttons = QGridLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.edit_button, 0, 0)
        buttons.addWidget(self.history_button, 0, 1)
        buttons.addWidget(self.print_button, 1, 0)
        buttons.addWidget(self.visit_button, 1, 1)

        self.placeholder = QLabel(self)
        self.placeholder.setObjectName("emptyState")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.content = QWidget(self)
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(10)
        content.addWidget(self.name_label)
        content.addLayout(badge_row)
        content.addWidget(self.note_label)
        content.addWidget(self.flags_box)
        content.addLayout(self.details)
        content.addStretch(1)
        content.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.content, 1)

    def retranslate_ui(self) -> None:
        texts = {
            "nik": self.tr("NIK"),
            "mobile": self.tr("Mobile"),
            "village": self.tr("Village"),
            "occupation": self.tr("Occupation"),
            "package": self.tr("Programme"),
            "contribution": self.tr("Contribution/month"),
            "membership": self.tr("Membership"),
            "modified": self.tr("Modified"),
        }
        for key, text in texts.items():
            self.detail_labels[key].setText(text)
        self.edit_button.setText(self.tr("&Edit"))
        self.edit_button.setToolTip(self.tr("Open the form (Enter)"))
        self.print_button.setText(self.tr("Print form"))
        self.print_button.setToolTip(self.tr("Print the enrollment form (Ctrl+P)"))
        self.visit_button.setText(self.tr("Log visit"))
        self.visit_button.setToolTip(self.tr("Logging visits comes with the follow-up screen."))
        self.history_button.setText(self.tr("Histor&y"))
        self.placeholder.setText(self.tr("Choose a prospect to see its details."))
        if self._snapshot is not None:
            self._fill(self._snapshot)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- data ---------------------------------------------------------------------------------

    @property
    def snapshot(self) -> ProspectSnapshot | None:
        return self._snapshot

    def show_prospect(self, prospect_id: uuid.UUID | None) -> None:
        """Show ``prospect_id`` (loaded on the DB lane), or the placeholder for ``None``.

        The record already shown is not read again (a search keeps the selected row selected
        while the agent types); ``refresh`` reads it again after it changed."""
        if (
            prospect_id is not None
            and prospect_id == self._wanted
            and self._snapshot is not None
            and self._snapshot.id == prospect_id
        ):
            return  # (a refresh already asked for still runs)
        self._wanted = prospect_id
        if prospect_id is None:
            self._snapshot = None
            self.content.hide()
            self.placeholder.show()
            return
        self._debounce.start()

    def refresh(self) -> None:
        if self._wanted is not None:
            self._debounce.start()

    @Slot()
    def _load(self) -> None:
        wanted = self._wanted
        if wanted is None:
            return
        db = self._db()

        def load() -> ProspectSnapshot:
            # Imported on the DB lane, not with the list (~70 ms on the way to the first page).
            from models.services import prospects as prospect_service

            return prospect_service.load(db, prospect_id=wanted)

        run_in_background(
            lanes.db(),
            load,
            on_success=lambda snap: self._loaded(wanted, snap),
            on_error=lambda exc: self._load_failed(wanted, exc),
            owner=self,
        )

    def _loaded(self, wanted: uuid.UUID, snapshot: ProspectSnapshot) -> None:
        if wanted != self._wanted:
            return
        self._snapshot = snapshot
        self._fill(snapshot)
        self.placeholder.hide()
        self.content.show()

    def _load_failed(self, wanted: uuid.UUID, exc: BaseException) -> None:
        log.warning("side panel could not load %s: %r", wanted, exc)
        if wanted == self._wanted:
            self.show_prospect(None)

    def _fill(self, snap: ProspectSnapshot) -> None:
        payload = snap.payload
        self.name_label.setText(str(payload.get("full_name") or "—"))
        icon = badges.badge_icon(snap.badge)
        self.badge_icon.setPixmap(icon.pixmap(_ICON, _ICON))
        self.badge_icon.setAccessibleName(badges.badge_label(snap.badge))
        self.badge_text.setText(badges.badge_label(snap.badge))
        self.badge_text.setToolTip(badges.badge_tooltip(snap.badge))
        decision = snap.latest_decision
        note = decision.note if decision is not None and decision.note else None
        if note:
            fields = len(decision.field_notes) if decision is not None else 0
            extra = "\n" + self.tr("%n field(s) marked", "", fields) if fields else ""
            self.note_label.setText(f"“{note}”{extra}")
        self.note_label.setVisible(bool(note))
        while self.flags_layout.count():
            item = self.flags_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for flag in snap.flags:
            row = QLabel(self.flags_box)
            row.setText(badges.flag_label(flag))
            row.setToolTip(badges.flag_label(flag))
            holder = QWidget(self.flags_box)
            line = QHBoxLayout(holder)
            line.setContentsMargins(0, 0, 0, 0)
            pic = QLabel(holder)
            pic.setPixmap(badges.flag_icon(flag).pixmap(16, 16))
            line.addWidget(pic)
            line.addWidget(row, 1)
            self.flags_layout.addWidget(holder)
        self.flags_box.setVisible(bool(snap.flags))
        nik = str(payload.get("nik") or "")
        values = {
            "nik": mask_nik(nik) if nik else "—",
            "mobile": mobile_display(payload.get("mobile"))
            or (self.tr("Has no mobile") if payload.get("no_mobile") else "—"),
            "village": snap.village_name or "—",
            "occupation": occupation_label(payload.get("occupation_1")) or "—",
            "package": {"JKK_JKM": "JKK + JKM", "JKK_JKM_JHT": "JKK + JKM + JHT"}.get(
                str(payload.get("package")), "—"
            ),
            "contribution": formatting.rupiah(snap.monthly_contribution)
            if snap.monthly_contribution is not None
            else "—",
            "membership": self.tr("Not a participant yet")
            if snap.review_state != "approved"
            else self.tr("Registration approved"),
            "modified": formatting.datetime_wib(snap.updated_at),
        }
        for key, value in values.items():
            self.detail_values[key].setText(value)
        self.edit_button.setText(self.tr("Vie&w") if snap.read_only else self.tr("&Edit"))

    def _edit(self) -> None:
        if self._snapshot is not None:
            self.edit_requested.emit(self._snapshot.id)

    def _history(self) -> None:
        if self._snapshot is not None:
            self.history_requested.emit(self._snapshot.id)
