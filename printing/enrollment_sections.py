"""The content of the enrollment form: title block, sections A–H, footer and reprint marks.

Each function turns a :class:`FormData` into blocks (``form_blocks``); ``enrollment_form`` flows
them over the pages. Words come from ``labels`` and ``models.rules`` (consent purposes, discount
legal basis), amounts and dates from ``core.formatting``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfgen.canvas import Canvas

from core.formatting import date_long, date_short, month_label, rupiah
from models.rules.consent import PURPOSES, REQUIRED_PURPOSE
from models.rules.contribution import load_tables
from printing import labels, qr
from printing.form_blocks import (
    PAD,
    Block,
    ChoiceCell,
    Column,
    CombCell,
    FieldRow,
    Fill,
    Paragraph,
    Section,
    Sink,
    Spacer,
    Table,
    TableRow,
    TextCell,
)
from printing.form_data import FormData, QuoteMonth, QuoteView
from printing.layout import (
    ACCENT,
    CAPTION_SIZE,
    CONTENT_BOTTOM,
    CONTENT_TOP,
    CONTENT_W,
    FONT,
    FONT_BOLD,
    HAIRLINE,
    INK,
    LINE_W,
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


# ------------------------------------------------------------------------------------------------
# Sections A–F
# ------------------------------------------------------------------------------------------------


def _date(value: object) -> str | None:
    return date_short(value) if value is not None else None  # type: ignore[arg-type]


def _rupiah(value: int | None) -> str | None:
    return rupiah(value) if value is not None else None


def _meta_row(data: FormData, fill: Fill) -> FieldRow:
    if data.blank:  # the form number has its own box top right
        second = TextCell(labels.F_AGENT, None, 0.9, "agent_name")
    else:
        second = TextCell(
            labels.F_PAPER_NO, data.paper_form_number, 0.9, "paper_form_number", False
        )
    return FieldRow(
        (
            TextCell(labels.F_BRANCH, data.branch_name, 1.1, "branch_name"),
            second,
            TextCell(labels.F_REG_DATE, _date(data.registration_date), 0.8, "registration_date"),
            TextCell(labels.F_REG_PLACE, data.registration_place, 1.4, "registration_place"),
        ),
        fill,
    )


def _identity(data: FormData, fill: Fill) -> Section:
    sex = tuple(labels.SEX.items())
    no_mobile = (("YA", labels.F_NO_MOBILE),)
    pu = tuple(labels.ALREADY_PU.items())
    return Section(
        labels.SEC_IDENTITY,
        (
            FieldRow(
                (
                    CombCell(labels.F_NIK, data.nik, 16, 0.45, "nik"),
                    TextCell(labels.F_FULL_NAME, data.full_name, 0.55, "full_name", bold=True),
                ),
                fill,
            ),
            FieldRow(
                (
                    TextCell(labels.F_BIRTH_PLACE, data.birth_place, 0.29, "birth_place"),
                    TextCell(labels.F_BIRTH_DATE, _date(data.birth_date), 0.19, "birth_date"),
                    ChoiceCell(labels.F_SEX, sex, data.sex, 0.22, "sex"),
                    TextCell(labels.F_MOTHER, data.mother_maiden_name, 0.30, "mother_maiden_name"),
                ),
                fill,
            ),
            FieldRow(
                (
                    TextCell(labels.F_MOBILE, data.mobile, 0.24, "mobile", not data.no_mobile),
                    ChoiceCell(
                        "", no_mobile, "YA" if data.no_mobile else None, 0.16, "no_mobile", False
                    ),
                    TextCell(labels.F_EMAIL, data.email, 0.60, "email", False),
                ),
                fill,
            ),
            FieldRow(
                (
                    CombCell(labels.F_KK, data.kk_number, 16, 0.45, "kk_number", False),
                    ChoiceCell(labels.F_ALREADY_PU, pu, data.already_pu, 0.55, "already_pu", False),
                ),
                fill,
            ),
        ),
    )


def _address(data: FormData, fill: Fill) -> Section:
    return Section(
        labels.SEC_ADDRESS,
        (
            FieldRow(
                (
                    TextCell(labels.F_ADDRESS, data.address_line, 0.78, "address_line"),
                    TextCell(labels.F_RT, data.rt, 0.11, "rt", False),
                    TextCell(labels.F_RW, data.rw, 0.11, "rw", False),
                ),
                fill,
                min_height=34.0,
            ),
            FieldRow(
                (
                    TextCell(labels.F_VILLAGE, data.village, 1.0, "village"),
                    TextCell(labels.F_DISTRICT, data.district, 1.0, "district"),
                    TextCell(labels.F_REGENCY, data.regency, 1.0, "regency"),
                    TextCell(labels.F_PROVINCE, data.province, 1.0, "province"),
                ),
                fill,
            ),
        ),
    )


def _work(data: FormData, fill: Fill) -> Section:
    occ1 = data.occupation_1.text if data.occupation_1 else None
    occ2 = data.occupation_2.text if data.occupation_2 else None
    return Section(
        labels.SEC_WORK,
        (
            FieldRow(
                (
                    TextCell(labels.F_OCC_1, occ1, 1.0, "occupation_1"),
                    TextCell(labels.F_OCC_2, occ2, 1.0, "occupation_2", False),
                ),
                fill,
            ),
            FieldRow(
                (
                    TextCell(
                        labels.F_WORK_LOCATION, data.work_location, 0.42, "work_location", False
                    ),
                    TextCell(
                        labels.F_WORKING_HOURS, data.working_hours, 0.2, "working_hours", False
                    ),
                    TextCell(
                        labels.F_INCOME, _rupiah(data.declared_income), 0.38, "declared_income"
                    ),
                ),
                fill,
            ),
        ),
    )


@lru_cache(maxsize=1)
def _discount_rules() -> dict[str, tuple[str, int]]:
    return {r.rule_id: (r.legal_basis, r.pay_pct) for r in load_tables().discounts}


def discount_note(quote: QuoteView) -> str | None:
    if not quote.discounted:
        return None
    known = _discount_rules()
    parts: dict[str, None] = {}
    for rule_id in quote.rule_ids:
        if rule_id in known:
            basis, pct = known[rule_id]
            parts[f"{basis} (dibayar {pct}%)"] = None
        else:
            parts[labels.discount_basis(rule_id)] = None
    return labels.DISCOUNT_NOTE.format(basis=", ".join(parts))


def _month_span(first: str, last: str) -> str:
    if first == last:
        return month_label(first)
    a, b = month_label(first), month_label(last)
    if a[-4:] == b[-4:]:
        return f"{a[:-5]} – {b}"
    return f"{a} – {b}"


def group_months(lines: tuple[QuoteMonth, ...]) -> list[tuple[QuoteMonth, QuoteMonth, int]]:
    """Consecutive months with the same amounts and rules: (first, last, count)."""
    groups: list[list[QuoteMonth]] = []
    for line in lines:
        prev = groups[-1][-1] if groups else None
        same = prev is not None and (prev.jkk, prev.jkm, prev.jht, prev.rule_ids) == (
            line.jkk,
            line.jkm,
            line.jht,
            line.rule_ids,
        )
        if same:
            groups[-1].append(line)
        else:
            groups.append([line])
    return [(g[0], g[-1], len(g)) for g in groups]


QUOTE_COLUMNS = (
    Column(labels.QUOTE_COLUMNS[0], 1.9),
    Column(labels.QUOTE_COLUMNS[1], 0.55, "right"),
    Column(labels.QUOTE_COLUMNS[2], 1.0, "right"),
    Column(labels.QUOTE_COLUMNS[3], 1.0, "right"),
    Column(labels.QUOTE_COLUMNS[4], 1.0, "right"),
    Column(labels.QUOTE_COLUMNS[5], 1.15, "right"),
    Column(labels.QUOTE_COLUMNS[6], 1.2, "right"),
)


def quote_table(quote: QuoteView | None, *, blank_rows: int) -> Table:
    if quote is None:
        rows = [TableRow((None,) * 7) for _ in range(blank_rows)]
        rows.append(TableRow(("Total", None, None, None, None, None, None), bold=True, shaded=True))
        return Table(QUOTE_COLUMNS, tuple(rows), row_height=17.0)
    rows = []
    has_jht = any(line.jht for line in quote.lines)
    for i, (first, last, count) in enumerate(group_months(quote.lines)):
        mark = f" {labels.DISCOUNT_MARK}" if first.rule_ids else ""
        key = f"quote.groups[{i}]"
        rows.append(
            TableRow(
                (
                    _month_span(first.month, last.month) + mark,
                    str(count),
                    rupiah(first.jkk),
                    rupiah(first.jkm),
                    rupiah(first.jht) if has_jht else "–",
                    rupiah(first.total),
                    rupiah(first.total * count),
                ),
                (
                    f"{key}.months",
                    f"{key}.count",
                    f"{key}.jkk",
                    f"{key}.jkm",
                    f"{key}.jht",
                    f"{key}.monthly",
                    f"{key}.amount",
                ),
            )
        )
    total_label = labels.QUOTE_TOTAL.format(months=len(quote.lines))
    rows.append(
        TableRow(
            (total_label, None, None, None, None, None, rupiah(quote.total)),
            (None, None, None, None, None, None, "quote.total"),
            bold=True,
            shaded=True,
        )
    )
    return Table(QUOTE_COLUMNS, tuple(rows))


def _programme(data: FormData, fill: Fill) -> Section:
    quote = data.quote
    months = str(data.payment_period_months) if data.payment_period_months else None
    first_month = data.first_contribution_month
    blocks: list[Block] = [
        FieldRow(
            (
                ChoiceCell(
                    labels.F_PACKAGE, tuple(labels.PACKAGE.items()), data.package, 0.36, "package"
                ),
                ChoiceCell(
                    labels.F_PERIOD,
                    tuple((str(k), v) for k, v in labels.PERIOD.items()),
                    months,
                    0.40,
                    "payment_period_months",
                ),
                TextCell(
                    labels.F_FIRST_MONTH,
                    month_label(first_month) if first_month else None,
                    0.24,
                    "first_contribution_month",
                ),
            ),
            fill,
        ),
        FieldRow(
            (
                TextCell(labels.F_BASIS, _rupiah(quote.basis) if quote else None, 1.0, "basis"),
                TextCell(
                    labels.QUOTE_FIRST,
                    _rupiah(quote.monthly_first) if quote else None,
                    1.0,
                    "monthly_first",
                ),
                TextCell(
                    labels.QUOTE_TOTAL.format(months=len(quote.lines)) if quote else "Total iuran",
                    _rupiah(quote.total) if quote else None,
                    1.0,
                    "total",
                    bold=True,
                ),
            ),
            fill,
        ),
        Spacer(4.0),
        quote_table(quote, blank_rows=3 if data.blank else 2),
    ]
    notes: list[Paragraph] = []
    if quote is not None and (note := discount_note(quote)):
        notes.append(Paragraph(note, size=6.8, space_after=0.0))
    if quote is not None and quote.uncertain:
        notes.append(Paragraph(f"{labels.ESTIMATE}.", size=7.0, bold=True, space_after=0.0))
    if notes:
        blocks.append(Spacer(2.5))
        blocks.extend(notes)
    note = labels.ESTIMATE if quote is not None and quote.uncertain else None
    return Section(labels.SEC_PROGRAM, tuple(blocks), note=note)


def _funding(data: FormData, fill: Fill) -> Section:
    jht = labels.FUNDING.get(data.jht_funding_source or "", data.jht_funding_source)
    return Section(
        labels.SEC_FUNDING,
        (
            FieldRow(
                (
                    ChoiceCell(
                        labels.F_FUNDING,
                        tuple(labels.FUNDING.items()),
                        data.funding_source,
                        1.0,
                        "funding_source",
                    ),
                ),
                fill,
            ),
            FieldRow(
                (
                    TextCell(labels.F_FUNDING_REF, data.funding_ref, 0.64, "funding_ref", False),
                    TextCell(labels.F_JHT_FUNDING, jht, 0.36, "jht_funding_source", False),
                ),
                fill,
            ),
        ),
    )


HEIR_COLUMNS = (
    Column(labels.HEIR_COLUMNS[0], 0.32, "center"),
    Column(labels.HEIR_COLUMNS[1], 2.5),
    Column(labels.HEIR_COLUMNS[2], 1.25),
    Column(labels.HEIR_COLUMNS[3], 1.25),
    Column(labels.HEIR_COLUMNS[4], 1.55),
)


def _heirs(data: FormData) -> Section:
    rows: list[TableRow] = []
    for i, heir in enumerate(data.heirs):
        relation = labels.RELATIONSHIP.get(heir.relationship or "", heir.relationship)
        key = f"heirs[{i}]"
        rows.append(
            TableRow(
                (str(heir.order), heir.name, relation, heir.mobile, heir.nik),
                (
                    f"{key}.order",
                    f"{key}.name",
                    f"{key}.relationship",
                    f"{key}.mobile",
                    f"{key}.nik",
                ),
            )
        )
    minimum = 4 if data.blank else 3
    while len(rows) < minimum:
        rows.append(TableRow((str(len(rows) + 1), None, None, None, None)))
    return Section(
        labels.SEC_HEIRS,
        (
            Table(HEIR_COLUMNS, tuple(rows), row_height=18.0 if data.blank else 16.0),
            Spacer(2.5),
            Paragraph(labels.HEIR_RELATIONSHIP_HINT, size=6.5, space_after=0.0),
        ),
    )


def page_one_sections(data: FormData) -> list[Block]:
    fill = Fill(blank=data.blank)
    return [
        _meta_row(data, fill),
        Spacer(6.0),
        _identity(data, fill),
        _address(data, fill),
        _work(data, fill),
        _programme(data, fill),
        _funding(data, fill),
        _heirs(data),
    ]


# ------------------------------------------------------------------------------------------------
# G consent, H signatures
# ------------------------------------------------------------------------------------------------


def consent_section(data: FormData) -> Block:
    fill = Fill(blank=data.blank)
    if data.notice_version:
        notice = labels.CONSENT_NOTICE.format(version=data.notice_version)
    else:
        notice = labels.CONSENT_NOTICE_NO_VERSION
    optional = [p for key, p in PURPOSES.items() if key != REQUIRED_PURPOSE]
    blocks: list[Block] = [
        Spacer(3.0),
        Paragraph(notice, size=7.6, space_after=4.0),
        Paragraph(
            f"{PURPOSES[REQUIRED_PURPOSE]} {labels.CONSENT_REQUIRED_SUFFIX}",
            box=True,
            key="consent.required",
        ),
        *(
            Paragraph(f"{text} {labels.CONSENT_OPTIONAL_SUFFIX}", box=True, key="consent.optional")
            for text in optional
        ),
        Paragraph(labels.CONSENT_READ_ALOUD, box=True, key="consent.read_aloud", space_after=4.0),
        FieldRow(
            (
                TextCell(labels.CONSENT_WITNESS, None, 0.4, "consent.witness", False),
                TextCell(labels.CONSENT_GUARDIAN, None, 0.6, "consent.guardian", False),
            ),
            fill,
        ),
        Spacer(3.0),
        Paragraph(labels.CONSENT_TRUTH, size=7.8, bold=True, space_after=0.0),
    ]
    return Section(labels.SEC_CONSENT, tuple(blocks), note=_notice_note(data))


def _notice_note(data: FormData) -> str | None:
    if not data.notice_version:
        return None
    return f"{labels.CONSENT_NOTICE_VERSION} {data.notice_version}"


SIGN_H = 74.0
NAME_H = 22.0


@dataclass(frozen=True, slots=True)
class SignatureBlock:
    data: FormData

    def height(self, width: float) -> float:  # noqa: ARG002
        return 24.0 + 6.0 + 12.0 + SIGN_H + NAME_H

    def draw(self, canvas: Canvas, *, x: float, top: float, width: float, sink: Sink) -> None:
        data = self.data
        fill = Fill(blank=data.blank)
        place_date = None
        if data.registration_place or data.registration_date:
            parts = [
                data.registration_place or "________",
                date_long(data.registration_date) if data.registration_date else "________",
            ]
            place_date = ", ".join(parts)
        FieldRow(
            (TextCell(labels.F_SIGN_PLACE_DATE, place_date, 1.0, "sign.place_date"),), fill
        ).draw(canvas, x=x, top=top, width=width, sink=sink)
        gap = 14.0
        col_w = (width - gap) / 2
        y = top - 24.0 - 6.0
        people = (
            (labels.SIGN_PARTICIPANT, data.full_name, "sign.participant"),
            (labels.SIGN_AGENT, data.agent_name, "sign.agent"),
        )
        for i, (title, name, key) in enumerate(people):
            cx = x + i * (col_w + gap)
            canvas.setFont(FONT_BOLD, 8.2)
            set_fill(canvas, INK)
            canvas.drawString(cx, y - 8.5, title)
            box_top = y - 12.0
            thumb = SIGN_H
            sign = Rect(cx, box_top - SIGN_H, col_w - thumb - 4, SIGN_H)
            thumb_rect = Rect(cx + col_w - thumb, box_top - SIGN_H, thumb, SIGN_H)
            for rect, caption in ((sign, labels.SIGN_BOX), (thumb_rect, labels.THUMB_BOX)):
                set_stroke(canvas, RULE)
                canvas.setLineWidth(LINE_W)
                canvas.rect(rect.x, rect.y, rect.w, rect.h, stroke=1, fill=0)
                set_fill(canvas, MUTED)
                canvas.setFont(FONT, CAPTION_SIZE)
                canvas.drawString(rect.x + PAD, rect.top - 8.0, caption)
            sink.add(f"{key}.signature", sign, None)
            sink.add(f"{key}.thumb", thumb_rect, None)
            FieldRow((TextCell(labels.SIGN_NAME, name, 1.0, f"{key}.name"),), fill, NAME_H).draw(
                canvas, x=cx, top=box_top - SIGN_H, width=col_w, sink=sink
            )


def signature_section(data: FormData) -> Block:
    return Section(labels.SEC_SIGNATURES, (SignatureBlock(data),))


def office_section(data: FormData) -> Block:
    """Left empty for the branch office that receives and checks the paper."""
    results = tuple(labels.OFFICE_RESULT.items())
    if data.blank:  # no QR to compare
        results = tuple((k, v) for k, v in results if k != "QR_BEDA")
    fill = Fill(blank=True)
    return Section(
        labels.SEC_OFFICE,
        (
            FieldRow(
                (
                    TextCell(labels.F_OFFICE_RECEIVED, None, 0.8, "office.received"),
                    TextCell(labels.F_OFFICE_CHECKED_BY, None, 1.1, "office.checked_by"),
                    ChoiceCell(labels.F_OFFICE_RESULT, results, None, 1.7, "office.result"),
                    TextCell(labels.F_OFFICE_INITIALS, None, 0.6, "office.initials"),
                ),
                fill,
            ),
        ),
        gap=0.0,
    )


# ------------------------------------------------------------------------------------------------
# Page furniture
# ------------------------------------------------------------------------------------------------


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


__all__ = [
    "HEADER_H",
    "consent_section",
    "continuation_header",
    "discount_note",
    "footer",
    "group_months",
    "header_block",
    "page_one_sections",
    "quote_table",
    "office_section",
    "signature_section",
    "watermark",
]
