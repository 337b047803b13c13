"""Is the server reachable, and may this laptop sync? A cheap ``health`` probe (SYNC §4.3, §6.3).

Online means a valid ``health`` answer, never an OS "network up" hint: a Wi-Fi login page, a
proxy error or a revoked device are all told apart here, so the sync panel can say which.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sync import protocol
from sync.client import SyncClient
from sync.errors import (
    AuthError,
    CaptivePortal,
    ClientTooOld,
    SyncError,
)

__all__ = ["CLOCK_SKEW_WARN_S", "Connectivity", "Probe", "probe", "version_tuple"]

CLOCK_SKEW_WARN_S = 300.0  # "Jam laptop salah" above 5 minutes (SYNC §6.5)


class Connectivity(StrEnum):
    ONLINE = "online"
    OFFLINE = "offline"
    CAPTIVE_PORTAL = "captive_portal"
    REVOKED = "revoked"
    AUTH_REQUIRED = "auth_required"
    NOT_ENROLLED = "not_enrolled"
    TOO_OLD = "too_old"


@dataclass(frozen=True, slots=True)
class Probe:
    status: Connectivity
    health: protocol.Health | None = None
    clock_offset_s: float | None = None
    error: SyncError | None = None

    @property
    def clock_wrong(self) -> bool:
        return self.clock_offset_s is not None and abs(self.clock_offset_s) > CLOCK_SKEW_WARN_S

    @property
    def may_push(self) -> bool:
        """An outdated client still empties its outbox (the server keeps push open, §4.3)."""
        return self.status in (Connectivity.ONLINE, Connectivity.TOO_OLD)


def version_tuple(version: str) -> tuple[int, ...]:
    """``"1.3.0"`` → ``(1, 3, 0)``; non-numeric parts count as 0 so a bad string never crashes."""
    parts = []
    for piece in version.strip().split(".")[:4]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    while len(parts) < 3:
        parts.append(0)
    return tuple(parts)


def probe(client: SyncClient | None) -> Probe:
    """Ask ``health`` once. ``client`` is ``None`` (or has no token) before enrollment."""
    if client is None:
        return Probe(Connectivity.NOT_ENROLLED)
    try:
        reply = client.health()
    except CaptivePortal as exc:
        return Probe(Connectivity.CAPTIVE_PORTAL, error=exc)
    except AuthError as exc:
        status = Connectivity.REVOKED if exc.revoked else Connectivity.AUTH_REQUIRED
        return Probe(status, error=exc)
    except ClientTooOld as exc:
        return Probe(Connectivity.TOO_OLD, error=exc)
    except SyncError as exc:
        return Probe(Connectivity.OFFLINE, error=exc)
    health = reply.health
    if not client.token:
        status = Connectivity.NOT_ENROLLED
    elif protocol.PROTOCOL_VERSION not in health.protocol_versions or version_tuple(
        client.client_version
    ) < version_tuple(health.min_client_version):
        status = Connectivity.TOO_OLD
    else:
        status = Connectivity.ONLINE
    return Probe(status, health=health, clock_offset_s=reply.clock_offset_s)
