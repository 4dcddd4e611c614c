"""The audit trail: an append-only chain keyed with the installation's secret, and its head
kept outside the file, sealed with the same secret.

Each row's ``hash`` is the HMAC-SHA-256, under the installation's key (``store.key``), of
the previous row's hash followed by the row's canonical JSON (id, time, user, action,
entity, entity id, detail): changing, removing or inserting a row breaks every link after
it, and someone who holds the database file but not the key cannot recompute the chain.
Rows written before the chain was keyed keep the public formula (plain SHA-256) up to the
``audit_keyed`` row that the first start with a key appended (:func:`adopt_public_chain`).

Triggers refuse UPDATE and DELETE on the table (migration 0003). Whoever drops them and
truncates the log is caught by the *head*: a small JSON file beside the backups naming the
chain's tail, sealed (HMAC) with the key. Just before each transaction that appends
commits, still holding the database's write lock (so counters in several processes take
turns), the head is written naming the tail before it (``id``, ``hash``) and the tail it
is about to commit (``pending``): the log must end at one of the two. So the head is never
more than the last transaction behind, and when it cannot be written the transaction fails
(:class:`~app.domain.errors.AuditUnsealed`): nothing is committed that the head does not
cover. A missing head, with rows in the log, is a problem.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from app.domain.errors import AuditUnsealed
from app.domain.model import Person
from app.store.base import StoreBase

log = logging.getLogger(__name__)

_COLUMNS = ("id", "at", "user", "action", "entity", "entity_id", "detail")
#: The same columns in SQL, quoted ("user" is a reserved word on PostgreSQL).
_SELECTED = ", ".join(f'"{column}"' for column in _COLUMNS)
#: The row from which the chain is keyed, in a log that began before keying.
KEYED_ACTION, KEYED_ENTITY = "audit_keyed", "audit"


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
class Tail:
    id: int
    hash: str


@dataclass(frozen=True)
class Head:
    """What the sealed file beside the backups says: the tail before the last transaction
    that appended, and the one it was about to commit (``pending``)."""

    id: int
    hash: str
    pending: Tail | None = None

    def covers(self, last: Tail | None) -> bool:
        committed = Tail(self.id, self.hash)
        return (last or Tail(0, "")) in (committed, self.pending)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def seal(key: bytes, value: Any) -> str:
    """The keyed digest (HMAC-SHA-256) of ``value``'s canonical JSON: what the head and the
    accounts' audit rows carry, so that only the installation can produce them."""
    return hmac.new(key, _canonical(value).encode("utf-8"), hashlib.sha256).hexdigest()


def chain_hash(key: bytes, previous: str, row: Sequence[Any]) -> str:
    """HMAC-SHA-256 under ``key`` of the previous hash and the row's canonical JSON."""
    message = (previous + _canonical(dict(zip(_COLUMNS, row, strict=True)))).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def public_chain_hash(previous: str, row: Sequence[Any]) -> str:
    """The formula before the chain was keyed (migration 0003): plain SHA-256, which anyone
    can recompute; only for the rows before the ``audit_keyed`` row."""
    message = (previous + _canonical(dict(zip(_COLUMNS, row, strict=True)))).encode("utf-8")
    return hashlib.sha256(message).hexdigest()


def append(
    store: StoreBase,
    at: str,
    user: str,
    action: str,
    entity: str,
    entity_id: int | None,
    detail: dict[str, Any],
    *,
    reseal: bool = False,
) -> int:
    """Add one row at the end of the chain; the caller holds the write transaction
    (``store.transaction()``), whose commit then waits for the head (module docstring).

    ``reseal`` (a restore, keying an old chain) starts the head again from this
    transaction, whatever the old one says; it must be the transaction's first row."""
    last = tail(store)
    previous, row_id = (last.hash, last.id + 1) if last else ("", 1)
    detail = _with_sealed_state(store, entity, entity_id, detail)
    text = json.dumps(detail, default=str, sort_keys=True, ensure_ascii=False)
    row = (row_id, at, user, action, entity, entity_id, text)
    store._execute(
        'INSERT INTO audit_log (id, at, "user", action, entity, entity_id, detail, prev_hash, hash)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [*row, previous, chain_hash(store.key, previous, row)],
    )
    store.before_commit("audit head", lambda: _write_pending_head(store, last, reseal))
    return row_id


