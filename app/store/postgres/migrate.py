"""Moving up: a register kept in an SQLite file copied into an empty register on a
PostgreSQL server (``permitdesk migrate-to``), in one transaction of the server, verified
before it commits.

Every record keeps its id, so the foreign keys and the audit rows' ``entity_id`` still name
the same records; each table's identity is then set past its largest id, so the server's
next row gets a new one. The audit rows are sent in id order with their data columns only:
the server's trigger chains them again with its own key and numbers them from 1, which are
the ids they had in the file (a file's log has no gap: :func:`copy_register` refuses one
that has). The register's counters are copied, so the next number on the server is the
file's last one plus one.

The copy runs as ``permitdesk_owner`` (``SET LOCAL ROLE``, which a member of the role may
do): counters may not insert documents, their versions, the counters or the accounts, and
the audit rows of the register and of the accounts are written by the owner's rights only.
Both schemas are this version's (each store migrates its own on opening); a table or a
column that one has and the other lacks is refused, never left behind. The queue flags'
insert triggers are off while rows go in, the flags then computed once by the server's own
functions.

Before the commit, still in the transaction, ``app.store.postgres.migrate_checks`` compares
the copy with the file: counts, every PDF's SHA-256, the audit rows field by field, the
server's chain, the counters and the queue flags. Then one audit row saying where the
register came from, and the commit. Anything that fails rolls the whole copy back: the
server database stays as it was, empty.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from app.store import audit
from app.store.base import quoted
from app.store.postgres.migrate_checks import (
    BATCH_ROWS,
    NotMoved,
    count,
    first,
    verify_chain,
    verify_copy,
)
from app.store.postgres.store import PostgresStore
from app.store.sqlite import SqliteStore

__all__ = [
    "MoveReport",
    "NotMoved",
    "Progress",
    "copy_register",
    "refuse_unless_ready",
    "role_problem",
]

log = logging.getLogger(__name__)

#: ``progress(rows_done, rows_total)`` after each batch sent to the server.
Progress = Callable[[int, int], None]

#: The role whose rights the copy uses (migration 0001 of the server creates it).
OWNER_ROLE = "permitdesk_owner"
#: The tables copied, parents before children, each with the order its rows are read in.
TABLES: tuple[tuple[str, str], ...] = (
    ("settings", "key"),
    ("assets", "name"),
    ("holders", "id"),
    ("permits", "id"),
    ("family_members", "id"),
    ("renewal_files", "id"),
    ("file_family_members", "file_id, family_member_id"),
    ("file_events", "id"),
    ("register_counters", "commune_nis, year"),
    ("documents", "id"),
    ("document_versions", "id"),
    ("document_copies", "id"),
    ("transmissions", "id"),
    ("accounts", "id"),
)
#: Tables whose ids are an identity on the server, set past the largest copied id.
IDENTITY_TABLES = tuple(table for table, order in TABLES if order == "id")
#: Columns only the server has, filled from the others: by the store (the holders' search
#: numbers) or by the server's trigger (each permit's copy of its holder's standing,
#: migration 0011).
_SERVER_ONLY = {"holders": {"search_numbers"}, "permits": {"suspension_birth"}}
#: Columns both have that the server computes itself and are not sent: the audit log's id
#: and links (its trigger assigns them whatever is sent), the permits' queue flags
#: (:func:`_refresh_queue_flags`); ``migrate_checks`` compares them with the file's.
_COMPUTED = {"audit_log": {"id", "prev_hash", "hash"}, "permits": {"superseded", "covered"}}
#: Tables of the file that are not the register's data: SQLite's own, the migrations'
#: record, the full-text index (the server indexes ``name_key`` and ``search_numbers``).
_FILE_ONLY_PREFIXES = ("sqlite_", "_sqlite_", "holder_search")
_SERVER_OWN = {"schema_migrations"}
#: What is true only while a counter works, not moved: which counter has a file open
#: (``Store.take_file``); the counters start afresh on the server.
_TRANSIENT = {"file_handling"}
#: The triggers that keep the queue flags as rows are inserted (server migration 0002): off
#: while the copy inserts (each row would refresh its holder's flags, over a table the
#: planner still takes for empty), the flags then computed once for every permit.
_QUEUE_INSERT_TRIGGERS = (
    ("permits", "permits_queue_insert"),
    ("renewal_files", "files_queue_insert"),
    ("documents", "documents_queue_insert"),
)
#: Fewer rows per batch where rows carry PDFs or images (a batch is held in memory).
_BLOB_BATCH_ROWS = {"document_versions": 50, "assets": 20}
#: The advisory lock a move holds for its transaction: "PDMOVE" in ASCII.
MOVE_LOCK = 0x50444D4F5645
#: What the server's audit row about the move says (no name the server reserves).
MOVED_ACTION, MOVED_ENTITY = "moved_from_file", "register"


@dataclass(frozen=True)
class MoveReport:
    """What was copied where: the server database (for people, without a password), the
    rows of each table (``audit_log`` included), and the file's audit chain as it ended
    (its last row and hash)."""

    location: str
    counts: dict[str, int]
    chain_rows: int
    chain_hash: str

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def role_problem(server: PostgresStore) -> str | None:
    """Why the server's login may not copy a register into it; None when it may (a
    member of ``permitdesk_owner``, as the commune IT's login is, or a superuser)."""
    row = server._execute(
        "SELECT current_user, EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?) AS known, "
        "pg_has_role(current_user, ?, 'MEMBER') AS member",
        [OWNER_ROLE, OWNER_ROLE],
    ).fetchone()
    assert row is not None
    user, known, member = row
    if known and member:
        return None
    return (
        f"moving a register needs a database login that is a member of {OWNER_ROLE} "
        f"(the commune IT's login, docs/admin.md); {user} is not"
    )


