"""The signed-in supervisor session as the screens see it (UI.md §3.2, §3.8; SYNC §2.2).

``ReviewSession`` owns the logged-in :class:`sync.review_client.ReviewClient` (its token lives in
that object's memory only) and runs every call on the network lane through
``ui.tasks.run_in_background``, so the GUI thread never waits on HTTP. It keeps two facts the
workspace shows:

- **online**: a connection failure (offline, timeout, captive portal, 5xx) turns it off and a
  probe of ``/health`` every ``probe_ms`` turns it back on; any successful call does too.
- **expired**: the server idles a session out after 30 minutes (``session-expired``), and the
  supervisor mode calls ``expire()`` after 30 minutes without keyboard or mouse input (the
  workspace's quiet refresh keeps the server session warm, so the server alone would never
  ask). ``session_expired`` is emitted once; ``resume(client)`` continues with a fresh sign-in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from core import lanes
from sync.errors import AuthError, OfflineError, ProtocolError, ServerError
from sync.protocol import UserInfo
from sync.review_client import ReviewClient
from ui.tasks import Job, JobControl, run_in_background, start_job

log = logging.getLogger(__name__)

__all__ = ["ReviewSession", "IDLE_LIMIT_S", "is_connection_error", "is_expiry"]

T = TypeVar("T")
IDLE_LIMIT_S = 30 * 60  # SYNC §2.2: sessions idle out after 30 minutes
_EXPIRY_CODES = frozenset({"session-expired", "unauthenticated"})


def is_connection_error(exc: BaseException) -> bool:
    """No usable answer from the server: review waits for the connection (UI.md §3.8)."""
    return isinstance(exc, OfflineError | ServerError | ProtocolError)


def is_expiry(exc: BaseException) -> bool:
    return isinstance(exc, AuthError) and exc.code in _EXPIRY_CODES


class ReviewSession(QObject):
    """Runs review calls on the network lane; tracks connection and session expiry."""

    online_changed = Signal(bool)
    session_expired = Signal()
    busy_changed = Signal(bool)

    def __init__(
        self,
        client: ReviewClient,
        *,
        probe_ms: int = 15_000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if client.session is None:
            raise ValueError("sign in first")
        self.client = client
        self._user = client.session.user  # kept after sign-out for late repaints
        self._online = True
        self._expired = False
        self._in_flight = 0
        self._probe = QTimer(self)
        self._probe.setInterval(probe_ms)
        self._probe.timeout.connect(self.probe)

    # -- state --------------------------------------------------------------------------------

    @property
    def user(self) -> UserInfo:
        return self._user

    @property
    def online(self) -> bool:
        return self._online

    @property
    def expired(self) -> bool:
        return self._expired

    @property
    def can_decide(self) -> bool:
        return "supervisor" in self.user.roles

    def _set_online(self, online: bool) -> None:
        if online == self._online:
            return
        self._online = online
        if online:
            self._probe.stop()
        else:
            self._probe.start()
        log.info("review connection %s", "back" if online else "lost")
        self.online_changed.emit(online)

    def expire(self) -> None:
        """Ask for the password again (idle, or the server said ``session-expired``)."""
        if not self._expired:
            self._expired = True
            log.info("supervisor session expired")
            self.session_expired.emit()

    def resume(self, client: ReviewClient) -> None:
        """A fresh sign-in after expiry: the new token replaces the old one."""
        old = self.client
        self.client = client
        if client.session is not None:
            self._user = client.session.user
        self._expired = False
        if old is not client:
            lanes.net().submit(old.close)

    # -- calls --------------------------------------------------------------------------------

    def call(
        self,
        fn: Callable[[ReviewClient], T],
        *,
        on_success: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
        owner: QObject | None = None,
    ) -> Future[T] | None:
        """Run ``fn(client)`` on the network lane; callbacks on the GUI thread."""
        if self._expired:
            if on_error is not None:
                on_error(AuthError("session-expired", detail="waiting for a new sign-in"))
            return None
        client = self.client
        self._busy(+1)

        def done(result: T) -> None:
            self._busy(-1)
            self._set_online(True)
            on_success(result)

        def failed(exc: BaseException) -> None:
            self._busy(-1)
            self._classify(exc)
            if on_error is not None:
                on_error(exc)
            else:
                log.warning("review call failed: %r", exc)

        return run_in_background(
            lanes.net(), lambda: fn(client), on_success=done, on_error=failed, owner=owner
        )

    def start_job(
        self,
        fn: Callable[[ReviewClient, JobControl], T],
        *,
        on_success: Callable[[T], None],
        on_error: Callable[[BaseException], None],
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> Job:
        """A long call (an export) with progress and *Batal*, on the network lane."""
        client = self.client

        def failed(exc: BaseException) -> None:
            self._classify(exc)
            on_error(exc)

        def done(result: T) -> None:
            self._set_online(True)
            on_success(result)

        return start_job(
            lanes.net(),
            lambda control: fn(client, control),
            on_success=done,
            on_error=failed,
            on_progress=on_progress,
        )

    def _classify(self, exc: BaseException) -> None:
        if is_expiry(exc):
            self.expire()
        elif is_connection_error(exc):
            self._set_online(False)

    def _busy(self, delta: int) -> None:
        before = self._in_flight > 0
        self._in_flight += delta
        after = self._in_flight > 0
        if before != after:
            self.busy_changed.emit(after)

    @Slot()
    def probe(self) -> None:
        """Is the server back? ``/health`` costs no session time."""
        client = self.client
        run_in_background(
            lanes.net(),
            client.health,
            on_success=lambda _reply: self._set_online(True),
            on_error=lambda exc: log.debug("review probe: %r", exc),
            owner=self,
        )

    def sign_out(self) -> None:
        """Tell the server (best effort, on the network lane) and forget the token."""
        self._probe.stop()
        client = self.client

        def logout() -> Any:
            try:
                client.logout()
            finally:
                client.close()

        run_in_background(
            lanes.net(),
            logout,
            on_success=lambda _r: None,
            on_error=lambda exc: log.info("logout not confirmed: %r", exc),
        )
