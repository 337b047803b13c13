"""core.formatting writes id_ID patterns out by hand; Babel (the reference) must agree."""

from __future__ import annotations

from datetime import date

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal

from core import formatting


@pytest.mark.timeout(30)
@pytest.mark.parametrize("amount", [0, 7, 999, 1000, 16800, 1234567, 10**12, -8400, -1])
def test_thousands_and_rupiah_match_babel(amount):
    expected = format_decimal(amount, format="#,##0", locale="id_ID")
    assert formatting.thousands(amount) == expected
    digits = format_decimal(abs(amount), format="#,##0", locale="id_ID")
    assert formatting.rupiah(amount) == ("\u2212" if amount < 0 else "") + "Rp" + digits


@pytest.mark.timeout(30)
@pytest.mark.parametrize("month", range(1, 13))
def test_dates_match_babel(month):
    for day in (1, 9, 28):
        value = date(2026, month, day)
        assert formatting.date_medium(value) == format_date(value, "d MMM y", locale="id_ID")
        assert formatting.date_long(value) == format_date(value, "d MMMM y", locale="id_ID")
    first = date(2031, month, 1)
    assert formatting.month_label(f"2031-{month:02d}") == format_date(
        first, "MMM y", locale="id_ID"
    )


@pytest.mark.timeout(30)
def test_a_month_that_does_not_exist_is_refused():
    with pytest.raises(ValueError):
        formatting.month_label("2026-13")