def account_state(store: StoreBase, account_id: int) -> dict[str, Any] | None:
    """What an account's seal covers: who it is, its role, password hash, lock-out and
    disabled state; None for an account that is not in the table."""
    return store._one(
        "SELECT id, name, role, password_hash, disabled, failed_attempts, locked_until "
        "FROM accounts WHERE id = ?",
        [account_id],
    )


def setting_state(store: StoreBase, key: str) -> list[Any]:
    """What a setting's seal covers: its key and stored text (None when unset)."""
    row = store._one("SELECT value FROM settings WHERE key = ?", [key])
    return [key, row["value"] if row else None]


def _with_sealed_state(
    store: StoreBase, entity: str, entity_id: int | None, detail: dict[str, Any]
) -> dict[str, Any]:
    """An audit row about an account or a setting carries the keyed digest of its state
    after the change (same transaction), which ``check`` compares with the table: a role,
    hash, lock-out or setting written around PermitDesk no longer matches its last seal."""
    if entity == "account" and entity_id is not None:
        return {**detail, "state": seal(store.key, account_state(store, entity_id))}
    if entity == "settings" and isinstance(detail.get("key"), str):
        return {**detail, "state": seal(store.key, setting_state(store, detail["key"]))}
    return detail


def tail(store: StoreBase) -> Tail | None:
    row = store._one("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")
    return Tail(row["id"], row["hash"]) if row else None


def _keyed_from(store: StoreBase) -> int | None:
    """The id of the ``audit_keyed`` row; None in a log keyed from its first row."""
    row = store._one(
        "SELECT min(id) AS id FROM audit_log WHERE entity = ? AND action = ?",
        [KEYED_ENTITY, KEYED_ACTION],
    )
    return row["id"] if row else None


def first_broken_link(store: StoreBase) -> int | None:
    """The id of the first row whose hash or link does not follow; None when sound.

    Rows from the ``audit_keyed`` row on (all rows, without one) must carry the keyed
    hash; rows before it the public one. A forged ``audit_keyed`` row fails its own
    keyed hash."""
    keyed_from = _keyed_from(store)
    previous = ""
    cursor = store._execute(
        'SELECT id, at, "user", action, entity, entity_id, detail, prev_hash, hash '
        "FROM audit_log ORDER BY id"
    )
    for row in cursor:
        if keyed_from is None or row[0] >= keyed_from:
            expected = chain_hash(store.key, previous, row[:7])
        else:
            expected = public_chain_hash(previous, row[:7])
        if row[7] != previous or expected != row[8]:
            return row[0]
        previous = row[8]
    return None


def adopt_public_chain(store: StoreBase, at: str) -> bool:
    """Key a chain written before keying: when the log has rows, none of them keyed, and
    every link follows the public formula, append the ``audit_keyed`` row (keyed, linked
    to the last public hash) and seal the head. Run once, by whoever has just created the
    installation's key (:func:`app.services.installation_key`); True when it did."""
    last = tail(store)
    if last is None or _keyed_from(store) is not None:
        return False
    previous = ""
    cursor = store._execute(
        'SELECT id, at, "user", action, entity, entity_id, detail, prev_hash, hash '
        "FROM audit_log ORDER BY id"
    )
    for row in cursor:
        if row[7] != previous or public_chain_hash(previous, row[:7]) != row[8]:
            return False
        previous = row[8]
    with store.transaction():
        detail = {
            "public_rows": last.id,
            "public_hash": last.hash,
            # the accounts and settings as they stand: the seals later checks start from
            "accounts": {
                str(row["id"]): seal(store.key, account_state(store, row["id"]))
                for row in store._all("SELECT id FROM accounts")
            },
            "settings": {
                row["key"]: seal(store.key, setting_state(store, row["key"]))
                for row in store._all("SELECT key FROM settings")
            },
        }
        append(store, at, "permitdesk", KEYED_ACTION, KEYED_ENTITY, None, detail, reseal=True)
    return True


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
        head = read_head(store, path)
    except AuditUnsealed:
        head = None
    rows = f"{last.id} rows" if last else "no rows yet"
    if head is None:
        return f"audit chain: {rows}; no sealed head at {path} to compare with"
    return f"audit chain: {rows}; sealed head kept at {path} (row {head.id})"


