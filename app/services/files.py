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
    skip = {"id", "events"}
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


def record_outcome(
    desk: Desk, file_id: int, outcome: Outcome, on: date, detail: str = ""
) -> RenewalFile:
    """The Immigration Office's outcome (R3 §3-7), recorded with its date; an approval
    (annex 46), tacit approval (annex 47) or refusal (annex 48) decides and closes the file.
    ``detail`` carries, for instance, the deadline of a request for more information."""
    require(desk, Role.CLERK)
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
