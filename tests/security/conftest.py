"""Security tests: cheap scrypt parameters (the real ones cost half a second a hash; one
test checks them), and a desk with accounts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.domain.passwords import ScryptParams
from app.services import auth

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "HASH_PARAMS", ScryptParams(n=2**10, r=8, p=1))


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture
def staffed(desk):
    """A desk with an administrator, a supervisor and a clerk; nobody signed in."""
    auth.create_first_administrator(desk, "admin", PASSWORD)
    desk.account = auth.authenticate(desk, "admin", PASSWORD, NOW)
    auth.create_account(desk, "sup", auth.Role.SUPERVISOR, PASSWORD)
    auth.create_account(desk, "clerk1", auth.Role.CLERK, PASSWORD)
    desk.account = None
    return desk
