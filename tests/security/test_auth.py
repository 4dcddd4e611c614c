"""Accounts, sign-in with lock-out, and what each role may do."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.errors import Conflict
from app.domain.model import Case, LabourMarket, Language
from app.domain.passwords import (
    DECOY_HASH,
    OWASP,
    WeakPassword,
    hash_password,
    needs_rehash,
    parse,
    verify_password,
)
from app.services import auth
from app.services.auth import AuthError, NotAllowed, Role
from app.services.issuing import annul_document, issue_annex
from app.store import signing_in
from app.store.audit import entries

from .conftest import NOW, PASSWORD


def test_owasp_parameters_are_the_default() -> None:
    assert (OWASP.n, OWASP.r, OWASP.p) == (2**17, 8, 1)
    assert auth.HASH_PARAMS != OWASP  # tests run with cheap ones (conftest)


def test_hash_carries_parameters_and_a_fresh_salt() -> None:
    first = hash_password(PASSWORD, auth.HASH_PARAMS)
    second = hash_password(PASSWORD, auth.HASH_PARAMS)
    assert first != second
    params, salt, key = parse(first)
    assert params == auth.HASH_PARAMS and len(salt) == 16 and len(key) == 32
    assert first.startswith("scrypt$n=1024,r=8,p=1$")
    assert verify_password(PASSWORD, first) and not verify_password(PASSWORD + "x", first)
    assert needs_rehash(first, OWASP) and not needs_rehash(first, auth.HASH_PARAMS)


def test_a_real_owasp_hash_verifies() -> None:
    encoded = hash_password(PASSWORD)
    assert encoded.startswith("scrypt$n=131072,r=8,p=1$")
    assert verify_password(PASSWORD, encoded)


def test_malformed_hash_never_verifies() -> None:
    assert not verify_password(PASSWORD, "md5$abc")


def test_first_administrator_only_once(desk) -> None:
    assert desk.role is Role.ADMINISTRATOR  # no account yet: the desk acts as administrator
    account = auth.create_first_administrator(desk, "admin", PASSWORD)
    assert account.role is Role.ADMINISTRATOR
    assert desk.role is None  # accounts exist now: somebody must sign in
    with pytest.raises(Conflict):
        auth.create_first_administrator(desk, "other", PASSWORD)


@pytest.mark.parametrize("password", ["", "short", "123456789"])
def test_password_policy(desk, password: str) -> None:
    with pytest.raises(WeakPassword):
        auth.create_first_administrator(desk, "admin", password)


@pytest.mark.parametrize("name", ["", " ", "a\x00b", "x" * 65, "tab\there"])
def test_bad_account_names(desk, name: str) -> None:
    with pytest.raises(ValueError):
        auth.create_first_administrator(desk, name, PASSWORD)


def test_sign_in_sets_the_desk_user(staffed, now) -> None:
    account = auth.sign_in(staffed, "clerk1", PASSWORD, now)
    assert staffed.user == "clerk1" and staffed.role is Role.CLERK and account.name == "clerk1"
    assert entries(staffed.store, user="clerk1")[0].action == "login"


def test_unknown_and_wrong_give_the_same_error(staffed, now) -> None:
    with pytest.raises(AuthError) as unknown:
        auth.authenticate(staffed, "nobody", PASSWORD, now)
    with pytest.raises(AuthError) as wrong:
        auth.authenticate(staffed, "clerk1", "wrong password!", now)
    assert unknown.value.kind == wrong.value.kind == "invalid"
    assert str(unknown.value) == str(wrong.value)
    failed = [e for e in entries(staffed.store) if e.action == "login_failed"]
    assert [e.detail["reason"] for e in failed] == ["invalid", "unknown"]
    assert all("nobody" not in (e.user, str(e.detail)) for e in failed)


def test_lockout_after_five_failures_for_fifteen_minutes(staffed, now) -> None:
    for _ in range(5):
        with pytest.raises(AuthError, match="wrong password"):
            auth.authenticate(staffed, "clerk1", "wrong password!", now)
    with pytest.raises(AuthError) as locked:
        auth.authenticate(staffed, "clerk1", PASSWORD, now + timedelta(minutes=14))
    assert locked.value.kind == "invalid"
    assert auth.authenticate(staffed, "clerk1", PASSWORD, now + timedelta(minutes=15))
    reasons = [e.detail["reason"] for e in entries(staffed.store) if e.action == "login_failed"]
    assert reasons[0] == "locked"  # newest first: the log knows, the clerk is not told


def test_a_locked_account_answers_like_a_wrong_password_at_the_same_cost(
    staffed, now, monkeypatch
) -> None:
    hashed: list[str] = []
    real = signing_in.verify_password

    def counted(password: str, encoded: str) -> bool:
        hashed.append(encoded)
        return real(password, encoded)

    monkeypatch.setattr(signing_in, "verify_password", counted)

    def answer(name: str, password: str) -> tuple[str, str, int]:
        before = len(hashed)
        with pytest.raises(AuthError) as refused:
            auth.authenticate(staffed, name, password, now)
        return refused.value.kind, str(refused.value), len(hashed) - before

    answers = {"wrong": [answer("clerk1", "wrong password!") for _ in range(5)][-1]}
    answers["locked"] = answer("clerk1", PASSWORD)
    answers["unknown"] = answer("nobody", PASSWORD)
    assert len(set(answers.values())) == 1, answers
    params = [parse(encoded)[0] for encoded in hashed[-2:]]
    assert params == [auth.HASH_PARAMS, auth.HASH_PARAMS]  # the decoy costs what a hash costs


def test_the_shipped_decoy_has_the_real_parameters() -> None:
    assert parse(DECOY_HASH)[0] == OWASP
    assert not needs_rehash(DECOY_HASH, OWASP)


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short pass", "too_short"),
        ("x" * 129, "too_long"),
        ("qwerty123456", "common"),
        ("QWERTY123456", "common"),
    ],
)
def test_a_weak_password_is_refused_with_its_reason(desk, password, reason) -> None:
    with pytest.raises(WeakPassword) as refused:
        auth.create_first_administrator(desk, "admin", password)
    assert refused.value.reason == reason
    assert not auth.accounts_exist(desk)


def test_the_bounds_of_a_password_are_allowed(desk) -> None:
    auth.create_first_administrator(desk, "admin", "a" * 11 + "z")
    assert auth.accounts_exist(desk)
    auth.sign_in(desk, "admin", "a" * 11 + "z", NOW)
    auth.change_own_password(desk, "a" * 11 + "z", "b" * 128, NOW)


def test_the_common_list_is_shipped_and_read() -> None:
    common = auth.common_passwords()
    assert len(common) > 19_000
    assert {"123456", "password", "qwerty123456"} <= common


def test_a_refused_action_is_audited(staffed, now) -> None:
    auth.sign_in(staffed, "clerk1", PASSWORD, now)
    with pytest.raises(NotAllowed):
        auth.create_account(staffed, "intruder", Role.ADMINISTRATOR, PASSWORD)
    refused = entries(staffed.store)[0]
    assert (refused.user, refused.action, refused.detail) == (
        "clerk1",
        "refused",
        {"required": "administrator"},
    )
    assert not any(a.name == "intruder" for a in auth.accounts.list_accounts(staffed.store))


def test_lockout_is_configurable(staffed, now) -> None:
    staffed.local_admin = True
    assert auth.set_lockout_policy(staffed, 3, 1) == auth.LockoutPolicy(3, 1)
    with pytest.raises(ValueError, match="3 to 20 attempts"):
        auth.set_lockout_policy(staffed, 1_000_000, 1)
    staffed.local_admin = False
    for _ in range(3):
        with pytest.raises(AuthError):
            auth.authenticate(staffed, "clerk1", "wrong password!", now)
    with pytest.raises(AuthError, match="wrong password"):
        auth.authenticate(staffed, "clerk1", PASSWORD, now)
    assert auth.authenticate(staffed, "clerk1", PASSWORD, now + timedelta(minutes=1))


def test_success_resets_the_count(staffed, now) -> None:
    for _ in range(4):
        with pytest.raises(AuthError):
            auth.authenticate(staffed, "clerk1", "wrong password!", now)
    auth.authenticate(staffed, "clerk1", PASSWORD, now)
    for _ in range(4):
        with pytest.raises(AuthError):
            auth.authenticate(staffed, "clerk1", "wrong password!", now)
    assert auth.authenticate(staffed, "clerk1", PASSWORD, now)


def test_disabled_account(staffed, now) -> None:
    auth.sign_in(staffed, "admin", PASSWORD, now)
    auth.disable_account(staffed, "clerk1")
    with pytest.raises(AuthError) as refused:
        auth.authenticate(staffed, "clerk1", PASSWORD, now)
    assert refused.value.kind == "disabled"
    with pytest.raises(AuthError) as wrong:  # a wrong password does not reveal it
        auth.authenticate(staffed, "clerk1", "wrong password!", now)
    assert wrong.value.kind == "invalid"


def test_the_last_administrator_stays(staffed, now) -> None:
    auth.sign_in(staffed, "admin", PASSWORD, now)
    with pytest.raises(Conflict, match="last administrator"):
        auth.disable_account(staffed, "admin")
    with pytest.raises(Conflict, match="last administrator"):
        auth.set_role(staffed, "admin", Role.CLERK)
    assert auth.set_role(staffed, "sup", Role.ADMINISTRATOR).role is Role.ADMINISTRATOR
    assert auth.set_role(staffed, "admin", Role.CLERK).role is Role.CLERK


def test_rehash_with_raised_parameters(staffed, now, monkeypatch) -> None:
    from app.domain.passwords import ScryptParams
    from app.store import accounts

    monkeypatch.setattr(auth, "HASH_PARAMS", ScryptParams(n=2**11, r=8, p=1))
    auth.authenticate(staffed, "clerk1", PASSWORD, now)
    stored = accounts.find(staffed.store, "clerk1")
    assert stored is not None and stored.password_hash.startswith("scrypt$n=2048,")


def test_change_password(staffed, now) -> None:
    auth.sign_in(staffed, "clerk1", PASSWORD, now)
    with pytest.raises(AuthError, match="current password"):
        auth.change_own_password(staffed, "not the current one", "a new long password", now)
    auth.change_own_password(staffed, PASSWORD, "a new long password", now)
    with pytest.raises(NotAllowed):  # a clerk resets nobody else's
        auth.change_password(staffed, "sup", "a new long password")
    with pytest.raises(NotAllowed):  # nor their own without the current one
        auth.change_password(staffed, "clerk1", "a third long password")
    assert auth.authenticate(staffed, "clerk1", "a new long password", now)


def test_a_reset_password_unlocks_the_account(staffed, now) -> None:
    for _ in range(5):
        with pytest.raises(AuthError):
            auth.authenticate(staffed, "clerk1", "wrong password!", now)
    staffed.local_admin = True
    auth.change_password(staffed, "clerk1", "a new long password")
    assert auth.authenticate(staffed, "clerk1", "a new long password", now)


def test_roles(staffed, now, make, today) -> None:
    holder = make.holder()
    permit = make.permit(holder, today + timedelta(days=20), labour_market=LabourMarket.UNLIMITED)
    file = make.file(holder, permit, Case.UNLIMITED_RENEWAL)
    with pytest.raises(NotAllowed, match="nobody signed in"):
        issue_annex(staffed, file.id, Language.FR)
    auth.sign_in(staffed, "clerk1", PASSWORD, now)
    (document,) = issue_annex(staffed, file.id, Language.FR)
    assert document.issued_by == "clerk1"
    with pytest.raises(NotAllowed, match="supervisor"):
        annul_document(staffed, document.id, "typo")
    with pytest.raises(NotAllowed, match="administrator"):
        auth.create_account(staffed, "x" * 10, Role.CLERK, PASSWORD)
    with pytest.raises(NotAllowed):
        auth.list_accounts(staffed)
    auth.sign_in(staffed, "sup", PASSWORD, now)
    assert annul_document(staffed, document.id, "typo").annulled_on is not None
    with pytest.raises(NotAllowed):
        auth.set_role(staffed, "clerk1", Role.SUPERVISOR)
    auth.sign_out(staffed)
    assert staffed.role is None


def test_command_line_desk_acts_as_administrator(staffed) -> None:
    staffed.local_admin = True
    assert staffed.role is Role.ADMINISTRATOR
    assert [a.name for a in auth.list_accounts(staffed)] == ["admin", "clerk1", "sup"]
