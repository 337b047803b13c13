"""models.base.UTCDateTime: the stored text and the aware datetime read back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from models.base import UTCDateTime, utc_text

_TYPE = UTCDateTime()


@pytest.mark.parametrize(
    "value",
    [
        datetime(2026, 11, 26, 12, 39, 0, 123456, tzinfo=UTC),
        datetime(2026, 1, 1, 0, 0, 0, 0, tzinfo=UTC),
        datetime(2025, 12, 31, 23, 59, 59, 999999, tzinfo=timezone(timedelta(hours=7))),
    ],
)
def test_a_stored_datetime_reads_back_equal_and_in_utc(value: datetime) -> None:
    text = _TYPE.process_bind_param(value, None)  # type: ignore[arg-type]
    assert text == utc_text(value) and len(text) == 27 and text.endswith("Z")
    back = _TYPE.process_result_value(text, None)  # type: ignore[arg-type]
    assert back == value
    assert back.tzinfo is UTC
    assert back == datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


@pytest.mark.parametrize(
    "text", ["2026-11-26T12:39:00Z", "2026-11-26", "garbage", "2026-13-01T00:00:00.000000Z"]
)
def test_text_not_in_the_stored_form_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        _TYPE.process_result_value(text, None)  # type: ignore[arg-type]


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError):
        _TYPE.process_bind_param(datetime(2026, 1, 1), None)  # type: ignore[arg-type]
