"""The *Kegiatan* screen with real widgets: start an event through its dialog, the header
counts, closing with drafts (asks first), the due list and recording an outcome, the funnel of
the selected prospect."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from models.services import followups, outreach
from tests.models.synthetic import save_item
from tests.ui.conftest import wait_for_tasks
from ui.screens.outreach.outreach_view import OutreachView

pytestmark = pytest.mark.gui
TODAY = date(2026, 9, 1)


def _view(qtbot: Any, db: Any, agent: Any) -> OutreachView:
    view = OutreachView(lambda: db, lambda: agent, today=lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(1340, 690)
    view.show()
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        view.refresh()
    return view


def _save(qtbot: Any, dialog: Any) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_start_an_event_and_see_its_header(qtbot, jangkau_qapp, db, agent, synthetic):
    view = _view(qtbot, db, agent)
    assert view.event_pages.currentIndex() == 1  # "Belum ada kegiatan."
    assert view.empty_label.text() == view.tr("No events yet.")
    dialog = view.start_event()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()  # place and area first
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("HARBOUR"))
    qtbot.keyClicks(dialog.name_edit, "TPI Wonokerto")
    dialog.area_combo.set_code("33.75.03")
    dialog.partner_combo.setEditText("Kelompok nelayan Mina Bahari")
    dialog.attendance_spin.setValue(35)
    assert dialog.values().on == TODAY
    with qtbot.waitSignal(view.event_started, timeout=10_000) as started:
        _save(qtbot, dialog)
    event = started.args[0]
    assert (event.place_kind, event.place_name, event.area_code) == (
        "HARBOUR",
        "TPI Wonokerto",
        "33.75.03",
    )
    qtbot.waitUntil(lambda: view.event_pages.currentIndex() == 0, timeout=10_000)
    assert outreach.active_event(db, today=TODAY).id == event.id
    assert "TPI Wonokerto" in view.header_label.text()
    assert "Kelompok nelayan Mina Bahari" in view.details_label.text()

    # Prospects recorded in the event: a draft and two submitted ones.
    for submit in (False, True, True):
        item = synthetic(outreach_event_id=str(event.id))
        save_item(db, item, agent=agent, today=TODAY, submit=submit)
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        view.refresh()
    assert view.prospects_model.rowCount() == 3
    counts = view.snapshot.detail.counts
    assert (counts.recorded, counts.drafts, counts.waiting, counts.submitted) == (3, 1, 2, 2)
    assert view.counts_label.text() == view.tr(
        "Recorded {recorded}   Draft {drafts}   Waiting to send {waiting}   "
        "Sent {sent}   Received by the server {acknowledged}/{submitted}"
    ).format(recorded=3, drafts=1, waiting=2, sent=0, acknowledged=0, submitted=2)

    # Closing asks about the draft first; "close anyway" leaves it out of the manifest.
    view.close_event()
    qtbot.waitUntil(lambda: isinstance(view.active_dialog, QMessageBox), timeout=10_000)
    box = view.active_dialog
    anyway = next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
    )
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        qtbot.mouseClick(anyway, Qt.MouseButton.LeftButton)
    closed = view.snapshot.detail.event
    assert closed.closed and len(closed.manifest) == 2
    assert not view.close_button.isEnabled() and not view.edit_button.isEnabled()
    wait_for_tasks(qtbot)


def test_due_list_outcome_and_funnel(qtbot, jangkau_qapp, db, agent, record):
    event = outreach.start_event(
        db,
        place_kind="MARKET",
        place_name="Pasar Banjarsari",
        area_code="33.75.01",
        on=TODAY,
        agent=agent,
    )
    late = record(full_name="ADI TERLAMBAT", outreach_event_id=str(event.id))
    record(full_name="BUDI NANTI", outreach_event_id=str(event.id))
    followups.plan_follow_up(db, prospect_id=late, due=TODAY, agent=agent, today=TODAY)
    view = OutreachView(lambda: db, lambda: agent, today=lambda: TODAY + timedelta(days=2))
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.due_count_changed, timeout=10_000) as due:
        view.refresh()
    assert due.args == [1]
    assert view.due_model.rowCount() == 1
    assert view.due_model.index(0, 1).data() == "ADI TERLAMBAT"
    assert view.due_model.index(0, 0).data() == view.due_model.tr(
        "{date} (%n day(s) late)", "", 2
    ).format(date="1 Sep 2026")
    assert view.tabs.tabText(1) == view.tr("&Follow-ups ({n})").format(n=1)

    view.tabs.setCurrentIndex(1)
    view.due_table.selectRow(0)
    dialog = view.record_outcome(view._current_due())
    dialog.outcome_combo.setCurrentIndex(dialog.outcome_combo.findData("REFUSED"))
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled() and not dialog.next_check.isEnabled()
    qtbot.keyClicks(dialog.reason_edit, "Sudah punya asuransi lain")
    with qtbot.waitSignal(view.due_count_changed, timeout=10_000) as due:
        _save(qtbot, dialog)
    assert due.args == [0]
    assert view.due_pages.currentIndex() == 1
    [visit, _planned] = followups.visits_of(db, prospect_id=late)
    assert (visit.outcome, visit.reason, visit.date) == (
        "REFUSED",
        "Sudah punya asuransi lain",
        TODAY + timedelta(days=2),
    )

    # Selecting the prospect in the event's table shows its stages and the refusal.
    view.tabs.setCurrentIndex(0)
    row = next(i for i, r in enumerate(view.prospects_model.rows) if r.id == late)
    view.prospects_table.selectRow(row)
    qtbot.waitUntil(lambda: view.funnel_strip.funnel is not None, timeout=10_000)
    assert view.funnel_strip.funnel.closed_outcome == "REFUSED"
    assert "Sudah punya asuransi lain" in view.funnel_strip.text()
    assert view.plan_button.isEnabled()
    plan = view.plan_visit(late)
    plan.due_edit.setDate(QDate(2026, 9, 10))
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        _save(qtbot, plan)
    assert [v.outcome for v in followups.visits_of(db, prospect_id=late)][0] == "PLANNED"
    wait_for_tasks(qtbot)
