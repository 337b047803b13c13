"""Printing speed: one pre-filled form with its QR, a 100-form batch, and a bare ReportLab page
with the same text, measured in the same run so the ratio survives a slow or busy machine.

Every form is a different record (its own QR, names and amounts), so no cache flatters the
numbers. ``python -m bench printing``.
"""

from __future__ import annotations

import io
import statistics
import time
import uuid
from datetime import date
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from models.rules.contribution import quote
from printing.batch import render_batch
from printing.enrollment_form import draw_enrollment_form, render_enrollment_form
from printing.form_data import FormData
from printing.layout import FormCanvas, register_fonts

FORM_TARGET_MS = 30.0
BATCH_TARGET_S = 3.0
SAMPLES = 60


def _payload(i: int) -> dict[str, Any]:
    return {
        "nik": f"33750115059{i % 100000:05d}",
        "full_name": f"PESERTA PASAR BANJARSARI NOMOR {i}",
        "birth_place": "Pekalongan",
        "birth_date": "1990-05-15",
        "sex": "L" if i % 2 else "P",
        "mother_maiden_name": f"IBU KANDUNG {i}",
        "mobile": f"+62812{i:08d}",
        "address_line": f"Jl. Sultan Agung Gg. {i % 9 + 1} No. {i}, dekat Pasar Banjarsari",
        "rt": f"{i % 12 + 1:03d}",
        "rw": f"{i % 7 + 1:03d}",
        "province_code": "33",
        "regency_code": "33.75",
        "district_code": "33.75.01",
        "village_code": "33.75.01.1002",
        "occupation_1": "PDG_PASAR" if i % 3 else "OJK_OJOL",
        "occupation_1_detail": "Los batik",
        "declared_income": 1_000_000 + (i % 20) * 150_000,
        "package": "JKK_JKM_JHT" if i % 2 else "JKK_JKM",
        "payment_period_months": (1, 3, 6, 12)[i % 4],
        "first_contribution_month": "2026-02",
        "funding_source": "MANDIRI",
        "heirs": [{"order": 1, "name": f"AHLI WARIS {i}", "relationship": "ANAK"}],
        "registration_date": "2026-02-10",
        "registration_place": "Pasar Banjarsari",
        "area_code": "33.75.01",
    }


def _item(i: int) -> FormData:
    payload = _payload(i)
    sector = (
        "TRANSPORTASI" if str(payload["occupation_1"]).startswith("OJK") else "NON_TRANSPORTASI"
    )
    q = quote(
        declared_income=int(payload["declared_income"]),
        package=str(payload["package"]),
        first_month="2026-02",
        months=int(payload["payment_period_months"]),
        sector=sector,
    )
    return FormData.from_payload(
        payload,
        record_id=uuid.UUID(int=0x0193_0000_0000_7000_8000_0000_0000_0000 + i),
        revision=1 + i % 5,
        content_hash=f"{i * 2654435761 % 2**64:016x}",
        agent_name="Rina Wulandari",
        branch_name="Pekalongan",
        printed_count=i % 3,
        quote=q,
        notice_version="1",
        printed_on=date(2026, 2, 10),
    )


class _Recorder(FormCanvas):
    """Notes every plain string a form draws (font, size, position, page)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.strings: list[tuple[int, str, float, float, float, str]] = []

    def _queue(self, x: float, y: float, text: str) -> None:
        self.strings.append((self.getPageNumber(), self._fontname, self._fontsize, x, y, text))
        super()._queue(x, y, text)


def _same_text(item: FormData) -> list[tuple[int, str, float, float, float, str]]:
    recorder = _Recorder(io.BytesIO(), pagesize=A4)
    draw_enrollment_form(recorder, item)
    return recorder.strings


def _bare_page(strings: list[tuple[int, str, float, float, float, str]]) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    page = 1
    for number, font, size, x, y, text in strings:
        if number != page:
            canvas.showPage()
            page = number
        canvas.setFont(font, size)
        canvas.drawString(x, y, text)
    canvas.save()
    return buffer.getvalue()


class _Clock:
    """Wall and CPU time of a block: on a busy machine (other jobs on its two cores) wall time
    swells while CPU time stays the cost of the code itself; both are printed."""

    def __enter__(self) -> _Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def _median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def main() -> None:
    register_fonts()
    items = [_item(i) for i in range(SAMPLES + 100)]
    render_enrollment_form(items[-1], io.BytesIO())  # warm-up: fonts parsed, modules loaded

    form: list[_Clock] = []
    bare: list[_Clock] = []
    for item in items[:SAMPLES]:
        strings = _same_text(item)
        with _Clock() as clock:
            _bare_page(strings)
        bare.append(clock)
        with _Clock() as clock:
            render_enrollment_form(item, io.BytesIO())
        form.append(clock)
    form_wall, form_cpu = _median_ms([c.wall for c in form]), _median_ms([c.cpu for c in form])
    bare_wall, bare_cpu = _median_ms([c.wall for c in bare]), _median_ms([c.cpu for c in bare])
    best = min(c.wall for c in form) * 1000
    print(
        f"printing.form_with_qr: {form_cpu:.1f} ms CPU (target ≤ {FORM_TARGET_MS:.0f} ms; "
        f"wall median {form_wall:.1f} ms, best {best:.1f} ms; {SAMPLES} different records)"
    )
    print(
        f"printing.bare_reportlab_same_text: {bare_cpu:.1f} ms CPU (wall median {bare_wall:.1f} ms;"
        " same strings, fonts and pages, drawString only, no boxes or QR)"
    )
    print(f"printing.form_vs_bare_ratio: {form_cpu / bare_cpu:.2f} x (CPU medians)")

    batch = items[SAMPLES : SAMPLES + 100]
    with _Clock() as clock:
        result = render_batch(batch, io.BytesIO())
    print(
        f"printing.batch_100_forms: {clock.cpu:.2f} s CPU (target ≤ {BATCH_TARGET_S:.0f} s; "
        f"wall {clock.wall:.2f} s; {result.pages} pages, {clock.cpu * 10:.1f} ms CPU per form)"
    )
    if clock.wall > 1.5 * clock.cpu or form_wall > 1.5 * form_cpu:
        print("printing.note: wall time well above CPU time: the machine is busy with other work")
    ok = form_cpu <= FORM_TARGET_MS and clock.cpu <= BATCH_TARGET_S
    print(f"printing.verdict: {'OK' if ok else 'OVER TARGET'}")


if __name__ == "__main__":
    main()
