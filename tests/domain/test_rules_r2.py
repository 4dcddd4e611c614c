"""R2 (art. 33 §5): annex 49 for a limited permit whose renewal is pending at the region."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.assess import Facts, assess
from app.domain.model import Annex, Case, RenewalStatus

EXPIRY = date(2027, 6, 15)  # R1: due from 15 April 2027
FILED_IN_TIME = date(2027, 5, 3)

#: A renewal filed in time, attested by the region, undecided, on the permit's expiry day.
PENDING = Facts(
    today=EXPIRY,
    case=Case.LIMITED_RENEWAL,
    permit_expiry=EXPIRY,
    renewal_filed_on=FILED_IN_TIME,
    regional_attestation=True,
)


def r2(**changes):
    return assess(dataclasses.replace(PENDING, **changes))


def codes(assessment):
    return [finding.code for finding in assessment.findings]


@pytest.mark.parametrize(
    ("today", "annex"),
    [
        (EXPIRY - timedelta(days=1), None),  # a decision may still come
        (EXPIRY, Annex.A49),  # from the expiry date, inclusive
        (EXPIRY + timedelta(days=1), Annex.A49),
        (date(2027, 9, 1), Annex.A49),
    ],
)
def test_r2_annex49_only_from_the_permit_expiry_on(today, annex):
    assert r2(today=today).annex == annex


def test_r2_before_expiry_names_the_expiry_date():
    assessment = r2(today=EXPIRY - timedelta(days=1))
    assert assessment.grant is None
    assert assessment.findings[-1].rule == "R2"
    assert assessment.findings[-1].code == "r2_before_expiry"
    assert assessment.findings[-1].params == {"expiry": EXPIRY}


@pytest.mark.parametrize("today", [EXPIRY, date(2027, 7, 2)])
def test_r2_annex49_is_valid_30_days_from_today_and_extendable_twice_by_30(today):
    """R2 with R6: valid_until = today + 30 days; 2 extensions of 30 days."""
    assessment = r2(today=today)
    grant = assessment.grant
    assert grant is not None
    assert grant.annex is Annex.A49
    assert grant.valid_until == today + timedelta(days=30)
    assert (grant.max_extensions, grant.extension_days) == (2, 30)
    assert grant.variant == "renewal"
    assert (assessment.valid_until, assessment.max_extensions, assessment.extension_days) == (
        today + timedelta(days=30),
        2,
        30,
    )


def test_r2_granted_finding_carries_the_grant():
    assessment = r2()
    assert codes(assessment) == ["r1_due", "granted"]
    assert assessment.findings[-1].rule == "R2"
    assert assessment.findings[-1].params == {
        "annex": "49",
        "valid_until": date(2027, 7, 15),
        "days": 30,
        "extensions": 2,
    }
    assert assessment.rules == ("R1", "R2")
    assert assessment.renewal is RenewalStatus.DUE
    assert assessment.renewal_due_from == date(2027, 4, 15)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"regional_attestation": False}, "r2_no_attestation"),
        ({"renewal_filed_on": None}, "r2_not_filed"),
        ({"decision_taken": True}, "decision_taken"),
        # A decision or a missing filing wins over the expiry test and the attestation.
        ({"decision_taken": True, "today": EXPIRY - timedelta(days=1)}, "decision_taken"),
        ({"renewal_filed_on": None, "regional_attestation": False}, "r2_not_filed"),
    ],
)
def test_r2_no_annex49_and_the_clerk_is_told_why(changes, code):
    assessment = r2(**changes)
    assert assessment.grant is None
    assert assessment.annex is None
    assert assessment.valid_until is None
    assert assessment.max_extensions == 0
    assert assessment.findings[-1].rule == "R2"
    assert assessment.findings[-1].code == code


@pytest.mark.parametrize(
    ("filed_on", "warning"),
    [
        (date(2027, 4, 14), "r2_filed_early"),  # the day before R1's due date
        (date(2027, 4, 15), None),  # R1's first due day
        (EXPIRY, None),  # the expiry day is still in time
    ],
)
def test_r2_warns_when_the_renewal_was_filed_before_it_was_due(filed_on, warning):
    assessment = r2(today=EXPIRY + timedelta(days=1), renewal_filed_on=filed_on)
    assert assessment.annex is Annex.A49  # a warning, not a refusal
    warnings = [f for f in assessment.findings if f.code == "r2_filed_early"]
    if warning is None:
        assert warnings == []
    else:
        assert [(f.rule, f.code, dict(f.params)) for f in warnings] == [
            ("R2", warning, {"filed_on": filed_on})
        ]
        assert codes(assessment).index(warning) < codes(assessment).index("granted")


@pytest.mark.parametrize(
    ("expiry", "filed_on"),
    [
        (EXPIRY, EXPIRY + timedelta(days=1)),  # the day after expiry
        (EXPIRY, date(2027, 9, 1)),
        (date(2027, 2, 28), date(2027, 3, 1)),  # month end, common year
        (date(2028, 2, 28), date(2028, 2, 29)),  # leap day: the day after expiry
        (date(2028, 2, 29), date(2028, 3, 1)),
        (date(2026, 12, 31), date(2027, 1, 1)),  # year end
    ],
)
def test_r2_no_annex49_on_a_renewal_filed_after_the_permit_expired(expiry, filed_on):
    """Art. 33 §5: annex 49 only on a renewal filed "conformément au paragraphe 1er,
    alinéa 2"; one filed after expiry is refused, with what applies instead."""
    assessment = r2(
        today=filed_on + timedelta(days=2), permit_expiry=expiry, renewal_filed_on=filed_on
    )
    assert assessment.grant is None
    assert codes(assessment) == ["r1_expired", "r2_filed_late"]
    assert assessment.findings[-1].params == {"filed_on": filed_on, "expiry": expiry}
    text = assessment.explanation("fr")
    assert "Pas d'annexe 49" in text and "aucun autre document provisoire" in text
    assert "annexe 46 ou 47" in text and "annexe 48" in text