def hash_at(store: StoreBase, row_id: int) -> str | None:
    row = store._one("SELECT hash FROM audit_log WHERE id = ?", [row_id])
    return row["hash"] if row else None


def head_path(store: StoreBase) -> Path:
    return store.backups / f"{Path(store.location).name}.audit-head.json"


def _head_fields(head: Head) -> dict[str, Any]:
    pending = {"id": head.pending.id, "hash": head.pending.hash} if head.pending else None
    return {"id": head.id, "hash": head.hash, "pending": pending}


def read_head(store: StoreBase, path: Path | None = None) -> Head | None:
    """The head kept in ``path`` (the store's by default); None when there is no file.
    :class:`AuditUnsealed` when the file cannot be read, or its seal is not this
    installation's (forged, written by hand or by another installation)."""
    path = path or head_path(store)
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise AuditUnsealed(f"the audit head {path} cannot be read: {error}") from error
    try:
        pending = data["pending"]
        head = Head(
            int(data["id"]),
            str(data["hash"]),
            Tail(int(pending["id"]), str(pending["hash"])) if pending else None,
        )
        sealed = str(data["seal"])
    except (KeyError, TypeError, ValueError) as error:
        raise AuditUnsealed(f"the audit head {path} is not a sealed head ({error})") from error
    if not hmac.compare_digest(sealed, seal(store.key, _head_fields(head))):
        raise AuditUnsealed(
            f"the audit head {path} is not sealed with this installation's key: "
            "it was forged or written by another installation"
        )
    return head


def head_problem(store: StoreBase) -> str | None:
    """Compare the chain with the sealed head kept outside the file; a sentence, or None."""
    try:
        head = read_head(store)
    except AuditUnsealed as error:
        return str(error)
    return _mismatch(store, head, tail(store))


def _mismatch(store: StoreBase, head: Head | None, last: Tail | None) -> str | None:
    """Why ``head`` does not vouch for a log whose last row is ``last``; None when it does."""
    if head is None:
        if last is None:
            return None
        return (
            f"the audit head {head_path(store)} is missing while the log has {last.id} rows: "
            "the log cannot be vouched for (deleted head, or rows written around PermitDesk)"
        )
    if head.covers(last):
        return None
    if last is None or head.id > last.id:
        return f"audit log ends before its recorded head (row {head.id}): rows were removed"
    if hash_at(store, head.id) != head.hash:
        return f"audit row {head.id} does not match its recorded head: the log was rewritten"
    return (
        f"audit log goes on {last.id - head.id} rows past its recorded head (row {head.id}), "
        "more than the last transaction: rows were added around PermitDesk"
    )


def _write_pending_head(store: StoreBase, base: Tail | None, reseal: bool) -> None:
    """Inside the transaction, before it commits: check that the head still vouches for
    the log as the transaction found it (``base``), then name what is being committed.
    Raises :class:`AuditUnsealed`, which rolls the transaction back."""
    if not reseal:
        problem = _mismatch(store, read_head(store), base)
        if problem:
            raise AuditUnsealed(f"nothing was written: {problem}")
    last = tail(store)
    committed = base or Tail(0, "")
    try:
        _write(store, Head(committed.id, committed.hash, last))
    except OSError as error:
        raise AuditUnsealed(
            f"nothing was written: the audit head {head_path(store)} cannot be written "
            f"({error.strerror or error}); check that the backups folder is writable"
        ) from error


