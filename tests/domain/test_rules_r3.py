"""R3 (art. 105/3 §1-2): annex 50 when every document is there, annex 41 when some are not."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.assess import Facts, assess
from app.domain.calendar import add_months
from app.domain.model import Annex, Case, RenewalStatus
from app.domain.rules import cover_gap, decision_due_on, longest_cover

EXPIRY = date(2027, 6, 15)  # R1: due from 15 April 2027
TODAY = date(2027, 5, 10)

COMPLETE = Facts(today=TODAY, case=Case.UNLIMITED_RENEWAL, permit_expiry=EXPIRY)


def r3(**changes):
    return assess(dataclasses.replace(COMPLETE, **changes))


def codes(assessment):
    return [finding.code for finding in assessment.findings]


@pytest.mark.parametrize("today", [date(2027, 4, 15), TODAY, EXPIRY])
def test_r3_all_documents_give_annex50_for_30_days_extendable_three_times(today):
    assessment = r3(today=today)
    grant = assessment.grant
    assert grant is not None
    assert grant.annex is Annex.A50
    assert grant.valid_until == today + timedelta(days=30)
    assert (grant.max_extensions, grant.extension_days) == (3, 30)
    assert grant.variant == ""
    assert codes(assessment)[:4] == ["r1_due", "granted", "r3_transmit", "r3_decision_due"]
    assert {f.rule for f in assessment.findings[1:]} == {"R3"}
    assert assessment.rules == ("R1", "R3")


def test_r3_expired_permit_still_gets_annex50_with_a_late_filing_warning():
    """Art. 105/3 §1 asks no filing "conformément à l'art. 33 § 1er": unlike R2, a late
    filing is warned about, not refused."""
    today = EXPIRY + timedelta(days=1)
    assessment = r3(today=today)
    assert assessment.annex is Annex.A50
    assert assessment.valid_until == today + timedelta(days=30)
    assert assessment.renewal is RenewalStatus.EXPIRED
    assert codes(assessment)[:4] == ["r1_expired", "r3_filed_late", "granted", "r3_transmit"]


def test_r3_missing_documents_give_annex41_naming_them_without_validity():
    missing = ("passport", "photo")
    assessment = r3(missing_documents=missing)
    grant = assessment.grant
    assert grant is not None
    assert grant.annex is Annex.A41
    assert grant.valid_until is None
    assert (grant.max_extensions, grant.extension_days) == (0, None)
    assert codes(assessment) == ["r1_due", "r3_missing", "r3_copy_41"]
    assert assessment.findings[1].params == {"missing": missing}


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_r3_annex41_explanation_says_the_copy_goes_to_the_office_without_delay(language):
    text = r3(missing_documents=("photo",)).explanation(language)
    words = {"fr": "sans délai", "nl": "onverwijld", "de": "unverzüglich", "en": "without delay"}
    assert words[language] in text
    assert "105/3" in text


@pytest.mark.parametrize(
    "today",
    [
        date(2027, 4, 14),  # the day before R1's due date
        date(2027, 3, 15),  # three months before expiry
        date(2026, 6, 15),  # a year before
    ],
)
def test_r3_a_complete_file_presented_before_it_is_due_gets_annex50(today):
    """Art. 105/3 §1 sets no earliest date; R1's status stays "not yet due"."""
    assessment = r3(today=today)
    assert assessment.annex is Annex.A50
    assert assessment.renewal is RenewalStatus.NOT_YET_DUE
    assert codes(assessment)[:3] == ["r1_not_yet_due", "r3_filed_early", "granted"]
    assert assessment.findings[1].params == {"due_from": date(2027, 4, 15)}


def test_r3_an_incomplete_file_presented_before_it_is_due_gets_annex41():
    assessment = r3(today=date(2027, 3, 15), missing_documents=("photo",))
    assert assessment.annex is Annex.A41
    assert codes(assessment) == ["r1_not_yet_due", "r3_filed_early", "r3_missing", "r3_copy_41"]


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"decision_taken": True}, "decision_taken"),
        ({"decision_taken": True, "missing_documents": ("photo",)}, "decision_taken"),
        ({"decision_taken": True, "today": date(2027, 1, 1)}, "decision_taken"),
    ],
)
def test_r3_no_annex_once_decided(changes, code):
    assessment = r3(**changes)
    assert assessment.grant is None
    assert assessment.findings[-1].rule == "R3"
    assert assessment.findings[-1].code == code


