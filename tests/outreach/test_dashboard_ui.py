"""The *Dasbor* screen with real widgets: numbers from the store reach the tiles, charts and
table; breakdown and period change the query; empty and error states; PDF export; the
supervisor's source against the live server (Petugas breakdown)."""

from __future__ import annotations

import io
import uuid
from datetime import date
from typing import Any

import pytest
from pypdf import PdfReader

from PySide6.QtCore import Qt

from core import formatting
from models.services import dashboard
from models.services.dashboard import DashboardQuery
from sync.review_client import ReviewClient
from tests.outreach.demo_data import fill
from tests.server.conftest import Live, make_user
from tests.ui.conftest import wait_for_tasks
from ui.screens.dashboard.dashboard_view import DashboardView, period_bounds
from ui.screens.dashboard.sources import LocalDashboardSource, RemoteDashboardSource

pytestmark = pytest.mark.gui
TODAY = date(2026, 9, 24)


def _view(qtbot: Any, source: Any) -> DashboardView:
    view = DashboardView(source, today=lambda: TODAY, who=lambda: "Agen 07")
    qtbot.addWidget(view)
    view.resize(1340, 690)
    view.show()
    return view


def _load(qtbot: Any, view: DashboardView) -> Any:
    with qtbot.waitSignal(view.loaded, timeout=10_000) as blocker:
        view.refresh()
    return blocker.args[0]


def test_numbers_reach_tiles_charts_and_table(qtbot, jangkau_qapp, db, agent):
    fill(db, agent=agent, today=TODAY)
    view = _view(qtbot, LocalDashboardSource(lambda: db))
    assert not view.by_buttons["agent"].isVisible()  # an agent sees only its own records
    data = _load(qtbot, view)
    start, end = period_bounds("this_month", TODAY)
    assert (data.start, data.end) == (start, end) == (date(2026, 9, 1), date(2026, 9, 30))
    expected = dashboard.load_dashboard(
        db, query=DashboardQuery(by="village", start=start, end=end)
    )
    assert data.rows == expected.rows and data.totals == expected.totals
    assert data.totals.prospects > 0 and data.totals.approved > 0 and data.totals.events == 6
    for key in ("events", "prospects", "approved", "follow_ups"):
        assert view.tiles[key].value.text() == formatting.thousands(getattr(data.totals, key))
    assert view.pages.currentIndex() == 0
    model = view.model
    assert model.rowCount() == len(data.rows) + 1
    for row, item in enumerate(data.rows):
        assert model.index(row, 0).data() == item.label
        assert model.index(row, 1).data() == formatting.thousands(item.prospects)
        assert model.index(row, 2).data() == formatting.thousands(item.approved)
        assert model.index(row, 4).data() == "–"  # no per-village target
    last = model.rowCount() - 1
    assert model.index(last, 0).data() == view.tr("Total")
    assert model.index(last, 1).data() == formatting.thousands(data.totals.prospects)
    # Charts: the bars carry the same numbers, largest rows first; the funnel has five stages.
    chart = view.breakdown_chart
    top = data.rows[: chart.max_rows]
    assert chart.categories() == [r.label for r in top]
    assert chart.values() == [[r.prospects for r in top], [r.approved for r in top]]
    assert view.funnel_chart.values() == [[f.count for f in data.funnel]]
    first = top[0]
    assert chart.accessibleDescription().startswith(
        f"{first.label}: {view.tr('Prospects')} {first.prospects}, "
        f"{view.tr('Approved')} {first.approved}"
    )
    # The baseline line sits at 31,546 / 154,453 of the bullet's width.
    x = view.bullet.reference_x()
    assert x == pytest.approx(1 + (view.bullet.width() - 2) * 31_546 / 154_453)
    assert "31.546" in view.bullet.reference_label and "20,4 %" in view.bullet.reference_label
    image = view.grab().toImage()
    assert not image.isNull() and image.width() >= 1340

    # Another breakdown and period: a new query, new rows.
    with qtbot.waitSignal(view.loaded, timeout=10_000) as blocker:
        view.set_period("all")
    assert blocker.args[0].start is None
    with qtbot.waitSignal(view.loaded, timeout=10_000) as blocker:
        qtbot.mouseClick(view.by_buttons["occupation"], Qt.MouseButton.LeftButton)
    occupations = blocker.args[0]
    assert occupations.by == "occupation"
    assert model.headerData(0, Qt.Orientation.Horizontal) == view.tr("Occupation")
    assert {r.key for r in occupations.rows} == {
        r.key for r in dashboard.load_dashboard(db, query=DashboardQuery(by="occupation")).rows
    }
    wait_for_tasks(qtbot)


