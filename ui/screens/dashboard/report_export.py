"""The dashboard on screen → the PDF report's plain values (``printing.dashboard_report``).

The report is printed in Bahasa Indonesia whatever the screen language (UI.md §3.5: paper is
always Indonesian), so row labels come from the Indonesian data labels (region names,
``occupations.csv``'s ``label_id``), weeks are dates, and an empty key reads "(tidak diisi)".
``export_report`` runs on the DB lane, with the print jobs (ARCHITECTURE.md §3).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from models.rules.occupations import occupation
from models.rules.regions import regions
from models.services.dashboard import CoverageRow, DashboardData
from printing.dashboard_report import (
    UNKNOWN_LABEL,
    DashboardReport,
    ReportRow,
    render_dashboard_report,
    scope_line,
    week_text,
)

__all__ = ["export_report", "report_from", "row_label_id"]


def row_label_id(by: str, row: CoverageRow) -> str:
    """The row's label as printed (Indonesian)."""
    if not row.key:
        return UNKNOWN_LABEL
    if by == "week":
        return week_text(date.fromisoformat(row.key))
    if by == "occupation":
        found = occupation(row.key)
        return found.label_id if found else row.key
    if by == "agent":
        return row.label or row.key
    return row.label or regions().name(row.key) or row.key


def report_from(data: DashboardData, *, who: str, now: datetime) -> DashboardReport:
    return DashboardReport(
        scope=scope_line(who, source=data.source, area=data.area),
        breakdown=data.by,
        period_start=data.start,
        period_end=data.end,
        generated_at=now,
        events=data.totals.events,
        prospects=data.totals.prospects,
        approved=data.totals.approved,
        follow_ups=data.totals.follow_ups,
        funnel=[(f.stage, f.count) for f in data.funnel],
        rows=[
            ReportRow(
                label=row_label_id(data.by, row),
                prospects=row.prospects,
                approved=row.approved,
                follow_ups=row.follow_ups,
                target=row.target,
            )
            for row in data.rows
        ],
        baseline_name=data.baseline.name,
        baseline_bpu=data.baseline.bpu_active,
        baseline_all=data.baseline.all_active,
        baseline_as_of=data.baseline.as_of,
        baseline_note=data.baseline.note,
    )


def export_report(data: DashboardData, *, who: str, now: datetime, path: Path) -> Path:
    """Write the PDF (atomically) and return its path."""
    render_dashboard_report(report_from(data, who=who, now=now), path)
    return path
