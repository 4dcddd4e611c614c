"""The register on the server: numbers taken in the issuing transaction (gapless and unique
across counters, rollbacks included), extensions, annulments and copies through the
server's functions, each with its audit row, and the queue flags the triggers keep."""

from __future__ import annotations

import threading

import psycopg
import pytest
from psycopg.types.json import Jsonb

from tests.store.postgres.support import (
    COMMUNE,
    YEAR,
    add_holder,
    chain_problems,
    document,
    issue,
)

COUNTERS = 12
ISSUES_EACH = 20


@pytest.fixture(scope="module")
def database(make_database):
    return make_database()


def test_twelve_counters_issuing_at_once_give_numbers_without_gap_or_double(database):
    with database.connect(database.counter) as conn:
        holder_id = add_holder(conn)
    start = threading.Barrier(COUNTERS)
    rolled_back: list[int] = []
    errors: list[BaseException] = []

    def counter(index: int) -> None:
        try:
            with database.connect(database.counter) as conn:
                start.wait()
                for attempt in range(ISSUES_EACH):
                    with conn.transaction():
                        (number,) = conn.execute(
                            "SELECT next_register_number(%s, %s)", [COMMUNE, YEAR]
                        ).fetchone()
                        if (index * ISSUES_EACH + attempt) % 10 == 9:
                            rolled_back.append(number)
                            raise psycopg.Rollback()  # the PDF failed to render, say
                        conn.execute(
                            "SELECT record_issue(%s, %s, %s)",
                            [
                                Jsonb(document(holder_id, number)),
                                f"PDF of {number}".encode(),
                                Jsonb({}),
                            ],
                        )
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=counter, args=(index,)) for index in range(COUNTERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    issued = COUNTERS * ISSUES_EACH - len(rolled_back)
    assert len(rolled_back) == COUNTERS * ISSUES_EACH // 10
    with database.connect(database.counter) as conn:
        numbers = [n for (n,) in conn.execute("SELECT sequence FROM documents ORDER BY sequence")]
        assert numbers == list(range(1, issued + 1))
        (last,) = conn.execute(
            "SELECT last_sequence FROM register_counters WHERE commune_nis = %s AND year = %s",
            [COMMUNE, YEAR],
        ).fetchone()
        assert last == issued
        assert chain_problems(conn) == []
        vouched = conn.execute(
            "SELECT a.detail::jsonb ->> 'number', a.detail::jsonb ->> 'sha256', "
            "d.year, d.sequence, v.sha256 FROM audit_log a "
            "JOIN documents d ON d.id = a.entity_id "
            "JOIN document_versions v ON v.document_id = d.id AND v.version = 0 "
            "WHERE a.action = 'issue' AND a.entity = 'document'"
        ).fetchall()
        assert len(vouched) == issued
        for number, sha, year, sequence, stored_sha in vouched:
            assert number == f"{year}/{sequence:06d}"
            assert sha == stored_sha


def test_an_entry_is_extended_annulled_and_copied_through_the_functions(database):
    with database.connect(database.counter) as conn:
        doc_id = issue(conn, add_holder(conn), valid_until=f"{YEAR}-04-01", max_extensions=1)
        with conn.transaction():
            (version,) = conn.execute(
                "SELECT record_extension(%s, %s, %s, %s, 'marie', 'now')",
                [doc_id, f"{YEAR}-05-01", '{"extended": true}', b"%PDF extended"],
            ).fetchone()
        assert version == 1
        with pytest.raises(psycopg.errors.RaiseException, match="extension"):
            conn.execute(
                "SELECT record_extension(%s, %s, '{}', %s, 'marie', 'now')",
                [doc_id, f"{YEAR}-06-01", b"%PDF again"],
            )
        with pytest.raises(psycopg.errors.RaiseException, match="marked annulled"):
            conn.execute(
                "SELECT record_copy(%s, 1, 'annulled', 'today', 'marie', %s, 'now')",
                [doc_id, "a" * 64],
            )
        conn.execute(
            "SELECT record_copy(%s, 1, 'duplicate', 'today', 'marie', %s, 'now')",
            [doc_id, "b" * 64],
        )
        conn.execute(
            "SELECT annul_document(%s, %s, 'wrong holder', 'marie', 'now')",
            [doc_id, f"{YEAR}-05-02"],
        )
        with pytest.raises(psycopg.errors.RaiseException, match="already annulled"):
            conn.execute(
                "SELECT annul_document(%s, %s, 'again', 'marie', 'now')",
                [doc_id, f"{YEAR}-05-03"],
            )
        with pytest.raises(psycopg.errors.RaiseException, match="annulled: it cannot"):
            conn.execute(
                "SELECT record_extension(%s, %s, '{}', %s, 'marie', 'now')",
                [doc_id, f"{YEAR}-06-01", b"%PDF again"],
            )
        with pytest.raises(psycopg.errors.NoDataFound):
            conn.execute("SELECT annul_document(-1, 'today', 'none', 'marie', 'now')")

        actions = conn.execute(
            "SELECT action, detail::jsonb FROM audit_log WHERE entity = 'document' "
            "AND entity_id = %s ORDER BY id",
            [doc_id],
        ).fetchall()
        assert [action for action, _ in actions] == ["issue", "extend", "reprint", "annul"]
        extend, reprint = actions[1][1], actions[2][1]
        assert extend["version"] == 1 and extend["valid_until"] == f"{YEAR}-05-01"
        assert reprint == {
            "mark": "duplicate",
            "of_version": 1,
            "sha256": "b" * 64,
            "commune": COMMUNE,
            "number": extend["number"],
        }
        state = conn.execute(
            "SELECT valid_until, extensions_used, snapshot, annulled_reason FROM documents "
            "WHERE id = %s",
            [doc_id],
        ).fetchone()
        assert state == (f"{YEAR}-05-01", 1, '{"extended": true}', "wrong holder")
        assert chain_problems(conn) == []


#: The flags as SQLite's migration 0008 defines them (_QUEUE_SUPERSEDED, _QUEUE_COVERED).
_EXPECTED_FLAGS = """
SELECT id, superseded, covered,
  (EXISTS (SELECT 1 FROM permits later
           WHERE later.holder_id = permits.holder_id AND later.expiry > permits.expiry))::int,
  (EXISTS (SELECT 1 FROM renewal_files f WHERE f.permit_id = permits.id AND (
      (f.state = 'closed' AND f.decision_taken = 1)
      OR EXISTS (SELECT 1 FROM documents d WHERE d.file_id = f.id
                 AND d.annex IN ('49', '50', '51') AND d.annulled_on IS NULL))))::int
FROM permits WHERE holder_id = %s ORDER BY id
"""


def test_the_queue_flags_follow_permits_files_and_documents(database):
    with database.connect(database.counter) as conn:
        holder_id = add_holder(conn, "QUEUE")

        def flags() -> list[tuple[int, int]]:
            found = conn.execute(_EXPECTED_FLAGS, [holder_id]).fetchall()
            for _, superseded, covered, expected_superseded, expected_covered in found:
                assert (superseded, covered) == (expected_superseded, expected_covered)
            return [(superseded, covered) for _, superseded, covered, _, _ in found]

        def permit(card: str, expiry: str) -> int:
            (permit_id,) = conn.execute(
                "INSERT INTO permits (holder_id, card_number, expiry, labour_market) "
                "VALUES (%s, %s, %s, 'limited') RETURNING id",
                [holder_id, card, expiry],
            ).fetchone()
            return int(permit_id)

        old = permit("B0001", "2026-06-01")
        assert flags() == [(0, 0)]
        new = permit("B0002", "2027-06-01")
        assert flags() == [(1, 0), (0, 0)]
        conn.execute("UPDATE permits SET expiry = '2028-01-01' WHERE id = %s", [old])
        assert flags() == [(0, 0), (1, 0)]
        conn.execute("UPDATE permits SET expiry = '2026-01-01' WHERE id = %s", [old])

        (file_id,) = conn.execute(
            'INSERT INTO renewal_files (holder_id, permit_id, "case", opened_on) '
            "VALUES (%s, %s, 'limited_renewal', '2027-04-01') RETURNING id",
            [holder_id, new],
        ).fetchone()
        assert flags() == [(1, 0), (0, 0)]
        issue(conn, holder_id, annex="41", file_id=file_id)
        assert flags() == [(1, 0), (0, 0)]  # an annex 41 is no cover
        doc_id = issue(conn, holder_id, annex="49", file_id=file_id)
        assert flags() == [(1, 0), (0, 1)]
        conn.execute("SELECT annul_document(%s, '2027-04-02', 'typo', 'marie', 'now')", [doc_id])
        assert flags() == [(1, 0), (0, 0)]
        conn.execute(
            "UPDATE renewal_files SET state = 'closed', decision_taken = 1 WHERE id = %s",
            [file_id],
        )
        assert flags() == [(1, 0), (0, 1)]
        conn.execute("UPDATE renewal_files SET permit_id = %s WHERE id = %s", [old, file_id])
        assert flags() == [(1, 1), (0, 0)]
