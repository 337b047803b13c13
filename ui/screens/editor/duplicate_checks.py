"""Duplicates at capture (offline, on the DB lane) and their banners (DECISIONS.md "Duplicates
at capture").

A short pause after the NIK is typed or the name, birth date, village or mobile is left, one
DB-lane job asks the store for other open prospects with the same NIK (error banner
``E_NIK_DUPLICATE`` with *Buka data itu*), a *similar person* (same village and birth date, a close
name: ``models.repositories.similar_prospects``; warning banner) and the same mobile (feeds
``W_MOBILE_SHARED``). The answer is kept here and the editor's checks run again.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer

from core import lanes
from core.errors import Issue
from core.formatting import date_medium
from models.repositories.similar_prospects import SimilarProspect
from models.rules import validation
from models.rules.nik import check_nik
from ui import badges
from ui.errors import issue_message
from ui.screens.editor import store_jobs
from ui.tasks import run_in_background

if TYPE_CHECKING:
    from ui.screens.editor.editor_widget import ProspectEditor

__all__ = ["LOOKUP_DELAY_MS", "DuplicateChecks"]

log = logging.getLogger(__name__)

LOOKUP_DELAY_MS = 300

_Found = tuple[list[Any], list[SimilarProspect], list[str]]


class DuplicateChecks:
    """What the store knows about the person being typed; ``schedule()`` after a change."""

    def __init__(self, editor: ProspectEditor) -> None:
        self._editor = editor
        self.nik_duplicates: list[Any] = []
        self.mobile_shared: list[str] = []
        self.similar: list[SimilarProspect] = []
        self.timer = QTimer(editor)
        self.timer.setSingleShot(True)
        self.timer.setInterval(LOOKUP_DELAY_MS)
        self.timer.timeout.connect(self.lookup)

    def clear(self) -> None:
        self.nik_duplicates, self.mobile_shared, self.similar = [], [], []

    def schedule(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def lookup(self) -> None:
        """Ask the store now (DB lane); the answer revalidates the editor."""
        editor = self._editor
        payload = editor.collect_payload()
        nik = payload.get("nik") or ""
        nik_ok = bool(nik) and check_nik(nik, today=editor.ctx.today()).ok
        prospect_id, db = editor.prospect_id, editor.ctx.db
        name, birth = payload.get("full_name") or "", payload.get("birth_date") or ""
        village, free = payload.get("village_code"), payload.get("village_name_free")
        mobile = payload.get("mobile") or ""

        def job() -> _Found:
            dups = (
                store_jobs.find_nik_duplicates(db, nik=nik, exclude_id=prospect_id)
                if nik_ok
                else []
            )
            similar = store_jobs.find_similar(
                db,
                full_name=name,
                birth_date=birth,
                village_code=village,
                village_name=free,
                exclude_id=prospect_id,
            )
            shared = store_jobs.find_mobile_shared(db, mobile=mobile, exclude_id=prospect_id)
            return dups, similar, shared

        run_in_background(lanes.db(), job, on_success=self._found, on_error=_log_only)

    def _found(self, found: _Found) -> None:
        if not shiboken6.isValid(self._editor):
            return  # the answer came after the editor was closed
        dups, similar, shared = found
        self.nik_duplicates = list(dups)
        self.similar = [s for s in similar if s.id not in {d.id for d in dups}]
        self.mobile_shared = list(shared)
        self._editor._revalidate()

    def show_banners(self) -> None:
        """The exact-NIK error banner and the similar-person warning, or neither."""
        banners = self._editor.banners
        if self.nik_duplicates:
            first = self.nik_duplicates[0]
            issue = Issue(
                "E_NIK_DUPLICATE",
                "nik",
                {"name": f"{first.full_name} ({badges.badge_label(first.badge)})"},
            )
            banners.show_banner("duplicate", "error", issue_message(issue), [self._open(first.id)])
        else:
            banners.hide_banner("duplicate")
        if self.similar:
            other = self.similar[0]
            born = validation.as_date(other.birth_date)
            text = QCoreApplication.translate(
                "ProspectEditor",
                "Maybe already recorded: {name} ({badge}), born {date}, {village}. "
                "Check before saving.",
            ).format(
                name=other.full_name,
                badge=badges.badge_label(other.badge),
                date=date_medium(born) if born else "",
                village=other.village_name or "",
            )
            banners.show_banner("similar", "warning", text, [self._open(other.id)])
        else:
            banners.hide_banner("similar")

    def _open(self, prospect_id: Any) -> tuple[str, Any]:
        """The *Buka data itu* action of a banner."""
        label = QCoreApplication.translate("ProspectEditor", "Open that record")
        return label, lambda: self._editor.open_record.emit(prospect_id)


def _log_only(exc: BaseException) -> None:
    log.warning("duplicate lookup failed", exc_info=exc)
