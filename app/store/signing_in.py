"""Signing in on a database file: the password checked here, against the account's hash.

A file has no server to ask, so the store verifies (a register on a server asks the
server, which never shows a hash: ``app.store.postgres.store.PostgresStore.sign_in``).
``policy.attempts`` wrong passwords in a row lock the account for ``policy.minutes``. An
unknown name and a locked account cost the same hashing time as a wrong password and get
the same answer; the audit trail records which it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from app.domain.accounts import Account, LockoutPolicy, StoredAccount
from app.domain.errors import AuthError
from app.domain.passwords import (
    ScryptParams,
    decoy_hash,
    hash_password,
    needs_rehash,
    verify_password,
)
from app.store import accounts
from app.store.base import StoreBase, now_text

log = logging.getLogger(__name__)

INVALID = "unknown name or wrong password"


def sign_in(
    store: StoreBase,
    name: str,
    password: str,
    now: datetime,
    policy: LockoutPolicy,
    params: ScryptParams,
    sealed: Callable[[int], bool],
) -> Account:
    """The account if ``password`` is right and the account is open (its hash made again
    with ``params`` when it had others), else :class:`AuthError`; ``sealed`` says whether
    an account is as PermitDesk last wrote it. Every answer has its audit row."""
    with store.transaction():
        stored = accounts.find(store, name)
        if stored is None:
            verify_password(password, decoy_hash(params))
            _audit(store, "(unknown)", "login_failed", None, reason="unknown")
            refusal: AuthError | None = AuthError("invalid", INVALID)
        elif not sealed(stored.account.id):
            refusal = _tampered(store, stored, password, params)
        else:
            refusal = _check(store, stored, password, now, policy, params)
    if refusal is not None or stored is None:
        raise refusal or AuthError("invalid", INVALID)
    return accounts.get_by_id(store, stored.account.id)


def _audit(
    store: StoreBase, user: str, action: str, account_id: int | None, **detail: object
) -> None:
    store._append_audit(now_text(), user, action, "account", account_id, detail)


def _tampered(
    store: StoreBase, stored: StoredAccount, password: str, params: ScryptParams
) -> AuthError:
    """Changed around PermitDesk (a role, a hash, a lock-out): refused, and not sealed by
    this refusal's audit row (no entity id), so it stays on the record."""
    verify_password(password, decoy_hash(params))
    account = stored.account
    _audit(store, account.name, "login_failed", None, reason="tampered", account=account.id)
    log.error("account %d differs from its sealed state", account.id)
    return AuthError(
        "tampered",
        "this account was changed outside PermitDesk; an administrator must check "
        "the database (permitdesk check) before anyone signs in with it",
    )


def _check(
    store: StoreBase,
    stored: StoredAccount,
    password: str,
    now: datetime,
    policy: LockoutPolicy,
    params: ScryptParams,
) -> AuthError | None:
    """The refusal, audited, or None once the sign-in is recorded."""
    account = stored.account
    if account.locked_until is not None and now < account.locked_until:
        verify_password(password, decoy_hash(params))  # the time of a wrong password
        _audit(store, account.name, "login_failed", account.id, reason="locked")
        return AuthError("invalid", INVALID)
    if not verify_password(password, stored.password_hash):
        locks = account.failed_attempts + 1 >= policy.attempts
        until = now + timedelta(minutes=policy.minutes) if locks else None
        accounts.record_failure(store, account.id, until)
        if locks:
            log.warning("account %d locked until %s", account.id, until)
        _audit(store, account.name, "login_failed", account.id, reason="invalid")
        return AuthError("invalid", INVALID)
    if account.disabled:
        _audit(store, account.name, "login_failed", account.id, reason="disabled")
        return AuthError("disabled", "this account is disabled; ask an administrator")
    accounts.record_success(store, account.id)
    if needs_rehash(stored.password_hash, params):
        accounts.set_password_hash(store, account.id, hash_password(password, params))
    _audit(store, account.name, "login", account.id)
    return None
