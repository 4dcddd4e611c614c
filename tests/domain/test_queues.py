"""The work queues' renewal rule (R1): the date ranges the store filters by agree with the
rule on one permit, on month ends and leap years, and a cover takes a permit off."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain.calendar import age_on
from app.domain.periods import periods_on
from app.domain.queues import (
    Queue,
    RenewalBounds,
    last_birth_date_aged,
    last_expiry_due_by,
    renewal_bounds,
    renewal_queue,
)
from app.domain.rules import renewal_due_from

PERIODS = periods_on(date(2026, 11, 23))


def by_bounds(expiry: date, bounds: RenewalBounds, suspended: bool) -> Queue | None:
    """What the store's SQL does with the bounds (app.store.worklist)."""
    if bounds.today <= expiry <= bounds.due_until:
        return Queue.SUSPENDED if suspended else Queue.DUE
    if bounds.due_until < expiry <= bounds.soon_until:
        return Queue.SOON
    if bounds.expired_from <= expiry < bounds.today:
        return Queue.SUSPENDED if suspended else Queue.EXPIRED
    return None


DAYS = [date(2027, 12, 20) + timedelta(days=n) for n in range(0, 800, 3)] + [
    date(2028, 2, 28),
    date(2028, 2, 29),
    date(2027, 2, 28),
    date(2027, 3, 1),
    date(2026, 12, 31),
    date(2027, 4, 30),
]


@pytest.mark.parametrize("soon_days", [0, 30, 60])
@pytest.mark.parametrize("suspended", [False, True])
def test_the_bounds_agree_with_the_rule_on_one_permit(soon_days: int, suspended: bool) -> None:
    for today in DAYS[::7]:
        bounds = renewal_bounds(today, PERIODS, soon_days)
        for offset in range(-370, 140):
            expiry = today + timedelta(days=offset)
            rule = renewal_queue(
                expiry, today, PERIODS, soon_days, "aged_75" if suspended else None, False
            )
            assert by_bounds(expiry, bounds, suspended) == rule, (today, expiry)


def test_the_last_expiry_due_takes_the_month_end_clamp() -> None:
    # 28 Feb 2027 is the due date of expiries 28, 29 and 30 April 2027.
    assert last_expiry_due_by(date(2027, 2, 28), PERIODS) == date(2027, 4, 30)
    assert last_expiry_due_by(date(2028, 2, 28), PERIODS) == date(2028, 4, 28)
    assert last_expiry_due_by(date(2028, 2, 29), PERIODS) == date(2028, 4, 30)
    for today in DAYS:
        last = last_expiry_due_by(today, PERIODS)
        assert renewal_due_from(last, PERIODS) <= today
        assert renewal_due_from(last + timedelta(days=1), PERIODS) > today


def test_the_age_bound_follows_birthdays_on_29_february() -> None:
    # Born 29 Feb 1952: 75 on 1 March 2027 (a common year), not on 28 February.
    assert last_birth_date_aged(date(2027, 2, 28), 75) == date(1952, 2, 28)
    assert last_birth_date_aged(date(2027, 3, 1), 75) == date(1952, 3, 1)
    for today in DAYS:
        born = last_birth_date_aged(today, 75)
        assert age_on(born, today) >= 75
        assert age_on(born + timedelta(days=1), today) < 75


def test_due_on_expiry_day_and_expired_the_day_after() -> None:
    today = date(2026, 11, 23)
    assert renewal_queue(today, today, PERIODS, 30, None, False) is Queue.DUE
    yesterday = today - timedelta(days=1)
    assert renewal_queue(yesterday, today, PERIODS, 30, None, False) is Queue.EXPIRED


def test_a_covered_renewal_is_on_no_queue() -> None:
    today = date(2026, 11, 23)
    for offset in (-10, 0, 30, 70):
        expiry = today + timedelta(days=offset)
        assert renewal_queue(expiry, today, PERIODS, 30, None, True) is None
        assert renewal_queue(expiry, today, PERIODS, 30, "hospitalised", True) is None


def test_a_suspension_does_not_hold_before_the_renewal_is_due() -> None:
    today = date(2026, 11, 23)
    soon = today + timedelta(days=70)
    assert renewal_queue(soon, today, PERIODS, 30, "aged_75", False) is Queue.SOON


def test_an_old_expiry_leaves_the_expired_queue() -> None:
    today = date(2026, 11, 23)
    assert renewal_queue(today - timedelta(days=365), today, PERIODS, 30, None, False) is (
        Queue.EXPIRED
    )
    assert renewal_queue(today - timedelta(days=366), today, PERIODS, 30, None, False) is None