def cover_both(store: StoreBase, other: Tail | None) -> None:
    """Before a restore renames ``store``'s file over the live one (whose tail is
    ``other``): the head names both tails, so that whichever file stands after a crash,
    the head vouches for it; the restore's first row then reseals it."""
    last = tail(store) or Tail(0, "")
    _write(store, Head(last.id, last.hash, other))


def _write(store: StoreBase, head: Head) -> None:
    """Write, fsync and rename the sealed head over the old one."""
    path = head_path(store)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    fields = _head_fields(head)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("w", encoding="utf-8") as out:
            json.dump({**fields, "seal": seal(store.key, fields)}, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    finally:
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
        where.append('"user" = :u')
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
    cursor = store._execute(
        f"SELECT {_SELECTED} FROM audit_log WHERE {' AND '.join(where)} "
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


@dataclass(frozen=True)
class Subject:
    """Who or what an audit row is about, for the audit view's sentences: the person's
    names (the holder's, or the family member a document was issued to), an account's
    name, a document's annex; empty when the record is gone (discarded, purged)."""

    surname: str = ""
    given_names: str = ""
    annex: str = ""

    @property
    def name(self) -> str:
        """The person as the counter writes them (``DUPONT, Jean``), or the account."""
        return Person(self.surname, self.given_names).full_name if self.surname else ""


#: For each kind of record, the query naming it by id (``:ids`` a JSON array).
_SUBJECT_SQL = {
    "holder": "SELECT id, surname, given_names, '' AS annex FROM holders",
    "permit": (
        "SELECT p.id, h.surname, h.given_names, '' AS annex"
        " FROM permits p JOIN holders h ON h.id = p.holder_id"
    ),
    "family_member": "SELECT id, surname, given_names, '' AS annex FROM family_members",
    "renewal_file": (
        "SELECT f.id, h.surname, h.given_names, '' AS annex"
        " FROM renewal_files f JOIN holders h ON h.id = f.holder_id"
    ),
    "document": (
        "SELECT d.id, COALESCE(m.surname, h.surname) AS surname,"
        " COALESCE(m.given_names, h.given_names) AS given_names, d.annex"
        " FROM documents d JOIN holders h ON h.id = d.holder_id"
        " LEFT JOIN family_members m ON m.id = d.family_member_id"
    ),
    "transmission": (
        "SELECT t.id, COALESCE(m.surname, h.surname) AS surname,"
        " COALESCE(m.given_names, h.given_names) AS given_names, d.annex"
        " FROM transmissions t JOIN documents d ON d.id = t.document_id"
        " JOIN holders h ON h.id = d.holder_id"
        " LEFT JOIN family_members m ON m.id = d.family_member_id"
    ),
    "account": "SELECT id, name AS surname, '' AS given_names, '' AS annex FROM accounts",
}
_SUBJECT_TABLE = {
    "holder": "holders",
    "permit": "p",
    "family_member": "family_members",
    "renewal_file": "f",
    "document": "d",
    "transmission": "t",
    "account": "accounts",
}


def subjects(store: StoreBase, rows: Sequence[AuditEntry]) -> dict[tuple[str, int], Subject]:
    """The subject of each row that names a record still in the database, keyed by
    (entity, entity id): one query per kind of record, however many rows."""
    wanted: dict[str, set[int]] = {}
    for row in rows:
        if row.entity in _SUBJECT_SQL and row.entity_id is not None:
            wanted.setdefault(row.entity, set()).add(row.entity_id)
        holder = row.detail.get("holder")  # a discarded file names its holder
        if isinstance(holder, int):
            wanted.setdefault("holder", set()).add(holder)
    found: dict[tuple[str, int], Subject] = {}
    for entity, ids in wanted.items():
        alias = _SUBJECT_TABLE[entity]
        sql = f"{_SUBJECT_SQL[entity]} WHERE {alias}.id IN (SELECT value FROM json_each(?))"
        for item in store._all(sql, [json.dumps(sorted(ids))]):
            found[entity, item["id"]] = Subject(item["surname"], item["given_names"], item["annex"])
    return found
