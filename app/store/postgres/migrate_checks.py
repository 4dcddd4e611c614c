"""The checks of a register moved from its file to a server (``app.store.postgres.migrate``),
run inside the copy's transaction before it commits: a copy that does not match the file
raises :class:`NotMoved`, which rolls it back.

What is compared: each table's count; each PDF version's SHA-256 (the file's, the one the
server stores, and the one it computes from the bytes it holds); the audit rows field by
field, with the same ids, the detail as parsed JSON; the server's chain
(``audit_chain_problems()``); the permits' queue flags; the register's counters. Both
sides are read in id order and compared row by row, never held whole in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from app.domain.errors import StoreError
from app.store.postgres.store import PostgresStore
from app.store.sqlite import SqliteStore

#: Rows per batch sent to the server, and per fetch of a server-side cursor.
BATCH_ROWS = 5_000


class NotMoved(StoreError):
    """The register was not moved to the server (a refusal, or a copy that did not verify):
    nothing was written there."""

    kind = "not_moved"


def first(store: SqliteStore | PostgresStore, sql: str) -> Any:
    """The one row of ``sql`` (an aggregate's, which always has one)."""
    row = store._execute(sql).fetchone()
    assert row is not None, sql
    return row if len(row) > 1 else row[0]


def count(store: SqliteStore | PostgresStore, table: str) -> int:
    """The rows of ``table`` on either side."""
    return int(first(store, f"SELECT count(*) FROM {table}"))


def _mismatch(what: str) -> NotMoved:
    return NotMoved(f"the copy on the server does not match the file: {what}; nothing was written")


def _server_rows(server: PostgresStore, name: str, sql: str) -> Iterator[tuple[Any, ...]]:
    """The rows of ``sql`` read through a server-side cursor (never all in memory)."""
    with server._errors_translated(), server._conn.cursor(name=name) as cursor:
        cursor.itersize = BATCH_ROWS
        cursor.execute(sql)
        yield from cursor


def verify_copy(source: SqliteStore, server: PostgresStore, counts: dict[str, int]) -> None:
    """Everything the module docstring lists, the file's ``counts`` of each table taken
    before the copy; :class:`NotMoved` at the first difference."""
    for table, expected in counts.items():
        found = count(server, table)
        if found != expected:
            raise _mismatch(f"{table} has {found} rows on the server, {expected} in the file")
    _verify_versions(source, server)
    _verify_audit(source, server)
    verify_chain(server)
    # Which permits carry each flag, told by their number and the sum of their ids.
    flags = (
        "SELECT count(CASE WHEN superseded = 1 THEN 1 END), "
        "coalesce(sum(CASE WHEN superseded = 1 THEN id END), 0), "
        "count(CASE WHEN covered = 1 THEN 1 END), "
        "coalesce(sum(CASE WHEN covered = 1 THEN id END), 0) FROM permits"
    )
    if [int(n) for n in first(source, flags)] != [int(n) for n in first(server, flags)]:
        raise _mismatch("the permits' queue flags (superseded, covered) differ")
    counters = "SELECT commune_nis, year, last_sequence FROM register_counters ORDER BY 1, 2"
    if [tuple(r) for r in source._execute(counters)] != [
        tuple(r) for r in server._execute(counters)
    ]:
        raise _mismatch("the register's counters differ")


def _verify_versions(source: SqliteStore, server: PostgresStore) -> None:
    """Each PDF version's SHA-256: the file's, the server's stored one, and the one the
    server computes from the bytes it holds, all equal."""
    in_file = source._execute("SELECT id, sha256 FROM document_versions ORDER BY id")
    on_server = _server_rows(
        server,
        "migrate_versions",
        "SELECT id, sha256, encode(sha256(pdf), 'hex') FROM document_versions ORDER BY id",
    )
    for (file_id, file_sha), (server_id, stored, computed) in _paired(in_file, on_server):
        if (file_id, file_sha) != (server_id, stored) or stored != computed:
            raise _mismatch(f"document version {file_id}'s PDF or its SHA-256")


def _verify_audit(source: SqliteStore, server: PostgresStore) -> None:
    """The audit rows, field by field (the detail as parsed JSON), with the same ids."""
    selected = 'SELECT id, at, "user", action, entity, entity_id, detail FROM audit_log ORDER BY id'
    on_server = _server_rows(server, "migrate_audit", selected)
    for in_file, copied in _paired(source._execute(selected), on_server):
        if tuple(in_file[:6]) != tuple(copied[:6]) or json.loads(in_file[6] or "{}") != json.loads(
            copied[6] or "{}"
        ):
            raise _mismatch(f"audit row {in_file[0]}")


def _paired(
    in_file: Iterable[Sequence[Any]], on_server: Iterable[Sequence[Any]]
) -> Iterator[tuple[Sequence[Any], Sequence[Any]]]:
    """The rows of both sides side by side; one side running out first is a mismatch."""
    try:
        yield from zip(in_file, on_server, strict=True)
    except ValueError as error:
        raise _mismatch("a table has more rows on one side") from error


def verify_chain(server: PostgresStore) -> None:
    """The server's own check of its audit chain and guards finds nothing."""
    problems = [row[0] for row in server._execute("SELECT * FROM audit_chain_problems()")]
    if problems:
        raise _mismatch(f"the server's audit chain: {problems[0]}")
