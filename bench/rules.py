"""Speed of the pure domain rules the editor runs on the GUI thread while the agent types."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

TODAY = date(2026, 9, 1)
PAYLOAD = {
    "branch_code": "PEKALONGAN",
    "nik": "3375011505909901",
    "full_name": "PESERTA CONTOH",
    "birth_place": "Pekalongan",
    "birth_date": "1990-05-15",
    "sex": "L",
    "mother_maiden_name": "IBU CONTOH",
    "mobile": "+6281200000001",
    "address_line": "Jl. Contoh 1",
    "province_code": "33",
    "regency_code": "33.75",
    "district_code": "33.75.01",
    "village_code": "33.75.01.1002",
    "occupation_1": "PDG_PKL",
    "declared_income": 2_800_000,
    "package": "JKK_JKM_JHT",
    "payment_period_months": 12,
    "first_contribution_month": "2026-09",
    "funding_source": "MANDIRI",
    "signature_participant": "SCREEN",
    "signature_agent": "SCREEN",
    "area_code": "33.75.01.1002",
}


def _per_call_us(fn: Callable[[], object], repeat: int) -> float:
    fn()
    started = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - started) / repeat * 1e6


def main() -> None:
    started = time.perf_counter()
    from models.rules.contribution import load_tables, quote
    from models.rules.regions import regions
    from models.rules.validation import check_field, check_prospect

    print(f"rules_import: {(time.perf_counter() - started) * 1000:.0f} ms (pydantic included)")
    started = time.perf_counter()
    regions()
    load_tables()
    print(f"rules_data_load: {(time.perf_counter() - started) * 1000:.0f} ms (target < 300 ms)")
    index = regions()
    for name, fn, repeat, target in [
        ("check_field_nik", lambda: check_field("nik", PAYLOAD, today=TODAY), 5000, "< 1000 µs"),
        (
            "check_field_mobile",
            lambda: check_field("mobile", PAYLOAD, today=TODAY),
            5000,
            "< 1000 µs",
        ),
        (
            "check_field_income",
            lambda: check_field("declared_income", PAYLOAD, today=TODAY),
            2000,
            "< 1000 µs",
        ),
        ("check_prospect", lambda: check_prospect(PAYLOAD, today=TODAY), 2000, "< 5000 µs"),
        (
            "quote_12_months",
            lambda: quote(
                declared_income=2_800_000,
                package="JKK_JKM_JHT",
                first_month="2026-09",
                months=12,
                sector="NON_TRANSPORTASI",
            ),
            5000,
            "< 1000 µs",
        ),
        ("search_villages", lambda: index.search_villages("Krasakageng"), 200, "< 20000 µs"),
    ]:
        print(f"{name}: {_per_call_us(fn, repeat):.0f} µs per call (target {target})")
