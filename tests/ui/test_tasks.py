"""ui/tasks.py: lane work comes back on the GUI thread; owners that die get nothing; jobs
report progress and stop at the next batch when cancelled."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from PySide6.QtCore import QObject

from core.errors import Cancelled
from tests.ui.conftest import wait_for_tasks
from ui.tasks import pending_count, run_in_background, start_job

pytestmark = pytest.mark.gui


@pytest.fixture
def lane():
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lane-test")
    yield executor
    executor.shutdown(wait=True)


def test_result_arrives_on_the_gui_thread(qtbot, jangkau_qapp, lane):
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.current_thread()
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["callback"] = threading.current_thread()

    run_in_background(lane, work, on_success=done)
    qtbot.waitUntil(lambda: "value" in seen, timeout=5_000)
    assert seen["value"] == 42
    assert seen["callback"] is threading.main_thread()
    assert seen["worker"] is not threading.main_thread()
    assert pending_count() == 0


def test_errors_go_to_on_error(qtbot, jangkau_qapp, lane):
    errors: list[BaseException] = []

    def boom() -> None:
        raise ValueError("nope")

    run_in_background(lane, boom, on_success=lambda _r: None, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5_000)
    assert isinstance(errors[0], ValueError)


def test_callbacks_never_run_inside_the_call(qtbot, jangkau_qapp, lane):
    order: list[str] = []
    future = run_in_background(lane, lambda: 1, on_success=lambda _r: order.append("callback"))
    future.result(timeout=5)  # finished before we go on; the callback must still be queued
    order.append("after call")
    qtbot.waitUntil(lambda: len(order) == 2, timeout=5_000)
    assert order == ["after call", "callback"]


def test_a_destroyed_owner_gets_nothing(qtbot, jangkau_qapp, lane):
    gate = threading.Event()
    owner = QObject()
    got: list[int] = []
    run_in_background(lane, lambda: gate.wait(5) and 7, on_success=got.append, owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner), timeout=5_000)
    gate.set()
    wait_for_tasks(qtbot)
    assert got == []


def _alive(obj: QObject) -> bool:
    try:
        obj.objectName()
    except RuntimeError:
        return False
    return True


def test_job_reports_progress_and_stops_when_cancelled(qtbot, jangkau_qapp, lane):
    started = threading.Event()
    release = threading.Event()
    progress: list[tuple[int, int]] = []
    outcome: list[object] = []

    def job(control) -> int:
        done = 0
        for batch in range(100):
            control.check()
            done += 1
            control.report(done, 100, "")
            if batch == 2:
                started.set()
                release.wait(5)
        return done

    handle = start_job(
        lane,
        job,
        on_success=outcome.append,
        on_error=outcome.append,
        on_progress=lambda d, t, _n: progress.append((d, t)),
    )
    assert started.wait(5)
    handle.cancel()
    release.set()
    qtbot.waitUntil(lambda: bool(outcome), timeout=5_000)
    assert isinstance(outcome[0], Cancelled)
    qtbot.waitUntil(lambda: (3, 100) in progress, timeout=5_000)
    assert max(d for d, _t in progress) == 3  # stopped at the next batch
    assert handle.cancelled
