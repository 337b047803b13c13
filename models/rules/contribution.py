"""Contribution quotes (DOMAIN.md §2.2): income → bracket basis → monthly JKK, JKM, JHT with
PP 50/2025-style discounts, in integer rupiah, table-driven from the shipped CSVs.

Steps: (1) income must be an integer ≥ 0; below the minimum basis it is lifted with a warning
(or refused by config). (2) The row is the largest ``income_from`` ≤ income (``income_to`` is
never matched: the table has gaps). (3) JKK/JHT are basis points of the basis, JKM is flat.
(4) A discount rule applies to JKK or JKM by program, sector (or ``ALL``), month and funding
source; amount = round_half_up(amount × pay_pct / 100); JHT is never discounted. (5) The total
sums the months. (6) The quote is frozen with the registration (:meth:`Quote.to_snapshot`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from core.errors import Issue
from models.rules.datafiles import ReferenceDataError, read_csv
from models.rules.funding import FUNDING_SOURCES
from models.rules.months import add_months, is_month, month_range
from sync.protocol import QuoteLine as WireQuoteLine
from sync.protocol import QuoteSnapshot

__all__ = [
    "Bracket",
    "ContributionTables",
    "DiscountRule",
    "Quote",
    "QuoteLine",
    "Rate",
    "add_months",
    "load_tables",
    "month_range",
    "quote",
    "round_half_up_div",
]

Package = Literal["JKK_JKM", "JKK_JKM_JHT"]
PACKAGES: tuple[str, ...] = ("JKK_JKM", "JKK_JKM_JHT")
SECTORS: tuple[str, ...] = ("TRANSPORTASI", "NON_TRANSPORTASI")
PROGRAMS: tuple[str, ...] = ("JKK", "JKM", "JHT")
DISCOUNTABLE: tuple[str, ...] = ("JKK", "JKM")
MAX_MONTHS = 24
INCOME_FIELD = "declared_income"
_STATUSES = ("confirmed", "uncertain", "inferred")


def round_half_up_div(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded half up, in integers (both ≥ 0, denominator > 0)."""
    return (2 * numerator + denominator) // (2 * denominator)


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bracket:
    table_id: str
    row: int
    income_from: int
    income_to: int | None
    basis: int
    status: str


@dataclass(frozen=True, slots=True)
class Rate:
    program: str
    method: Literal["bp_of_basis", "flat_idr"]
    value: int
    valid_from: str | None
    valid_to: str | None
    status: str

    def applies(self, month: str) -> bool:
        return (self.valid_from is None or self.valid_from <= month) and (
            self.valid_to is None or month <= self.valid_to
        )

    def amount(self, basis: int) -> int:
        if self.method == "flat_idr":
            return self.value
        return round_half_up_div(basis * self.value, 10_000)


@dataclass(frozen=True, slots=True)
class DiscountRule:
    rule_id: str
    legal_basis: str
    program: str
    sector: str  # TRANSPORTASI, NON_TRANSPORTASI or ALL
    month_from: str
    month_to: str
    pay_pct: int
    excluded_funding: frozenset[str]
    status: str

    def applies(self, program: str, sector: str, month: str, funding_source: str) -> bool:
        return (
            self.program == program
            and self.sector in (sector, "ALL")
            and self.month_from <= month <= self.month_to
            and funding_source not in self.excluded_funding
        )

    def overlaps(self, other: DiscountRule) -> bool:
        sectors_meet = "ALL" in (self.sector, other.sector) or self.sector == other.sector
        return (
            self.program == other.program
            and sectors_meet
            and self.month_from <= other.month_to
            and other.month_from <= self.month_to
        )


@dataclass(frozen=True, slots=True)
class ContributionTables:
    table_id: str
    brackets: tuple[Bracket, ...]
    rates: tuple[Rate, ...]
    discounts: tuple[DiscountRule, ...]
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(b.income_from for b in self.brackets))

    @property
    def minimum_basis(self) -> int:
        return self.brackets[0].basis

    def bracket_for(self, income: int) -> Bracket:
        """The row with the largest ``income_from`` ≤ income."""
        return self.brackets[max(bisect_right(self._starts, income) - 1, 0)]

    def rate(self, program: str, month: str) -> Rate:
        for rate in self.rates:
            if rate.program == program and rate.applies(month):
                return rate
        raise ReferenceDataError(
            params={"program": program, "month": month}, detail="no contribution rate for month"
        )

    def discount(
        self, program: str, sector: str, month: str, funding_source: str
    ) -> DiscountRule | None:
        for rule in self.discounts:
            if rule.applies(program, sector, month, funding_source):
                return rule
        return None


def _int(value: str, *, where: str) -> int:
    try:
        return int(value)
    except ValueError as exc:
        raise ReferenceDataError(params={"where": where, "value": value}) from exc


def _month_or_none(value: str, *, where: str) -> str | None:
    if not value:
        return None
    if not is_month(value):
        raise ReferenceDataError(params={"where": where, "value": value}, detail="not YYYY-MM")
    return value


def _status(value: str, *, where: str) -> str:
    if value not in _STATUSES:
        raise ReferenceDataError(params={"where": where, "value": value}, detail="bad status")
    return value


