"""National and bis numbers (RULES.md, "National numbers"), validated by python-stdnum."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.national_number import (
    InvalidNationalNumber,
    format_national_number,
    is_bis_number,
    validate_national_number,
)


@pytest.mark.parametrize(
    ("text", "compact", "bis"),
    [
        ("85.07.30-033.28", "85073003328", False),
        ("85073003328", "85073003328", False),
        (" 85 07 30 033 28 ", "85073003328", False),
        ("00.01.01-001.05", "00010100105", False),  # born 2000: check digits with leading 2
        ("85.00.00-001.38", "85000000138", False),  # month and day unknown
        ("85.27.30-033.71", "85273003371", True),  # bis number, month + 20
        ("85.47.30-033.17", "85473003317", True),  # bis number, month + 40
    ],
)
def test_valid_numbers_are_returned_compact(text, compact, bis):
    assert validate_national_number(text) == compact
    assert is_bis_number(compact) is bis


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("8507300332", "length"),
        ("850730033281", "length"),
        ("85073003329", "checksum"),
        ("85073003327", "checksum"),
        ("00010100106", "checksum"),
        ("85130200169", "date"),  # month 13 with a matching check number
        ("85A73003328", "format"),
        ("85/07/30/033/28", "format"),
        ("", "format"),
    ],
)
def test_invalid_numbers_raise_with_the_reason(text, reason):
    with pytest.raises(InvalidNationalNumber) as raised:
        validate_national_number(text)
    assert raised.value.reason == reason
    assert raised.value.text == text
    assert isinstance(raised.value, ValueError)


@pytest.mark.parametrize(
    ("compact", "printed"),
    [
        ("85073003328", "85.07.30-033.28"),
        ("00010100105", "00.01.01-001.05"),
        ("85273003371", "85.27.30-033.71"),
    ],
)
def test_format_national_number_prints_the_belgian_way(compact, printed):
    assert format_national_number(compact) == printed
    assert validate_national_number(printed) == compact


@given(
    birth=st.dates(min_value=date(1920, 1, 1), max_value=date(2019, 12, 31)),
    serial=st.integers(min_value=1, max_value=997),
    bis_offset=st.sampled_from([0, 20, 40]),
)
def test_numbers_built_by_the_rule_validate_and_print(birth, serial, bis_offset):
    """YYMMDD SSS CC with CC = 97 - (n mod 97), n prefixed by 2 from 2000 on."""
    first_nine = f"{birth:%y}{birth.month + bis_offset:02d}{birth:%d}{serial:03d}"
    prefix = "2" if birth.year >= 2000 else ""
    compact = first_nine + f"{97 - int(prefix + first_nine) % 97:02d}"
    assert validate_national_number(format_national_number(compact)) == compact
    assert is_bis_number(compact) is (bis_offset > 0)


def test_encoded_birth_date_and_sex_agree_with_stdnum() -> None:
    """The import's quick reading of a valid number (issue 14, point 4) says what
    python-stdnum says, over numbers of both centuries, bis numbers and odd dates."""
    import random
    from datetime import timedelta

    from stdnum.be import nn

    from app.domain.demo import national_number_for
    from app.domain.national_number import encoded_birth_date, encoded_sex

    rng = random.Random(3)
    numbers = ["00000100195", "85000012345"]
    for _ in range(3000):
        born = date(1920, 1, 1) + timedelta(days=rng.randrange(36_000))
        numbers.append(national_number_for(born, rng.randrange(1, 998), rng.random() < 0.1))
        numbers.append(f"{rng.randrange(10**11):011d}")
    checked = 0
    for text in numbers:
        try:
            number = validate_national_number(text)
        except InvalidNationalNumber:
            continue
        checked += 1
        assert encoded_birth_date(number) == nn.get_birth_date(number), number
        assert encoded_sex(number) == nn.get_gender(number), number
    assert checked > 3000
