"""Who may work at the counter: local accounts, sign-in with lock-out, and role checks.

Clerks read the register (search, holder pages, PDFs, lists, exports), issue, extend and
reprint; supervisors may also annul documents and edit checklists and templates;
administrators may also manage accounts and settings (``require``). Once accounts exist,
nothing is read with nobody signed in. The
first start creates the administrator (``create_first_administrator``); until then, and on
the command line, the desk acts as administrator (see ``Desk.role``).

Time is injected (``now``), never read from the clock here, so tests decide when a
lock-out ends. Every sign-in, failed or not, is in the audit trail.
"""

from __future__ import annotations

import gzip
import logging
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

from app.domain.accounts import Account, Role
from app.domain.errors import Conflict
from app.domain.passwords import (
    OWASP,
    ScryptParams,
    check_policy,
    hash_password,
    needs_rehash,
    verify_password,
)
from app.paths import package_root
from app.services.desk import Desk, accounts_required, open_database
from app.store import accounts

log = logging.getLogger(__name__)

#: Raised only when OWASP raises its advice; tests lower it to keep fast.
HASH_PARAMS: ScryptParams = OWASP
LOCKOUT_ATTEMPTS = "lockout_attempts"  # settings keys, with their defaults
LOCKOUT_MINUTES = "lockout_minutes"
DEFAULT_ATTEMPTS, DEFAULT_MINUTES = 5, 15
MAX_NAME = 64
COMMON_PASSWORDS = Path("resources") / "passwords" / "common-passwords.txt.gz"
#: What an unknown name's password is checked against, so that it costs the same scrypt
#: time as a real account's: made once, with OWASP's parameters, and shipped (a decoy
#: needs no secret; computing it at start-up would cost every start half a second).
DECOY_HASH = (
    "scrypt$n=131072,r=8,p=1$wf69LO3gm2fMVbsbB6g6TA==$g56PXeYy69WsDnVYWrkk3X0/NB1MwJ8KXV37qWg2QtA="
)


class AuthError(Exception):
    """Sign-in refused. ``kind``: ``invalid`` (unknown name, wrong password or a locked
    account: the answer never says which, and takes the same time), ``disabled`` (the
    right password, but an administrator disabled the account) or ``tampered`` (the
    account's row is not what the audit trail sealed)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class NotAllowed(Exception):
    """The signed-in role may not do this; ``required`` is the least role that may."""

    kind = "not_allowed"

    def __init__(self, required: Role, role: Role | None) -> None:
        who = f"a {role.value}" if role else "nobody signed in"
        super().__init__(f"this needs a {required.value} account ({who} is working)")
        self.required = required
        self.role = role


class _Locked(AuthError):
    """A locked account's refusal: told to the clerk as a wrong password."""


@dataclass(frozen=True)
class LockoutPolicy:
    attempts: int = DEFAULT_ATTEMPTS
    minutes: int = DEFAULT_MINUTES


def require(desk: Desk, role: Role) -> None:
    """Raise :class:`NotAllowed` unless the desk's role includes ``role``; the refusal is
    in the audit trail (call this before opening the action's transaction)."""
    current = desk.role
    if current is None or not current.includes(role):
        desk.store.audit(desk.user, "refused", "action", None, required=Role(role).value)
        raise NotAllowed(Role(role), current)


def lockout_policy(desk: Desk) -> LockoutPolicy:
    """The lock-out settings; a value written around PermitDesk (no matching seal in the
    audit trail, ``check`` reports it) counts for nothing: the defaults apply."""
    return LockoutPolicy(
        _sealed_int(desk, LOCKOUT_ATTEMPTS, DEFAULT_ATTEMPTS),
        _sealed_int(desk, LOCKOUT_MINUTES, DEFAULT_MINUTES),
    )


#: Bounds of the lock-out policy: fewer attempts lock clerks out by typing errors, more
#: let a guesser try for long; a lock-out of up to one day.
ATTEMPTS_RANGE, MINUTES_RANGE = range(3, 21), range(1, 1441)


def set_lockout_policy(desk: Desk, attempts: int, minutes: int) -> LockoutPolicy:
    """Set how many wrong passwords in a row lock an account, and for how long
    (administrators only); audited, so that ``check`` and sign-in can trust the values."""
    require(desk, Role.ADMINISTRATOR)
    if attempts not in ATTEMPTS_RANGE or minutes not in MINUTES_RANGE:
        raise ValueError(
            f"the lock-out takes {ATTEMPTS_RANGE.start} to {ATTEMPTS_RANGE.stop - 1} attempts "
            f"and {MINUTES_RANGE.start} to {MINUTES_RANGE.stop - 1} minutes"
        )
    with desk.store.transaction():
        for key, value in ((LOCKOUT_ATTEMPTS, attempts), (LOCKOUT_MINUTES, minutes)):
            desk.store.set_setting(key, value)
            desk.store.audit(desk.user, "change", "settings", None, key=key)
    return lockout_policy(desk)


