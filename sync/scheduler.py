"""When to sync: triggers, debounce and full-jitter backoff (SYNC_PROTOCOL.md §6.3, §6.4).

Pure policy, no threads and no clock of its own: the caller passes ``now`` (monotonic seconds)
and asks :meth:`SyncScheduler.seconds_until_due` to arm its timer. Triggers: start-up, 30 s after
a save while online, every ``interval`` minutes, reconnect and "Sinkronkan sekarang". A failed
try waits ``uniform(0, min(900, 2 * 2**attempt))`` seconds, never less than ``Retry-After``; after
five tries the retry round ends and the regular interval takes over. The attempt count is
persisted (``state()``/``restore()``) so a restart does not hammer a struggling server.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

__all__ = ["SchedulerState", "SyncScheduler", "Trigger", "backoff_delay"]

BACKOFF_BASE_S = 2.0
BACKOFF_CAP_S = 900.0
MAX_TRIES_PER_ROUND = 5


class Trigger(StrEnum):
    START = "start"
    SAVE = "save"
    INTERVAL = "interval"
    DEMAND = "demand"
    RECONNECT = "reconnect"
    RETRY = "retry"


def backoff_delay(
    attempt: int,
    rng: random.Random,
    *,
    base: float = BACKOFF_BASE_S,
    cap: float = BACKOFF_CAP_S,
    retry_after: float = 0.0,
) -> float:
    """Full jitter (AWS architecture blog): ``uniform(0, min(cap, base * 2**attempt))``."""
    ceiling = min(cap, base * 2 ** min(attempt, 32))
    return max(retry_after, rng.uniform(0.0, ceiling))


@dataclass(frozen=True, slots=True)
class SchedulerState:
    """What survives a restart."""

    attempt: int = 0
    tries_in_round: int = 0
    halted: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "attempt": self.attempt,
            "tries_in_round": self.tries_in_round,
            "halted": self.halted,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any] | None) -> SchedulerState:
        raw = raw or {}
        halted = raw.get("halted")
        return cls(
            attempt=max(0, int(raw.get("attempt", 0) or 0)),
            tries_in_round=max(0, int(raw.get("tries_in_round", 0) or 0)),
            halted=str(halted) if halted else None,
        )


class SyncScheduler:
    """Decides when the next cycle is due; :meth:`begin` refuses a second concurrent cycle."""

    def __init__(
        self,
        *,
        interval_s: float = 600.0,
        debounce_s: float = 30.0,
        max_tries: int = MAX_TRIES_PER_ROUND,
        base_s: float = BACKOFF_BASE_S,
        cap_s: float = BACKOFF_CAP_S,
        rng: random.Random | None = None,
        state: SchedulerState | None = None,
    ) -> None:
        self.interval_s = interval_s
        self.debounce_s = debounce_s
        self.max_tries = max_tries
        self.base_s = base_s
        self.cap_s = cap_s
        self._rng = rng or random.Random()
        st = state or SchedulerState()
        self.attempt = st.attempt
        self.tries_in_round = st.tries_in_round
        self.halted = st.halted
        self.online = True
        self.running = False
        self._due_at: float | None = None
        self._due_trigger: Trigger | None = None

    # ------------------------------------------------------------------ persistence

    def state(self) -> SchedulerState:
        return SchedulerState(self.attempt, self.tries_in_round, self.halted)

    # ------------------------------------------------------------------ triggers

    def _arm(self, at: float, trigger: Trigger, *, earliest: bool = True) -> None:
        if self._due_at is None or not earliest or at < self._due_at:
            self._due_at = at
            self._due_trigger = trigger

    def on_start(self, now: float) -> None:
        self._arm(now, Trigger.START)

    def on_save(self, now: float) -> None:
        """A record was saved: sync 30 s later if online (later saves do not push it back).

        While backing off after a failure a save does not cut the wait short."""
        if self.online and self.halted is None and self.attempt == 0:
            self._arm(now + self.debounce_s, Trigger.SAVE)

    def on_demand(self, now: float) -> None:
        """ "Sinkronkan sekarang": now, with a fresh retry round; also lifts a halt to re-check."""
        self.halted = None
        self.tries_in_round = 0
        self._arm(now, Trigger.DEMAND, earliest=False)

    def on_connectivity(self, now: float, *, online: bool) -> None:
        came_back = online and not self.online
        self.online = online
        if came_back and self.halted is None:
            self._arm(now, Trigger.RECONNECT)

    def halt(self, reason: str) -> None:
        """Stop automatic syncing (device revoked, app too old); only on_demand re-checks."""
        self.halted = reason
        self._due_at = None
        self._due_trigger = None

    # ------------------------------------------------------------------ timer

    def seconds_until_due(self, now: float) -> float | None:
        if self.halted is not None or self._due_at is None:
            return None
        return max(0.0, self._due_at - now)

    def due(self, now: float) -> Trigger | None:
        if self.halted is not None or self.running or self._due_at is None:
            return None
        return self._due_trigger if now >= self._due_at else None

    def begin(self, now: float) -> bool:  # noqa: ARG002 - symmetrical with the finish calls
        """Mark a cycle as running; ``False`` if one already is (never two syncs at once)."""
        if self.running:
            return False
        self.running = True
        self._due_at = None
        self._due_trigger = None
        return True

    def succeeded(self, now: float) -> None:
        self.running = False
        self.attempt = 0
        self.tries_in_round = 0
        self._arm(now + self.interval_s, Trigger.INTERVAL)

    def failed(self, now: float, *, retry_after: float = 0.0) -> float:
        """A transient failure: returns the delay until the retry (or the next interval)."""
        self.running = False
        delay = backoff_delay(
            self.attempt, self._rng, base=self.base_s, cap=self.cap_s, retry_after=retry_after
        )
        self.attempt += 1
        self.tries_in_round += 1
        if self.tries_in_round >= self.max_tries:
            self.tries_in_round = 0
            delay = max(delay, self.interval_s)
            self._arm(now + delay, Trigger.INTERVAL, earliest=False)
        else:
            self._arm(now + delay, Trigger.RETRY, earliest=False)
        return delay

    def cancelled(self, now: float) -> None:
        """The agent pressed *Batal*: no backoff, the regular interval continues."""
        self.running = False
        self._arm(now + self.interval_s, Trigger.INTERVAL)

    def stopped(self, reason: str) -> None:
        """A permanent stop (revoked, too old for this action, forbidden): halt until asked."""
        self.running = False
        self.halt(reason)
