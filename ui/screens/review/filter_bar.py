"""The header of the review workspace (UI.md §3.8).

"Pengawas 33.75 (daring)" — who is signed in and whether the server answers — then the queue
filters Wilayah (the supervisor's areas and the districts inside them), Petugas (agents in
scope), Status, Tanda, Dari/Sampai (received or event date), and *Ekspor*, *Muat ulang* (F5) and
*Keluar*. Every filter change emits ``filters_changed(BatchFilters)``.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sync.review_schemas import FLAGS, AgentInfo, BatchFilters
from ui.screens.review.export_dialog import area_choices, area_text
from ui.screens.review.field_labels import flag_text, state_label
from ui.screens.review.optional_date import optional_date, optional_date_edit

__all__ = ["FilterBar"]

_STATES = ("received", "approved", "returned", "rejected", "withdrawn")


class FilterBar(QFrame):
    filters_changed = Signal(object)  # BatchFilters

    def __init__(self, *, name: str, areas: Iterable[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self._name = name
        self._online = True
        self._agents: list[AgentInfo] = []
        self.title_label = QLabel(self)
        self.title_label.setObjectName("screenTitle")
        self.area_combo = QComboBox(self)
        self.area_combo.addItem("", None)
        for code in area_choices(list(areas)):
            self.area_combo.addItem(area_text(code), code)
        self.agent_combo = QComboBox(self)
        self.agent_combo.addItem("", None)
        self.state_combo = QComboBox(self)
        self.state_combo.addItem("", None)
        for state in _STATES:
            self.state_combo.addItem("", state)
        self.flag_combo = QComboBox(self)
        self.flag_combo.addItem("", None)
        for flag in FLAGS:
            self.flag_combo.addItem("", flag)
        self.from_edit = optional_date_edit(self)
        self.to_edit = optional_date_edit(self)
        self.export_button = QPushButton(self)
        self.refresh_button = QPushButton(self)
        self.sign_out_button = QPushButton(self)
        self.sign_out_button.setObjectName("link")
        self.labels: dict[str, QLabel] = {}
        row = QHBoxLayout()
        row.setSpacing(6)
        for key, widget in (
            ("area", self.area_combo),
            ("agent", self.agent_combo),
            ("state", self.state_combo),
            ("flag", self.flag_combo),
            ("from", self.from_edit),
            ("to", self.to_edit),
        ):
            label = QLabel(self)
            label.setBuddy(widget)
            self.labels[key] = label
            row.addWidget(label)
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.refresh_button)
        row.addWidget(self.export_button)
        head = QHBoxLayout()
        head.addWidget(self.title_label, 1)
        head.addWidget(self.sign_out_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(2)
        layout.addLayout(head)
        layout.addLayout(row)
        for combo in (self.area_combo, self.agent_combo, self.state_combo, self.flag_combo):
            combo.currentIndexChanged.connect(lambda _i: self._emit())
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(lambda _d: self._emit())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.labels["area"].setText(self.tr("&Area"))
        self.labels["agent"].setText(self.tr("A&gent"))
        self.labels["state"].setText(self.tr("Stat&e"))
        self.labels["flag"].setText(self.tr("F&lag"))
        self.labels["from"].setText(self.tr("&From"))
        self.labels["to"].setText(self.tr("T&o"))
        self.area_combo.setItemText(0, self.tr("All"))
        self.agent_combo.setItemText(0, self.tr("All"))
        self.state_combo.setItemText(0, self.tr("All"))
        for i, state in enumerate(_STATES, 1):
            self.state_combo.setItemText(i, state_label(state))
        self.flag_combo.setItemText(0, self.tr("All"))
        for i, flag in enumerate(FLAGS, 1):
            self.flag_combo.setItemText(i, flag_text(flag))
        for edit in (self.from_edit, self.to_edit):
            edit.setSpecialValueText("—")
        self.export_button.setText(self.tr("E&xport"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Load the queue again (F5)"))
        self.sign_out_button.setText(self.tr("Sign o&ut"))
        self.sign_out_button.setToolTip(self.tr("Sign out (Ctrl+L)"))
        self._title()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_online(self, online: bool) -> None:
        self._online = online
        self._title()

    def _title(self) -> str:
        state = self.tr("online") if self._online else self.tr("offline")
        text = self.tr("{name} ({state})").format(name=self._name, state=state)
        self.title_label.setText(text)
        return text

    def set_agents(self, agents: Iterable[AgentInfo]) -> None:
        chosen = self.agent_combo.currentData()
        self._agents = sorted(agents, key=lambda a: (a.display_name or a.username).casefold())
        self.agent_combo.blockSignals(True)
        while self.agent_combo.count() > 1:
            self.agent_combo.removeItem(1)
        for agent in self._agents:
            self.agent_combo.addItem(agent.display_name or agent.username, str(agent.id))
        index = self.agent_combo.findData(chosen) if chosen else 0
        self.agent_combo.setCurrentIndex(max(index, 0))
        self.agent_combo.blockSignals(False)

    def filters(self) -> BatchFilters:
        import uuid

        agent = self.agent_combo.currentData()
        return BatchFilters(
            area=self.area_combo.currentData(),
            agent_id=uuid.UUID(agent) if agent else None,
            state=self.state_combo.currentData(),
            flag=self.flag_combo.currentData(),
            date_from=optional_date(self.from_edit),
            date_to=optional_date(self.to_edit),
        )

    def _emit(self) -> None:
        self.filters_changed.emit(self.filters())