def _sealed_int(desk: Desk, key: str, default: int) -> int:
    if not desk.store.setting_is_sealed(key):
        log.error("setting %s differs from its sealed value; the default applies", key)
        return default
    try:
        return int(desk.store.get_setting(key, default))
    except (TypeError, ValueError):
        return default


def _clean_name(name: str) -> str:
    name = unicodedata.normalize("NFC", name.strip())
    if not name or len(name) > MAX_NAME:
        raise ValueError(f"an account name has 1 to {MAX_NAME} characters")
    if any(unicodedata.category(c).startswith(("C", "Z")) and c != " " for c in name):
        raise ValueError("an account name cannot hold control or invisible characters")
    return name


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of the most common passwords (``resources/passwords``)."""
    with gzip.open(package_root() / COMMON_PASSWORDS, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip().casefold() for line in lines if line.strip())


def check_password(password: str) -> None:
    """The policy for a new password (:func:`app.domain.passwords.check_policy`) with the
    shipped list of common passwords; raises ``WeakPassword``."""
    check_policy(password, common_passwords())


def _new_account(desk: Desk, name: str, role: Role, password: str) -> Account:
    name = _clean_name(name)
    check_password(password)
    account = desk.store.create_account(
        name,
        Role(role),
        hash_password(password, HASH_PARAMS),
        desk.user,
        {"role": Role(role).value},
    )
    log.info("account %d created (%s)", account.id, account.role.value)
    return account


def create_first_administrator(desk: Desk, name: str, password: str) -> Account:
    """The first start: the first account, an administrator. Refused once any exists."""
    with desk.store.transaction():
        if accounts.has_accounts(desk.store):
            raise Conflict("accounts exist already; an administrator creates the others")
        if accounts_required(desk.store):
            raise Conflict(
                "the audit trail shows that accounts existed, but none is left: the accounts "
                "were removed around PermitDesk; restore the latest good backup"
            )
        account = _new_account(desk, name, Role.ADMINISTRATOR, password)
    return account


def create_account(desk: Desk, name: str, role: Role, password: str) -> Account:
    """A new account (administrators only)."""
    require(desk, Role.ADMINISTRATOR)
    with desk.store.transaction():
        return _new_account(desk, name, role, password)


@cache
def _decoy_hash(params: ScryptParams) -> str:
    if params == OWASP:
        return DECOY_HASH
    return hash_password("not the password of anyone at this counter", params)


def authenticate(desk: Desk, name: str, password: str, now: datetime) -> Account:
    """The account if ``password`` is right and the account is open; else :class:`AuthError`.

    ``policy.attempts`` wrong passwords in a row lock the account for ``policy.minutes``.
    An unknown name and a locked account cost the same hashing time as a wrong password
    and get the same answer; the audit trail records which it was."""
    policy = lockout_policy(desk)
    refusal: AuthError | None = None
    with desk.store.transaction():
        stored = accounts.find(desk.store, name.strip())
        if stored is None:
            verify_password(password, _decoy_hash(HASH_PARAMS))
            desk.store.audit("(unknown)", "login_failed", "account", None, reason="unknown")
            refusal = AuthError("invalid", "unknown name or wrong password")
        elif not desk.store.account_is_sealed(stored.account.id):
            # Changed around PermitDesk (a role, a hash, a lock-out): refused, and not
            # sealed by this refusal's audit row (no entity id), so it stays on the record.
            verify_password(password, _decoy_hash(HASH_PARAMS))
            desk.store.audit(
                stored.account.name,
                "login_failed",
                "account",
                None,
                reason="tampered",
                account=stored.account.id,
            )
            log.error("account %d differs from its sealed state", stored.account.id)
            refusal = AuthError(
                "tampered",
                "this account was changed outside PermitDesk; an administrator must check "
                "the database (permitdesk check) before anyone signs in with it",
            )
        else:
            account = stored.account
            refusal = _check(desk, stored, password, now, policy)
            if refusal is None:
                desk.store.record_login_success(account.id)
                if needs_rehash(stored.password_hash, HASH_PARAMS):
                    desk.store.set_account_password(
                        account.id,
                        hash_password(password, HASH_PARAMS),
                        account.name,
                        audited=False,
                    )
                desk.store.audit(account.name, "login", "account", account.id)
            else:
                reason = "locked" if isinstance(refusal, _Locked) else refusal.kind
                desk.store.audit(account.name, "login_failed", "account", account.id, reason=reason)
    if refusal is not None or stored is None:
        raise refusal or AuthError("invalid", "unknown name or wrong password")
    return accounts.get_by_id(desk.store, stored.account.id)


def _check(
    desk: Desk,
    stored: accounts.StoredAccount,
    password: str,
    now: datetime,
    policy: LockoutPolicy,
) -> AuthError | None:
    account = stored.account
    if account.locked_until is not None and now < account.locked_until:
        verify_password(password, _decoy_hash(HASH_PARAMS))  # the time of a wrong password
        return _Locked("invalid", "unknown name or wrong password")
    if not verify_password(password, stored.password_hash):
        locks = account.failed_attempts + 1 >= policy.attempts
        until = now + timedelta(minutes=policy.minutes) if locks else None
        desk.store.record_login_failure(account.id, until)
        if locks:
            log.warning("account %d locked until %s", account.id, until)
        return AuthError("invalid", "unknown name or wrong password")
    if account.disabled:
        return AuthError("disabled", "this account is disabled; ask an administrator")
    return None


def sign_in(desk: Desk, name: str, password: str, now: datetime) -> Account:
    """Authenticate and make the account the desk's user (the audit trail's name)."""
    account = authenticate(desk, name, password, now)
    desk.account, desk.user = account, account.name
    return account


def sign_out(desk: Desk) -> None:
    if desk.account is not None:
        desk.store.audit(desk.user, "logout", "account", desk.account.id)
    desk.account = None


def change_password(
    desk: Desk, name: str, new_password: str, current_password: str | None = None
) -> None:
    """One's own password, given the current one; an administrator may reset anyone's."""
    stored = accounts.find(desk.store, name)
    if stored is None:
        raise ValueError(f"no account named {name!r}")
    own = desk.account is not None and desk.account.id == stored.account.id
    if own and current_password is not None:
        if not verify_password(current_password, stored.password_hash):
            raise AuthError("invalid", "the current password is wrong")
    else:
        require(desk, Role.ADMINISTRATOR)
    check_password(new_password)
    with desk.store.transaction():
        desk.store.record_login_success(stored.account.id)  # before the row that seals it
        desk.store.set_account_password(
            stored.account.id, hash_password(new_password, HASH_PARAMS), desk.user
        )


def set_role(desk: Desk, name: str, role: Role) -> Account:
    """Change an account's role (administrators only); the last administrator stays one."""
    require(desk, Role.ADMINISTRATOR)
    role = Role(role)
    with desk.store.transaction():
        account = accounts.get(desk.store, name)
        if account.role is Role.ADMINISTRATOR and role is not Role.ADMINISTRATOR:
            _keep_an_administrator(desk, account)
        desk.store.set_account_role(
            account.id, role, desk.user, {"role": role.value, "previous_role": account.role.value}
        )
    return accounts.get_by_id(desk.store, account.id)


