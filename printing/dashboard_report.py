"""The coverage dashboard as a PDF report (UI.md §3.10 *Ekspor PDF*), in Bahasa Indonesia.

One A4 portrait document: a header (scope, period, breakdown, when), the four totals, the
funnel and the breakdown as bar charts with their numbers on the bars, the branch baseline as a
bullet chart (the BPU participants on the baseline date, the approvals of the period on top, the
baseline as the reference line, on the scale of all active participants), the full table
(*Prospek, Disetujui, Tindak lanjut, Sasaran, Cakupan*, repeating its header on each page) and
the definitions and the baseline's source. Charts are ReportLab graphics (vector); fonts are the
shipped DejaVu TTFs (``printing.layout``). The caller passes plain values (``DashboardReport``);
printing knows nothing of the store or the server.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, BinaryIO

from babel.numbers import format_decimal
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from core.formatting import date_medium, datetime_wib, thousands
from printing.layout import FONT, FONT_BOLD, pdf_target, register_fonts

__all__ = [
    "BREAKDOWN_LABELS",
    "UNKNOWN_LABEL",
    "DashboardReport",
    "ReportRow",
    "percent",
    "period_text",
    "render_dashboard_report",
    "scope_line",
    "week_text",
]

BREAKDOWN_LABELS = {
    "village": "Desa/Kelurahan",
    "district": "Kecamatan",
    "regency": "Kabupaten/Kota",
    "occupation": "Pekerjaan",
    "agent": "Petugas",
    "week": "Minggu",
}
STAGE_LABELS = {
    "contacted": "Dihubungi",
    "interested": "Tertarik",
    "printed": "Formulir dicetak",
    "submitted": "Dikirim",
    "approved": "Disetujui",
}
UNKNOWN_LABEL = "(tidak diisi)"
CHART_ROWS = 12  # the breakdown chart shows the top rows; the table lists them all

PROSPECT_FILL = colors.HexColor("#0072B2")  # Okabe–Ito blue
APPROVED_FILL = colors.HexColor("#009E73")  # Okabe–Ito green
BASE_FILL = colors.HexColor("#BBBBBB")
INK = colors.HexColor("#1B1F24")
MUTED = colors.HexColor("#4F5660")
RULE = colors.HexColor("#C4C9D0")
REFERENCE = colors.HexColor("#D55E00")  # vermillion: the baseline line


@dataclass(frozen=True, slots=True)
class ReportRow:
    label: str
    prospects: int
    approved: int
    follow_ups: int | None = None
    target: int | None = None


@dataclass(frozen=True, slots=True)
class DashboardReport:
    """What the report shows, as plain values (labels already resolved by the caller)."""

    scope: str  # "Agen 07 (data laptop ini)", "Pengawas 33.75 (server)"
    breakdown: str  # a key of BREAKDOWN_LABELS
    period_start: date | None
    period_end: date | None
    generated_at: datetime
    events: int
    prospects: int
    approved: int
    follow_ups: int
    funnel: Sequence[tuple[str, int]]  # (stage key, count) in order
    rows: Sequence[ReportRow]
    baseline_name: str
    baseline_bpu: int | None
    baseline_all: int | None
    baseline_as_of: date | None
    baseline_note: str = ""
    notes: Sequence[str] = field(default_factory=tuple)


def _n(value: int | None) -> str:
    return "–" if value is None else thousands(value)


def percent(share: float | None) -> str:
    """``0.00165`` → ``0,17 %``; shares below 10 % keep two decimals, above one."""
    if share is None:
        return "–"
    value = Decimal(str(round(share * 100, 9)))  # 0.165 stays 0.165, not 0.16499…
    step = Decimal("0.01") if value < 10 else Decimal("0.1")
    rounded = value.quantize(step, rounding=ROUND_HALF_UP)
    pattern = "#,##0.00" if step == Decimal("0.01") else "#,##0.0"
    return f"{format_decimal(rounded, format=pattern, locale='id_ID')} %"


def scope_line(name: str, *, source: str, area: str | None = None) -> str:
    """Whose numbers: ``Agen 07 · data laptop ini`` or ``Pengawas 33.75 · server, wilayah 33.75``."""
    where = "data laptop ini" if source == "local" else "data server"
    if area:
        where += f", wilayah {area}"
    return f"{name} · {where}"


def week_text(monday: date) -> str:
    """``2 Mar 2026 – 8 Mar 2026``: the ISO week starting on ``monday``."""
    from datetime import timedelta

    return f"{date_medium(monday)} – {date_medium(monday + timedelta(days=6))}"


def period_text(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return "Semua waktu"
    if start is None:
        return f"s.d. {date_medium(end)}"  # type: ignore[arg-type]
    if end is None:
        return f"sejak {date_medium(start)}"
    if start == end:
        return date_medium(start)
    return f"{date_medium(start)} – {date_medium(end)}"


# -- styles -------------------------------------------------------------------------------------


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=8.5, leading=11, textColor=INK)
    return {
        "title": ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=15, leading=19),
        "meta": ParagraphStyle("meta", parent=base, fontSize=8.5, textColor=MUTED),
        "h2": ParagraphStyle(
            "h2", parent=base, fontName=FONT_BOLD, fontSize=10.5, leading=14, spaceBefore=6
        ),
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.2, leading=9.2, textColor=MUTED),
    }


# -- charts -------------------------------------------------------------------------------------


def _bar_chart(
    labels: Sequence[str],
    series: Sequence[Sequence[int]],
    fills: Sequence[Any],
    *,
    width: float,
    label_width: float,
) -> Drawing:
    """Horizontal bars, one group per label (first at the top), the number at each bar's end."""
    bar_h = 7.0 if len(series) > 1 else 9.0
    group_h = bar_h * len(series) + 5
    height = group_h * max(1, len(labels)) + 8
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 4
    chart.width, chart.height = width - label_width - 40, height - 8
    # ReportLab stacks a group's series bottom-up: reversed, the first series is on top.
    chart.data = [list(reversed(values)) for values in reversed(series)]
    chart.categoryAxis.categoryNames = list(reversed(labels))
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = RULE
    chart.categoryAxis.tickLeft = 0
    chart.valueAxis.visible = False
    chart.valueAxis.valueMin = 0
    top = max((max(values, default=0) for values in series), default=0)
    chart.valueAxis.valueMax = max(1, top) * 1.02
    chart.barSpacing = 1
    chart.groupSpacing = 5
    chart.barLabelFormat = lambda value: thousands(int(value))
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    chart.barLabels.fillColor = INK
    for index, fill in enumerate(reversed(fills)):
        chart.bars[index].fillColor = fill
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    return drawing


