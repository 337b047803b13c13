"""The main window's ways into outreach and coverage (UI.md §2, §3.3, §3.9, §3.10).

``CoverageActions(window)`` adds *Kegiatan* (Ctrl+4) and *Dasbor* (Ctrl+5) to the View menu
(*Dasbor* also to the toolbar) and runs the toolbar's *Kegiatan* combo: "today's session" (the
newest open event of today), any other open event, or none. New prospects recorded while an
event is chosen join it (``new_prospect_args``: the editor's ``load_new(event_id=…,
default_area=…)``). With each session it builds the two screens into the window's stack, and at
the start reminds of the follow-ups due (status bar). *Kunci* removes the screens with the
session. The screens themselves load lazily (the unlock screen appears without them).
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QPushButton, QVBoxLayout

from core import lanes
from ui.tasks import run_in_background

log = logging.getLogger(__name__)

__all__ = ["CoverageActions"]

REMINDER_MS = 15_000


def chart_icon() -> QIcon:
    """A small bar chart in the toolbar's ink, painted when first shown (``theme.glyph_icon``)."""
    from ui.theme import glyph_icon

    return glyph_icon("chart")


class CoverageActions(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.outreach_view: Any = None
        self.dashboard_view: Any = None
        self.events: list[Any] = []  # open events, newest first
        self.chosen_event: uuid.UUID | None = None
        self.auto_chosen = True  # follow "today's session" until the agent picks one
        self.act_outreach = self._action("Ctrl+4", self.show_outreach)
        self.act_dashboard = self._action("Ctrl+5", self.show_dashboard)
        window.view_menu.addAction(self.act_outreach)
        window.view_menu.addAction(self.act_dashboard)
        toolbar = window.toolbar
        toolbar.insertAction(window.act_settings, self.act_dashboard)
        for action in (self.act_outreach, self.act_dashboard):
            window.session_actions.append(action)
            action.setEnabled(window.context is not None)
        self.combo = window.event_combo
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.activated.connect(self._combo_chosen)
        self.act_dashboard.setIcon(chart_icon())
        window.session_started.connect(self._session_started)
        window.locked.connect(self._session_ended)
        window.record_saved.connect(lambda _id: self._records_changed())
        window.installEventFilter(self)
        self.supervisor_dialog: Any = None
        window.supervisor_created.connect(self._hook_supervisor)  # made on first use
        self.retranslate()

    def _action(self, shortcut: str, slot: Any) -> QAction:
        action = QAction(self.window)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    def retranslate(self) -> None:
        self.act_outreach.setText(self.tr("Events"))
        self.act_outreach.setToolTip(self.tr("Events and follow-ups (Ctrl+4)"))
        self.act_dashboard.setText(self.tr("Dashboard"))
        self.act_dashboard.setToolTip(self.tr("Dashboard (Ctrl+5)"))
        self.combo.setToolTip(self.tr("Event: new prospects join it"))
        self._fill_combo()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    # -- session --------------------------------------------------------------------------------

    @Slot()
    def _session_started(self) -> None:
        from ui.screens.dashboard.dashboard_view import DashboardView
        from ui.screens.dashboard.sources import LocalDashboardSource
        from ui.screens.outreach.outreach_view import OutreachView

        window = self.window
        context = window.context
        if context is None:
            return
        self._session_ended()
        self.auto_chosen, self.chosen_event, self.events = True, None, []
        self.outreach_view = OutreachView(
            lambda: window._db(), lambda: window.context.agent, today=window._today
        )
        self.dashboard_view = DashboardView(
            LocalDashboardSource(lambda: window._db()),
            today=window._today,
            who=lambda: window.session.profile.display_name if window.session else "",
        )
        window.views.addWidget(self.outreach_view)
        window.views.addWidget(self.dashboard_view)
        self.outreach_view.open_requested.connect(window.open_prospect)
        self.outreach_view.events_changed.connect(self._events_changed)
        self.outreach_view.event_started.connect(self._event_started)
        if window.sync is not None:
            window.sync.records_changed.connect(lambda _ids: self._records_changed())
        window.event_action.setVisible(True)
        self.outreach_view.refresh()
        self._remind()

    @Slot()
    def _session_ended(self) -> None:
        for view in (self.outreach_view, self.dashboard_view):
            if view is not None:
                self.window.views.removeWidget(view)
                view.deleteLater()
        self.outreach_view = self.dashboard_view = None
        self.events = []
        self.window.event_action.setVisible(False)

    def _records_changed(self) -> None:
        if (
            self.outreach_view is not None
            and self.window.views.currentWidget() is self.outreach_view
        ):
            self.outreach_view.refresh()

    def _remind(self) -> None:
        from models.services import followups

        db, today = self.window._db(), self.window._today()
        run_in_background(
            lanes.db(),
            lambda: followups.reminder(db, today=today),
            on_success=self._reminded,
            on_error=lambda exc: log.warning("follow-up reminder failed: %s", exc),
            owner=self.outreach_view,
        )

    def _reminded(self, reminder: Any) -> None:
        self.last_reminder = reminder
        if reminder.total:
            text = self.tr("Follow-ups due: {today} today, {late} overdue (Ctrl+4)").format(
                today=reminder.due_today, late=reminder.overdue
            )
            self.window.status.showMessage(text, REMINDER_MS)

    # -- views ----------------------------------------------------------------------------------

    def _show(self, view: Any) -> bool:
        window = self.window
        if view is None or not window._leave_editor():
            return False
        window.views.setCurrentWidget(view)
        window._set_session_chrome(True)
        return True

    @Slot()
    def show_outreach(self) -> None:
        if self._show(self.outreach_view):
            self.outreach_view.refresh()

    @Slot()
    def show_dashboard(self) -> None:
        if self._show(self.dashboard_view):
            self.dashboard_view.refresh()

    # -- supervisors: their area from the server -----------------------------------------------

    @Slot(object)
    def _hook_supervisor(self, supervisor: Any) -> None:
        supervisor.started.connect(self._supervisor_started)

    def _supervisor_started(self, workspace: Any) -> None:
        """A *Dasbor* button on the review workspace's title row (beside *Keluar*)."""
        bar = workspace.filter_bar
        button = QPushButton(self.tr("Dashboard"), bar)
        button.setObjectName("supervisorDashboardButton")
        button.setIcon(chart_icon())
        head = bar.layout().itemAt(0).layout()
        head.insertWidget(head.indexOf(bar.sign_out_button), button)
        button.show()
        button.clicked.connect(lambda: self.open_supervisor_dashboard(workspace))
        workspace.supervisor_dashboard_button = button

    def open_supervisor_dashboard(self, workspace: Any) -> Any:
        """The dashboard of the supervisor's areas (server figures; *Petugas* offered)."""
        from ui.screens.dashboard.dashboard_view import DashboardView
        from ui.screens.dashboard.sources import RemoteDashboardSource

        if self.supervisor_dialog is not None:
            self.supervisor_dialog.raise_()
            return self.supervisor_dialog
        user = workspace.session.user
        dialog = QDialog(self.window)
        dialog.setWindowTitle(self.tr("Dashboard"))
        view = DashboardView(
            RemoteDashboardSource(workspace.session.client),
            today=self.window._today,
            who=lambda: user.display_name or user.username,
            parent=dialog,
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.addWidget(view)
        layout.addWidget(buttons)
        dialog.resize(1340, 700)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "supervisor_dialog", None))
        dialog.dashboard_view = view  # type: ignore[attr-defined]
        self.supervisor_dialog = dialog
        dialog.open()
        view.refresh()
        return dialog

    # -- the toolbar's event combo ----------------------------------------------------------------

    def _events_changed(self, events: list[Any]) -> None:
        today = self.window._today()
        self.events = [e for e in events if not e.closed]
        ids = {e.id for e in self.events}
        if self.chosen_event not in ids:
            self.chosen_event = None
        if self.auto_chosen:
            todays = [e for e in self.events if e.date == today]
            self.chosen_event = max(todays, key=lambda e: e.created_at).id if todays else None
        self._fill_combo()

    def _event_started(self, event: Any) -> None:
        self.chosen_event = event.id  # "Mulai kegiatan": what is recorded now joins it
        self.auto_chosen = True

    def _fill_combo(self) -> None:
        from core.formatting import date_medium

        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.tr("No event"), None)
        today = self.window._today()
        for event in self.events:  # ids as text: QVariant compares Python objects by identity
            if event.date == today:
                text = self.tr("Event: {name}").format(name=event.place_name)
            else:
                text = self.tr("Event: {name} · {date}").format(
                    name=event.place_name, date=date_medium(event.date)
                )
            self.combo.addItem(text, str(event.id))
        index = self.combo.findData(str(self.chosen_event)) if self.chosen_event else 0
        self.combo.setCurrentIndex(max(0, index))
        self.combo.blockSignals(False)

    @Slot(int)
    def _combo_chosen(self, index: int) -> None:
        data = self.combo.itemData(index)
        self.chosen_event = uuid.UUID(data) if data else None
        self.auto_chosen = False

    def chosen(self) -> Any:
        return next((e for e in self.events if e.id == self.chosen_event), None)

    def new_prospect_args(self) -> dict[str, Any]:
        """``load_new`` arguments: the chosen event and its area (empty without one)."""
        event = self.chosen()
        if event is None:
            return {}
        return {"event_id": event.id, "default_area": event.area_code}
