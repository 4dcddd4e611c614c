"""The register's documents outside the counter: export a PDF, tell what a PDF is.

Whatever paper PermitDesk made of an entry can be recognised by its SHA-256: the original
of each version (``document_versions``), and every marked copy (a DUPLICATA, or the ANNULÉ
copy of an annulled entry, ``document_copies``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from app.domain.accounts import Role
from app.domain.document_state import DocumentState
from app.domain.errors import NotFound
from app.domain.model import IssuedDocument, RegisterNumber, issued_id
from app.services.auth import require
from app.services.desk import Desk
from app.services.issuing import annul_document, record_copy
from app.services.records import document_states
from app.store import chain_checks


@dataclass(frozen=True)
class Identified:
    """What a PDF is: the register entry, which of its versions (0 as issued, then one per
    extension), and for a copy its mark (``duplicate`` or ``annulled``), day and maker."""

    document: IssuedDocument
    version: int
    copy: str = ""  # "" for the original as issued
    copied_on: date | None = None
    copied_by: str = ""
    #: Where the entry differs from what the audit trail vouches for: then the register
    #: cannot vouch for this paper (``app.store.chain_checks.entry_problems``).
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class RegisterLine:
    """One register entry as ``document list`` shows it: for whom, and its state today."""

    document: IssuedDocument
    holder_name: str
    holder_national_number: str | None
    person: str  # the family member it was issued to; "" for the holder
    state: DocumentState


def register_lines(desk: Desk, holder_national_number: str | None = None) -> list[RegisterLine]:
    """Every register entry in number order, or the holder's (by national number, compact
    or with its punctuation), each with its state on the desk's today. Raises NotFound for
    a national number no holder has."""
    require(desk, Role.CLERK)
    if holder_national_number is not None:
        compact = "".join(ch for ch in holder_national_number if ch.isdigit())
        holder = desk.store.find_holder(compact)
        if holder is None or holder.id is None:
            raise NotFound(f"no holder with national number {holder_national_number}")
        entries = list(reversed(desk.register.of_holder(holder.id)))
    else:
        entries = desk.register.entries()
    states = document_states(desk, entries)
    holders: dict[int, tuple[str, str | None]] = {}
    members: dict[int, str] = {}
    lines = []
    for entry in entries:
        if entry.holder_id not in holders:
            found = desk.store.get_holder(entry.holder_id)
            holders[entry.holder_id] = (found.full_name, found.national_number)
        member_id = entry.family_member_id
        if member_id is not None and member_id not in members:
            members[member_id] = desk.store.get_family_member(member_id).full_name
        name, national_number = holders[entry.holder_id]
        person = members[member_id] if member_id is not None else ""
        lines.append(RegisterLine(entry, name, national_number, person, states[issued_id(entry)]))
    return lines


def annul_number(desk: Desk, number: RegisterNumber, reason: str) -> IssuedDocument:
    """:func:`app.services.issuing.annul_document` for the entry ``number`` (supervisors)."""
    return annul_document(desk, issued_id(desk.register.get(number)), reason)


def export_pdf(
    desk: Desk, number: RegisterNumber, original: bool = False
) -> tuple[IssuedDocument, bytes]:
    """The entry ``number`` and its latest PDF: the stored bytes of a valid entry; for an
    annulled one its ANNULÉ copy (recorded like a reprint), unless ``original`` asks for the
    stored bytes as issued. The export is audited."""
    require(desk, Role.CLERK)
    register = desk.register
    with desk.store.transaction():
        document = register.get(number)
        doc_id = issued_id(document)
        if document.annulled_on is not None and not original:
            pdf, _kind = record_copy(desk, document)
        else:
            pdf = register.pdf(doc_id)
        desk.store.audit(desk.user, "export", "document", doc_id, original=original)
    return document, pdf


def identify_pdf(desk: Desk, pdf: bytes) -> Identified | None:
    """What ``pdf`` is, by its SHA-256; None for a file this register never made."""
    require(desk, Role.CLERK)
    sha256 = hashlib.sha256(pdf).hexdigest()
    found = desk.register.find_by_hash(sha256)
    if found is not None:
        document, version = found
        problems = chain_checks.entry_problems(desk.store, issued_id(document), sha256)
        return Identified(document, version, problems=tuple(problems))
    copy = desk.register.find_copy(sha256)
    if copy is None:
        return None
    document = desk.register.get_by_id(copy.document_id)
    problems = chain_checks.entry_problems(desk.store, copy.document_id, sha256)
    return Identified(
        document, copy.version, copy.kind, copy.made_on, copy.made_by, tuple(problems)
    )
