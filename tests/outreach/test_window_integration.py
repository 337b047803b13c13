"""Outreach and coverage inside the real main window: Ctrl+4 *Kegiatan*, Ctrl+5 *Dasbor*, the
toolbar's event combo following today's session, a new prospect joining the chosen event, the
follow-up reminder at the start, and both screens gone after *Kunci*."""

from __future__ import annotations

from datetime import timedelta

import pytest

from PySide6.QtCore import Qt

from models.services import followups, outreach
from tests.ui.conftest import TODAY, unlock, wait_for_tasks

pytestmark = pytest.mark.gui


def test_events_dashboard_and_new_prospects_join_the_event(qtbot, make_main_window, seeded_profile):
    window = make_main_window()
    unlock(qtbot, window, seeded_profile)
    coverage = window.coverage
    qtbot.waitUntil(lambda: coverage.outreach_view is not None, timeout=10_000)
    assert window.event_action.isVisible()
    assert coverage.combo.currentData() is None  # no event today yet

    db, agent = window.context.db, window.context.agent
    first = window.list_view.model.row_at(0).id
    followups.plan_follow_up(db, prospect_id=first, due=TODAY, agent=agent, today=TODAY)
    coverage._remind()
    qtbot.waitUntil(lambda: bool(window.status.currentMessage()), timeout=10_000)
    assert "Ctrl+4" in window.status.currentMessage()

    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.views.currentWidget() is coverage.outreach_view
    wait_for_tasks(qtbot)  # the screen's own refresh has landed
    event = outreach.start_event(
        db,
        place_kind="MARKET",
        place_name="Pasar Banjarsari",
        area_code="33.75.01",
        on=TODAY,
        agent=agent,
    )
    with qtbot.waitSignal(coverage.outreach_view.events_changed, timeout=10_000):
        coverage.outreach_view.refresh()
    assert coverage.combo.currentData() == str(event.id)  # today's session
    assert coverage.outreach_view.due_model.rowCount() == 1

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = window.editor
    assert window.views.currentWidget() is editor
    assert editor._base_payload["outreach_event_id"] == str(event.id)

    # Choosing "no event" in the toolbar: the next prospect joins nothing.
    coverage.combo.setCurrentIndex(0)
    coverage._combo_chosen(0)
    assert coverage.new_prospect_args() == {}
    yesterday = outreach.start_event(
        db,
        place_kind="HARBOUR",
        place_name="TPI Wonokerto",
        area_code="33.75.03",
        on=TODAY - timedelta(days=1),
        agent=agent,
    )
    wait_for_tasks(qtbot)
    with qtbot.waitSignal(coverage.outreach_view.events_changed, timeout=10_000):
        coverage.outreach_view.refresh()
    assert coverage.combo.currentData() is None  # the agent's choice stays
    assert coverage.combo.findData(str(yesterday.id)) > 0  # open events of other days are offered

    editor._dirty = False
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    view = coverage.dashboard_view
    assert window.views.currentWidget() is view
    qtbot.waitUntil(lambda: view.current is not None, timeout=10_000)
    assert view.current.totals.events == 2  # this month: both events of February

    window.lock()
    qtbot.waitSignal(window.locked, timeout=10_000)
    qtbot.waitUntil(lambda: coverage.outreach_view is None, timeout=10_000)
    assert not window.event_action.isVisible()
    wait_for_tasks(qtbot)


def test_supervisor_dashboard_from_the_review_workspace(qtbot, make_main_window, world):
    """A supervisor signed in for review gets *Dasbor* with the server's figures of their area."""
    from ui.screens.review.review_session import ReviewSession
    from ui.screens.review.workspace import ReviewWorkspace

    world.capture("a", 3)
    world.sync("a")
    window = make_main_window()
    workspace = ReviewWorkspace(ReviewSession(world.new_client()))
    qtbot.addWidget(workspace)
    workspace.resize(1366, 700)
    workspace.show()
    with qtbot.waitSignal(workspace.queue_loaded, timeout=15_000):
        workspace.start()
    window.coverage._supervisor_started(workspace)  # what SupervisorMode.started triggers
    button = workspace.supervisor_dashboard_button
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.coverage.supervisor_dialog
    view = dialog.dashboard_view
    assert view.by_buttons["agent"].isVisible()  # supervisors may break down by agent
    qtbot.waitUntil(lambda: view.current is not None, timeout=15_000)
    with qtbot.waitSignal(view.loaded, timeout=15_000) as blocker:
        view.set_period("all")
    data = blocker.args[0]
    assert data.source == "server" and data.area is None
    assert data.totals.prospects == 3
    assert [row.key for row in data.rows] == [world.village]
    with qtbot.waitSignal(view.loaded, timeout=15_000) as blocker:
        view.set_by("agent")
    [row] = blocker.args[0].rows
    assert row.label == "Agen A" and row.prospects == 3
    dialog.close()
    workspace._refresh_timer.stop()
    wait_for_tasks(qtbot)
