"""*Dasbor* (UI.md §3.10): coverage per village, district, regency, occupation, week (and agent,
for supervisors), with the funnel, the branch baseline and a PDF export.

::

    Menurut (o) Desa/Kelurahan ( ) Kecamatan … ( ) Petugas   Periode [Bulan ini v] [Segarkan] [Ekspor PDF]
    [ Kegiatan 6 ] [ Prospek baru 84 ] [ Disetujui 52 ] [ Tindak lanjut 11 ]
    Tahapan pendaftaran (bars)          | Menurut Desa/Kelurahan (bars: Prospek, Disetujui)
    Dasar cabang (bullet, baseline line)|
    Desa/Kelurahan  Prospek  Disetujui  Tindak lanjut  Sasaran  Cakupan

The numbers come from a source (``sources.py``): the agent's store on the DB lane, or the server
on the network lane for a supervisor; a query runs in the background and a newer one makes an
older answer stale (generation counter). States: "Memuat…", "Belum ada data.", an error with
*Coba lagi*. The export writes the PDF on the DB lane (``report_export.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core import formatting, lanes
from models.services.dashboard import DashboardData, DashboardQuery
from ui.errors import user_message
from ui.list_tables import style_list_table
from ui.screens.dashboard.bar_chart import BLUE, GREEN, BarChart, BulletChart, Series
from ui.screens.dashboard.coverage_model import CoverageTableModel, percent_label, row_label
from ui.tasks import run_in_background

log = logging.getLogger(__name__)

__all__ = ["DashboardView", "PERIODS", "period_bounds"]

PERIODS = ("this_month", "this_week", "last_30", "this_year", "all")
BREAKDOWNS = ("village", "district", "regency", "occupation", "week", "agent")


def period_bounds(key: str, today: date) -> tuple[date | None, date | None]:
    """Inclusive WIB days of a period preset."""
    if key == "this_week":
        monday = today - timedelta(days=today.weekday())
        return monday, monday + timedelta(days=6)
    if key == "last_30":
        return today - timedelta(days=29), today
    if key == "this_year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if key == "all":
        return None, None
    first = today.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


class _Tile(QFrame):
    """One total: a big number over its caption."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("–", self)
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(self)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set(self, value: int | None) -> None:
        self.value.setText("–" if value is None else formatting.thousands(value))
        self.setAccessibleName(f"{self.caption.text()} {self.value.text()}")


