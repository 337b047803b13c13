"""Building blocks of an official paper form: boxed fields, choice boxes, tables, section bars.

A block knows its height for a width and draws itself from a top edge down; the page flow in
``enrollment_form`` stacks blocks and breaks pages between them. Every filled box reports where
its value went to a :class:`Sink` (key, page, rectangle, text), which is how the tests check that
each value landed in its own box.

Empty boxes are never silent: on a pre-filled form a missing required value gets a light tint
and "isi tangan" (fill in by hand), a missing optional one "jika ada" (if any). A blank form
shows only the "jika ada" hints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from reportlab.pdfgen.canvas import Canvas

from printing import labels
from printing.layout import (
    CAPTION_PAD,
    CAPTION_SIZE,
    FONT,
    FONT_BOLD,
    HEADER_FILL,
    INK,
    LINE_W,
    MUTED,
    RULE,
    SMALL_SIZE,
    TINT,
    VALUE_SIZE,
    Rect,
    checkbox,
    columns,
    draw_lines,
    fit_text,
    height_needed,
    set_fill,
    set_stroke,
    text_width,
    wrap,
)

PAD = 3.0
CAPTION_ZONE = 9.6
ROW_H = 24.0
GROW_BELOW = 7.0  # a value smaller than this on one row makes the row taller instead
GROW_SIZE = 7.5
CHOICE_BOX = 7.2
CHOICE_LINE = 10.5
SECTION_BAR = 13.5
SECTION_GAP = 5.5


@dataclass(frozen=True, slots=True)
class PlacedField:
    key: str
    page: int
    rect: Rect
    text: str | None


@dataclass(slots=True)
class Sink:
    """Collects where each keyed value was drawn; ``page`` is set by the page flow."""

    page: int = 0
    fields: list[PlacedField] = field(default_factory=list)

    def add(self, key: str | None, rect: Rect, text: str | None) -> None:
        if key is not None:
            self.fields.append(PlacedField(key, self.page, rect, text))

    def by_key(self) -> dict[str, PlacedField]:
        return {f.key: f for f in self.fields}


class Block(Protocol):
    def height(self, width: float) -> float: ...

    def draw(self, canvas: Canvas, *, x: float, top: float, width: float, sink: Sink) -> None: ...


# ------------------------------------------------------------------------------------------------
# Cells of a field row
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fill:
    """How a form treats empty boxes: pre-filled (mark them) or blank (leave them clean)."""

    blank: bool = False


def _caption(canvas: Canvas, text: str, *, x: float, top: float, width: float) -> None:
    set_fill(canvas, MUTED)
    fitted = fit_text(text, width=width, height=CAPTION_SIZE * 1.2, size=CAPTION_SIZE, min_size=5)
    draw_lines(canvas, fitted, x=x, top=top - CAPTION_PAD)
    set_fill(canvas, INK)


HINT_SIZE = 5.6


def _hint(
    canvas: Canvas, rect: Rect, *, caption: str, required: bool, fill: Fill, choice: bool = False
) -> None:
    """Mark an empty box: on a pre-filled form a required one gets a tint and "isi tangan"
    ("pilih satu" for tick boxes); an optional one says "jika ada". The words sit on the
    caption line when there is room, away from where the hand writes."""
    if fill.blank and required:
        return
    if required:
        text = labels.HINT_PICK_ONE if choice else labels.HINT_HANDWRITE
        set_fill(canvas, TINT)
        canvas.rect(rect.x, rect.y, rect.w, rect.h, stroke=0, fill=1)
    else:
        text = labels.HINT_IF_ANY
    room = rect.w - 3 * PAD - text_width(caption, FONT, CAPTION_SIZE)
    set_fill(canvas, MUTED)
    canvas.setFont(FONT, HINT_SIZE)
    if text_width(text, FONT, HINT_SIZE) <= room:
        canvas.drawRightString(rect.right - PAD, rect.top - CAPTION_PAD - CAPTION_SIZE * 0.93, text)
    else:
        canvas.drawRightString(rect.right - PAD, rect.y + 2.2, text)
    set_fill(canvas, INK)


@dataclass(frozen=True, slots=True)
class TextCell:
    caption: str
    value: str | None
    weight: float = 1.0
    key: str | None = None
    required: bool = True
    align: str = "left"
    bold: bool = False

    def needed(self, width: float, base: float) -> float:
        """0 when the value fits the row's usual height at ``GROW_BELOW`` pt or more; else the
        height at which it fits wrapped at ``GROW_SIZE`` pt (the row grows, nothing is cut)."""
        if self.value is None:
            return 0.0
        font = FONT_BOLD if self.bold else FONT
        area = (width - 2 * PAD, base - CAPTION_ZONE - 2.0)
        fitted = fit_text(self.value, width=area[0], height=area[1], font=font)
        if not fitted.truncated and fitted.size >= GROW_BELOW:
            return 0.0
        text_h = height_needed(self.value, width=area[0], font=font, size=GROW_SIZE)
        return CAPTION_ZONE + 2.0 + text_h + 1.0

    def draw(self, canvas: Canvas, rect: Rect, *, fill: Fill, sink: Sink) -> None:
        if self.value is None:
            _hint(canvas, rect, caption=self.caption, required=self.required, fill=fill)
        _caption(canvas, self.caption, x=rect.x + PAD, top=rect.top, width=rect.w - 2 * PAD)
        if self.value is None:
            sink.add(self.key, rect, None)
            return
        area_h = rect.h - CAPTION_ZONE - 2.0
        font = FONT_BOLD if self.bold else FONT
        fitted = fit_text(self.value, width=rect.w - 2 * PAD, height=area_h, font=font)
        area_top = rect.top - CAPTION_ZONE
        offset = max(0.0, (area_h - fitted.height) / 2)
        draw_lines(
            canvas,
            fitted,
            x=rect.x + PAD,
            top=area_top - offset,
            font=font,
            width=rect.w - 2 * PAD,
            align=self.align,
        )
        sink.add(self.key, rect, self.value)


@dataclass(frozen=True, slots=True)
class CombCell:
    """Digit boxes (NIK, KK): one character per cell, drawn as one string so it copies whole."""

    caption: str
    value: str | None
    cells: int = 16
    weight: float = 1.0
    key: str | None = None
    required: bool = True

    def needed(self, width: float, base: float) -> float:  # noqa: ARG002 - fixed cells
        return 0.0

    def draw(self, canvas: Canvas, rect: Rect, *, fill: Fill, sink: Sink) -> None:
        if self.value is None:
            _hint(canvas, rect, caption=self.caption, required=self.required, fill=fill)
        _caption(canvas, self.caption, x=rect.x + PAD, top=rect.top, width=rect.w - 2 * PAD)
        comb_w = rect.w - 2 * PAD
        cell_w = min(comb_w / self.cells, 15.0)
        cell_h = rect.h - CAPTION_ZONE - 3.0
        bottom = rect.y + 2.5
        set_stroke(canvas, RULE)
        canvas.setLineWidth(0.45)
        for i in range(self.cells):
            canvas.rect(rect.x + PAD + i * cell_w, bottom, cell_w, cell_h, stroke=1, fill=0)
        value = self.value
        if value is None:
            sink.add(self.key, rect, None)
            return
        size = min(VALUE_SIZE, cell_h * 0.8)
        if len(value) <= self.cells:
            digit_w = text_width("0", FONT, size)
            text = canvas.beginText()
            text.setFont(FONT, size)
            text.setCharSpace(cell_w - digit_w)
            text.setTextOrigin(rect.x + PAD + (cell_w - digit_w) / 2, bottom + cell_h * 0.22)
            text.textOut(value)
            text.setCharSpace(0)  # text state outlives BT/ET: never leak the comb spacing
            canvas.drawText(text)
        else:  # not a NIK-shaped value: print it whole rather than lose characters
            set_fill(canvas, (1, 1, 1))
            canvas.rect(rect.x + PAD, bottom, comb_w, cell_h, stroke=0, fill=1)
            set_fill(canvas, INK)
            fitted = fit_text(value, width=comb_w - 2, height=cell_h, size=size)
            draw_lines(canvas, fitted, x=rect.x + PAD + 1, top=bottom + cell_h - 1)
        sink.add(self.key, rect, value)


@dataclass(frozen=True, slots=True)
class ChoiceCell:
    """Tick boxes for a closed list; the selected code is ticked (``key`` maps to its box)."""

    caption: str
    options: tuple[tuple[str, str], ...]
    selected: str | None
    weight: float = 1.0
    key: str | None = None
    required: bool = True
    size: float = SMALL_SIZE

    def _layout(self, width: float) -> list[tuple[float, int, str, str]]:
        """(x offset, line, code, label) per option, flowing left to right."""
        out: list[tuple[float, int, str, str]] = []
        x, line = 0.0, 0
        for code, label in self.options:
            w = CHOICE_BOX + 2.5 + text_width(label, FONT, self.size) + 8.0
            if x > 0 and x + w - 8.0 > width:
                x, line = 0.0, line + 1
            out.append((x, line, code, label))
            x += w
        return out

    def needed(self, width: float, base: float) -> float:  # noqa: ARG002
        lines = max(line for _, line, _, _ in self._layout(width - 2 * PAD)) + 1
        return CAPTION_ZONE + lines * CHOICE_LINE + 3.0

    def draw(self, canvas: Canvas, rect: Rect, *, fill: Fill, sink: Sink) -> None:
        if self.selected is None and self.required:
            _hint(canvas, rect, caption=self.caption, required=True, fill=fill, choice=True)
        _caption(canvas, self.caption, x=rect.x + PAD, top=rect.top, width=rect.w - 2 * PAD)
        layout = self._layout(rect.w - 2 * PAD)
        lines = max(line for _, line, _, _ in layout) + 1
        free = rect.h - CAPTION_ZONE - lines * CHOICE_LINE
        first_top = rect.top - CAPTION_ZONE - max(0.0, free / 2 - 1.0)
        for dx, line, code, label in layout:
            box_y = first_top - line * CHOICE_LINE - (CHOICE_LINE + CHOICE_BOX) / 2
            bx = rect.x + PAD + dx
            box = checkbox(canvas, x=bx, y=box_y, size=CHOICE_BOX, checked=code == self.selected)
            set_fill(canvas, INK)
            canvas.setFont(FONT, self.size)
            canvas.drawString(bx + CHOICE_BOX + 2.5, box_y + 1.0, label)
            if code == self.selected:
                sink.add(self.key, box, code)
        if self.selected is None:
            sink.add(self.key, rect, None)


Cell = TextCell | CombCell | ChoiceCell


@dataclass(frozen=True, slots=True)
class FieldRow:
    cells: tuple[Cell, ...]
    fill: Fill
    min_height: float = ROW_H

    def _widths(self, width: float) -> list[float]:
        return columns(width, [c.weight for c in self.cells])

    def height(self, width: float) -> float:
        widths = self._widths(width)
        needed = [c.needed(w, self.min_height) for c, w in zip(self.cells, widths, strict=True)]
        return max([self.min_height, *needed])

    def draw(self, canvas: Canvas, *, x: float, top: float, width: float, sink: Sink) -> None:
        h = self.height(width)
        cx = x
        for cell, w in zip(self.cells, self._widths(width), strict=True):
            rect = Rect(cx, top - h, w, h)
            cell.draw(canvas, rect, fill=self.fill, sink=sink)
            set_stroke(canvas, RULE)
            canvas.setLineWidth(LINE_W)
            canvas.rect(rect.x, rect.y, rect.w, rect.h, stroke=1, fill=0)
            cx += w


# ------------------------------------------------------------------------------------------------
# Sections, tables, paragraphs
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Section:
    """A shaded title bar and the blocks under it, kept together on one page."""

    title: str
    blocks: tuple[Block, ...]
    note: str | None = None
    gap: float = SECTION_GAP

    def height(self, width: float) -> float:
        return SECTION_BAR + sum(b.height(width) for b in self.blocks) + self.gap

    def draw(self, canvas: Canvas, *, x: float, top: float, width: float, sink: Sink) -> None:
        set_fill(canvas, HEADER_FILL)
        set_stroke(canvas, RULE)
        canvas.setLineWidth(LINE_W)
        canvas.rect(x, top - SECTION_BAR, width, SECTION_BAR, stroke=1, fill=1)
        set_fill(canvas, INK)
        canvas.setFont(FONT_BOLD, 8.6)
        canvas.drawString(x + PAD + 1, top - SECTION_BAR + 4.0, self.title)
        if self.note:
            canvas.setFont(FONT_BOLD, 7.6)
            canvas.drawRightString(x + width - PAD - 1, top - SECTION_BAR + 4.2, self.note)
        y = top - SECTION_BAR
        for block in self.blocks:
            block.draw(canvas, x=x, top=y, width=width, sink=sink)
            y -= block.height(width)


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    weight: float
    align: str = "left"


@dataclass(frozen=True, slots=True)
class TableRow:
    cells: tuple[str | None, ...]
    keys: tuple[str | None, ...] = ()
    bold: bool = False
    shaded: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[TableRow, ...]
    row_height: float = 15.0
    header_height: float = 12.0
    size: float = 8.4

    def height(self, width: float) -> float:  # noqa: ARG002
        return self.header_height + self.row_height * len(self.rows)

    def draw(self, canvas: Canvas, *, x: float, top: float, width: float, sink: Sink) -> None:
        widths = columns(width, [c.weight for c in self.columns])
        set_fill(canvas, HEADER_FILL)
        set_stroke(canvas, RULE)
        canvas.setLineWidth(LINE_W)
        canvas.rect(x, top - self.header_height, width, self.header_height, stroke=1, fill=1)
        set_fill(canvas, INK)
        cx = x
        for column, w in zip(self.columns, widths, strict=True):
            fitted = fit_text(column.title, width=w - 2 * PAD, height=8, size=6.8, min_size=5)
            draw_lines(
                canvas,
                fitted,
                x=cx + PAD,
                top=top - 2.8,
                font=FONT_BOLD,
                width=w - 2 * PAD,
                align=column.align,
            )
            cx += w
        y = top - self.header_height
        for row in self.rows:
            self._row(canvas, row, x=x, top=y, widths=widths, sink=sink)
            y -= self.row_height

    def _row(
        self,
        canvas: Canvas,
        row: TableRow,
        *,
        x: float,
        top: float,
        widths: Sequence[float],
        sink: Sink,
    ) -> None:
        h = self.row_height
        if row.shaded:
            set_fill(canvas, TINT)
            canvas.rect(x, top - h, sum(widths), h, stroke=0, fill=1)
            set_fill(canvas, INK)
        font = FONT_BOLD if row.bold else FONT
        cx = x
        keys = row.keys or (None,) * len(row.cells)
        for column, w, value, key in zip(self.columns, widths, row.cells, keys, strict=True):
            rect = Rect(cx, top - h, w, h)
            set_stroke(canvas, RULE)
            canvas.setLineWidth(LINE_W)
            canvas.rect(rect.x, rect.y, rect.w, rect.h, stroke=1, fill=0)
            if value:
                fitted = fit_text(
                    value, width=w - 2 * PAD, height=h - 3, font=font, size=self.size, min_size=5.5
                )
                offset = (h - fitted.height) / 2
                draw_lines(
                    canvas,
                    fitted,
                    x=cx + PAD,
                    top=top - offset,
                    font=font,
                    width=w - 2 * PAD,
                    align=column.align,
                )
            sink.add(key, rect, value or None)
            cx += w


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Wrapped text, optionally led by a tick box (consent purposes)."""

    text: str
    size: float = 8.0
    bold: bool = False
    box: bool = False
    key: str | None = None
    space_after: float = 3.0
    indent: float = 0.0
    bullet: bool = False

    def _lines(self, width: float) -> list[str]:
        font = FONT_BOLD if self.bold else FONT
        return wrap(self.text, width=width - self._text_x(), font=font, size=self.size)

    def _text_x(self) -> float:
        if self.bullet:
            return self.indent + self.size * 1.1
        return self.indent + (CHOICE_BOX + 4.0 if self.box else 0.0)

    def height(self, width: float) -> float:
        return len(self._lines(width)) * self.size * 1.25 + self.space_after

    def draw(self, canvas: Canvas, *, x: float, top: float, width: float, sink: Sink) -> None:
        font = FONT_BOLD if self.bold else FONT
        lines = self._lines(width)
        leading = self.size * 1.25
        if self.box:
            box = checkbox(
                canvas,
                x=x + self.indent,
                y=top - CHOICE_BOX - 1.0,
                size=CHOICE_BOX,
                checked=False,
            )
            sink.add(self.key, box, None)
        set_fill(canvas, INK)
        canvas.setFont(font, self.size)
        baseline = top - self.size
        if self.bullet:
            canvas.drawString(x + self.indent + 1.0, baseline, "•")
        for line in lines:
            canvas.drawString(x + self._text_x(), baseline, line)
            baseline -= leading


