"""What can go wrong with the stored data, as exceptions the services and screens can explain.

A leaf module: the store raises these, the services and the UI catch them, and none of
them needs to import the store to do so."""

from __future__ import annotations


class StoreError(Exception):
    """A problem with the database; ``kind`` is machine-readable, the message is for people."""

    kind = "store"


class DatabaseUnreadable(StoreError):
    """The file is not an SQLite database, or it is damaged."""

    kind = "unreadable"


class DatabaseLocked(StoreError):
    """Another program holds the database for too long."""

    kind = "locked"


class DatabaseTooNew(StoreError):
    """The file was written by a newer PermitDesk: refuse it rather than damage it."""

    kind = "too_new"


class DatabaseTooOld(StoreError):
    """The file has an older schema than this version needs: a check or a backup's check
    never migrates it (a restore migrates its own staging copy)."""

    kind = "too_old"


class Interrupted(StoreError):
    """The running statement was interrupted (the clerk pressed Cancel); nothing was
    written."""

    kind = "interrupted"


class NotFound(StoreError):
    kind = "not_found"


class Conflict(StoreError):
    """A write would break a uniqueness rule (same card number for two holders, ...)."""

    kind = "conflict"


class EditConflict(Conflict):
    """Another counter saved the same record after it was read here: nothing was saved.
    ``changed_by`` and ``changed_at`` (ISO, UTC) are who saved it and when, from the audit
    trail (empty when it does not say)."""

    kind = "edit_conflict"

    def __init__(self, entity: str, entity_id: int, changed_by: str, changed_at: str) -> None:
        who = changed_by or "another counter"
        when = f" at {changed_at}" if changed_at else ""
        super().__init__(
            f"{who} saved this {entity.replace('_', ' ')}{when}, after it was opened here; "
            "nothing was saved: open it again to see that change, then make yours"
        )
        self.entity, self.entity_id = entity, entity_id
        self.changed_by, self.changed_at = changed_by, changed_at


class AuditUnsealed(StoreError):
    """The audit trail's head, kept outside the database and sealed with the installation's
    key, is missing, forged, behind the log, or cannot be written: nothing more is written
    until an administrator has looked (``permitdesk check``)."""

    kind = "audit"


class DiskFull(StoreError):
    """The disk holding the database (or its write-ahead log) has no room left."""

    kind = "full"


class ReadOnlyDatabase(StoreError):
    """The database file, or its folder, cannot be written by this user."""

    kind = "read_only"


class FileOnly(StoreError):
    """An operation on the database file itself (its restore, purge, daily backup, SQLite's
    checks) asked of a register kept on a PostgreSQL server."""

    kind = "file_only"

    @classmethod
    def of(cls, operation: str, register: str) -> FileOnly:
        """The refusal of ``operation`` on the server register named ``register``."""
        return cls(
            f"{operation} works on a database file; the register {register} is on a "
            "PostgreSQL server, whose administrator backs it up and checks it there "
            "(pg_dump, docs/admin.md)"
        )


class NotPermitted(StoreError):
    """The database server refused the change to this connection's role (a counter's role
    may not touch accounts, the register's numbers or the audit trail directly)."""

    kind = "not_permitted"


class RegisterMoved(StoreError):
    """The file's register was moved to a PostgreSQL server (``permitdesk migrate-to``):
    the file is kept as it was then, and its register takes no more entries (they would
    be numbered again on the server)."""

    kind = "moved"

    def __init__(self, path: str, server: str, on: str) -> None:
        super().__init__(
            f"the register in {path} was moved to the server {server} on {on}: this file is "
            "kept as it was then and its register takes no more entries; point the counter "
            "at the server (permitdesk --db, or the configuration's database; docs/admin.md)"
        )
        self.server, self.on = server, on


class ServerUnreachable(StoreError):
    """The database server does not answer, or the connection to it was lost."""

    kind = "server"


class AuthError(Exception):
    """Sign-in refused. ``kind``: ``invalid`` (unknown name, wrong password or a locked
    account: the answer never says which, and takes the same time), ``disabled`` (the
    right password, but an administrator disabled the account) or ``tampered`` (the
    account's row is not what the audit trail sealed). Raised by the store, which checks
    the password (on a server, the server does)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
