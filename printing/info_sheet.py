"""The benefits and contribution information sheet (DOMAIN.md §3), optionally personalised.

The words live in a versioned template (``templates/info_sheet.toml``); every amount comes from
the rule tables of ``models.rules.contribution`` (example contributions at full rate, the
discount periods and their exclusions), so a data edit there changes the sheet too. With a
prospect's quote the sheet opens with "IURAN ANDA": their programme, basis, month-by-month
breakdown and total, marked "Perkiraan – tabel belum diverifikasi" when the quote is uncertain.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.pdfgen.canvas import Canvas

from core.formatting import month_label, rupiah
from models.rules.contribution import load_tables
from printing import labels
from printing.form_blocks import (
    Block,
    Column,
    FieldRow,
    Fill,
    Paragraph,
    Section,
    SideBySide,
    Sink,
    Spacer,
    Table,
    TableRow,
    TextCell,
    paginate,
)
from printing.form_data import QuoteView
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
    draw_lines,
    fit_text,
    new_canvas,
    pdf_target,
    set_fill,
    set_stroke,
)
from printing.quote_table import discount_note, quote_table

TEMPLATE = Path(__file__).parent / "templates" / "info_sheet.toml"
HEADER_H = 64.0
BODY = 8.0


@cache
def template() -> dict[str, Any]:
    with TEMPLATE.open("rb") as handle:
        return tomllib.load(handle)


@dataclass(frozen=True, slots=True)
class _Header:
    name: str | None

    def height(self, width: float) -> float:  # noqa: ARG002
        return HEADER_H

    def draw(self, canvas: Canvas, *, x: float, top: float, width: float, sink: Sink) -> None:
        set_fill(canvas, ACCENT)
        canvas.setFont(FONT_BOLD, 8.4)
        canvas.drawString(x, top - 8.5, labels.AGENCY)
        set_fill(canvas, INK)
        canvas.setFont(FONT_BOLD, 16)
        canvas.drawString(x, top - 29, labels.INFO_TITLE)
        canvas.setFont(FONT, 9.5)
        canvas.drawString(x, top - 43, labels.INFO_SUBTITLE)
        set_stroke(canvas, ACCENT)
        canvas.setLineWidth(1.6)
        canvas.line(x, top - 51, x + width, top - 51)
        if self.name:
            box_w = 190.0
            set_stroke(canvas, RULE)
            canvas.setLineWidth(0.6)
            canvas.rect(x + width - box_w, top - 44, box_w, 38, stroke=1, fill=0)
            set_fill(canvas, MUTED)
            canvas.setFont(FONT, 6.3)
            canvas.drawString(x + width - box_w + 4, top - 13, labels.INFO_FOR)
            set_fill(canvas, INK)
            fitted = fit_text(self.name, width=box_w - 8, height=24, font=FONT_BOLD, size=11)
            draw_lines(canvas, fitted, x=x + width - box_w + 4, top=top - 17, font=FONT_BOLD)
            sink.add("name", self._name_rect(x, top, width, box_w), self.name)

    @staticmethod
    def _name_rect(x: float, top: float, width: float, box_w: float) -> Any:
        from printing.layout import Rect

        return Rect(x + width - box_w, top - 44, box_w, 38)


def _bullets(items: list[str]) -> tuple[Block, ...]:
    return tuple(Paragraph(text, size=BODY, bullet=True, space_after=1.6) for text in items)


def _your_contribution(quote: QuoteView) -> Section:
    package = labels.PACKAGE.get(quote.package or "", quote.package)
    blocks: list[Block] = [
        FieldRow(
            (
                TextCell(labels.INFO_PROGRAMME, package, 1.0, "quote.package"),
                TextCell(labels.F_BASIS, rupiah(quote.basis), 1.0, "quote.basis"),
                TextCell(
                    labels.QUOTE_FIRST, rupiah(quote.monthly_first), 0.9, "quote.monthly_first"
                ),
                TextCell(
                    labels.QUOTE_TOTAL.format(months=len(quote.lines)),
                    rupiah(quote.total),
                    0.9,
                    "quote.total_box",
                    bold=True,
                ),
            ),
            Fill(),
        ),
        Spacer(4.0),
        quote_table(quote, blank_rows=0),
    ]
    if note := discount_note(quote):
        blocks += [Spacer(2.5), Paragraph(note, size=6.8, space_after=0.0)]
    if quote.uncertain:
        blocks += [Paragraph(f"{labels.ESTIMATE}.", size=7.2, bold=True, space_after=0.0)]
    note_text = labels.ESTIMATE if quote.uncertain else None
    return Section(labels.INFO_YOUR_CONTRIBUTION, tuple(blocks), note=note_text)


def _examples(on: date) -> Section:
    tables = load_tables()
    month = on.strftime("%Y-%m")
    rows: list[TableRow] = []
    uncertain_any = False
    for i, income in enumerate(template()["example_incomes"]):
        bracket = tables.bracket_for(int(income))
        basis = bracket.basis
        jkk = tables.rate("JKK", month).amount(basis)
        jkm = tables.rate("JKM", month).amount(basis)
        jht = tables.rate("JHT", month).amount(basis)
        uncertain = bracket.status != "confirmed"
        uncertain_any = uncertain_any or uncertain
        mark = f" {labels.INFO_UNCERTAIN_MARK}" if uncertain else ""
        key = f"examples[{i}]"
        rows.append(
            TableRow(
                (
                    rupiah(int(income)) + mark,
                    rupiah(basis),
                    rupiah(jkk + jkm),
                    rupiah(jkk + jkm + jht),
                ),
                (f"{key}.income", f"{key}.basis", f"{key}.jkk_jkm", f"{key}.with_jht"),
            )
        )
    columns = (
        Column(labels.INFO_EXAMPLE_COLUMNS[0], 1.0),
        Column(labels.INFO_EXAMPLE_COLUMNS[1], 1.0, "right"),
        Column(labels.INFO_EXAMPLE_COLUMNS[2], 1.0, "right"),
        Column(labels.INFO_EXAMPLE_COLUMNS[3], 1.0, "right"),
    )
    jkm_flat = rupiah(tables.rate("JKM", month).amount(0))
    blocks: list[Block] = [
        Table(columns, tuple(rows)),
        Spacer(2.5),
        Paragraph(labels.INFO_EXAMPLE_NOTE.format(jkm=jkm_flat), size=6.9, space_after=1.0),
    ]
    blocks += [Paragraph(text, size=6.9, space_after=1.0) for text in discount_lines(on)]
    if uncertain_any:
        blocks.append(Paragraph(labels.INFO_UNCERTAIN_NOTE, size=6.9, space_after=0.0))
    return Section(labels.INFO_EXAMPLES, tuple(blocks))


def discount_lines(on: date) -> list[str]:
    """Sentences about the discounts still running on ``on`` (or starting later)."""
    month = on.strftime("%Y-%m")
    groups: dict[tuple[str, int], dict[str, tuple[str, str]]] = {}
    excluded: dict[tuple[str, int], set[str]] = {}
    for rule in load_tables().discounts:
        if rule.month_to < month:
            continue
        key = (rule.legal_basis, rule.pay_pct)
        groups.setdefault(key, {})[rule.sector] = (rule.month_from, rule.month_to)
        excluded.setdefault(key, set()).update(rule.excluded_funding)
    lines: list[str] = []
    for (basis, pct), sectors in groups.items():
        periods = "; ".join(
            f"{labels.SECTOR.get(sector, sector)} {month_label(a)} – {month_label(b)}"
            for sector, (a, b) in sorted(sectors.items(), key=lambda kv: kv[1])
        )
        lines.append(labels.INFO_DISCOUNT.format(basis=basis, pct=pct, periods=periods))
        names = [
            labels.FUNDING.get(code, code)
            for code in labels.FUNDING
            if code in excluded[(basis, pct)]
        ]
        if names:
            sources = ", ".join(names[:-1]) + f" atau {names[-1]}" if len(names) > 1 else names[0]
            lines.append(labels.INFO_DISCOUNT_EXCLUDED.format(sources=sources))
    return lines


def _blocks(quote: QuoteView | None, name: str | None, on: date) -> list[Block]:
    text = template()
    blocks: list[Block] = [_Header(name), Paragraph(text["intro"], size=8.4, space_after=6.0)]
    if quote is not None:
        blocks.append(_your_contribution(quote))
    benefits: list[Block] = []
    for section in text["section"]:
        items = [item["text"] for item in section["item"]]
        body = (Paragraph(section["lead"], size=BODY, space_after=2.0), *_bullets(items))
        benefits.append(Section(section["title"], (Spacer(2.5), *body), gap=4.0))
    half = (len(benefits) + 1) // 2
    blocks.append(SideBySide(tuple(benefits[:half]), tuple(benefits[half:])))
    blocks.append(_examples(on))
    payment, lapse = (
        Section(text[key]["title"], (Spacer(2.5), *_bullets(text[key]["items"])), gap=4.0)
        for key in ("payment", "lapse")
    )
    blocks.append(SideBySide((payment,), (lapse,)))
    blocks.append(Paragraph(text["disclaimer"], size=6.8, space_after=0.0))
    return blocks


def _footer(canvas: Canvas, *, page: int, pages: int) -> None:
    y = MARGIN_BOTTOM
    set_stroke(canvas, HAIRLINE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_X, y + 9, PAGE_W - MARGIN_X, y + 9)
    set_fill(canvas, MUTED)
    canvas.setFont(FONT, 6.2)
    version = labels.INFO_VERSION.format(version=template()["version"])
    canvas.drawString(MARGIN_X, y + 2, version)
    canvas.drawRightString(PAGE_W - MARGIN_X, y + 2, labels.PAGE.format(page=page, pages=pages))
    set_fill(canvas, INK)


def draw_info_sheet(
    canvas: Canvas, *, quote: Any | None = None, name: str | None = None, on: date
) -> dict[str, Any]:
    """Draw the sheet onto an open canvas; returns where keyed values went (for tests)."""
    view = QuoteView.of(quote)
    room = CONTENT_TOP - CONTENT_BOTTOM
    pages = paginate(_blocks(view, name, on), width=CONTENT_W, first_room=room, next_room=room)
    sink = Sink()
    for index, blocks in enumerate(pages):
        sink.page = index
        top = CONTENT_TOP
        for block in blocks:
            block.draw(canvas, x=MARGIN_X, top=top, width=CONTENT_W, sink=sink)
            top -= block.height(CONTENT_W)
        _footer(canvas, page=index + 1, pages=len(pages))
        canvas.showPage()
    return {"pages": len(pages), "fields": sink.by_key()}


def render_info_sheet(
    out: Path | BinaryIO,
    *,
    quote: Any | None = None,
    name: str | None = None,
    on: date | None = None,
) -> None:
    """Write the information sheet; ``quote`` (a ``Quote`` or stored ``QuoteSnapshot``) and
    ``name`` personalise it; ``on`` picks the rates and discounts in force (default today)."""
    when = on or date.today()
    with pdf_target(out) as target:
        title = f"{labels.INFO_TITLE} – {name}" if name else labels.INFO_TITLE
        canvas = new_canvas(target, title=title)
        draw_info_sheet(canvas, quote=quote, name=name, on=when)
        canvas.save()
