"""What the *Kegiatan* screen changes (UI.md §3.9): start, edit and close an event, plan a visit
and record its outcome.

``OutreachActions(view)`` belongs to the ``OutreachView`` (its ``outreach_actions``), which keeps
thin methods of the same names (``start_event``, ``edit_event``, ``close_event``, ``plan_visit``,
``record_outcome``) for its buttons and callers. Each asks in a dialog kept as the view's
``active_dialog`` while open, writes on the DB lane (``models.services.outreach`` /
``followups``) and reloads the view; errors are shown. *Tutup kegiatan* first asks to finish the
drafts (``event-has-drafts``): closing anyway leaves them out of the manifest.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog

from core import lanes
from core.errors import ConflictError
from models.services import followups, outreach
from models.services.outreach import EventInfo
from ui.confirm import ask
from ui.screens.outreach.event_dialog import EventDialog, EventValues
from ui.screens.outreach.followup_dialogs import OutcomeDialog, PlanDialog
from ui.tasks import run_in_background

if TYPE_CHECKING:
    from ui.screens.outreach.outreach_view import OutreachView

__all__ = ["OutreachActions"]

_FollowUpDialog = TypeVar("_FollowUpDialog", PlanDialog, OutcomeDialog)


class OutreachActions(QObject):
    def __init__(self, view: OutreachView) -> None:
        super().__init__(view)
        self.view = view

    def _write_then_refresh(self, write: Callable[[Any, Any], object]) -> None:
        """Run ``write(db, agent)`` on the DB lane, then reload the view; errors are shown."""
        view = self.view
        db, agent = view._db(), view._agent()
        run_in_background(
            lanes.db(),
            lambda: write(db, agent),
            on_success=lambda _v: view.refresh(),
            on_error=view._error,
            owner=view,
        )

    def _dialog_done(self, dialog: QDialog, on_accept: Callable[[], None]) -> None:
        view = self.view
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(result: int) -> None:
            view.active_dialog = None
            if result == QDialog.DialogCode.Accepted:
                on_accept()

        dialog.finished.connect(finished)
        view.active_dialog = dialog
        dialog.open()

    # -- events ---------------------------------------------------------------------------------

    def start_event(self) -> EventDialog:
        view = self.view
        agent = view._agent()
        dialog = EventDialog(
            today=view._today(),
            default_area=getattr(agent, "area_code", None),
            branch=_branch_regencies(agent),
            parent=view,
        )
        self._dialog_done(dialog, lambda: self._store_new(dialog.values()))
        return dialog

    def _store_new(self, values: EventValues) -> None:
        view = self.view
        db, agent = view._db(), view._agent()
        run_in_background(
            lanes.db(),
            lambda: outreach.start_event(
                db,
                place_kind=values.place_kind,
                place_name=values.place_name,
                area_code=values.area_code,
                on=values.on,
                agent=agent,
                partner=values.partner,
                attendance=values.attendance,
                notes=values.notes,
            ),
            on_success=self._started,
            on_error=view._error,
            owner=view,
        )

    def _started(self, event: EventInfo) -> None:
        view = self.view
        view.selected_event = event.id
        view.event_started.emit(event)
        view.refresh()

    def edit_event(self) -> EventDialog | None:
        view = self.view
        if view.snapshot is None or view.snapshot.detail is None:
            return None
        event = view.snapshot.detail.event
        agent = view._agent()
        dialog = EventDialog(
            today=view._today(),
            branch=_branch_regencies(agent),
            existing=EventValues(
                event.place_kind,
                event.place_name,
                event.area_code,
                event.date,
                event.partner,
                event.attendance,
                event.notes,
            ),
            parent=view,
        )
        self._dialog_done(dialog, lambda: self._store_edit(event.id, dialog.values()))
        return dialog

    def _store_edit(self, event_id: uuid.UUID, values: EventValues) -> None:
        changes = {
            "place_kind": values.place_kind,
            "place_name": values.place_name,
            "area_code": values.area_code,
            "date": values.on,
            "partner": values.partner,
            "attendance": values.attendance,
            "notes": values.notes,
        }
        self._write_then_refresh(
            lambda db, agent: outreach.update_event(
                db, event_id=event_id, changes=changes, agent=agent
            )
        )

    def close_event(self, *, force: bool = False) -> None:
        """*Tutup kegiatan*; with drafts open, ask first (UI.md §3.9)."""
        view = self.view
        if view.snapshot is None or view.snapshot.detail is None:
            return
        event_id = view.snapshot.detail.event.id
        db, agent = view._db(), view._agent()
        run_in_background(
            lanes.db(),
            lambda: outreach.close_event(db, event_id=event_id, agent=agent, force=force),
            on_success=lambda _e: view.refresh(),
            on_error=self._close_refused,
            owner=view,
        )

    def _close_refused(self, exc: BaseException) -> None:
        view = self.view
        if not (isinstance(exc, ConflictError) and exc.code == "event-has-drafts"):
            view._error(exc)
            return
        drafts = int(exc.params.get("drafts", 0))
        ask(
            view,
            title=self.tr("Close event"),
            text=self.tr(
                "%n draft(s) of this event are not finished. Finish them first: drafts are not "
                "sent with the event.",
                "",
                drafts,
            ),
            yes=self.tr("Close &anyway"),
            no=self.tr("&Finish drafts"),
            on_yes=lambda: self.close_event(force=True),
        )

    # -- follow-ups -----------------------------------------------------------------------------

    def plan_visit(self, prospect_id: uuid.UUID | None) -> PlanDialog | None:
        return self._follow_up(
            prospect_id,
            PlanDialog,
            lambda db, agent, prospect, values, today: followups.plan_follow_up(
                db,
                prospect_id=prospect,
                due=values.due,
                kind=values.kind,
                note=values.note,
                agent=agent,
                today=today,
            ),
        )

    def record_outcome(self, prospect_id: uuid.UUID | None) -> OutcomeDialog | None:
        return self._follow_up(
            prospect_id,
            OutcomeDialog,
            lambda db, agent, prospect, values, today: followups.record_outcome(
                db,
                prospect_id=prospect,
                kind=values.kind,
                outcome=values.outcome,
                on=values.on,
                reason=values.reason,
                note=values.note,
                next_due=values.next_due,
                agent=agent,
                today=today,
            ),
        )

    def _follow_up(
        self,
        prospect_id: uuid.UUID | None,
        dialog_class: type[_FollowUpDialog],
        write: Callable[[Any, Any, uuid.UUID, Any, date], object],
    ) -> _FollowUpDialog | None:
        """Ask in ``dialog_class`` about the prospect; once accepted, ``write(db, agent,
        prospect_id, values, today)`` on the DB lane, then reload the view."""
        if prospect_id is None:
            return None
        prospect: uuid.UUID = prospect_id
        view = self.view
        today = view._today()
        dialog = dialog_class(name=view._name_of(prospect), today=today, parent=view)

        def store() -> None:
            values = dialog.values()
            self._write_then_refresh(lambda db, agent: write(db, agent, prospect, values, today))

        self._dialog_done(dialog, store)
        return dialog


def _branch_regencies(agent: Any) -> tuple[str, ...]:
    """The regencies an event may be placed in: the agent's branch, else the fallback four."""
    return tuple(getattr(agent, "branch_regencies", ())) or ("33.25", "33.26", "33.27", "33.75")
