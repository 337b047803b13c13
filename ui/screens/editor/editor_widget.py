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

This module holds the widget, its record state and the typing reactions; the work is done by
helpers in this package: ``editor_bars`` (header, bottom bar, shortcuts), ``record_loading``
(new and stored records), ``problem_list`` (checks, markers, F8), ``duplicate_checks``
(duplicates at capture) and ``save_flow`` (saves, autosave, recovery, close guard, shutdown).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent
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

from core.errors import Issue
from core.formatting import date_medium
from models.rules import validation
from models.rules.nik import check_nik
from models.services.prospects import new_prospect_id
from ui.app_context import AppContext
from ui.screens.editor import store_jobs
from ui.screens.editor.banners import BannerArea
from ui.screens.editor.choices import sex_choices
from ui.screens.editor.duplicate_checks import DuplicateChecks
from ui.screens.editor.editor_bars import (
    add_shortcuts,
    build_bottom,
    build_header,
    retranslate_bars,
    update_header,
)
from ui.screens.editor.field_marker import problem_style_sheet
from ui.screens.editor.form_section import FormSection
from ui.screens.editor.problem_list import ProblemList
from ui.screens.editor.quote_panel import QuotePanel
from ui.screens.editor.record_loading import RecordLoader
from ui.screens.editor.recovery import RecoveryLog
from ui.screens.editor.save_flow import SaveFlow
from ui.screens.editor.section_address import AddressSection
from ui.screens.editor.section_consent import ConsentSection
from ui.screens.editor.section_heirs import HeirsSection
from ui.screens.editor.section_identity import IdentitySection
from ui.screens.editor.section_nav import SectionNav
from ui.screens.editor.section_notes import NotesSection
from ui.screens.editor.section_programme import ProgrammeSection
from ui.screens.editor.section_work import WorkSection

__all__ = ["ProspectEditor"]

AUTOSAVE_MS = 10_000


class ProspectEditor(QWidget):
    """Create or edit one prospect. See the module docstring for the behaviour."""

    saved = Signal(object, str)  # prospect id, badge — after an explicit save commits
    autosaved = Signal(object)  # prospect id — after an autosave commits (lists may refresh)
    closed = Signal()
    open_record = Signal(object)  # prospect id of a duplicate ("Buka data itu")

    # Made by ``editor_bars.build_header`` / ``build_bottom`` while ``_build`` runs.
    back_button: QPushButton
    title_label: QLabel
    nik_label: QLabel
    badge_icon: QLabel
    badge_label: QLabel
    saved_label: QLabel
    problem_label: QLabel
    f8_button: QPushButton
    save_draft_button: QPushButton
    submit_button: QPushButton
    print_button: QPushButton

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
        self._loading = False
        self._acks: dict[str, str | None] = {}
        self._touched: set[str] = set()
        self._show_all = False
        self._issues: list[Issue] = []
        self._server_issues: list[Issue] = []
        self._dob_manual = False
        self._sex_manual = False
        self._consented_at: str | None = None
        self._last_saved_at: datetime | None = None
        self._last_save_auto = False
        self.close_prompt: QMessageBox | None = None  # the unsaved-changes question while open
        self.setStyleSheet(problem_style_sheet())
        self._build()
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self.autosave_now)
        self._duplicates = DuplicateChecks(self)
        self._problems = ProblemList(self)
        self._saver = SaveFlow(self)
        self._loader = RecordLoader(self)
        self._connect()
        self.retranslate()

    # ======================================================================================
    # Building
    # ======================================================================================
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 6, 8, 6)
        outer.setSpacing(6)
        outer.addLayout(build_header(self))
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
        outer.addLayout(build_bottom(self))

        # public names the tests and the shell use
        self.nik_edit = self.identity.nik_edit
        self.name_edit = self.identity.name_edit
        self.income_edit = self.work.income_edit

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
        self._shortcuts = add_shortcuts(self)

    def retranslate(self) -> None:
        retranslate_bars(self)
        for section in self.sections:
            section.retranslate()
        self.nav.set_titles([section.heading.text() for section in self.sections])
        self.quote_panel.retranslate()
        self._update_header()
        self._refresh_problems()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        self._duplicates.stop()
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
        self._loader.start_new(event_id=event_id, default_area=default_area)

    def load_existing(self, prospect_id: uuid.UUID) -> None:
        """Open a stored prospect; the form fills when the DB lane answers."""
        self._loader.start_existing(prospect_id)

    def maybe_close(self) -> bool:
        """The unsaved-changes guard: True when the editor may go (saved, discarded or clean)."""
        return self._saver.maybe_close()

    @Slot()
    def request_close(self) -> None:
        if self.maybe_close():
            self.closed.emit()

    @Slot()
    def autosave_now(self) -> None:
        """Store the working copy as a draft if anything changed (also on lock and quit)."""
        self._saver.autosave_now()

    def shutdown(self) -> None:
        """Last words before lock or quit: let a save in flight finish, store what is left as a
        draft, then refuse further saves (retries, chained autosaves) so none reaches a closed
        store. Safe to call twice."""
        self._saver.shutdown()

    @Slot()
    def save_draft(self) -> None:
        if not self._read_only:
            self._saver.save(submit=False, auto=False)

    @Slot()
    def submit(self) -> None:
        """*Simpan & kirim*: only with no error and every warning ticked."""
        if self._read_only:
            return
        self._show_all = True
        self._revalidate()
        blocking = validation.blocking(self._issues, self._acks)
        if blocking:
            self._show_not_sent_banner()
            self.next_problem()
            return
        self.banners.hide_banner("submit")
        self._saver.save(submit=True, auto=False)

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
        self._problems.walk(+1)

    @Slot()
    def previous_problem(self) -> None:
        self._problems.walk(-1)

    def visible_issues(self) -> list[tuple[str, Issue]]:
        """(row key, issue) of every problem shown now, in form order."""
        return self._problems.visible_issues()

    def field_marker(self, key: str) -> Any:
        """The marker under the row ``key`` (tests read its sentences)."""
        for section in self.sections:
            row = section.row_for(key)
            if row is not None:
                return row.marker
        raise KeyError(key)

    # ======================================================================================
    # Editing, derived values
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
            self._duplicates.schedule()
        self._refresh_problems()

    @Slot(str)
    def _on_nik_typed(self, text: str) -> None:
        digits = "".join(text.split())
        if len(digits) >= 16 or (digits and not digits.isdigit()):
            self._touched.add("nik")
        self._update_nik_hint()
        self._revalidate()
        self._duplicates.schedule()

    def _update_nik_hint(self) -> None:
        text = self.identity.nik_edit.text()
        if not text.strip():
            self.identity.set_nik_hint("")
            return
        result = check_nik(text, today=self.ctx.today())
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
        self._problems.revalidate()

    def _refresh_problems(self) -> None:
        self._problems.refresh()

    def _update_header(self) -> None:
        update_header(self, saving=self._saver.saving)

    def _show_not_sent_banner(self) -> None:
        self.banners.show_banner(
            "submit",
            "error",
            self.tr("Not sent yet: {problems}. F8 goes to each one.").format(
                problems=self._problems.summary()
            ),
        )

    @Slot(int)
    def _section_changed(self, index: int) -> None:
        if index < 0:
            return
        self.stack.setCurrentIndex(index)
        self.autosave_now()
