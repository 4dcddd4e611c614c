"""The ``assess`` JSON contract: input validation naming the field, and the answer's shape."""

from __future__ import annotations

from typing import Any

import pytest

from app.domain.assess import FactsError, assess
from app.services.assess_json import assessment_to_json, facts_from_json

# One input per case, answered on 23 November 2026, with the expected answer.
CASES = {
    "limited_renewal": (
        {
            "permit_expiry": "2026-11-20",
            "renewal_filed_on": "2026-10-14",
            "regional_attestation": True,
        },
        {
            "annex": "49",
            "valid_until": "2026-12-23",
            "max_extensions": 2,
            "extension_days": 30,
            "renewal": "expired",
            "rules": ["R1", "R2"],
        },
    ),
    "unlimited_renewal": (
        {"permit_expiry": "2026-12-13"},
        {
            "annex": "50",
            "valid_until": "2026-12-23",
            "max_extensions": 3,
            "extension_days": 30,
            "renewal": "due",
            "renewal_due_from": "2026-10-13",
        },
    ),
    "work_authorisation_ended": (
        {"permit_expiry": "2026-12-13", "work_authorisation_ended_on": "2026-10-24"},
        {
            "annex": "51",
            "valid_until": "2027-01-22",
            "max_extensions": 0,
            "extension_days": None,
            "rules": ["R4"],  # R4 is no renewal: R1's sentence is not part of its answer
        },
    ),
    "first_registration": (
        {},
        {
            "annex": "49",
            "valid_until": "2027-01-07",
            "max_extensions": 2,
            "extension_days": 45,
            "renewal": None,
            "renewal_due_from": None,
            "rules": ["R5"],
        },
    ),
}
ANSWER_KEYS = {
    "renewal",
    "renewal_due_from",
    "annex",
    "valid_until",
    "max_extensions",
    "extension_days",
    "rules",
    "explanation",
}


def answer(obj: dict[str, Any], language: str = "fr") -> dict[str, Any]:
    return assessment_to_json(assess(facts_from_json(obj)), language)


@pytest.mark.parametrize("case", CASES)
def test_each_case_is_answered(case: str) -> None:
    facts, expected = CASES[case]
    result = answer({"case": case, "today": "2026-11-23", **facts})
    assert set(result) == ANSWER_KEYS
    assert {key: result[key] for key in expected} == expected
    assert result["explanation"]


def test_annex_41_names_the_missing_documents() -> None:
    result = answer(
        {
            "case": "unlimited_renewal",
            "today": "2026-11-23",
            "permit_expiry": "2026-12-13",
            "missing_documents": ["passport"],
        },
        "nl",
    )
    assert (result["annex"], result["valid_until"]) == ("41", None)
    assert "paspoort" in result["explanation"]


@pytest.mark.parametrize("language", ["fr", "nl", "de"])
def test_the_explanation_follows_the_language(language: str) -> None:
    facts, _ = CASES["limited_renewal"]
    texts = {
        lang: answer({"case": "limited_renewal", "today": "2026-11-23", **facts}, lang)
        for lang in ("fr", "nl", "de")
    }
    others = [text["explanation"] for lang, text in texts.items() if lang != language]
    assert texts[language]["explanation"] not in others


def test_a_refusal_has_no_annex_and_says_why() -> None:
    result = answer(
        {
            "case": "limited_renewal",
            "today": "2026-11-23",
            "permit_expiry": "2026-11-20",
            "renewal_filed_on": "2026-10-14",
        },
        "fr",
    )
    assert (result["annex"], result["valid_until"], result["max_extensions"]) == (None, None, 0)
    assert "autorité régionale" in result["explanation"]


@pytest.mark.parametrize(
    ("obj", "field"),
    [
        ([], "input"),
        ("unlimited_renewal", "input"),
        ({"today": "2026-11-23"}, "case"),
        ({"case": "asylum", "today": "2026-11-23"}, "case"),
        ({"case": "first_registration"}, "today"),
        ({"case": "first_registration", "today": "2026-02-30"}, "today"),
        ({"case": "first_registration", "today": "23/11/2026"}, "today"),
        ({"case": "first_registration", "today": 20261123}, "today"),
        ({"case": "first_registration", "today": "2026-W48-1"}, "today"),
        ({"case": "first_registration", "today": "2026-327"}, "today"),
        ({"case": "first_registration", "today": "20261123"}, "today"),
        (
            {"case": "unlimited_renewal", "today": "2026-11-23", "permit_expiry": "2026-W10-1"},
            "permit_expiry",
        ),
        ({"case": "unlimited_renewal", "today": "2026-11-23"}, "permit_expiry"),
        (
            {
                "case": "work_authorisation_ended",
                "today": "2026-11-23",
                "permit_expiry": "2026-12-13",
            },
            "work_authorisation_ended_on",
        ),
        (
            {
                "case": "unlimited_renewal",
                "today": "2026-11-23",
                "permit_expiry": "2026-12-13",
                "hospitalised": "yes",
            },
            "hospitalised",
        ),
        (
            {
                "case": "unlimited_renewal",
                "today": "2026-11-23",
                "permit_expiry": "2026-12-13",
                "missing_documents": "passport",
            },
            "missing_documents",
        ),
        (
            {
                "case": "unlimited_renewal",
                "today": "2026-11-23",
                "permit_expiry": "2026-12-13",
                "missing_documents": [1],
            },
            "missing_documents",
        ),
    ],
)
def test_bad_input_names_the_field(obj: Any, field: str) -> None:
    with pytest.raises(FactsError) as raised:
        answer(obj)
    assert raised.value.field_name == field
    assert str(raised.value).startswith(f"{field}: ")


def test_unknown_case_lists_the_choices() -> None:
    with pytest.raises(FactsError, match="limited_renewal, unlimited_renewal"):
        facts_from_json({"case": "asylum", "today": "2026-11-23"})


def test_null_flags_are_false() -> None:
    facts = facts_from_json(
        {
            "case": "unlimited_renewal",
            "today": "2026-11-23",
            "permit_expiry": "2026-12-13",
            "hospitalised": None,
            "birth_date": None,
        }
    )
    assert facts.hospitalised is False
    assert facts.birth_date is None


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2026-W10-1", "ISO week dates are not accepted"),
        ("2026-061", "ordinal dates"),
    ],
)
def test_week_and_ordinal_dates_are_refused_with_a_sentence(value: str, words: str) -> None:
    with pytest.raises(FactsError) as raised:
        facts_from_json({"case": "limited_renewal", "today": "2026-11-23", "permit_expiry": value})
    assert str(raised.value).startswith(f"permit_expiry: '{value}' is not a date written")
    assert words in str(raised.value)
