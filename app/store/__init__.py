"""The store: the only code that knows SQL, behind an interface of domain objects
(:class:`Store`), kept in an SQLite file (:class:`SqliteStore`) or on a PostgreSQL server
(``app.store.postgres``); :func:`open_store` chooses by the target."""

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
from app.store.opening import is_server_target, open_store
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
    "is_server_target",
    "open_store",
]
