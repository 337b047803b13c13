"""Typed errors of the sync client (SYNC_PROTOCOL.md §4.2, §6.4).

Each error carries a stable ``code`` (the server's problem code where there is one) and never a
sentence: ``ui/errors.py`` turns codes into words. ``transient`` says whether the same request may
simply be tried again later (after backoff); the engine keeps every frozen batch for that resend.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from core.errors import JangkauError

__all__ = [
    "AuthError",
    "BatchRejected",
    "CaptivePortal",
    "ClientTooOld",
    "CursorExpired",
    "NotEnrolled",
    "OfflineError",
    "PayloadTooLarge",
    "ProtocolError",
    "RateLimited",
    "RequestRejected",
    "ServerError",
    "SyncError",
    "SyncTimeout",
]


class SyncError(JangkauError):
    """Base of every sync failure."""

    default_code = "sync-error"
    transient = False


class OfflineError(SyncError):
    """No usable connection: refused, reset, DNS, truncated reply. Data stays queued."""

    default_code = "offline"
    transient = True


class SyncTimeout(OfflineError):
    """Connect or read timeout; push halves its next batch after one (SYNC §6.2)."""

    default_code = "timeout"


class CaptivePortal(OfflineError):
    """A 200 answer that is not the Jangkau server (HTML login page of a public Wi-Fi)."""

    default_code = "captive-portal"


class ProtocolError(SyncError):
    """A reply without ``Jangkau-Protocol``, not JSON, or not matching the schema: never an ack."""

    default_code = "protocol-error"
    transient = True


class ServerError(SyncError):
    """5xx: the server failed or is unavailable; nothing was committed, resend later."""

    default_code = "server-error"
    transient = True

    def __init__(self, code: str | None = None, *, status: int = 500, **kwargs: Any) -> None:
        super().__init__(code, **kwargs)
        self.status = status
        self.params.setdefault("status", status)


class RateLimited(SyncError):
    """429: wait at least ``retry_after`` seconds."""

    default_code = "rate-limited"
    transient = True

    def __init__(self, code: str | None = None, *, retry_after: float = 0.0, **kwargs: Any) -> None:
        super().__init__(code, **kwargs)
        self.retry_after = retry_after
        self.params.setdefault("retry_after", retry_after)


class AuthError(SyncError):
    """401/403: ``device-revoked`` and ``device-wipe`` stop syncing (data kept); others re-login."""

    default_code = "unauthenticated"

    def __init__(self, code: str | None = None, *, status: int = 401, **kwargs: Any) -> None:
        super().__init__(code, **kwargs)
        self.status = status

    @property
    def revoked(self) -> bool:
        return self.code in {"device-revoked", "device-wipe"} or self.status == 403


class ClientTooOld(SyncError):
    """426: the app is older than ``min_version``; push may continue, pull and enroll stop."""

    default_code = "client-too-old"

    def __init__(self, code: str | None = None, *, min_version: str = "", **kwargs: Any) -> None:
        super().__init__(code, **kwargs)
        self.min_version = min_version
        self.params.setdefault("min_version", min_version)


class PayloadTooLarge(SyncError):
    """413: the batch must be halved (``limits`` as the server sent them)."""

    default_code = "payload-too-large"

    def __init__(
        self, code: str | None = None, *, limits: Mapping[str, Any] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(code, **kwargs)
        self.limits = dict(limits or {})


class RequestRejected(SyncError):
    """Another 4xx about the request itself (400, 404, 409, 415, 422); ``errors`` as sent."""

    default_code = "bad-request"

    def __init__(
        self,
        code: str | None = None,
        *,
        status: int = 400,
        errors: Sequence[Mapping[str, Any]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(code, **kwargs)
        self.status = status
        self.errors = [dict(e) for e in errors]


class BatchRejected(RequestRejected):
    """422 for a whole push batch: split to single changes (SYNC §6.4)."""

    default_code = "validation-failed"


class CursorExpired(SyncError):
    """410: the feed was rebuilt; pull again from the start without touching the outbox."""

    default_code = "cursor-expired"


class NotEnrolled(SyncError):
    """No device token or server URL in the store yet."""

    default_code = "not-enrolled"
