"""R9: every period lives in one table, and a decision uses the version in force on its date."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from app.domain.periods import AR_2018_11_12, PERIODS, NoLawInForce, periods_on

#: A hypothetical later royal decree (e.g. the transposition of Directive 2024/1233) that
#: lengthens the period kept after losing one's work authorisation. Added, not rewritten.
RECAST = dataclasses.replace(
    AR_2018_11_12,
    applies_from=date(2026, 5, 21),
    source="hypothetical AR transposing Directive 2024/1233",
    work_loss_days=180,
)
TABLE = (AR_2018_11_12, RECAST)


def test_r9_ar_2018_holds_the_periods_of_the_seed():
    """R1-R5 as read in the AR of 12.11.2018 (art. 33 §1-§5, 105/2, 105/3, Law 61/25-2)."""
    assert AR_2018_11_12.renewal_notice_months == 2
    assert AR_2018_11_12.suspension_age == 75
    assert (AR_2018_11_12.annex49_renewal_days, AR_2018_11_12.annex49_renewal_extensions) == (
        30,
        2,
    )
    assert (AR_2018_11_12.annex50_days, AR_2018_11_12.annex50_extensions) == (30, 3)
    assert AR_2018_11_12.work_loss_days == 90
    assert (
        AR_2018_11_12.annex49_first_registration_days,
        AR_2018_11_12.annex49_first_registration_extensions,
    ) == (45, 2)
    assert AR_2018_11_12.decision_months == 4


def test_r9_the_shipped_table_starts_with_the_ar_2018_in_force_on_3_january_2019():
    assert PERIODS[0] is AR_2018_11_12
    assert AR_2018_11_12.applies_from == date(2019, 1, 3)
    assert periods_on(date(2019, 1, 3)) is AR_2018_11_12


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2019, 1, 3), AR_2018_11_12),
        (date(2026, 5, 20), AR_2018_11_12),  # the day before the new row applies
        (date(2026, 5, 21), RECAST),  # from its applies_from on
        (date(2030, 1, 1), RECAST),
    ],
)
def test_r9_periods_on_picks_the_version_in_force_on_the_day(day, expected):
    assert periods_on(day, TABLE) is expected


def test_r9_order_of_rows_in_the_table_does_not_matter():
    assert periods_on(date(2027, 1, 1), (RECAST, AR_2018_11_12)) is RECAST
    assert periods_on(date(2025, 1, 1), (RECAST, AR_2018_11_12)) is AR_2018_11_12


@pytest.mark.parametrize("table", [PERIODS, TABLE])
def test_r9_before_the_first_row_no_law_is_in_force(table):
    with pytest.raises(NoLawInForce, match="2019-01-03"):
        periods_on(date(2019, 1, 2), table)
