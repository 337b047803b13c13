"""What a printed form shows: a frozen, display-ready snapshot of one prospect.

:meth:`FormData.from_payload` takes a prospect payload (the field names of
``sync.protocol.ProspectPayload``, as a wire dict or ``model_dump()``), resolves region names and
occupation labels through ``models.rules`` and keeps every value as text or a code the renderer
prints as it is. Missing values stay ``None`` (the form prints an empty box marked for
handwriting, never "None"); blank strings count as missing.

``printed_count`` is how many times this record was printed *before* this copy: 0 for the first
print, n ≥ 1 prints "CETAK ULANG ke-n" (UI.md's "(2x)" list mark is ``printed_count + 1``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from core.errors import JangkauError
from models.rules import occupations as occupation_rules
from models.rules.regions import regions
from printing import qr


@dataclass(frozen=True, slots=True)
class OccupationLine:
    code: str
    label: str
    detail: str | None = None

    @property
    def text(self) -> str:
        return f"{self.label} – {self.detail}" if self.detail else self.label


@dataclass(frozen=True, slots=True)
class HeirLine:
    order: int
    name: str | None
    relationship: str | None
    mobile: str | None = None
    nik: str | None = None


@dataclass(frozen=True, slots=True)
class QuoteMonth:
    month: str
    jkk: int
    jkm: int
    jht: int
    rule_ids: tuple[str, ...]
    total: int


@dataclass(frozen=True, slots=True)
class QuoteView:
    """The contribution quote as printed: a ``models.rules.contribution.Quote`` or the frozen
    ``QuoteSnapshot`` stored with the registration (object or dict), read the same way."""

    basis: int
    lines: tuple[QuoteMonth, ...]
    total: int
    monthly_first: int
    uncertain: bool
    package: str | None = None
    sector: str | None = None

    @property
    def discounted(self) -> bool:
        return any(line.rule_ids for line in self.lines)

    @property
    def rule_ids(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for line in self.lines:
            seen.update(dict.fromkeys(line.rule_ids))
        return tuple(seen)

    @classmethod
    def of(cls, source: Any) -> QuoteView | None:
        """Read a Quote, a QuoteSnapshot or its dict; ``None`` for nothing or a quote without
        lines (an invalid income)."""
        if source is None:
            return None
        get = _getter(source)
        raw_lines = get("lines") or ()
        lines = tuple(_quote_month(line) for line in raw_lines)
        if not lines:
            return None
        return cls(
            basis=int(get("basis") or 0),
            lines=lines,
            total=int(get("total") or 0),
            monthly_first=int(get("monthly_first") or lines[0].total),
            uncertain=bool(get("uncertain")),
            # a stored QuoteSnapshot has no package: JHT amounts tell which one it was
            package=get("package") or ("JKK_JKM_JHT" if any(m.jht for m in lines) else "JKK_JKM"),
            sector=get("sector"),
        )


def _getter(source: Any) -> Callable[[str], Any]:
    """Read fields of a dict or of an object (dataclass, pydantic model) alike."""
    if isinstance(source, Mapping):
        return source.get

    def get(key: str) -> Any:
        return getattr(source, key, None)

    return get


def _quote_month(line: Any) -> QuoteMonth:
    get = _getter(line)
    return QuoteMonth(
        month=str(get("month")),
        jkk=int(get("jkk") or 0),
        jkm=int(get("jkm") or 0),
        jht=int(get("jht") or 0),
        rule_ids=tuple(get("rule_ids") or ()),
        total=int(get("total") or 0),
    )


@dataclass(frozen=True, slots=True)
class FormData:
    """Everything one printed enrollment form shows. Build with :meth:`from_payload` (pre-filled)
    or :meth:`blank` (for handwriting)."""

    branch_name: str | None
    agent_name: str | None
    printed_on: date | None
    notice_version: str | None = None
    blank: bool = False
    record_id: uuid.UUID | None = None
    revision: int | None = None
    content_hash: str | None = None
    printed_count: int = 0
    # identity
    nik: str | None = None
    full_name: str | None = None
    birth_place: str | None = None
    birth_date: date | None = None
    sex: str | None = None
    mother_maiden_name: str | None = None
    mobile: str | None = None
    no_mobile: bool = False
    email: str | None = None
    kk_number: str | None = None
    already_pu: str | None = None
    # address
    address_line: str | None = None
    rt: str | None = None
    rw: str | None = None
    village: str | None = None
    district: str | None = None
    regency: str | None = None
    province: str | None = None
    # work and income
    occupation_1: OccupationLine | None = None
    occupation_2: OccupationLine | None = None
    work_location: str | None = None
    working_hours: str | None = None
    declared_income: int | None = None
    # programme and contribution
    package: str | None = None
    payment_period_months: int | None = None
    first_contribution_month: str | None = None
    funding_source: str | None = None
    funding_ref: str | None = None
    jht_funding_source: str | None = None
    quote: QuoteView | None = None
    # heirs, registration
    heirs: tuple[HeirLine, ...] = field(default=())
    registration_date: date | None = None
    registration_place: str | None = None
    paper_form_number: str | None = None

    @property
    def is_reprint(self) -> bool:
        return self.printed_count > 0

    @property
    def qr_text(self) -> str | None:
        if self.blank or self.record_id is None or self.revision is None:
            return None
        if not self.content_hash:
            return None
        return qr.encode(qr.QrPayload(self.record_id, self.revision, self.content_hash))

    @classmethod
    def blank_form(
        cls, *, branch_name: str | None, notice_version: str | None, printed_on: date | None = None
    ) -> FormData:
        return cls(
            branch_name=branch_name,
            agent_name=None,
            printed_on=printed_on,
            notice_version=notice_version,
            blank=True,
        )

    @classmethod
    def from_payload(
        cls,
        payload: Mapping[str, Any],
        *,
        record_id: uuid.UUID,
        revision: int,
        content_hash: str,
        agent_name: str | None,
        branch_name: str | None,
        printed_count: int,
        quote: Any | None,
        notice_version: str | None,
        printed_on: date,
    ) -> FormData:
        """``quote`` is a ``models.rules.contribution.Quote``; without one the payload's frozen
        ``quote`` snapshot is printed, and without that the table is left for handwriting.

        A restricted record (UU PDP restriction, DOMAIN.md §8) is never printed: this raises
        ``JangkauError("print-restricted")`` even if a caller forgot to filter it out."""
        if payload.get("restricted"):
            raise JangkauError("print-restricted", params={"record_id": str(record_id)})
        p = _Reader(payload)
        index = regions()
        village = p.region(index, "village_code") or p.text("village_name_free")
        return cls(
            branch_name=_clean(branch_name) or p.text("branch_code"),
            agent_name=_clean(agent_name),
            printed_on=printed_on,
            notice_version=_clean(notice_version),
            record_id=record_id,
            revision=revision,
            content_hash=qr.content_hash_of(content_hash),
            printed_count=max(0, int(printed_count)),
            nik=p.text("nik"),
            full_name=p.text("full_name"),
            birth_place=p.text("birth_place"),
            birth_date=p.date("birth_date"),
            sex=p.text("sex"),
            mother_maiden_name=p.text("mother_maiden_name"),
            mobile=format_mobile(p.text("mobile")),
            no_mobile=bool(payload.get("no_mobile")),
            email=p.text("email"),
            kk_number=p.text("kk_number"),
            already_pu=p.text("already_pu"),
            address_line=p.text("address_line"),
            rt=p.text("rt"),
            rw=p.text("rw"),
            village=village,
            district=p.region(index, "district_code"),
            regency=p.region(index, "regency_code"),
            province=p.region(index, "province_code"),
            occupation_1=_occupation(p.text("occupation_1"), p.text("occupation_1_detail")),
            occupation_2=_occupation(p.text("occupation_2"), p.text("occupation_2_detail")),
            work_location=p.text("work_location"),
            working_hours=p.text("working_hours"),
            declared_income=p.integer("declared_income"),
            package=p.text("package"),
            payment_period_months=p.integer("payment_period_months"),
            first_contribution_month=p.text("first_contribution_month"),
            funding_source=p.text("funding_source"),
            funding_ref=p.text("funding_ref"),
            jht_funding_source=p.text("jht_funding_source"),
            quote=QuoteView.of(quote) or QuoteView.of(payload.get("quote")),
            heirs=_heirs(payload.get("heirs") or ()),
            registration_date=p.date("registration_date"),
            registration_place=p.text("registration_place"),
            paper_form_number=p.text("paper_form_number"),
        )


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


class _Reader:
    def __init__(self, payload: Mapping[str, Any]) -> None:
        self._payload = payload

    def text(self, key: str) -> str | None:
        return _clean(self._payload.get(key))

    def integer(self, key: str) -> int | None:
        value = self._payload.get(key)
        if isinstance(value, bool) or value is None:
            return None
        try:
            return int(value)
        except (TypeError, ValueError):
            return None

    def date(self, key: str) -> date | None:
        value = self._payload.get(key)
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value)) if value else None
        except ValueError:
            return None

    def region(self, index: Any, key: str) -> str | None:
        code = self.text(key)
        if code is None:
            return None
        return index.name(code) or code


def _occupation(code: str | None, detail: str | None) -> OccupationLine | None:
    if code is None:
        return OccupationLine(code="", label=detail, detail=None) if detail else None
    known = occupation_rules.occupation(code)
    return OccupationLine(code=code, label=known.label_id if known else code, detail=detail)


def _heirs(raw: Sequence[Any]) -> tuple[HeirLine, ...]:
    out: list[HeirLine] = []
    for position, heir in enumerate(raw, start=1):
        get = _getter(heir)
        order = get("order")
        out.append(
            HeirLine(
                order=int(order) if isinstance(order, int) and order > 0 else position,
                name=_clean(get("name")),
                relationship=_clean(get("relationship")),
                mobile=format_mobile(_clean(get("mobile"))),
                nik=_clean(get("nik")),
            )
        )
    out.sort(key=lambda h: h.order)
    return tuple(out)


def format_mobile(value: str | None) -> str | None:
    """``+6281200000001`` → ``0812-0000-0001`` (the form people know); anything else as is."""
    if not value:
        return None
    if value.startswith("+628") and value[1:].isdigit():
        local = "0" + value[3:]
        return "-".join((local[:4], local[4:8], local[8:])) if len(local) > 8 else local
    return value
