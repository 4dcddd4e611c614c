"""Date arithmetic of the law: calendar months (R1) and periods of days (R6)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole calendar months, clamped to the month's last day.

    R1: expiry 30 April minus two months is 28 February (29 in a leap year).
    """
    month_index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def period_end(start: date, days: int) -> date:
    """Last valid day of a period of ``days`` days that starts on ``start`` (R6).

    The period runs from the day after the act and includes its last day, so a 30-day
    attestation issued on 1 March is valid up to and including 31 March.
    """
    return start + timedelta(days=days)


def age_on(birth_date: date, day: date) -> int:
    """Completed years on ``day``.

    Someone born on 29 February completes a year on 1 March in a common year (they have
    not yet lived the full year on 28 February).
    """
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years
