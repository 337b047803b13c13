"""Page furniture of the enrollment form: the title block (with the QR, or the form-number box
of a blank form), the continuation header of later pages, the footer and the reprint marks."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from core.formatting import date_short
from printing import labels, qr
from printing.form_blocks import Block, Sink
from printing.form_data import FormData
from printing.layout import (
    ACCENT,
    CONTENT_BOTTOM,
    CONTENT_TOP,
    CONTENT_W,
    FONT,
    FONT_BOLD,
    HAIRLINE,
    INK,
    MARGIN_BOTTOM,
    MARGIN_X,
    MUTED,
    PAGE_W,
    RULE,
    Rect,
    draw_lines,
    fit_text,
    set_fill,
    set_stroke,
    text_width,
)

HEADER_H = 86.0
QR_SIZE = 68.0
QR_COLUMN = 132.0


# ------------------------------------------------------------------------------------------------
# Title block
# ------------------------------------------------------------------------------------------------


def branch_line(data: FormData) -> str:
    branch = data.branch_name or "________________"
    return f"{labels.AGENCY} · {labels.BRANCH_PREFIX} {branch}"


@dataclass(frozen=True, slots=True)
class HeaderBlock:
    data: FormData

    def height(self, width: float) -> float:  # noqa: ARG002
        return HEADER_H

    def draw(self, canvas: Canvas, *, x: float, top: float, width: float, sink: Sink) -> None:
        data = self.data
        set_fill(canvas, ACCENT)
        canvas.setFont(FONT_BOLD, 8.4)
        canvas.drawString(x, top - 8.5, branch_line(data))
        set_fill(canvas, INK)
        canvas.setFont(FONT_BOLD, 15.5)
        for i, line in enumerate(labels.FORM_TITLE_LINES):
            canvas.drawString(x, top - 29 - i * 18.5, line)
        subtitle = labels.FORM_SUBTITLE_BLANK if data.blank else labels.FORM_SUBTITLE_PREFILLED
        set_fill(canvas, MUTED)
        canvas.setFont(FONT, 7.4)
        canvas.drawString(x, top - 61, f"{labels.FORM_CODE} · {subtitle}")
        set_stroke(canvas, ACCENT)
        canvas.setLineWidth(1.6)
        canvas.line(x, top - 68, x + width - QR_COLUMN - 8, top - 68)
        if data.is_reprint:
            _reprint_stamp(canvas, data.printed_count, right=x + width - QR_COLUMN - 8, top=top)
        column = Rect(x + width - QR_COLUMN, top - HEADER_H + 4, QR_COLUMN, HEADER_H - 4)
        if data.blank:
            _office_box(canvas, column)
        else:
            _qr_column(canvas, data, column, sink)
        set_fill(canvas, INK)


def _reprint_stamp(canvas: Canvas, count: int, *, right: float, top: float) -> None:
    text = labels.REPRINT.format(n=count)
    w = text_width(text, FONT_BOLD, 9) + 10
    canvas.saveState()
    set_stroke(canvas, INK)
    canvas.setLineWidth(1.2)
    canvas.roundRect(right - w, top - 14, w, 14, 2.5, stroke=1, fill=0)
    set_fill(canvas, INK)
    canvas.setFont(FONT_BOLD, 9)
    canvas.drawCentredString(right - w / 2, top - 10.5, text)
    canvas.restoreState()


def _qr_column(canvas: Canvas, data: FormData, column: Rect, sink: Sink) -> None:
    text = data.qr_text
    centre = column.x + column.w / 2
    qr_y = column.top - QR_SIZE
    if text is not None:
        qr.draw_qr(canvas, text, x=centre - QR_SIZE / 2, y=qr_y, size=QR_SIZE)
        sink.add("qr", Rect(centre - QR_SIZE / 2, qr_y, QR_SIZE, QR_SIZE), text)
    set_fill(canvas, INK)
    record = str(data.record_id) if data.record_id else ""
    size = 6.0
    while text_width(record, FONT, size) > column.w and size > 4.5:
        size -= 0.25
    canvas.setFont(FONT, size)
    canvas.drawCentredString(centre, qr_y - 6.5, record)
    width = text_width(record, FONT, size)
    sink.add("record_id", Rect(centre - width / 2, qr_y - 8.5, width, 8.0), record)
    if data.revision is not None:
        short = (data.content_hash or "")[:8]
        canvas.setFont(FONT, 5.8)
        set_fill(canvas, MUTED)
        canvas.drawCentredString(
            centre, qr_y - 13.5, f"{labels.REVISION} {data.revision} · {short}"
        )


def _office_box(canvas: Canvas, column: Rect) -> None:
    """Blank form: where the QR would be, a large box for the paper form number."""
    box = Rect(column.x + 6, column.y + 14, column.w - 6, column.h - 18)
    canvas.saveState()
    set_stroke(canvas, RULE)
    canvas.setDash(2.5, 2)
    canvas.setLineWidth(0.8)
    canvas.rect(box.x, box.y, box.w, box.h, stroke=1, fill=0)
    canvas.restoreState()
    set_fill(canvas, MUTED)
    canvas.setFont(FONT_BOLD, 7.2)
    canvas.drawString(box.x + 4, box.top - 10, labels.OFFICE_FORM_NO)
    canvas.setFont(FONT, 5.6)
    canvas.drawRightString(box.right - 4, box.y + 3, labels.OFFICE_FORM_NO_HINT)
    set_fill(canvas, INK)


def header_block(data: FormData) -> Block:
    return HeaderBlock(data)


def footer(canvas: Canvas, data: FormData, *, page: int, pages: int) -> None:
    y = MARGIN_BOTTOM
    set_stroke(canvas, HAIRLINE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_X, y + 9, PAGE_W - MARGIN_X, y + 9)
    set_fill(canvas, MUTED)
    canvas.setFont(FONT, 6.4)
    left = labels.FORM_CODE
    if data.record_id is not None:
        left = f"{left} · {labels.RECORD_ID} {data.record_id}"
    canvas.drawString(MARGIN_X, y + 2, left)
    middle = []
    if data.printed_on is not None:
        when = date_short(data.printed_on)
        middle.append(
            labels.PRINTED_BY.format(date=when, agent=data.agent_name)
            if data.agent_name
            else labels.PRINTED_ON.format(date=when)
        )
    if data.is_reprint:
        middle.append(labels.REPRINT.format(n=data.printed_count))
    page_text = labels.PAGE.format(page=page, pages=pages)
    canvas.drawRightString(PAGE_W - MARGIN_X, y + 2, page_text)
    right_edge = PAGE_W - MARGIN_X - text_width(page_text, FONT, 6.4) - 14
    canvas.drawRightString(right_edge, y + 2, " · ".join(middle))
    set_fill(canvas, INK)


def continuation_header(canvas: Canvas, data: FormData, *, top: float) -> None:
    set_fill(canvas, INK)
    canvas.setFont(FONT_BOLD, 8.2)
    title = f"{labels.FORM_TITLE_SHORT} ({labels.FORM_CONTINUED})"
    canvas.drawString(MARGIN_X, top - 9, title)
    set_fill(canvas, MUTED)
    canvas.setFont(FONT, 7.0)
    who = data.full_name or ""
    if data.nik:
        who = f"{who} · NIK {data.nik}" if who else f"NIK {data.nik}"
    fitted = fit_text(who, width=CONTENT_W * 0.55, height=9, size=7.0, min_size=5.0)
    draw_lines(
        canvas,
        fitted,
        x=PAGE_W - MARGIN_X - CONTENT_W * 0.55,
        top=top - 2.5,
        width=CONTENT_W * 0.55,
        align="right",
    )
    set_stroke(canvas, ACCENT)
    canvas.setLineWidth(1.2)
    canvas.line(MARGIN_X, top - 14, PAGE_W - MARGIN_X, top - 14)
    set_fill(canvas, INK)


def watermark(canvas: Canvas, count: int) -> None:
    """A light diagonal "CETAK ULANG" behind the content of every page of a reprint."""
    canvas.saveState()
    canvas.setFillColorRGB(0.92, 0.92, 0.92)
    canvas.setFont(FONT_BOLD, 64)
    canvas.translate(PAGE_W / 2, (CONTENT_TOP + CONTENT_BOTTOM) / 2)
    canvas.rotate(35)
    canvas.drawCentredString(0, -20, labels.REPRINT_WATERMARK)
    canvas.setFont(FONT_BOLD, 26)
    canvas.drawCentredString(0, -56, f"ke-{count}")
    canvas.restoreState()
