"""R3 (art. 105/3 §1-2): annex 50 when every document is there, annex 41 when some are not."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from app.domain.assess import Facts, assess
from app.domain.model import Annex, Case, RenewalStatus

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
    assert codes(assessment) == ["r1_due", "granted", "r3_transmit"]
    assert [f.rule for f in assessment.findings] == ["R1", "R3", "R3"]
    assert assessment.rules == ("R1", "R3")


def test_r3_expired_permit_still_gets_annex50_with_a_late_filing_warning():
    today = EXPIRY + timedelta(days=1)
    assessment = r3(today=today)
    assert assessment.annex is Annex.A50
    assert assessment.valid_until == today + timedelta(days=30)
    assert assessment.renewal is RenewalStatus.EXPIRED
    assert codes(assessment) == ["r1_expired", "r3_filed_late", "granted", "r3_transmit"]


def test_r3_missing_documents_give_annex41_naming_them_without_validity():
    missing = ("passport", "photo")
    assessment = r3(missing_documents=missing)
    grant = assessment.grant
    assert grant is not None
    assert grant.annex is Annex.A41
    assert grant.valid_until is None
    assert (grant.max_extensions, grant.extension_days) == (0, None)
    assert codes(assessment) == ["r1_due", "r3_missing"]
    assert assessment.findings[-1].params == {"missing": missing}


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"today": date(2027, 4, 14)}, "r3_not_yet_due"),  # the day before R1's due date
        ({"today": date(2027, 4, 14), "missing_documents": ("photo",)}, "r3_not_yet_due"),
        ({"decision_taken": True}, "decision_taken"),
        ({"decision_taken": True, "missing_documents": ("photo",)}, "decision_taken"),
        ({"decision_taken": True, "today": date(2027, 1, 1)}, "decision_taken"),
    ],
)
def test_r3_no_annex_when_not_yet_due_or_decided(changes, code):
    assessment = r3(**changes)
    assert assessment.grant is None
    assert assessment.findings[-1].rule == "R3"
    assert assessment.findings[-1].code == code


def test_r3_a_suspended_renewal_can_still_be_filed():
    """R1's suspension lifts the obligation to come, not the right to file."""
    assessment = r3(hospitalised=True)
    assert assessment.renewal is RenewalStatus.SUSPENDED
    assert assessment.annex is Annex.A50
