"""Dates typed as input: YYYY-MM-DD only; week and ordinal dates are refused with a sentence."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.dates import InvalidDate, parse_day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-03-02", date(2026, 3, 2)),
        ("2028-02-29", date(2028, 2, 29)),  # leap day
        ("2026-12-31", date(2026, 12, 31)),
    ],
)
def test_calendar_dates_are_read(text, day):
    assert parse_day(text) == day


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2026-W10-1", "ISO week dates are not accepted"),  # 2 March 2026 for fromisoformat
        ("2026W101", "ISO week dates are not accepted"),
        ("2026-W10", "ISO week dates are not accepted"),
        ("2026-061", "ordinal dates"),
        ("2026061", "ordinal dates"),
        ("20260302", "with hyphens"),
        ("02/03/2026", "write it like 2026-03-02"),
        ("２０２６-03-02", "write it like 2026-03-02"),  # full-width digits
        (" 2026-03-02", "write it like 2026-03-02"),
        ("2026-3-2", "write it like 2026-03-02"),
        ("2026-03-02T00:00", "write it like 2026-03-02"),
    ],
)
def test_other_forms_are_refused_with_what_to_write(text, words):
    with pytest.raises(InvalidDate) as refused:
        parse_day(text)
    assert "is not a date written YYYY-MM-DD" in str(refused.value)
    assert words in str(refused.value)
    assert refused.value.hint


@pytest.mark.parametrize("text", ["2026-02-29", "2027-02-29", "2026-04-31", "2026-13-01"])
def test_impossible_days_are_refused(text):
    with pytest.raises(InvalidDate, match="does not exist in the calendar") as refused:
        parse_day(text)
    assert refused.value.hint == ""


def test_a_non_text_value_is_refused():
    with pytest.raises(InvalidDate):
        parse_day(20260302)  # type: ignore[arg-type]
