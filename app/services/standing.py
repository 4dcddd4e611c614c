"""Where a holder stands today, for the status line of the holder's page: the case the
counter proposes, since when the renewal is due (the Today queues' rule,
:func:`app.domain.queues.renewal_queue`), the open file and its next deadline, and the
current document with its validity."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from app.domain.accounts import Role
from app.domain.model import (
    Annex,
    Case,
    FileEvent,
    FileState,
    IssuedDocument,
    RegisterNumber,
)
from app.domain.periods import periods_on
from app.domain.queues import Queue, renewal_queue
from app.domain.rules import decision_due_on, proposed_case, renewal_due_from, suspension_reason
from app.services.auth import require
from app.services.desk import Desk
from app.services.worklist import SOON_DAYS
from app.store.queues import current_permit_standing

logger = logging.getLogger(__name__)

#: ``Standing.deadline_kind``: what the open file's next deadline is.
ATTESTATION_ENDS = "attestation_ends"  # the live annex 49/50 ends (extend it or decide)
DECISION_DUE = "decision_due"  # R3: Law art. 61/25-5 §2, or the extended date (§3)
INFORMATION_DUE = "information_due"  # R3 §7: the requested information


@dataclass(frozen=True)
class Standing:
    case: Case
    queue: Queue | None  # the renewal queue the holder is on, if any
    due_from: date | None  # the first day the renewal is due, when on a queue
    suspension: str  # hospitalised, detained, aged_75 or ""
    file_id: int | None  # the open file (the latest one)
    file_opened_on: date | None
    deadline: date | None  # the open file's next deadline, today or later
    deadline_kind: str
    document_annex: Annex | None  # the holder's latest document not annulled
    document_number: RegisterNumber | None
    document_valid_until: date | None


def holder_standing(desk: Desk, holder_id: int) -> Standing:
    require(desk, Role.CLERK)
    store, today = desk.store, desk.today()
    holder = store.get_holder(holder_id)
    periods = periods_on(today)
    permit = current_permit_standing(store, holder_id)
    open_file = next((f for f in store.files_of(holder_id) if f.state is FileState.OPEN), None)
    queue, due_from, suspension = None, None, ""
    if permit is not None:
        suspension = (
            suspension_reason(
                today,
                periods,
                holder.birth_date,
                holder.hospitalised,
                holder.detained,
                holder.travelling,
            )
            or ""
        )
        queue = renewal_queue(
            permit.expiry, today, periods, SOON_DAYS, suspension or None, permit.covered
        )
        if queue is not None:
            due_from = renewal_due_from(permit.expiry, periods)
        if queue is not Queue.SUSPENDED:
            suspension = ""
    if open_file is not None:
        case = open_file.case
    else:
        case = proposed_case(store.get_permit(permit.permit_id) if permit else None)
    documents = [d for d in desk.register.of_holder(holder_id) if d.annulled_on is None]
    own = [d for d in documents if d.family_member_id is None]
    latest = max(own, key=lambda d: (d.issued_on, d.id or 0), default=None)
    deadline, kind = (None, "")
    if open_file is not None and open_file.id is not None:
        on_file = [d for d in own if d.file_id == open_file.id]
        deadline, kind = _next_deadline(on_file, open_file.events, today)
    return Standing(
        case=case,
        queue=queue,
        due_from=due_from,
        suspension=suspension,
        file_id=open_file.id if open_file else None,
        file_opened_on=open_file.opened_on if open_file else None,
        deadline=deadline,
        deadline_kind=kind,
        document_annex=latest.annex if latest else None,
        document_number=latest.number if latest else None,
        document_valid_until=latest.valid_until if latest else None,
    )


def _next_deadline(
    documents: list[IssuedDocument], events: list[FileEvent], today: date
) -> tuple[date | None, str]:
    """The earliest deadline on the open file still to come: its live attestation's end,
    the decision after annex 50 (as last extended), a request's deadline."""
    found: list[tuple[date, str]] = []
    for document in documents:
        if document.annex in (Annex.A49, Annex.A50) and document.valid_until is not None:
            found.append((document.valid_until, ATTESTATION_ENDS))
    annex50 = [d for d in documents if d.annex is Annex.A50]
    if annex50:
        extended = [e.due_on for e in events if e.kind == "outcome:period_extended" and e.due_on]
        first = min(d.issued_on for d in annex50)
        found.append((max(extended) if extended else decision_due_on(first), DECISION_DUE))
    outcomes = [e for e in events if e.kind.startswith("outcome:")]
    if outcomes and outcomes[-1].kind == "outcome:information_requested" and outcomes[-1].due_on:
        found.append((outcomes[-1].due_on, INFORMATION_DUE))
    upcoming = sorted(item for item in found if item[0] >= today)
    return upcoming[0] if upcoming else (None, "")
