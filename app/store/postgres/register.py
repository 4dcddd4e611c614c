"""The register on the server: what a counter may not write itself.

A counter's database role has no right to the register's tables; the server's functions
(``SECURITY DEFINER``, ``app/store/postgres/sql``) take the next number, enter a document
and its PDF, extend and annul it, each with its audit row, in the caller's transaction.
The number is a counter row locked until that transaction ends, never a sequence: a
rolled-back issue gives its number back, so the register stays gapless across counters.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from app.domain.model import IssuedDocument, RegisterNumber
from app.store.base import now_text
from app.store.postgres.connection import call, json_text
from app.store.register import CopyInfo, DocumentDraft, Register, document_row, sha256_of


class ServerRegister(Register):
    """The register of a :class:`app.store.postgres.store.PostgresStore`."""

    def issue(
        self,
        commune_nis: str,
        draft: DocumentDraft,
        render: Callable[[RegisterNumber], tuple[bytes, str]],
        detail: Mapping[str, Any] | None = None,
    ) -> IssuedDocument:
        """As :meth:`Register.issue`: the number, the PDF and its audit row in one
        transaction, through ``next_register_number`` and ``record_issue``."""
        with self.store.transaction():
            year = draft.issued_on.year
            sequence = call(self.store, "next_register_number(?, ?)", [commune_nis, year])
            pdf, snapshot = render(RegisterNumber(year, sequence))
            document = document_row(commune_nis, draft, sequence, snapshot)
            del document["extensions_used"]  # the server's to set
            doc_id = call(
                self.store,
                "record_issue(?::jsonb, ?, ?::jsonb)",
                [json_text(document), pdf, json_text(dict(detail or {}))],
            )
        return self.get_by_id(doc_id)

    def extend(
        self,
        doc_id: int,
        new_valid_until: date,
        render: Callable[[], tuple[bytes, str]],
        by: str,
    ) -> IssuedDocument:
        with self.store.transaction():
            self.get_by_id(doc_id)
            pdf, snapshot = render()
            call(
                self.store,
                "record_extension(?, ?, ?, ?, ?, ?)",
                [doc_id, new_valid_until.isoformat(), snapshot, pdf, by, now_text()],
            )
        return self.get_by_id(doc_id)

    def annul(self, doc_id: int, reason: str, by: str, on: date) -> IssuedDocument:
        with self.store.transaction():
            self.get_by_id(doc_id)
            call(
                self.store,
                "annul_document(?, ?, ?, ?, ?)",
                [doc_id, on.isoformat(), reason, by, now_text()],
            )
        return self.get_by_id(doc_id)

    def record_copy(
        self, doc_id: int, version: int, kind: str, pdf: bytes, on: date, by: str
    ) -> CopyInfo:
        copy = CopyInfo(doc_id, version, kind, on, by, sha256_of(pdf))
        with self.store.transaction():
            call(
                self.store,
                "record_copy(?, ?, ?, ?, ?, ?, ?)",
                [doc_id, version, kind, on.isoformat(), by, copy.sha256, now_text()],
            )
        return copy
