"""What happens when the supervisor decides (UI.md §3.8; SYNC_PROTOCOL.md §4.9, §5).

``DecisionFlow`` belongs to the workspace and sends, on the network lane:

- a single decision: the id (UUIDv7) is made once per record, revision and outcome and kept in
  the record's draft, so pressing the button again after a lost reply repeats the same decision
  (the server answers with the stored one). Accepted: the row's state changes, the draft is
  dropped, the undo bar offers *Urungkan* and the next waiting record opens. ``stale-revision``
  and ``invalid-transition`` reload the record (newer revision → reload) and keep the note;
  ``duplicate-unresolved`` points to *Bandingkan*;
- *Setujui yang dipilih*: the selected clean records, at most 200, after a confirmation;
- *Urungkan*: the undo endpoint; the record and the queue are reloaded;
- *Bandingkan*: the compare dialog, *Bukan duplikat* / *Tolak sebagai duplikat*.
"""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING, Any

import uuid6

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QMessageBox

from sync.errors import RequestRejected
from sync.review_schemas import MAX_BULK, BulkResult, DecisionDraft, DecisionOut, ResolutionOut
from ui.confirm import ask
from ui.errors import user_message
from ui.screens.review.review_session import is_connection_error, is_expiry

if TYPE_CHECKING:
    from ui.screens.review.workspace import ReviewWorkspace

log = logging.getLogger(__name__)

__all__ = ["DecisionFlow", "STATE_OF_OUTCOME", "new_decision_id"]

STATE_OF_OUTCOME = {
    "approve": "approved",
    "return": "returned",
    "reject": "rejected",
    "reopen": "returned",
}
_RELOAD_CODES = frozenset({"stale-revision", "invalid-transition", "not-found"})


def new_decision_id() -> uuid.UUID:
    return uuid.UUID(bytes=uuid6.uuid7().bytes)


