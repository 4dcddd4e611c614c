"""The document register: numbers per commune per year, PDF versions, annulment.

A number is taken, the PDF rendered and stored in the same ``BEGIN IMMEDIATE``
transaction: if anything fails the counter rolls back with it, so numbers are never
skipped, and two counters issuing at once wait for each other, so never doubled.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.domain.errors import DatabaseUnreadable, NotFound, RegisterMoved
from app.domain.json_text import JsonRefused, read_json
from app.domain.model import Annex, IssuedDocument, Language, RegisterNumber
from app.store import rows
from app.store.base import StoreBase, now_text


@dataclass(frozen=True)
class DocumentDraft:
    """What the services decided to issue, before it has a number."""

    annex: Annex
    language: Language
    holder_id: int
    issued_on: date
    issued_by: str
    valid_until: date | None = None
    max_extensions: int = 0
    extension_days: int | None = None
    variant: str = ""
    family_member_id: int | None = None
    file_id: int | None = None


@dataclass(frozen=True)
class CopyInfo:
    """A marked copy printed of a register entry: a duplicate of a valid one, or the copy
    of an annulled one; the copy's bytes are not kept, its SHA-256 is."""

    document_id: int
    version: int
    kind: str  # "duplicate" | "annulled"
    made_on: date
    made_by: str
    sha256: str


@dataclass(frozen=True)
class VersionInfo:
    version: int
    valid_until: date | None
    sha256: str
    created_by: str
    created_at: str


def document_row(
    commune_nis: str, draft: DocumentDraft, sequence: int, snapshot: str
) -> dict[str, Any]:
    """A register entry's row, as both registers enter it (the file's and the server's)."""
    return {
        "commune_nis": commune_nis,
        "year": draft.issued_on.year,
        "sequence": sequence,
        "annex": draft.annex.value,
        "variant": draft.variant,
        "language": draft.language.value,
        "holder_id": draft.holder_id,
        "family_member_id": draft.family_member_id,
        "file_id": draft.file_id,
        "issued_on": draft.issued_on.isoformat(),
        "valid_until": rows.iso(draft.valid_until),
        "max_extensions": draft.max_extensions,
        "extension_days": draft.extension_days,
        "extensions_used": 0,
        "issued_by": draft.issued_by,
        "snapshot": snapshot,
        "created_at": now_text(),
    }


#: The setting a file keeps once its register was moved to a server (``migrate-to``):
#: ``{"server": "permitdesk@db.commune.be", "on": "2026-12-02"}``.
REGISTER_MOVED_TO = "register_moved_to"


