"""The tables compared with what the keyed audit chain vouches for.

Someone who can write the database file but does not hold the installation's key can
change a table, but cannot add the keyed audit row that would vouch for the change. So
``check`` (and ``document verify`` for one PDF) reads the chain and compares:

- the register: every entry's number, commune, annulment and each version's SHA-256 (and
  each marked copy's) with the audit rows written in the same transaction
  (``Register._audit``); the numbering counters with the highest number the chain issued;
- the accounts: each account's name, role, password hash, lock-out and disabled state
  with the seal of its last audit row (``audit._with_sealed_state``), and accounts the
  chain knows that the table lost;
- the settings: each one with its last seal; ``required`` settings (the lock-out policy)
  must have one as soon as they are set.

Entries written before the chain was keyed carry no hash in their audit rows: for them
only the number is compared (the ``audit_keyed`` row seals the accounts and settings as
they stood).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from app.domain.model import RegisterNumber
from app.store import audit
from app.store.base import StoreBase

_REGISTER_ACTIONS = ("issue", "extend", "annul", "reprint")


@dataclass
class _Vouched:
    """One register entry as the audit chain tells it."""

    number: str
    commune: str | None = None
    versions: dict[int, str | None] = field(default_factory=dict)
    copies: set[str] = field(default_factory=set)
    annulled: bool = False
    #: The placeholder PDF's SHA-256 once a purge replaced every version of the entry.
    redacted: str | None = None

    @property
    def hashed(self) -> bool:
        """Whether its audit rows carry hashes (written since the chain is keyed)."""
        return self.redacted is not None or any(sha is not None for sha in self.versions.values())


def _rows(store: StoreBase, where: str, params: Iterable[Any]) -> Iterator[tuple[Any, ...]]:
    cursor = store._execute(
        f"SELECT action, entity_id, detail FROM audit_log WHERE {where} ORDER BY id", list(params)
    )
    for action, entity_id, detail in cursor:
        try:
            parsed = json.loads(detail or "{}")
        except json.JSONDecodeError:
            parsed = {}  # a row nobody could write through PermitDesk: its link is broken
        yield action, entity_id, parsed if isinstance(parsed, dict) else {}


def _vouched_register(store: StoreBase, only: int | None = None) -> dict[int, _Vouched]:
    """Every register entry as the chain tells it; ``only`` one entry's, read through the
    (entity, entity_id) index rather than the whole trail."""
    vouched: dict[int, _Vouched] = {}
    marks = ", ".join("?" * len(_REGISTER_ACTIONS))
    where = f"entity = 'document' AND action IN ({marks})"
    params: list[Any] = list(_REGISTER_ACTIONS)
    if only is not None:
        where, params = f"{where} AND entity_id = ?", [*params, only]
    for action, doc_id, detail in _rows(store, where, params):
        if not isinstance(doc_id, int) or "number" not in detail:
            continue
        entry = vouched.setdefault(doc_id, _Vouched(str(detail["number"])))
        if action == "issue":
            entry.number, entry.commune = str(detail["number"]), detail.get("commune")
            entry.versions[0] = detail.get("sha256")
        elif action == "extend" and isinstance(detail.get("version"), int):
            entry.versions[detail["version"]] = detail.get("sha256")
        elif action == "annul":
            entry.annulled = True
        elif action == "reprint" and detail.get("sha256"):
            entry.copies.add(str(detail["sha256"]))
    for _, _, detail in _rows(store, "entity = 'register' AND action = 'redact'", ()):
        for doc_id in detail.get("documents", []):
            if doc_id in vouched:
                vouched[doc_id].redacted = str(detail.get("sha256"))
    return vouched


def entry_problems(store: StoreBase, doc_id: int, sha256: str) -> list[str]:
    """For ``document verify``: where entry ``doc_id`` differs from what the chain vouches
    for, and whether the chain knows ``sha256`` as one of its versions or copies."""
    row = store._one(
        "SELECT id, commune_nis, year, sequence, annulled_on FROM documents WHERE id = ?",
        [doc_id],
    )
    if row is None:
        return [f"register entry #{doc_id} is missing"]
    entry = _vouched_register(store, only=doc_id).get(doc_id)
    found = _entry_problems(store, row, entry)
    known = entry is not None and (
        sha256 in entry.versions.values() or sha256 in entry.copies or sha256 == entry.redacted
    )
    if entry is not None and entry.hashed and not known:
        found.append("the audit trail never recorded this PDF for that entry")
    return found


def register_problems(store: StoreBase) -> list[str]:
    """Where the register's tables differ from what the chain vouches for."""
    vouched = _vouched_register(store)
    found: list[str] = []
    for row in store._all(
        "SELECT id, commune_nis, year, sequence, annulled_on FROM documents ORDER BY id"
    ):
        found += _entry_problems(store, row, vouched.pop(row["id"], None))
    highest: dict[tuple[str, int], int] = {}
    for row in store._all("SELECT id, commune_nis, year, sequence FROM documents"):
        highest[(row["commune_nis"], row["year"])] = max(
            highest.get((row["commune_nis"], row["year"]), 0), row["sequence"]
        )
    for entry in vouched.values():  # in the chain, not in the table
        found.append(
            f"register entry {entry.number} is in the audit trail but not in the "
            "register: deleted around PermitDesk"
        )
        if entry.commune is not None:
            key = (entry.commune, int(entry.number[:4]))
            highest[key] = max(highest.get(key, 0), int(entry.number[5:]))
    for row in store._all("SELECT commune_nis, year, last_sequence FROM register_counters"):
        top = highest.pop((row["commune_nis"], row["year"]), 0)
        if row["last_sequence"] < top:
            found.append(
                f"register {row['commune_nis']} {row['year']}: the counter stands at "
                f"{row['last_sequence']} but number {top} was issued: "
                "numbers would be given twice"
            )
    for (commune, year), top in sorted(highest.items()):
        found.append(
            f"register {commune} {year}: the counter is gone but number {top} was issued: "
            "numbers would be given twice"
        )
    return found


