"""The prospect editor (UI.md §3.4): every F1 BPU field, checked while typed, never lost.

Layout: a header (< Daftar, name, NIK, badge, "Tersimpan otomatis 14.05"), a banner row, then the
section list (Alt+1…7) | the current section's form | the *Rincian iuran* quote panel, and a
bottom bar with the problem count, F8, *Simpan draf* (Ctrl+S), *Simpan & kirim* (Ctrl+Enter) and
*Cetak*. Pure ``models.rules`` checks run on the GUI thread on every change (they take well under a
millisecond); every store call runs on the DB lane through ``ui.tasks.run_in_background``.

Typing is never lost: 10 s after a change (and on a section change) the working copy is saved as
a draft through the store, and ``ui.screens.editor.recovery`` notes that the draft is newer than
the last explicit save, so a restart after a crash offers *Lanjutkan* / *Buang*. A failed save
keeps everything on screen and says so. *Simpan & kirim* is refused while an error remains or a
warning is not ticked; *Simpan draf* never is.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QHideEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core import lanes
from core.errors import Issue, ValidationError
from core.formatting import date_medium, time_wib
from models.rules import validation
from models.rules.consent import current_notice
from models.rules.eligibility import is_minor
from models.rules.nik import check_nik, format_nik
from models.services.prospects import new_prospect_id
from ui import badges
from ui.app_context import AppContext
from ui.errors import issue_message, user_message
from ui.screens.editor import store_jobs
from ui.screens.editor.banners import BannerArea
from ui.screens.editor.choices import sex_choices
from ui.screens.editor.field_marker import ERROR_ICON, WARNING_ICON, problem_style_sheet
from ui.screens.editor.form_section import FormSection
from ui.screens.editor.issue_routing import GENERAL, row_key, visible
from ui.screens.editor.quote_panel import QuotePanel
from ui.screens.editor.recovery import RecoveryLog
from ui.screens.editor.section_address import AddressSection
from ui.screens.editor.section_consent import ConsentSection
from ui.screens.editor.section_heirs import HeirsSection
from ui.screens.editor.section_identity import IdentitySection
from ui.screens.editor.section_nav import SectionNav
from ui.screens.editor.section_notes import NotesSection
from ui.screens.editor.section_programme import ProgrammeSection
from ui.screens.editor.section_work import WorkSection
from ui.tasks import run_in_background

__all__ = ["ProspectEditor"]

log = logging.getLogger(__name__)

AUTOSAVE_MS = 10_000
LOOKUP_DELAY_MS = 300
_CHANNELS = {"PERISAI": "PERISAI", "WADAH_OFFICER": "WADAH"}


class ProspectEditor(QWidget):
    """Create or edit one prospect. See the module docstring for the behaviour."""

    saved = Signal(object, str)  # prospect id, badge — after an explicit save commits
    autosaved = Signal(object)  # prospect id — after an autosave commits (lists may refresh)
    closed = Signal()
    open_record = Signal(object)  # prospect id of a duplicate ("Buka data itu")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._recovery = RecoveryLog(ctx.profile_dir)
        self._prospect_id: uuid.UUID = new_prospect_id()
        self._loaded: store_jobs.LoadedProspect | None = None
        self._base_payload: dict[str, Any] = {}
        self._badge = "draft"
        self._revision = 0
        self._read_only = False
        self._explicit_exists = False  # a hand-saved version of this record is in the store
        self._dirty = False
        self._autosaved_since_explicit = False
        self._edit_seq = 0
        self._saving = False
        self._save_again = False
        self._shut = False  # after shutdown(): no more saves (the store is about to close)
        self._loading = False
        self._acks: dict[str, str | None] = {}
        self._touched: set[str] = set()
        self._show_all = False
        self._issues: list[Issue] = []
        self._nik_duplicates: list[Any] = []
        self._mobile_shared: list[str] = []
        self._similar: list[store_jobs.SimilarProspect] = []
        self._server_issues: list[Issue] = []
        self._dob_manual = False
        self._sex_manual = False
        self._consented_at: str | None = None
        self._last_saved_at: datetime | None = None
        self._last_save_auto = False
        self._outcome_waiters: list[Callable[[bool], None]] = []
        self.setStyleSheet(problem_style_sheet())
        self._build()
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self.autosave_now)
        self._lookup_timer = QTimer(self)
        self._lookup_timer.setSingleShot(True)
        self._lookup_timer.setInterval(LOOKUP_DELAY_MS)
        self._lookup_timer.timeout.connect(self._lookup_duplicates)
        self._connect()
        self.retranslate()

    # ======================================================================================
    # Building
    # ======================================================================================
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 6, 8, 6)
        outer.setSpacing(6)
        outer.addLayout(self._build_header())
        self.banners = BannerArea(self)
        outer.addWidget(self.banners)

        body = QHBoxLayout()
        body.setSpacing(8)
        self.nav = SectionNav(self)
        language = self.ctx.settings.language
        self.identity = IdentitySection()
        self.address = AddressSection()
        self.work = WorkSection(language=language)
        self.programme = ProgrammeSection(periods=tuple(self.ctx.settings.payment_periods))
        self.heirs = HeirsSection()
        self.consent = ConsentSection()
        self.notes = NotesSection()
        self.sections: list[FormSection] = [
            self.identity,
            self.address,
            self.work,
            self.programme,
            self.heirs,
            self.consent,
            self.notes,
        ]
        self.stack = QStackedWidget(self)
        self.scroll_areas: list[QScrollArea] = []
        for section in self.sections:
            area = QScrollArea(self.stack)
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.Shape.NoFrame)
            area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            area.setWidget(section)
            self.stack.addWidget(area)
            self.scroll_areas.append(area)
        self.quote_panel = QuotePanel(self)
        width = self.quote_panel.fontMetrics().averageCharWidth() * 34
        self.quote_panel.setMinimumWidth(width)
        self.quote_panel.setMaximumWidth(int(width * 1.3))
        body.addWidget(self.nav, 0)
        body.addWidget(self.stack, 1)
        body.addWidget(self.quote_panel, 0)
        outer.addLayout(body, 1)
        outer.addLayout(self._build_bottom())

        # public names the tests and the shell use
        self.nik_edit = self.identity.nik_edit
        self.name_edit = self.identity.name_edit
        self.income_edit = self.work.income_edit

    def _build_header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(10)
        self.back_button = QPushButton(self)
        self.title_label = QLabel(self)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title_label.setFont(font)
        self.nik_label = QLabel(self)
        self.nik_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.badge_icon = QLabel(self)
        self.badge_label = QLabel(self)
        self.saved_label = QLabel(self)
        self.saved_label.setAccessibleName(self.tr("Save status"))
        row.addWidget(self.back_button)
        row.addWidget(self.title_label)
        row.addWidget(self.nik_label)
        row.addSpacing(6)
        row.addWidget(self.badge_icon)
        row.addWidget(self.badge_label)
        row.addStretch(1)
        row.addWidget(self.saved_label)
        return row

    def _build_bottom(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(10)
        self.problem_label = QLabel(self)
        self.f8_button = QPushButton("F8", self)
        self.save_draft_button = QPushButton(self)
        self.submit_button = QPushButton(self)
        self.submit_button.setDefault(False)
        self.print_button = QPushButton(self)  # the main window opens the print dialog
        row.addWidget(self.problem_label)
        row.addWidget(self.f8_button)
        row.addStretch(1)
        row.addWidget(self.save_draft_button)
        row.addWidget(self.submit_button)
        row.addWidget(self.print_button)
        return row

    def _connect(self) -> None:
        self.back_button.clicked.connect(self.request_close)
        self.nav.currentRowChanged.connect(self._section_changed)
        self.save_draft_button.clicked.connect(self.save_draft)
        self.submit_button.clicked.connect(self.submit)
        self.f8_button.clicked.connect(self.next_problem)
        for section in self.sections:
            section.edited.connect(self._on_edited)
            section.field_left.connect(self._on_field_left)
            section.acknowledged.connect(self._on_acknowledged)
        self.identity.nik_edit.textEdited.connect(self._on_nik_typed)
        self.identity.birth_date_edit.dateChanged.connect(self._on_dob_changed)
        self.identity.sex_combo.activated.connect(self._on_sex_chosen)
        self.identity.name_edit.textEdited.connect(self._update_header)
        self.address.regions.changed.connect(self._on_edited)
        shortcuts: list[tuple[QKeySequence | str, Callable[[], None]]] = [
            (QKeySequence(QKeySequence.StandardKey.Save), self.save_draft),
            ("Ctrl+Return", self.submit),
            ("Ctrl+Enter", self.submit),
            ("F8", self.next_problem),
            ("Shift+F8", self.previous_problem),
            ("Esc", self.request_close),
        ]
        for number in range(1, len(self.sections) + 1):
            shortcuts.append((f"Alt+{number}", lambda n=number: self.go_to_section(n - 1)))
        self._shortcuts = []
        for keys, slot in shortcuts:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self._shortcuts.append(shortcut)

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("< List"))
        self.back_button.setToolTip(self.tr("Back to the list (Esc)"))
        self.save_draft_button.setText(self.tr("Save draft"))
        self.save_draft_button.setToolTip(self.tr("Keep as a draft on this laptop (Ctrl+S)"))
        self.submit_button.setText(self.tr("Save && send"))
        self.submit_button.setToolTip(self.tr("Save and queue for sending (Ctrl+Enter)"))
        self.print_button.setText(self.tr("Print"))
        self.print_button.setToolTip(self.tr("Print this form (Ctrl+P)"))
        self.f8_button.setToolTip(self.tr("Next problem (F8), previous (Shift+F8)"))
        self.f8_button.setAccessibleName(self.tr("Next problem"))
        self.nav.setAccessibleName(self.tr("Sections"))
        for section in self.sections:
            section.retranslate()
        self.nav.set_titles([section.heading.text() for section in self.sections])
        self.quote_panel.retranslate()
        self._update_header()
        self._refresh_problems()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        self._lookup_timer.stop()
        super().hideEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ======================================================================================
    # Public API
    # ======================================================================================
    @property
    def prospect_id(self) -> uuid.UUID:
        return self._prospect_id

    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def badge(self) -> str:
        return self._badge

    @property
    def revision(self) -> int:
        return self._revision

    def issues(self) -> list[Issue]:
        """Every current issue (also those not shown yet)."""
        return list(self._issues)

    def load_new(
        self, *, event_id: uuid.UUID | None = None, default_area: str | None = None
    ) -> None:
        """Start a new prospect (its id is made now) in the event's or the agent's area."""
        self._reset()
        self._prospect_id = new_prospect_id()
        self._base_payload = {
            "registration_date": self._today().isoformat(),
            "branch_code": getattr(self.ctx.agent, "branch_code", None)
            or self.ctx.settings.branch_code,
        }
        if event_id is not None:
            self._base_payload["outreach_event_id"] = str(event_id)
        kind = getattr(self.ctx.agent, "agent_kind", None)
        self._base_payload["channel"] = _CHANNELS.get(kind or "", "FIELD_AGENT")
        self._loading = True
        try:
            self.address.set_default_area(
                default_area or getattr(self.ctx.agent, "area_code", None)
            )
        finally:
            self._loading = False
        self._after_load()
        self.go_to_section(0)

    def load_existing(self, prospect_id: uuid.UUID) -> None:
        """Open a stored prospect; the form fills when the DB lane answers."""
        self._reset()
        self._prospect_id = prospect_id
        self.saved_label.setText(self.tr("Loading…"))
        self.setEnabled(False)
        run_in_background(
            lanes.db(),
            lambda: store_jobs.load_prospect(self.ctx.db, prospect_id=prospect_id),
            on_success=self._loaded_ok,
            on_error=self._load_failed,
        )

    def maybe_close(self) -> bool:
        """The unsaved-changes guard: True when the editor may go (saved, discarded or clean)."""
        self._autosave_timer.stop()
        if not self._dirty or self._read_only:
            self._forget_recovery_if_clean()
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Unsaved changes"))
        box.setText(self.tr("This prospect has changes that are not saved yet."))
        save = box.addButton(self.tr("Save draft"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        self.close_prompt = box
        box.exec()
        self.close_prompt = None
        clicked = box.clickedButton()
        if clicked is save:
            return self._wait(lambda done: self._save(submit=False, auto=False, done=done))
        if clicked is discard:
            return self._wait(self._discard)
        return False

    @Slot()
    def request_close(self) -> None:
        if self.maybe_close():
            self.closed.emit()

    @Slot()
    def autosave_now(self) -> None:
        """Store the working copy as a draft if anything changed (also on lock and quit)."""
        self._autosave_timer.stop()
        if self._dirty and not self._read_only and not self._loading:
            self._save(submit=False, auto=True)

    def shutdown(self) -> None:
        """Last words before lock or quit: let a save in flight finish, store what is left as a
        draft, then refuse further saves (retries, chained autosaves) so none reaches a closed
        store. Safe to call twice."""
        if self._shut:
            return
        self._autosave_timer.stop()
        deadline = time.monotonic() + 30
        while self._saving and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            QThread.msleep(5)
        self._save_again = False
        if self._dirty and not self._read_only and not self._loading and not self._saving:
            self._wait(lambda done: self._save(submit=False, auto=True, done=done))
        self._shut = True

    @Slot()
    def save_draft(self) -> None:
        if not self._read_only:
            self._save(submit=False, auto=False)

    @Slot()
    def submit(self) -> None:
        """*Simpan & kirim*: only with no error and every warning ticked."""
        if self._read_only:
            return
        self._show_all = True
        self._revalidate()
        blocking = validation.blocking(self._issues, self._acks)
        if blocking:
            self.banners.show_banner(
                "submit",
                "error",
                self.tr("Not sent yet: {problems}. F8 goes to each one.").format(
                    problems=self._problem_summary()
                ),
            )
            self.next_problem()
            return
        self.banners.hide_banner("submit")
        self._save(submit=True, auto=False)

    def go_to_section(self, index: int) -> None:
        if 0 <= index < len(self.sections):
            self.nav.setCurrentRow(index)
            target = self.sections[index].first_input()
            if target is not None:
                target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def current_section(self) -> int:
        return self.stack.currentIndex()

    @Slot()
    def next_problem(self) -> None:
        self._walk_problems(+1)

    @Slot()
    def previous_problem(self) -> None:
        self._walk_problems(-1)

    def visible_issues(self) -> list[tuple[str, Issue]]:
        """(row key, issue) of every problem shown now, in form order."""
        paper = self.consent.paper_method()
        shown = []
        for issue in self._issues:
            key = row_key(issue, paper_method=paper)
            if visible(issue, key=key, touched=self._touched, show_all=self._show_all):
                shown.append((key, issue))
        order = self._row_order()
        shown.sort(key=lambda item: order.get(item[0], (99, 0)))
        return shown

    def field_marker(self, key: str) -> Any:
        """The marker under the row ``key`` (tests read its sentences)."""
        for section in self.sections:
            row = section.row_for(key)
            if row is not None:
                return row.marker
        raise KeyError(key)

    # ======================================================================================
    # Loading
    # ======================================================================================
    def _reset(self) -> None:
        self._autosave_timer.stop()
        self._loaded = None
        self._base_payload = {}
        self._badge, self._revision = "draft", 0
        self._read_only = False
        self._explicit_exists = False
        self._dirty = False
        self._autosaved_since_explicit = False
        self._acks = {}
        self._touched = set()
        self._show_all = False
        self._nik_duplicates, self._mobile_shared, self._similar = [], [], []
        self._server_issues = []
        self._dob_manual = self._sex_manual = False
        self._consented_at = None
        self._last_saved_at = None
        for key in list(self.banners.keys()):
            self.banners.hide_banner(key)
        self._loading = True
        try:
            self.programme.set_today(self._today(), reset=True)
            self.notes.set_today(self._today())
            empty: dict[str, Any] = {}
            for section in self.sections:
                section.load(empty)
                section.set_read_only(False)
                section.show_field_notes({}, prefix="")
            self.heirs.load({"heirs": []})
            self.consent.load_consent(None, None)
            for pad in (self.consent.participant_pad, self.consent.agent_pad):
                pad.set_svg_path(None)
            self.notes.load_visits([])
            self.identity.set_nik_hint("")
        finally:
            self._loading = False

    def _after_load(self) -> None:
        self.consent.set_notice(current_notice(self._today()))
        self._set_save_buttons()
        self._revalidate()
        self._update_header()

    @Slot(object)
    def _loaded_ok(self, loaded: store_jobs.LoadedProspect) -> None:
        if not shiboken6.isValid(self):
            return
        self.setEnabled(True)
        snap = loaded.snapshot
        self._loaded = loaded
        self._explicit_exists = True
        self._badge, self._revision = snap.badge, snap.revision
        self._base_payload = dict(snap.payload)
        self._acks = {code: (reason or None) for code, reason in snap.acknowledged_warnings.items()}
        self._loading = True
        try:
            for section in self.sections:
                section.load(snap.payload)
            self.consent.load_consent(snap.consent, None)
            self._consented_at = (snap.consent or {}).get("consented_at")
            self.notes.load_visits(loaded.visits)
        finally:
            self._loading = False
        self._dob_manual = bool(snap.payload.get("birth_date"))
        self._sex_manual = bool(snap.payload.get("sex"))
        self._touched = {k for k, v in snap.payload.items() if v not in (None, "", [], {})}
        self._touched |= {"nik", "birth_date", "sex"} & self._touched
        self._show_all = snap.revision > 0
        self._nik_duplicates = list(snap.duplicates)
        self._server_issues = _server_issues(snap.server_errors)
        self._read_only = snap.read_only
        self._last_saved_at, self._last_save_auto = snap.updated_at, False
        for section in self.sections:
            section.set_read_only(self._read_only)
        self._after_load()
        self._show_record_banners(snap)
        self._offer_recovery()
        self._lookup_duplicates()
        self._update_nik_hint()
        self.go_to_section(0)

    @Slot(object)
    def _load_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.setEnabled(True)
        log.error("could not load prospect %s", self._prospect_id, exc_info=exc)
        self.saved_label.setText("")
        self.banners.show_banner(
            "load", "error", user_message(exc), [(self.tr("Back to the list"), self.closed.emit)]
        )

    def _show_record_banners(self, snap: Any) -> None:
        decision = snap.latest_decision
        notes = dict(snap.field_notes or {})
        if decision is not None and snap.badge in ("returned", "rejected"):
            notes = {**decision.field_notes, **notes}
            who = decision.decided_by or self.tr("Supervisor")
            text = self.tr("{who}: {note}").format(who=who, note=decision.note or "")
            self.banners.show_banner("returned", "note", text)
        prefix = self.tr("Supervisor's note:")
        for section in self.sections:
            section.show_field_notes(notes, prefix=prefix)
        if "possible_duplicate" in snap.flags:
            self.banners.show_banner(
                "server_duplicate",
                "info",
                self.tr("Possible duplicate – the supervisor will check."),
            )
        if snap.read_only:
            self.banners.show_banner(
                "read_only",
                "info",
                self.tr("{badge}: this record can no longer be changed.").format(
                    badge=badges.badge_label(snap.badge)
                ),
            )

    def _offer_recovery(self) -> None:
        marker = self._recovery.get(self._prospect_id)
        if marker is None or self._read_only:
            return
        self._autosaved_since_explicit = True
        self._explicit_exists = marker.kind != "new"
        self._dirty = True
        actions: list[tuple[str, Callable[[], None]]] = [
            (self.tr("Continue"), self._keep_recovered)
        ]
        if marker.kind != "draft":
            actions.append((self.tr("Discard"), self._discard_recovered))
        self.banners.show_banner(
            "recovery",
            "info",
            self.tr("Work from {time} that was not saved by hand has been restored.").format(
                time=time_wib(marker.at)
            ),
            actions,
        )
        if marker.kind == "new":
            self._loaded = None  # Buang deletes the draft: it was never saved by hand

    @Slot()
    def _keep_recovered(self) -> None:
        self.banners.hide_banner("recovery")

    @Slot()
    def _discard_recovered(self) -> None:
        self.banners.hide_banner("recovery")
        prospect_id = self._prospect_id

        def after(ok: bool) -> None:
            if ok and self._loaded is not None:
                self.load_existing(prospect_id)
            elif ok:
                self.closed.emit()

        self._discard(after)

    # ======================================================================================
    # Editing, validation, derived values
    # ======================================================================================
    @Slot()
    def _on_edited(self) -> None:
        if self._loading:
            return
        self._edit_seq += 1
        self._dirty = True
        if not self._autosave_timer.isActive():
            self._autosave_timer.start()
        self._revalidate()
        self._update_header()

    @Slot(str)
    def _on_field_left(self, key: str) -> None:
        if self._loading:
            return
        self._touched.add(key)
        if key in ("full_name", "birth_date", "village_code", "mobile"):
            self._lookup_timer.start()
        self._refresh_problems()

    @Slot(str)
    def _on_nik_typed(self, text: str) -> None:
        digits = "".join(text.split())
        if len(digits) >= 16 or (digits and not digits.isdigit()):
            self._touched.add("nik")
        self._update_nik_hint()
        self._revalidate()
        self._lookup_timer.start()

    def _update_nik_hint(self) -> None:
        text = self.identity.nik_edit.text()
        if not text.strip():
            self.identity.set_nik_hint("")
            return
        result = check_nik(text, today=self._today())
        if not result.ok or result.birth_date is None:
            self.identity.set_nik_hint("")
            return
        self._loading = True
        try:
            self.identity.apply_nik_derivation(
                result.birth_date, result.sex, overwrite=not (self._dob_manual or self._sex_manual)
            )
        finally:
            self._loading = False
        sex = next((label for code, label in sex_choices() if code == result.sex), "")
        self.identity.set_nik_hint(
            self.tr("From the NIK: {sex}, born {date}").format(
                sex=sex, date=date_medium(result.birth_date)
            )
        )

    @Slot()
    def _on_dob_changed(self) -> None:
        if not self._loading:
            self._dob_manual = True
            self._touched.add("birth_date")

    @Slot()
    def _on_sex_chosen(self) -> None:
        self._sex_manual = True
        self._touched.add("sex")

    @Slot(str, bool, str)
    def _on_acknowledged(self, code: str, checked: bool, reason: str) -> None:
        if checked:
            self._acks[code] = reason or None
        else:
            self._acks.pop(code, None)
        self._on_edited()

    def collect_payload(self) -> dict[str, Any]:
        """The working copy as a ``ProspectPayload``-shaped dict (what a save stores)."""
        payload = dict(self._base_payload)
        for key in ("acknowledged_warnings", "quote"):
            payload.pop(key, None)
        for section in self.sections:
            section.collect(payload)
        return payload

    def consent_payload(self) -> dict[str, Any] | None:
        values = self.consent.consent_values()
        if values is None:
            return None
        if self._consented_at is None:
            self._consented_at = datetime.now(UTC).isoformat()
        values["consented_at"] = self._consented_at
        if values.get("guardian") is None:
            values.pop("guardian")
        return values

    def _revalidate(self) -> None:
        payload = self.collect_payload()
        agent = self.ctx.agent
        today = self._today()
        consent = self.consent_payload()
        issues = validation.check_prospect(
            payload,
            today=today,
            consent=consent,
            local_duplicates=[d.full_name or str(d.id) for d in self._nik_duplicates],
            mobile_shared_with=self._mobile_shared,
            branch_regencies=agent.branch_regencies,
            max_age=agent.max_age,
            below_minimum=agent.below_minimum,
            payment_periods=agent.payment_periods,
        )
        self._issues = issues + [i for i in self._server_issues if i not in issues]
        birth = validation.as_date(payload.get("birth_date"))
        self.consent.set_minor(birth is not None and is_minor(birth, on=today))
        quote = validation.quote_for(
            payload,
            below_minimum=agent.below_minimum,
            payment_periods=agent.payment_periods,
        )
        self.quote_panel.show_quote(quote)
        self._refresh_problems()

    def _describe(self, issue: Issue) -> str:
        text = issue_message(issue)
        field = issue.field or ""
        if field.startswith("heirs."):
            parts = field.split(".")
            if len(parts) > 1 and parts[1].isdigit():
                return self.tr("Heir {n}: {text}").format(n=int(parts[1]) + 1, text=text)
        return text

    def _refresh_problems(self) -> None:
        shown = self.visible_issues()
        by_key: dict[str, list[Issue]] = {}
        for key, issue in shown:
            by_key.setdefault(key, []).append(issue)
        for index, section in enumerate(self.sections):
            section.show_issues(by_key, describe=self._describe, acks=self._acks)
            keys = set(section.rows) | {k for row in section.rows.values() for k in row.extra_keys}
            mine = [issue for key, issue in shown if key in keys]
            errors = sum(1 for i in mine if i.is_error)
            warnings = sum(1 for i in mine if i.is_warning and i.code not in self._acks)
            touched = self._show_all or bool(keys & self._touched)
            self.nav.set_status(index, errors=errors, warnings=warnings, touched=touched)
        general = [i for key, i in shown if key == GENERAL]
        if general:
            self.banners.show_banner(
                "general", "error", " ".join(self._describe(i) for i in general)
            )
        else:
            self.banners.hide_banner("general")
        self._show_duplicate_banners()
        self.problem_label.setText(self._problem_summary())

    def _problem_summary(self) -> str:
        shown = self.visible_issues()
        errors = sum(1 for _k, i in shown if i.is_error)
        warnings = sum(1 for _k, i in shown if i.is_warning and i.code not in self._acks)
        if not errors and not warnings:
            return self.tr("No problems")
        parts = []
        if errors:
            parts.append(f"{ERROR_ICON} " + self.tr("%n error(s)", "", errors))
        if warnings:
            parts.append(f"{WARNING_ICON} " + self.tr("%n warning(s)", "", warnings))
        return "   ".join(parts)

    def _row_order(self) -> dict[str, tuple[int, int]]:
        order: dict[str, tuple[int, int]] = {}
        for s_index, section in enumerate(self.sections):
            for r_index, key in enumerate(section.field_keys()):
                order[key] = (s_index, r_index)
        order[GENERAL] = (-1, 0)
        return order

    def _walk_problems(self, step: int) -> None:
        keys: list[str] = []
        for key, issue in self.visible_issues():
            if key == GENERAL or key in keys:
                continue
            if issue.is_error or issue.code not in self._acks:
                keys.append(key)
        if not keys:
            return
        order = self._row_order()
        here = self._focused_key()
        position = order.get(here or "", (self.current_section(), -1))
        if step > 0:
            after = [k for k in keys if order[k] > position]
            target = after[0] if after else keys[0]
        else:
            before = [k for k in keys if order[k] < position]
            target = before[-1] if before else keys[-1]
        self._focus_row(target)

    def _focused_key(self) -> str | None:
        focus = self.focusWidget()
        for section in self.sections:
            for key, row in section.rows.items():
                if focus in row.inputs or focus in row.marker.focus_targets():
                    return key
        return None

    def _focus_row(self, key: str) -> None:
        for index, section in enumerate(self.sections):
            row = section.rows.get(key)
            if row is None:
                continue
            self.nav.setCurrentRow(index)
            targets = [w for w in row.inputs if w.isEnabled() and section.shown(w)]
            targets += row.marker.focus_targets()
            if targets:
                targets[0].setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.scroll_areas[index].ensureWidgetVisible(row.marker)
            return

    @Slot(int)
    def _section_changed(self, index: int) -> None:
        if index < 0:
            return
        self.stack.setCurrentIndex(index)
        self.autosave_now()

    # ======================================================================================
    # Duplicates at capture (offline, on the DB lane)
    # ======================================================================================
    @Slot()
    def _lookup_duplicates(self) -> None:
        payload = self.collect_payload()
        nik = payload.get("nik") or ""
        nik_ok = bool(nik) and check_nik(nik, today=self._today()).ok
        prospect_id, db = self._prospect_id, self.ctx.db
        name, birth = payload.get("full_name") or "", payload.get("birth_date") or ""
        village, free = payload.get("village_code"), payload.get("village_name_free")
        mobile = payload.get("mobile") or ""

        def job() -> tuple[list[Any], list[store_jobs.SimilarProspect], list[str]]:
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

        run_in_background(lanes.db(), job, on_success=self._duplicates_found, on_error=_log_only)

    @Slot(object)
    def _duplicates_found(self, found: tuple[list[Any], list[Any], list[str]]) -> None:
        if not shiboken6.isValid(self):
            return  # the answer came after the editor was closed
        dups, similar, shared = found
        self._nik_duplicates = list(dups)
        self._similar = [s for s in similar if s.id not in {d.id for d in dups}]
        self._mobile_shared = list(shared)
        self._revalidate()

    def _show_duplicate_banners(self) -> None:
        if self._nik_duplicates:
            first = self._nik_duplicates[0]
            issue = Issue(
                "E_NIK_DUPLICATE",
                "nik",
                {"name": f"{first.full_name} ({badges.badge_label(first.badge)})"},
            )
            self.banners.show_banner(
                "duplicate",
                "error",
                issue_message(issue),
                [(self.tr("Open that record"), lambda i=first.id: self.open_record.emit(i))],
            )
        else:
            self.banners.hide_banner("duplicate")
        if self._similar:
            other = self._similar[0]
            born = validation.as_date(other.birth_date)
            self.banners.show_banner(
                "similar",
                "warning",
                self.tr(
                    "Maybe already recorded: {name} ({badge}), born {date}, {village}. "
                    "Check before saving."
                ).format(
                    name=other.full_name,
                    badge=badges.badge_label(other.badge),
                    date=date_medium(born) if born else "",
                    village=other.village_name or "",
                ),
                [(self.tr("Open that record"), lambda i=other.id: self.open_record.emit(i))],
            )
        else:
            self.banners.hide_banner("similar")

    # ======================================================================================
    # Saving
    # ======================================================================================
    def _save(
        self, *, submit: bool, auto: bool, done: Callable[[bool], None] | None = None
    ) -> None:
        if self._shut:
            return
        if self._saving:
            self._save_again = self._save_again or auto
            if not auto:
                QTimer.singleShot(50, lambda: self._save(submit=submit, auto=auto, done=done))
            return
        self._autosave_timer.stop()
        self._saving = True
        seq = self._edit_seq
        payload = self.collect_payload()
        consent = self.consent_payload()
        acks = {code: reason or "" for code, reason in self._acks.items()}
        visits = self.notes.new_visits()
        args = {
            "prospect_id": self._prospect_id,
            "payload": payload,
            "submit": submit,
            "agent": self.ctx.agent,
            "today": self._today(),
            "acknowledged": acks,
            "consent": consent,
            "new_visits": visits,
        }
        db = self.ctx.db
        if not auto:
            self.saved_label.setText(self.tr("Saving…"))

        def ok(outcome: store_jobs.SaveOutcome) -> None:
            if not shiboken6.isValid(self):
                return  # committed; the editor was closed meanwhile
            self._saved(outcome, seq=seq, submit=submit, auto=auto)
            if done is not None:
                done(True)

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                log.error("save after close failed", exc_info=exc)
                return
            self._save_failed(exc, submit=submit, auto=auto)
            if done is not None:
                done(False)

        run_in_background(
            lanes.db(), lambda: store_jobs.save_prospect(db, **args), on_success=ok, on_error=failed
        )

    def _saved(
        self, outcome: store_jobs.SaveOutcome, *, seq: int, submit: bool, auto: bool
    ) -> None:
        self._saving = False
        result = outcome.result
        self.notes.mark_saved(outcome.visit_ids)
        self._badge, self._revision = result.badge, result.revision
        self._last_saved_at = datetime.now(UTC)
        self._last_save_auto = auto
        self.banners.hide_banner("save_error")
        if auto:
            kind = (
                "submitted" if self._revision > 0 else ("draft" if self._explicit_exists else "new")
            )
            self._recovery.mark(self._prospect_id, kind=kind)
            self._autosaved_since_explicit = True
            self.autosaved.emit(self._prospect_id)
        else:
            self._recovery.clear(self._prospect_id)
            self._autosaved_since_explicit = False
            self._explicit_exists = True
            self._loaded = None
            if seq == self._edit_seq:
                self._dirty = False
            self.banners.hide_banner("recovery")
        if submit:
            self.banners.hide_banner("submit")
        self._update_header()
        self._announce(self.saved_label.text())
        if not auto:
            self.saved.emit(self._prospect_id, self._badge)
        if self._save_again and self._dirty:
            self._save_again = False
            self.autosave_now()

    def _save_failed(self, exc: BaseException, *, submit: bool, auto: bool) -> None:
        self._saving = False
        self._save_again = False
        if isinstance(exc, ValidationError) and submit:
            self._show_all = True
            self._server_issues = [i for i in exc.issues if i not in self._issues]
            self._revalidate()
            self.banners.show_banner(
                "submit",
                "error",
                self.tr("Not sent yet: {problems}. F8 goes to each one.").format(
                    problems=self._problem_summary()
                ),
            )
            self._update_header()
            return
        log.error("saving prospect %s failed (auto=%s)", self._prospect_id, auto, exc_info=exc)
        text = self.tr("Not saved. {reason} What you typed is still here.").format(
            reason=user_message(exc)
        )
        self.banners.show_banner(
            "save_error", "error", text, [(self.tr("Try again"), self._retry_save(submit))]
        )
        self._update_header()

    def _retry_save(self, submit: bool) -> Callable[[], None]:
        return lambda: self.submit() if submit else self.save_draft()

    def _discard(self, done: Callable[[bool], None]) -> None:
        """Buang: forget the edits; undo what autosave stored since the last explicit save."""
        self._dirty = False
        if not self._autosaved_since_explicit:
            self._recovery.clear(self._prospect_id)
            done(True)
            return
        original = self._loaded if self._explicit_exists else None
        db, agent, today, pid = self.ctx.db, self.ctx.agent, self._today(), self._prospect_id

        def ok(_badge: str | None) -> None:
            self._recovery.clear(pid)
            self._autosaved_since_explicit = False
            done(True)

        def failed(exc: BaseException) -> None:
            self._dirty = True
            self._save_failed(exc, submit=False, auto=False)
            done(False)

        run_in_background(
            lanes.db(),
            lambda: store_jobs.restore_version(
                db, prospect_id=pid, original=original, agent=agent, today=today
            ),
            on_success=ok,
            on_error=failed,
        )

    def _wait(self, start: Callable[[Callable[[bool], None]], None]) -> bool:
        """Run an asynchronous save/discard and wait for its answer in a local event loop (the
        GUI stays responsive; the guard needs a yes/no before the shell switches views)."""
        loop = QEventLoop(self)
        answer: list[bool] = []

        def finished(ok: bool) -> None:
            answer.append(ok)
            loop.quit()

        start(finished)
        if not answer:
            QTimer.singleShot(30_000, loop.quit)
            loop.exec()
        return bool(answer and answer[0])

    def _forget_recovery_if_clean(self) -> None:
        if not self._dirty:
            self._recovery.clear(self._prospect_id)

    # ======================================================================================
    # Header, buttons
    # ======================================================================================
    def _update_header(self) -> None:
        name = self.identity.name_edit.text().strip()
        self.title_label.setText(name or self.tr("New prospect"))
        digits = "".join(self.identity.nik_edit.text().split())
        self.nik_label.setText(format_nik(digits) if digits.isdigit() and len(digits) == 16 else "")
        size = self.badge_label.fontMetrics().height()
        self.badge_icon.setPixmap(badges.badge_icon(self._badge).pixmap(size, size))
        self.badge_label.setText(badges.badge_label(self._badge))
        self.badge_label.setToolTip(badges.badge_tooltip(self._badge))
        self.badge_icon.setAccessibleName(badges.badge_label(self._badge))
        if self._saving and not self._last_save_auto:
            return
        if self._last_saved_at is not None and not self._dirty:
            text = self.tr("Saved {time}").format(time=time_wib(self._last_saved_at))
        elif self._last_saved_at is not None and self._last_save_auto:
            text = self.tr("Saved automatically {time}").format(time=time_wib(self._last_saved_at))
        elif self._dirty:
            text = self.tr("Not saved yet")
        else:
            text = ""
        self.saved_label.setText(text)

    def _set_save_buttons(self) -> None:
        for button in (self.save_draft_button, self.submit_button):
            button.setEnabled(not self._read_only)

    def _announce(self, text: str) -> None:
        if text:
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.saved_label, text))

    def _today(self) -> date:
        return self.ctx.today()


def _server_issues(errors: list[dict[str, Any]]) -> list[Issue]:
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


def _log_only(exc: BaseException) -> None:
    log.warning("duplicate lookup failed", exc_info=exc)
