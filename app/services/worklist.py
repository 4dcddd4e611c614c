"""The counter's working list: who is due, soon due, expired without filing, suspended (R1),
which open attestations (annex 49/50) end within a week, and every deadline the law sets on
an open file: the Immigration Office's decision after an annex 50 (Law art. 61/25-5 §2,
art. 105/3 §3) with a warning when the annex's cover ends first, requests for more
information with their deadline (§7), first registrations waiting for the residence check
(R5, art. 105/2 §4-5), what waits to be sent to the Immigration Office (art. 105/3 §1-2),
and stays ended (annex 52, art. 105/6).

Each queue is counted by a COUNT query and read a page at a time (the renewal queues by
keyset on their index, :mod:`app.store.queues`), so its size costs nothing until read; the
renewal rule itself is :mod:`app.domain.queues`. A row's warnings (overdue, cover gap) are
worked out per row read."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from app.domain.accounts import Role
from app.domain.model import Annex, Case, FileState, RegisterNumber
from app.domain.periods import periods_on
from app.domain.queues import Queue, RenewalBounds, renewal_bounds
from app.domain.rules import (
    cover_gap,
    decision_due_on,
    longest_cover,
    proposed_renewal_case,
    renewal_due_from,
)
from app.services.auth import require
from app.services.desk import Desk
from app.store import Store
from app.store.queues import (
    RenewalRow,
    count_renewals,
    iter_renewals,
    renewal_page,
    text_widths,
)
from app.store.worklist import (
    FileRow,
    awaiting_residence_check,
    count_attestations,
    count_file_rows,
    count_waiting_transmissions,
    open_attestations,
    open_requests,
    pending_decisions,
    stays_ended,
    waiting_transmissions,
)

#: How long a decision ending the stay (annex 52) stays on the list after its date.
STAY_ENDED_LOOKBACK_DAYS = 60
#: The reminder window of the Today view's "soon due" queue, in days.
SOON_DAYS = 30
#: How far ahead the attestations queue looks for annexes 49 and 50 ending.
EXPIRING_DAYS = 7
#: Rows per read when a deadline queue is read whole.
ITER_PAGE = 500

#: ``WorklistRow.reason`` on the deadline queues.
COVER_GAP = "cover_gap"  # annex 50's longest cover ends before the decision is due
OVERDUE = "overdue"  # the deadline has passed


@dataclass(slots=True)  # not frozen: frozen costs 5 µs a row, and a queue can be 400,000
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
    # On the renewal queues: the case the counter proposes (the open file's, else the one
    # the card's mention implies), the permit's latest file and the holder's latest paper.
    case: Case | None = None
    file_state: FileState | None = None
    renewal_filed_on: date | None = None
    last_annex: Annex | None = None
    last_number: RegisterNumber | None = None
    last_issued_on: date | None = None
    last_annulled: bool = False
    #: The row's place in its queue: where the next page starts.
    key: tuple[Any, ...] = ()


@dataclass
class Worklist:
    """Every queue's rows at once, for a small register (the Today view and ``permitdesk
    due`` read :func:`queue_counts` and pages, or stream :func:`iter_queue`, instead)."""

    due: list[WorklistRow] = field(default_factory=list)
    soon: list[WorklistRow] = field(default_factory=list)
    expired: list[WorklistRow] = field(default_factory=list)
    suspended: list[WorklistRow] = field(default_factory=list)
    expiring_documents: list[WorklistRow] = field(default_factory=list)
    decisions: list[WorklistRow] = field(default_factory=list)
    information_requests: list[WorklistRow] = field(default_factory=list)
    transmissions: list[WorklistRow] = field(default_factory=list)
    residence_checks: list[WorklistRow] = field(default_factory=list)
    stays_ended: list[WorklistRow] = field(default_factory=list)


@dataclass(frozen=True)
class Day:
    """The day the queues are read on, with R1's bounds for it (app.domain.queues)."""

    today: date
    bounds: RenewalBounds
    expiring_days: int = EXPIRING_DAYS

    @classmethod
    def of(cls, today: date, soon_days: int = SOON_DAYS, expiring_days: int = EXPIRING_DAYS) -> Day:
        return cls(today, renewal_bounds(today, periods_on(today), soon_days), expiring_days)


def load_worklist(
    store: Store, today: date, soon_days: int = SOON_DAYS, expiring_days: int = EXPIRING_DAYS
) -> Worklist:
    day = Day.of(today, soon_days, expiring_days)
    return Worklist(**{queue.value: list(_rows(store, day, queue)) for queue in Queue})


def queue_counts(desk: Desk, day: Day) -> dict[Queue, int]:
    """How many rows each queue holds, from COUNT queries (R1's from one index)."""
    require(desk, Role.CLERK)
    store = desk.store
    counts = count_renewals(store, day.bounds)
    counts[Queue.ATTESTATIONS_ENDING] = count_attestations(
        store, day.today, day.today + timedelta(days=day.expiring_days)
    )
    ended_from = day.today - timedelta(days=STAY_ENDED_LOOKBACK_DAYS)
    for queue in (
        Queue.DECISIONS,
        Queue.INFORMATION_REQUESTS,
        Queue.RESIDENCE_CHECKS,
        Queue.STAYS_ENDED,
    ):
        counts[queue] = count_file_rows(store, queue.value, ended_from)
    counts[Queue.TRANSMISSIONS] = count_waiting_transmissions(store)
    return {queue: counts[queue] for queue in Queue}


