"""What the counter's screens read: holders, their permits, family, files and documents.

The UI reads through these functions and never holds the store; each answers in domain
objects and raises domain errors (:mod:`app.domain.errors`), whichever backend is behind.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from app.domain.accounts import Role
from app.domain.document_state import DocumentState, closed_by_outcome_on, document_state
from app.domain.model import (
    Commune,
    FamilyMember,
    Holder,
    IssuedDocument,
    Permit,
    RenewalFile,
    issued_id,
)
from app.services.auth import require
from app.services.desk import Desk


def commune(desk: Desk) -> Commune | None:
    """The commune this database serves; None before ``permitdesk init``."""
    return desk.store.get_commune()


def holder(desk: Desk, holder_id: int) -> Holder:
    require(desk, Role.CLERK)
    return desk.store.get_holder(holder_id)


def holder_by_national_number(desk: Desk, national_number: str) -> Holder | None:
    require(desk, Role.CLERK)
    return desk.store.find_holder(national_number)


def permits_of(desk: Desk, holder_id: int) -> list[Permit]:
    """The holder's permits, newest first."""
    require(desk, Role.CLERK)
    return desk.store.permits_of(holder_id)


def family_of(desk: Desk, holder_id: int) -> list[FamilyMember]:
    require(desk, Role.CLERK)
    return desk.store.family_of(holder_id)


def family_member(desk: Desk, member_id: int) -> FamilyMember:
    require(desk, Role.CLERK)
    return desk.store.get_family_member(member_id)


def files_of(desk: Desk, holder_id: int) -> list[RenewalFile]:
    require(desk, Role.CLERK)
    return desk.store.files_of(holder_id)


def renewal_file(desk: Desk, file_id: int) -> RenewalFile:
    require(desk, Role.CLERK)
    return desk.store.get_file(file_id)


def document(desk: Desk, document_id: int) -> IssuedDocument:
    require(desk, Role.CLERK)
    return desk.register.get_by_id(document_id)


def documents_of_holder(desk: Desk, holder_id: int) -> list[IssuedDocument]:
    require(desk, Role.CLERK)
    return desk.register.of_holder(holder_id)


def documents_of_file(desk: Desk, file_id: int) -> list[IssuedDocument]:
    require(desk, Role.CLERK)
    return desk.register.of_file(file_id)


def document_states(
    desk: Desk, documents: Iterable[IssuedDocument], today: date | None = None
) -> dict[int, DocumentState]:
    """Each document's state on ``today`` (the desk's by default), by register id: valid,
    extended, lapsed, annulled, or superseded by the outcome that closed its file
    (:func:`app.domain.document_state.document_state`); each file is read once."""
    day = today or desk.today()
    closed: dict[int, date | None] = {}
    states = {}
    for entry in documents:
        file_id = entry.file_id
        if file_id is not None and file_id not in closed:
            closed[file_id] = closed_by_outcome_on(desk.store.get_file(file_id).events)
        closed_on = closed.get(file_id) if file_id is not None else None
        states[issued_id(entry)] = document_state(entry, day, closed_on)
    return states


def state_of(desk: Desk, entry: IssuedDocument) -> DocumentState:
    """One document's state today (:func:`document_states`)."""
    return document_states(desk, [entry])[issued_id(entry)]


def document_pdf(desk: Desk, document_id: int) -> bytes:
    """The register's PDF of the document's latest version, byte for byte as issued."""
    require(desk, Role.CLERK)
    return desk.register.pdf(document_id)