def _legend(items: Sequence[tuple[str, Any]], *, width: float) -> Drawing:
    drawing = Drawing(width, 12)
    x = 0.0
    for text, fill in items:
        drawing.add(Rect(x, 2, 8, 8, fillColor=fill, strokeColor=None))
        drawing.add(String(x + 11, 3, text, fontName=FONT, fontSize=7.5, fillColor=INK))
        x += 11 + len(text) * 4.3 + 14
    return drawing


def _bullet(report: DashboardReport, *, width: float) -> Drawing:
    """Baseline BPU participants (grey) plus the period's approvals (green) on the scale of all
    active participants, the baseline marked by a vermillion reference line."""
    drawing = Drawing(width, 52)
    total, base = report.baseline_all, report.baseline_bpu
    if not total or base is None:
        drawing.add(String(0, 30, "Data dasar cabang belum tersedia.", fontName=FONT, fontSize=8))
        return drawing
    left, bar_w, y, h = 0.0, width - 10, 18.0, 14.0
    scale = bar_w / total
    drawing.add(Rect(left, y, bar_w, h, fillColor=colors.HexColor("#F2F3F5"), strokeColor=RULE))
    drawing.add(Rect(left, y, base * scale, h, fillColor=BASE_FILL, strokeColor=None))
    added = report.approved
    drawing.add(
        Rect(
            left + base * scale,
            y,
            max(added * scale, 2.0),
            h,
            fillColor=APPROVED_FILL,
            strokeColor=None,
        )
    )
    x_ref = left + base * scale
    drawing.add(Line(x_ref, y - 5, x_ref, y + h + 5, strokeColor=REFERENCE, strokeWidth=1.6))
    as_of = date_medium(report.baseline_as_of) if report.baseline_as_of else "?"
    drawing.add(
        String(
            x_ref + 4,
            y + h + 7,
            f"Dasar {as_of}: {thousands(base)} peserta BPU aktif ({percent(base / total)})",
            fontName=FONT_BOLD,
            fontSize=7.5,
            fillColor=REFERENCE,
        )
    )
    drawing.add(
        String(
            x_ref + max(added * scale, 2.0) + 4,
            y + 3.5,
            f"+{thousands(added)} disetujui",
            fontName=FONT,
            fontSize=7.5,
            fillColor=INK,
        )
    )
    drawing.add(String(left, 4, "0", fontName=FONT, fontSize=7, fillColor=MUTED))
    drawing.add(
        String(
            left + bar_w,
            4,
            f"{thousands(total)} peserta aktif (semua segmen)",
            fontName=FONT,
            fontSize=7,
            fillColor=MUTED,
            textAnchor="end",
        )
    )
    return drawing


