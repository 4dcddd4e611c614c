"""Integrity check, backup and restore of the database file."""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from pathlib import Path

from app.domain.errors import DatabaseUnreadable
from app.paths import backups_dir
from app.services.auth import LOCKOUT_ATTEMPTS, LOCKOUT_MINUTES
from app.services.desk import Desk, system_user
from app.services.installation_key import installation_key
from app.services.settings import IDLE_LOCK_MINUTES
from app.store import Register, Store, chain_checks
from app.store import audit as audit_store
from app.store.connection import copy_database

log = logging.getLogger(__name__)


#: Settings that must carry a seal as soon as they are set: the lock-out and idle-lock
#: policy (``app.store.chain_checks.setting_problems``).
SEALED_SETTINGS = (LOCKOUT_ATTEMPTS, LOCKOUT_MINUTES, IDLE_LOCK_MINUTES)


def check(store: Store, audit_head: bool = True) -> list[str]:
    """SQLite's integrity and foreign keys, then the application's own invariants: the
    register (gapless numbers, PDFs matching their hashes), the audit chain (the first
    broken link), the register, accounts and settings against what the chain vouches for,
    and the search index. ``audit_head`` compares the chain with the head kept beside the
    backups: right for the live database, not for a copy of it."""
    problems = store.sqlite_integrity()
    problems += Register(store).problems()
    problems += audit_store.problems(store, external_head=audit_head)
    problems += chain_checks.register_problems(store)
    problems += chain_checks.account_problems(store)
    problems += chain_checks.setting_problems(store, SEALED_SETTINGS)
    indexed = store.count_indexed_holders()
    holders = store.count_holders()
    if indexed != holders:
        problems.append(f"search index has {indexed} entries for {holders} holders")
    return problems


def audit_summary(desk: Desk) -> str:
    """One line for ``permitdesk check --verbose``: the chain's length and its head."""
    return audit_store.summary(desk.store)


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def database_problems(desk: Desk) -> list[str]:
    """What ``permitdesk check`` reports on the desk's database (:func:`check`)."""
    return check(desk.store)


def backup(desk: Desk, destination: Path) -> Path:
    """Copy the live database to ``destination`` (a file, or a folder to put a dated file
    in) through SQLite's backup API, then check the copy. A folder that does not exist is
    refused, never created: a typing mistake must not put the copy somewhere unseen.

    The copy is written and checked under a temporary name (``*.partial``), flushed to the
    disk, then renamed: a copy cut off by a crash or a full disk never stands under the
    backup's name, so it is neither taken for a good backup nor skipped as done."""
    store = desk.store
    if destination.is_dir():
        destination = destination / f"permitdesk-{_stamp()}.sqlite"
    if destination.exists():
        raise FileExistsError(f"{destination} exists already; choose another name")
    if not destination.parent.is_dir():
        raise FileNotFoundError(
            f"the folder {destination.parent} does not exist; create it or choose another"
        )
    partial = destination.with_name(f"{destination.name}.partial")
    remove_database_files(partial)
    try:
        store.backup_to(partial)
        with Store.open(partial, backups=store.backups, key=store.key) as copy:
            problems = check(copy, audit_head=False)
        if problems:
            raise DatabaseUnreadable(f"the backup {destination} fails its check: {problems[0]}")
        _flush_to_disk(partial)
        os.replace(partial, destination)
        _flush_to_disk(destination.parent)
    finally:
        remove_database_files(partial)
    log.info("backup written to %s", destination)
    return destination


def _flush_to_disk(path: Path) -> None:
    """fsync a file, or a folder after a rename in it (POSIX; Windows has no folder fsync)."""
    if path.is_dir() and os.name == "nt":
        return
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def restore(source: Path, target: Path, user: str | None = None) -> Path | None:
    """Replace the database ``target`` by the backup ``source`` if the backup passes the
    check. The backup itself is never modified (it is checked on a staging copy), and the
    current database is kept beside it first; returns where (``*.before-restore-<time>``)."""
    if not source.is_file():
        raise FileNotFoundError(f"{source} does not exist")
    folder = backups_dir(target)
    key = installation_key().secret
    staging = target.with_name(f"{target.name}.restoring")
    remove_database_files(staging)
    try:
        copy_database(source, staging)
        with Store.open(staging, backups=folder, key=key) as candidate:
            problems = check(candidate, audit_head=False)
        if problems:
            raise DatabaseUnreadable(
                f"{source} fails the integrity check ({problems[0]}); nothing was restored"
            )
        kept = None
        if target.exists():
            kept = target.with_name(f"{target.name}.before-restore-{_stamp()}")
            with Store.open(target, backups=folder, key=key) as current:
                current.backup_to(kept)
        with (
            Store.open(staging, backups=folder, key=key) as candidate,
            Store.open(target, backups=folder, key=key) as current,
        ):
            replaced = audit_store.tail(current)
            current.replace_contents(candidate)
            # The restored chain is the truth now: the head starts again from it, and its
            # first new row says which chain it replaced.
            current.reseal_audit(
                user or system_user(),
                "restore",
                "database",
                source=source.name,
                replaced_chain={"id": replaced.id, "hash": replaced.hash} if replaced else None,
            )
    finally:
        remove_database_files(staging)
    log.info("restored %s from %s (previous kept as %s)", target, source, kept)
    return kept


def remove_database_files(path: Path) -> None:
    """Delete an SQLite file with its ``-wal`` and ``-shm`` companions, where they exist."""
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
