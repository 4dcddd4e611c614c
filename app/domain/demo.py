"""A deterministic demo population of holders and their single permits.

Same ``(persons, seed, today)``, same people: every draw comes from one
``random.Random(seed)``. The data is plausible and valid (national numbers with correct
check digits, consistent with birth date and sex; unique card numbers) and spread so that
every list of the counter has content: permits due (R1, from expiry − 2 months), about to be
due, expired and not yet due; holders aged 74 and 75+ (the age suspension of R1) and a few
in hospital, detained or travelling.
"""

from __future__ import annotations

import logging
import random
import unicodedata
from collections.abc import Iterator
from datetime import date, timedelta

from app.domain.model import Address, Holder, LabourMarket, Language, Permit, Sex
from app.domain.names import COMMUNE, NATIONALITIES, STREETS, NamePool

logger = logging.getLogger(__name__)

# (weight, lowest age, highest age): working-age holders, some aged 74, a few 75 or more.
_AGE_BANDS = (
    (24, 20, 29),
    (30, 30, 39),
    (22, 40, 49),
    (12, 50, 59),
    (8, 60, 73),
    (2, 74, 74),
    (2, 75, 84),
)
_LANGUAGES = (Language.FR,) * 84 + (Language.NL,) * 15 + (Language.DE,)
_LABOUR_MARKETS = (
    (LabourMarket.LIMITED,) * 55
    + (LabourMarket.UNLIMITED,) * 35
    + (LabourMarket.NONE,) * 6
    + (LabourMarket.SEASONAL,) * 4
)
_EXPIRY_DAYS = (-120, 400)  # expiry relative to today
_BIS_PERCENT = 3
_YOUNGEST_UNLIMITED = 26  # an unlimited permit five years old: issued at 21 or later
_EMAIL_DOMAINS = ("example.org", "example.net", "example.com")


def generate_demo(persons: int, seed: int, today: date) -> Iterator[tuple[Holder, Permit]]:
    """Yield ``persons`` (holder, permit) pairs; ids are None, the store links them."""
    rng = random.Random(seed)
    nationalities = list(NATIONALITIES)
    nationality_weights = [weight for weight, _ in NATIONALITIES.values()]
    cumulative_weights = _cumulative(nationality_weights)
    band_weights = _cumulative([weight for weight, _, _ in _AGE_BANDS])
    today_ordinal = today.toordinal()
    # Numbers drawn so far, as integers: a million of them in a set of strings would
    # weigh twice as much (issue 14, point 6: the demo of a million under 300 MB).
    national_numbers: set[int] = set()
    card_numbers: set[int] = set()
    for _ in range(persons):
        nationality = rng.choices(nationalities, cum_weights=cumulative_weights)[0]
        pool = NATIONALITIES[nationality][1]
        is_male = rng.random() < 0.55
        _, youngest, oldest = rng.choices(_AGE_BANDS, cum_weights=band_weights)[0]
        age = rng.randint(youngest, oldest)
        birth_date = _birth_date(rng, today, age)
        labour_market = rng.choice(_LABOUR_MARKETS)
        if labour_market is LabourMarket.UNLIMITED and age < _YOUNGEST_UNLIMITED:
            labour_market = LabourMarket.LIMITED
        expiry = date.fromordinal(today_ordinal + rng.randint(*_EXPIRY_DAYS))
        holder = _holder(rng, pool, nationality, is_male, birth_date)
        holder.national_number = _unique_national_number(rng, birth_date, is_male, national_numbers)
        permit = Permit(
            holder_id=None,
            card_number=_unique_card_number(rng, card_numbers),
            expiry=expiry,
            labour_market=labour_market,
            valid_from=_valid_from(rng, labour_market, expiry),
        )
        yield holder, permit
    logger.debug("generated %d demo holders (seed %d)", persons, seed)


def national_number_for(birth_date: date, serial: int, bis: bool = False) -> str:
    """The 11-digit national (or bis, month + 40) number for a birth date and serial.

    Check digits are ``97 - (first nine digits mod 97)``, with a ``2`` in front of the
    nine digits for people born from 2000 on (RULES.md, "National numbers").
    """
    month = birth_date.month + (40 if bis else 0)
    nine = (birth_date.year % 100) * 10_000_000 + month * 100_000 + birth_date.day * 1000 + serial
    if birth_date.year >= 2000:
        nine += 2_000_000_000
    return f"{nine % 1_000_000_000:09d}{97 - nine % 97:02d}"


