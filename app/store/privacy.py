"""Deleting personal data under the retention rule, with the register kept whole.

The register must stay gapless, so a purged holder's documents are not deleted: they keep
their number, annex and dates, but point to one anonymous placeholder holder, lose their
snapshot, and their PDFs are replaced by a short notice (with its own SHA-256). Files,
permits, family members and the holder are deleted.

Nothing of them may stay in the file's bytes: the purge needs the database to itself
(leaving WAL mode fails while any other connection is open, which is how it is told),
runs with ``secure_delete`` so freed pages are overwritten with zeros and with a rollback
journal that is deleted at the commit (no write-ahead log keeps old pages), rewrites the
search index so that no segment keeps a deleted name, then goes back to WAL.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.domain.errors import DatabaseLocked, StoreError
from app.store import audit
from app.store.base import now_text
from app.store.connection import BUSY_TIMEOUT_SECONDS, connect_readonly, translate_error
from app.store.sqlite import SqliteStore

log = logging.getLogger(__name__)

PLACEHOLDER_SETTING = "purged_holder_id"
PURGED_PDF = b"This register entry's document was deleted under the retention rule."

_HOLDER_ACTIVITY = """
max(
  coalesce((SELECT max(expiry) FROM permits WHERE holder_id = h.id), ''),
  coalesce((SELECT max(coalesce(valid_until, issued_on)) FROM documents
            WHERE holder_id = h.id), ''),
  coalesce((SELECT max(opened_on) FROM renewal_files WHERE holder_id = h.id), ''),
  coalesce((SELECT max(e.on_date) FROM file_events e JOIN renewal_files f ON f.id = e.file_id
            WHERE f.holder_id = h.id), ''),
  substr(h.updated_at, 1, 10)
)"""
_FILE_ACTIVITY = """
max(
  f.opened_on,
  coalesce((SELECT max(on_date) FROM file_events WHERE file_id = f.id), ''),
  coalesce((SELECT max(coalesce(valid_until, issued_on)) FROM documents
            WHERE file_id = f.id), '')
)"""


@dataclass(frozen=True)
class PurgeSet:
    """What the retention rule deletes: whole holders, and closed files of others."""

    holder_ids: tuple[int, ...]
    file_ids: tuple[int, ...]
    document_ids: tuple[int, ...]


def purgeable(store: SqliteStore, cutoff: date) -> PurgeSet:
    """Holders with no open file whose last activity (permit expiry, end of a document's
    validity, a file's dates, the last edit) is before ``cutoff``; closed files of other
    holders whose last activity is before it."""
    placeholder = store.get_setting(PLACEHOLDER_SETTING, -1)
    holders = [
        row["id"]
        for row in store._all(
            f"SELECT h.id FROM holders h WHERE h.id != ? AND NOT EXISTS "
            f"(SELECT 1 FROM renewal_files WHERE holder_id = h.id AND state = 'open') "
            f"AND {_HOLDER_ACTIVITY} < ? ORDER BY h.id",
            [placeholder, cutoff.isoformat()],
        )
    ]
    chosen = set(holders)
    files = [
        row["id"]
        for row in store._all(
            f"SELECT f.id, f.holder_id FROM renewal_files f WHERE f.state = 'closed' "
            f"AND {_FILE_ACTIVITY} < ? ORDER BY f.id",
            [cutoff.isoformat()],
        )
        if row["holder_id"] not in chosen
    ]
    documents = _documents_of(store, holders, files)
    return PurgeSet(tuple(holders), tuple(files), tuple(documents))


def _in(ids: list[int] | tuple[int, ...]) -> str:
    return ", ".join(str(int(i)) for i in ids) or "NULL"


def _documents_of(store: SqliteStore, holders: list[int], files: list[int]) -> list[int]:
    return [
        row["id"]
        for row in store._all(
            f"SELECT id FROM documents WHERE holder_id IN ({_in(holders)}) "
            f"OR file_id IN ({_in(files)}) ORDER BY id"
        )
    ]


def _placeholder(store: SqliteStore) -> int:
    """The anonymous holder that purged register entries point to (unsearchable)."""
    found = store.get_setting(PLACEHOLDER_SETTING)
    if found is not None:
        return int(found)
    now = now_text()
    holder_id = store._insert(
        "holders", {"surname": "—", "given_names": "", "created_at": now, "updated_at": now}
    )
    store._execute(
        "INSERT INTO holder_search (rowid, names, numbers) VALUES (?, '', '')", [holder_id]
    )
    store.set_setting(PLACEHOLDER_SETTING, holder_id)
    return holder_id


class InUse(DatabaseLocked):
    """Another connection has the database open: a purge needs it alone."""

    kind = "in_use"


@contextlib.contextmanager
def _alone(store: SqliteStore) -> Iterator[None]:
    """The database with no other connection, in rollback-journal mode, secure-deleting;
    back in WAL mode afterwards."""
    db = store._db
    db.execute("PRAGMA busy_timeout = 0")
    try:
        try:
            db.execute("PRAGMA journal_mode = DELETE")
        except sqlite3.OperationalError as error:
            if "locked" not in str(error).lower() and "busy" not in str(error).lower():
                raise translate_error(error, store.path) from error
            raise InUse(
                f"another program has the database {store.path} open (another counter, a "
                "backup, a viewer): close it, then purge again"
            ) from error
        db.execute("PRAGMA secure_delete = ON")
        try:
            yield
        finally:
            db.execute("PRAGMA secure_delete = OFF")
            db.execute("PRAGMA journal_mode = WAL")
    finally:
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")


def purge(store: SqliteStore, chosen: PurgeSet, by: str) -> None:
    """Delete what ``chosen`` names, leaving nothing of it in the file; one transaction.
    Raises :class:`InUse` while another connection has the database open."""
    with _alone(store), store.transaction():
        placeholder = _placeholder(store)
        documents = _in(chosen.document_ids)
        store._execute(
            f"UPDATE documents SET holder_id = ?, family_member_id = NULL, file_id = NULL, "
            f"snapshot = '{{}}', annulled_reason = CASE WHEN annulled_reason = '' "
            f"THEN '' ELSE '(purged)' END WHERE id IN ({documents})",
            [placeholder],
        )
        purged_sha = hashlib.sha256(PURGED_PDF).hexdigest()
        store._execute(
            f"UPDATE document_versions SET pdf = ?, sha256 = ? WHERE document_id IN ({documents})",
            [PURGED_PDF, purged_sha],
        )
        # what the chain vouches for these entries' PDFs from now on (chain_checks)
        detail = {"documents": list(chosen.document_ids), "sha256": purged_sha}
        audit.append(store, now_text(), by, "redact", "register", None, detail)
        store._execute(f"DELETE FROM renewal_files WHERE id IN ({_in(chosen.file_ids)})")
        holders = _in(chosen.holder_ids)
        store._execute(f"DELETE FROM holder_search WHERE rowid IN ({holders})")
        store._execute(f"DELETE FROM holders WHERE id IN ({holders})")
        # one new segment without the deleted rows; the old ones' pages are zeroed
        store._execute("INSERT INTO holder_search (holder_search) VALUES ('optimize')")
    log.info(
        "purged %d holders, %d files, %d documents anonymised",
        len(chosen.holder_ids),
        len(chosen.file_ids),
        len(chosen.document_ids),
    )


def national_numbers(store: SqliteStore, holder_ids: Iterable[int]) -> list[str]:
    ids = _in(tuple(holder_ids))
    rows = store._all(f"SELECT national_number FROM holders WHERE id IN ({ids})")
    return [row["national_number"] for row in rows if row["national_number"]]


def copy_holds_any(path: Path, numbers: Iterable[str]) -> bool:
    """Whether the database copy at ``path`` (opened read-only) holds one of these
    national numbers; a copy that cannot be read counts as holding them."""
    wanted = list(numbers)
    if not wanted:
        return False
    marks = ", ".join("?" * len(wanted))
    try:
        db = connect_readonly(path)
        try:
            found = db.execute(
                f"SELECT 1 FROM holders WHERE national_number IN ({marks}) LIMIT 1", wanted
            ).fetchone()
        finally:
            db.close()
    except (StoreError, sqlite3.DatabaseError):
        return True
    return found is not None