def test_empty_store_says_so(qtbot, jangkau_qapp, db):
    view = _view(qtbot, LocalDashboardSource(lambda: db))
    data = _load(qtbot, view)
    assert data.empty
    assert view.pages.currentIndex() == 1
    assert view.empty_label.text() == view.tr("No data yet.")
    assert view.tiles["prospects"].value.text() == "0"
    wait_for_tasks(qtbot)


def test_export_writes_the_report(qtbot, jangkau_qapp, db, agent, tmp_path):
    fill(db, agent=agent, today=TODAY)
    view = _view(qtbot, LocalDashboardSource(lambda: db))
    data = _load(qtbot, view)
    target = tmp_path / "laporan.pdf"
    with qtbot.waitSignal(view.exported, timeout=10_000) as blocker:
        view.export_pdf(target)
    assert blocker.args[0] == target
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(target.read_bytes())).pages
    )
    assert "Agen 07 · data laptop ini" in text
    t = data.totals
    assert (
        f"{t.events} {t.prospects} {t.approved} {t.follow_ups} "
        "Kegiatan Prospek baru Disetujui Tindak lanjut"
    ) in text
    assert f"Jumlah {data.totals.prospects} {data.totals.approved}" in text
    assert data.rows[0].label in text
    wait_for_tasks(qtbot)


class _Broken:
    supports_agents = False
    breakdowns = dashboard.BY_LOCAL

    @property
    def lane(self):  # type: ignore[no-untyped-def]
        from core import lanes

        return lanes.net()

    def load(self, query):  # type: ignore[no-untyped-def]
        from sync.errors import OfflineError

        raise OfflineError(detail="no route to the server")


def test_a_failed_load_offers_a_retry(qtbot, jangkau_qapp):
    view = _view(qtbot, _Broken())
    with qtbot.waitSignal(view.failed, timeout=10_000):
        view.refresh()
    assert view.retry_button.isVisible()
    assert view.status_label.text()
    assert not view.export_button.isEnabled()
    wait_for_tasks(qtbot)


def test_supervisor_source_reads_the_server(qtbot, jangkau_qapp, live: Live):
    if live.backend != "sqlite":
        pytest.skip("the widget's server path is the same on both databases")
    account = make_user(live, f"spv{uuid.uuid4().hex[:6]}", ("supervisor",), ("33.75",))
    client = ReviewClient(live.url)
    client.login(account.username, account.password)
    try:
        view = _view(qtbot, RemoteDashboardSource(client))
        assert view.by_buttons["agent"].isVisible()
        with qtbot.waitSignal(view.loaded, timeout=15_000) as blocker:
            view.set_by("agent")
        data = blocker.args[0]
        assert data.source == "server" and data.by == "agent"
        assert view.model.headerData(0, Qt.Orientation.Horizontal) == view.tr("Agent")
        assert data.baseline.bpu_active == 31_546
        wait_for_tasks(qtbot)
    finally:
        client.close()


def test_period_presets():
    assert period_bounds("this_week", date(2026, 9, 24)) == (date(2026, 9, 21), date(2026, 9, 27))
    assert period_bounds("last_30", date(2026, 9, 24)) == (date(2026, 8, 26), date(2026, 9, 24))
    assert period_bounds("this_year", date(2026, 9, 24)) == (date(2026, 1, 1), date(2026, 12, 31))
    assert period_bounds("this_month", date(2026, 12, 5)) == (date(2026, 12, 1), date(2026, 12, 31))
    assert period_bounds("all", date(2026, 9, 24)) == (None, None)
