"""The dashboard PDF report: what a reader finds in it, read back with pypdf (text of the totals,
the charts' bar labels, the table, the baseline), for a local and an empty dashboard."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime

from pypdf import PdfReader

from printing.dashboard_report import (
    DashboardReport,
    ReportRow,
    percent,
    period_text,
    render_dashboard_report,
)


def _report(**overrides):  # type: ignore[no-untyped-def]
    rows = [ReportRow(f"Kelurahan Uji {i:02d}", 40 - i, 20 - i, i % 3, None) for i in range(15)]
    values = dict(
        scope="Agen 07 (data laptop ini)",
        breakdown="village",
        period_start=date(2026, 9, 1),
        period_end=date(2026, 9, 30),
        generated_at=datetime(2026, 9, 30, 7, 15, tzinfo=UTC),
        events=6,
        prospects=sum(r.prospects for r in rows),
        approved=sum(r.approved for r in rows),
        follow_ups=11,
        funnel=[
            ("contacted", 495),
            ("interested", 401),
            ("printed", 377),
            ("submitted", 350),
            ("approved", 195),
        ],
        rows=rows,
        baseline_name="Kantor Cabang Pekalongan",
        baseline_bpu=31_546,
        baseline_all=154_453,
        baseline_as_of=date(2025, 11, 30),
        baseline_note="DOMAIN.md §1, satu angka yang dipublikasikan",
    )
    values.update(overrides)
    return DashboardReport(**values)


def _text(data: bytes) -> list[str]:
    """Each page's text with runs of whitespace (line and cell breaks) folded to one space."""
    reader = PdfReader(io.BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def _render(report: DashboardReport) -> bytes:
    buffer = io.BytesIO()
    render_dashboard_report(report, buffer)
    return buffer.getvalue()


def test_the_report_carries_totals_charts_table_and_baseline():
    report = _report()
    pages = _text(_render(report))
    first, everything = pages[0], " ".join(pages)
    assert "Laporan Cakupan Kepesertaan BPU" in first
    assert "Agen 07 (data laptop ini)" in first
    assert "Periode: 1 Sep 2026 – 30 Sep 2026" in first
    assert "Menurut Desa/Kelurahan" in first
    assert "30 Sep 2026 14.15 WIB" in first  # 07.15 UTC
    for label, value in (("Kegiatan", "6"), ("Prospek baru", "495"), ("Disetujui", "195")):
        assert label in first and re.search(rf"\b{value}\b", first), label
    # Funnel chart: stage names and the numbers drawn at the bars.
    for stage, count in (("Dihubungi", 495), ("Tertarik", 401), ("Formulir dicetak", 377)):
        assert stage in first and str(count) in first
    # Breakdown chart: the 12 first rows with both numbers on their bars; then the table.
    assert "Menurut Desa/Kelurahan (12 teratas dari 15)" in first
    for row in report.rows:  # table rows: label, Prospek, Disetujui, Tindak lanjut, –, –
        cells = f"{row.label} {row.prospects} {row.approved} {row.follow_ups} – –"
        assert cells in everything, cells
    for row in report.rows[:12]:  # chart bars: label, then its two numbers
        assert f"{row.label} {row.prospects} {row.approved}" in first
    assert re.search(r"Jumlah\s+495\s+195\s+11", everything)
    # Baseline as the bullet chart's reference line, with its source.
    assert "Dasar 30 Nov 2025: 31.546 peserta BPU aktif (20,4 %)" in everything
    assert "154.453 peserta aktif" in everything
    assert "+195 disetujui" in everything
    assert "tidak per kabupaten/kota" in everything
    assert "DOMAIN.md §1" in everything


def test_targets_and_coverage_when_a_regency_baseline_is_known(tmp_path):
    rows = [ReportRow("Kota Pekalongan", 900, 52, 4, 1_000), ReportRow("Kabupaten Batang", 10, 3)]
    report = _report(breakdown="regency", rows=rows, prospects=910, approved=55)
    out = tmp_path / "laporan" / "cakupan.pdf"
    assert render_dashboard_report(report, out) == out
    text = " ".join(_text(out.read_bytes()))
    assert re.search(r"Kota Pekalongan\s+900\s+52\s+4\s+1\.000\s+5,20 %", text)
    assert re.search(r"Kabupaten Batang\s+10\s+3\s+–\s+–\s+–", text)
    assert "Menurut Kabupaten/Kota" in text
    assert not list(out.parent.glob("*.part"))  # written atomically


def test_an_empty_dashboard_says_so():
    report = _report(
        rows=[],
        funnel=[],
        prospects=0,
        approved=0,
        follow_ups=0,
        events=0,
        period_start=None,
        period_end=None,
    )
    text = " ".join(_text(_render(report)))
    assert "Belum ada data." in text
    assert "Semua waktu" in text
    assert "Rincian" not in text


def test_formats():
    assert percent(0.00165) == "0,17 %"
    assert percent(0.204) == "20,4 %"
    assert percent(None) == "–"
    assert period_text(date(2026, 9, 1), date(2026, 9, 1)) == "1 Sep 2026"
    assert period_text(None, date(2026, 9, 1)) == "s.d. 1 Sep 2026"
    assert period_text(date(2026, 9, 1), None) == "sejak 1 Sep 2026"
