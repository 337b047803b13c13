"""How the editor's working copy reaches the store and is never lost: saves, autosave, recovery,
the unsaved-changes guard and the last words before lock or quit.

Every save runs ``store_jobs.save_prospect`` on the DB lane; "Saved" shows only after the commit.
An autosave (10 s after a change, on a section change, on lock and quit) stores a draft and
notes in ``RecoveryLog`` that the draft is newer than the last explicit save, so a restart after
a crash offers *Lanjutkan* / *Buang*; *Buang* undoes what autosave stored
(``store_jobs.restore_version``). A failed save keeps everything on screen and says so. One save
runs at a time: an explicit save asked for meanwhile retries shortly, an autosave is chained after
the running one. ``shutdown()`` lets a save in flight finish, queues the last draft and then
refuses further saves, so none reaches a closed store.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QThread, QTimer
from PySide6.QtWidgets import QMessageBox

from core import lanes
from core.errors import ValidationError
from core.formatting import time_wib
from ui.errors import user_message
from ui.screens.editor import store_jobs
from ui.screens.editor.editor_bars import announce
from ui.tasks import run_in_background

if TYPE_CHECKING:
    from ui.screens.editor.editor_widget import ProspectEditor
    from ui.screens.editor.recovery import Kind

__all__ = ["SaveFlow"]

log = logging.getLogger(__name__)

Done = Callable[[bool], None]


class SaveFlow:
    """The save machinery of one editor; the record state it updates stays on the editor."""

    def __init__(self, editor: ProspectEditor) -> None:
        self._editor = editor
        self.saving = False
        self.save_again = False
        self.shut = False  # after shutdown(): no more saves (the store is about to close)

    # -- saving ------------------------------------------------------------------------------
    def save(self, *, submit: bool, auto: bool, done: Done | None = None) -> None:
        editor = self._editor
        if self.shut:
            return
        if self.saving:
            self.save_again = self.save_again or auto
            if not auto:
                QTimer.singleShot(50, lambda: self.save(submit=submit, auto=auto, done=done))
            return
        editor._autosave_timer.stop()
        self.saving = True
        seq = editor._edit_seq
        job = functools.partial(
            store_jobs.save_prospect,
            editor.ctx.db,
            prospect_id=editor.prospect_id,
            payload=editor.collect_payload(),
            submit=submit,
            agent=editor.ctx.agent,
            today=editor.ctx.today(),
            acknowledged={code: reason or "" for code, reason in editor._acks.items()},
            consent=editor.consent_payload(),
            new_visits=editor.notes.new_visits(),
        )
        if not auto:
            editor.saved_label.setText(QCoreApplication.translate("ProspectEditor", "Saving…"))

        def ok(outcome: store_jobs.SaveOutcome) -> None:
            if not shiboken6.isValid(editor):
                return  # committed; the editor was closed meanwhile
            self._saved(outcome, seq=seq, submit=submit, auto=auto)
            if done is not None:
                done(True)

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(editor):
                log.error("save after close failed", exc_info=exc)
                return
            self.show_failure(exc, submit=submit, auto=auto)
            if done is not None:
                done(False)

        run_in_background(lanes.db(), job, on_success=ok, on_error=failed)

    def autosave_now(self) -> None:
        """Store the working copy as a draft if anything changed (also on lock and quit)."""
        editor = self._editor
        editor._autosave_timer.stop()
        if editor._dirty and not editor._read_only and not editor._loading:
            self.save(submit=False, auto=True)

    def _saved(
        self, outcome: store_jobs.SaveOutcome, *, seq: int, submit: bool, auto: bool
    ) -> None:
        editor = self._editor
        self.saving = False
        result = outcome.result
        editor.notes.mark_saved(outcome.visit_ids)
        editor._badge, editor._revision = result.badge, result.revision
        editor._last_saved_at = datetime.now(UTC)
        editor._last_save_auto = auto
        editor.banners.hide_banner("save_error")
        if auto:
            kind: Kind
            if editor._revision > 0:
                kind = "submitted"
            else:
                kind = "draft" if editor._explicit_exists else "new"
            editor._recovery.mark(editor.prospect_id, kind=kind)
            editor._autosaved_since_explicit = True
            editor.autosaved.emit(editor.prospect_id)
        else:
            editor._recovery.clear(editor.prospect_id)
            editor._autosaved_since_explicit = False
            editor._explicit_exists = True
            editor._loaded = None
            if seq == editor._edit_seq:
                editor._dirty = False
            editor.banners.hide_banner("recovery")
        if submit:
            editor.banners.hide_banner("submit")
        editor._update_header()
        announce(editor, editor.saved_label.text())
        if not auto:
            editor.saved.emit(editor.prospect_id, editor.badge)
        if self.save_again and editor._dirty:
            self.save_again = False
            self.autosave_now()

    def show_failure(self, exc: BaseException, *, submit: bool, auto: bool) -> None:
        """Refused by the rules (submit): show every problem. Anything else: keep the typing
        on screen, say why and offer *Coba lagi*."""
        editor = self._editor
        self.saving = False
        self.save_again = False
        if isinstance(exc, ValidationError) and submit:
            editor._show_all = True
            editor._server_issues = [i for i in exc.issues if i not in editor._issues]
            editor._revalidate()
            editor._show_not_sent_banner()
            editor._update_header()
            return
        log.error("saving prospect %s failed (auto=%s)", editor.prospect_id, auto, exc_info=exc)
        text = QCoreApplication.translate(
            "ProspectEditor", "Not saved. {reason} What you typed is still here."
        ).format(reason=user_message(exc))
        retry = editor.submit if submit else editor.save_draft
        editor.banners.show_banner(
            "save_error",
            "error",
            text,
            [(QCoreApplication.translate("ProspectEditor", "Try again"), retry)],
        )
        editor._update_header()

    # -- discarding and waiting --------------------------------------------------------------
    def discard(self, done: Done) -> None:
        """Buang: forget the edits; undo what autosave stored since the last explicit save."""
        editor = self._editor
        editor._dirty = False
        if not editor._autosaved_since_explicit:
            editor._recovery.clear(editor.prospect_id)
            done(True)
            return
        original = editor._loaded if editor._explicit_exists else None
        db, agent, today, pid = (
            editor.ctx.db,
            editor.ctx.agent,
            editor.ctx.today(),
            editor.prospect_id,
        )

        def ok(_badge: str | None) -> None:
            editor._recovery.clear(pid)
            editor._autosaved_since_explicit = False
            done(True)

        def failed(exc: BaseException) -> None:
            editor._dirty = True
            self.show_failure(exc, submit=False, auto=False)
            done(False)

        run_in_background(
            lanes.db(),
            lambda: store_jobs.restore_version(
                db, prospect_id=pid, original=original, agent=agent, today=today
            ),
            on_success=ok,
            on_error=failed,
        )

    def wait(self, start: Callable[[Done], None]) -> bool:
        """Run an asynchronous save/discard and wait for its answer in a local event loop (the
        GUI stays responsive; the guard needs a yes/no before the shell switches views)."""
        loop = QEventLoop(self._editor)
        answer: list[bool] = []

        def finished(ok: bool) -> None:
            answer.append(ok)
            loop.quit()

        start(finished)
        if not answer:
            QTimer.singleShot(30_000, loop.quit)
            loop.exec()
        return bool(answer and answer[0])

    # -- closing -----------------------------------------------------------------------------
    def maybe_close(self) -> bool:
        """The unsaved-changes guard: True when the editor may go (saved, discarded or clean)."""
        editor = self._editor
        editor._autosave_timer.stop()
        if not editor._dirty or editor._read_only:
            self.forget_recovery_if_clean()
            return True
        box = QMessageBox(editor)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(QCoreApplication.translate("ProspectEditor", "Unsaved changes"))
        box.setText(
            QCoreApplication.translate(
                "ProspectEditor", "This prospect has changes that are not saved yet."
            )
        )
        save = box.addButton(
            QCoreApplication.translate("ProspectEditor", "Save draft"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        discard = box.addButton(
            QCoreApplication.translate("ProspectEditor", "Discard"),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        cancel = box.addButton(
            QCoreApplication.translate("ProspectEditor", "Cancel"),
            QMessageBox.ButtonRole.RejectRole,
        )
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        editor.close_prompt = box
        box.exec()
        editor.close_prompt = None
        clicked = box.clickedButton()
        if clicked is save:
            return self.wait(lambda done: self.save(submit=False, auto=False, done=done))
        if clicked is discard:
            return self.wait(self.discard)
        return False

    def shutdown(self) -> None:
        """Last words before lock or quit: let a save in flight finish, store what is left as a
        draft, then refuse further saves (retries, chained autosaves) so none reaches a closed
        store. Safe to call twice."""
        editor = self._editor
        if self.shut:
            return
        editor._autosave_timer.stop()
        deadline = time.monotonic() + 30
        while self.saving and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            QThread.msleep(5)
        self.save_again = False
        if editor._dirty and not editor._read_only and not editor._loading and not self.saving:
            self.wait(lambda done: self.save(submit=False, auto=True, done=done))
        self.shut = True

    def forget_recovery_if_clean(self) -> None:
        if not self._editor._dirty:
            self._editor._recovery.clear(self._editor.prospect_id)

    # -- crash recovery ----------------------------------------------------------------------
    def offer_recovery(self) -> None:
        """A record that ended with unsaved work: offer *Lanjutkan* (and *Buang* unless only
        a hand-saved draft would be undone)."""
        editor = self._editor
        marker = editor._recovery.get(editor.prospect_id)
        if marker is None or editor._read_only:
            return
        editor._autosaved_since_explicit = True
        editor._explicit_exists = marker.kind != "new"
        editor._dirty = True
        actions: list[tuple[str, Callable[[], None]]] = [
            (QCoreApplication.translate("ProspectEditor", "Continue"), self._keep_recovered)
        ]
        if marker.kind != "draft":
            actions.append(
                (QCoreApplication.translate("ProspectEditor", "Discard"), self._discard_recovered)
            )
        editor.banners.show_banner(
            "recovery",
            "info",
            QCoreApplication.translate(
                "ProspectEditor", "Work from {time} that was not saved by hand has been restored."
            ).format(time=time_wib(marker.at)),
            actions,
        )
        if marker.kind == "new":
            editor._loaded = None  # Buang deletes the draft: it was never saved by hand

    def _keep_recovered(self) -> None:
        self._editor.banners.hide_banner("recovery")

    def _discard_recovered(self) -> None:
        editor = self._editor
        editor.banners.hide_banner("recovery")
        prospect_id = editor.prospect_id

        def after(ok: bool) -> None:
            if ok and editor._loaded is not None:
                editor.load_existing(prospect_id)
            elif ok:
                editor.closed.emit()

        self.discard(after)
