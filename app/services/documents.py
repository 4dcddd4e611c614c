"""The register's documents outside the counter: export a PDF, tell which entry a PDF is."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from app.domain.model import IssuedDocument, RegisterNumber
from app.services.desk import Desk


@dataclass(frozen=True)
class Identified:
    """The register entry a PDF is, and which of its versions (1, then one per extension)."""

    document: IssuedDocument
    version: int


def export_pdf(desk: Desk, number: RegisterNumber) -> tuple[IssuedDocument, bytes]:
    """The entry ``number`` and its latest PDF, byte for byte; the export is audited."""
    register = desk.register
    with desk.store.transaction():
        document = register.get(number)
        assert document.id is not None
        pdf = register.pdf(document.id)
        desk.store.audit(desk.user, "export", "document", document.id)
    return document, pdf


def identify_pdf(desk: Desk, pdf: bytes) -> Identified | None:
    """Which register entry and version ``pdf`` is, by its SHA-256; None for a file this
    register never issued."""
    found = desk.register.find_by_hash(hashlib.sha256(pdf).hexdigest())
    return Identified(*found) if found is not None else None
