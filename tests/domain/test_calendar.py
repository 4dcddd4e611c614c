"""R1 calendar months and R6 periods of days: ``app.domain.calendar``."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.calendar import add_months, age_on, period_end


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        # R1: expiry 30 April - 2 months is clamped to the end of February.
        (date(2027, 4, 30), -2, date(2027, 2, 28)),
        (date(2028, 4, 30), -2, date(2028, 2, 29)),
        (date(2027, 3, 31), -1, date(2027, 2, 28)),
        (date(2028, 3, 31), -1, date(2028, 2, 29)),
        (date(2027, 5, 31), -1, date(2027, 4, 30)),
        (date(2027, 4, 15), -2, date(2027, 2, 15)),
        # Crossing years, backwards and forwards.
        (date(2027, 1, 31), -2, date(2026, 11, 30)),
        (date(2027, 2, 15), -2, date(2026, 12, 15)),
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
        (date(2026, 12, 31), 1, date(2027, 1, 31)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        (date(2027, 1, 31), -13, date(2025, 12, 31)),
        (date(2027, 1, 31), 24, date(2029, 1, 31)),
        (date(2027, 6, 17), 0, date(2027, 6, 17)),
    ],
)
def test_r1_add_months_clamps_to_the_last_day_of_the_month(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # R6: issued 1 March, 30 days -> valid up to and including 31 March.
        (date(2027, 3, 1), 30, date(2027, 3, 31)),
        (date(2027, 1, 31), 30, date(2027, 3, 2)),
        (date(2028, 1, 31), 30, date(2028, 3, 1)),
        (date(2028, 2, 29), 30, date(2028, 3, 30)),
        (date(2027, 12, 15), 30, date(2028, 1, 14)),
        (date(2027, 3, 1), 45, date(2027, 4, 15)),
        (date(2028, 2, 1), 45, date(2028, 3, 17)),
        (date(2027, 3, 1), 90, date(2027, 5, 30)),
        (date(2027, 11, 15), 90, date(2028, 2, 13)),
    ],
)
def test_r6_period_end_counts_from_the_day_after_issue(start, days, expected):
    assert period_end(start, days) == expected


@given(
    st.dates(min_value=date(2019, 1, 3), max_value=date(2099, 12, 31)),
    st.integers(min_value=0, max_value=400),
)
def test_r6_period_end_is_exactly_n_days_after_the_start(start, days):
    assert period_end(start, days) - start == timedelta(days=days)


@given(
    st.dates(min_value=date(1900, 3, 1), max_value=date(2099, 10, 31)),
    st.integers(min_value=-240, max_value=240),
)
def test_r1_add_months_moves_whole_months_and_never_past_the_day_of_month(day, months):
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day <= day.day
    assert moved.day == day.day or (moved + timedelta(days=1)).day == 1  # clamped to month end


BORN = date(1952, 6, 15)


@pytest.mark.parametrize(
    ("birth_date", "day", "expected"),
    [
        (BORN, date(2027, 6, 14), 74),  # day before the 75th birthday
        (BORN, date(2027, 6, 15), 75),  # the birthday itself
        (BORN, date(2027, 6, 16), 75),
        (BORN, BORN, 0),
        # Born on 29 February: completes a year on 1 March in common years ...
        (date(1952, 2, 29), date(2027, 2, 28), 74),
        (date(1952, 2, 29), date(2027, 3, 1), 75),
        # ... and on 29 February itself in leap years.
        (date(1952, 2, 29), date(2028, 2, 28), 75),
        (date(1952, 2, 29), date(2028, 2, 29), 76),
        (date(2000, 12, 31), date(2001, 12, 30), 0),
        (date(2000, 12, 31), date(2001, 12, 31), 1),
    ],
)
def test_r1_age_on_counts_completed_years(birth_date, day, expected):
    assert age_on(birth_date, day) == expected
