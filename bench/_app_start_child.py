"""The child process of ``bench.app_start``: start as main.py does, unlock, search, report.

Run as a script (``python bench/_app_start_child.py [--typed] BASE SPAWNED``), as ``main.py`` is,
and importing nothing the app itself does not import before its list is on screen, so that the
start figure is the app's own. Prints one JSON line of timings for the parent.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PASSWORD = "bench-kata-sandi-123"
TYPING_MS = 120  # a fast typist: about eight keys a second
SEARCH_BUDGET_S = 40.0  # per process; slow queries shorten the sample rather than the patience
MAX_KEYSTROKES = 60


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _child(base: Path, spawned: float, *, typed: bool = False) -> None:
    """Runs in a fresh process: start like main.py, unlock, search, report."""
    os.environ["JANGKAU_DATA_DIR"] = str(base)  # profiles_dir() = <base>/profiles
    gc.disable()  # as main.py does; ui.preload.freeze_modules turns it on again
    import ui  # noqa: F401, I001 - before any Qt module, as in main.py
    from core import lanes
    from core.log import setup_logging
    from core.settings import Settings
    from models import profiles
    from ui import theme, translations
    from ui.main_window import MainWindow
    from ui.preload import preload_in_background
    from PySide6.QtCore import QEventLoop, QTimer

    setup_logging()
    app = theme.new_application(sys.argv[0])  # as main.py does
    translations.set_language("id")
    profile = profiles.list_profiles()[0]
    settings = Settings(last_profile=profile.slug)  # a new install's settings
    theme.apply_theme(app, touch_mode=settings.touch_mode, watch=False)  # as main.py does
    window = MainWindow(settings, restore_geometry=False)
    window.resize(1366, 768)
    window.show()
    preload_in_background()  # as main.py does
    out: dict[str, float] = {}

    # Let the lanes run while waiting: a tight loop of processEvents() holds the GIL and
    # starves the very lane being timed (Python hands the GIL over every 5 ms), adding ~10 ms
    # to every keystroke. Sleeping 0.5 ms between passes hands it over at once, as the idle
    # app.exec() does. (processEvents(WaitForMoreEvents) would be closer still, but in trials
    # it now and then never woke for a finished page.)
    def spin_until(condition, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
            if not condition():
                time.sleep(0.0005)

    def idle(seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
            time.sleep(0.002)

    rows_painted: list[bool] = []
    # PySide keeps a borrowed pointer to a Python override it has called: the noting paint
    # must outlive the window, or a later paint calls whatever object took its memory.
    painters: list[object] = []

    def watch_rows() -> Callable[[], None]:
        """Once *Buka* is pressed, note when the list's paint has painted rows: they are on
        screen then. (An app-wide event filter would see every event of the unlock and slow it
        down.) Called right after the press, before the event loop runs again: the app has
        imported and built the list by then (while the key is derived, or while the password
        was typed), and nothing has painted it yet. Importing it here any earlier would move
        the app's own import out of the timed stretch, or, before the press, in front of the
        key derivation it overlaps. Returns what puts the list's own paint back."""
        from ui.screens.prospect_list import ProspectTable

        paint_event = ProspectTable.paintEvent

        def paint_and_note(table: ProspectTable, event: object) -> None:
            paint_event(table, event)  # type: ignore[arg-type]
            if table.model() is not None and table.model().rowCount() > 0:
                rows_painted.append(True)

        painters.append(paint_and_note)
        ProspectTable.paintEvent = paint_and_note  # type: ignore[method-assign]
        return lambda: setattr(ProspectTable, "paintEvent", paint_event)

    def first_frame() -> None:
        # The unlock screen on screen: the pass that exposes the window paints it (the bare
        # window is timed the same way). The first timer pass comes before that.
        handle = window.windowHandle()
        spin_until(handle.isExposed)
        out["unlock_screen"] = time.monotonic() - spawned
        if typed:
            from PySide6.QtCore import Qt
            from PySide6.QtTest import QTest

            edit = window.unlock_screen.password_edit
            edit.setFocus()
            # One key event per TYPING_MS, the event loop running in between as app.exec()
            # runs it: QTest's own delay holds the GIL and would stall the app's threads.
            for char in PASSWORD:
                QTest.keyClick(edit, char)
                idle(TYPING_MS / 1000)
            idle(TYPING_MS / 1000)
            enter = time.monotonic()
            QTest.keyClick(edit, Qt.Key.Key_Return)
            unwatch = watch_rows()
        else:
            enter = time.monotonic()
            window.unlock_screen.password_edit.setText(PASSWORD)
            window.unlock_screen.try_unlock()
            unwatch = watch_rows()
        spin_until(lambda: bool(rows_painted))  # the first page painted in the list
        out["usable"] = time.monotonic() - spawned
        out["enter_to_usable"] = time.monotonic() - enter
        unwatch()
        model = window.list_view.model
        out["waited"] = out["unlock_screen"] + out["enter_to_usable"]
        spin_until(lambda: window.status.texts()["total"] != "", timeout=120)
        out["status_complete"] = time.monotonic() - spawned
        spin_until(lambda: model.total is not None, timeout=120)
        out["total"] = float(model.total or 0)
        out["rows"] = model.rowCount()
        _search(window, spin_until, out)
        import resource

        out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        app.quit()

    def guarded() -> None:
        try:
            first_frame()
        except BaseException as exc:  # noqa: BLE001 - report any failure to the parent, then stop
            out["error"] = f"{type(exc).__name__}: {exc}"  # type: ignore[assignment]
            app.quit()

    QTimer.singleShot(0, guarded)
    app.exec()
    window.close()  # as quitting does: the session is torn down, the store closes on its lane
    lanes.shutdown(wait=True)
    print(json.dumps(out), flush=True)


