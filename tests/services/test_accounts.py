"""Accounts on both backends: the first administrator, signing in, a wrong password, the
lock-out, a password changed, a role given, an account disabled; each change audited
(on a server, by the server's own functions)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.domain.accounts import Role
from app.domain.passwords import ScryptParams
from app.services import auth
from app.services.auth import (
    AuthError,
    change_password,
    create_account,
    create_first_administrator,
    disable_account,
    set_role,
    sign_in,
)

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
