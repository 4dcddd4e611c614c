"""The counter's question, answered in one call.

"For this file, today, which annex may be issued, valid until when, how many extensions,
and why?" ``assess`` routes the facts of a file to the rules of its case (R1-R5) and
gathers their findings into one ``Assessment``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.explain import explain
from app.domain.model import Annex, Case, Language, RenewalStatus
from app.domain.rules import (
    Finding,
    Grant,
    annex49_after_renewal,
    annex49_first_registration,
    annex50_or_41,
    annex51,
    check_renewal,
)


class FactsError(ValueError):
    """The facts are incomplete or impossible; the message says which field and why."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field_name = field_name


@dataclass(frozen=True)
class Facts:
    """What the clerk knows about one renewal file on one day (the ``assess`` contract)."""

    today: date
    case: Case
    permit_expiry: date | None = None
    birth_date: date | None = None
    hospitalised: bool = False
    detained: bool = False
    travelling: bool = False
    renewal_filed_on: date | None = None  # R2
    regional_attestation: bool = False  # R2
    decision_taken: bool = False  # R2, R3
    missing_documents: tuple[str, ...] = ()  # R3, R5
    from_abroad: bool = False  # R5: came with a long-stay visa (art. 105/2 §4)
    work_authorisation_ended_on: date | None = None  # R4
    stay_ended: bool = False  # R4


@dataclass(frozen=True)
class Assessment:
    """The domain's answer for one file on one day."""

    renewal: RenewalStatus | None
    renewal_due_from: date | None
    grant: Grant | None
    findings: tuple[Finding, ...]

    @property
    def annex(self) -> Annex | None:
        return self.grant.annex if self.grant else None

    @property
    def valid_until(self) -> date | None:
        return self.grant.valid_until if self.grant else None

    @property
    def max_extensions(self) -> int:
        return self.grant.max_extensions if self.grant else 0

    @property
    def extension_days(self) -> int | None:
        return self.grant.extension_days if self.grant else None

    @property
    def rules(self) -> tuple[str, ...]:
        """The rule ids applied, in order, each once."""
        return tuple(dict.fromkeys(finding.rule for finding in self.findings))

    def explanation(self, language: Language | str = Language.FR) -> str:
        """The findings as sentences in fr, nl, de (or en, for maintainers)."""
        return explain(self.findings, str(language))


def assess(facts: Facts) -> Assessment:
    """Apply R1 and the rule of the file's case to the facts; raise ``FactsError`` on
    missing or impossible facts."""
    _check(facts)
    if facts.case is Case.FIRST_REGISTRATION:
        grant, findings = annex49_first_registration(
            facts.today, missing_documents=facts.missing_documents, from_abroad=facts.from_abroad
        )
        return Assessment(None, None, grant, tuple(findings))

    assert facts.permit_expiry is not None  # checked above
    renewal = check_renewal(
        facts.permit_expiry,
        facts.today,
        birth_date=facts.birth_date,
        hospitalised=facts.hospitalised,
        detained=facts.detained,
        travelling=facts.travelling,
    )
    if facts.case is Case.LIMITED_RENEWAL:
        grant, findings = annex49_after_renewal(
            facts.today,
            facts.permit_expiry,
            renewal.due_from,
            renewal_filed_on=facts.renewal_filed_on,
            regional_attestation=facts.regional_attestation,
            decision_taken=facts.decision_taken,
        )
    elif facts.case is Case.UNLIMITED_RENEWAL:
        grant, findings = annex50_or_41(
            facts.today,
            renewal.window,
            missing_documents=facts.missing_documents,
            decision_taken=facts.decision_taken,
            due_from=renewal.due_from,
        )
    else:
        assert facts.work_authorisation_ended_on is not None  # checked above
        grant, findings = annex51(
            facts.today,
            facts.permit_expiry,
            work_authorisation_ended_on=facts.work_authorisation_ended_on,
            stay_ended=facts.stay_ended,
            missing_documents=facts.missing_documents,
        )
        # R4 is no renewal: the explanation starts with the end of the work authorisation,
        # not with R1's "renewal due" (the status stays in the answer for the record).
        return Assessment(renewal.status, renewal.due_from, grant, tuple(findings))
    return Assessment(renewal.status, renewal.due_from, grant, (renewal.finding, *findings))


def _check(facts: Facts) -> None:
    if facts.case is not Case.FIRST_REGISTRATION and facts.permit_expiry is None:
        raise FactsError("permit_expiry", "required for this case")
    if facts.case is Case.WORK_AUTHORISATION_ENDED and facts.work_authorisation_ended_on is None:
        raise FactsError("work_authorisation_ended_on", "required for this case")
    if facts.renewal_filed_on is not None and facts.renewal_filed_on > facts.today:
        raise FactsError("renewal_filed_on", "cannot be after today")
    if facts.birth_date is not None and facts.birth_date > facts.today:
        raise FactsError("birth_date", "cannot be after today")
