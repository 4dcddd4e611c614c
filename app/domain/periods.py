"""R9: every legal period and count lives here, with the date from which it applies.

A decision uses the version in force on its own date (``periods_on``). When a royal decree
changes a period (the EU single-permit recast, Directive 2024/1233, is expected to), add a
new ``LegalPeriods`` row with its ``applies_from``; do not edit the old one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache


@dataclass(frozen=True)
class LegalPeriods:
    """The periods of RULES.md in force from ``applies_from`` on."""

    applies_from: date
    source: str
    renewal_notice_months: int  # R1: art. 33 §1 al. 2, "deux mois avant la date d'échéance"
    suspension_age: int  # R1: art. 33 §2, 3°, "âgé de 75 ans ou plus"
    annex49_renewal_days: int  # R2: art. 33 §5 al. 2, "trente jours"
    annex49_renewal_extensions: int  # R2: "prorogée à deux reprises"
    annex50_days: int  # R3: art. 105/3 §1 al. 2, "trente jours"
    annex50_extensions: int  # R3: "prorogée à trois reprises"
    decision_months: int  # R3: Law art. 61/25-5 §2, the delegate decides within four months
    work_loss_days: int  # R4: Law art. 61/25-2 §5, "délai de nonante jours"
    annex49_first_registration_days: int  # R5: art. 105/2 §4-5, "quarante-cinq jours"
    annex49_first_registration_extensions: int  # R5: "prorogée à deux reprises"


#: The AR of 12 November 2018 (MB 24 December 2018). Its text names no date of entry into
#: force, so the general rule applies: the tenth day after publication, 3 January 2019.
AR_2018_11_12 = LegalPeriods(
    applies_from=date(2019, 1, 3),
    source="AR 12.11.2018 (MB 24.12.2018)",
    renewal_notice_months=2,
    suspension_age=75,
    annex49_renewal_days=30,
    annex49_renewal_extensions=2,
    annex50_days=30,
    annex50_extensions=3,
    decision_months=4,
    work_loss_days=90,
    annex49_first_registration_days=45,
    annex49_first_registration_extensions=2,
)

PERIODS: tuple[LegalPeriods, ...] = (AR_2018_11_12,)


class NoLawInForce(ValueError):
    """The day is before the first version of the rules this application knows."""


@lru_cache(maxsize=4096)
def periods_on(day: date, table: tuple[LegalPeriods, ...] = PERIODS) -> LegalPeriods:
    """The version of the periods in force on ``day`` (the latest ``applies_from`` <= day)."""
    in_force = [row for row in table if row.applies_from <= day]
    if not in_force:
        first = min((row.applies_from for row in table), default=None)
        raise NoLawInForce(f"no single-permit rules known on {day} (first: {first})")
    return max(in_force, key=lambda row: row.applies_from)
