"""The counter's working list (R1): who is due, soon due, expired without filing,
suspended, and which open attestations (annex 49/50) end within a week."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from app.domain.calendar import add_months
from app.domain.model import RenewalStatus
from app.domain.periods import periods_on
from app.domain.rules import renewal_window, suspension_reason
from app.services.desk import Desk
from app.store import Store
from app.store.worklist import current_permits, open_attestations

#: How far back an expired permit without a filed renewal stays on the list.
EXPIRED_LOOKBACK_DAYS = 365


@dataclass(frozen=True)
class WorklistRow:
    holder_id: int
    file_id: int | None
    document_number: str | None
    surname: str
    given_names: str
    national_number: str | None
    card_number: str
    permit_expiry: date | None
    due_from: date | None
    valid_until: date | None
    reason: str  # suspension reason (hospitalised, detained, aged_75) or annex ("49", "50")


@dataclass
class Worklist:
    due: list[WorklistRow] = field(default_factory=list)
    soon: list[WorklistRow] = field(default_factory=list)
    expired: list[WorklistRow] = field(default_factory=list)
    suspended: list[WorklistRow] = field(default_factory=list)
    expiring_documents: list[WorklistRow] = field(default_factory=list)


def todays_worklist(desk: Desk, soon_days: int = 30) -> Worklist:
    """The counter's lists on the desk's today (``permitdesk due`` and the Today view)."""
    return load_worklist(desk.store, desk.today(), soon_days=soon_days)


def load_worklist(
    store: Store, today: date, soon_days: int = 30, expiring_days: int = 7
) -> Worklist:
    """Classify current permits with R1 and list attestations that need an extension or
    an outcome. A permit whose renewal has been filed on an open file is in progress and
    leaves the renewal lists."""
    worklist = Worklist()
    horizon = add_months(today + timedelta(days=soon_days), 2) + timedelta(days=3)
    candidates = current_permits(store, today - timedelta(days=EXPIRED_LOOKBACK_DAYS), horizon)
    periods = periods_on(today)
    for permit in candidates:
        if permit.renewal_filed_on is not None:
            continue
        window, due_from = renewal_window(permit.expiry, today, periods)
        reason = None
        if window is not RenewalStatus.NOT_YET_DUE:
            reason = suspension_reason(
                today,
                periods,
                permit.birth_date,
                permit.hospitalised,
                permit.detained,
                permit.travelling,
            )
        elif due_from > today + timedelta(days=soon_days):
            continue
        row = WorklistRow(
            holder_id=permit.holder_id,
            file_id=permit.open_file_id,
            document_number=None,
            surname=permit.surname,
            given_names=permit.given_names,
            national_number=permit.national_number,
            card_number=permit.card_number,
            permit_expiry=permit.expiry,
            due_from=due_from,
            valid_until=None,
            reason=reason or "",
        )
        if reason:
            worklist.suspended.append(row)
        elif window is RenewalStatus.DUE:
            worklist.due.append(row)
        elif window is RenewalStatus.EXPIRED:
            worklist.expired.append(row)
        else:
            worklist.soon.append(row)
    for attestation in open_attestations(store, today, today + timedelta(days=expiring_days)):
        worklist.expiring_documents.append(
            WorklistRow(
                holder_id=attestation.holder_id,
                file_id=attestation.file_id,
                document_number=str(attestation.number),
                surname=attestation.surname,
                given_names=attestation.given_names,
                national_number=attestation.national_number,
                card_number="",
                permit_expiry=None,
                due_from=None,
                valid_until=attestation.valid_until,
                reason=attestation.annex.value,
            )
        )
    return worklist