def server_contents(server: PostgresStore) -> list[str]:
    """The copied tables that already hold rows on the server (the audit log included)."""
    found = []
    for table in [*(table for table, _ in TABLES), "audit_log"]:
        if first(server, f"SELECT EXISTS (SELECT 1 FROM {table})"):
            found.append(table)
    return found


def refuse_unless_ready(server: PostgresStore) -> None:
    """:class:`NotMoved` unless the login may move a register there (:func:`role_problem`)
    and the database is empty (:func:`server_contents`)."""
    problem = role_problem(server)
    if problem:
        raise NotMoved(f"{problem}; nothing was copied")
    busy = server_contents(server)
    if busy:
        raise NotMoved(
            f"the server database {server.location} is not empty (it holds "
            f"{', '.join(busy)}): a register moves into an empty one only; nothing was copied"
        )


def copy_register(
    source: SqliteStore,
    server: PostgresStore,
    *,
    user: str,
    at: str,
    progress: Progress | None = None,
) -> MoveReport:
    """Copy every record of ``source`` into the empty register ``server``, verify the copy
    and add the audit row ``moved_from_file`` by ``user`` at ``at``, in one transaction of
    the server (module docstring). The caller has checked ``source`` and holds it still
    (its write transaction), so that what is copied is what was checked. Raises
    :class:`NotMoved` when the server refuses the move or the copy does not verify."""
    counts = {table: count(source, table) for table, _ in TABLES}
    counts["audit_log"] = _audit_rows(source)
    done, total = 0, sum(counts.values())
    tell = progress or (lambda _done, _total: None)
    tell(0, total)
    with server.transaction():
        # Two moves into one database take turns: the second finds it no longer empty.
        server._execute("SELECT pg_advisory_xact_lock(?)", [MOVE_LOCK])
        refuse_unless_ready(server)
        server._execute(f"SET LOCAL ROLE {OWNER_ROLE}")
        server._execute("SET LOCAL statement_timeout = 0")
        columns = _columns(source, server)
        _queue_triggers(server, "DISABLE")
        for table, order in TABLES:
            for sent in _copy_table(source, server, table, order, columns[table]):
                done += sent
                tell(done, total)
            if table == "permits":
                server._execute("ANALYZE holders, permits")  # the planner's, for what follows
                _index_holders(server)
        _queue_triggers(server, "ENABLE")
        _refresh_queue_flags(server)
        _advance_identities(server)
        # In id order, the data columns only: the server chains them.
        for sent in _copy_table(source, server, "audit_log", "id", columns["audit_log"]):
            done += sent
            tell(done, total)
        verify_copy(source, server, counts)
        last = audit.tail(source)
        chain_rows, chain_hash = (last.id, last.hash) if last else (0, "")
        server._append_audit(
            at,
            user,
            MOVED_ACTION,
            MOVED_ENTITY,
            None,
            {
                "source": str(source.path),
                "counts": counts,
                "file_chain": {"rows": chain_rows, "last_hash": chain_hash},
            },
        )
        verify_chain(server)
    log.info("register %s moved to %s: %s", source.path, server.location, counts)
    return MoveReport(server.location, counts, chain_rows, chain_hash)


# -- the copy ------------------------------------------------------------------------------


