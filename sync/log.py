"""The sync log the agent can read (UI.md §3.6): time, event, result counts, error code.

Kept in the encrypted store (``sync_state.extra["sync_log"]``, newest last, at most
``MAX_ENTRIES``) so it survives restarts and travels with the profile. Entries hold counts and
codes only: never a NIK, a name or a phone number, so "Salin rincian untuk dukungan" can copy
them as they are. Functions take the caller's Session and never commit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from models.repositories import sync_state as sync_state_repo

__all__ = [
    "MAX_ENTRIES",
    "LogEntry",
    "PanelCounts",
    "SyncSummary",
    "append",
    "entries",
    "panel_counts",
    "summary",
    "support_text",
]

MAX_ENTRIES = 200
_KEY = "sync_log"
COUNT_KEYS = ("sent", "accepted", "duplicate", "conflicts", "invalid", "forbidden", "pulled")


@dataclass(frozen=True, slots=True)
class LogEntry:
    at: datetime
    event: str  # "sync", "enroll", "rotate-token"
    status: str  # SyncStatus value or "ok"
    counts: dict[str, int]
    error: str | None = None
    repeat: int = 1  # how many identical empty outcomes this line stands for

    @property
    def received(self) -> int:
        """Changes the server holds now (accepted + duplicate): the "received" of the summary."""
        return self.counts.get("accepted", 0) + self.counts.get("duplicate", 0)

    @property
    def failed(self) -> int:
        return sum(self.counts.get(k, 0) for k in ("conflicts", "invalid", "forbidden"))

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "at": self.at.isoformat(),
            "event": self.event,
            "status": self.status,
        }
        out.update({k: v for k, v in self.counts.items() if v})
        if self.error:
            out["error"] = self.error
        if self.repeat > 1:
            out["repeat"] = self.repeat
        return out

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> LogEntry:
        counts = {k: int(raw[k]) for k in COUNT_KEYS if isinstance(raw.get(k), int)}
        return cls(
            at=datetime.fromisoformat(str(raw["at"])),
            event=str(raw.get("event", "sync")),
            status=str(raw.get("status", "")),
            counts=counts,
            error=str(raw["error"]) if raw.get("error") else None,
            repeat=int(raw.get("repeat", 1)),
        )


@dataclass(frozen=True, slots=True)
class SyncSummary:
    """ "37 sent, 37 received, 0 failed, last success 10:42" (the words are the UI's)."""

    sent: int
    received: int
    failed: int
    pulled: int
    last_status: str | None
    last_error: str | None
    last_attempt: datetime | None
    last_success: datetime | None


def append(
    session: Session,
    *,
    at: datetime,
    event: str,
    status: str,
    counts: Mapping[str, int] | None = None,
    error: str | None = None,
) -> LogEntry:
    entry = LogEntry(at=at, event=event, status=status, counts=dict(counts or {}), error=error)
    state = sync_state_repo.get_or_create(session)
    extra = dict(state.extra or {})
    log = list(extra.get(_KEY) or [])
    item = entry.to_json()
    last = log[-1] if log else None
    if (
        last is not None
        and not entry.counts
        and all(last.get(k) == item.get(k) for k in ("event", "status", "error"))
        and not any(last.get(k) for k in COUNT_KEYS)
    ):
        # The same empty outcome again (offline for an hour): one line with a repeat count.
        item["repeat"] = int(last.get("repeat", 1)) + 1
        log[-1] = item
    else:
        log.append(item)
    extra[_KEY] = log[-MAX_ENTRIES:]
    state.extra = extra
    session.flush()
    return entry


def entries(session: Session, *, limit: int = 50) -> list[LogEntry]:
    """Newest first."""
    state = sync_state_repo.get(session)
    raw = list((state.extra or {}).get(_KEY) or []) if state is not None else []
    return [LogEntry.from_json(item) for item in reversed(raw[-limit:])]


def summary(session: Session) -> SyncSummary:
    """Counts of the last sync cycle and the time of the last successful one."""
    state = sync_state_repo.get(session)
    syncs = [e for e in entries(session, limit=MAX_ENTRIES) if e.event == "sync"]
    last = syncs[0] if syncs else None
    return SyncSummary(
        sent=last.counts.get("sent", 0) if last else 0,
        received=last.received if last else 0,
        failed=last.failed if last else 0,
        pulled=last.counts.get("pulled", 0) if last else 0,
        last_status=last.status if last else None,
        last_error=last.error if last else None,
        last_attempt=last.at if last else None,
        last_success=state.last_success_at if state is not None else None,
    )


def support_text(session: Session, *, limit: int = 50) -> str:
    """Plain lines for support ("Salin rincian"): codes and counts, no personal data."""
    lines = []
    for entry in entries(session, limit=limit):
        counts = " ".join(f"{k}={v}" for k, v in sorted(entry.counts.items()))
        tail = f" error={entry.error}" if entry.error else ""
        tail += f" x{entry.repeat}" if entry.repeat > 1 else ""
        lines.append(f"{entry.at.isoformat()} {entry.event} {entry.status} {counts}{tail}".rstrip())
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class PanelCounts:
    """The sync panel's line "Belum terkirim 12 | Tidak valid 1 | Konflik 0 | Perlu perbaikan 3"."""

    unsent: int
    invalid: int
    conflict: int
    returned: int
    forbidden: int
    sending: int


def panel_counts(session: Session) -> PanelCounts:
    """Per-record sync state summed for the panel and the status bar (one grouped query)."""
    from sqlalchemy import func, select

    from models.prospect import Prospect
    from models.repositories import outbox as outbox_repo

    badges = dict(
        (badge, int(n))
        for badge, n in session.execute(
            select(Prospect.badge, func.count())
            .where(Prospect.deleted_at.is_(None))
            .group_by(Prospect.badge)
        )
    )
    return PanelCounts(
        unsent=outbox_repo.unsent_count(session),
        invalid=badges.get("invalid", 0),
        conflict=badges.get("conflict", 0),
        returned=badges.get("returned", 0),
        forbidden=badges.get("forbidden", 0),
        sending=badges.get("sending", 0),
    )
