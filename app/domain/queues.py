"""The counter's work queues and the rule that puts a holder's current permit on one of the
renewal queues (R1, art. 33 §1 al. 2 and §2).

A permit is on a renewal queue until the register shows the renewal dealt with
(:func:`renewal_queue`'s ``covered``): an annex 49 (R2, art. 33 §5) or 50 (R3, art. 105/3
§1) not annulled, an annex 51 (R4, art. 105/4), or a file closed by an outcome (R3 §4-6,
R5, art. 105/6). A filing date alone is no cover: a wizard cancelled after the facts page
leaves one behind. An annex 41 (R3 §2, not taken into consideration) is no cover either:
the holder must still renew.

Over a million permits the queues are read in SQL: :func:`renewal_bounds` turns R1's
calendar arithmetic into ranges of expiry and birth dates that an index can answer, and
:func:`renewal_queue` is the same rule on one permit (the holder page's status line).
Both rest on :func:`app.domain.rules.renewal_window`; tests check they agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from app.domain.calendar import add_months, age_on
from app.domain.model import RenewalStatus
from app.domain.periods import LegalPeriods
from app.domain.rules import renewal_due_from, renewal_window


class Queue(StrEnum):
    """The Today view's queues, in the order it shows them (the values are the names the
    ``due`` command and the screen's object names use)."""

    DUE = "due"  # R1: due from expiry − 2 months up to expiry
    SOON = "soon"  # R1: becomes due within the reminder window
    EXPIRED = "expired"  # R1: expired without a covered renewal
    SUSPENDED = "suspended"  # R1, art. 33 §2: due or expired, the obligation suspended
    ATTESTATIONS_ENDING = "expiring_documents"  # annex 49/50 ending within the week
    DECISIONS = "decisions"  # R3: the decision awaited after annex 50 (Law 61/25-5 §2)
    INFORMATION_REQUESTS = "information_requests"  # R3 §7: information requested
    TRANSMISSIONS = "transmissions"  # art. 105/3 §1-2: to send to the Immigration Office
    RESIDENCE_CHECKS = "residence_checks"  # R5: art. 105/2 §4-5
    STAYS_ENDED = "stays_ended"  # art. 105/6: annex 52

    @property
    def is_renewal(self) -> bool:
        return self in RENEWAL_QUEUES


RENEWAL_QUEUES = frozenset({Queue.DUE, Queue.SOON, Queue.EXPIRED, Queue.SUSPENDED})

#: How far back an expired permit without a covered renewal stays on the list.
EXPIRED_LOOKBACK_DAYS = 365


def last_expiry_due_by(day: date, periods: LegalPeriods) -> date:
    """The latest expiry date whose renewal is due on or before ``day`` (R1). Expiries are
    mapped to due dates by calendar months clamped to the month's end, so several expiries
    share one due date (30 April, 29 April → 28 February): this finds the last of them."""
    expiry = add_months(day, periods.renewal_notice_months)
    while renewal_due_from(expiry, periods) > day:
        expiry -= timedelta(days=1)
    while renewal_due_from(expiry + timedelta(days=1), periods) <= day:
        expiry += timedelta(days=1)
    return expiry


def last_birth_date_aged(day: date, age: int) -> date:
    """The latest birth date of someone ``age`` or more on ``day`` (R1, art. 33 §2, 3°)."""
    born = add_months(day, -12 * age)
    while age_on(born, day) < age:
        born -= timedelta(days=1)
    while age_on(born + timedelta(days=1), day) >= age:
        born += timedelta(days=1)
    return born


@dataclass(frozen=True)
class RenewalBounds:
    """R1 on ``today`` as date ranges, inclusive: a current, uncovered permit is

    - due when its expiry is in [``today``, ``due_until``],
    - soon due when in (``due_until``, ``soon_until``],
    - expired when in [``expired_from``, ``today``),

    and due or expired but suspended when the holder is in hospital, detained, or born on
    or before ``aged_born_until`` and not required to travel."""

    today: date
    due_until: date
    soon_until: date
    expired_from: date
    aged_born_until: date


def renewal_bounds(
    today: date,
    periods: LegalPeriods,
    soon_days: int,
    lookback_days: int = EXPIRED_LOOKBACK_DAYS,
) -> RenewalBounds:
    return RenewalBounds(
        today=today,
        due_until=last_expiry_due_by(today, periods),
        soon_until=last_expiry_due_by(today + timedelta(days=soon_days), periods),
        expired_from=today - timedelta(days=lookback_days),
        aged_born_until=last_birth_date_aged(today, periods.suspension_age),
    )


def renewal_queue(
    expiry: date,
    today: date,
    periods: LegalPeriods,
    soon_days: int,
    suspension: str | None,
    covered: bool,
    lookback_days: int = EXPIRED_LOOKBACK_DAYS,
) -> Queue | None:
    """The renewal queue of one current permit, or None: ``suspension`` is
    :func:`app.domain.rules.suspension_reason` on ``today``; ``covered`` whether the
    register shows the renewal dealt with (this module's docstring)."""
    if covered:
        return None
    window, due_from = renewal_window(expiry, today, periods)
    if window is RenewalStatus.NOT_YET_DUE:
        return Queue.SOON if due_from <= today + timedelta(days=soon_days) else None
    if window is RenewalStatus.EXPIRED and expiry < today - timedelta(days=lookback_days):
        return None
    if suspension:
        return Queue.SUSPENDED
    return Queue.DUE if window is RenewalStatus.DUE else Queue.EXPIRED