def _sqlite_tables(source: SqliteStore) -> set[str]:
    names = source._all("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {r["name"] for r in names if not r["name"].startswith(_FILE_ONLY_PREFIXES)}


def _server_columns(server: PostgresStore) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for table, column in server._execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = 'permitdesk' ORDER BY table_name, ordinal_position"
    ).fetchall():
        found.setdefault(table, []).append(column)
    return found


def _columns(source: SqliteStore, server: PostgresStore) -> dict[str, list[str]]:
    """Each copied table's columns, which both schemas must have alike (but the server's
    own): a table or a column this version does not know how to move is refused, never
    left behind."""
    expected = {table for table, _ in TABLES} | {"audit_log"}
    on_server = _server_columns(server)
    unknown = (_sqlite_tables(source) | (set(on_server) - _SERVER_OWN)) - expected - _TRANSIENT
    if unknown:
        raise NotMoved(
            f"this version of PermitDesk cannot move the table(s) {', '.join(sorted(unknown))}; "
            "nothing was copied"
        )
    columns: dict[str, list[str]] = {}
    for table in sorted(expected):
        skipped = _COMPUTED.get(table, set())
        in_file = [
            r["name"]
            for r in source._all(f"PRAGMA table_info({table})")
            if r["name"] not in skipped
        ]
        wanted = [
            c
            for c in on_server.get(table, [])
            if c not in skipped and c not in _SERVER_ONLY.get(table, ())
        ]
        if sorted(in_file) != sorted(wanted):
            raise NotMoved(
                f"the table {table} differs between the file ({', '.join(in_file)}) and the "
                f"server ({', '.join(wanted)}); nothing was copied"
            )
        columns[table] = in_file
    return columns


def _audit_rows(source: SqliteStore) -> int:
    """The file's audit rows, refused unless numbered 1..N: the server numbers them so, and
    the ids must stay the ones the file's rows had (a gap is a row removed, which the
    check has named already)."""
    low, high, count = first(
        source, "SELECT coalesce(min(id), 1), coalesce(max(id), 0), count(*) FROM audit_log"
    )
    if count and (low != 1 or high != count):
        raise NotMoved(
            f"the audit log of {source.path} is not numbered 1..{count} (rows {low} to "
            f"{high}): its rows would not keep their ids; nothing was copied"
        )
    return int(count)


def _batches(
    source: SqliteStore, sql: str, size: int = BATCH_ROWS
) -> Iterator[list[Sequence[Any]]]:
    with source._errors_translated():
        cursor = source._execute(sql)
        while batch := cursor.fetchmany(size):
            yield batch


def _copy_table(
    source: SqliteStore, server: PostgresStore, table: str, order: str, columns: list[str]
) -> Iterator[int]:
    """Send the table's rows in batches, ids included; yields the rows of each batch."""
    names = quoted(columns)
    insert = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' for _ in columns)})"
    size = _BLOB_BATCH_ROWS.get(table, BATCH_ROWS)
    for batch in _batches(source, f"SELECT {names} FROM {table} ORDER BY {order}", size):
        server._executemany(insert, batch)
        yield len(batch)


def _index_holders(server: PostgresStore) -> None:
    """The holders' search numbers (national number and cards), which only the server
    keeps, once their permits are in; by ranges of ids."""
    high = int(first(server, "SELECT coalesce(max(id), 0) FROM holders"))
    for start in range(1, high + 1, BATCH_ROWS):
        server._reindex_holders(list(range(start, min(start + BATCH_ROWS, high + 1))), new=True)


def _queue_triggers(server: PostgresStore, state: str) -> None:
    """Switch the queue flags' insert triggers off or on (``DISABLE``, ``ENABLE``) inside
    the copy's transaction: a failed copy leaves them on, as its rollback does everything."""
    for table, trigger in _QUEUE_INSERT_TRIGGERS:
        server._execute(f"ALTER TABLE {table} {state} TRIGGER {trigger}")


def _refresh_queue_flags(server: PostgresStore) -> None:
    """Every permit's flags as the server's own functions compute them (migration 0002);
    :func:`~app.store.postgres.migrate_checks.verify_copy` then compares them
    with the file's."""
    server._execute("SELECT refresh_superseded(ARRAY(SELECT DISTINCT holder_id FROM permits))")
    server._execute("SELECT refresh_covered(ARRAY(SELECT id FROM permits))")


def _advance_identities(server: PostgresStore) -> None:
    """Each identity past its table's largest id: the server's next row gets a new id."""
    for table in IDENTITY_TABLES:
        server._execute(
            f"SELECT setval(pg_get_serial_sequence('permitdesk.{table}', 'id'), "
            f"coalesce(max(id), 0) + 1, false) FROM {table}"
        )