def _queries(window) -> list[str]:  # type: ignore[no-untyped-def]
    """What an agent types: names, NIK and mobile fragments, village names (one key at a time)."""
    model = window.list_view.model
    rows = [model.row_at(i) for i in range(0, min(model.rowCount(), 200), 20)]
    words = []
    for row in rows[:3]:
        words.append(row.full_name.split()[0])
        words.append(row.nik[:8])
        if row.mobile:
            words.append("0" + row.mobile[3:10])
        if row.village_name:
            words.append(row.village_name)
    typed: list[str] = []
    for word in words:
        for n in range(1, len(word) + 1):
            text = word[:n].strip()
            if text and (not typed or text != typed[-1]):  # a space alone starts no new query
                typed.append(text)
    return typed


def _search(window, spin_until, out: dict[str, float]) -> None:  # type: ignore[no-untyped-def]
    view = window.list_view
    model = view.model
    samples = []
    budget = time.monotonic() + SEARCH_BUDGET_S
    for text in _queries(window)[:MAX_KEYSTROKES]:
        if time.monotonic() > budget:
            break
        view.search_edit.blockSignals(True)
        view.search_edit.setText(text)
        view.search_edit.blockSignals(False)
        loaded = []
        model.page_loaded.connect(loaded.append)
        started = time.monotonic()
        view.apply_query()  # what the 150 ms debounce calls after the last key
        spin_until(lambda loaded=loaded: bool(loaded) and not model.loading, timeout=120)
        view.table.viewport().repaint()
        samples.append(time.monotonic() - started)
        model.page_loaded.disconnect(loaded.append)
    out["search_p50"] = _pct(samples, 0.5)
    out["search_p95"] = _pct(samples, 0.95)
    out["search_n"] = float(len(samples))


if __name__ == "__main__":
    typed = sys.argv[1] == "--typed"
    args = sys.argv[2:] if typed else sys.argv[1:]
    _child(Path(args[0]), float(args[1]), typed=typed)
