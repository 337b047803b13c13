"""The sections of the enrollment form: A–F (page one's data), G consent, H signatures and
I for the branch office.

Each function turns a :class:`FormData` into blocks (``form_blocks``); ``enrollment_form`` flows
them over the pages. Words come from ``labels`` and ``models.rules`` (consent purposes), amounts
and dates from ``core.formatting``; the title block and footer are in ``form_header``.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from core.formatting import date_long, date_short, month_label, rupiah
from models.rules.consent import PURPOSES, REQUIRED_PURPOSE
from printing import labels
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
from printing.form_data import FormData
from printing.layout import (
    CAPTION_SIZE,
    FONT,
    FONT_BOLD,
    INK,
    LINE_W,
    MUTED,
    RULE,
    Rect,
    set_fill,
    set_stroke,
)
from printing.quote_table import discount_note, quote_table

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
