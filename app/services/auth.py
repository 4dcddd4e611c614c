"""Who may work at the counter: local accounts, sign-in with lock-out, and role checks.

Clerks read the register (search, holder pages, PDFs, lists, exports), issue, extend and
reprint; supervisors may also annul documents and edit checklists and templates;
administrators may also manage accounts and settings (``require``). Once accounts exist,
nothing is read with nobody signed in. The
first start creates the administrator (``create_first_administrator``); until then, and on
the command line, the desk acts as administrator (see ``Desk.role``).

Time is injected (``now``), never read from the clock here, so tests decide when a
lock-out ends on a file; a server applies the lock-out on its own clock (a client's time
would let it end a lock-out early). Every sign-in, failed or not, is in the audit trail.
"""

from __future__ import annotations

import gzip
import logging
import unicodedata
from datetime import datetime
from functools import cache
from pathlib import Path

from app.domain.accounts import Account, LockoutPolicy, Role
from app.domain.errors import AuthError, Conflict
from app.domain.passwords import OWASP, ScryptParams, check_policy, hash_password
from app.paths import package_root
from app.services.desk import Desk, accounts_required, open_database
from app.store import accounts

log = logging.getLogger(__name__)

#: Raised only when OWASP raises its advice; tests lower it to keep fast.
HASH_PARAMS: ScryptParams = OWASP
LOCKOUT_ATTEMPTS = "lockout_attempts"  # settings keys, with their defaults
LOCKOUT_MINUTES = "lockout_minutes"
DEFAULT_ATTEMPTS, DEFAULT_MINUTES = LockoutPolicy().attempts, LockoutPolicy().minutes
MAX_NAME = 64
COMMON_PASSWORDS = Path("resources") / "passwords" / "common-passwords.txt.gz"


class NotAllowed(Exception):
    """The signed-in role may not do this; ``required`` is the least role that may."""

    kind = "not_allowed"

    def __init__(self, required: Role, role: Role | None) -> None:
        who = f"a {role.value}" if role else "nobody signed in"
        super().__init__(f"this needs a {required.value} account ({who} is working)")
        self.required = required
        self.role = role


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


def authenticate(desk: Desk, name: str, password: str, now: datetime) -> Account:
    """The account if ``password`` is right and the account is open; else :class:`AuthError`.

    The store checks (``Store.sign_in``: a file here, a server on the server, which keeps
    the hashes to itself): ``lockout_policy`` wrong passwords in a row lock the account;
    an unknown name, a wrong password and a locked account get the same answer."""
    return desk.store.sign_in(name.strip(), password, now, lockout_policy(desk), HASH_PARAMS)


def sign_in(desk: Desk, name: str, password: str, now: datetime) -> Account:
    """Authenticate and make the account the desk's user (the audit trail's name)."""
    account = authenticate(desk, name, password, now)
    desk.account, desk.user = account, account.name
    return account


def sign_out(desk: Desk) -> None:
    if desk.account is not None:
        desk.store.audit(desk.user, "logout", "account", desk.account.id)
        desk.store.sign_out()
    desk.account = None


def change_own_password(
    desk: Desk, current_password: str, new_password: str, now: datetime
) -> None:
    """The signed-in account's password, given the current one: checked as a sign-in is
    (a wrong one counts towards the lock-out)."""
    if desk.account is None:
        raise AuthError("invalid", "nobody is signed in")
    try:
        authenticate(desk, desk.account.name, current_password, now)
    except AuthError as refusal:
        raise AuthError(refusal.kind, "the current password is wrong") from None
    _set_password(desk, desk.account, new_password)


def change_password(desk: Desk, name: str, new_password: str) -> None:
    """Reset an account's password (administrators only); it unlocks the account."""
    require(desk, Role.ADMINISTRATOR)
    _set_password(desk, accounts.get(desk.store, name), new_password)


def _set_password(desk: Desk, account: Account, new_password: str) -> None:
    check_password(new_password)
    with desk.store.transaction():
        desk.store.set_account_password(
            account.id, hash_password(new_password, HASH_PARAMS), desk.user
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