def queue_page(
    desk: Desk, day: Day, queue: Queue, after: tuple[Any, ...] | None, limit: int
) -> list[WorklistRow]:
    """Up to ``limit`` rows of ``queue`` after the row whose ``key`` is ``after``: the
    renewal queues by keyset (expiry, permit), the deadline queues, which hold open files
    only, by position."""
    require(desk, Role.CLERK)
    return _page(desk.store, day, queue, after, limit)


def _page(
    store: Store, day: Day, queue: Queue, after: tuple[Any, ...] | None, limit: int
) -> list[WorklistRow]:
    if queue.is_renewal:
        page = renewal_page(store, queue, day.bounds, after, limit)
        return [_renewal(row, queue, day) for row in page]
    offset = after[0] + 1 if after else 0
    return [
        dataclasses.replace(row, key=(offset + n,))
        for n, row in enumerate(_deadline_rows(store, day, queue, offset, limit))
    ]


def column_widths(desk: Desk) -> tuple[int, int, int]:
    """The widest surname, given names and card number: a streamed table's columns."""
    require(desk, Role.CLERK)
    return text_widths(desk.store)


def iter_queue(desk: Desk, day: Day, queue: Queue, details: bool = True) -> Iterator[WorklistRow]:
    """Every row of ``queue`` in order, from one cursor or a page at a time (constant
    memory); without ``details`` the renewal rows carry no file or last document."""
    require(desk, Role.CLERK)
    return _rows(desk.store, day, queue, details)


def _rows(store: Store, day: Day, queue: Queue, details: bool = True) -> Iterator[WorklistRow]:
    if queue.is_renewal:
        for row in iter_renewals(store, queue, day.bounds, details):
            yield _renewal(row, queue, day)
        return
    after: tuple[Any, ...] | None = None
    while page := _page(store, day, queue, after, ITER_PAGE):
        yield from page
        after = page[-1].key


def _renewal(row: RenewalRow, queue: Queue, day: Day) -> WorklistRow:
    open_file = row.file_state is FileState.OPEN
    return WorklistRow(
        holder_id=row.holder_id,
        file_id=row.file_id if open_file else None,
        document_number=None,
        surname=row.surname,
        given_names=row.given_names,
        national_number=row.national_number,
        card_number=row.card_number,
        permit_expiry=row.expiry,
        due_from=renewal_due_from(row.expiry, periods_on(day.today)),
        valid_until=None,
        reason=row.suspension if queue is Queue.SUSPENDED else "",
        case=row.file_case
        if open_file and row.file_case
        else proposed_renewal_case(row.labour_market),
        file_state=row.file_state,
        renewal_filed_on=row.renewal_filed_on if open_file else None,
        last_annex=row.document_annex,
        last_number=row.document_number,
        last_issued_on=row.document_issued_on,
        last_annulled=row.document_annulled,
        key=row.key,
    )


def _deadline_rows(
    store: Store, day: Day, queue: Queue, offset: int, limit: int
) -> list[WorklistRow]:
    today = day.today
    if queue is Queue.ATTESTATIONS_ENDING:
        ending = today + timedelta(days=day.expiring_days)
        return [
            WorklistRow(
                holder_id=a.holder_id,
                file_id=a.file_id,
                document_number=str(a.number),
                surname=a.surname,
                given_names=a.given_names,
                national_number=a.national_number,
                card_number="",
                permit_expiry=None,
                due_from=None,
                valid_until=a.valid_until,
                reason=a.annex.value,
            )
            for a in open_attestations(store, today, ending, offset, limit)
        ]
    if queue is Queue.DECISIONS:
        return [_decision(row, today) for row in pending_decisions(store, offset, limit)]
    if queue is Queue.INFORMATION_REQUESTS:
        return [
            _file_row(
                row,
                queue.value,
                OVERDUE if row.due_on is not None and row.due_on < today else "",
                row.event_on,
            )
            for row in open_requests(store, offset, limit)
        ]
    if queue is Queue.RESIDENCE_CHECKS:
        return [
            _file_row(
                row,
                queue.value,
                "",
                row.issued_on or row.opened_on,
                longest_cover(row.issued_on, row.extension_days, row.max_extensions),
            )
            for row in awaiting_residence_check(store, offset, limit)
        ]
    if queue is Queue.STAYS_ENDED:
        ended_from = today - timedelta(days=STAY_ENDED_LOOKBACK_DAYS)
        return [
            _file_row(row, queue.value, "", row.event_on)
            for row in stays_ended(store, ended_from, offset, limit)
        ]
    return [
        WorklistRow(
            holder_id=t.holder_id,
            file_id=None,
            document_number=str(t.number),
            surname=t.surname,
            given_names=t.given_names,
            national_number=t.national_number,
            card_number="",
            permit_expiry=None,
            due_from=None,
            valid_until=None,
            reason=t.annex.value,
            queue=queue.value,
            since=t.issued_on,
            deadline=t.due_on,
            note=t.kind,
        )
        for t in waiting_transmissions(store, offset, limit)
    ]


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