# -- blocks -------------------------------------------------------------------------------------


def _totals_table(report: DashboardReport, width: float) -> Table:
    cells = [
        ("Kegiatan", report.events),
        ("Prospek baru", report.prospects),
        ("Disetujui", report.approved),
        ("Tindak lanjut", report.follow_ups),
    ]
    data = [[thousands(v) for _, v in cells], [label for label, _ in cells]]
    table = Table(data, colWidths=[width / 4] * 4)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), FONT_BOLD, 17),
                ("FONT", (0, 1), (-1, 1), FONT, 8),
                ("TEXTCOLOR", (0, 1), (-1, 1), MUTED),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("BOX", (0, 0), (0, -1), 0.5, RULE),
                ("BOX", (1, 0), (1, -1), 0.5, RULE),
                ("BOX", (2, 0), (2, -1), 0.5, RULE),
                ("BOX", (3, 0), (3, -1), 0.5, RULE),
                ("TOPPADDING", (0, 0), (-1, 0), 6),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 6),
            ]
        )
    )
    return table


def _rows_table(report: DashboardReport, width: float) -> Table:
    header = [
        BREAKDOWN_LABELS.get(report.breakdown, report.breakdown),
        "Prospek",
        "Disetujui",
        "Tindak lanjut",
        "Sasaran",
        "Cakupan",
    ]
    body = [
        [
            row.label,
            _n(row.prospects),
            _n(row.approved),
            _n(row.follow_ups),
            _n(row.target),
            percent(row.approved / row.target) if row.target else "–",
        ]
        for row in report.rows
    ]
    total_row = [
        "Jumlah",
        _n(report.prospects),
        _n(report.approved),
        _n(report.follow_ups),
        "",
        "",
    ]
    numbers = [58, 58, 72, 58, 58]
    table = Table(
        [header, *body, total_row], colWidths=[width - sum(numbers), *numbers], repeatRows=1
    )
    style = [
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8),
        ("FONT", (0, 1), (-1, -1), FONT, 8),
        ("FONT", (0, -1), (-1, -1), FONT_BOLD, 8),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for index in range(1, len(body) + 1, 2):
        style.append(("BACKGROUND", (0, index), (-1, index), colors.HexColor("#F4F5F7")))
    table.setStyle(TableStyle(style))
    return table


