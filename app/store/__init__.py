"""The SQLite store: schema, migrations and queries, behind an interface of domain objects."""

from app.domain.errors import (
    Conflict,
    DatabaseLocked,
    DatabaseTooNew,
    DatabaseTooOld,
    DatabaseUnreadable,
    NotFound,
    StoreError,
)
from app.store.register import DocumentDraft, Register
from app.store.store import Store

__all__ = [
    "Conflict",
    "DatabaseLocked",
    "DatabaseTooNew",
    "DatabaseTooOld",
    "DatabaseUnreadable",
    "DocumentDraft",
    "NotFound",
    "Register",
    "Store",
    "StoreError",
]
