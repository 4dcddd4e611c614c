"""Both backends under the services (``store`` is ``any_store``); renewal files for each
case of RULES.md, set up so that today (23 November 2026) the rules grant their annex; a
test changes one fact to see a refusal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest

from app.domain.model import Case, LabourMarket, RenewalFile
from app.store import Store


@pytest.fixture
def store(any_store: Store) -> Store:
    """The services suite runs on both backends (``any_store``); tests about the file
    itself are marked ``sqlite_only``."""
    return any_store


@dataclass
class Scenarios:
    make: Any
    today: date

    def r2(self, **changes: Any) -> RenewalFile:
        """Limited permit expired 3 days ago, renewal filed in time, regional attestation
        produced: annex 49 (renewal), 30 days, twice."""
        holder = self.make.holder()
        permit = self.make.permit(holder, self.today - timedelta(days=3))
        facts = {"renewal_filed_on": self.today - timedelta(days=40), "regional_attestation": True}
        return self.make.file(holder, permit, Case.LIMITED_RENEWAL, **{**facts, **changes})

    def r3(self, **changes: Any) -> RenewalFile:
        """Unlimited permit due (expires in 20 days), every document there: annex 50;
        with ``missing_documents``: annex 41."""
        holder = self.make.holder()
        permit = self.make.permit(
            holder, self.today + timedelta(days=20), labour_market=LabourMarket.UNLIMITED
        )
        return self.make.file(holder, permit, Case.UNLIMITED_RENEWAL, **changes)

    def r4(self, family: int = 2, **changes: Any) -> RenewalFile:
        """Work authorisation ended 30 days ago, permit expires within the 90 days: annex 51
        for the holder and each family member on the file."""
        holder = self.make.holder()
        permit = self.make.permit(holder, self.today + timedelta(days=20))
        members = tuple(self.make.family_member(holder).id for _ in range(family))
        facts = {
            "work_authorisation_ended_on": self.today - timedelta(days=30),
            "family_member_ids": members,
        }
        return self.make.file(holder, permit, Case.WORK_AUTHORISATION_ENDED, **{**facts, **changes})

    def r5(self, **changes: Any) -> RenewalFile:
        """First registration after an annex 46 decision: annex 49, 45 days, twice."""
        holder = self.make.holder()
        return self.make.file(holder, None, Case.FIRST_REGISTRATION, **changes)


@pytest.fixture
def scenarios(make, today: date) -> Scenarios:
    return Scenarios(make, today)
