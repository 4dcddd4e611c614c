"""Local accounts of the counter's staff: name, role, password hash, lock-out state.

The queries name their columns: on a server a counter's role may read every column of
``accounts`` but the password hash (migration 0012); only :func:`find` reads it, for a
file's sign-in (``app.store.signing_in``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.domain.accounts import Account, Role, StoredAccount
from app.domain.errors import Conflict, NotFound
from app.store.base import StoreBase, now_text

#: What an :class:`Account` is made of.
_COLUMNS = "id, name, role, disabled, failed_attempts, locked_until"


def _account(row: dict[str, Any]) -> Account:
    locked = row["locked_until"]
    return Account(
        id=row["id"],
        name=row["name"],
        role=Role(row["role"]),
        disabled=bool(row["disabled"]),
        failed_attempts=row["failed_attempts"],
        locked_until=datetime.fromisoformat(locked) if locked else None,
    )


def has_accounts(store: StoreBase) -> bool:
    return store._one("SELECT EXISTS (SELECT 1 FROM accounts) AS n")["n"] == 1  # type: ignore[index]


def list_accounts(store: StoreBase) -> list[Account]:
    return [_account(row) for row in store._all(f"SELECT {_COLUMNS} FROM accounts ORDER BY name")]


def find(store: StoreBase, name: str) -> StoredAccount | None:
    """The account and its password hash, whatever the name's case (a file's sign-in)."""
    row = store._one(
        f"SELECT {_COLUMNS}, password_hash FROM accounts WHERE lower(name) = lower(?)", [name]
    )
    return StoredAccount(_account(row), row["password_hash"]) if row else None


def get(store: StoreBase, name: str) -> Account:
    """The account of this name, whatever its case; :class:`NotFound` for none."""
    row = store._one(f"SELECT {_COLUMNS} FROM accounts WHERE lower(name) = lower(?)", [name])
    if row is None:
        raise NotFound(f"no account named {name!r}")
    return _account(row)


def insert(store: StoreBase, name: str, role: Role, password_hash: str) -> Account:
    if store._one("SELECT id FROM accounts WHERE lower(name) = lower(?)", [name]) is not None:
        raise Conflict(f"an account named {name!r} exists already")
    now = now_text()
    account_id = store._insert(
        "accounts",
        {
            "name": name,
            "role": Role(role).value,
            "password_hash": password_hash,
            "created_at": now,
            "password_changed_at": now,
        },
    )
    return get_by_id(store, account_id)


def get_by_id(store: StoreBase, account_id: int) -> Account:
    row = store._one(f"SELECT {_COLUMNS} FROM accounts WHERE id = ?", [account_id])
    if row is None:
        raise NotFound(f"no account with id {account_id}")
    return _account(row)


def set_password_hash(store: StoreBase, account_id: int, password_hash: str) -> None:
    store._execute(
        "UPDATE accounts SET password_hash = ?, password_changed_at = ? WHERE id = ?",
        [password_hash, now_text(), account_id],
    )


def set_role(store: StoreBase, account_id: int, role: Role) -> None:
    store._execute("UPDATE accounts SET role = ? WHERE id = ?", [Role(role).value, account_id])


def set_disabled(store: StoreBase, account_id: int, disabled: bool) -> None:
    store._execute("UPDATE accounts SET disabled = ? WHERE id = ?", [int(disabled), account_id])


def record_failure(store: StoreBase, account_id: int, locked_until: datetime | None) -> None:
    """One more failed attempt; with ``locked_until`` the account locks and the count
    starts again."""
    if locked_until is None:
        store._execute(
            "UPDATE accounts SET failed_attempts = failed_attempts + 1 WHERE id = ?",
            [account_id],
        )
    else:
        store._execute(
            "UPDATE accounts SET failed_attempts = 0, locked_until = ? WHERE id = ?",
            [locked_until.isoformat(), account_id],
        )


def record_success(store: StoreBase, account_id: int) -> None:
    store._execute(
        "UPDATE accounts SET failed_attempts = 0, locked_until = NULL WHERE id = ?",
        [account_id],
    )


def count_administrators(store: StoreBase) -> int:
    row = store._one(
        "SELECT count(*) AS n FROM accounts WHERE role = 'administrator' AND disabled = 0"
    )
    return row["n"]  # type: ignore[index]
