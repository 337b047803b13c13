"""ui/crash.py: an exception that escapes a slot or a worker thread is logged in full and told
in one Indonesian sentence; the app keeps running, and a cancelled job is not a crash."""

from __future__ import annotations

import logging
import sys
import threading

import pytest

from PySide6.QtWidgets import QApplication, QMessageBox

from core.errors import Cancelled
from ui import crash

pytestmark = pytest.mark.gui


def _crash_boxes() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.isVisible() and w.windowTitle() == "Jangkau"
    ]


def _raised(exc: BaseException) -> tuple[type[BaseException], BaseException, object]:
    try:
        raise exc
    except BaseException as caught:  # noqa: BLE001 - the point is to catch it
        return type(caught), caught, caught.__traceback__


@pytest.fixture
def reporter(qtbot, monkeypatch):
    """The installed hooks, put back afterwards (pytest-qt keeps its own on sys.excepthook)."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(crash, "_reporter", None)
    installed = crash.install_excepthook()
    yield installed
    for box in _crash_boxes():
        box.close()


def test_an_escaped_exception_is_logged_and_told_in_indonesian(qtbot, reporter, caplog):
    assert sys.excepthook == reporter.report
    caplog.set_level(logging.CRITICAL, logger="jangkau.crash")
    sys.excepthook(*_raised(KeyError("nik")))
    qtbot.waitUntil(lambda: reporter.shown == 1, timeout=5_000)
    record = next(r for r in caplog.records if r.name == "jangkau.crash")
    assert record.exc_info is not None and record.exc_info[0] is KeyError  # the traceback
    (box,) = _crash_boxes()
    assert box.text() == (
        "Ada yang tidak beres. Data yang sudah tersimpan aman. "
        "Beri tahu pengawas; rinciannya ada di folder log."
    )
    assert box.detailedText() == "Kode: KeyError"


def test_a_worker_thread_crash_is_shown_on_the_gui_thread(qtbot, reporter):
    def work() -> None:
        raise RuntimeError("lane failed")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=5)
    qtbot.waitUntil(lambda: reporter.shown == 1, timeout=5_000)
    assert [b.detailedText() for b in _crash_boxes()] == ["Kode: RuntimeError"]


def test_a_cancelled_job_is_not_a_crash(qtbot, reporter):
    sys.excepthook(*_raised(Cancelled()))
    qtbot.wait(100)
    assert reporter.shown == 0 and _crash_boxes() == []
