"""The register's documents outside the counter: export a PDF, tell what a PDF is.

Whatever paper PermitDesk made of an entry can be recognised by its SHA-256: the original
of each version (``document_versions``), and every marked copy (a DUPLICATA, or the ANNULÉ
copy of an annulled entry, ``document_copies``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from app.domain.model import IssuedDocument, RegisterNumber, issued_id
from app.services.desk import Desk
from app.services.issuing import record_copy


@dataclass(frozen=True)
class Identified:
    """What a PDF is: the register entry, which of its versions (0 as issued, then one per
    extension), and for a copy its mark (``duplicate`` or ``annulled``), day and maker."""

    document: IssuedDocument
    version: int
    copy: str = ""  # "" for the original as issued
    copied_on: date | None = None
    copied_by: str = ""


def export_pdf(
    desk: Desk, number: RegisterNumber, original: bool = False
) -> tuple[IssuedDocument, bytes]:
    """The entry ``number`` and its latest PDF: the stored bytes of a valid entry; for an
    annulled one its ANNULÉ copy (recorded like a reprint), unless ``original`` asks for the
    stored bytes as issued. The export is audited."""
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
    sha256 = hashlib.sha256(pdf).hexdigest()
    found = desk.register.find_by_hash(sha256)
    if found is not None:
        return Identified(*found)
    copy = desk.register.find_copy(sha256)
    if copy is None:
        return None
    document = desk.register.get_by_id(copy.document_id)
    return Identified(document, copy.version, copy.kind, copy.made_on, copy.made_by)
