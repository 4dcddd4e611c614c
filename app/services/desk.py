"""A working session on one database: the store, who is working, and what day it is.

``today`` is injected (tests pass a fixed day; the application passes the wall clock), so
no rule ever reads the clock by itself.
"""

from __future__ import annotations

import getpass
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from app.config import Database, database_target, is_server_target
from app.domain.accounts import Account, Role
from app.domain.errors import FileOnly
from app.domain.model import Commune
from app.paths import backups_dir, counter_name
from app.services.installation_key import installation_key
from app.store import Register, SqliteStore, Store, open_store
from app.store.accounts import has_accounts
from app.store.chain_checks import accounts_ever_existed

log = logging.getLogger(__name__)


class NotConfigured(RuntimeError):
    """The database has no commune yet: ``permitdesk init`` must run first."""


def accounts_required(store: Store) -> bool:
    """Whether work needs a signed-in account: once any exists, and also when none is
    left but the audit trail shows one existed (the table was emptied around PermitDesk:
    never "no accounts yet, everyone may do everything")."""
    return has_accounts(store) or accounts_ever_existed(store)


def open_database(target: Database) -> Store:
    """The store on the database ``target`` names, with its backups folder as this
    machine's configuration decides (:func:`app.paths.backups_dir`): a file, with the
    installation's key, or a register on a PostgreSQL server (connected within 5 s, its
    schema migrated by the server's rules; the server keeps the audit chain's key, so none
    is read or created here). Raises ``PasswordInTarget`` for a target with a password."""
    target = database_target(target)
    counter = counter_name()
    if is_server_target(target):
        return open_store(target, backups=backups_dir(target), key=b"", counter=counter)
    key = installation_key()
    return open_store(
        target,
        backups=backups_dir(target),
        key=key.secret,
        adopt_public_chain=key.created,
        counter=counter,
    )


def register_name(target: Database) -> str:
    """The register as a clerk reads it, in no language: a file's path, or a server
    register's ``database@host`` (``permitdesk@db.commune.be``) or service name; never
    the connection's other words (a password is refused before: ``database_target``)."""
    if not is_server_target(target):
        return str(target)
    from app.store.postgres.connection import describe  # psycopg only for a server

    return describe(str(target))


def database_file(target: Database, operation: str) -> Path:
    """``target`` as the database file ``operation`` works on; :class:`FileOnly`, with
    what to do instead, for a register on a server (as ``app.store.file_store`` says it
    of an open store), before anything connects to it."""
    target = database_target(target)
    if is_server_target(target):
        raise FileOnly.of(operation, register_name(target))
    return Path(target)


def system_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@dataclass
class Desk:
    """``account`` is who signed in at the counter (``app.services.auth``); ``local_admin``
    is the command line, run by whoever holds the database file: it acts as administrator.
    While no account exists (a fresh install, the demo) every desk acts as administrator."""

    store: Store
    user: str = field(default_factory=system_user)
    clock: Callable[[], date] = date.today
    account: Account | None = None
    local_admin: bool = False
    #: What the desk was opened on (:meth:`open`), for a second connection to it.
    target: Database | None = None

    @classmethod
    def open(
        cls,
        target: Database,
        user: str | None = None,
        clock: Callable[[], date] = date.today,
        local_admin: bool = False,
    ) -> Desk:
        """A desk on the database file or server register ``target`` names."""
        target = database_target(target)
        store = open_database(target)
        return cls(store, user or system_user(), clock, local_admin=local_admin, target=target)

    @property
    def on_server(self) -> bool:
        """Whether the register is on a PostgreSQL server (no file here to back up)."""
        return not isinstance(self.store, SqliteStore)

    @property
    def register_name(self) -> str:
        """The register this desk works on, as :func:`register_name` names it."""
        return self.store.location

    @property
    def role(self) -> Role | None:
        """The signed-in account's role; administrator for the command line and while no
        account exists; None when accounts exist and nobody has signed in."""
        if self.account is not None:
            return self.account.role
        if self.local_admin or not accounts_required(self.store):
            return Role.ADMINISTRATOR
        return None

    def for_another_thread(self) -> Desk:
        """A desk of its own on the same database, for a worker thread (a connection
        belongs to the thread that opened it); the same user and rights."""
        store = self.store.for_another_thread()
        return Desk(store, self.user, self.clock, self.account, self.local_admin, self.target)

    def interrupt(self) -> None:
        """Stop what this desk's store is running, from another thread: the operation's
        transaction rolls back and it raises :class:`~app.domain.errors.Interrupted`."""
        self.store.interrupt()

    def today(self) -> date:
        return self.clock()

    @property
    def register(self) -> Register:
        return self.store.register()

    def commune(self) -> Commune:
        commune = self.store.get_commune()
        if commune is None:
            raise NotConfigured(
                "this database has no commune yet; run: permitdesk init --commune-nis NNNNN "
                "--commune-name NAME --languages fr,nl"
            )
        return commune

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