def _entry_problems(store: StoreBase, row: dict[str, Any], entry: _Vouched | None) -> list[str]:
    number = str(RegisterNumber(row["year"], row["sequence"]))
    if entry is None:
        return [f"register entry {number} has no audit row: entered around PermitDesk"]
    found = []
    if entry.number != number or entry.commune not in (None, row["commune_nis"]):
        found.append(
            f"register entry {number} was issued as {entry.number} according to the "
            "audit trail: renumbered around PermitDesk"
        )
    if (row["annulled_on"] is not None) != entry.annulled:
        state = "annulled" if row["annulled_on"] is not None else "not annulled"
        found.append(
            f"register entry {number} is {state} in the register, "
            "not in the audit trail: changed around PermitDesk"
        )
    if entry.hashed:
        found += _version_problems(store, row["id"], number, entry)
    return found


def _version_problems(store: StoreBase, doc_id: int, number: str, entry: _Vouched) -> list[str]:
    found = []
    stored = {
        r["version"]: r["sha256"]
        for r in store._all(
            "SELECT version, sha256 FROM document_versions WHERE document_id = ?", [doc_id]
        )
    }
    for version in sorted(set(stored) | set(entry.versions)):
        expected = entry.redacted or entry.versions.get(version)
        if stored.get(version) != expected:
            found.append(
                f"register entry {number} version {version}: its PDF is not the one the audit "
                "trail recorded (replaced, swapped or removed around PermitDesk)"
            )
    for row in store._all("SELECT sha256 FROM document_copies WHERE document_id = ?", [doc_id]):
        if row["sha256"] not in entry.copies:
            found.append(
                f"register entry {number}: a marked copy is not in the audit trail "
                "(entered around PermitDesk)"
            )
    return found


#: The tables without which nobody can tell who may work or what was issued.
GUARDED_TABLES = ("accounts", "audit_log", "documents", "document_versions", "register_counters")


