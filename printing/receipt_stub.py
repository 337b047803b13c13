"""The tear-off receipt at the bottom of a form's last page, which the worker keeps.

Above a dashed cut line with scissors: who registered, the record id (plus the same QR as the
form, so the branch can find the record from the stub alone), date, agent, the monthly
contribution and how to pay. The NIK is masked (``337501******9901``): the stub leaves the
agent's hands and may be lost; the worker pays with the NIK on their own KTP. On a blank form
the record id becomes a handwritten form number.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from core.formatting import date_short, rupiah
from printing import labels, qr
from printing.form_blocks import FieldRow, Fill, Sink, TextCell
from printing.form_data import FormData
from printing.layout import (
    CONTENT_BOTTOM,
    CONTENT_W,
    FONT,
    FONT_BOLD,
    HAIRLINE,
    INK,
    LINE_W,
    MARGIN_X,
    MUTED,
    PAGE_W,
    RULE,
    Rect,
    draw_lines,
    fit_text,
    set_fill,
    set_stroke,
)

STUB_HEIGHT = 142.0
CUT_ZONE = 16.0
STUB_QR = 66.0
ROW = 21.0


def mask_nik(nik: str | None) -> str | None:
    """``3375011505909901`` → ``337501******9901`` (UI.md list style); short values stay."""
    if nik is None:
        return None
    digits = "".join(nik.split())
    if len(digits) < 12:
        return digits
    return digits[:6] + "*" * (len(digits) - 10) + digits[-4:]


def _cut_line(canvas: Canvas, y: float) -> None:
    canvas.saveState()
    set_stroke(canvas, MUTED)
    canvas.setLineWidth(0.7)
    canvas.setDash(4, 3)
    label_w = 70.0
    mid = PAGE_W / 2
    canvas.line(MARGIN_X - 8, y, mid - label_w / 2, y)
    canvas.line(mid + label_w / 2, y, PAGE_W - MARGIN_X + 8, y)
    canvas.restoreState()
    set_fill(canvas, MUTED)
    canvas.setFont(FONT, 11)
    canvas.drawString(MARGIN_X - 8, y - 3.8, "✂")
    canvas.setFont(FONT, 6.5)
    canvas.drawCentredString(mid, y - 2.2, labels.CUT_LINE)
    set_fill(canvas, INK)


def _rows(data: FormData) -> tuple[FieldRow, ...]:
    fill = Fill(blank=data.blank)
    quote = data.quote
    total = rupiah(quote.total) if quote else None
    total_caption = (
        labels.STUB_CONTRIBUTION.format(months=len(quote.lines))
        if quote
        else labels.STUB_CONTRIBUTION_BLANK
    )
    if data.blank:
        id_cell = TextCell(labels.STUB_PAPER_NO, None, 1.0, "stub.paper_form_number")
    else:
        record = str(data.record_id) if data.record_id else None
        id_cell = TextCell(labels.STUB_ID, record, 1.0, "stub.record_id")
    when = None if data.blank else (data.registration_date or data.printed_on)
    return (
        FieldRow(
            (
                TextCell(labels.STUB_NAME, data.full_name, 1.0, "stub.full_name", bold=True),
                TextCell(labels.STUB_NIK, mask_nik(data.nik), 0.62, "stub.nik"),
            ),
            fill,
            ROW,
        ),
        FieldRow(
            (
                id_cell,
                TextCell(labels.STUB_DATE, date_short(when) if when else None, 0.62, "stub.date"),
            ),
            fill,
            ROW,
        ),
        FieldRow(
            (
                TextCell(labels.STUB_AGENT, data.agent_name, 1.0, "stub.agent"),
                TextCell(total_caption, total, 0.62, "stub.total"),
            ),
            fill,
            ROW,
        ),
    )


def _left_width() -> float:
    return CONTENT_W - (STUB_QR + 16) - 8


def stub_height(data: FormData) -> float:
    """The stub's height with its cut line: rows grow for very long names."""
    grown = sum(row.height(_left_width()) for row in _rows(data)) - 3 * ROW
    return float(STUB_HEIGHT + grown)


def draw_stub(canvas: Canvas, data: FormData, *, sink: Sink) -> None:
    bottom = CONTENT_BOTTOM + 2
    top = bottom + stub_height(data) - CUT_ZONE
    _cut_line(canvas, top + CUT_ZONE / 2)
    x = MARGIN_X
    right_w = STUB_QR + 16
    left_w = _left_width()

    set_fill(canvas, INK)
    canvas.setFont(FONT_BOLD, 9)
    canvas.drawString(x, top - 9, labels.STUB_TITLE)
    set_fill(canvas, MUTED)
    canvas.setFont(FONT, 6.6)
    branch = data.branch_name or "________"
    canvas.drawString(x, top - 17, f"{labels.STUB_FOR} · {labels.BRANCH_PREFIX} {branch}")
    set_fill(canvas, INK)

    y = top - 22
    for row in _rows(data):
        row.draw(canvas, x=x, top=y, width=left_w, sink=sink)
        y -= row.height(left_w)
    set_fill(canvas, MUTED)
    fitted = fit_text(labels.STUB_PAY, width=left_w, height=y - bottom - 1, size=6.6, min_size=5)
    draw_lines(canvas, fitted, x=x, top=y - 3.0)
    set_fill(canvas, INK)

    column = Rect(x + CONTENT_W - right_w, bottom, right_w, top - bottom)
    text = data.qr_text
    qr_top = column.top - 4
    if text is not None:
        qx = column.x + (right_w - STUB_QR) / 2
        qr.draw_qr(canvas, text, x=qx, y=qr_top - STUB_QR, size=STUB_QR)
        sink.add("stub.qr", Rect(qx, qr_top - STUB_QR, STUB_QR, STUB_QR), text)
    initials = Rect(column.x, bottom, right_w, 38)
    set_stroke(canvas, RULE)
    canvas.setLineWidth(LINE_W)
    canvas.rect(initials.x, initials.y, initials.w, initials.h, stroke=1, fill=0)
    set_fill(canvas, MUTED)
    canvas.setFont(FONT, 6.3)
    canvas.drawString(initials.x + 3, initials.top - 8, labels.STUB_INITIALS)
    set_fill(canvas, INK)

    canvas.saveState()
    set_stroke(canvas, HAIRLINE)
    canvas.setLineWidth(0.5)
    canvas.rect(MARGIN_X - 4, bottom - 3, CONTENT_W + 8, top - bottom + 6, stroke=1, fill=0)
    canvas.restoreState()
