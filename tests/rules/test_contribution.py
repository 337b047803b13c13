"""Contribution quotes (§2.2): worked examples C1–C14, table loading, and properties."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.rules.contribution import (
    add_months,
    load_tables,
    month_range,
    parse_discounts,
    quote,
    round_half_up_div,
)
from models.rules.datafiles import ReferenceDataError, read_csv
from models.rules.funding import FUNDING_SOURCES

N, T = "NON_TRANSPORTASI", "TRANSPORTASI"
A, B = "JKK_JKM", "JKK_JKM_JHT"

# id, income, package, first month, months, sector, funding, basis, total, uncertain, codes
EXAMPLES = [
    ("C1", 1_000_000, A, "2026-02", 1, N, "MANDIRI", 1_000_000, 16_800, False, []),
    (
        "C2",
        750_000,
        A,
        "2026-02",
        1,
        N,
        "MANDIRI",
        1_000_000,
        16_800,
        False,
        ["W_INCOME_BELOW_MIN"],
    ),
    ("C3", 2_800_000, B, "2026-02", 1, N, "MANDIRI", 2_950_000, 95_300, True, []),
    ("C4", 2_800_000, B, "2026-05", 1, N, "MANDIRI", 2_950_000, 77_150, True, []),
    ("C5a", 1_000_000, A, "2026-04", 1, N, "MANDIRI", 1_000_000, 8_400, False, []),
    ("C5b", 1_000_000, B, "2026-04", 1, N, "MANDIRI", 1_000_000, 28_400, False, []),
    ("C6a", 1_500_000, A, "2026-01", 1, T, "MANDIRI", 1_600_000, 11_400, True, []),
    ("C6b", 1_500_000, A, "2026-01", 1, N, "MANDIRI", 1_600_000, 22_800, True, []),
    ("C7", 1_000_000, A, "2026-06", 1, N, "APBD_KABKOTA", 1_000_000, 16_800, False, []),
    ("C8", 1_000_000, A, "2026-01", 6, N, "MANDIRI", 1_000_000, 75_600, False, []),
    ("C9a", 1_000_000, A, "2026-10", 12, T, "MANDIRI", 1_000_000, 151_200, False, []),
    ("C9b", 1_000_000, A, "2026-10", 12, N, "MANDIRI", 1_000_000, 176_400, False, []),
    ("C10", 4_000_000, B, "2026-11", 3, N, "MANDIRI", 3_950_000, 329_600, True, []),
    ("C11a", 1_099_999, A, "2027-01", 1, N, "MANDIRI", 1_000_000, 16_800, False, []),
    ("C11b", 1_100_000, A, "2027-01", 1, N, "MANDIRI", 1_200_000, 18_800, True, []),
    ("C12", 18_500_000, A, "2027-01", 1, N, "MANDIRI", 18_200_000, 188_800, True, []),
    ("C13", 25_000_000, B, "2027-01", 1, N, "MANDIRI", 20_700_000, 627_800, True, []),
    ("C14", 1_000_000, A, "2020-09", 1, N, "MANDIRI", 1_000_000, 168, True, []),
]


@pytest.mark.parametrize(
    (
        "cid",
        "income",
        "package",
        "first",
        "months",
        "sector",
        "funding",
        "basis",
        "total",
        "unc",
        "codes",
    ),
    EXAMPLES,
    ids=[e[0] for e in EXAMPLES],
)
def test_worked_examples(
    cid, income, package, first, months, sector, funding, basis, total, unc, codes
):
    q = quote(
        declared_income=income,
        package=package,
        first_month=first,
        months=months,
        sector=sector,
        funding_source=funding,
    )
    assert (q.basis, q.total) == (basis, total), cid
    assert [i.code for i in q.issues] == codes
    assert len(q.lines) == months
    assert q.total == sum(line.total for line in q.lines)
    if cid != "C14":  # the historical PP 49/2020 rules are uncertain data
        assert q.uncertain is unc, cid


def test_line_detail_c8_c10() -> None:
    c8 = quote(declared_income=1_000_000, package=A, first_month="2026-01", months=6, sector=N)
    assert [line.total for line in c8.lines] == [16_800] * 3 + [8_400] * 3
    assert c8.lines[3].rule_ids == ("PP50_2025_OTHER_JKK", "PP50_2025_OTHER_JKM")
    assert c8.lines[0].rule_ids == ()
    assert c8.monthly_first == 16_800 and c8.discounted
    c10 = quote(declared_income=4_000_000, package=B, first_month="2026-11", months=3, sector=N)
    assert [(ln.jkk, ln.jkm, ln.jht, ln.total) for ln in c10.lines] == [
        (19_750, 3_400, 79_000, 102_150),
        (19_750, 3_400, 79_000, 102_150),
        (39_500, 6_800, 79_000, 125_300),
    ]
    assert [ln.month for ln in c10.lines] == ["2026-11", "2026-12", "2027-01"]
    assert c10.bracket_row == 12 and c10.table_id == "PP44_2015_L2"


def test_c14_historical_rule() -> None:
    q = quote(declared_income=1_000_000, package=A, first_month="2020-09", months=1, sector=N)
    line = q.lines[0]
    assert (line.jkk, line.jkm, line.total) == (100, 68, 168)
    assert line.rule_ids == ("PP49_2020_JKK", "PP49_2020_JKM")
    assert q.uncertain  # PP 49/2020 rows are `uncertain`


def test_c2_warning_amount_and_refuse() -> None:
    warn = quote(declared_income=750_000, package=A, first_month="2026-02", months=1, sector=N)
    assert warn.issues[0].params["amount"] == 16_800
    assert warn.issues[0].field == "declared_income"
    refuse = quote(
        declared_income=750_000,
        package=A,
        first_month="2026-02",
        months=1,
        sector=N,
        below_minimum="refuse",
    )
    assert [i.code for i in refuse.issues] == ["E_INCOME_BELOW_MIN"]


@pytest.mark.parametrize("bad", [-1, 1.5, "1000000", True, None])
def test_invalid_income(bad) -> None:
    q = quote(declared_income=bad, package=A, first_month="2026-02", months=1, sector=N)
    assert [i.code for i in q.issues] == ["E_INCOME_INVALID"]
    assert not q.ok and q.lines == () and q.total == 0
    with pytest.raises(ValueError):
        q.to_snapshot()


@pytest.mark.parametrize(
    "kwargs",
    [
        {"package": "JHT"},
        {"sector": "ALL"},
        {"first_month": "2026-13"},
        {"months": 0},
        {"months": 25},
        {"funding_source": "NOPE"},
    ],
)
def test_programming_errors_raise(kwargs) -> None:
    args = {"declared_income": 1, "package": A, "first_month": "2026-02", "months": 1, "sector": N}
    with pytest.raises(ValueError):
        quote(**(args | kwargs))


def test_every_excluded_funding_source_pays_full_in_discount_month() -> None:
    for code, source in FUNDING_SOURCES.items():
        q = quote(
            declared_income=1_000_000,
            package=A,
            first_month="2026-06",
            months=1,
            sector=N,
            funding_source=code,
        )
        assert q.total == (8_400 if source.discount_allowed else 16_800), code


def test_sector_uncertain_flag_marks_quote() -> None:
    q = quote(
        declared_income=1_000_000,
        package=A,
        first_month="2026-02",
        months=1,
        sector=T,
        sector_uncertain=True,
    )
    assert q.uncertain


def test_snapshot_matches_quote() -> None:
    q = quote(declared_income=4_000_000, package=B, first_month="2026-11", months=3, sector=N)
    snap = q.to_snapshot()
    assert (snap.table_id, snap.bracket_row, snap.basis, snap.total) == (
        "PP44_2015_L2",
        12,
        3_950_000,
        329_600,
    )
    assert snap.lines[0].rule_ids == ["PP50_2025_OTHER_JKK", "PP50_2025_OTHER_JKM"]
    assert snap.monthly_first == 102_150 and snap.uncertain
    assert snap.wire()["lines"][2] == {
        "month": "2027-01",
        "jkk": 39_500,
        "jkm": 6_800,
        "jht": 79_000,
        "rule_ids": [],
        "total": 125_300,
    }


def test_tables_loaded_from_csv() -> None:
    tables = load_tables()
    assert len(tables.brackets) == 33
    assert tables.minimum_basis == 1_000_000
    assert tables.bracket_for(20_200_000).row == 33
    assert tables.bracket_for(20_199_999).row == 32
    assert tables.bracket_for(0).row == 1
    assert {r.program for r in tables.rates} == {"JKK", "JKM", "JHT"}
    assert len(tables.discounts) == 6


def _discount_rows() -> list[dict[str, str]]:
    return read_csv(
        "contribution_discounts.csv",
        columns=("rule_id", "program", "sector", "month_from", "month_to", "pay_pct"),
    )


def test_overlapping_discounts_are_a_load_error() -> None:
    rows = _discount_rows()
    assert len(parse_discounts(rows)) == len(rows)
    overlapping = rows + [dict(rows[0], rule_id="EXTRA", sector="ALL", month_from="2027-03")]
    with pytest.raises(ReferenceDataError):
        parse_discounts(overlapping)
    same_id = rows + [dict(rows[0], month_from="2030-01", month_to="2030-02")]
    with pytest.raises(ReferenceDataError):
        parse_discounts(same_id)
    other_program = rows + [dict(rows[0], rule_id="EXTRA", program="JHT")]
    with pytest.raises(ReferenceDataError):
        parse_discounts(other_program)
    # adjacent, not overlapping: fine
    after = rows + [dict(rows[0], rule_id="LATER", month_from="2027-04", month_to="2027-06")]
    assert len(parse_discounts(after)) == len(rows) + 1


def test_discount_exclusions_agree_with_funding_table() -> None:
    for rule in load_tables().discounts:
        if rule.rule_id.startswith("PP50"):
            blocked = {c for c, f in FUNDING_SOURCES.items() if not f.discount_allowed}
            assert rule.excluded_funding == blocked, rule.rule_id


def test_month_helpers_and_rounding() -> None:
    assert add_months("2026-11", 3) == "2027-02"
    assert add_months("2026-01", -1) == "2025-12"
    assert month_range("2026-10", 4) == ["2026-10", "2026-11", "2026-12", "2027-01"]
    assert month_range("2026-10", 0) == []
    assert [round_half_up_div(n, 2) for n in (1, 3, 5, 4)] == [1, 2, 3, 2]
    assert round_half_up_div(14_750 * 50, 100) == 7_375
    assert round_half_up_div(6_801 * 50, 100) == 3_401  # 3400.5 → 3401


def test_tables_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        load_tables().table_id = "X"  # type: ignore[misc]


incomes = st.integers(min_value=0, max_value=40_000_000)
months_st = st.sampled_from(["2020-08", "2025-12", "2026-01", "2026-04", "2026-12", "2027-03"])


@settings(max_examples=200, deadline=None)
@given(
    income=incomes,
    extra=st.integers(min_value=0, max_value=5_000_000),
    package=st.sampled_from([A, B]),
    first=months_st,
    months=st.sampled_from([1, 3, 6, 12]),
    sector=st.sampled_from([N, T]),
    funding=st.sampled_from(sorted(FUNDING_SOURCES)),
)
def test_total_is_sum_and_monotone_in_income(
    income, extra, package, first, months, sector, funding
):
    args = dict(
        package=package, first_month=first, months=months, sector=sector, funding_source=funding
    )
    low = quote(declared_income=income, **args)
    high = quote(declared_income=income + extra, **args)
    for q in (low, high):
        assert q.total == sum(line.total for line in q.lines)
        assert all(line.total == line.jkk + line.jkm + line.jht for line in q.lines)
        assert q.monthly_first == q.lines[0].total
        assert all(line.jht == 0 for line in q.lines) == (package == A)
    assert high.basis >= low.basis
    assert high.total >= low.total
    assert all(h.total >= lo.total for h, lo in zip(high.lines, low.lines, strict=True))