class DecisionFlow(QObject):
    def __init__(self, workspace: ReviewWorkspace) -> None:
        super().__init__(workspace)
        self.ws = workspace
        self.sending = False

    @property
    def session(self) -> Any:
        return self.ws.session

    # -- one decision -------------------------------------------------------------------------

    @Slot(str)
    def decide(self, outcome: str) -> None:
        ws = self.ws
        detail = ws.detail
        if detail is None or self.sending or not self.session.can_decide:
            return
        panel = ws.decision_panel
        record = detail.record
        draft_state = ws.draft_for(record.id)
        key = (outcome, record.revision)
        decision_id = draft_state.decision_ids.setdefault(key, new_decision_id())
        field_notes = ws.pane.notes() if outcome in ("return", "reopen") else {}
        draft = DecisionDraft(
            decision_id=decision_id,
            record_revision=record.revision,
            outcome=outcome,  # type: ignore[arg-type]
            note=panel.note() or None,
            reason_code=panel.reason() if outcome in ("reject", "return") else None,
            field_notes=field_notes,
        )
        name = str(record.payload.get("full_name") or "")
        self.sending = True
        panel.show_message(self.tr("Sending…"))
        self.session.call(
            lambda c: c.decide(record.id, draft),
            on_success=lambda out: self._decided(out, name),
            on_error=lambda exc: self._failed(record.id, exc),
            owner=ws,
        )

    def _decided(self, out: DecisionOut, name: str) -> None:
        self.sending = False
        ws = self.ws
        ws.drafts.pop(out.record_id, None)
        ws.decision_panel.show_message("")
        ws.pane.set_notes({})
        ws.decision_panel.set_draft(note="", reason=None, field_notes={})
        ws.record_model.update(
            out.record_id,
            review_state=STATE_OF_OUTCOME[out.outcome],
            decided_revision=out.record_revision,
        )
        ws.toast.show_decision(out, name)
        ws.decided.emit(out)
        log.info("decision %s on %s sent", out.outcome, out.record_id)
        if out.record_id == ws.record_id:
            ws.advance()
        ws.load_queue(quiet=True)

    def _failed(self, record_id: uuid.UUID, exc: BaseException) -> None:
        self.sending = False
        ws = self.ws
        panel = ws.decision_panel
        if is_connection_error(exc):
            panel.show_message(self.tr("Not sent: review needs a connection. Your note is kept."))
            return
        if is_expiry(exc):
            panel.show_message(self.tr("Sign in again; your note is kept."))
            return
        panel.show_message(user_message(exc))
        code = getattr(exc, "code", "")
        if isinstance(exc, RequestRejected) and code in _RELOAD_CODES and record_id == ws.record_id:
            shown = ws.detail.record.revision if ws.detail is not None else None
            ws.load_record(record_id, newer_than=shown, message=user_message(exc))
        elif code == "duplicate-unresolved":
            ws.pane.banners.show_banner(
                "duplicate", "warning", user_message(exc), [(self.tr("Compare"), self.compare)]
            )

    # -- bulk approve -------------------------------------------------------------------------

    @Slot()
    def bulk_approve(self) -> None:
        ws = self.ws
        selected = ws.selected_records()
        clean = [r for r in selected if r.clean][:MAX_BULK]
        if not clean or self.sending:
            return
        skipped = len(selected) - len(clean)
        text = self.tr("Approve {n} records?").format(n=len(clean))
        if skipped:
            text += " " + self.tr(
                "{n} are skipped: flagged, with errors or already decided."
            ).format(n=skipped)
        ask(
            ws,
            title=self.tr("Approve selected"),
            text=text,
            yes=self.tr("Approve"),
            no=self.tr("Cancel"),
            on_yes=lambda: self._send_bulk([(r.id, r.revision) for r in clean]),
            yes_role=QMessageBox.ButtonRole.AcceptRole,
        )

    def _send_bulk(self, items: list[tuple[uuid.UUID, int]]) -> None:
        drafts = [
            (
                rid,
                DecisionDraft(
                    decision_id=new_decision_id(), record_revision=rev, outcome="approve"
                ),
            )
            for rid, rev in items
        ]
        self.sending = True
        self.ws.toast.show_text(self.tr("Approving {n} records…").format(n=len(drafts)))
        self.session.call(
            lambda c: c.decide_bulk(drafts),
            on_success=self._bulk_done,
            on_error=self._bulk_failed,
            owner=self.ws,
        )

    def _bulk_done(self, results: list[BulkResult]) -> None:
        self.sending = False
        ws = self.ws
        ok = [r for r in results if r.ok]
        for result in ok:
            ws.record_model.update(
                result.record_id,
                review_state=result.review_state or "approved",
                decided_revision=result.decision.record_revision if result.decision else None,
            )
            ws.drafts.pop(result.record_id, None)
        failed = len(results) - len(ok)
        text = self.tr("{n} records approved.").format(n=len(ok))
        if failed:
            text += " " + self.tr("{n} not approved: they changed or need a closer look.").format(
                n=failed
            )
        ws.toast.show_text(text)
        if ws.record_id is not None and any(r.record_id == ws.record_id for r in ok):
            ws.reload_record()
        ws.load_queue(quiet=True)

    def _bulk_failed(self, exc: BaseException) -> None:
        self.sending = False
        self.ws.toast.show_text(user_message(exc))

    # -- undo ---------------------------------------------------------------------------------

    @Slot(object)
    def undo(self, decision: DecisionOut) -> None:
        self.session.call(
            lambda c: c.undo(decision.id),
            on_success=self._undone,
            on_error=self._undo_failed,
            owner=self.ws,
        )

    def _undone(self, out: DecisionOut) -> None:
        ws = self.ws
        ws.toast.show_text(self.tr("Decision undone."))
        ws._want_record = out.record_id
        row = ws.record_model.find(out.record_id)
        if row >= 0:
            ws.record_model.update(out.record_id, review_state="received", decided_revision=None)
            ws._select(ws.record_view, row)
        if ws.record_id == out.record_id:
            ws.reload_record()
        ws.load_queue(quiet=True)
        ws.undone.emit(out)

    def _undo_failed(self, exc: BaseException) -> None:
        self.ws.toast.show_text(user_message(exc))

    # -- compare, duplicates ------------------------------------------------------------------

    @Slot()
    def compare(self) -> None:
        ws = self.ws
        detail = ws.detail
        if detail is None or not detail.candidates:
            return
        from ui.screens.review.compare_dialog import CompareDialog

        dialog = CompareDialog(detail, note=ws.decision_panel.note(), parent=ws)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.not_duplicate.connect(lambda cid: self._resolve(dialog, cid, None))
        dialog.reject_duplicate.connect(lambda cid, note: self._resolve(dialog, cid, note))
        dialog.finished.connect(lambda _r: setattr(ws, "active_dialog", None))
        if not self.session.online or not self.session.can_decide:
            dialog.not_duplicate_button.setEnabled(False)
            dialog.reject_button.setEnabled(False)
        ws.active_dialog = dialog
        dialog.open()

    def _resolve(self, dialog: Any, candidate_id: uuid.UUID | None, note: str | None) -> None:
        detail = self.ws.detail
        if detail is None:
            return
        record = detail.record
        draft = None
        if note is not None:
            ids = self.ws.draft_for(record.id).decision_ids
            draft = DecisionDraft(
                decision_id=ids.setdefault(("duplicate", record.revision), new_decision_id()),
                record_revision=record.revision,
                outcome="reject",
                note=note,
                reason_code="DUPLICATE",
            )
        resolution = "duplicate" if note is not None else "not_duplicate"
        self.session.call(
            lambda c: c.resolve_duplicate(
                record.id, resolution=resolution, candidate_id=candidate_id, draft=draft
            ),
            on_success=lambda out: self._resolved(dialog, out),
            on_error=lambda exc: dialog.message_label.setText(user_message(exc)),
            owner=dialog,
        )

    def _resolved(self, dialog: Any, out: ResolutionOut) -> None:
        ws = self.ws
        dialog.accept()
        if out.decision is not None:
            ws.drafts.pop(out.record_id, None)
            ws.record_model.update(out.record_id, review_state="rejected", flags=out.flags)
            ws.toast.show_decision(
                out.decision,
                str(ws.detail.record.payload.get("full_name") or "") if ws.detail else "",
            )
            ws.decided.emit(out.decision)
        else:
            ws.record_model.update(out.record_id, flags=out.flags)
            ws.toast.show_text(self.tr("Marked as not a duplicate."))
        ws.reload_record()
        ws.load_queue(quiet=True)
