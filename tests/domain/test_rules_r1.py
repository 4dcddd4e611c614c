"""R1 (art. 33 §1 al. 2, §2): when renewal is due, and when the obligation is suspended."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.model import RenewalStatus
from app.domain.periods import NoLawInForce, periods_on
from app.domain.rules import check_renewal, renewal_window

NOT_YET_DUE = RenewalStatus.NOT_YET_DUE
DUE = RenewalStatus.DUE
EXPIRED = RenewalStatus.EXPIRED
SUSPENDED = RenewalStatus.SUSPENDED

EXPIRY = date(2027, 6, 15)  # due from 15 April 2027


@pytest.mark.parametrize(
    ("expiry", "today", "expected"),
    [
        (EXPIRY, date(2027, 4, 14), NOT_YET_DUE),  # the day before the first due day
        (EXPIRY, date(2027, 4, 15), DUE),  # expiry - 2 months: first due day
        (EXPIRY, date(2027, 5, 20), DUE),
        (EXPIRY, date(2027, 6, 15), DUE),  # the expiry day is still due
        (EXPIRY, date(2027, 6, 16), EXPIRED),  # the day after expiry
        (EXPIRY, date(2029, 1, 1), EXPIRED),
        # Month-end clamping: 30 April -> 28 Feb (common year) or 29 Feb (leap year).
        (date(2027, 4, 30), date(2027, 2, 27), NOT_YET_DUE),
        (date(2027, 4, 30), date(2027, 2, 28), DUE),
        (date(2028, 4, 30), date(2028, 2, 28), NOT_YET_DUE),
        (date(2028, 4, 30), date(2028, 2, 29), DUE),
        # 31 January -> 30 November of the previous year.
        (date(2027, 1, 31), date(2026, 11, 29), NOT_YET_DUE),
        (date(2027, 1, 31), date(2026, 11, 30), DUE),
    ],
)
def test_r1_renewal_window_boundaries(expiry, today, expected):
    check = check_renewal(expiry, today)
    assert check.status is expected
    assert check.window is expected
    assert check.suspension is None
    assert check.finding.rule == "R1"
    assert check.finding.code == f"r1_{expected.value}"


@pytest.mark.parametrize(
    ("expiry", "due_from"),
    [
        (date(2027, 6, 15), date(2027, 4, 15)),
        (date(2027, 4, 30), date(2027, 2, 28)),
        (date(2028, 4, 30), date(2028, 2, 29)),
        (date(2027, 5, 31), date(2027, 3, 31)),
        (date(2027, 2, 1), date(2026, 12, 1)),
    ],
)
def test_r1_due_from_is_expiry_minus_two_calendar_months(expiry, due_from):
    check = check_renewal(expiry, date(2026, 1, 1))
    assert check.due_from == due_from
    assert check.finding.params == {"due_from": due_from, "expiry": expiry}


DUE_DAY = date(2027, 5, 1)  # inside the window of EXPIRY
BORN_75_ON_DUE_DAY = date(1952, 5, 1)


@pytest.mark.parametrize(
    ("holder", "reason"),
    [
        ({"hospitalised": True}, "hospitalised"),
        ({"detained": True}, "detained"),
        ({"birth_date": BORN_75_ON_DUE_DAY}, "aged_75"),  # the 75th birthday itself
        ({"birth_date": date(1940, 1, 1)}, "aged_75"),
        ({"birth_date": date(1952, 5, 2)}, None),  # 74, turns 75 tomorrow
        ({"birth_date": BORN_75_ON_DUE_DAY, "travelling": True}, None),  # must travel
        ({"birth_date": date(1990, 1, 1)}, None),
        # Travelling lifts the age suspension only, not hospital or detention.
        ({"hospitalised": True, "travelling": True}, "hospitalised"),
        ({"detained": True, "travelling": True}, "detained"),
        ({"birth_date": BORN_75_ON_DUE_DAY, "hospitalised": True}, "hospitalised"),
    ],
)
def test_r1_suspension_reasons_of_art_33_par_2(holder, reason):
    check = check_renewal(EXPIRY, DUE_DAY, **holder)
    assert check.suspension == reason
    assert check.window is DUE
    if reason is None:
        assert check.status is DUE
        assert check.finding.code == "r1_due"
    else:
        assert check.status is SUSPENDED
        assert check.finding.code == f"r1_suspended_{reason}"
        assert check.finding.params == {"due_from": date(2027, 4, 15), "expiry": EXPIRY}


def test_r1_an_expired_renewal_can_be_suspended_and_keeps_its_window():
    check = check_renewal(EXPIRY, date(2027, 7, 1), detained=True)
    assert (check.status, check.window, check.suspension) == (SUSPENDED, EXPIRED, "detained")


@pytest.mark.parametrize(
    "holder",
    [{"hospitalised": True}, {"detained": True}, {"birth_date": date(1930, 1, 1)}],
)
def test_r1_suspension_only_while_due_or_expired(holder):
    check = check_renewal(EXPIRY, date(2027, 4, 14), **holder)
    assert (check.status, check.window, check.suspension) == (NOT_YET_DUE, NOT_YET_DUE, None)
    assert check.finding.code == "r1_not_yet_due"


def test_r1_age_is_taken_on_the_day_considered_not_on_the_expiry():
    """Aged 74 at expiry would not matter: art. 33 §2, 3° looks at the day considered."""
    born = date(1952, 6, 20)  # 75 five days after EXPIRY
    assert check_renewal(EXPIRY, EXPIRY, birth_date=born).status is DUE
    assert check_renewal(EXPIRY, date(2027, 6, 20), birth_date=born).status is SUSPENDED


def test_r9_r1_before_the_first_known_law_raises():
    with pytest.raises(NoLawInForce):
        check_renewal(date(2019, 2, 1), date(2018, 12, 31))


@given(
    expiry=st.dates(min_value=date(2019, 6, 1), max_value=date(2060, 12, 31)),
    offset=st.integers(min_value=-120, max_value=120),
)
def test_r1_status_is_consistent_with_the_window(expiry, offset):
    today = expiry + timedelta(days=offset)
    check = check_renewal(expiry, today)
    assert check.due_from <= expiry
    assert 59 <= (expiry - check.due_from).days <= 62  # two calendar months
    if today < check.due_from:
        assert check.status is NOT_YET_DUE
    elif today <= expiry:
        assert check.status is DUE
    else:
        assert check.status is EXPIRED
    assert check.status is check.window
    assert renewal_window(expiry, today, periods_on(today)) == (check.window, check.due_from)
