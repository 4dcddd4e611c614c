"""Who works at the counter: roles and accounts, as the services and the screens see them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Role(StrEnum):
    """Clerks issue and extend; supervisors also annul and edit checklists and templates;
    administrators also manage accounts and settings."""

    CLERK = "clerk"
    SUPERVISOR = "supervisor"
    ADMINISTRATOR = "administrator"

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def includes(self, other: Role) -> bool:
        return self.rank >= Role(other).rank


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    role: Role
    disabled: bool = False
    failed_attempts: int = 0
    locked_until: datetime | None = None


@dataclass(frozen=True)
class StoredAccount:
    account: Account
    password_hash: str


@dataclass(frozen=True)
class LockoutPolicy:
    """How many wrong passwords in a row lock an account, and for how many minutes."""

    attempts: int = 5
    minutes: int = 15
