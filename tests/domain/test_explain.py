"""Explanations (R7): every finding reads as a sentence in French, Dutch, German and English."""

from __future__ import annotations

import inspect
import re
import string
from datetime import date, timedelta

import pytest

import app.domain.rules as rules_module
from app.domain.assess import Facts, assess
from app.domain.checklist import ITEMS_BY_ID
from app.domain.explain import (
    LOCALES,
    MESSAGES,
    PLURAL_MESSAGES,
    explain,
    explain_one,
)
from app.domain.model import Annex, Case
from app.domain.rules import Finding, extend

LANGUAGES = ("fr", "nl", "de", "en")
TODAY = date(2027, 6, 15)
ENDED_ON = date(2027, 3, 20)  # 90-day period ends 18 June 2027


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _scenarios() -> list[Finding]:
    """Findings of every branch of R1-R6, produced by running the rules."""
    renewal = {"today": TODAY, "permit_expiry": TODAY}
    facts = [
        Facts(case=Case.LIMITED_RENEWAL, **renewal),
        Facts(case=Case.LIMITED_RENEWAL, today=TODAY, permit_expiry=date(2027, 9, 1)),
        Facts(case=Case.LIMITED_RENEWAL, today=TODAY, permit_expiry=date(2027, 6, 1)),
        Facts(case=Case.LIMITED_RENEWAL, hospitalised=True, **renewal),
        Facts(case=Case.LIMITED_RENEWAL, detained=True, **renewal),
        Facts(case=Case.LIMITED_RENEWAL, birth_date=date(1950, 1, 1), **renewal),
        Facts(case=Case.LIMITED_RENEWAL, decision_taken=True, **renewal),
        Facts(case=Case.LIMITED_RENEWAL, renewal_filed_on=date(2027, 1, 5), **renewal),
        Facts(
            case=Case.LIMITED_RENEWAL,
            today=TODAY,
            permit_expiry=date(2027, 6, 1),
            renewal_filed_on=date(2027, 6, 10),
            regional_attestation=True,
        ),
        Facts(
            case=Case.LIMITED_RENEWAL,
            today=TODAY,
            permit_expiry=date(2027, 6, 20),
            renewal_filed_on=TODAY,
        ),
        Facts(case=Case.UNLIMITED_RENEWAL, today=TODAY, permit_expiry=date(2027, 6, 1)),
        Facts(case=Case.UNLIMITED_RENEWAL, today=TODAY, permit_expiry=date(2027, 12, 1)),
        Facts(case=Case.UNLIMITED_RENEWAL, missing_documents=("photo", "own_item"), **renewal),
        *(
            Facts(
                case=Case.WORK_AUTHORISATION_ENDED,
                today=today,
                permit_expiry=expiry,
                work_authorisation_ended_on=ENDED_ON,
                stay_ended=stay_ended,
            )
            for today, expiry, stay_ended in [
                (TODAY, TODAY, False),
                (TODAY, TODAY, True),
                (date(2027, 3, 1), TODAY, False),
                (TODAY, ENDED_ON - timedelta(days=1), False),
                (TODAY, date(2027, 12, 1), False),
                (date(2027, 6, 19), TODAY, False),
            ]
        ),
        Facts(
            case=Case.WORK_AUTHORISATION_ENDED,
            today=TODAY,
            permit_expiry=TODAY,
            work_authorisation_ended_on=ENDED_ON,
            missing_documents=("work_end_notice",),
        ),
        Facts(case=Case.FIRST_REGISTRATION, today=TODAY),
        Facts(case=Case.FIRST_REGISTRATION, today=TODAY, missing_documents=("visa",)),
        Facts(case=Case.FIRST_REGISTRATION, today=TODAY, missing_documents=("decision",)),
    ]
    findings = [finding for fact in facts for finding in assess(fact).findings]
    extensions = [
        extend(Annex.A51, "", date(2027, 6, 18), 0, 0, None, TODAY),
        extend(Annex.A50, "", date(2027, 7, 15), 3, 3, 30, TODAY),
        extend(Annex.A50, "", date(2027, 6, 14), 0, 3, 30, TODAY),
        extend(Annex.A50, "", date(2027, 7, 15), 0, 3, 30, TODAY),
        extend(Annex.A50, "", date(2027, 7, 15), 0, 3, 30, TODAY, decided=True),
        extend(Annex.A49, "renewal", date(2027, 7, 15), 0, 2, 30, TODAY, filed_late=True),
    ]
    findings += [finding for decision in extensions for finding in decision.findings]
    return findings


FINDINGS = _scenarios()


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_r7_every_message_exists_in_fr_nl_de_and_en(code):
    assert set(MESSAGES[code]) == set(LANGUAGES)
    assert all(MESSAGES[code][language].strip() for language in LANGUAGES)


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_r7_every_language_uses_the_same_placeholders(code):
    used = {language: _placeholders(MESSAGES[code][language]) for language in LANGUAGES}
    assert all(names == used["fr"] for names in used.values()), used


def test_every_code_written_in_rules_py_has_a_message():
    source = inspect.getsource(rules_module)
    literal_codes = set(re.findall(r'Finding\(\s*(?:"R\d"|rule),\s*"(\w+)"', source))
    assert len(literal_codes) > 15  # the pattern still finds the codes
    assert literal_codes <= set(MESSAGES)


