"""Group commit for pushes: while one group transaction runs, concurrent pushes queue.

A request thread puts its push on the queue. If no group is running it leads: it takes the
queued pushes (its own first, in arrival order, up to ``MAX_PUSHES`` pushes and
``MAX_CHANGES`` changes), runs them with ``run`` and then hands the lead to the first push
still queued, if any. The others wait; each is woken once its group has an outcome for it
(its reply, after the group's COMMIT, or the exception to raise). A waiter woken without an
outcome was given the lead. One group at a time per process: the pushes that arrive while it
runs form the next one, so the group size follows the load (one push alone when idle).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

MAX_PUSHES = 64
MAX_CHANGES = 200  # one protocol batch: what one transaction is sized for


@dataclass(eq=False, slots=True)
class Job:
    """One push waiting for its group: ``size`` changes; ``work`` is what ``run`` needs."""

    work: Any
    size: int
    outcome: Any = None
    error: BaseException | None = None
    finished: bool = False
    _woken: threading.Event = field(default_factory=threading.Event)


class Combiner:
    """Runs queued jobs in groups, one group at a time. ``run(jobs)`` must set each job's
    ``outcome`` or ``error``; a job it leaves without either gets the exception ``run``
    raised (or a RuntimeError)."""

    def __init__(self, run: Callable[[Sequence[Job]], None]) -> None:
        self._run = run
        self._lock = threading.Lock()
        self._queue: deque[Job] = deque()
        self._busy = False

    def submit(self, job: Job) -> Any:
        """Queue ``job``; returns its outcome or raises its error, once its group is done."""
        with self._lock:
            self._queue.append(job)
            lead = not self._busy
            self._busy = True
        if not lead:
            job._woken.wait()
        if not job.finished:  # no group running when it came, or the lead was handed to it
            self._lead()
        assert job.finished
        if job.error is not None:
            raise job.error
        return job.outcome

    def _lead(self) -> None:
        with self._lock:
            group = [self._queue.popleft()]  # the leader's own job is first in the queue
            changes = group[0].size
            while (
                self._queue
                and len(group) < MAX_PUSHES
                and changes + self._queue[0].size <= MAX_CHANGES
            ):
                job = self._queue.popleft()
                group.append(job)
                changes += job.size
        failure: BaseException | None = None
        try:
            self._run(group)
        except BaseException as exc:  # noqa: BLE001 — handed to every job left without outcome
            failure = exc
        finally:
            with self._lock:
                following = self._queue[0] if self._queue else None
                if following is None:
                    self._busy = False
            for job in group:
                if job.outcome is None and job.error is None:
                    job.error = failure or RuntimeError("push group left a job unanswered")
                job.finished = True
                job._woken.set()
            if following is not None:
                following._woken.set()  # it leads the next group
