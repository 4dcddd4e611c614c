"""The field checks the forms use (app.domain.validation), and a sentence in every
language for each code they return."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain import validation as v
from app.ui.i18n import Translator
from app.ui.views.formatting import ERRORS, error_text

CODES = sorted(
    value
    for name, value in vars(v).items()
    if name.isupper() and isinstance(value, str) and name not in ("OLDEST_YEAR", "MAX_NAME_LENGTH")
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("85.07.30-033.28", None),
        ("85073003328", None),
        ("85.07.30-033.29", "nn_checksum"),
        ("8507300332", "nn_length"),
        ("85.07.3O-033.28", "nn_format"),
        ("", None),
    ],
)
def test_national_numbers(text: str, code: str | None) -> None:
    assert v.check_national_number(text) == code


def test_names_keep_any_letter_but_no_control_characters() -> None:
    assert v.check_name("ÇAKIR <&> Ş") is None
    assert v.check_name("  ") == v.REQUIRED
    assert v.check_name("", required=False) is None
    assert v.check_name("A\tB") == v.CONTROL_CHARACTERS
    assert v.check_name("A\u200bB") == v.CONTROL_CHARACTERS
    assert v.check_name("A" * 121) == v.TOO_LONG


def test_dates() -> None:
    assert v.parse_date("30/07/1985") == v.parse_date("1985-07-30") == date(1985, 7, 30)
    assert v.parse_date("30.7.1985") == date(1985, 7, 30)
    assert v.parse_date("30071985") == v.parse_date("30 07 1985") == date(1985, 7, 30)
    assert v.check_date("31/02/1990") == v.DATE_NO_SUCH_DAY
    assert v.check_date("15/13/2026") == v.DATE_NO_SUCH_MONTH
    assert v.check_date("15/11/26") == v.check_date("151126") == v.DATE_SHORT_YEAR
    assert v.check_date("15/11") == v.check_date("1511202") == v.DATE_FORMAT
    assert v.check_date("01/01/1850") == v.DATE_TOO_OLD
    assert v.check_date("24/11/2026", not_after=date(2026, 11, 23)) == v.DATE_IN_FUTURE
    assert v.check_date("", required=True) == v.REQUIRED


def test_other_fields() -> None:
    assert v.check_email("a@b.be") is None and v.check_email("a@b") == v.EMAIL
    assert v.check_postal_code("1030") is None and v.check_postal_code("0999") == v.POSTAL_CODE
    assert v.check_card_number("B0123456789") is None
    assert v.check_card_number("B01") == v.CARD_NUMBER
    assert v.check_country_code("ma") is None and v.check_country_code("MAR") == v.COUNTRY_CODE
    assert v.check_nis_code("21004") is None and v.check_nis_code("2100") == v.NIS_CODE


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_every_code_has_a_sentence(language: str, translator: Translator) -> None:
    translator.set_language(language)
    assert set(CODES) <= set(ERRORS)
    for code in CODES:
        assert error_text(code).endswith("."), code
        if language != "en":
            assert error_text(code) != ERRORS[code], (language, code)