@pytest.mark.parametrize("expiry", [date(2027, 2, 28), date(2028, 2, 29), date(2026, 12, 31)])
def test_r2_a_renewal_filed_on_the_expiry_day_is_in_time(expiry):
    assessment = r2(today=expiry, permit_expiry=expiry, renewal_filed_on=expiry)
    assert assessment.annex is Annex.A49
    assert "r2_filed_late" not in codes(assessment)


def test_r2_late_filing_is_refused_even_with_the_regional_attestation_missing():
    assessment = r2(
        today=date(2027, 7, 1), renewal_filed_on=date(2027, 6, 20), regional_attestation=False
    )
    assert codes(assessment) == ["r1_expired", "r2_filed_late"]


def test_r2_a_decision_is_notified_whatever_the_filing_date():
    assessment = r2(today=date(2027, 7, 1), renewal_filed_on=date(2027, 6, 20), decision_taken=True)
    assert codes(assessment) == ["r1_expired", "decision_taken"]


@given(
    expiry=st.dates(min_value=date(2019, 6, 1), max_value=date(2060, 12, 31)),
    offset=st.integers(min_value=-90, max_value=90),
)
def test_r2_annex49_is_granted_exactly_from_the_expiry_day(expiry, offset):
    today = expiry + timedelta(days=offset)
    assessment = r2(today=today, permit_expiry=expiry, renewal_filed_on=min(today, expiry))
    assert (assessment.annex is Annex.A49) is (today >= expiry)
    if assessment.grant is not None:
        assert assessment.valid_until - today == timedelta(days=30)


@given(
    expiry=st.dates(min_value=date(2019, 6, 1), max_value=date(2060, 12, 31)),
    filed_offset=st.integers(min_value=-90, max_value=90),
)
def test_r2_annex49_iff_filed_by_the_expiry_day(expiry, filed_offset):
    filed_on = expiry + timedelta(days=filed_offset)
    today = max(expiry, filed_on)
    assessment = r2(today=today, permit_expiry=expiry, renewal_filed_on=filed_on)
    assert (assessment.annex is Annex.A49) is (filed_on <= expiry)
