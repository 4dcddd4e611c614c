"""R5 (art. 105/2 §4-5): annex 49 at once on first registration, 45 days, extendable twice."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain.assess import Facts, assess
from app.domain.model import Annex, Case

TODAY = date(2027, 3, 1)


def r5(**facts):
    return assess(Facts(today=TODAY, case=Case.FIRST_REGISTRATION, **facts))


@pytest.mark.parametrize("permit_expiry", [None, date(2027, 2, 1)])
def test_r5_annex49_first_registration_for_45_days_extendable_twice(permit_expiry):
    assessment = r5(permit_expiry=permit_expiry)
    grant = assessment.grant
    assert grant is not None
    assert grant.annex is Annex.A49
    assert grant.variant == "first_registration"
    assert grant.valid_until == TODAY + timedelta(days=45) == date(2027, 4, 15)
    assert (grant.max_extensions, grant.extension_days) == (2, 45)
    assert assessment.renewal is None  # R1 does not apply to a first registration
    assert assessment.renewal_due_from is None
    assert [(f.rule, f.code) for f in assessment.findings] == [
        ("R5", "granted"),
        ("R5", "r5_hand_in"),
    ]
    assert assessment.rules == ("R5",)


@pytest.mark.parametrize("missing", [("decision",), ("visa",), ("decision", "visa")])
def test_r5_no_annex49_without_the_decision_or_visa(missing):
    assessment = r5(missing_documents=missing)
    assert assessment.grant is None
    assert [(f.rule, f.code, dict(f.params)) for f in assessment.findings] == [
        ("R5", "r5_missing", {"missing": missing})
    ]
