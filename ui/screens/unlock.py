"""Buka kunci (UI.md §3.2): choose a profile, type the password, open the encrypted store.

Argon2 runs on the DB lane while the screen says "Membuka…". A wrong password says so; after
five wrong tries the screen waits one minute, doubling on every further wrong try, counted per
profile (the clock is injectable for tests). A Caps Lock hint appears when a typed letter's case
contradicts the Shift key, which works on every platform without asking the OS.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from core import lanes
from core.errors import StoreError, WrongPasswordError
from core.settings import Settings
from models import profiles
from models.profiles import ProfileInfo
from models.prospect_rows import FIRST_PAGE
from ui import preload
from ui.about import APP_NAME, app_version
from ui.errors import user_message
from ui.session import OpeningSession, UnlockedSession, finish_session, unlock_key
from ui.tasks import run_in_background

log = logging.getLogger(__name__)

__all__ = ["UnlockScreen", "MAX_FREE_TRIES", "FIRST_WAIT_S"]

MAX_FREE_TRIES = 5
FIRST_WAIT_S = 60.0


class _CapsLockWatcher(QObject):
    """Guesses Caps Lock from typed letters: upper case without Shift (or lower with it)."""

    changed = Signal(bool)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            text = event.text()
            if len(text) == 1 and text.isalpha() and text.lower() != text.upper():
                shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.changed.emit(text.isupper() != shift)
        return super().eventFilter(watched, event)


class UnlockScreen(QWidget):
    """Emits ``opening(OpeningSession)`` once the password is right (with the list's first
    page when it could be read early), then ``unlocked(UnlockedSession)``, or ``open_failed``
    if the store could not be opened after all; ``add_profile_requested`` opens the setup
    wizard; ``supervisor_requested`` opens the online supervisor sign-in (ui/screens/review)."""

    unlock_started = Signal()  # Buka pressed: the key is being derived on the DB lane
    opening = Signal(object)
    unlocked = Signal(object)
    open_failed = Signal()
    add_profile_requested = Signal()
    supervisor_requested = Signal()

    def __init__(
        self,
        settings_provider: Callable[[], Settings],
        *,
        clock: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings_provider
        self._clock = clock
        self._failures: dict[str, int] = {}
        self._wait_until: dict[str, float] = {}
        self._busy = False
        self._profiles: list[ProfileInfo] = []
        self._build()
        self._countdown = QTimer(self)
        self._countdown.setInterval(500)
        self._countdown.timeout.connect(self._update_state)
        self.retranslate_ui()
        self.reload_profiles()

    # -- layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        card = QFrame(self)
        card.setObjectName("card")
        card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.title = QLabel(APP_NAME, card)
        self.title.setObjectName("screenTitle")
        self.version_label = QLabel(app_version(), card)
        self.version_label.setObjectName("muted")
        self.version_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.version_label)

        self.profile_combo = QComboBox(card)
        self.profile_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.profile_combo.setMinimumContentsLength(16)
        self.profile_combo.currentIndexChanged.connect(self._profile_changed)
        self.add_button = QPushButton(card)
        self.add_button.clicked.connect(self.add_profile_requested)
        profile_row = QHBoxLayout()
        profile_row.addWidget(self.profile_combo, 1)
        profile_row.addWidget(self.add_button)

        self.password_edit = QLineEdit(card)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.returnPressed.connect(self.try_unlock)
        self.password_edit.textChanged.connect(lambda _t: self._update_state())
        self._caps = _CapsLockWatcher(self)
        self.password_edit.installEventFilter(self._caps)
        self.caps_label = QLabel(card)
        self.caps_label.setObjectName("capsHint")
        self.caps_label.hide()
        self._caps.changed.connect(self.caps_label.setVisible)

        self.profile_label = QLabel(card)
        self.profile_label.setBuddy(self.profile_combo)
        self.password_label = QLabel(card)
        self.password_label.setBuddy(self.password_edit)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.profile_label, profile_row)
        form.addRow(self.password_label, self.password_edit)
        form.addRow("", self.caps_label)

        self.unlock_button = QPushButton(card)
        self.unlock_button.setObjectName("primary")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.message_label = QLabel(card)
        self.message_label.setObjectName("errorText")
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName("unlock-message")

        self.forgot_button = QPushButton(card)
        self.forgot_button.setFlat(True)
        self.forgot_button.setObjectName("link")
        self.forgot_button.clicked.connect(self._explain_forgot)
        self.supervisor_button = QPushButton(card)
        self.supervisor_button.setFlat(True)
        self.supervisor_button.setObjectName("link")
        self.supervisor_button.clicked.connect(self.supervisor_requested)
        links = QHBoxLayout()
        links.addWidget(self.forgot_button)
        links.addStretch(1)
        links.addWidget(self.supervisor_button)

        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 20)
        inner.setSpacing(12)
        inner.addLayout(head)
        inner.addLayout(form)
        inner.addWidget(self.unlock_button)
        inner.addWidget(self.message_label)
        inner.addLayout(links)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 0)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        card.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)
        self.setTabOrder(self.profile_combo, self.add_button)
        self.setTabOrder(self.add_button, self.password_edit)
        self.setTabOrder(self.password_edit, self.unlock_button)
        self.setTabOrder(self.unlock_button, self.forgot_button)
        self.setTabOrder(self.forgot_button, self.supervisor_button)

    def retranslate_ui(self) -> None:
        self.profile_label.setText(self.tr("&Profile"))
        self.password_label.setText(self.tr("Pass&word"))
        self.add_button.setText(self.tr("&Add"))
        self.add_button.setToolTip(self.tr("Set up a profile for another agent on this laptop"))
        self.caps_label.setText(self.tr("! Caps Lock is on"))
        self.forgot_button.setText(self.tr("&Forgot password?"))
        self.supervisor_button.setText(self.tr("Sign in as &supervisor"))
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.profile_combo.setAccessibleName(self.tr("Profile"))
        self._update_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- profiles -----------------------------------------------------------------------------

    def reload_profiles(self, select_slug: str | None = None) -> None:
        self._profiles = profiles.list_profiles()
        wanted = select_slug or self._settings().last_profile
        self.profile_combo.blockSignals(True)
        self.profile_combo.clear()
        for info in self._profiles:
            label = info.display_name
            if info.username:
                label = f"{info.display_name} ({info.username})"
            self.profile_combo.addItem(label, info.slug)
        index = self.profile_combo.findData(wanted) if wanted else -1
        self.profile_combo.setCurrentIndex(max(index, 0) if self._profiles else -1)
        self.profile_combo.blockSignals(False)
        self._profile_changed()

    @property
    def has_profiles(self) -> bool:
        return bool(self._profiles)

    def current_profile(self) -> ProfileInfo | None:
        index = self.profile_combo.currentIndex()
        return self._profiles[index] if 0 <= index < len(self._profiles) else None

    @Slot()
    def _profile_changed(self) -> None:
        self.message_label.clear()
        self._update_state()

    def prepare(self) -> None:
        """Called when the screen is shown again (after lock): empty password, focus on it."""
        self.password_edit.clear()
        self.message_label.clear()
        profile = self.current_profile()
        self.reload_profiles(profile.slug if profile else None)
        self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- unlocking ----------------------------------------------------------------------------

    def _remaining_wait(self) -> float:
        profile = self.current_profile()
        if profile is None:
            return 0.0
        return max(0.0, self._wait_until.get(profile.slug, 0.0) - self._clock())

    @Slot()
    def _update_state(self) -> None:
        wait = self._remaining_wait()
        can_try = (
            not self._busy
            and wait <= 0
            and self.current_profile() is not None
            and bool(self.password_edit.text())
        )
        self.unlock_button.setEnabled(can_try)
        self.password_edit.setEnabled(not self._busy)
        self.profile_combo.setEnabled(not self._busy)
        if self._busy:
            self.unlock_button.setText(self.tr("Opening…"))
        else:
            self.unlock_button.setText(self.tr("&Unlock"))
        if wait > 0:
            seconds = int(wait + 0.999)
            self.message_label.setText(
                self.tr("Too many wrong tries. Wait {seconds} seconds.").format(seconds=seconds)
            )
            if not self._countdown.isActive():
                self._countdown.start()
        elif self._countdown.isActive():
            self._countdown.stop()
            self.message_label.clear()

    @Slot()
    def try_unlock(self) -> None:
        profile = self.current_profile()
        password = self.password_edit.text()
        if self._busy or profile is None or not password or self._remaining_wait() > 0:
            return
        self._busy = True
        self.message_label.clear()
        self._update_state()
        preload.hold()  # the window releases it once the session is up (or on a failure)
        run_in_background(
            lanes.db(),
            lambda: unlock_key(profile, password, first_page=FIRST_PAGE),
            on_success=self._key_unwrapped,
            on_error=lambda exc: self._failed(profile, exc),
            owner=self,
        )
        self.unlock_started.emit()

    def _key_unwrapped(self, opening: OpeningSession) -> None:
        """The password was right: the list may show now; the full session opens next."""
        slug = opening.profile.slug
        self._failures.pop(slug, None)
        self._wait_until.pop(slug, None)
        self.password_edit.clear()
        # The list is built and painted first: the session opening imports the ORM on the DB
        # lane, which would otherwise share the CPU (the GIL) with that first paint. The paint
        # is a posted update, delivered before a zero timer: the opening starts after it.
        self.opening.emit(opening)
        QTimer.singleShot(0, self, lambda: self._finish_opening(opening))

    def _finish_opening(self, opening: OpeningSession) -> None:
        settings = self._settings()
        run_in_background(
            lanes.db(),
            lambda: finish_session(opening, settings=settings),
            on_success=self._opened,
            on_error=lambda exc: self._open_failed(opening, exc),
            owner=self,
        )

    def _opened(self, session: UnlockedSession) -> None:
        self._busy = False
        self._update_state()
        self.unlocked.emit(session)

    def _open_failed(self, opening: OpeningSession, exc: BaseException) -> None:
        self.open_failed.emit()
        self._failed(opening.profile, exc)

    def _failed(self, profile: ProfileInfo, exc: BaseException) -> None:
        self._busy = False
        preload.release()
        if isinstance(exc, WrongPasswordError):
            failures = self._failures.get(profile.slug, 0) + 1
            self._failures[profile.slug] = failures
            log.info("wrong password for profile %s (%d)", profile.slug, failures)
            if failures >= MAX_FREE_TRIES:
                wait = FIRST_WAIT_S * 2 ** (failures - MAX_FREE_TRIES)
                self._wait_until[profile.slug] = self._clock() + wait
            self.password_edit.selectAll()
            self.message_label.setText(self.tr("Wrong password."))
        else:
            log.error("unlocking profile %s failed", profile.slug, exc_info=exc)
            self.message_label.setText(user_message(exc))
        self._update_state()
        if self._remaining_wait() <= 0:
            self.message_label.setText(
                self.tr("Wrong password.")
                if isinstance(exc, WrongPasswordError)
                else user_message(exc)
            )
        self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- help texts ---------------------------------------------------------------------------

    def _explain_forgot(self) -> None:
        """What the agent can do; honest about whether this profile's key is sealed to the
        agency recovery key (``models.recovery``; sealed at creation and at each unlock)."""
        if self._recoverable():
            text = self.tr(
                "The password cannot be reset on this laptop. Ask your branch office: "
                "they can recover the data with the agency recovery key."
            )
        else:
            text = self.tr(
                "The password cannot be reset on this laptop, and this profile's key is not "
                "sealed to the agency recovery key. Ask your branch office: what was already "
                "synced is safe on the server."
            )
        QMessageBox.information(self, self.tr("Forgot password?"), text)

    def _recoverable(self) -> bool:
        from models.keyfile import KeyFile, key_path_for

        profile = self.current_profile()
        if profile is None:
            return False
        try:
            return KeyFile.read(key_path_for(profile.path)).recovery is not None
        except (StoreError, OSError):
            return False