def test_every_code_produced_by_the_rules_has_a_message_and_every_message_is_used():
    produced = {finding.code for finding in FINDINGS}
    assert produced <= set(MESSAGES)
    assert set(MESSAGES) - produced == set()


@pytest.mark.parametrize("language", LANGUAGES)
def test_r7_every_produced_finding_reads_in_every_language(language):
    for finding in FINDINGS:
        text = explain_one(finding.code, finding.params, language)
        assert "{" not in text and "}" not in text, (finding, text)


@pytest.mark.parametrize(
    ("language", "long_date"),
    [
        ("fr", "1er mars 2027"),
        ("nl", "1 maart 2027"),
        ("de", "1. März 2027"),
        ("en", "1 March 2027"),
    ],
)
def test_r7_dates_are_written_in_the_long_belgian_format(language, long_date):
    text = explain_one("r1_expired", {"expiry": date(2027, 3, 1)}, language)
    assert long_date in text
    assert "2027-03-01" not in text


def test_r7_locales_are_belgian_for_the_document_languages():
    assert (LOCALES["fr"], LOCALES["nl"], LOCALES["de"]) == ("fr_BE", "nl_BE", "de_BE")


AND = {"fr": "et", "nl": "en", "de": "und", "en": "and"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_r3_missing_checklist_ids_are_shown_as_labels_in_the_language(language):
    text = explain_one("r3_missing", {"missing": ("passport", "photo")}, language)
    passport, photo = (ITEMS_BY_ID[item].phrase(language) for item in ("passport", "photo"))
    assert f"{passport} {AND[language]} {photo}" in text
    assert "passport" not in text or language == "en"


@pytest.mark.parametrize("code", sorted(PLURAL_MESSAGES))
def test_r7_plural_forms_use_the_placeholders_of_the_message(code):
    counted, plurals = PLURAL_MESSAGES[code]
    assert counted in _placeholders(MESSAGES[code]["fr"])
    for language, text in plurals.items():
        assert _placeholders(text) == _placeholders(MESSAGES[code][language]), language


@pytest.mark.parametrize(
    ("missing", "language", "expected"),
    [
        (("photo",), "de", "Es fehlt noch: ein aktuelles Passfoto;"),
        (("photo", "passport"), "de", "Es fehlen noch: ein aktuelles Passfoto und ein gültiger"),
        (("photo",), "nl", "Er ontbreekt nog: een recente pasfoto;"),
        (
            ("photo", "passport"),
            "nl",
            "Er ontbreken nog: een recente pasfoto en een geldig paspoort",
        ),
        (("photo", "own item"), "nl", "Er ontbreken nog: een recente pasfoto en own item;"),
    ],
)
def test_r5_still_missing_agrees_with_the_number_of_items(missing, language, expected):
    assert expected in explain_one("r5_still_missing", {"missing": missing}, language)


def test_r5_missing_agrees_with_the_number_of_items():
    one = explain_one("r5_missing", {"missing": ("visa",)}, "de")
    two = explain_one("r5_missing", {"missing": ("decision", "visa")}, "de")
    assert "es fehlt ein Visum" in one
    assert "es fehlen die Entscheidung" in two
    assert "er ontbreken de beslissing" in explain_one(
        "r5_missing", {"missing": ("decision", "visa")}, "nl"
    )


@pytest.mark.parametrize(
    ("count", "german", "english"),
    [(1, "einmal", "once"), (2, "zweimal", "twice"), (3, "dreimal", "3 times")],
)
def test_counts_of_extensions_are_words_in_german(count, german, english):
    params = {"annex": "50", "valid_until": TODAY, "days": 30, "extensions": count}
    assert f"sie kann {german} um 30 Tage" in explain_one("granted", params, "de")
    assert f"extended {english} by 30 days" in explain_one("granted", params, "en")
    assert f"bereits {german} verlängert" in explain_one(
        "ext_maximum", {"annex": "49", "max": count}, "de"
    )
    assert " Mal " not in explain_one("granted", params, "de")


def test_dutch_says_the_renewal_must_be_asked_for_not_that_it_is_owed():
    findings = [f for f in FINDINGS if f.code in ("r1_due", "r1_not_yet_due", "r2_filed_early")]
    assert {f.code for f in findings} == {"r1_due", "r1_not_yet_due", "r2_filed_early"}
    for finding in findings:
        text = explain_one(finding.code, finding.params, "nl")
        assert "verschuldigd" not in text
        assert "moet" in text or "moest" in text
    due = explain_one("r1_due", {"due_from": date(2027, 4, 1), "expiry": TODAY}, "nl")
    assert due.startswith("De vernieuwing moet sinds 1 april 2027 worden aangevraagd")


def test_one_term_for_the_work_authorisation_in_dutch():
    for code, texts in MESSAGES.items():
        assert "arbeidstoelating" not in texts["nl"], code


def test_a_communes_own_checklist_item_is_shown_by_its_id():
    assert "extrait de casier" in explain_one(
        "r5_missing", {"missing": ("extrait de casier",)}, "fr"
    )


def test_explain_joins_findings_in_order():
    findings = [
        Finding("R1", "r1_expired", {"expiry": date(2027, 3, 1)}),
        Finding("R2", "r2_not_filed"),
    ]
    assert explain(findings, "en") == (
        "The single permit expired on 1 March 2027. "
        "No renewal application was filed at the commune: record it first."
    )
