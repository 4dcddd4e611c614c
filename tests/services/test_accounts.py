"""Accounts on both backends: the first administrator, signing in, a wrong password, the
lock-out, a password changed, a role given, an account disabled; each change audited
(on a server, by the server's own functions)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from psycopg.conninfo import make_conninfo

from app.domain.accounts import Account, Role
from app.domain.errors import NotPermitted
from app.domain.passwords import ScryptParams, hash_password
from app.services import auth
from app.services.auth import (
    AuthError,
    change_own_password,
    change_password,
    create_account,
    create_first_administrator,
    disable_account,
    set_role,
    sign_in,
)
from app.services.desk import Desk

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "HASH_PARAMS", ScryptParams(n=2**10, r=8, p=1))


def test_accounts_from_the_first_administrator_to_a_disabled_clerk(desk) -> None:
    create_first_administrator(desk, "anna", PASSWORD)
    assert sign_in(desk, "Anna", PASSWORD, NOW).role is Role.ADMINISTRATOR  # any case
    create_account(desk, "marie", Role.CLERK, PASSWORD)
    with pytest.raises(AuthError):
        sign_in(desk, "marie", "wrong password here", NOW)
    assert set_role(desk, "marie", Role.SUPERVISOR).role is Role.SUPERVISOR
    change_password(desk, "marie", "another long passphrase")
    assert disable_account(desk, "marie").disabled
    actions = [
        (row["action"], row["entity"])
        for row in desk.store._all("SELECT action, entity FROM audit_log ORDER BY id")
        if row["entity"] == "account"
    ]
    assert actions == [
        ("create", "account"),
        ("login", "account"),
        ("create", "account"),
        ("login_failed", "account"),
        ("change", "account"),
        ("change_password", "account"),
        ("disable", "account"),
    ]
    with pytest.raises(AuthError, match="disabled"):
        sign_in(desk, "marie", "another long passphrase", NOW)


@pytest.fixture
def at_a_counter(register_database: str, counter_login: str) -> str:
    """The register with its first administrator and a clerk, made with IT's login; the
    target a counter's login opens it with."""
    with Desk.open(register_database, clock=lambda: NOW.date()) as it:
        create_first_administrator(it, "anna", PASSWORD)
        it.local_admin = True
        create_account(it, "marie", Role.CLERK, PASSWORD)
    return make_conninfo(register_database, user=counter_login)


def test_a_counter_signs_in_through_the_server(at_a_counter: str) -> None:
    """The hashes stay on the server; what the clerk's session may not do, the server
    refuses even when the app's own checks are gone round; an administrator signed in at
    the same counter may."""
    with Desk.open(at_a_counter) as desk:
        with pytest.raises(AuthError) as refused:
            sign_in(desk, "marie", "wrong password here", NOW)
        assert refused.value.kind == "invalid"
        assert sign_in(desk, "Marie", PASSWORD, NOW).role is Role.CLERK
        change_own_password(desk, PASSWORD, "another long passphrase", NOW)
        with pytest.raises(AuthError, match="current password"):
            change_own_password(desk, PASSWORD, "a third long passphrase", NOW)
        anna = next(a for a in _accounts(desk) if a.name == "anna")
        forged = hash_password("mallory's password", ScryptParams(n=2**10, r=8, p=1))
        with pytest.raises(NotPermitted):  # past auth.change_password's own check
            desk.store.set_account_password(anna.id, forged, "marie")
        with pytest.raises(NotPermitted):
            desk.store.set_setting(auth.LOCKOUT_ATTEMPTS, 20)
        sign_in(desk, "anna", PASSWORD, NOW)
        create_account(desk, "paul", Role.CLERK, PASSWORD)
        assert auth.set_lockout_policy(desk, 3, 1) == auth.LockoutPolicy(3, 1)
        auth.sign_out(desk)
        with pytest.raises(NotPermitted):  # the session ended with the sign-out
            desk.store.set_setting(auth.LOCKOUT_ATTEMPTS, 20)
        assert sign_in(desk, "marie", "another long passphrase", NOW).name == "marie"
        logins = [
            (row["user"], row["action"])
            for row in desk.store._all(
                "SELECT \"user\", action FROM audit_log WHERE action LIKE 'log%' ORDER BY id"
            )
        ]
    assert logins == [
        ("marie", "login_failed"),
        ("marie", "login"),
        ("marie", "login"),  # the current password, checked
        ("marie", "login_failed"),
        ("anna", "login"),
        ("anna", "logout"),
        ("marie", "login"),
    ]


def _accounts(desk: Desk) -> list[Account]:
    """Every account, read as a counter's role may (no hashes)."""
    return auth.accounts.list_accounts(desk.store)
