"""The audit rows the demo does not write, as the audit view says them (French): what
only the chain's checks need (a sealed state, a hash) is never shown."""

from __future__ import annotations

from typing import Any

import pytest

from app.services.audit import AuditEntry, Subject
from app.ui.documents.labels import moment_text
from app.ui.security.audit_sentences import sentence

DIGEST = "ab" * 32


def row(action: str, entity: str, entity_id: int | None, **detail: Any) -> AuditEntry:
    return AuditEntry(1, "2026-11-23T09:00:00+00:00", "marie", action, entity, entity_id, detail)


SUBJECTS = {
    ("account", 7): Subject("clerk1"),
    ("document", 3): Subject("DUPONT", "Jean", "50"),
    ("holder", 9): Subject("DUPONT", "Jean"),
}


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            row("change", "account", 7, role="supervisor", state=DIGEST),
            "marie a attribué à clerk1 le rôle superviseur",
        ),
        (
            row(
                "extend",
                "document",
                3,
                number="2026/000123",
                version=1,
                valid_until="2027-01-05",
                sha256=DIGEST,
                commune="21004",
            ),
            "marie a prorogé l'annexe 50 2026/000123 de DUPONT, Jean jusqu'au 5 janv. 2027",
        ),
        (
            row(
                "restore",
                "database",
                None,
                source="counter-2026.sqlite",
                replaced_chain={"id": 41, "hash": DIGEST},
            ),
            "marie a restauré la base de données depuis counter-2026.sqlite ; "
            "le journal précédent s'arrêtait à la ligne 41",
        ),
        (
            row("redact", "register", None, documents=[3, 4], sha256=DIGEST),
            "marie a purgé 2 documents du registre",
        ),
        (
            row("discard", "renewal_file", 12, holder=9, case="limited_renewal"),
            "marie a supprimé un dossier de renouvellement inachevé de DUPONT, Jean",
        ),
        (
            row("login_failed", "account", None, reason="unknown"),
            "Connexion refusée pour un nom inconnu",
        ),
        (
            row("audit_keyed", "audit", None, public_rows=5, public_hash=DIGEST),
            "À partir d'ici, le journal d'audit est scellé avec la clé de cette installation",
        ),
    ],
)
def test_rows_read_as_sentences(entry: AuditEntry, expected: str) -> None:
    assert sentence(entry, SUBJECTS) == expected


def test_a_record_gone_is_said_so() -> None:
    entry = row("annul", "document", 99, number="2026/000007", commune="21004")
    assert sentence(entry, SUBJECTS) == "marie a annulé l'annexe ? 2026/000007 de (fiche supprimée)"


def test_times_have_four_digit_years() -> None:
    assert "2026" in moment_text("2026-11-23T09:00:00+00:00")
