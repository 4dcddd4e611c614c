"""What the PostgreSQL schema tests share: a holder, a register entry issued as the store
issues it (a number, then the entry, in one transaction), and the chain's check."""

from __future__ import annotations

import psycopg
from psycopg.types.json import Jsonb

COMMUNE = "21004"
YEAR = 2026


def add_holder(conn: psycopg.Connection, surname: str = "DUPONT") -> int:
    row = conn.execute(
        "INSERT INTO holders (surname, created_at, updated_at) VALUES (%s, 'now', 'now') "
        "RETURNING id",
        [surname],
    ).fetchone()
    assert row is not None
    return int(row[0])


def document(holder_id: int, sequence: int, **fields: object) -> dict[str, object]:
    return {
        "commune_nis": COMMUNE,
        "year": YEAR,
        "sequence": sequence,
        "annex": "41",
        "language": "fr",
        "holder_id": holder_id,
        "issued_on": f"{YEAR}-03-02",
        "issued_by": "marie",
        "snapshot": "{}",
        "created_at": f"{YEAR}-03-02T10:00:00+00:00",
        **fields,
    }


def issue(conn: psycopg.Connection, holder_id: int, pdf: bytes = b"%PDF-1.7", **fields) -> int:
    """One entry in its own transaction, as the store issues: number, then entry."""
    with conn.transaction():
        taken = conn.execute("SELECT next_register_number(%s, %s)", [COMMUNE, YEAR]).fetchone()
        assert taken is not None
        entry = conn.execute(
            "SELECT record_issue(%s, %s, %s)",
            [Jsonb(document(holder_id, taken[0], **fields)), pdf, Jsonb({"annex": "41"})],
        ).fetchone()
        assert entry is not None
    return int(entry[0])


def chain_problems(conn: psycopg.Connection) -> list[str]:
    return [problem for (problem,) in conn.execute("SELECT * FROM audit_chain_problems()")]
