"""The contribution breakdown as printed: consecutive months with the same amounts grouped
("Jan – Mar 2026", 3 × Rp16.800), discounted months marked with "*" and a note naming the legal
basis and the share still paid, both read from the discount table of ``models.rules``."""

from __future__ import annotations

from core.formatting import month_label, rupiah
from models.rules.contribution import load_tables
from printing import labels
from printing.form_blocks import Column, Table, TableRow
from printing.form_data import QuoteMonth, QuoteView


def _discount_rules() -> dict[str, tuple[str, int]]:
    # Not cached here: load_tables() is, and reference data from the server clears its cache.
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
