"""Background work: run a callable on a lane, get the result back on the GUI thread.

``run_in_background(lane, fn, on_success=…, on_error=…)`` submits ``fn`` to one of the
single-thread executors of ``core.lanes`` (ARCHITECTURE.md §3). The finished future is emitted
through a signal of a small relay object that lives on the GUI thread, so the connection is
queued and both callbacks run on the GUI thread, where they may touch widgets. The callable never
touches a widget. A module-level set keeps each relay alive until it has delivered.

``start_job`` is the variant for long jobs: the callable receives a ``JobControl`` to report
progress (which travels to the GUI thread as a signal) and to see a cancel request between
batches (a ``threading.Event``; ``JobControl.check()`` raises ``core.errors.Cancelled``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot

from core.errors import Cancelled

log = logging.getLogger(__name__)

__all__ = ["Job", "JobControl", "run_in_background", "start_job", "pending_count"]

T = TypeVar("T")
_pending: set[QObject] = set()


def _default_error(exc: BaseException) -> None:
    from ui.errors import show_error  # ui.errors shows dialogs; imported late to avoid a cycle

    show_error(None, exc)


def _to_gui_thread(obj: QObject) -> None:
    app = QCoreApplication.instance()
    if app is not None and obj.thread() is not app.thread():
        obj.moveToThread(app.thread())


class _Relay(QObject):
    done = Signal(object)

    def __init__(
        self,
        on_success: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__()
        _to_gui_thread(self)
        self._on_success, self._on_error = on_success, on_error
        self._orphaned = False
        # Always queued: callbacks run on the GUI thread, never inside run_in_background itself.
        self.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot()
    def orphan(self) -> None:
        """The owner is gone: the result is dropped (the relay itself lives until delivery)."""
        self._orphaned = True

    @Slot(object)
    def _deliver(self, future: Future[Any]) -> None:
        _pending.discard(self)
        if self._orphaned:
            return
        if future.cancelled():
            self._on_error(Cancelled(detail="lane shut down before the job ran"))
            return
        exc = future.exception()
        if exc is not None:
            self._on_error(exc)
        else:
            self._on_success(future.result())


def run_in_background(
    lane: Executor,
    fn: Callable[[], T],
    *,
    on_success: Callable[[T], None],
    on_error: Callable[[BaseException], None] = _default_error,
    owner: QObject | None = None,
) -> Future[T]:
    """Run ``fn`` on ``lane``; call ``on_success(result)`` or ``on_error(exc)`` on the GUI thread.

    With an ``owner`` (the widget or model that asked), nothing is delivered once the owner is
    destroyed: a screen torn down by *Kunci* never receives a late page.
    """
    relay = _Relay(on_success, on_error)
    _pending.add(relay)  # keep alive until delivered
    if owner is not None:
        owner.destroyed.connect(relay.orphan)
    future = lane.submit(fn)
    future.add_done_callback(relay.done.emit)
    return future


def pending_count() -> int:
    """How many results are still on their way (tests wait for zero before tearing down)."""
    return len(_pending)


class JobControl:
    """Handed to a long job on its lane: report progress, notice a cancel request."""

    def __init__(self, job: Job) -> None:
        self._job = job
        self.cancel_event = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def check(self) -> None:
        """Call between batches: raises ``Cancelled`` once the user pressed *Batal*."""
        if self.cancel_event.is_set():
            raise Cancelled()

    def report(self, done: int, total: int, note: str = "") -> None:
        self._job.progress.emit(done, total, note)


class Job(QObject):
    """A long job in flight; ``progress(done, total, note)`` and ``finished(result)`` on the GUI thread."""

    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        _to_gui_thread(self)
        self.control = JobControl(self)
        self.future: Future[Any] | None = None

    def cancel(self) -> None:
        """Ask the job to stop at its next ``check()``; a queued job that never started is dropped."""
        self.control.cancel_event.set()
        if self.future is not None:
            self.future.cancel()

    @property
    def cancelled(self) -> bool:
        return self.control.cancelled


def start_job(
    lane: Executor,
    fn: Callable[[JobControl], T],
    *,
    on_success: Callable[[T], None],
    on_error: Callable[[BaseException], None] = _default_error,
    on_progress: Callable[[int, int, str], None] | None = None,
) -> Job:
    """Run a cancellable, progress-reporting job; the callbacks run on the GUI thread."""
    job = Job()
    if on_progress is not None:
        job.progress.connect(on_progress)
    _pending.add(job)

    def succeed(result: T) -> None:
        _pending.discard(job)
        on_success(result)
        job.finished.emit(result)

    def fail(exc: BaseException) -> None:
        _pending.discard(job)
        on_error(exc)
        job.failed.emit(exc)

    job.future = run_in_background(lane, lambda: fn(job.control), on_success=succeed, on_error=fail)
    return job
