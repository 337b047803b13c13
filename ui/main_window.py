"""The one window of the agent app (UI.md §2, §3.1–3.3, §3.7): setup, unlock, list, editor.

``MainWindow`` shows the first-run wizard when the laptop has no profile, else the unlock
screen. Unlocking builds the session: an ``AppContext`` (store, settings, agent, clock, sync
controller), the prospect list, the to-do list and, on demand, the prospect editor, each a page
of a ``QStackedWidget``. *Kunci* (Ctrl+L or idle for ``auto_lock_minutes``) autosaves the
editor, lets the DB lane finish, closes the store and returns to the unlock screen.

Settings saved in the dialog apply at once: language (every screen retranslates on
``LanguageChange``), contrast and touch mode (theme), auto-lock time.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from core import lanes
from core import settings as settings_io
from core.errors import ConflictError
from core.settings import Settings
from models.keyfile import KdfParams
from ui import preload, theme, translations
from ui.about import APP_NAME, app_version
from ui.app_context import AppContext
from ui.confirm import ask
from ui.idle import IdleWatcher
from ui.record_actions import RecordActions
from ui.screens.unlock import UnlockScreen
from ui.session import (
    Enrollment,
    OpeningSession,
    UnlockedSession,
    read_counts,
    read_enrollment,
)
from ui.status_bar import JangkauStatusBar
from ui.sync_controller import SyncController
from ui.tasks import run_in_background
from ui.window_state import restore_window, save_window

if TYPE_CHECKING:
    from ui.screens.editor.editor_widget import ProspectEditor
    from ui.screens.needs_correction import NeedsCorrectionView
    from ui.screens.prospect_list import ProspectListView
    from ui.screens.review.supervisor_mode import SupervisorMode
    from ui.screens.setup_wizard import SetupWizard

log = logging.getLogger(__name__)

__all__ = ["MainWindow", "PREPARE_DELAY_MS"]

# How long the unlock screen waits, idle, before building the list screen in advance; no one
# types a password this fast, and a fast typist's keys are not delayed by it.
PREPARE_DELAY_MS = 300


def _application() -> QApplication:
    """The running application, typed: ``instance()`` answers a ``QCoreApplication``, but a
    window exists only under a ``QApplication``."""
    return cast(QApplication, QApplication.instance())


class MainWindow(QMainWindow):
    record_saved = Signal(object)  # prospect id, after an explicit save committed
    session_started = Signal()
    locked = Signal()
    settings_applied = Signal(object)
    supervisor_created = Signal(object)  # SupervisorMode, made on first use

    def __init__(
        self,
        settings: Settings,
        *,
        argon2_params: KdfParams | None = None,
        today: Callable[[], date] = date.today,
        clock: Callable[[], float] = time.monotonic,
        restore_geometry: bool = True,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.context: AppContext | None = None
        self.session: UnlockedSession | None = None
        self.sync: SyncController | None = None
        self.list_view: ProspectListView | None = None
        self.corrections_view: NeedsCorrectionView | None = None
        self.editor: ProspectEditor | None = None
        self.active_dialog: QWidget | None = None
        self._today = today
        self._argon2 = argon2_params
        self._locking = False
        self._wizard: SetupWizard | None = None
        self._wizard_holder: QWidget | None = None
        self._supervisor: SupervisorMode | None = None
        self.setObjectName("mainWindow")
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.unlock_screen = UnlockScreen(lambda: self.settings, clock=clock)
        self.views = QStackedWidget(self)
        self.stack.addWidget(self.unlock_screen)
        self.stack.addWidget(self.views)
        self.status = JangkauStatusBar(self)
        self.status.set_today(today)
        self.setStatusBar(self.status)
        self._create_actions()
        self._create_menus_and_toolbar()
        from ui.screens.outreach.coverage_actions import CoverageActions

        self.coverage = CoverageActions(self)  # Kegiatan (Ctrl+4), Dasbor (Ctrl+5), event combo
        from ui.screens.sync_actions import SyncActions

        self.sync_actions = SyncActions(self)  # sync panel, enrollment, message bar (UI.md §3.6)
        self.records = RecordActions(self)  # delete, withdraw, history of one prospect
        self.printing: Any = None  # the Cetak menu (UI.md §3.5), made with the first session
        self.idle = IdleWatcher(settings.auto_lock_minutes * 60_000, self)
        self.idle.idle.connect(self.lock)
        self._opening: OpeningSession | None = None
        self._deferred: list[Callable[[], object]] = []
        self._busy_cursor = False
        self._immediate = {
            self.close,
            self.show_help,
            self.show_about,
            self.show_list,
            self.focus_search,
        }
        self._first_page_pending = False
        self._spare_list: ProspectListView | None = None
        self._prepare_timer = QTimer(self)
        self._prepare_timer.setSingleShot(True)
        self._prepare_timer.setInterval(PREPARE_DELAY_MS)
        self._prepare_timer.timeout.connect(lambda: self._prepare_session_screens(warm=True))
        self.unlock_screen.unlock_started.connect(self._prepare_session_screens)
        self.unlock_screen.opening.connect(self._session_opening)
        self.unlock_screen.open_failed.connect(self._opening_failed)
        self.unlock_screen.unlocked.connect(self._session_ready)
        self.unlock_screen.add_profile_requested.connect(self.show_setup)
        # Masuk sebagai pengawas: online sign-in, then the review workspace in this stack
        self.unlock_screen.supervisor_requested.connect(self._supervisor_sign_in)
        self.retranslate_ui()
        theme.size_controls(self)  # until the sizing filter is on (theme.watch_controls)
        self.resize(1366, 768)
        if restore_geometry:
            restore_window(self)
        self.show_start()

    # The setup wizard and supervisor mode are made on first use: a laptop with a profile
    # starts at the unlock screen, and importing and building them (the review client pulls in
    # requests) is ~0.3 s of CPU on the way to the list.

    @property
    def wizard(self) -> SetupWizard:
        if self._wizard is None:
            from ui.screens.setup_wizard import SetupWizard

            wizard = SetupWizard(lambda: self.settings, argon2_params=self._argon2)
            self._wizard = wizard
            self._wizard_holder = self._centred_card(wizard)
            self.stack.insertWidget(0, self._wizard_holder)
            wizard.setup_done.connect(self._session_ready)
            wizard.setup_cancelled.connect(self._setup_cancelled)
            wizard.language_chosen.connect(self._wizard_language)
            wizard.enroll_requested.connect(self._enroll_requested)
            wizard.supervisor_requested.connect(self._supervisor_sign_in)
        return self._wizard

    @property
    def wizard_holder(self) -> QWidget:
        self.wizard  # noqa: B018 - made with the wizard
        assert self._wizard_holder is not None
        return self._wizard_holder

    @property
    def supervisor(self) -> SupervisorMode:
        if self._supervisor is None:
            from ui.screens.review.supervisor_mode import SupervisorMode

            self._supervisor = SupervisorMode(self, today=self._today)
            self.supervisor_created.emit(self._supervisor)
        return self._supervisor

    @Slot()
    def _supervisor_sign_in(self) -> None:
        theme.watch_controls(_application())
        self.supervisor.sign_in()

    def _centred_card(self, content: QWidget) -> QWidget:
        """The setup wizard as a card in the middle of the window, not stretched to 1366 px."""
        holder = QWidget(self)
        card = QFrame(holder)
        card.setObjectName("card")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(12, 12, 12, 12)
        inner.addWidget(content)
        char = self.fontMetrics().averageCharWidth()
        card.setMaximumWidth(110 * char)
        card.setMinimumWidth(min(90 * char, 1200))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        outer = QVBoxLayout(holder)
        outer.addStretch(1)
        outer.addLayout(row, 8)
        outer.addStretch(1)
        return holder

    # -- actions, menus, toolbar --------------------------------------------------------------

    def _action(
        self,
        glyph: str | None,
        slot: Callable[[], object],
        shortcut: QKeySequence | str | None = None,
    ) -> QAction:
        action = QAction(self)
        if glyph:
            action.setIcon(theme.glyph_icon(glyph))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: self._trigger(slot))
        self.addAction(action)
        return action

    def _trigger(self, slot: Callable[[], object]) -> None:
        if slot in self._immediate or not self.after_opening(slot):
            slot()

    def after_opening(self, action: Callable[[], object]) -> bool:
        """While the session opens (the list already shown), keep ``action`` for the moment it
        is open, so Ctrl+N or Enter on a row in that half-second is not lost (True: kept)."""
        if self.context is not None or self._opening is None:
            return False
        self._deferred.append(action)
        return True

    def _end_opening(self) -> None:
        self._opening = None
        if self._busy_cursor:
            self._busy_cursor = False
            QApplication.restoreOverrideCursor()

    def _create_actions(self) -> None:
        self.act_new = self._action("new", self.new_prospect, "Ctrl+N")
        self.act_print = self._action("print", self.print_forms, "Ctrl+P")
        self.act_print.setEnabled(False)
        self.act_save = self._action(None, self.save_draft)  # Ctrl+S belongs to the editor
        self.act_sync = self._action("sync", self.sync_now, "F5")
        self.act_list = self._action("list", self.show_list, "Ctrl+1")
        self.act_corrections = self._action("todo", self.show_corrections, "Ctrl+2")
        self.act_search = self._action("search", self.focus_search, "Ctrl+F")
        self.act_settings = self._action("settings", self.open_settings, "Ctrl+,")
        self.act_lock = self._action("lock", self.lock, "Ctrl+L")
        self.act_help = self._action("help", self.show_help, "F1")
        self.act_about = self._action(None, self.show_about)
        self.act_quit = self._action(None, self.close, "Ctrl+Q")
        self.session_actions = [
            self.act_new,
            self.act_save,
            self.act_sync,
            self.act_list,
            self.act_corrections,
            self.act_search,
            self.act_settings,
            self.act_lock,
        ]

    def _create_menus_and_toolbar(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        for action in (self.act_new, self.act_save, self.act_print):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.act_lock)
        self.file_menu.addAction(self.act_quit)
        self.view_menu = bar.addMenu("")
        for action in (self.act_list, self.act_corrections, self.act_search):
            self.view_menu.addAction(action)
        self.sync_menu = bar.addMenu("")
        self.sync_menu.addAction(self.act_sync)
        self.tools_menu = bar.addMenu("")
        self.tools_menu.addAction(self.act_settings)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.act_help)
        self.help_menu.addAction(self.act_about)

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mainToolBar")
        self.toolbar.setMovable(False)
        self.toolbar.setFloatable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        side = 24 if theme.touch_enabled() else 20
        self.toolbar.setIconSize(QSize(side, side))
        self.toolbar.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.toolbar.addAction(self.act_new)
        self.toolbar.addAction(self.act_print)
        self.event_combo = QComboBox(self.toolbar)
        self.event_action = self.toolbar.addWidget(self.event_combo)
        self.event_action.setVisible(False)  # outreach events arrive with their own task
        self.toolbar.addAction(self.act_sync)
        self.toolbar.addAction(self.act_corrections)
        spacer = QWidget(self.toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addAction(self.act_settings)
        self.toolbar.addAction(self.act_lock)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self._title())
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.sync_menu.setTitle(self.tr("Sy&nc"))
        self.tools_menu.setTitle(self.tr("&Tools"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.act_new.setText(self.tr("New prospect"))
        self.act_new.setToolTip(self.tr("New prospect (Ctrl+N)"))
        self.act_print.setText(self.tr("Print"))
        self.act_print.setToolTip(self.tr("Print forms (Ctrl+P)"))
        self.act_save.setText(self.tr("Save draft") + "\tCtrl+S")
        self.act_sync.setText(self.tr("Sync now"))
        self.act_sync.setToolTip(self.tr("Sync now (F5)"))
        self.act_list.setText(self.tr("Prospect list"))
        corrections = self.sync.counts.get("corrections", 0) if self.sync else 0
        label = self.tr("Needs correction")
        self.act_corrections.setText(f"{label} ({corrections})" if corrections else label)
        self.act_corrections.setToolTip(self.tr("Needs correction (Ctrl+2)"))
        self.act_search.setText(self.tr("Search"))
        self.act_settings.setText(self.tr("Settings"))
        self.act_settings.setToolTip(self.tr("Settings (Ctrl+,)"))
        self.act_lock.setText(self.tr("Lock"))
        self.act_lock.setToolTip(self.tr("Lock (Ctrl+L)"))
        self.act_help.setText(self.tr("Help"))
        self.act_about.setText(self.tr("About Jangkau"))
        self.act_quit.setText(self.tr("Quit"))
        self.event_combo.setToolTip(self.tr("Event"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _title(self) -> str:
        if self.session is not None:
            return f"{APP_NAME} · {self.session.profile.display_name}"
        return APP_NAME

    # -- start, setup, unlock -----------------------------------------------------------------

    def _set_session_chrome(self, active: bool) -> None:
        self.menuBar().setVisible(active)
        self.toolbar.setVisible(active)
        self.status.setVisible(active)
        for action in self.session_actions:
            action.setEnabled(active)
        self.act_save.setEnabled(
            active and self.editor is not None and self.views.currentWidget() is self.editor
        )

    def show_start(self) -> None:
        self._set_session_chrome(False)
        if self.unlock_screen.has_profiles:
            self.show_unlock()
        else:
            self.show_setup()

    @Slot()
    def show_setup(self) -> None:
        theme.watch_controls(_application())
        self._set_session_chrome(False)
        self.wizard.start(language=self.settings.language)
        self.stack.setCurrentWidget(self.wizard_holder)

    def show_unlock(self) -> None:
        self._set_session_chrome(False)
        self.stack.setCurrentWidget(self.unlock_screen)
        self.unlock_screen.prepare()
        self._prepare_timer.start()

    @Slot()
    def _setup_cancelled(self) -> None:
        self.unlock_screen.reload_profiles()
        if self.unlock_screen.has_profiles:
            self.show_unlock()
        else:
            self.close()

    @Slot(str)
    def _wizard_language(self, language: str) -> None:
        if language != self.settings.language:
            self.apply_settings(self.settings.model_copy(update={"language": language}), save=True)

    @Slot(dict)
    def _enroll_requested(self, enrollment: dict[str, Any]) -> None:
        url = enrollment.get("server_url")
        if url and url != self.settings.server_url:
            self.apply_settings(self.settings.model_copy(update={"server_url": url}), save=True)
        if self.sync is not None and self.session is not None:
            self.sync.enroll(
                server_url=str(url or ""),
                code=str(enrollment.get("enrollment_code") or ""),
                username=self.session.profile.username,
                password=str(enrollment.get("account_password") or ""),
                device_name=str(enrollment.get("device_name") or ""),
            )

    def _ensure_printing(self) -> Any:
        """The print menu and dialog, imported with the first session (reportlab is heavy and
        the unlock screen should appear without waiting for it)."""
        if self.printing is None:
            from ui.screens.printing import PrintActions

            self.printing = PrintActions(self)
        return self.printing

    def _new_list_view(self) -> ProspectListView:
        from ui.screens.prospect_list import ProspectListView

        view = ProspectListView(
            lambda: self._db(), lambda: self.settings, today=self._today, parent=self.views
        )
        self.views.addWidget(view)
        theme.size_controls(view)
        view.open_requested.connect(self.open_prospect)
        view.new_requested.connect(self.new_prospect)
        view.delete_requested.connect(self.records.delete_prospect)
        view.side_panel.history_requested.connect(self.records.show_history)
        view.model.total_changed.connect(self._list_total_changed)
        return view

    @Slot()
    def _prepare_session_screens(self, *, warm: bool = False) -> None:
        """Build the prospect list ahead of the session, while no one waits for it: when the
        unlock screen has been idle for a moment (the agent is typing), or while the key is
        derived after *Buka*. ``warm`` also paints it once off screen, so the first real paint
        finds its fonts and icons ready."""
        if warm:  # idle: the sizing filter's cost (types of every object) is paid now
            theme.watch_controls(_application())
        if self.session is not None or self.list_view is not None or self._spare_list:
            return
        self._spare_list = self._new_list_view()
        if warm:
            from ui.warm_up import warm_up

            warm_up(self._spare_list, self.toolbar, self.status)

    def _build_list_view(self) -> ProspectListView:
        view, self._spare_list = self._spare_list or self._new_list_view(), None
        self.views.setCurrentWidget(view)
        # The first page is the first job on the DB lane; the rest of the session (counts, to-do
        # list, enrollment, outreach and dashboard screens, the village filter) waits until it
        # is on screen, so that nothing queues or computes ahead of it.
        self._first_page_pending = True
        view.model.page_loaded.connect(self._first_page_shown)
        view.model.load_failed.connect(self._first_page_shown)
        return view

    @Slot(object)
    def _session_opening(self, opening: OpeningSession) -> None:
        """The password was right and the first page was read early: show the list now.

        The session (store, agent, sync) is still opening on the DB lane: its actions are kept
        until ``_session_ready`` (``after_opening``), while the list scrolls and searches (its
        jobs queue behind the opening one and find the store through ``opening.store``)."""
        if opening.rows is None or self.session is not None:
            return  # the list loads the usual way once the session is open
        self._opening = opening
        self.list_view = self._build_list_view()
        self.list_view.show_first_page(opening.rows)
        self.status.clear_session()
        self.stack.setCurrentWidget(self.views)
        self._set_session_chrome(True)  # its actions wait for the session (after_opening)
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)  # working, and usable
        self._busy_cursor = True
        self.setWindowTitle(f"{APP_NAME} · {opening.profile.display_name}")
        self.list_view.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.repaint()  # on screen now, before the session opening takes the CPU

    @Slot()
    def _opening_failed(self) -> None:
        """The store could not be opened after the first page was shown: back to unlock."""
        self._end_opening()
        self._deferred.clear()
        if self.session is None and self.list_view is not None:
            self.views.removeWidget(self.list_view)
            self.list_view.deleteLater()
            self.list_view = None
            self.show_unlock()

    @Slot(object)
    def _session_ready(self, session: UnlockedSession) -> None:
        """A profile was unlocked (or just created): build the session screens."""
        from ui.screens.needs_correction import NeedsCorrectionView

        self._end_opening()
        self.session = session
        db = session.db
        self.sync = SyncController(
            count_reader=lambda: read_counts(db),
            db=db,
            settings_provider=lambda: self.settings,
            parent=self,
        )
        self.sync_actions.attach(self.sync)
        self.context = AppContext(
            db=db,
            settings=self.settings,
            agent=session.agent,
            today=self._today,
            sync=self.sync,
            profile_dir=session.profile.folder,
        )
        early = self.list_view is not None
        if self.list_view is None:
            self.list_view = self._build_list_view()
            self.status.clear_session()
        self.corrections_view = NeedsCorrectionView(lambda: self._db(), self.views)
        self.views.addWidget(self.corrections_view)
        self.corrections_view.open_requested.connect(self.open_prospect)
        self.sync.counts_changed.connect(self._counts_changed)
        self.sync.state_changed.connect(self.status.set_state)
        self.sync.last_success_changed.connect(self.status.set_last_success)
        self.sync.records_changed.connect(self._records_changed)
        self.stack.setCurrentWidget(self.views)
        self._set_session_chrome(True)
        self.setWindowTitle(self._title())
        self.list_view.start()
        if self.settings.last_profile != session.profile.slug:
            self.apply_settings(
                self.settings.model_copy(update={"last_profile": session.profile.slug}), save=True
            )
        self.idle.set_timeout_minutes(self.settings.auto_lock_minutes)
        self.idle.start()
        if not early:
            self.list_view.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self._ensure_printing()
        if early and not self._first_page_pending:
            QTimer.singleShot(0, lambda: self._start_rest_of_session(session))
        deferred, self._deferred = self._deferred, []
        for action in deferred:  # asked for while the session was opening
            QTimer.singleShot(0, action)

    @Slot()
    def _first_page_shown(self, *_args: Any) -> None:
        if not getattr(self, "_first_page_pending", False) or self.list_view is None:
            return
        self._first_page_pending = False
        self.list_view.model.page_loaded.disconnect(self._first_page_shown)
        self.list_view.model.load_failed.disconnect(self._first_page_shown)
        # Queued: the rows are painted before the rest of the session is built.
        session = self.session
        QTimer.singleShot(0, lambda: self._start_rest_of_session(session))

    def _start_rest_of_session(self, session: UnlockedSession | None) -> None:
        if session is None or session is not self.session or self.sync is None:
            return  # locked meanwhile
        db = session.db
        assert self.corrections_view is not None
        self.sync.refresh()
        self.corrections_view.refresh()
        run_in_background(
            lanes.db(),
            lambda: read_enrollment(db),
            on_success=self._enrollment_read,
            on_error=lambda exc: log.error("reading enrollment failed", exc_info=exc),
            owner=self.sync,
        )
        theme.watch_controls(_application())  # dialogs and the editor from here on
        preload.release()
        preload.freeze_modules()  # the session's modules are loaded now (on the DB lane)
        log.info("session started for profile %s", session.profile.slug)
        self.session_started.emit()

    def _enrollment_read(self, enrollment: Enrollment) -> None:
        if self.sync is None:
            return
        self.sync.set_enrolled(enrollment.enrolled)
        self.status.set_state(self.sync.state)
        self.status.set_last_success(enrollment.last_success)

    def _db(self) -> Any:
        if self.context is not None:
            return self.context.db
        if self._opening is not None:
            return self._opening.store  # used on the DB lane, behind the session opening
        raise ConflictError("store-closed")

    # -- status -------------------------------------------------------------------------------

    @Slot(dict)
    def _counts_changed(self, counts: dict[str, int]) -> None:
        self.status.set_counts(counts)
        self.retranslate_ui()

    @Slot(int)
    def _list_total_changed(self, total: int) -> None:
        if (
            self.list_view is not None
            and not self.list_view.model.query.text
            and not self.list_view._filtered()
        ):
            self.status.set_total(total)
        elif self.sync is not None:
            self.status.set_total(self.sync.counts.get("total"))

    @Slot(list)
    def _records_changed(self, ids: list[uuid.UUID]) -> None:
        if self.list_view is not None:
            self.list_view.reload_rows(ids)
        if self.corrections_view is not None:
            self.corrections_view.refresh()

    # -- views --------------------------------------------------------------------------------

    def _leave_editor(self) -> bool:
        """The unsaved-changes guard before another view replaces the editor."""
        if self.editor is not None and self.views.currentWidget() is self.editor:
            if not self.editor.maybe_close():
                return False
        return True

    @Slot()
    def show_list(self) -> None:
        if self.list_view is None or not self._leave_editor():
            return
        self.views.setCurrentWidget(self.list_view)
        self._set_session_chrome(True)
        self.list_view.table.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def show_corrections(self) -> None:
        if self.corrections_view is None or not self._leave_editor():
            return
        self.views.setCurrentWidget(self.corrections_view)
        self._set_session_chrome(True)
        self.corrections_view.refresh()
        self.corrections_view.focus_table()

    @Slot()
    def focus_search(self) -> None:
        self.show_list()
        if self.list_view is not None and self.views.currentWidget() is self.list_view:
            self.list_view.focus_search()

    def _ensure_editor(self) -> ProspectEditor:
        if self.editor is None:
            from ui.screens.editor.editor_widget import ProspectEditor

            assert self.context is not None
            self.editor = ProspectEditor(self.context, self.views)
            self.views.addWidget(self.editor)
            self.editor.saved.connect(self._editor_saved)
            self.editor.autosaved.connect(self._editor_autosaved)
            self.editor.closed.connect(self._editor_closed)
            self.editor.open_record.connect(self._open_other_record)
            self.editor.print_button.clicked.connect(self.print_forms)
        return self.editor

    @Slot()
    def new_prospect(self) -> None:
        if self.context is None or not self._leave_editor():
            return
        editor = self._ensure_editor()
        editor.load_new(**self.coverage.new_prospect_args())  # joins the chosen event
        self._show_editor(editor)

    @Slot(object)
    def open_prospect(self, prospect_id: uuid.UUID) -> None:
        if self.after_opening(lambda: self.open_prospect(prospect_id)):
            return
        if self.context is None or not self._leave_editor():
            return
        editor = self._ensure_editor()
        self._return_to = self.views.currentWidget()
        editor.load_existing(prospect_id)
        self._show_editor(editor)

    def _show_editor(self, editor: ProspectEditor) -> None:
        if self.views.currentWidget() is not editor:
            self._return_to = self.views.currentWidget()
        self.views.setCurrentWidget(editor)
        self._set_session_chrome(True)
        self.act_save.setEnabled(True)

    @Slot(object)
    def _open_other_record(self, prospect_id: uuid.UUID) -> None:
        if self.editor is not None and self.editor.maybe_close():
            self.editor.load_existing(prospect_id)

    @Slot(object, str)
    def _editor_saved(self, prospect_id: uuid.UUID, _badge: str) -> None:
        if self.sync is not None:
            self.sync.notify_records_changed([prospect_id])
        if self.list_view is not None:
            self.list_view.select_prospect(prospect_id)
        self.record_saved.emit(prospect_id)

    @Slot(object)
    def _editor_autosaved(self, prospect_id: uuid.UUID) -> None:
        if self.sync is not None:
            self.sync.notify_records_changed([prospect_id])

    @Slot()
    def _editor_closed(self) -> None:
        target = getattr(self, "_return_to", None)
        if target is None or target is self.editor:
            target = self.list_view
        if target is not None:
            self.views.setCurrentWidget(target)
        self._set_session_chrome(True)
        if target is self.list_view and self.list_view is not None:
            self.list_view.table.setFocus(Qt.FocusReason.OtherFocusReason)
        elif target is self.corrections_view and self.corrections_view is not None:
            self.corrections_view.refresh()
            self.corrections_view.focus_table()

    @Slot()
    def save_draft(self) -> None:
        if self.editor is not None and self.views.currentWidget() is self.editor:
            self.editor.save_draft()

    @Slot()
    def print_forms(self) -> None:
        """The print dialog for the open or selected prospects (UI.md §3.5)."""
        self._ensure_printing().print_forms()

    @Slot()
    def sync_now(self) -> None:
        if self.sync is not None:
            self.sync.sync_now()

    # -- message boxes (record actions, about) ------------------------------------------------

    def confirm(self, title: str, text: str, yes: str, on_yes: Callable[[], None]) -> QMessageBox:
        return ask(self, title=title, text=text, yes=yes, no=self.tr("Cancel"), on_yes=on_yes)

    def inform(self, title: str, text: str) -> QMessageBox:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(title)
        box.setText(text)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: setattr(self, "active_dialog", None))
        self.active_dialog = box
        box.open()
        return box

    # -- settings, help -----------------------------------------------------------------------

    @Slot()
    def open_settings(self) -> None:
        from ui.screens.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self.settings,
            db_provider=(lambda: self._db()) if self.context is not None else None,
            parent=self,
        )
        dialog.settings_saved.connect(lambda new: self.apply_settings(new, save=False))
        dialog.enroll_requested.connect(lambda: self.sync_actions.show_enroll(dialog))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "active_dialog", None))
        self.active_dialog = dialog
        dialog.open()

    def apply_settings(self, new: Settings, *, save: bool) -> None:
        """Use ``new`` from now on: language, theme, auto-lock; saved first when asked."""
        old = self.settings
        if save:
            settings_io.save(new)
        self.settings = new
        if self.context is not None:
            self.context.replace_settings(new)
            self.context.agent = self.context.agent.with_settings(new)
        if new.language != old.language:
            translations.set_language(new.language)
        if (new.high_contrast, new.touch_mode) != (old.high_contrast, old.touch_mode):
            app = QApplication.instance()
            if isinstance(app, QApplication):
                theme.apply_theme(app, high_contrast=new.high_contrast, touch_mode=new.touch_mode)
            if self.list_view is not None:
                self.list_view.set_touch_scrolling(theme.touch_enabled())
        self.idle.set_timeout_minutes(new.auto_lock_minutes)
        self.settings_applied.emit(new)

    @Slot()
    def show_help(self) -> None:
        from ui.screens.help_dialog import HelpDialog

        dialog = HelpDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "active_dialog", None))
        self.active_dialog = dialog
        dialog.open()

    @Slot()
    def show_about(self) -> None:
        self.inform(
            self.tr("About Jangkau"),
            self.tr(
                "{app} {version}\nOffline-first enrollment of informal workers (BPU) into BPJS Ketenagakerjaan."
            ).format(app=APP_NAME, version=app_version()),
        )

    # -- lock, quit ---------------------------------------------------------------------------

    @Slot()
    def lock(self) -> None:
        """Autosave, let the DB lane finish, close the store, show the unlock screen."""
        if self.session is None or self._locking:
            return
        self._locking = True
        if self.sync is not None:
            self.sync.shutdown()  # the running cycle stops at its next batch
        self.idle.stop()
        if self.editor is not None:
            self.editor.shutdown()
        session = self.session
        self.show_unlock()
        # Queued behind the autosave: by the time this returns, every job of the session is done.
        run_in_background(
            lanes.db(),
            lambda: None,
            on_success=lambda _r: self._finish_lock(session),
            on_error=lambda _e: self._finish_lock(session),
            owner=self,
        )

    def _finish_lock(self, session: UnlockedSession) -> None:
        self._teardown_session()
        lanes.db().submit(session.db.close)
        self._locking = False
        log.info("session locked")
        self.locked.emit()

    def _teardown_session(self) -> None:
        for view in (self.editor, self.list_view, self.corrections_view):
            if view is not None:
                self.views.removeWidget(view)
                view.deleteLater()
        self.sync_actions.detach()
        if self.sync is not None:
            self.sync.shutdown()
            self.sync.deleteLater()
        self.editor = self.list_view = self.corrections_view = None
        self.sync = None
        self.context = None
        self.session = None
        self.status.clear_session()
        self.setWindowTitle(self._title())

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.editor is not None and self.views.currentWidget() is self.editor:
            if not self.editor.maybe_close():
                event.ignore()
                return
        save_window(self)
        self.idle.stop()
        if self.editor is not None:
            self.editor.shutdown()  # its last draft is queued before the store closes
        session = self.session
        if session is not None:
            self._teardown_session()
            lanes.db().submit(session.db.close)
        elif self._opening is not None:  # closed while the session was still opening
            opening = self._opening
            self._end_opening()
            lanes.db().submit(lambda: opening.db.close() if opening.db is not None else None)
        super().closeEvent(event)