def test_r3_a_suspended_renewal_can_still_be_filed():
    """R1's suspension lifts the obligation to come, not the right to file."""
    assessment = r3(hospitalised=True)
    assert assessment.renewal is RenewalStatus.SUSPENDED
    assert assessment.annex is Annex.A50


# -- the decision period (Law art. 61/25-5 §2) against annex 50's cover -----------------


@pytest.mark.parametrize(
    ("filed_on", "decision_due", "cover_end", "gap"),
    [
        (date(2027, 3, 1), date(2027, 7, 1), date(2027, 6, 29), 2),  # Mar-Jun: 122 days
        (date(2027, 7, 1), date(2027, 11, 1), date(2027, 10, 29), 3),  # Jul-Oct: 123 days
        (date(2026, 11, 1), date(2027, 3, 1), date(2027, 3, 1), 0),  # Nov-Feb: 120 days
        (date(2027, 11, 1), date(2028, 3, 1), date(2028, 2, 29), 1),  # leap February
        (date(2026, 10, 31), date(2027, 2, 28), date(2027, 2, 28), 0),  # clamped to 28 Feb
        (date(2027, 10, 31), date(2028, 2, 29), date(2028, 2, 28), 1),  # clamped to 29 Feb
        (date(2026, 11, 30), date(2027, 3, 30), date(2027, 3, 30), 0),
        (date(2026, 11, 23), date(2027, 3, 23), date(2027, 3, 23), 0),  # the tests' today
        (date(2026, 12, 31), date(2027, 4, 30), date(2027, 4, 30), 0),  # clamped, 120 days
        (date(2028, 2, 29), date(2028, 6, 29), date(2028, 6, 28), 1),  # filed on a leap day
    ],
)
def test_r3_decision_due_four_months_after_filing_and_the_cover_gap(
    filed_on, decision_due, cover_end, gap
):
    assert decision_due_on(filed_on) == decision_due
    assert longest_cover(filed_on, 30, 3) == cover_end
    assert cover_gap(filed_on, 30, 3, decision_due) == gap
    assessment = r3(today=filed_on, permit_expiry=filed_on + timedelta(days=30))
    found = {f.code: dict(f.params) for f in assessment.findings}
    assert found["r3_decision_due"] == {"decision_due": decision_due}
    if gap:
        assert found["r3_cover_gap"] == {
            "cover_end": cover_end,
            "decision_due": decision_due,
            "days": gap,
        }
    else:
        assert "r3_cover_gap" not in found


def test_r3_the_cover_gap_is_said_in_the_decision():
    assessment = r3(today=date(2027, 3, 1), permit_expiry=date(2027, 4, 1))
    text = assessment.explanation("fr")
    assert "29 juin 2027" in text and "2 jours avant" in text and "1er juillet 2027" in text
    assert "1 Tag vor" in r3(today=date(2027, 11, 1), permit_expiry=date(2027, 12, 1)).explanation(
        "de"
    )


@given(filed_on=st.dates(min_value=date(2019, 1, 3), max_value=date(2060, 12, 31)))
def test_r3_120_days_of_cover_fall_at_most_3_days_short_of_four_months(filed_on):
    due = decision_due_on(filed_on)
    assert due == add_months(filed_on, 4)
    gap = cover_gap(filed_on, 30, 3, due)
    assert 0 <= gap <= 3
    assert gap == max(0, (due - filed_on).days - 120)


def test_r3_an_extended_decision_period_widens_the_gap():
    """Art. 105/3 §3: the Office may extend the four months; the date it sets is used."""
    assert cover_gap(date(2027, 3, 1), 30, 3, date(2027, 9, 1)) == 64


@pytest.mark.parametrize(
    ("today", "birth_date", "status"),
    [
        (date(2027, 3, 15), date(1950, 1, 1), RenewalStatus.NOT_YET_DUE),  # 77, filed early
        (date(2027, 4, 15), date(1952, 4, 15), RenewalStatus.SUSPENDED),  # 75 on the due day
        (date(2027, 4, 15), date(1952, 4, 16), RenewalStatus.DUE),  # 75 the day after
        (date(2027, 4, 14), date(1952, 4, 14), RenewalStatus.NOT_YET_DUE),  # 75, not yet due
    ],
)
def test_r3_early_filing_and_the_75th_birthday(today, birth_date, status):
    """Art. 33 §2, 3° suspends the obligation once the renewal is due; it never stops a
    complete file from getting annex 50, early (art. 105/3 §1) or not."""
    assessment = r3(today=today, birth_date=birth_date)
    assert assessment.renewal is status
    assert assessment.annex is Annex.A50