@dataclass(frozen=True, slots=True)
class Spacer:
    space: float

    def height(self, width: float) -> float:  # noqa: ARG002
        return self.space

    def draw(self, canvas: Canvas, *, x: float, top: float, width: float, sink: Sink) -> None:
        del canvas, x, top, width, sink  # a spacer only takes room


def paginate(
    blocks: Sequence[Block], *, width: float, first_room: float, next_room: float
) -> list[list[Block]]:
    """Flow blocks over pages; a block never splits and an oversized one gets a page alone."""
    pages: list[list[Block]] = [[]]
    room = first_room
    for block in blocks:
        h = block.height(width)
        if h > room and pages[-1]:
            pages.append([])
            room = next_room
        pages[-1].append(block)
        room -= h
    return pages


def remaining_room(blocks: Sequence[Block], *, width: float, room: float) -> float:
    return room - sum(b.height(width) for b in blocks)


@dataclass(frozen=True, slots=True)
class SideBySide:
    """Two stacks of blocks in two equal columns (information sheet)."""

    left: tuple[Block, ...]
    right: tuple[Block, ...]
    gap: float = 10.0

    def _column(self, width: float) -> float:
        return (width - self.gap) / 2

    def height(self, width: float) -> float:
        w = self._column(width)
        return max(sum(b.height(w) for b in self.left), sum(b.height(w) for b in self.right))

    def draw(self, canvas: Canvas, *, x: float, top: float, width: float, sink: Sink) -> None:
        w = self._column(width)
        for offset, stack in ((0.0, self.left), (w + self.gap, self.right)):
            y = top
            for block in stack:
                block.draw(canvas, x=x + offset, top=y, width=w, sink=sink)
                y -= block.height(w)
