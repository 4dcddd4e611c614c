"""assess(): the facts contract, routing of cases to R1-R5, and the Assessment answer."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.assess import Assessment, Facts, FactsError, assess
from app.domain.model import Annex, Case, Language
from app.domain.rules import Finding

TODAY = date(2027, 6, 15)
EXPIRY = date(2027, 6, 15)


@pytest.mark.parametrize(
    ("facts", "field_name"),
    [
        (Facts(today=TODAY, case=Case.LIMITED_RENEWAL), "permit_expiry"),
        (Facts(today=TODAY, case=Case.UNLIMITED_RENEWAL), "permit_expiry"),
        (Facts(today=TODAY, case=Case.WORK_AUTHORISATION_ENDED), "permit_expiry"),
        (
            Facts(today=TODAY, case=Case.WORK_AUTHORISATION_ENDED, permit_expiry=EXPIRY),
            "work_authorisation_ended_on",
        ),
        (
            Facts(
                today=TODAY,
                case=Case.LIMITED_RENEWAL,
                permit_expiry=EXPIRY,
                renewal_filed_on=date(2027, 6, 16),  # the day after today
            ),
            "renewal_filed_on",
        ),
        (
            Facts(
                today=TODAY,
                case=Case.UNLIMITED_RENEWAL,
                permit_expiry=EXPIRY,
                birth_date=date(2027, 6, 16),
            ),
            "birth_date",
        ),
    ],
)
def test_assess_refuses_missing_or_impossible_facts(facts, field_name):
    with pytest.raises(FactsError) as raised:
        assess(facts)
    assert raised.value.field_name == field_name
    assert str(raised.value).startswith(f"{field_name}: ")
    assert isinstance(raised.value, ValueError)


def test_assess_accepts_a_renewal_filed_today():
    facts = Facts(
        today=TODAY,
        case=Case.LIMITED_RENEWAL,
        permit_expiry=EXPIRY,
        renewal_filed_on=TODAY,
        regional_attestation=True,
    )
    assert assess(facts).annex is Annex.A49


def test_r5_needs_no_permit_expiry():
    assert assess(Facts(today=TODAY, case=Case.FIRST_REGISTRATION)).annex is Annex.A49


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        (["R1", "R2", "R2"], ("R1", "R2")),
        (["R1", "R3", "R1", "R3"], ("R1", "R3")),
        (["R5", "R5"], ("R5",)),
        (["R3", "R6", "R1"], ("R3", "R6", "R1")),  # order of first appearance, not sorted
        ([], ()),
    ],
)
def test_assessment_rules_are_in_order_and_unique(rules, expected):
    findings = tuple(Finding(rule, "decision_taken") for rule in rules)
    assert Assessment(None, None, None, findings).rules == expected


def test_assessment_without_grant_has_no_annex_and_no_extensions():
    assessment = Assessment(None, None, None, ())
    assert (assessment.annex, assessment.valid_until) == (None, None)
    assert (assessment.max_extensions, assessment.extension_days) == (0, None)


@pytest.mark.parametrize("case", [Case.LIMITED_RENEWAL, Case.UNLIMITED_RENEWAL])
def test_r1_finding_comes_first_for_renewal_cases(case):
    facts = Facts(today=TODAY, case=case, permit_expiry=EXPIRY, renewal_filed_on=TODAY)
    assessment = assess(facts)
    assert assessment.findings[0].rule == "R1"
    assert assessment.rules[0] == "R1"


@pytest.mark.parametrize("language", [Language.FR, Language.NL, Language.DE, "fr", "nl", "de"])
def test_assessment_explanation_in_the_document_languages(language):
    facts = Facts(today=TODAY, case=Case.UNLIMITED_RENEWAL, permit_expiry=EXPIRY)
    text = assess(facts).explanation(language)
    assert "50" in text
    assert "2027" in text


def test_assessment_explanation_in_english_for_maintainers():
    facts = Facts(today=TODAY, case=Case.UNLIMITED_RENEWAL, permit_expiry=EXPIRY)
    assert "Annex 50 may be issued today" in assess(facts).explanation("en")
