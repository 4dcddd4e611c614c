"""Holders, family members and renewal files as the counter edits them: each change one
transaction with its audit entry and file event."""

from __future__ import annotations

from datetime import date

from app.domain.model import (
    FamilyMember,
    FileEvent,
    FileState,
    Holder,
    Outcome,
    Permit,
    RenewalFile,
)
from app.services.desk import Desk


def save_holder(desk: Desk, holder: Holder) -> Holder:
    created = holder.id is None
    with desk.store.transaction():
        holder = desk.store.save_holder(holder)
        desk.store.audit(desk.user, "create" if created else "change", "holder", holder.id)
    return holder


def save_permit(desk: Desk, permit: Permit) -> Permit:
    created = permit.id is None
    with desk.store.transaction():
        permit = desk.store.save_permit(permit)
        desk.store.audit(desk.user, "create" if created else "change", "permit", permit.id)
    return permit


def save_family_member(desk: Desk, member: FamilyMember) -> FamilyMember:
    created = member.id is None
    with desk.store.transaction():
        member = desk.store.save_family_member(member)
        desk.store.audit(
            desk.user, "create" if created else "change", "family_member", member.id
        )
    return member


def open_file(desk: Desk, file: RenewalFile) -> RenewalFile:
    """A new renewal file, opened today."""
    if file.id is not None:
        raise ValueError("this file is open already")
    with desk.store.transaction():
        file = desk.store.save_file(file)
        desk.store.add_event(file.id, FileEvent("opened", desk.today(), file.case.value))  # type: ignore[arg-type]
        desk.store.audit(desk.user, "create", "renewal_file", file.id, case=file.case.value)
    return file


def update_file(desk: Desk, file: RenewalFile) -> RenewalFile:
    """Save the facts of a file (filing date, attestation, missing documents, ...)."""
    if file.id is None:
        raise ValueError("open the file first")
    with desk.store.transaction():
        file = desk.store.save_file(file)
        desk.store.audit(desk.user, "change", "renewal_file", file.id)
    return file


def record_outcome(
    desk: Desk, file_id: int, outcome: Outcome, on: date, detail: str = ""
) -> RenewalFile:
    """The Immigration Office's outcome (R3 §3-7), recorded with its date; an approval
    (annex 46), tacit approval (annex 47) or refusal (annex 48) decides and closes the file.
    ``detail`` carries, for instance, the deadline of a request for more information."""
    with desk.store.transaction():
        file = desk.store.get_file(file_id)
        if file.state is FileState.CLOSED:
            raise ValueError("this file is closed")
        if outcome.closes_file:
            file.decision_taken = True
            file.state = FileState.CLOSED
            desk.store.save_file(file)
        desk.store.add_event(file_id, FileEvent(f"outcome:{outcome.value}", on, detail))
        desk.store.audit(desk.user, "outcome", "renewal_file", file_id, outcome=outcome.value)
    return desk.store.get_file(file_id)