def _story(report: DashboardReport, width: float) -> list[Any]:
    st = _styles()
    breakdown = BREAKDOWN_LABELS.get(report.breakdown, report.breakdown)
    story: list[Any] = [
        Paragraph("Laporan Cakupan Kepesertaan BPU", st["title"]),
        Paragraph(
            f"{report.scope} · Periode: {period_text(report.period_start, report.period_end)}"
            f" · Menurut {breakdown} · Dibuat {datetime_wib(report.generated_at)} WIB",
            st["meta"],
        ),
        Spacer(1, 8),
        _totals_table(report, width),
    ]
    if report.funnel:
        labels = [STAGE_LABELS.get(stage, stage) for stage, _ in report.funnel]
        counts = [count for _, count in report.funnel]
        story += [
            Paragraph("Tahapan pendaftaran", st["h2"]),
            _bar_chart(labels, [counts], [PROSPECT_FILL], width=width, label_width=95),
        ]
    if report.rows:
        shown = list(report.rows)[:CHART_ROWS]
        title = f"Menurut {breakdown}"
        if len(report.rows) > CHART_ROWS:
            title += f" ({CHART_ROWS} teratas dari {len(report.rows)})"
        story.append(
            KeepTogether(
                [
                    Paragraph(title, st["h2"]),
                    _legend(
                        [("Prospek", PROSPECT_FILL), ("Disetujui", APPROVED_FILL)], width=width
                    ),
                    _bar_chart(
                        [row.label for row in shown],
                        [[row.prospects for row in shown], [row.approved for row in shown]],
                        [PROSPECT_FILL, APPROVED_FILL],
                        width=width,
                        label_width=130,
                    ),
                ]
            )
        )
    story += [
        Paragraph(f"Dasar cabang: {report.baseline_name}", st["h2"]),
        _bullet(report, width=width),
    ]
    if report.rows:
        story += [Paragraph("Rincian", st["h2"]), _rows_table(report, width)]
    else:
        story += [Spacer(1, 6), Paragraph("Belum ada data.", st["body"])]
    notes = [
        "Prospek: orang yang dicatat dalam periode. Disetujui: dari prospek itu, yang sudah "
        "disetujui pengawas. Tindak lanjut: kunjungan atau telepon yang belum selesai dan jatuh "
        "tempo paling lambat akhir periode.",
        "Sasaran dan Cakupan terisi bila data dasar wilayah itu tersedia. Data dasar hanya "
        "tersedia untuk tingkat cabang, tidak per kabupaten/kota.",
    ]
    if report.baseline_note:
        notes.append(f"Sumber data dasar: {report.baseline_note}")
    notes.extend(report.notes)
    story.append(Spacer(1, 8))
    story += [Paragraph(note, st["small"]) for note in notes]
    return story


def _footer(canvas: Any, doc: Any) -> None:
    canvas.saveState()
    canvas.setFont(FONT, 7)
    canvas.setFillColor(MUTED)
    canvas.drawString(doc.leftMargin, 8 * mm, "Jangkau · Laporan cakupan")
    canvas.drawRightString(A4[0] - doc.rightMargin, 8 * mm, f"Halaman {doc.page}")
    canvas.restoreState()


def render_dashboard_report(
    report: DashboardReport, out: Path | str | BinaryIO
) -> Path | str | BinaryIO:
    """Write the report PDF to ``out`` (a path is written atomically) and return ``out``."""
    register_fonts()
    with pdf_target(out) as target:
        doc = SimpleDocTemplate(
            target,
            pagesize=A4,
            leftMargin=16 * mm,
            rightMargin=16 * mm,
            topMargin=14 * mm,
            bottomMargin=16 * mm,
            title="Laporan Cakupan Kepesertaan BPU",
            author="Jangkau",
            creator="Jangkau (ReportLab)",
            invariant=True,
        )
        doc.build(_story(report, doc.width), onFirstPage=_footer, onLaterPages=_footer)
    return out