def moved_to(store: StoreBase) -> dict[str, str] | None:
    """Where the register of ``store`` was moved, or None (always None on a server)."""
    row = store._one("SELECT value FROM settings WHERE key = ?", [REGISTER_MOVED_TO])
    if row is None:
        return None
    try:
        value = read_json(row["value"], f"the setting {REGISTER_MOVED_TO!r}")
    except JsonRefused as error:
        raise DatabaseUnreadable(f"{error}: it was written around PermitDesk") from None
    if not isinstance(value, dict):
        return {"server": str(value), "on": "?"}
    return {"server": str(value.get("server", "?")), "on": str(value.get("on", "?"))}


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Register:
    """The register of one store."""

    def __init__(self, store: StoreBase) -> None:
        self.store = store

    def issue(
        self,
        commune_nis: str,
        draft: DocumentDraft,
        render: Callable[[RegisterNumber], tuple[bytes, str]],
        detail: Mapping[str, Any] | None = None,
    ) -> IssuedDocument:
        """Take the next number, render the PDF with it and store both, atomically, with
        the audit row that vouches for them (number, commune, the PDF's SHA-256, and the
        caller's ``detail``): :func:`app.store.chain_checks.register_problems` compares.

        ``render`` returns the PDF and a JSON snapshot of what it printed, from which an
        extension re-renders the same document with its extension box filled.
        """
        with self.store.transaction():
            year = draft.issued_on.year
            self.store._execute(
                "INSERT INTO register_counters (commune_nis, year, last_sequence) "
                "VALUES (?, ?, 1) ON CONFLICT(commune_nis, year) "
                "DO UPDATE SET last_sequence = last_sequence + 1",
                [commune_nis, year],
            )
            sequence = self.store._one(
                "SELECT last_sequence FROM register_counters WHERE commune_nis = ? AND year = ?",
                [commune_nis, year],
            )["last_sequence"]  # type: ignore[index]
            number = RegisterNumber(year, sequence)
            pdf, snapshot = render(number)
            doc_id = self.store._insert(
                "documents", document_row(commune_nis, draft, sequence, snapshot)
            )
            self._store_version(doc_id, 0, draft.valid_until, pdf, draft.issued_by)
            self._audit(draft.issued_by, "issue", doc_id, {**(detail or {}), "version": 0})
        return self.get_by_id(doc_id)

    def _audit(self, by: str, action: str, doc_id: int, detail: dict[str, Any]) -> None:
        """The audit row of a change to the register, naming the entry's number and, for
        a version or a copy, its SHA-256 (given, or the version's own). Refused, with the
        whole change, once the register was moved to a server (:func:`moved_to`)."""
        moved = moved_to(self.store)
        if moved is not None:
            raise RegisterMoved(self.store.location, moved["server"], moved["on"])
        row = self.store._one(
            "SELECT commune_nis, year, sequence FROM documents WHERE id = ?", [doc_id]
        )
        assert row is not None, "audited within the transaction that wrote the entry"
        if "version" in detail and "sha256" not in detail:
            version = self.store._one(
                "SELECT sha256 FROM document_versions WHERE document_id = ? AND version = ?",
                [doc_id, detail["version"]],
            )
            detail["sha256"] = version["sha256"] if version else None
        number = str(RegisterNumber(row["year"], row["sequence"]))
        self.store._append_audit(
            now_text(),
            by,
            action,
            "document",
            doc_id,
            {**detail, "commune": row["commune_nis"], "number": number},
        )

    def _store_version(
        self, doc_id: int, version: int, valid_until: date | None, pdf: bytes, by: str
    ) -> None:
        self.store._insert(
            "document_versions",
            {
                "document_id": doc_id,
                "version": version,
                "valid_until": rows.iso(valid_until),
                "pdf": pdf,
                "sha256": sha256_of(pdf),
                "created_by": by,
                "created_at": now_text(),
            },
        )

    def extend(
        self,
        doc_id: int,
        new_valid_until: date,
        render: Callable[[], tuple[bytes, str]],
        by: str,
    ) -> IssuedDocument:
        """Record an extension: a new version of the PDF, linked to the document; the
        snapshot becomes what this version printed, so the next extension builds on it."""
        with self.store.transaction():
            document = self.get_by_id(doc_id)
            version = document.version + 1
            pdf, snapshot = render()
            self.store._execute(
                "UPDATE documents SET valid_until = ?, extensions_used = extensions_used + 1, "
                "snapshot = ? WHERE id = ?",
                [new_valid_until.isoformat(), snapshot, doc_id],
            )
            self._store_version(doc_id, version, new_valid_until, pdf, by)
            detail = {"version": version, "valid_until": new_valid_until.isoformat()}
            self._audit(by, "extend", doc_id, detail)
        return self.get_by_id(doc_id)

    def annul(self, doc_id: int, reason: str, by: str, on: date) -> IssuedDocument:
        """Annul with a reason; the document and its number stay in the register."""
        with self.store.transaction():
            self.get_by_id(doc_id)
            self.store._execute(
                "UPDATE documents SET annulled_on = ?, annulled_reason = ?, annulled_by = ? "
                "WHERE id = ?",
                [on.isoformat(), reason, by, doc_id],
            )
            self._audit(by, "annul", doc_id, {})
        return self.get_by_id(doc_id)

    def _document(self, where: str, params: list[object]) -> IssuedDocument | None:
        row = self.store._one(
            "SELECT d.*, v.sha256, v.version FROM documents d "
            "JOIN document_versions v ON v.document_id = d.id AND v.version = "
            "(SELECT max(version) FROM document_versions WHERE document_id = d.id) "
            f"WHERE {where}",
            params,
        )
        return rows.document_from_row(row, row["sha256"], row["version"]) if row else None

    def get_by_id(self, doc_id: int) -> IssuedDocument:
        document = self._document("d.id = ?", [doc_id])
        if document is None:
            raise NotFound(f"no document with id {doc_id}")
        return document

    def get(self, number: RegisterNumber, commune_nis: str | None = None) -> IssuedDocument:
        where = "d.year = ? AND d.sequence = ?"
        params: list[object] = [number.year, number.sequence]
        if commune_nis:
            where, params = where + " AND d.commune_nis = ?", [*params, commune_nis]
        document = self._document(where, params)
        if document is None:
            raise NotFound(f"no document {number} in the register")
        return document

    def snapshot(self, doc_id: int) -> str:
        """The JSON snapshot of what the latest version of the document printed."""
        row = self.store._one("SELECT snapshot FROM documents WHERE id = ?", [doc_id])
        if row is None:
            raise NotFound(f"no document with id {doc_id}")
        return row["snapshot"]

    def add_transmission(self, doc_id: int, kind: str, due_on: date) -> None:
        """Queue what must go to the Immigration Office "sans délai" (art. 105/3)."""
        self.store._execute(
            "INSERT INTO transmissions (document_id, kind, due_on) VALUES (?, ?, ?)",
            [doc_id, kind, due_on.isoformat()],
        )

    def pdf(self, doc_id: int, version: int | None = None) -> bytes:
        """The stored bytes of a version (the latest by default): a reprint is identical."""
        row = self.store._one(
            "SELECT pdf FROM document_versions WHERE document_id = ? "
            + ("AND version = ?" if version is not None else "ORDER BY version DESC LIMIT 1"),
            [doc_id, version] if version is not None else [doc_id],
        )
        if row is None:
            raise NotFound(f"no stored PDF for document {doc_id}")
        return row["pdf"]

    def versions(self, doc_id: int) -> list[VersionInfo]:
        return [
            VersionInfo(
                r["version"],
                rows.day(r["valid_until"]),
                r["sha256"],
                r["created_by"],
                r["created_at"],
            )
            for r in self.store._all(
                "SELECT version, valid_until, sha256, created_by, created_at "
                "FROM document_versions WHERE document_id = ? ORDER BY version",
                [doc_id],
            )
        ]

    def find_by_hash(self, sha256: str) -> tuple[IssuedDocument, int] | None:
        """Which register entry (and version) a PDF is, by its SHA-256."""
        row = self.store._one(
            "SELECT document_id, version FROM document_versions WHERE sha256 = ?", [sha256]
        )
        if row is None:
            return None
        return self.get_by_id(row["document_id"]), row["version"]

    def record_copy(
        self, doc_id: int, version: int, kind: str, pdf: bytes, on: date, by: str
    ) -> CopyInfo:
        """Enter a marked copy (``duplicate`` or ``annulled``) by its SHA-256, so that
        ``document verify`` tells what it is."""
        copy = CopyInfo(doc_id, version, kind, on, by, sha256_of(pdf))
        with self.store.transaction():
            self.store._insert(
                "document_copies",
                {
                    "document_id": doc_id,
                    "version": version,
                    "kind": kind,
                    "made_on": on.isoformat(),
                    "made_by": by,
                    "sha256": copy.sha256,
                    "created_at": now_text(),
                },
            )
            self._audit(
                by, "reprint", doc_id, {"mark": kind, "of_version": version, "sha256": copy.sha256}
            )
        return copy

    def find_copy(self, sha256: str) -> CopyInfo | None:
        """The marked copy a PDF is, by its SHA-256 (the first one entered)."""
        row = self.store._one(
            "SELECT document_id, version, kind, made_on, made_by, sha256 FROM document_copies "
            "WHERE sha256 = ? ORDER BY id LIMIT 1",
            [sha256],
        )
        if row is None:
            return None
        return CopyInfo(
            row["document_id"],
            row["version"],
            row["kind"],
            date.fromisoformat(row["made_on"]),
            row["made_by"],
            row["sha256"],
        )

    def copies(self, doc_id: int) -> list[CopyInfo]:
        """The marked copies printed of an entry, oldest first."""
        return [
            CopyInfo(
                r["document_id"],
                r["version"],
                r["kind"],
                date.fromisoformat(r["made_on"]),
                r["made_by"],
                r["sha256"],
            )
            for r in self.store._all(
                "SELECT document_id, version, kind, made_on, made_by, sha256 FROM "
                "document_copies WHERE document_id = ? ORDER BY id",
                [doc_id],
            )
        ]

    def entries(self) -> list[IssuedDocument]:
        """Every entry of the register, in the order of their numbers."""
        ids = self.store._all("SELECT id FROM documents ORDER BY year, sequence, commune_nis")
        return [self.get_by_id(r["id"]) for r in ids]

    def of_holder(self, holder_id: int) -> list[IssuedDocument]:
        ids = self.store._all(
            "SELECT id FROM documents WHERE holder_id = ? ORDER BY year DESC, sequence DESC",
            [holder_id],
        )
        return [self.get_by_id(r["id"]) for r in ids]

    def of_file(self, file_id: int) -> list[IssuedDocument]:
        ids = self.store._all(
            "SELECT id FROM documents WHERE file_id = ? ORDER BY year, sequence", [file_id]
        )
        return [self.get_by_id(r["id"]) for r in ids]

    def last_numbers(self) -> dict[tuple[str, int], int]:
        """Each register's last number, by commune and year, read from its counter (a few
        rows whatever the number of documents): how a restore tells an older file."""
        return {
            (row["commune_nis"], row["year"]): row["last_sequence"]
            for row in self.store._all(
                "SELECT commune_nis, year, last_sequence FROM register_counters"
            )
        }

    def tail_problems(self) -> list[str]:
        """Each register's counter against its highest number, through the unique index:
        constant work whatever the number of documents (the start-up's part of
        :meth:`problems`)."""
        found: list[str] = []
        for row in self.store._all(
            "SELECT c.commune_nis, c.year, c.last_sequence, (SELECT max(d.sequence) FROM "
            "documents d WHERE d.commune_nis = c.commune_nis AND d.year = c.year) AS top "
            "FROM register_counters c"
        ):
            if (row["top"] or 0) != row["last_sequence"]:
                found.append(
                    f"register {row['commune_nis']} {row['year']}: its counter is at "
                    f"{row['last_sequence']}, its last document at {row['top'] or 0}"
                )
        return found

    def problems(self) -> list[str]:
        """The register's invariants: gapless numbers matching the counters, PDFs that
        match their hashes, every document with its first version."""
        found: list[str] = []
        for row in self.store._all(
            "SELECT c.commune_nis, c.year, c.last_sequence, count(d.id) AS n, "
            "max(d.sequence) AS top FROM register_counters c LEFT JOIN documents d "
            "ON d.commune_nis = c.commune_nis AND d.year = c.year GROUP BY 1, 2"
        ):
            if row["n"] != row["last_sequence"] or (row["top"] or 0) != row["last_sequence"]:
                found.append(
                    f"register {row['commune_nis']} {row['year']}: {row['n']} documents "
                    f"for numbers 1..{row['last_sequence']} (gap or duplicate)"
                )
        for row in self.store._all(
            "SELECT d.year, d.sequence FROM documents d WHERE NOT EXISTS "
            "(SELECT 1 FROM document_versions v WHERE v.document_id = d.id AND v.version = 0)"
        ):
            found.append(f"document {RegisterNumber(row['year'], row['sequence'])} has no PDF")
        cursor = self.store._execute(
            "SELECT d.year, d.sequence, v.version, v.pdf, v.sha256 FROM document_versions v "
            "JOIN documents d ON d.id = v.document_id"
        )
        for year, sequence, version, pdf, sha in cursor:
            if sha256_of(pdf) != sha:
                number = RegisterNumber(year, sequence)
                found.append(f"document {number} version {version}: PDF does not match hash")
        return found
