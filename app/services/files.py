"""Holders, family members and renewal files as the counter edits them: each change one
transaction with its audit entry and file event."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any

from app.domain.accounts import Role
from app.domain.model import (
    FamilyMember,
    FileEvent,
    FileState,
    Holder,
    Outcome,
    Permit,
    RenewalFile,
)
from app.services.auth import require
from app.services.desk import Desk


def changed_fields(before: Any, after: Any) -> list[str]:
    """The names of the fields that differ: what the audit trail says changed (the
    values are personal data and stay out of it)."""
    skip = {"id", "events", "version"}
    return [
        f.name
        for f in dataclasses.fields(after)
        if f.name not in skip and getattr(before, f.name) != getattr(after, f.name)
    ]


def _save_audited[T: (Holder, Permit, FamilyMember)](
    desk: Desk, entity: str, item: T, load: Callable[[int], T], save: Callable[[T], T]
) -> T:
    """Save one record in a transaction with its audit entry: "create", or "change" with
    the names of the fields that changed (never their values: the log holds no personal
    data)."""
    require(desk, Role.CLERK)
    before = None if item.id is None else load(item.id)
    with desk.store.transaction():
        item = save(item)
        fields = {} if before is None else {"fields": changed_fields(before, item)}
        action = "create" if before is None else "change"
        desk.store.audit(desk.user, action, entity, item.id, **fields)
    return item


def save_holder(desk: Desk, holder: Holder) -> Holder:
    return _save_audited(desk, "holder", holder, desk.store.get_holder, desk.store.save_holder)


def save_permit(desk: Desk, permit: Permit) -> Permit:
    return _save_audited(desk, "permit", permit, desk.store.get_permit, desk.store.save_permit)


def save_family_member(desk: Desk, member: FamilyMember) -> FamilyMember:
    store = desk.store
    return _save_audited(
        desk, "family_member", member, store.get_family_member, store.save_family_member
    )


def open_file(desk: Desk, file: RenewalFile) -> RenewalFile:
    """A new renewal file, opened today."""
    require(desk, Role.CLERK)
    if file.id is not None:
        raise ValueError("this file is open already")
    with desk.store.transaction():
        file = desk.store.save_file(file)
        desk.store.add_event(file.id, FileEvent("opened", desk.today(), file.case.value))  # type: ignore[arg-type]
        desk.store.audit(desk.user, "create", "renewal_file", file.id, case=file.case.value)
    return file


def update_file(desk: Desk, file: RenewalFile) -> RenewalFile:
    """Save the facts of a file (filing date, attestation, missing documents, ...)."""
    require(desk, Role.CLERK)
    if file.id is None:
        raise ValueError("open the file first")
    before = desk.store.get_file(file.id)
    with desk.store.transaction():
        file = desk.store.save_file(file)
        desk.store.audit(
            desk.user, "change", "renewal_file", file.id, fields=changed_fields(before, file)
        )
    return file


class DiscardRefused(ValueError):
    """The file cannot be discarded: something was issued on it, so the register keeps it."""


def discard_file(desk: Desk, file_id: int) -> None:
    """Remove a renewal file the clerk started and gave up before anything was issued
    (the wizard's Cancel, "Discard"): no empty file stays to hide the holder's renewal."""
    require(desk, Role.CLERK)
    with desk.store.transaction():
        file = desk.store.get_file(file_id)
        if desk.register.of_file(file_id):
            raise DiscardRefused("a document was issued on this file; it stays in the register")
        desk.store.delete_file(file_id)
        desk.store.audit(
            desk.user,
            "discard",
            "renewal_file",
            file_id,
            holder=file.holder_id,
            case=file.case.value,
        )


class OutcomeRefused(ValueError):
    """The outcome cannot be recorded as given; the message says why."""


def record_outcome(
    desk: Desk,
    file_id: int,
    outcome: Outcome,
    on: date,
    detail: str = "",
    due_on: date | None = None,
) -> RenewalFile:
    """What was decided or done on the file, with its date (R3 §3-7, R5, art. 105/6).

    An approval (annex 46), tacit approval (annex 47), refusal (annex 48), the single
    permit handed over (R5) or a decision ending the stay (annex 52, art. 105/6) decides
    and closes the file. ``due_on`` is the date a request for more information must be
    answered by (§7) or the decision period's new end (art. 105/3 §3): required for those
    two, kept on the event for the working list. ``detail`` is the clerk's note."""
    require(desk, Role.CLERK)
    if outcome.sets_date and due_on is None:
        raise OutcomeRefused(f"{outcome.value} needs its date (deadline or new decision date)")
    if due_on is not None and not outcome.sets_date:
        due_on = None
    if due_on is not None and due_on < on:
        raise OutcomeRefused(
            f"the date it sets ({due_on.isoformat()}) is before the outcome ({on.isoformat()})"
        )
    if on > desk.today():
        raise OutcomeRefused(f"the outcome's date ({on.isoformat()}) is after today")
    with desk.store.transaction():
        file = desk.store.get_file(file_id)
        if file.state is FileState.CLOSED:
            raise OutcomeRefused("this file is closed")
        if outcome is Outcome.STAY_ENDED:
            file.stay_ended = True
            file.stay_ended_on = on
        if outcome.closes_file:
            file.decision_taken = True
            file.state = FileState.CLOSED
        if outcome.closes_file or outcome is Outcome.STAY_ENDED:
            desk.store.save_file(file)
        event = FileEvent(f"outcome:{outcome.value}", on, detail.strip(), due_on=due_on)
        desk.store.add_event(file_id, event)
        desk.store.audit(desk.user, "outcome", "renewal_file", file_id, outcome=outcome.value)
    return desk.store.get_file(file_id)