def _load_brackets() -> tuple[Bracket, ...]:
    rows = read_csv(
        "contribution_brackets.csv",
        columns=("table_id", "row", "income_from", "income_to", "basis", "status"),
    )
    brackets = tuple(
        Bracket(
            table_id=r["table_id"],
            row=_int(r["row"], where=f"brackets row {i}"),
            income_from=_int(r["income_from"], where=f"brackets row {i}"),
            income_to=_int(r["income_to"], where=f"brackets row {i}") if r["income_to"] else None,
            basis=_int(r["basis"], where=f"brackets row {i}"),
            status=_status(r["status"], where=f"brackets row {i}"),
        )
        for i, r in enumerate(rows, 2)
    )
    if not brackets or len({b.table_id for b in brackets}) != 1:
        raise ReferenceDataError(detail="contribution_brackets.csv must hold exactly one table")
    if brackets[0].income_from != 0:
        raise ReferenceDataError(detail="the first bracket must start at income 0")
    for before, after in zip(brackets, brackets[1:], strict=False):
        if after.row != before.row + 1 or after.income_from <= before.income_from:
            raise ReferenceDataError(
                params={"row": after.row}, detail="bracket rows must be consecutive and ascending"
            )
    return brackets


def _load_rates() -> tuple[Rate, ...]:
    rows = read_csv(
        "contribution_rates.csv",
        columns=("program", "method", "value", "valid_from", "valid_to", "status"),
    )
    rates: list[Rate] = []
    for i, r in enumerate(rows, 2):
        where = f"rates line {i}"
        if r["program"] not in PROGRAMS or r["method"] not in ("bp_of_basis", "flat_idr"):
            raise ReferenceDataError(params={"where": where}, detail="unknown program or method")
        rate = Rate(
            program=r["program"],
            method=r["method"],  # type: ignore[arg-type]
            value=_int(r["value"], where=where),
            valid_from=_month_or_none(r["valid_from"], where=where),
            valid_to=_month_or_none(r["valid_to"], where=where),
            status=_status(r["status"], where=where),
        )
        for other in rates:
            if other.program == rate.program and _ranges_meet(
                (rate.valid_from, rate.valid_to), (other.valid_from, other.valid_to)
            ):
                raise ReferenceDataError(params={"where": where}, detail="overlapping rates")
        rates.append(rate)
    missing = set(PROGRAMS) - {r.program for r in rates}
    if missing:
        raise ReferenceDataError(
            params={"missing": sorted(missing)}, detail="programs without rate"
        )
    return tuple(rates)


