"""The enrollment form (*Formulir F1 BPU*, DOMAIN.md §5): pre-filled from a record, or blank.

Layout (A4, 1–2 pages): title block with the QR (record id, revision, content hash) top right,
sections A–H as boxed fields and tables, and on the last page the signature and thumbprint boxes
with a tear-off receipt stub at the bottom. The same drawing serves the blank form, so paper
filled by hand and paper printed from the laptop look alike to the branch office.

``draw_enrollment_form`` draws one form onto an open canvas (``batch`` puts many into one PDF)
and returns a :class:`FormMap` of where every value went; ``render_enrollment_form`` writes one
form to a path (atomically) or a binary stream.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas

from printing import labels
from printing.enrollment_sections import (
    consent_section,
    office_section,
    page_one_sections,
    signature_section,
)
from printing.form_blocks import Block, PlacedField, Sink, paginate, remaining_room
from printing.form_data import FormData
from printing.form_header import continuation_header, footer, header_block, watermark
from printing.layout import (
    CONTENT_BOTTOM,
    CONTENT_TOP,
    CONTENT_W,
    MARGIN_X,
    new_canvas,
    pdf_target,
)
from printing.receipt_stub import draw_stub, stub_height

CONTINUATION_H = 22.0


@dataclass(frozen=True, slots=True)
class FormMap:
    """Where one form's values were drawn: ``fields`` keyed by field name; page indexes count
    from 0 at the form's first page."""

    pages: int
    fields: dict[str, PlacedField]


def _paginate(first: list[Block], final: list[Block], stub: float) -> list[list[Block]]:
    """Flow ``first`` over pages; ``final`` (consent, signatures, office box) stays together on
    the last page above the receipt stub."""
    room = CONTENT_TOP - CONTENT_BOTTOM
    next_room = room - CONTINUATION_H
    pages = paginate(first, width=CONTENT_W, first_room=room, next_room=next_room)
    left = remaining_room(pages[-1], width=CONTENT_W, room=room if len(pages) == 1 else next_room)
    final_h = sum(b.height(CONTENT_W) for b in final) + stub
    if final_h > left:
        pages.append([])
    pages[-1].extend(final)
    return pages


def draw_enrollment_form(canvas: Canvas, data: FormData) -> FormMap:
    """Draw one form (its pages end with ``showPage``) and say where each value went."""
    first: list[Block] = [header_block(data), *page_one_sections(data)]
    final: list[Block] = [consent_section(data), signature_section(data), office_section(data)]
    pages = _paginate(first, final, stub_height(data))
    sink = Sink()
    for index, blocks in enumerate(pages):
        sink.page = index
        if data.is_reprint:
            watermark(canvas, data.printed_count)
        top = CONTENT_TOP
        if index > 0:
            continuation_header(canvas, data, top=top)
            top -= CONTINUATION_H
        for block in blocks:
            block.draw(canvas, x=MARGIN_X, top=top, width=CONTENT_W, sink=sink)
            top -= block.height(CONTENT_W)
        if index == len(pages) - 1:
            draw_stub(canvas, data, sink=sink)
        footer(canvas, data, page=index + 1, pages=len(pages))
        canvas.showPage()
    return FormMap(pages=len(pages), fields=sink.by_key())


def document_title(data: FormData) -> str:
    if data.blank:
        return f"{labels.FORM_CODE} – {labels.FORM_TITLE}"
    name = data.full_name or str(data.record_id)
    return f"{labels.FORM_CODE} – {name}"


def render_enrollment_form(data: FormData, out: Path | BinaryIO) -> None:
    """Write one pre-filled (or blank) form as a PDF to ``out``."""
    with pdf_target(out) as target:
        canvas = new_canvas(target, title=document_title(data))
        draw_enrollment_form(canvas, data)
        canvas.save()


__all__ = [
    "FormMap",
    "document_title",
    "draw_enrollment_form",
    "render_enrollment_form",
]
