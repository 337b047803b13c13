"""Delete, withdraw and the history of one prospect, asked from the list (UI.md §3.1).

The list (Delete key, context menu) and its side panel (*Riwayat*) emit the requests; the main
window hands them here. A change asks first, naming the person and saying what happens (a draft
is gone from the laptop; a sent registration is withdrawn at the next sync), runs on the DB lane
and tells the sync controller which record changed, so the list and the counts follow. A request
made while the session is still opening waits until it is open.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Slot

from core import formatting, lanes
from core.errors import ConflictError
from ui.errors import show_error, user_message
from ui.tasks import run_in_background

if TYPE_CHECKING:
    from models.prospect_rows import ProspectRow
    from models.services.prospects import ProspectSnapshot
    from ui.main_window import MainWindow

__all__ = ["RecordActions"]


class RecordActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    @Slot(object)
    def delete_prospect(self, row: ProspectRow) -> None:
        from models.services.prospects import READ_ONLY_BADGES

        window = self.window
        if window.after_opening(lambda: self.delete_prospect(row)) or window.context is None:
            return
        if row.badge in READ_ONLY_BADGES:
            window.inform(self.tr("Delete"), user_message(ConflictError("read-only")))
            return
        name = row.full_name or self.tr("(no name)")
        if row.revision == 0:
            window.confirm(
                self.tr("Delete draft"),
                self.tr(
                    "Delete the draft of {name}? It was never sent and will be gone from this laptop."
                ).format(name=name),
                self.tr("&Delete draft"),
                lambda: self._run_delete(row, withdraw=False),
            )
        else:
            window.confirm(
                self.tr("Withdraw registration"),
                self.tr(
                    "Withdraw the registration of {name}? The server is told at the next sync."
                ).format(name=name),
                self.tr("&Withdraw"),
                lambda: self._run_delete(row, withdraw=True),
            )

    def _run_delete(self, row: ProspectRow, *, withdraw: bool) -> None:
        from models.services import prospects as prospect_service

        context = self.window.context
        if context is None:
            return
        db, agent = context.db, context.agent
        if withdraw:
            job: Callable[[], Any] = lambda: prospect_service.withdraw(  # noqa: E731
                db, prospect_id=row.id, agent=agent
            )
        else:
            job = lambda: prospect_service.delete_draft(db, prospect_id=row.id, agent=agent)  # noqa: E731
        run_in_background(
            lanes.db(),
            job,
            on_success=lambda _r: self._deleted(row),
            on_error=lambda exc: show_error(self.window, exc),
            owner=self.window.sync,
        )

    def _deleted(self, row: ProspectRow) -> None:
        if self.window.sync is not None:
            self.window.sync.notify_records_changed([row.id])

    @Slot(object)
    def show_history(self, prospect_id: uuid.UUID) -> None:
        from models.services import prospects as prospect_service

        window = self.window
        if window.after_opening(lambda: self.show_history(prospect_id)) or window.context is None:
            return
        db = window.context.db
        run_in_background(
            lanes.db(),
            lambda: prospect_service.load(db, prospect_id=prospect_id),
            on_success=self._history_loaded,
            on_error=lambda exc: show_error(window, exc),
            owner=window.sync,
        )

    def _history_loaded(self, snap: ProspectSnapshot) -> None:
        lines = [
            self.tr("Created: {when}").format(when=formatting.datetime_wib(snap.created_at)),
            self.tr("Last change: {when}").format(when=formatting.datetime_wib(snap.updated_at)),
            self.tr("Revision on this laptop: {n}").format(n=snap.revision),
            self.tr("Revision on the server: {n}").format(
                n=snap.server_rev if snap.server_rev is not None else "—"
            ),
            self.tr("Printed: {n}×").format(n=snap.printed_count),
        ]
        decision = snap.latest_decision
        if decision is not None:
            lines.append(
                self.tr("Last decision: {outcome} by {who}, {when}").format(
                    outcome=decision.outcome,
                    who=decision.decided_by or "—",
                    when=formatting.datetime_wib(decision.decided_at),
                )
            )
        name = str(snap.payload.get("full_name") or "")
        self.window.inform(self.tr("History of {name}").format(name=name), "\n".join(lines))