def _cumulative(weights: list[int]) -> list[int]:
    total, result = 0, []
    for weight in weights:
        total += weight
        result.append(total)
    return result


def _birth_date(rng: random.Random, today: date, age: int) -> date:
    """A birth date on which the person is ``age`` years old on ``today``."""
    latest = _years_before(today, age)  # the birthday itself: age reached that day
    earliest = _years_before(today, age + 1) + timedelta(days=1)
    return date.fromordinal(rng.randint(earliest.toordinal(), latest.toordinal()))


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a common year
        return day.replace(year=day.year - years, day=28)


def _holder(
    rng: random.Random, pool: NamePool, nationality: str, is_male: bool, birth_date: date
) -> Holder:
    surname = pool.surname_for(rng.randrange(1 << 16), is_male)
    given_names = rng.choice(pool.male if is_male else pool.female)
    language = rng.choice(_LANGUAGES)
    street_fr, street_nl = rng.choice(STREETS)
    street = street_nl if language is Language.NL else street_fr
    postal_code, municipality_fr, municipality_nl = COMMUNE
    number = f"{street} {rng.randint(1, 180)}"
    if rng.random() < 0.3:
        number += f" {'bus' if language is Language.NL else 'bte'} {rng.randint(1, 12)}"
    flags = rng.random()
    return Holder(
        surname=surname,
        given_names=given_names,
        birth_date=birth_date,
        nationality=nationality,
        sex=Sex.MALE if is_male else Sex.FEMALE,
        language=language,
        address=Address(
            number, postal_code, municipality_nl if language is Language.NL else municipality_fr
        ),
        phone=f"+32 4{rng.randint(60, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
        f"{rng.randint(10, 99)}"
        if rng.random() < 0.7
        else "",
        email=_email(rng, given_names, surname) if rng.random() < 0.5 else "",
        hospitalised=flags < 0.01,
        detained=0.01 <= flags < 0.015,
        travelling=0.015 <= flags < 0.035,
    )


def _email(rng: random.Random, given_names: str, surname: str) -> str:
    """``firstname.surname42@example.org``, in ASCII (example domains are reserved, RFC 2606)."""
    parts = (given_names.split()[0], surname)
    local = ".".join(_ascii_word(part) for part in parts)
    return f"{local}{rng.randint(1, 99)}@{rng.choice(_EMAIL_DOMAINS)}"


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d").lower())
    return "".join(char for char in folded if char.isascii() and char.isalnum())


def _unique_national_number(
    rng: random.Random, birth_date: date, is_male: bool, taken: set[int]
) -> str:
    bis = rng.randrange(100) < _BIS_PERCENT
    while True:
        # Serials 001-997 odd for men, 002-998 even for women.
        serial = rng.randrange(1, 998, 2) if is_male else rng.randrange(2, 999, 2)
        number = national_number_for(birth_date, serial, bis)
        if int(number) not in taken:
            taken.add(int(number))
            return number


def _unique_card_number(rng: random.Random, taken: set[int]) -> str:
    """A card number not in ``taken`` (``B`` cards kept there as negative integers)."""
    while True:
        if rng.random() < 0.7:
            digits = rng.randrange(10**10)
            number, key = f"B{digits:010d}", -digits - 1
        else:  # the eID layout: ten digits and their mod-97 check (97 for 0)
            ten = rng.randrange(10**9, 10**10)
            number = f"{ten:010d}{ten % 97 or 97:02d}"
            key = int(number)
        if key not in taken:
            taken.add(key)
            return number


def _valid_from(rng: random.Random, labour_market: LabourMarket, expiry: date) -> date:
    if labour_market is LabourMarket.UNLIMITED:
        return _years_before(expiry, 5)
    if labour_market is LabourMarket.SEASONAL:
        return expiry - timedelta(days=rng.randint(90, 150))
    return expiry - timedelta(days=rng.randint(365, 3 * 365))