def _ranges_meet(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    a_from, a_to = a[0] or "0000-00", a[1] or "9999-99"
    b_from, b_to = b[0] or "0000-00", b[1] or "9999-99"
    return a_from <= b_to and b_from <= a_to


def parse_discounts(rows: Sequence[dict[str, str]]) -> tuple[DiscountRule, ...]:
    """Discount rules from CSV rows; overlapping rules are a load error (§2.1)."""
    rules: list[DiscountRule] = []
    for i, r in enumerate(rows, 2):
        where = f"discounts line {i}"
        excluded = frozenset(code for code in r["excluded_funding"].split("|") if code)
        unknown = excluded - set(FUNDING_SOURCES)
        if (
            r["program"] not in DISCOUNTABLE
            or r["sector"] not in (*SECTORS, "ALL")
            or unknown
            or not r["rule_id"]
        ):
            raise ReferenceDataError(params={"where": where}, detail="bad discount rule")
        month_from = _month_or_none(r["month_from"], where=where)
        month_to = _month_or_none(r["month_to"], where=where)
        pay_pct = _int(r["pay_pct"], where=where)
        if (
            month_from is None
            or month_to is None
            or month_from > month_to
            or not 0 <= pay_pct <= 100
        ):
            raise ReferenceDataError(params={"where": where}, detail="bad discount period or pct")
        rule = DiscountRule(
            rule_id=r["rule_id"],
            legal_basis=r.get("legal_basis", ""),
            program=r["program"],
            sector=r["sector"],
            month_from=month_from,
            month_to=month_to,
            pay_pct=pay_pct,
            excluded_funding=excluded,
            status=_status(r["status"], where=where),
        )
        for other in rules:
            if rule.rule_id == other.rule_id or rule.overlaps(other):
                raise ReferenceDataError(
                    params={"rule_id": rule.rule_id, "other": other.rule_id},
                    detail="overlapping discount rules",
                )
        rules.append(rule)
    return tuple(rules)


@lru_cache(maxsize=1)
def load_tables() -> ContributionTables:
    """The shipped tables, validated and cached."""
    brackets = _load_brackets()
    discounts = parse_discounts(
        read_csv(
            "contribution_discounts.csv",
            columns=(
                "rule_id",
                "legal_basis",
                "program",
                "sector",
                "month_from",
                "month_to",
                "pay_pct",
                "excluded_funding",
                "status",
            ),
        )
    )
    return ContributionTables(brackets[0].table_id, brackets, _load_rates(), discounts)


# --------------------------------------------------------------------------------------------
# Quote
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuoteLine:
    month: str
    jkk: int
    jkm: int
    jht: int
    rule_ids: tuple[str, ...]
    total: int


@dataclass(frozen=True, slots=True)
class Quote:
    table_id: str
    bracket_row: int  # 0 when the income is invalid
    basis: int
    sector: str
    lines: tuple[QuoteLine, ...]
    total: int
    monthly_first: int
    uncertain: bool
    issues: tuple[Issue, ...] = ()
    package: str = "JKK_JKM"

    @property
    def ok(self) -> bool:
        return bool(self.lines)

    @property
    def discounted(self) -> bool:
        return any(line.rule_ids for line in self.lines)

    def to_snapshot(self) -> QuoteSnapshot:
        """The frozen form stored with the registration (§2.2 step 6)."""
        if not self.lines:
            raise ValueError("an invalid quote has no snapshot")
        return QuoteSnapshot(
            table_id=self.table_id,
            bracket_row=self.bracket_row,
            basis=self.basis,
            sector=self.sector,  # type: ignore[arg-type]
            lines=[
                WireQuoteLine(
                    month=line.month,
                    jkk=line.jkk,
                    jkm=line.jkm,
                    jht=line.jht,
                    rule_ids=list(line.rule_ids),
                    total=line.total,
                )
                for line in self.lines
            ],
            total=self.total,
            monthly_first=self.monthly_first,
            uncertain=self.uncertain,
        )


def is_valid_income(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def quote(
    *,
    declared_income: int,
    package: str,
    first_month: str,
    months: int,
    sector: str,
    funding_source: str = "MANDIRI",
    tables: ContributionTables | None = None,
    below_minimum: Literal["warn", "refuse"] = "warn",
    sector_uncertain: bool = False,
) -> Quote:
    """Quote ``months`` months from ``first_month``. An invalid income gives a quote without
    lines and ``E_INCOME_INVALID``; invalid package, sector, month, period or funding code
    are programming errors (``ValueError``): ``validation.py`` checks them first."""
    tables = tables or load_tables()
    if package not in PACKAGES:
        raise ValueError(f"unknown package {package!r}")
    if sector not in SECTORS:
        raise ValueError(f"unknown sector {sector!r}")
    if not is_month(first_month):
        raise ValueError(f"first_month must be YYYY-MM, not {first_month!r}")
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= MAX_MONTHS:
        raise ValueError(f"months must be 1–{MAX_MONTHS}")
    if funding_source not in FUNDING_SOURCES:
        raise ValueError(f"unknown funding source {funding_source!r}")
    if not is_valid_income(declared_income):
        return Quote(
            table_id=tables.table_id,
            bracket_row=0,
            basis=0,
            sector=sector,
            lines=(),
            total=0,
            monthly_first=0,
            uncertain=False,
            issues=(Issue("E_INCOME_INVALID", INCOME_FIELD),),
            package=package,
        )
    bracket = tables.bracket_for(declared_income)
    uncertain = sector_uncertain or bracket.status != "confirmed"
    lines: list[QuoteLine] = []
    for month in month_range(first_month, months):
        line, line_uncertain = _line(tables, month, bracket.basis, package, sector, funding_source)
        lines.append(line)
        uncertain = uncertain or line_uncertain
    issues: list[Issue] = []
    if declared_income < tables.minimum_basis:
        code = "E_INCOME_BELOW_MIN" if below_minimum == "refuse" else "W_INCOME_BELOW_MIN"
        issues.append(
            Issue(
                code,
                INCOME_FIELD,
                {
                    "amount": lines[0].total,
                    "minimum": tables.minimum_basis,
                    "income": declared_income,
                },
            )
        )
    return Quote(
        table_id=tables.table_id,
        bracket_row=bracket.row,
        basis=bracket.basis,
        sector=sector,
        lines=tuple(lines),
        total=sum(line.total for line in lines),
        monthly_first=lines[0].total,
        uncertain=uncertain,
        issues=tuple(issues),
        package=package,
    )


def _line(
    tables: ContributionTables,
    month: str,
    basis: int,
    package: str,
    sector: str,
    funding_source: str,
) -> tuple[QuoteLine, bool]:
    amounts: dict[str, int] = {}
    rule_ids: list[str] = []
    uncertain = False
    for program in PROGRAMS:
        if program == "JHT" and package != "JKK_JKM_JHT":
            amounts[program] = 0
            continue
        rate = tables.rate(program, month)
        amount = rate.amount(basis)
        uncertain = uncertain or rate.status != "confirmed"
        if program in DISCOUNTABLE:
            rule = tables.discount(program, sector, month, funding_source)
            if rule is not None:
                amount = round_half_up_div(amount * rule.pay_pct, 100)
                rule_ids.append(rule.rule_id)
                uncertain = uncertain or rule.status != "confirmed"
        amounts[program] = amount
    total = amounts["JKK"] + amounts["JKM"] + amounts["JHT"]
    line = QuoteLine(month, amounts["JKK"], amounts["JKM"], amounts["JHT"], tuple(rule_ids), total)
    return line, uncertain
