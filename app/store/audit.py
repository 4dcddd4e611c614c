"""The audit trail: an append-only, hash-chained table, and its head kept outside the file.

Each row's ``hash`` is the SHA-256 of the previous row's hash followed by the row's
canonical JSON (id, time, user, action, entity, entity id, detail), so changing, removing
or inserting a row breaks every link after it. Triggers refuse UPDATE and DELETE on the
table (migration 0003). Someone who drops the triggers and recomputes the whole chain is
caught by the *head* (last id and hash) that each audit write also leaves in a small JSON
file beside the backups: the chain at that id must still have that hash.

The head is written after the commit, through a temporary file renamed over the old one:
after a crash it may lag behind the database (never run ahead of it), which check accepts.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from app.store.base import StoreBase

log = logging.getLogger(__name__)

_COLUMNS = ("id", "at", "user", "action", "entity", "entity_id", "detail")


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    user: str
    action: str
    entity: str
    entity_id: int | None
    detail: dict[str, Any]


@dataclass(frozen=True)
class Head:
    id: int
    hash: str


def chain_hash(previous: str, row: Sequence[Any]) -> str:
    """SHA-256 over the previous hash and the row's canonical JSON (``_COLUMNS`` order)."""
    canonical = json.dumps(
        dict(zip(_COLUMNS, row, strict=True)),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256((previous + canonical).encode("utf-8")).hexdigest()


def append(
    store: StoreBase,
    at: str,
    user: str,
    action: str,
    entity: str,
    entity_id: int | None,
    detail: dict[str, Any],
) -> int:
    """Add one row at the end of the chain; the caller holds the write transaction."""
    last = store._one("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")
    previous, row_id = (last["hash"], last["id"] + 1) if last else ("", 1)
    text = json.dumps(detail, default=str, sort_keys=True, ensure_ascii=False)
    row = (row_id, at, user, action, entity, entity_id, text)
    store._db.execute(
        "INSERT INTO audit_log (id, at, user, action, entity, entity_id, detail, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [*row, previous, chain_hash(previous, row)],
    )
    store.after_commit(lambda: write_head(store))
    return row_id


def tail(store: StoreBase) -> Head | None:
    row = store._one("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")
    return Head(row["id"], row["hash"]) if row else None


def first_broken_link(store: StoreBase) -> int | None:
    """The id of the first row whose hash or link does not follow; None when sound."""
    previous = ""
    cursor = store._db.execute(
        "SELECT id, at, user, action, entity, entity_id, detail, prev_hash, hash "
        "FROM audit_log ORDER BY id"
    )
    for row in cursor:
        if row[7] != previous or chain_hash(previous, row[:7]) != row[8]:
            return row[0]
        previous = row[8]
    return None


def problems(store: StoreBase, external_head: bool = True) -> list[str]:
    """The chain's first broken link, missing triggers, and (for the live database) the
    comparison with the head kept outside it."""
    found = []
    triggers = {
        row["name"] for row in store._all("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    missing = {"audit_log_no_update", "audit_log_no_delete"} - triggers
    if missing:
        found.append(f"audit log is no longer append-only (missing {', '.join(sorted(missing))})")
    broken = first_broken_link(store)
    if broken is not None:
        found.append(f"audit log: the chain breaks at row {broken} (changed, removed or inserted)")
    if external_head:
        problem = head_problem(store)
        if problem:
            found.append(problem)
    return found


def summary(store: StoreBase) -> str:
    """One line for ``permitdesk check``: how long the chain is and what it was compared
    with."""
    last = tail(store)
    path = head_path(store)
    try:
        head = read_head(path)
    except ValueError:
        head = None
    rows = f"{last.id} rows" if last else "no rows yet"
    if head is None:
        return f"audit chain: {rows}; no head at {path} to compare with"
    return f"audit chain: {rows}; head kept at {path} (row {head.id})"


def hash_at(store: StoreBase, row_id: int) -> str | None:
    row = store._one("SELECT hash FROM audit_log WHERE id = ?", [row_id])
    return row["hash"] if row else None


def head_path(store: StoreBase) -> Path:
    return store.backups / f"{store.path.name}.audit-head.json"


def read_head(path: Path) -> Head | None:
    """The head stored in ``path``; None when there is no file. ``ValueError`` when the
    file exists but cannot be read as a head."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, json.JSONDecodeError) as error:
        raise ValueError(f"the audit head {path} cannot be read: {error}") from error
    try:
        return Head(int(data["id"]), str(data["hash"]))
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"the audit head {path} is not a head: {error}") from error


def head_problem(store: StoreBase, path: Path | None = None) -> str | None:
    """Compare the chain with the head kept outside the file; a sentence, or None."""
    path = path or head_path(store)
    last = tail(store)
    try:
        head = read_head(path)
    except ValueError as error:
        return str(error)
    if head is None:  # a copy of the database, or a file moved: nothing to compare with
        return None
    return _mismatch(store, head, last)


def _mismatch(store: StoreBase, head: Head, last: Head | None) -> str | None:
    if last is None or head.id > last.id:
        return f"audit log ends before its recorded head (row {head.id}): rows were removed"
    if hash_at(store, head.id) != head.hash:
        return f"audit row {head.id} does not match its recorded head: the log was rewritten"
    return None


def write_head(store: StoreBase, force: bool = False) -> None:
    """Record the chain's current tail beside the backups (write, fsync, rename).

    Never moves the head forward over a chain that no longer contains the old head: the
    evidence of a rewrite stays for ``check`` to report. ``force`` (after a restore)
    starts again from the database as it is.
    """
    path = head_path(store)
    last = tail(store)
    if last is None:
        return
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        old = None if force else read_head(path)
        if old is not None and _mismatch(store, old, last):
            log.error("audit head %s no longer matches the database; not moved", path)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("w", encoding="utf-8") as out:
            json.dump({"id": last.id, "hash": last.hash}, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except (OSError, ValueError) as error:
        # The commit stands; check will say that the head lags, is missing or unreadable.
        log.warning("could not write the audit head %s: %s", path, error)
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def entries(
    store: StoreBase,
    holder_id: int | None = None,
    user: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 500,
) -> list[AuditEntry]:
    """The newest entries first, filtered by holder (the holder's own rows and those of
    their permits, family members, files and documents), user, and days (inclusive)."""
    where = ["1 = 1"]
    if holder_id is not None:
        where.append(
            "((entity = 'holder' AND entity_id = :h)"
            " OR (entity = 'permit' AND entity_id IN (SELECT id FROM permits WHERE holder_id = :h))"
            " OR (entity = 'family_member' AND entity_id IN"
            "     (SELECT id FROM family_members WHERE holder_id = :h))"
            " OR (entity = 'renewal_file' AND entity_id IN"
            "     (SELECT id FROM renewal_files WHERE holder_id = :h))"
            " OR (entity = 'document' AND entity_id IN"
            "     (SELECT id FROM documents WHERE holder_id = :h)))"
        )
    if user is not None:
        where.append("user = :u")
    if since is not None:
        where.append("at >= :since")
    if until is not None:
        where.append("at < :until")
    named = {
        "h": holder_id,
        "u": user,
        "limit": limit,
        "since": since.isoformat() if since else None,
        "until": date.fromordinal(until.toordinal() + 1).isoformat() if until else None,
    }
    cursor = store._db.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM audit_log WHERE {' AND '.join(where)} "
        "ORDER BY id DESC LIMIT :limit",
        named,
    )
    return [
        AuditEntry(
            id=row[0],
            at=row[1],
            user=row[2],
            action=row[3],
            entity=row[4],
            entity_id=row[5],
            detail=json.loads(row[6] or "{}"),
        )
        for row in cursor
    ]
