"""The rules R1-R6 of RULES.md as plain functions on dates and facts.

Each function returns what it decided together with ``Finding`` objects naming the rule
and the reason, so that the counter can explain every answer (see ``explain.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from app.domain.calendar import add_months, age_on, period_end
from app.domain.model import Annex, Case, LabourMarket, Permit, RenewalStatus
from app.domain.periods import LegalPeriods, periods_on


@dataclass(frozen=True)
class Finding:
    """One reason behind an answer: the rule it applies and a message code with its values."""

    rule: str
    code: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class RenewalCheck:
    """R1 for one permit on one day."""

    status: RenewalStatus
    window: RenewalStatus  # not_yet_due, due or expired, whatever the suspension
    due_from: date
    suspension: str | None  # "hospitalised", "detained", "aged_75" or None
    finding: Finding


@dataclass(frozen=True)
class Grant:
    """An annex that may be issued today: which one, until when, and how it may be extended."""

    annex: Annex
    valid_until: date | None
    max_extensions: int
    extension_days: int | None
    variant: str = ""  # annex 49: "renewal" (R2) or "first_registration" (R5)


_RENEWAL_CASES: Mapping[LabourMarket, Case] = {
    LabourMarket.LIMITED: Case.LIMITED_RENEWAL,
    LabourMarket.UNLIMITED: Case.UNLIMITED_RENEWAL,
}


def renewal_case(labour_market: LabourMarket) -> Case | None:
    """The renewal procedure a single permit's labour-market mention implies: limited → R2
    (the regional authority renews the authorisation, art. 33 §5), unlimited → R3 (the
    commune renews the residence, art. 105/3); any other mention is no single permit."""
    return _RENEWAL_CASES.get(labour_market)


def proposed_case(permit: Permit | None) -> Case:
    """The case the counter proposes for a holder (the clerk confirms or changes it): a
    first registration (R5) without a permit, else the renewal the mention implies, the
    limited renewal (R2) when the mention implies none."""
    if permit is None:
        return Case.FIRST_REGISTRATION
    return proposed_renewal_case(permit.labour_market)


def proposed_renewal_case(labour_market: LabourMarket) -> Case:
    """The renewal the mention implies, the limited renewal (R2) when it implies none."""
    return renewal_case(labour_market) or Case.LIMITED_RENEWAL


@lru_cache(maxsize=8192)  # the working list asks this for thousands of permits
def renewal_due_from(expiry: date, periods: LegalPeriods) -> date:
    """R1 (art. 33 §1 al. 2): renewal is due from two calendar months before expiry."""
    return add_months(expiry, -periods.renewal_notice_months)


def renewal_window(expiry: date, today: date, periods: LegalPeriods) -> tuple[RenewalStatus, date]:
    """R1 without the suspensions: not yet due, due (from expiry - 2 months up to and
    including expiry) or expired; with the first day it is due."""
    due_from = renewal_due_from(expiry, periods)
    if today < due_from:
        return RenewalStatus.NOT_YET_DUE, due_from
    if today <= expiry:
        return RenewalStatus.DUE, due_from
    return RenewalStatus.EXPIRED, due_from


def suspension_reason(
    today: date,
    periods: LegalPeriods,
    birth_date: date | None,
    hospitalised: bool,
    detained: bool,
    travelling: bool,
) -> str | None:
    """R1 (art. 33 §2): why the obligation to ask for renewal is suspended today, if it is.

    The age suspension (75 or more on the day considered) does not hold for a holder who
    must travel.
    """
    if hospitalised:
        return "hospitalised"
    if detained:
        return "detained"
    if (
        birth_date is not None
        and age_on(birth_date, today) >= periods.suspension_age
        and not travelling
    ):
        return "aged_75"
    return None


def check_renewal(
    expiry: date,
    today: date,
    *,
    birth_date: date | None = None,
    hospitalised: bool = False,
    detained: bool = False,
    travelling: bool = False,
) -> RenewalCheck:
    """R1: not yet due, due (from expiry - 2 months up to and including expiry), expired,
    or suspended (a due or expired renewal whose obligation art. 33 §2 suspends)."""
    periods = periods_on(today)
    window, due_from = renewal_window(expiry, today, periods)
    reason = None
    if window is not RenewalStatus.NOT_YET_DUE:
        reason = suspension_reason(today, periods, birth_date, hospitalised, detained, travelling)
    status = RenewalStatus.SUSPENDED if reason else window
    code = f"r1_suspended_{reason}" if reason else f"r1_{window.value}"
    finding = Finding("R1", code, {"due_from": due_from, "expiry": expiry})
    return RenewalCheck(status, window, due_from, reason, finding)


def annex49_after_renewal(
    today: date,
    expiry: date,
    due_from: date,
    *,
    renewal_filed_on: date | None,
    regional_attestation: bool,
    decision_taken: bool,
) -> tuple[Grant | None, list[Finding]]:
    """R2 (art. 33 §5): annex 49 for a limited permit whose renewal is pending.

    Only from the expiry date on (before it a decision may still come), only on a renewal
    filed at the commune "conformément au paragraphe 1er, alinéa 2" and not yet decided,
    and only if the holder produces the regional authority's attestation that the
    application is admissible and complete. A renewal filed after the permit expired is not
    such a renewal: no annex 49, and the decree provides no other provisional document for
    it (the decision of the regional authority and the Immigration Office is awaited). A
    renewal filed before it was due is warned about, not refused.
    """
    periods = periods_on(today)
    findings: list[Finding] = []
    if renewal_filed_on is not None and renewal_filed_on < due_from:
        findings.append(Finding("R2", "r2_filed_early", {"filed_on": renewal_filed_on}))
    if decision_taken:
        return None, [*findings, Finding("R2", "decision_taken")]
    if renewal_filed_on is None:
        return None, [*findings, Finding("R2", "r2_not_filed")]
    if not filed_in_time(renewal_filed_on, expiry):
        late = {"filed_on": renewal_filed_on, "expiry": expiry}
        return None, [Finding("R2", "r2_filed_late", late)]
    if today < expiry:
        return None, [*findings, Finding("R2", "r2_before_expiry", {"expiry": expiry})]
    if not regional_attestation:
        return None, [*findings, Finding("R2", "r2_no_attestation")]
    days = periods.annex49_renewal_days
    grant = Grant(
        Annex.A49, period_end(today, days), periods.annex49_renewal_extensions, days, "renewal"
    )
    return grant, [*findings, _granted("R2", grant)]


def filed_in_time(renewal_filed_on: date, expiry: date) -> bool:
    """R2 (art. 33 §5 with §1 al. 2): a renewal filed on or before the permit's expiry
    date was filed under §1 al. 2; one filed after it was not."""
    return renewal_filed_on <= expiry


def decision_due_on(filed_on: date) -> date:
    """R3 (Law art. 61/25-5 §2 al. 1): the Immigration Office decides within four months of
    the filing, counted in calendar months like R1 (filed 31 October → 28 or 29 February).
    Art. 105/3 §3: the Office may extend that period; the new date is recorded on the file.
    """
    return add_months(filed_on, periods_on(filed_on).decision_months)


def longest_cover(issued_on: date | None, days: int | None, extensions: int) -> date | None:
    """R6: the last day an attestation can cover once every extension it allows is used
    (annex 50: 30 days and three extensions of 30, so 120 days after issue)."""
    if issued_on is None or days is None:
        return None
    return period_end(issued_on, days * (1 + extensions))


def cover_gap(issued_on: date, days: int | None, extensions: int, decision_due: date) -> int:
    """R3: how many days the longest cover of an annex 50 ends before the decision is due
    (0 when it lasts until then). Four calendar months hold 120 to 123 days, so 120 days
    of cover fall 1 to 3 days short for most filing dates."""
    last = longest_cover(issued_on, days, extensions)
    return max(0, (decision_due - last).days) if last is not None else 0


def annex50_or_41(
    today: date,
    window: RenewalStatus,
    *,
    missing_documents: tuple[str, ...],
    decision_taken: bool,
    due_from: date | None = None,
) -> tuple[Grant | None, list[Finding]]:
    """R3 (art. 105/3): annex 50 when every required document is there, annex 41 otherwise.

    §1 sets no earliest date: a renewal presented before R1 makes it due is received like
    any other (R1's status stays "not yet due"; the obligation to come has not started).
    Annex 41's copy goes to the Immigration Office "sans délai" (§2 al. 2), as does the
    application with annex 50's copy (§1 al. 3). With annex 50 the findings name the date
    the decision is due (four months, Law art. 61/25-5 §2) and warn when the annex's
    longest cover ends before it.
    """
    periods = periods_on(today)
    if decision_taken:
        return None, [Finding("R3", "decision_taken")]
    findings: list[Finding] = []
    if window is RenewalStatus.NOT_YET_DUE:
        findings.append(Finding("R3", "r3_filed_early", {"due_from": due_from or today}))
    elif window is RenewalStatus.EXPIRED:
        findings.append(Finding("R3", "r3_filed_late"))
    if missing_documents:
        grant = Grant(Annex.A41, None, 0, None)
        missing = Finding("R3", "r3_missing", {"missing": tuple(missing_documents)})
        return grant, [*findings, missing, Finding("R3", "r3_copy_41")]
    days = periods.annex50_days
    grant = Grant(Annex.A50, period_end(today, days), periods.annex50_extensions, days)
    findings += [_granted("R3", grant), Finding("R3", "r3_transmit")]
    decision_due = decision_due_on(today)
    findings.append(Finding("R3", "r3_decision_due", {"decision_due": decision_due}))
    gap = cover_gap(today, days, grant.max_extensions, decision_due)
    if gap:
        cover_end = longest_cover(today, days, grant.max_extensions)
        values = {"cover_end": cover_end, "decision_due": decision_due, "days": gap}
        findings.append(Finding("R3", "r3_cover_gap", values))
    return grant, findings


def work_loss_period_end(work_authorisation_ended_on: date) -> date:
    """R4 (Law art. 61/25-2 §5): the last day of the 90-day period, counted as in R6."""
    periods = periods_on(work_authorisation_ended_on)
    return period_end(work_authorisation_ended_on, periods.work_loss_days)


#: R4's condition: the regional authority's notice ending the work authorisation, which
#: gives the date the 90-day period runs from.
R4_CONDITION = "work_end_notice"


def annex51(
    today: date,
    expiry: date,
    *,
    work_authorisation_ended_on: date,
    stay_ended: bool,
    missing_documents: tuple[str, ...] = (),
) -> tuple[Grant | None, list[Finding]]:
    """R4 (art. 105/4): annex 51, valid to the end of the 90-day period, when the residence
    document expires on the day the work authorisation ends or within the 90 days after it,
    and no decision has ended the stay. Family members receive the same document with the
    same validity."""
    period_last_day = work_loss_period_end(work_authorisation_ended_on)
    values = {"ended_on": work_authorisation_ended_on, "period_end": period_last_day}
    if stay_ended:
        return None, [Finding("R4", "r4_stay_ended")]
    if R4_CONDITION in missing_documents:
        return None, [Finding("R4", "r4_missing", {"missing": (R4_CONDITION,)})]
    if today < work_authorisation_ended_on:
        return None, [Finding("R4", "r4_not_ended_yet", values)]
    # Art. 31 §2: a limited permit lasts as long as the work authorisation, so a permit
    # expiring on the day the authorisation ends is the normal case of art. 105/4.
    if expiry < work_authorisation_ended_on:
        return None, [Finding("R4", "r4_expired_before", {**values, "expiry": expiry})]
    if expiry > period_last_day:
        return None, [Finding("R4", "r4_expires_after", {**values, "expiry": expiry})]
    if today > period_last_day:
        return None, [Finding("R4", "r4_period_over", values)]
    grant = Grant(Annex.A51, period_last_day, 0, None)
    return grant, [Finding("R4", "r4_granted", {**values, "valid_until": period_last_day})]


#: R5's conditions (art. 105/2 §4-5): the decision always, the visa for who came from abroad.
R5_CONDITIONS = ("decision",)
R5_CONDITIONS_FROM_ABROAD = ("decision", "visa")


def annex49_first_registration(
    today: date, *, missing_documents: tuple[str, ...], from_abroad: bool = False
) -> tuple[Grant | None, list[Finding]]:
    """R5 (art. 105/2 §4-5): annex 49 "immédiatement", 45 days, extendable twice, once the
    holder shows the authorisation (annex 46 or 47) and, coming from abroad (§4), the
    long-stay visa. Other missing items do not hold the annex back: they are noted.

    Only §5 (a holder already in Belgium) asks for a residence document the holder has to
    be handed in; §4 (from abroad, with the visa) does not, so no such finding there."""
    periods = periods_on(today)
    conditions = R5_CONDITIONS_FROM_ABROAD if from_abroad else R5_CONDITIONS
    blocking = tuple(item for item in missing_documents if item in conditions)
    if blocking:
        return None, [Finding("R5", "r5_missing", {"missing": blocking})]
    days = periods.annex49_first_registration_days
    grant = Grant(
        Annex.A49,
        period_end(today, days),
        periods.annex49_first_registration_extensions,
        days,
        "first_registration",
    )
    findings = [_granted("R5", grant)]
    if not from_abroad:
        findings.append(Finding("R5", "r5_hand_in"))
    others = tuple(item for item in missing_documents if item not in conditions)
    if others:
        findings.append(Finding("R5", "r5_still_missing", {"missing": others}))
    return grant, findings


def _granted(rule: str, grant: Grant) -> Finding:
    return Finding(
        rule,
        "granted",
        {
            "annex": grant.annex.value,
            "valid_until": grant.valid_until,
            "days": grant.extension_days,
            "extensions": grant.max_extensions,
        },
    )


def extension_rule(annex: Annex, variant: str) -> str:
    """The rule that sets an annex's extensions: R2 or R5 for annex 49, R3 for 50, R4 for 51."""
    if annex is Annex.A49:
        return "R5" if variant == "first_registration" else "R2"
    return {Annex.A50: "R3", Annex.A41: "R3", Annex.A51: "R4"}[annex]


@dataclass(frozen=True)
class ExtensionDecision:
    new_valid_until: date | None
    findings: tuple[Finding, ...]

    @property
    def allowed(self) -> bool:
        return self.new_valid_until is not None


def extend(
    annex: Annex,
    variant: str,
    valid_until: date | None,
    extensions_used: int,
    max_extensions: int,
    extension_days: int | None,
    today: date,
    decided: bool = False,
    filed_late: bool = False,
) -> ExtensionDecision:
    """R6 with R2/R3/R5: an extension adds the same duration to the previous end date.

    Refused past the legal maximum, for annexes that have no extension (41, 51), for an
    attestation that has already lapsed (a lapsed attestation can no longer be extended),
    and once the application is decided: the attestation covers the stay only while the
    decision is pending (art. 33 §5, art. 105/3 §1). ``filed_late``: an annex 49 after
    renewal whose renewal was filed after the permit expired (issued before R2 refused
    that) is not extended either: its new version would print a filing under art. 33 §1
    al. 2 that did not happen.
    ``max_extensions`` and ``extension_days`` are those recorded when the document was
    issued, so the law in force on its issue date keeps governing it (R9).
    """
    rule = extension_rule(annex, variant)
    if valid_until is None or extension_days is None or max_extensions == 0:
        return ExtensionDecision(
            None, (Finding(rule, "ext_not_extendable", {"annex": annex.value}),)
        )
    if decided:
        return ExtensionDecision(None, (Finding(rule, "ext_decided", {"annex": annex.value}),))
    if filed_late:
        return ExtensionDecision(None, (Finding(rule, "ext_filed_late", {"annex": annex.value}),))
    if extensions_used >= max_extensions:
        limit = {"annex": annex.value, "max": max_extensions}
        return ExtensionDecision(None, (Finding(rule, "ext_maximum", limit),))
    if today > valid_until:
        return ExtensionDecision(None, (Finding("R6", "ext_lapsed", {"valid_until": valid_until}),))
    new_end = period_end(valid_until, extension_days)
    values: dict[str, object] = {
        "valid_until": new_end,
        "number": extensions_used + 1,
        "max": max_extensions,
        "days": extension_days,
    }
    return ExtensionDecision(new_end, (Finding("R6", "ext_granted", values),))