def missing_tables(store: StoreBase) -> list[str]:
    """Guarded tables dropped around PermitDesk (one read of the schema: constant time)."""
    names = {r["name"] for r in store._all("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return [
        f"the {table} table is missing: it was dropped around PermitDesk"
        for table in GUARDED_TABLES
        if table not in names
    ]


def _sealed_states(store: StoreBase, entity: str) -> dict[Any, str]:
    """The last seal of each account (by id) or setting (by key) the chain holds, the
    ``audit_keyed`` row's baseline first."""
    seals: dict[Any, str] = {}
    marker = [audit.KEYED_ENTITY, audit.KEYED_ACTION]
    for _, _, detail in _rows(store, "entity = ? AND action = ?", marker):
        baseline = detail.get("accounts" if entity == "account" else "settings") or {}
        for name, state in baseline.items():
            seals[int(name) if entity == "account" else name] = state
    for _, entity_id, detail in _rows(store, "entity = ?", [entity]):
        if "state" in detail:
            seals[entity_id if entity == "account" else detail.get("key")] = detail["state"]
    return seals


def accounts_ever_existed(store: StoreBase) -> bool:
    """Whether the chain shows that an account existed: then an empty accounts table is
    tampering, never a fresh install (``Desk.role``)."""
    row = store._one(
        "SELECT EXISTS (SELECT 1 FROM audit_log WHERE entity = 'account' "
        "AND action = 'create') AS created"
    )
    return bool(row and row["created"]) or bool(_sealed_states(store, "account"))


def account_problems(store: StoreBase) -> list[str]:
    """Accounts whose row differs from their last seal, or that the table lost."""
    missing = missing_tables(store)
    if missing:
        return missing
    seals = _sealed_states(store, "account")
    found = []
    for row in store._all("SELECT id, name FROM accounts ORDER BY id"):
        sealed = seals.pop(row["id"], None)
        if sealed != audit.seal(store.key, audit.account_state(store, row["id"])):
            why = "has no sealed audit row" if sealed is None else "differs from its last seal"
            found.append(
                f"account {row['name']!r} {why}: its role, password, lock-out or disabled "
                "state was written around PermitDesk"
            )
    for account_id, sealed in sorted(seals.items()):
        if sealed != audit.seal(store.key, None):
            found.append(f"account #{account_id} was removed around PermitDesk")
    return found


def setting_problems(store: StoreBase, required: Iterable[str]) -> list[str]:
    """Settings that differ from their last seal; ``required`` ones must have one once
    they are set."""
    seals = _sealed_states(store, "settings")
    needed = set(required)
    found = []
    for row in store._all("SELECT key FROM settings ORDER BY key"):
        key = row["key"]
        sealed = seals.get(key)
        if sealed is None and key not in needed:
            continue
        if sealed != audit.seal(store.key, audit.setting_state(store, key)):
            found.append(f"setting {key!r} was written around PermitDesk")
    return found


def _last_seal(store: StoreBase, entity: str, entity_id: int | None, key: str | None) -> str | None:
    """The newest seal of one account (``entity_id``) or setting (``key``), read backwards
    through the (entity, entity_id) index; else the ``audit_keyed`` row's baseline."""
    cursor = store._execute(
        "SELECT detail FROM audit_log WHERE entity = ? AND entity_id IS ? ORDER BY id DESC",
        [entity, entity_id],
    )
    for (detail,) in cursor:
        parsed = json.loads(detail or "{}")
        if isinstance(parsed, dict) and "state" in parsed and parsed.get("key") == key:
            return str(parsed["state"])
    return _sealed_states(store, entity).get(key if entity_id is None else entity_id)


def account_is_sealed(store: StoreBase, account_id: int) -> bool:
    """At sign-in: whether the account's row is what its last audit row sealed (a role,
    password hash or lock-out written around PermitDesk is not)."""
    sealed = _last_seal(store, "account", account_id, None)
    return sealed == audit.seal(store.key, audit.account_state(store, account_id))


def setting_is_sealed(store: StoreBase, key: str) -> bool:
    """Whether a setting is unset, or holds what its last audit row sealed."""
    state = audit.setting_state(store, key)
    if state[1] is None:
        return True
    return _last_seal(store, "settings", None, key) == audit.seal(store.key, state)