class DashboardView(QWidget):
    loaded = Signal(object)  # DashboardData
    failed = Signal(object)  # exception
    exported = Signal(object)  # Path

    def __init__(
        self,
        source: Any,
        *,
        today: Callable[[], date] = date.today,
        who: Callable[[], str] = lambda: "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.source = source
        self._today = today
        self._who = who
        self._generation = 0
        self.current: DashboardData | None = None
        self._error: BaseException | None = None
        self._build()
        self.retranslate_ui()
        self._apply_source()

    # -- construction ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.by_label = QLabel(self)
        self.by_group = QButtonGroup(self)
        self.by_buttons: dict[str, QRadioButton] = {}
        top = QHBoxLayout()
        top.addWidget(self.by_label)
        for key in BREAKDOWNS:
            button = QRadioButton(self)
            button.setProperty("breakdown", key)
            self.by_group.addButton(button)
            self.by_buttons[key] = button
            top.addWidget(button)
        self.by_buttons["village"].setChecked(True)
        self.by_group.buttonToggled.connect(self._by_toggled)
        top.addStretch(1)
        self.period_label = QLabel(self)
        self.period_combo = QComboBox(self)
        for key in PERIODS:
            self.period_combo.addItem("", key)
        self.period_label.setBuddy(self.period_combo)
        self.period_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        top.addWidget(self.period_label)
        top.addWidget(self.period_combo)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(self._ask_export)
        self.export_button.setEnabled(False)
        top.addWidget(self.refresh_button)
        top.addWidget(self.export_button)

        self.tiles = {key: _Tile(self) for key in ("events", "prospects", "approved", "follow_ups")}
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("muted")
        self.retry_button = QPushButton(self)
        self.retry_button.clicked.connect(self.refresh)
        self.retry_button.hide()

        self.funnel_title = self._title()
        self.funnel_chart = BarChart(self, number=formatting.thousands, max_rows=5)
        self.baseline_title = self._title()
        self.bullet = BulletChart(self)
        self.baseline_note = QLabel(self)
        self.baseline_note.setWordWrap(True)
        self.baseline_note.setObjectName("muted")
        self.breakdown_title = self._title()
        self.legend = QLabel(self)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.breakdown_chart = BarChart(self, number=formatting.thousands, max_rows=10)

        left = QVBoxLayout()
        left.addWidget(self.funnel_title)
        left.addWidget(self.funnel_chart)
        left.addSpacing(6)
        left.addWidget(self.baseline_title)
        left.addWidget(self.bullet)
        left.addWidget(self.baseline_note)
        left.addStretch(1)
        right = QVBoxLayout()
        head = QHBoxLayout()
        head.addWidget(self.breakdown_title)
        head.addStretch(1)
        head.addWidget(self.legend)
        right.addLayout(head)
        right.addWidget(self.breakdown_chart, 1)
        charts = QHBoxLayout()
        charts.addLayout(left, 2)
        charts.addSpacing(16)
        charts.addLayout(right, 3)

        self.model = CoverageTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        style_list_table(self.table, row_height=self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 6):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        content = QWidget(self)
        body = QVBoxLayout(content)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(charts, 3)
        body.addWidget(self.table, 2)
        self.empty_label = QLabel(self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(content)
        self.pages.addWidget(self.empty_label)

        status = QHBoxLayout()
        status.addWidget(self.status_label, 1)
        status.addWidget(self.retry_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 10, 16, 8)
        outer.addLayout(top)
        outer.addLayout(tiles)
        outer.addLayout(status)
        outer.addWidget(self.pages, 1)

    def _title(self) -> QLabel:
        label = QLabel(self)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    # -- words ----------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.by_label.setText(self.tr("By"))
        names = {
            "village": self.tr("&Village"),
            "district": self.tr("&District"),
            "regency": self.tr("Re&gency"),
            "occupation": self.tr("&Occupation"),
            "week": self.tr("&Week"),
            "agent": self.tr("&Agent"),
        }
        for key, button in self.by_buttons.items():
            button.setText(names[key])
        self.period_label.setText(self.tr("&Period"))
        periods = {
            "this_month": self.tr("This month"),
            "this_week": self.tr("This week"),
            "last_30": self.tr("Last 30 days"),
            "this_year": self.tr("This year"),
            "all": self.tr("All time"),
        }
        for index in range(self.period_combo.count()):
            self.period_combo.setItemText(index, periods[self.period_combo.itemData(index)])
        self.refresh_button.setText(self.tr("&Refresh"))
        self.export_button.setText(self.tr("E&xport PDF"))
        self.retry_button.setText(self.tr("Try again"))
        captions = {
            "events": self.tr("Events"),
            "prospects": self.tr("New prospects"),
            "approved": self.tr("Approved"),
            "follow_ups": self.tr("Follow-ups"),
        }
        for key, tile in self.tiles.items():
            tile.caption.setText(captions[key])
            tile.setToolTip(self._tile_tip(key))
        self.funnel_title.setText(self.tr("Enrolment stages"))
        self.baseline_title.setText(self.tr("Branch baseline"))
        self.legend.setText(
            f"<span style='color:{BLUE.name()}'>■</span> {self.tr('Prospects')} &nbsp; "
            f"<span style='color:{GREEN.name()}'>■</span> {self.tr('Approved')}"
        )
        self.empty_label.setText(self.tr("No data yet."))
        self.funnel_chart.empty_text = self.breakdown_chart.empty_text = self.tr("No data yet.")
        self.bullet.empty_text = self.tr("No branch baseline.")
        self.model.set_words(
            [
                self._breakdown_name(),
                self.tr("Prospects"),
                self.tr("Approved"),
                self.tr("Follow-ups"),
                self.tr("Target"),
                self.tr("Coverage"),
            ],
            unknown=self.tr("(not filled in)"),
            total=self.tr("Total"),
        )
        if self.current is not None:
            self._show(self.current)

    def _tile_tip(self, key: str) -> str:
        return {
            "events": self.tr("Outreach events held in the period."),
            "prospects": self.tr("People recorded in the period."),
            "approved": self.tr("Of those people, how many the supervisor approved."),
            "follow_ups": self.tr("Open visits and calls due by the end of the period."),
        }[key]

    def _breakdown_name(self) -> str:
        return {
            "village": self.tr("Village"),
            "district": self.tr("District"),
            "regency": self.tr("Regency"),
            "occupation": self.tr("Occupation"),
            "week": self.tr("Week"),
            "agent": self.tr("Agent"),
        }[self.by()]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- query ----------------------------------------------------------------------------------

    def set_source(self, source: Any) -> None:
        self.source = source
        self._apply_source()
        self.refresh()

    def _apply_source(self) -> None:
        allowed = set(getattr(self.source, "breakdowns", BREAKDOWNS))
        for key, button in self.by_buttons.items():
            button.setVisible(key in allowed)
        if not self.by_buttons[self.by()].isVisible():
            self.by_buttons["village"].setChecked(True)

    def by(self) -> str:
        checked = self.by_group.checkedButton()
        return str(checked.property("breakdown")) if checked is not None else "village"

    def set_by(self, key: str) -> None:
        self.by_buttons[key].setChecked(True)

    def set_period(self, key: str) -> None:
        self.period_combo.setCurrentIndex(self.period_combo.findData(key))

    def query(self) -> DashboardQuery:
        start, end = period_bounds(str(self.period_combo.currentData()), self._today())
        return DashboardQuery(by=self.by(), start=start, end=end)

    @Slot()
    def _by_toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            self.model.set_words(
                [self._breakdown_name(), *self.model.headers[1:]],
                unknown=self.model.unknown,
                total=self.model.total_label,
            )
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        if self.source is None:
            return
        self._generation += 1
        generation = self._generation
        query = self.query()
        source = self.source
        self.status_label.setText(self.tr("Loading…"))
        self.retry_button.hide()
        run_in_background(
            source.lane,
            lambda: source.load(query),
            on_success=lambda data: self._loaded(generation, data),
            on_error=lambda exc: self._failed(generation, exc),
            owner=self,
        )

    def _loaded(self, generation: int, data: DashboardData) -> None:
        if generation != self._generation:
            return  # a newer query is on its way
        self.current = data
        self._error = None
        self._show(data)
        self.loaded.emit(data)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._error = exc
        log.warning("dashboard failed to load: %s", exc)
        self.status_label.setText(user_message(exc))
        self.retry_button.show()
        self.failed.emit(exc)

    # -- showing --------------------------------------------------------------------------------

    def _show(self, data: DashboardData) -> None:
        for key, tile in self.tiles.items():
            tile.set(getattr(data.totals, key))
        self.status_label.setText(
            self.tr("Updated {time}").format(time=formatting.time_wib(data.generated_at))
        )
        self.export_button.setEnabled(True)
        self.pages.setCurrentIndex(1 if data.empty else 0)
        stages = {
            "contacted": self.tr("Contacted"),
            "interested": self.tr("Interested"),
            "printed": self.tr("Form printed"),
            "submitted": self.tr("Submitted"),
            "approved": self.tr("Approved"),
        }
        self.funnel_chart.set_data(
            [stages.get(f.stage, f.stage) for f in data.funnel],
            [Series(self.tr("People"), [f.count for f in data.funnel], BLUE)],
        )
        self.funnel_chart.setMinimumHeight(self.funnel_chart.sizeHint().height())
        unknown = self.tr("(not filled in)")
        labels = [row_label(data.by, row, unknown=unknown) for row in data.rows]
        self.breakdown_title.setText(
            self.tr("By {breakdown}").format(breakdown=self._breakdown_name().lower())
        )
        self.breakdown_chart.set_data(
            labels,
            [
                Series(self.tr("Prospects"), [r.prospects for r in data.rows], BLUE),
                Series(self.tr("Approved"), [r.approved for r in data.rows], GREEN),
            ],
        )
        self._show_baseline(data)
        self.model.set_data(data)

    def _show_baseline(self, data: DashboardData) -> None:
        base = data.baseline
        total = base.all_active
        as_of = formatting.date_medium(base.as_of) if base.as_of else "?"
        share = base.bpu_active / total if base.bpu_active is not None and total else None
        self.bullet.set_values(
            base=base.bpu_active,
            added=data.totals.approved,
            total=total,
            reference_label=self.tr("{as_of}: {n} active BPU participants ({share})").format(
                as_of=as_of,
                n=formatting.thousands(base.bpu_active or 0),
                share=percent_label(share),
            ),
            added_label=self.tr("+{n} approved").format(
                n=formatting.thousands(data.totals.approved)
            ),
            total_label=self.tr("{n} active participants").format(
                n=formatting.thousands(total or 0)
            ),
        )
        coverage = data.totals.approved / base.bpu_active if base.bpu_active else None
        self.baseline_note.setText(
            self.tr(
                "{name}. Approved in this view: {share} of the baseline. Not published per regency."
            ).format(name=base.name, share=percent_label(coverage))
        )

    # -- export ---------------------------------------------------------------------------------

    @Slot()
    def _ask_export(self) -> None:
        if self.current is None:
            return
        suggested = f"cakupan-{self._today().isoformat()}.pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export PDF"), suggested, self.tr("PDF files (*.pdf)")
        )
        if path:
            self.export_pdf(Path(path))

    def export_pdf(self, path: Path) -> None:
        """Write the current dashboard as a PDF report on the DB lane; ``exported`` on success."""
        data = self.current
        if data is None:
            return
        from ui.screens.dashboard.report_export import export_report  # ReportLab: on demand

        who = self._who()
        now = datetime.now(UTC)
        self.status_label.setText(self.tr("Saving the PDF…"))
        run_in_background(
            lanes.db(),
            lambda: export_report(data, who=who, now=now, path=path),
            on_success=self._exported,
            on_error=lambda exc: self._failed(self._generation, exc),
            owner=self,
        )

    def _exported(self, path: Path) -> None:
        self.status_label.setText(self.tr("Saved: {path}").format(path=str(path)))
        self.exported.emit(path)
