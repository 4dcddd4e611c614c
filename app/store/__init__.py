"""The store: the only code that knows SQL, behind an interface of domain objects
(:class:`Store`), kept in an SQLite file (:class:`SqliteStore`)."""

from app.domain.errors import (
    Conflict,
    DatabaseLocked,
    DatabaseTooNew,
    DatabaseTooOld,
    DatabaseUnreadable,
    FileOnly,
    NotFound,
    StoreError,
)
from app.store.register import DocumentDraft, Register
from app.store.sqlite import SqliteStore, file_store
from app.store.store import Store

__all__ = [
    "Conflict",
    "DatabaseLocked",
    "DatabaseTooNew",
    "DatabaseTooOld",
    "DatabaseUnreadable",
    "DocumentDraft",
    "FileOnly",
    "NotFound",
    "Register",
    "SqliteStore",
    "Store",
    "StoreError",
    "file_store",
]
