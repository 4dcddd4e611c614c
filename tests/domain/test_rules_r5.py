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


@pytest.mark.parametrize(
    ("missing", "from_abroad", "blocking"),
    [
        (("decision",), False, ("decision",)),
        (("decision",), True, ("decision",)),
        (("visa",), True, ("visa",)),
        (("decision", "visa"), True, ("decision", "visa")),
        (("photo", "decision"), False, ("decision",)),
    ],
)
def test_r5_no_annex49_without_the_decision_or_from_abroad_the_visa(missing, from_abroad, blocking):
    """Art. 105/2 §4 (from abroad: decision and visa) and §5 (already here: decision)."""
    assessment = r5(missing_documents=missing, from_abroad=from_abroad)
    assert assessment.grant is None
    assert [(f.rule, f.code, dict(f.params)) for f in assessment.findings] == [
        ("R5", "r5_missing", {"missing": blocking})
    ]


def test_r5_visa_not_required_of_a_holder_already_in_belgium():
    """§5: a holder already residing here shows the decision only; no visa is asked."""
    assessment = r5(missing_documents=("visa",), from_abroad=False)
    assert assessment.annex is Annex.A49
    assert [f.code for f in assessment.findings][-1] == "r5_still_missing"


def test_r5_other_missing_items_do_not_hold_annex49_back():
    """Annex 49 is issued "immédiatement": a missing photo is noted, not blocking."""
    assessment = r5(missing_documents=("photo",), from_abroad=True)
    assert assessment.annex is Annex.A49
    still = assessment.findings[-1]
    assert (still.code, dict(still.params)) == ("r5_still_missing", {"missing": ("photo",)})


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_r5_a_holder_from_abroad_is_not_told_to_hand_in_a_residence_document(language):
    """§4 (from abroad, with the long-stay visa) has no hand-in sentence; §5 has, and the
    explanation says it as a condition ("if the holder has one"), not as a fact."""
    from_abroad = r5(from_abroad=True)
    assert [f.code for f in from_abroad.findings] == ["granted"]
    here = r5(from_abroad=False)
    assert [f.code for f in here.findings] == ["granted", "r5_hand_in"]
    conditional = {"fr": "Si l'intéressé", "nl": "Als betrokkene", "de": "Besitzt die Person"}
    if language in conditional:
        assert conditional[language] in here.explanation(language)
    assert "105/2" in here.explanation(language)
    hand_in = here.explanation(language).split(". ", 1)[1]
    assert hand_in not in from_abroad.explanation(language)
