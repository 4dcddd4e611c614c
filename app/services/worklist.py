"""The counter's working list: who is due, soon due, expired without filing, suspended (R1),
which open attestations (annex 49/50) end within a week, and every deadline the law sets on
an open file: the Immigration Office's decision after an annex 50 (Law art. 61/25-5 §2,
art. 105/3 §3) with a warning when the annex's cover ends first, requests for more
information with their deadline (§7), first registrations waiting for the residence check
(R5, art. 105/2 §4-5), and stays ended (annex 52, art. 105/6)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from app.domain.calendar import add_months
from app.domain.model import RenewalStatus
from app.domain.periods import periods_on
from app.domain.rules import (
    cover_gap,
    decision_due_on,
    longest_cover,
    renewal_window,
    suspension_reason,
)
from app.services.desk import Desk
from app.store import Store
from app.store.worklist import (
    FileRow,
    awaiting_residence_check,
    current_permits,
    open_attestations,
    open_requests,
    pending_decisions,
    stays_ended,
)

#: How far back an expired permit without a filed renewal stays on the list.
EXPIRED_LOOKBACK_DAYS = 365
#: How long a decision ending the stay (annex 52) stays on the list after its date.
STAY_ENDED_LOOKBACK_DAYS = 60

#: ``WorklistRow.reason`` on the deadline queues.
COVER_GAP = "cover_gap"  # annex 50's longest cover ends before the decision is due
OVERDUE = "overdue"  # the deadline has passed


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
    # suspension reason (hospitalised, detained, aged_75), annex ("49", "50"), or on the
    # deadline queues COVER_GAP, OVERDUE or ""
    reason: str
    queue: str = ""  # the deadline queue (a Worklist attribute); such a row opens its file
    since: date | None = None  # filed, requested, registered or stay ended on
    deadline: date | None = None  # decision due, information due
    cover_until: date | None = None  # the last day the attestation can cover, if extended
    cover_gap_days: int = 0  # days between cover_until and the decision's deadline
    note: str = ""  # the clerk's note on the event


@dataclass
class Worklist:
    due: list[WorklistRow] = field(default_factory=list)
    soon: list[WorklistRow] = field(default_factory=list)
    expired: list[WorklistRow] = field(default_factory=list)
    suspended: list[WorklistRow] = field(default_factory=list)
    expiring_documents: list[WorklistRow] = field(default_factory=list)
    decisions: list[WorklistRow] = field(default_factory=list)
    information_requests: list[WorklistRow] = field(default_factory=list)
    residence_checks: list[WorklistRow] = field(default_factory=list)
    stays_ended: list[WorklistRow] = field(default_factory=list)


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
    _add_deadlines(worklist, store, today)
    return worklist


def _add_deadlines(worklist: Worklist, store: Store, today: date) -> None:
    for row in pending_decisions(store):
        worklist.decisions.append(_decision(row, today))
    for row in open_requests(store):
        late = row.due_on is not None and row.due_on < today
        worklist.information_requests.append(
            _file_row(row, "information_requests", OVERDUE if late else "", row.event_on)
        )
    for row in awaiting_residence_check(store):
        cover = longest_cover(row.issued_on, row.extension_days, row.max_extensions)
        worklist.residence_checks.append(
            _file_row(row, "residence_checks", "", row.issued_on or row.opened_on, cover)
        )
    for row in stays_ended(store, today - timedelta(days=STAY_ENDED_LOOKBACK_DAYS)):
        worklist.stays_ended.append(_file_row(row, "stays_ended", "", row.event_on))


def _decision(row: FileRow, today: date) -> WorklistRow:
    """R3: the decision is due four months after the annex 50 that attests the filing
    (Law art. 61/25-5 §2), or on the date of the last extension (art. 105/3 §3); the
    annex's longest cover uses the periods recorded when it was issued (R9)."""
    assert row.issued_on is not None
    due = row.due_on or decision_due_on(row.issued_on)
    cover = longest_cover(row.issued_on, row.extension_days, row.max_extensions)
    gap = cover_gap(row.issued_on, row.extension_days, row.max_extensions, due)
    # Past the period without a negative decision, annex 47 applies (art. 105/3 §5).
    reason = OVERDUE if due < today else COVER_GAP if gap else ""
    return _file_row(row, "decisions", reason, row.issued_on, cover, due, gap)


def _file_row(
    row: FileRow,
    queue: str,
    reason: str,
    since: date | None,
    cover_until: date | None = None,
    deadline: date | None = None,
    gap: int = 0,
) -> WorklistRow:
    return WorklistRow(
        holder_id=row.holder_id,
        file_id=row.file_id,
        document_number=str(row.number) if row.number else None,
        surname=row.surname,
        given_names=row.given_names,
        national_number=row.national_number,
        card_number="",
        permit_expiry=None,
        due_from=None,
        valid_until=row.valid_until,
        reason=reason,
        queue=queue,
        since=since,
        deadline=deadline if deadline is not None else row.due_on,
        cover_until=cover_until,
        cover_gap_days=gap,
        note=row.note,
    )
