"""Filling the editor: a new prospect, or a stored one read on the DB lane.

A new prospect gets its id at once and the agent's (or the outreach event's) area, branch and
channel. A stored one is read by ``store_jobs.load_prospect``; the form fills when the answer
comes back, with the supervisor's notes, the server's field errors, the record's banners
(returned, possible duplicate, read-only) and, after a crash, the recovery offer.
"""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication

from core import lanes
from core.errors import Issue
from models.rules.consent import current_notice
from models.services.prospects import new_prospect_id
from ui import badges
from ui.errors import user_message
from ui.screens.editor import store_jobs
from ui.tasks import run_in_background

if TYPE_CHECKING:
    from ui.screens.editor.editor_widget import ProspectEditor

__all__ = ["RecordLoader", "server_issues"]

log = logging.getLogger(__name__)

_CHANNELS = {"PERISAI": "PERISAI", "WADAH_OFFICER": "WADAH"}


class RecordLoader:
    """Resets the editor's record state and fills its sections."""

    def __init__(self, editor: ProspectEditor) -> None:
        self._editor = editor

    def start_new(self, *, event_id: uuid.UUID | None, default_area: str | None) -> None:
        editor = self._editor
        self.reset()
        editor._prospect_id = new_prospect_id()
        agent = editor.ctx.agent
        base: dict[str, Any] = {
            "registration_date": editor.ctx.today().isoformat(),
            "branch_code": getattr(agent, "branch_code", None) or editor.ctx.settings.branch_code,
        }
        if event_id is not None:
            base["outreach_event_id"] = str(event_id)
        base["channel"] = _CHANNELS.get(getattr(agent, "agent_kind", None) or "", "FIELD_AGENT")
        editor._base_payload = base
        editor._loading = True
        try:
            editor.address.set_default_area(default_area or getattr(agent, "area_code", None))
        finally:
            editor._loading = False
        self.after_load()
        editor.go_to_section(0)

    def start_existing(self, prospect_id: uuid.UUID) -> None:
        editor = self._editor
        self.reset()
        editor._prospect_id = prospect_id
        editor.saved_label.setText(QCoreApplication.translate("ProspectEditor", "Loading…"))
        editor.setEnabled(False)
        db = editor.ctx.db
        run_in_background(
            lanes.db(),
            lambda: store_jobs.load_prospect(db, prospect_id=prospect_id),
            on_success=self._loaded_ok,
            on_error=self._load_failed,
        )

    def reset(self) -> None:
        """An empty form and a fresh record state (no banners, nothing touched or acknowledged)."""
        editor = self._editor
        today = editor.ctx.today()
        editor._autosave_timer.stop()
        editor._loaded = None
        editor._base_payload = {}
        editor._badge, editor._revision = "draft", 0
        editor._read_only = False
        editor._explicit_exists = False
        editor._dirty = False
        editor._autosaved_since_explicit = False
        editor._acks = {}
        editor._touched = set()
        editor._show_all = False
        editor._duplicates.clear()
        editor._server_issues = []
        editor._dob_manual = editor._sex_manual = False
        editor._consented_at = None
        editor._last_saved_at = None
        for key in list(editor.banners.keys()):
            editor.banners.hide_banner(key)
        editor._loading = True
        try:
            editor.programme.set_today(today, reset=True)
            editor.notes.set_today(today)
            empty: dict[str, Any] = {}
            for section in editor.sections:
                section.load(empty)
                section.set_read_only(False)
                section.show_field_notes({}, prefix="")
            editor.heirs.load({"heirs": []})
            editor.consent.load_consent(None, None)
            for pad in (editor.consent.participant_pad, editor.consent.agent_pad):
                pad.set_svg_path(None)
            editor.notes.load_visits([])
            editor.identity.set_nik_hint("")
        finally:
            editor._loading = False

    def after_load(self) -> None:
        editor = self._editor
        editor.consent.set_notice(current_notice(editor.ctx.today()))
        for button in (editor.save_draft_button, editor.submit_button):
            button.setEnabled(not editor._read_only)
        editor._revalidate()
        editor._update_header()

    def _loaded_ok(self, loaded: store_jobs.LoadedProspect) -> None:
        editor = self._editor
        if not shiboken6.isValid(editor):
            return
        editor.setEnabled(True)
        snap = loaded.snapshot
        editor._loaded = loaded
        editor._explicit_exists = True
        editor._badge, editor._revision = snap.badge, snap.revision
        editor._base_payload = dict(snap.payload)
        editor._acks = {
            code: (reason or None) for code, reason in snap.acknowledged_warnings.items()
        }
        editor._loading = True
        try:
            for section in editor.sections:
                section.load(snap.payload)
            editor.consent.load_consent(snap.consent, None)
            editor._consented_at = (snap.consent or {}).get("consented_at")
            editor.notes.load_visits(loaded.visits)
        finally:
            editor._loading = False
        editor._dob_manual = bool(snap.payload.get("birth_date"))
        editor._sex_manual = bool(snap.payload.get("sex"))
        editor._touched = {k for k, v in snap.payload.items() if v not in (None, "", [], {})}
        editor._touched |= {"nik", "birth_date", "sex"} & editor._touched
        editor._show_all = snap.revision > 0
        editor._duplicates.nik_duplicates = list(snap.duplicates)
        editor._server_issues = server_issues(snap.server_errors)
        editor._read_only = snap.read_only
        editor._last_saved_at, editor._last_save_auto = snap.updated_at, False
        for section in editor.sections:
            section.set_read_only(editor._read_only)
        self.after_load()
        self._show_record_banners(snap)
        editor._saver.offer_recovery()
        editor._duplicates.lookup()
        editor._update_nik_hint()
        editor.go_to_section(0)

    def _load_failed(self, exc: BaseException) -> None:
        editor = self._editor
        if not shiboken6.isValid(editor):
            return
        editor.setEnabled(True)
        log.error("could not load prospect %s", editor.prospect_id, exc_info=exc)
        editor.saved_label.setText("")
        back = QCoreApplication.translate("ProspectEditor", "Back to the list")
        editor.banners.show_banner("load", "error", user_message(exc), [(back, editor.closed.emit)])

    def _show_record_banners(self, snap: Any) -> None:
        """The supervisor's decision and notes, a server duplicate flag, a read-only record."""
        editor = self._editor
        decision = snap.latest_decision
        notes = dict(snap.field_notes or {})
        if decision is not None and snap.badge in ("returned", "rejected"):
            notes = {**decision.field_notes, **notes}
            who = decision.decided_by or QCoreApplication.translate("ProspectEditor", "Supervisor")
            text = QCoreApplication.translate("ProspectEditor", "{who}: {note}").format(
                who=who, note=decision.note or ""
            )
            editor.banners.show_banner("returned", "note", text)
        prefix = QCoreApplication.translate("ProspectEditor", "Supervisor's note:")
        for section in editor.sections:
            section.show_field_notes(notes, prefix=prefix)
        if "possible_duplicate" in snap.flags:
            editor.banners.show_banner(
                "server_duplicate",
                "info",
                QCoreApplication.translate(
                    "ProspectEditor", "Possible duplicate – the supervisor will check."
                ),
            )
        if snap.read_only:
            editor.banners.show_banner(
                "read_only",
                "info",
                QCoreApplication.translate(
                    "ProspectEditor", "{badge}: this record can no longer be changed."
                ).format(badge=badges.badge_label(snap.badge)),
            )


def server_issues(errors: list[dict[str, Any]]) -> list[Issue]:
    """Field errors of an ``invalid`` push result (``payload.nik`` / ``nik-date``) as issues."""
    out = []
    for item in errors or []:
        code = str(item.get("code") or "")
        field = str(item.get("field") or "").removeprefix("payload.")
        if code and not code.startswith(("E_", "W_")):
            code = "E_" + code.upper().replace("-", "_")
        if code:
            out.append(Issue(code, field or None))
    return out
