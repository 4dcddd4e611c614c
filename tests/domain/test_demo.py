"""The demo population: deterministic, valid, unique, and spread over every counter list."""

from __future__ import annotations

import calendar
from collections import Counter
from datetime import date, timedelta

import pytest
from stdnum.be import bis, nn

from app.domain.demo import generate_demo, national_number_for
from app.domain.model import Holder, LabourMarket, Language, Permit, Sex
from app.domain.national_number import is_bis_number, validate_national_number

TODAY = date(2026, 3, 15)


@pytest.fixture(scope="module")
def population() -> list[tuple[Holder, Permit]]:
    return list(generate_demo(2_000, seed=7, today=TODAY))


def _two_months_before(day: date) -> date:
    """R1's due date, computed here independently of the domain's calendar module."""
    year, month = (day.year, day.month - 2) if day.month > 2 else (day.year - 1, day.month + 10)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _age(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def test_same_arguments_give_the_same_population() -> None:
    first = list(generate_demo(300, seed=42, today=TODAY))
    assert first == list(generate_demo(300, seed=42, today=TODAY))
    assert first != list(generate_demo(300, seed=43, today=TODAY))


def test_the_requested_number_of_unlinked_pairs(population: list[tuple[Holder, Permit]]) -> None:
    assert len(population) == 2_000
    assert all(h.id is None and p.id is None and p.holder_id is None for h, p in population)


def test_national_and_card_numbers_are_unique(population: list[tuple[Holder, Permit]]) -> None:
    assert len({h.national_number for h, _ in population}) == len(population)
    assert len({p.card_number for _, p in population}) == len(population)


def test_card_numbers_look_like_belgian_cards(population: list[tuple[Holder, Permit]]) -> None:
    for _, permit in population:
        number = permit.card_number
        if number.startswith("B"):
            assert len(number) == 11 and number[1:].isdigit()
        else:
            assert len(number) == 12 and number.isdigit()
            assert int(number[-2:]) == (int(number[:10]) % 97 or 97)


def test_national_numbers_are_valid_and_match_birth_date_and_sex(
    population: list[tuple[Holder, Permit]],
) -> None:
    for holder, _ in population:
        number = holder.national_number
        assert number is not None
        assert validate_national_number(number) == number
        scheme = bis if is_bis_number(number) else nn
        assert scheme.get_birth_date(number) == holder.birth_date
        serial = int(number[6:9])
        assert serial % 2 == (1 if holder.sex is Sex.MALE else 0)
        assert scheme.get_gender(number) == holder.sex


def test_bis_numbers_and_people_born_from_2000_are_present(
    population: list[tuple[Holder, Permit]],
) -> None:
    numbers = [h.national_number or "" for h, _ in population]
    assert 0 < sum(is_bis_number(n) for n in numbers) < len(numbers) * 0.1
    assert any(h.birth_date and h.birth_date.year >= 2000 for h, _ in population)


def test_check_digits_use_the_leading_2_from_2000() -> None:
    assert national_number_for(date(1985, 7, 30), 33) == "85073003328"
    assert national_number_for(date(2017, 7, 30), 33) == "17073003384"
    assert bis.is_valid(national_number_for(date(2001, 9, 7), 1, bis=True))


def test_ages_exercise_the_75th_birthday_suspension(
    population: list[tuple[Holder, Permit]],
) -> None:
    ages = Counter(_age(h.birth_date, TODAY) for h, _ in population if h.birth_date)
    assert ages[74] > 0
    assert sum(count for age, count in ages.items() if age >= 75) > 0
    assert min(ages) >= 18


def test_renewal_lists_are_all_populated(population: list[tuple[Holder, Permit]]) -> None:
    statuses: Counter[str] = Counter()
    for _, permit in population:
        due_from = _two_months_before(permit.expiry)
        if permit.expiry < TODAY:
            statuses["expired"] += 1
        elif due_from <= TODAY:
            statuses["due"] += 1
        elif due_from <= TODAY + timedelta(days=30):
            statuses["soon_due"] += 1
        else:
            statuses["not_yet_due"] += 1
    assert set(statuses) == {"expired", "due", "soon_due", "not_yet_due"}
    assert min(statuses.values()) >= 50


def test_permits_are_consistent(population: list[tuple[Holder, Permit]]) -> None:
    markets = Counter(p.labour_market for _, p in population)
    assert set(markets) == set(LabourMarket)
    assert markets[LabourMarket.LIMITED] + markets[LabourMarket.UNLIMITED] > 0.8 * len(population)
    for _, permit in population:
        assert TODAY - timedelta(days=120) <= permit.expiry <= TODAY + timedelta(days=400)
        assert permit.valid_from is not None and permit.valid_from < permit.expiry
        years = (permit.expiry - permit.valid_from).days / 365.25
        if permit.labour_market is LabourMarket.UNLIMITED:
            assert 4.99 < years < 5.01
        elif permit.labour_market is LabourMarket.LIMITED:
            assert 0.99 < years < 3.01


def test_holders_are_varied(population: list[tuple[Holder, Permit]]) -> None:
    languages = Counter(h.language for h, _ in population)
    assert languages[Language.FR] > languages[Language.NL] > languages[Language.DE] > 0
    assert len({h.nationality for h, _ in population}) >= 15
    assert any(h.hospitalised for h, _ in population)
    assert any(h.detained for h, _ in population)
    assert any(h.travelling for h, _ in population)
    surnames = {h.surname for h, _ in population}
    assert {"ŞAHİN", "Nguyễn", "da Silva"} & surnames
    assert all(h.address.municipality and h.address.postal_code for h, _ in population)
    assert all(h.email.isascii() for h, _ in population)


@pytest.mark.slow
def test_a_large_population_generates() -> None:
    """Speed smoke test: 100,000 people in one go (about 1.5 s alone, 7 s or more under
    ``make test``'s branch coverage); time is not asserted. ``-m 'not slow'`` skips it."""
    count = sum(1 for _ in generate_demo(100_000, seed=1, today=TODAY))
    assert count == 100_000