def disable_account(desk: Desk, name: str, disabled: bool = True) -> Account:
    """Disable (or enable again) an account; its history stays (administrators only)."""
    require(desk, Role.ADMINISTRATOR)
    with desk.store.transaction():
        account = accounts.get(desk.store, name)
        if disabled and account.role is Role.ADMINISTRATOR and not account.disabled:
            _keep_an_administrator(desk, account)
        desk.store.set_account_disabled(account.id, disabled, desk.user)
    return accounts.get_by_id(desk.store, account.id)


def _keep_an_administrator(desk: Desk, account: Account) -> None:
    if accounts.count_administrators(desk.store) <= 1:
        raise Conflict(f"{account.name} is the last administrator; name another one first")


def accounts_exist(desk: Desk) -> bool:
    """Whether work needs signing in: until an account exists (and none ever did), the
    desk works without (:func:`app.services.desk.accounts_required`)."""
    return accounts_required(desk.store)


def file_has_accounts(path: Path) -> bool:
    """Whether the database file still says it has accounts; an unreadable one says
    nothing (False)."""
    try:
        with open_database(path) as store:
            return accounts_required(store)
    except Exception:  # the file is damaged: the state the recovery screen deals with
        return False


def list_accounts(desk: Desk) -> list[Account]:
    """Every account (administrators only)."""
    require(desk, Role.ADMINISTRATOR)
    return accounts.list_accounts(desk.store)
