"""UI.md §7 check 7 for sync: a 1,000-record sync shows progress at once, *Batal* stops it within
a batch, nothing is lost and the next sync sends the rest exactly once.

The link is slowed by the fault proxy on loopback (every request waits 150 ms), so the push takes
many batches and the cancel lands in the middle of it; the server is the real one.
"""

from __future__ import annotations

from typing import Any

import pytest

from PySide6.QtCore import Qt

from core import lanes
from core.settings import Settings
from tests.sync.faultproxy import Fault, FaultProxy
from tests.ui.conftest import EMPTY_USERNAME, unlock, wait_for_tasks
from tests.ui.sync.support import enroll_and_sync, save_submitted, village

pytestmark = pytest.mark.gui

RECORDS = 1_000


def _save_many(window: Any, count: int) -> None:
    """``count`` submitted prospects through the real save service, in one DB-lane job."""
    ctx = window.context
    area = village()

    def save_all() -> None:
        for index in range(1, count + 1):
            save_submitted(ctx, index, area)

    lanes.db().submit(save_all).result(timeout=120)
    window.sync.refresh()


@pytest.mark.timeout(240)
def test_a_thousand_records_show_progress_and_batal_stops_within_a_batch(
    qtbot, live_server, empty_profile, make_main_window
):
    server = live_server
    agent_id = server.create_agent(EMPTY_USERNAME, areas=(village(),))
    proxy = FaultProxy(
        server.address, seed=7, weights={Fault.DELAY: 1.0}, delay_range=(0.15, 0.15)
    ).start()
    try:
        window = make_main_window(Settings(language="id", auto_sync=False))
        unlock(qtbot, window, empty_profile)
        enroll_and_sync(qtbot, window, server_url=proxy.url, code=server.enrollment_code(agent_id))
        _save_many(window, RECORDS)
        qtbot.waitUntil(
            lambda: (
                window.status.texts()["unsent"] == f"Belum terkirim {RECORDS:,}".replace(",", ".")
            ),
            timeout=10_000,
        )

        panel = window.sync_actions.show_panel()
        assert panel is not None
        seen: list[tuple[str, int, int]] = []
        window.sync.progress_changed.connect(lambda s, d, t: seen.append((s, d, t)))
        window.sync.sync_now()
        # Progress is on screen as soon as the sync starts (well within UI.md's 1 s).
        qtbot.waitUntil(lambda: panel.progress_bar.isVisible(), timeout=1_000)
        assert panel.cancel_button.isVisible() and panel.cancel_button.isEnabled()

        def sending() -> list[int]:
            return [d for s, d, _t in seen if s == "sending"]

        qtbot.waitUntil(lambda: any(d > 0 for d in sending()), timeout=30_000)
        with qtbot.waitSignal(window.sync.cycle_finished, timeout=30_000) as finished:
            requests_before = proxy.requests  # the cancel flag is set by this click, at once
            qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
        wait_for_tasks(qtbot)
        result = finished.args[0]
        assert result.status.value == "cancelled", result
        # Within a batch: at most the one push already on its way when Batal was pressed
        # (the next batch leaves while the previous reply is applied) reaches the server.
        assert proxy.requests - requests_before <= 1, proxy.requests - requests_before
        held = server.records_of(agent_id)  # a prospect and its consent are two records
        assert 0 < len(held) < 2 * RECORDS
        assert result.sent == len(held)  # every request the server answered was recorded here
        assert not panel.progress_bar.isVisible()
        assert window.status.texts()["state"] == "Daring"  # a cancel is not a connection fault
        prospects_held = sum(1 for *_, kind in held.values() if kind == "prospect")
        unsent = f"Belum terkirim {RECORDS - prospects_held:,}".replace(",", ".")
        qtbot.waitUntil(lambda: window.status.texts()["unsent"] == unsent, timeout=10_000)

        proxy.set_weights({Fault.PASS: 1.0})
        with qtbot.waitSignal(window.sync.cycle_finished, timeout=60_000) as again:
            window.sync.sync_now()
        wait_for_tasks(qtbot)
        assert again.args[0].ok, again.args[0]
        records = server.records_of(agent_id)
        kinds = [kind for *_, kind in records.values()]
        assert kinds.count("prospect") == RECORDS  # the rest arrived; ids are keys: none twice
        assert len(records) == 2 * RECORDS  # and every consent
        assert {revision for revision, *_ in records.values()} == {1}
        qtbot.waitUntil(
            lambda: window.status.texts()["unsent"] == "Belum terkirim 0", timeout=10_000
        )
        panel.close()
    finally:
        proxy.stop()
