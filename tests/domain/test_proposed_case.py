"""Which case the counter proposes: the labour-market mention's renewal (R2, R3), a first
registration (R5) without a permit; the card and the wizard share this one rule."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.model import Case, LabourMarket, Permit
from app.domain.rules import proposed_case, renewal_case


@pytest.mark.parametrize(
    ("mention", "case"),
    [
        (LabourMarket.LIMITED, Case.LIMITED_RENEWAL),
        (LabourMarket.UNLIMITED, Case.UNLIMITED_RENEWAL),
        (LabourMarket.NONE, None),
        (LabourMarket.SEASONAL, None),
    ],
)
def test_the_mention_implies_the_renewal(mention: LabourMarket, case: Case | None) -> None:
    assert renewal_case(mention) is case


def test_no_permit_is_a_first_registration() -> None:
    assert proposed_case(None) is Case.FIRST_REGISTRATION


@pytest.mark.parametrize(
    ("mention", "case"),
    [
        (LabourMarket.UNLIMITED, Case.UNLIMITED_RENEWAL),
        (LabourMarket.LIMITED, Case.LIMITED_RENEWAL),
        (LabourMarket.SEASONAL, Case.LIMITED_RENEWAL),
    ],
)
def test_a_permit_proposes_its_renewal(mention: LabourMarket, case: Case) -> None:
    assert proposed_case(Permit(1, "B000000001", date(2027, 1, 31), mention)) is case
