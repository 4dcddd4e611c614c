"""Parsing of single card fields: dates in three languages, codes, names."""

from __future__ import annotations

from datetime import date

import pytest

from app.card import fields
from app.domain.birth_dates import PartialDate
from app.domain.model import LabourMarket, Sex
from app.domain.national_number import InvalidNationalNumber


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 FEV 1985", date(1985, 2, 12)),
        ("12 FÉV 1985", date(1985, 2, 12)),
        ("12 fév 1985", date(1985, 2, 12)),
        ("01 MARS 2001", date(2001, 3, 1)),
        ("09 JUIN 1970", date(1970, 6, 9)),
        ("09 JUIL 1970", date(1970, 7, 9)),
        ("15 AOUT 1969", date(1969, 8, 15)),
        ("15 AOÛT 1969", date(1969, 8, 15)),
        ("03 MAAR 1990", date(1990, 3, 3)),
        ("31 MEI 1991", date(1991, 5, 31)),
        ("11 OKT 1988", date(1988, 10, 11)),
        ("05.MÄR.1979", date(1979, 3, 5)),
        ("05.MAR.1979", date(1979, 3, 5)),
        ("24.DEZ.2000", date(2000, 12, 24)),
        ("05.MÄR 1979", date(1979, 3, 5)),
        ("  7   SEPT   1999 ", date(1999, 9, 7)),
        ("02 MAART 1990", date(1990, 3, 2)),
    ],
)
def test_birth_date_in_every_card_language(text: str, expected: date) -> None:
    assert fields.parse_birth_date(text) == expected


@pytest.mark.parametrize("text", ["      1975", "1975", " 1975 "])
def test_birth_date_with_year_only(text: str) -> None:
    assert fields.parse_birth_date(text) == PartialDate(1975)


@pytest.mark.parametrize("text", ["", "12 XYZ 1985", "12 JUI 1985", "31 FEV 1985", "12 FEV 85"])
def test_birth_date_rejects_nonsense(text: str) -> None:
    with pytest.raises(ValueError):
        fields.parse_birth_date(text)


def test_validity_dates() -> None:
    assert fields.parse_card_date("14.03.2026") == date(2026, 3, 14)
    assert fields.parse_card_date(" 01.12.2030 ") == date(2030, 12, 1)
    with pytest.raises(ValueError):
        fields.parse_card_date("14 MARS 2026")


@pytest.mark.parametrize(
    ("code", "letter"),
    [
        ("11", "A"),
        ("12", "B"),
        ("16", "E+"),
        ("19", "H"),
        ("28", "L"),
        ("32", "EU+"),
        ("33", "A"),
        ("34", "B"),
        ("36", "F+"),
        ("1", "eID"),
        ("01", "eID"),
        ("99", None),
    ],
)
def test_document_type_gives_card_letter(code: str, letter: str | None) -> None:
    assert fields.card_letter(code) == letter


@pytest.mark.parametrize(
    ("mention", "market"),
    [
        ("7", LabourMarket.UNLIMITED),
        ("8", LabourMarket.LIMITED),
        ("9", LabourMarket.NONE),
        ("A", LabourMarket.SEASONAL),
        ("a", LabourMarket.SEASONAL),
        ("", None),
    ],
)
def test_work_permit_mention(mention: str, market: LabourMarket | None) -> None:
    assert fields.parse_labour_market(mention) == market


def test_unknown_work_permit_mention_is_an_error() -> None:
    with pytest.raises(ValueError):
        fields.parse_labour_market("5")


@pytest.mark.parametrize(
    ("gender", "sex"),
    [("M", Sex.MALE), ("F", Sex.FEMALE), ("V", Sex.FEMALE), ("W", Sex.FEMALE), ("m", Sex.MALE)],
)
def test_gender(gender: str, sex: Sex) -> None:
    assert fields.parse_sex(gender) == sex


def test_unknown_gender_is_an_error() -> None:
    with pytest.raises(ValueError):
        fields.parse_sex("X")


def test_national_number_is_validated() -> None:
    assert fields.parse_national_number("85.02.12-002.79") == "85021200279"
    with pytest.raises(InvalidNationalNumber):
        fields.parse_national_number("85021200278")


@pytest.mark.parametrize(
    ("first", "initial", "expected"),
    [
        ("Amina Fatima", "B", "Amina Fatima B."),
        ("Amina  Fatima", "", "Amina Fatima"),
        ("Łukasz", "B.", "Łukasz B."),
        ("", "B", "B."),
    ],
)
def test_given_names_keep_the_third_initial(first: str, initial: str, expected: str) -> None:
    assert fields.compose_given_names(first, initial) == expected
