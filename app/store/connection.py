"""Opening the SQLite file: pragmas that make a committed document survive a power cut.

WAL with ``synchronous=FULL`` (each commit is fsynced to the WAL before it returns),
``foreign_keys=ON`` on every connection, and a busy timeout so that two counters writing
at once wait for each other instead of failing.

:func:`connect_readonly` is the other way in, for ``check``, a restore's candidate and a
backup's verification: the file is read as it is, never created, migrated or switched to
WAL, after :func:`header_problem` has refused what is not an SQLite file at all.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from app.domain.errors import (
    DatabaseLocked,
    DatabaseUnreadable,
    DiskFull,
    Interrupted,
    ReadOnlyDatabase,
)
from app.domain.text import fold, name_key

log = logging.getLogger(__name__)

BUSY_TIMEOUT_SECONDS = 15.0
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
CACHE_KIB = 65_536


def connect(path: Path | str) -> sqlite_utils.Database:
    """Open (or create) the database file with the application's pragmas."""
    path = Path(path)
    if path.exists() and path.is_dir():
        raise DatabaseUnreadable(f"{path} is a folder, not a database file")
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS)
        # Autocommit at the driver level: transactions are only the explicit ones below,
        # never implicit ones left open behind the code's back.
        conn.isolation_level = None
        conn.create_function("fold", 1, fold, deterministic=True)
        conn.create_function("name_key", 2, name_key, deterministic=True)
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if mode.lower() != "wal":  # switching needs a moment alone with the file
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        conn.execute("PRAGMA synchronous = FULL")
        # 64 MiB of pages at most (SQLite's default is 2 MiB): a million holders' indexes
        # stay in memory for searches and bulk imports; used only as the file needs it.
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        raise translate_error(error, path) from error
    if mode.lower() != "wal":
        log.warning("journal mode is %s, not WAL, for %s", mode, path)
    return sqlite_utils.Database(conn)


def header_problem(path: Path) -> str | None:
    """Why ``path`` cannot be an SQLite database, from its 100-byte header alone (O(1)):
    missing, a folder, empty, not SQLite, or shorter than the size its header records."""
    if not path.exists():
        return f"{path} does not exist"
    if path.is_dir():
        return f"{path} is a folder, not a database file"
    size = path.stat().st_size
    if size == 0:
        return f"{path} is empty (0 bytes): it holds no database"
    with path.open("rb") as file:
        header = file.read(HEADER_SIZE)
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        return f"{path} is not a PermitDesk database: its first bytes are not an SQLite header"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The page count is only valid when its "valid-for" number matches the change counter;
    # in WAL mode newer pages may still sit in the -wal file.
    valid = header[92:96] == header[24:28]
    wal = path.with_name(path.name + "-wal")
    if valid and pages and size < pages * page_size and not wal.exists():
        return f"{path} is cut short: {size} bytes where its header records {pages * page_size}"
    return None


def connect_readonly(path: Path | str) -> sqlite_utils.Database:
    """Open an existing database file for reading only, as it is (no migration, no journal
    mode switched); :class:`DatabaseUnreadable` with the reason when it is not one."""
    path = Path(path)
    problem = header_problem(path)
    if problem:
        raise DatabaseUnreadable(problem)
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS
        )
        conn.isolation_level = None
        conn.create_function("fold", 1, fold, deterministic=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        raise translate_error(error, path) from error
    return sqlite_utils.Database(conn)


def translate_error(error: sqlite3.Error, path: Path | str = "") -> Exception:
    """Map SQLite's errors onto the store's, with a message a person can act on."""
    text = str(error).lower()
    if "interrupted" in text:
        return Interrupted("the operation was cancelled; nothing was written")
    if "locked" in text or "busy" in text:
        return DatabaseLocked(
            f"the database {path} is in use by another program; try again in a moment"
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseUnreadable(
            f"{path} is not a PermitDesk database or is damaged; restore a backup"
        )
    if "disk is full" in text:
        return DiskFull(
            f"the disk holding {path} is full: nothing was written; free some space and try again"
        )
    if "readonly" in text or "read-only" in text:
        return ReadOnlyDatabase(
            f"the database {path} is read-only for this user: nothing was written; "
            "ask IT to give the counter write access to the file and its folder"
        )
    if isinstance(error, sqlite3.OperationalError) and "unable to open" in text:
        return DatabaseUnreadable(f"cannot open {path}: check the folder exists and is writable")
    return error


@contextlib.contextmanager
def immediate(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """A write transaction that takes the write lock at once (``BEGIN IMMEDIATE``).

    Used where a read decides a write (the register's next number): with a deferred
    transaction two processes could read the same counter. Nested use falls back to a
    savepoint through sqlite-utils' ``atomic``.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    try:
        db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        raise translate_error(error) from error
    try:
        yield db
    except BaseException:
        db.rollback()
        raise
    else:
        try:
            db.conn.execute("COMMIT")
        except BaseException:
            db.rollback()
            raise


def copy_database(source: Path, destination: Path) -> None:
    """Copy a database file that may not be ours (a backup to restore) into
    ``destination`` through the backup API, opening the source read-only."""
    problem = header_problem(source)
    if problem:
        raise DatabaseUnreadable(problem)
    try:
        reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            writer = sqlite3.connect(str(destination))
            try:
                reader.backup(writer)
            finally:
                writer.close()
        finally:
            reader.close()
    except sqlite3.DatabaseError as error:
        raise translate_error(error, source) from error


def settle(path: Path) -> None:
    """Fold the -wal file back into the database file and leave it alone on disk (rollback
    journal mode, no -wal, no -shm), so that it can be renamed or replaced as one file.

    Refused while another connection holds the file: its -wal would then belong to a file
    that is no longer there."""
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        try:
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise translate_error(error, path) from error
    if mode.lower() != "delete" or path.with_name(path.name + "-wal").exists():
        raise DatabaseLocked(
            f"the database {path} is in use by another program; close it and try again"
        )
    path.with_name(path.name + "-shm").unlink(missing_ok=True)
