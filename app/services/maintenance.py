"""Integrity check, backup and restore of the database file (``docs/data-safety.md``)."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from app.domain.errors import DatabaseTooOld, DatabaseUnreadable, StoreError
from app.paths import BEFORE_RESTORE, aside_path, backups_dir, utc_stamp
from app.services.auth import LOCKOUT_ATTEMPTS, LOCKOUT_MINUTES
from app.services.desk import Desk, open_database, system_user
from app.services.installation_key import installation_key
from app.services.settings import IDLE_LOCK_MINUTES
from app.store import Register, SqliteStore, chain_checks, file_store
from app.store import audit as audit_store
from app.store.connection import copy_database, settle

#: ``progress(pages_done, pages_total)`` while a backup copies.
Progress = Callable[[int, int], None]

log = logging.getLogger(__name__)


#: Settings that must carry a seal as soon as they are set: the lock-out and idle-lock
#: policy (``app.store.chain_checks.setting_problems``).
SEALED_SETTINGS = (LOCKOUT_ATTEMPTS, LOCKOUT_MINUTES, IDLE_LOCK_MINUTES)


def check(store: SqliteStore, audit_head: bool = True) -> list[str]:
    """SQLite's integrity and foreign keys, then the application's own invariants: the
    register (gapless numbers, PDFs matching their hashes), the audit chain (the first
    broken link), the register, accounts and settings against what the chain vouches for,
    and the search index. ``audit_head`` compares the chain with the head kept beside the
    backups: right for the live database, not for a copy of it."""
    problems = store.integrity_problems()
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


def quick_problems(store: SqliteStore, audit_head: bool = True) -> list[str]:
    """What the start-up looks at, in constant time whatever the number of holders: the
    audit chain's tail against the head kept outside the file (unless ``audit_head`` is
    false: the first start with a new key, whose open keys the old chain), each register's
    last number against its counter, and the guarded tables' presence. The rest is
    :func:`check`'s, in the background."""
    missing = chain_checks.missing_tables(store)
    if missing:
        return missing
    problems = Register(store).tail_problems()
    head = audit_store.head_problem(store) if audit_head else None
    return problems + ([head] if head else [])


def audit_summary(desk: Desk) -> str:
    """One line for ``permitdesk check --verbose``: the chain's length and its head."""
    return audit_store.summary(file_store(desk.store, "the audit summary"))


def check_file(path: Path) -> tuple[list[str], str]:
    """``permitdesk check``: what :func:`check` finds in the database at ``path``, opened
    read-only and as it is (never migrated), and the audit chain's summary line. A file
    that is empty, not PermitDesk's or of another schema version raises the store's error
    with the reason."""
    key = installation_key().secret
    with SqliteStore.open_existing(path, backups=backups_dir(path), key=key) as store:
        return check(store), audit_store.summary(store)


def check_server(target: str) -> tuple[list[str], str]:
    """``permitdesk check`` of a register on a PostgreSQL server: the register's
    invariants (gapless numbers matching their counters, every PDF matching its hash, each
    entry with its first version) and the server's own checks of the audit chain and its
    guards; and a summary line. What SQLite checks of a file (pages, the full-text index,
    the head kept beside the file) the server keeps itself."""
    with open_database(target) as store:
        problems = store.register().problems() + store.integrity_problems()
    return problems, "audit chain: kept and keyed by the server (audit_chain_problems)"


def backup(desk: Desk, destination: Path, progress: Progress | None = None) -> Path:
    """Copy the live database to ``destination`` (a file, or a folder to put a dated file
    in) through SQLite's backup API, then verify the copy. A folder that does not exist is
    refused, never created: a typing mistake must not put the copy somewhere unseen.

    The copy is written and verified under a temporary name (``*.partial``), flushed to the
    disk, then renamed: a copy cut off by a crash or a full disk never stands under the
    backup's name, so it is neither taken for a good backup nor skipped as done. The
    verification reads no page twice (:func:`verify_copy`); the full check of the copy is
    the background's (``app.services.backups.full_check_of_backup``). ``progress(done,
    total)`` is told the pages copied."""
    store = file_store(desk.store, "a backup")
    if destination.is_dir():
        destination = destination / f"permitdesk-{utc_stamp()}.sqlite"
    if destination.exists():
        raise FileExistsError(f"{destination} exists already; choose another name")
    if not destination.parent.is_dir():
        raise FileNotFoundError(
            f"the folder {destination.parent} does not exist; create it or choose another"
        )
    partial = destination.with_name(f"{destination.name}.partial")
    remove_database_files(partial)
    try:
        store.backup_to(partial, progress)
        settle(partial)  # one file: opening it read-only later leaves nothing beside it
        verify_copy(store, partial)
        _flush_to_disk(partial)
        os.replace(partial, destination)
        _flush_to_disk(destination.parent)
    finally:
        remove_database_files(partial)
    log.info("backup written to %s", destination)
    return destination


def verify_copy(source: SqliteStore, copy: Path) -> None:
    """Refuse a copy that is not the source as it was: its header and size, its schema
    (opened without migrating), its registers' counters and its audit chain's tail must be
    the source's (or, when counters wrote meanwhile, a state the source went through).
    A few pages read, none twice; SQLite's backup API copied every page as it read it."""
    with SqliteStore.open_existing(copy, backups=source.backups, key=source.key) as written:
        copied, live = Register(written).last_numbers(), Register(source).last_numbers()
        behind = [key for key, last in copied.items() if last > live.get(key, 0)]
        missing = [key for key in live if key not in copied and live[key]]
        tail = audit_store.tail(written)
    if behind or missing:
        raise DatabaseUnreadable(f"the backup {copy} does not hold the source's register")
    if tail is not None and audit_store.hash_at(source, tail.id) != tail.hash:
        raise DatabaseUnreadable(f"the backup {copy} does not hold the source's audit log")


def _flush_to_disk(path: Path) -> None:
    """fsync a file, or a folder after a rename in it (POSIX; Windows has no folder fsync)."""
    if path.is_dir() and os.name == "nt":
        return
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def restore(
    source: Path,
    target: Path,
    user: str | None = None,
    allow_older_register: bool = False,
    step: Callable[[str], None] | None = None,
) -> Path | None:
    """Replace the database ``target`` by the backup ``source`` if the backup passes the
    check; returns where the previous database was kept (``*.before-restore-<time>``).

    Atomic: the backup is copied beside the target (``.<name>.restoring/<name>``; the
    backup itself is never modified), migrated there when it is older, checked in full,
    settled into one file and fsynced; the live file is copied aside; only then is the
    copy renamed over the live file and the folder fsynced. A crash at any moment leaves
    the old file or the new one, both sound. A backup whose register ends before the live
    one's is refused unless ``allow_older_register``: its numbers would be given a second
    time. ``step(name)`` is told each stage (the crash test stops there)."""
    if not source.is_file():
        raise FileNotFoundError(f"{source} does not exist")
    folder = backups_dir(target)
    key = installation_key().secret
    staging_folder = target.with_name(f".{target.name}.restoring")
    staging = staging_folder / target.name
    tell = step or (lambda _name: None)
    shutil.rmtree(staging_folder, ignore_errors=True)
    staging_folder.mkdir()
    try:
        try:
            copy_database(source, staging)
        except DatabaseUnreadable as error:
            raise DatabaseUnreadable(f"{error}; nothing was restored") from error
        tell("copied")
        _prepare_candidate(source, staging, staging_folder, key)
        live_numbers, replaced = _live_tails(target, key)
        with SqliteStore.open_existing(staging, backups=folder, key=key) as candidate:
            _refuse_older_register(
                source, Register(candidate).last_numbers(), live_numbers, allow_older_register
            )
            problems = check(candidate, audit_head=False)
        if problems:
            raise DatabaseUnreadable(
                f"{source} fails the integrity check ({problems[0]}); nothing was restored"
            )
        tell("checked")
        kept = _keep_previous(target) if target.exists() else None
        tell("kept")
        with SqliteStore.open_existing(staging, backups=folder, key=key) as candidate:
            # Until the rename, the head covers both the live file and the backup; after it,
            # the restore row reseals it from the backup's tail.
            audit_store.cover_both(candidate, replaced)
        tell("head")
        _flush_to_disk(staging)
        if target.exists():
            _settle_live(target)
        tell("settled")
        os.replace(staging, target)
        _flush_to_disk(target.parent)
        tell("renamed")
    finally:
        shutil.rmtree(staging_folder, ignore_errors=True)
    with SqliteStore.open(target, backups=folder, key=key) as current:
        current.reseal_audit(
            user or system_user(),
            "restore",
            "database",
            source=source.name,
            replaced_chain={"id": replaced.id, "hash": replaced.hash} if replaced else None,
        )
    log.info("restored %s from %s (previous kept as %s)", target, source, kept)
    return kept


def _prepare_candidate(source: Path, staging: Path, staging_folder: Path, key: bytes) -> None:
    """Bring the staged copy to this version's schema (an older backup is migrated there,
    its pre-migration copy left in the staging folder), then into one file."""
    try:
        SqliteStore.open_existing(staging, backups=staging_folder, key=key).close()
    except DatabaseTooOld:
        log.info("%s has an older schema: its staged copy is migrated", source)
        SqliteStore.open(staging, backups=staging_folder, key=key).close()
    except DatabaseUnreadable as error:
        raise DatabaseUnreadable(f"{source}: {error}; nothing was restored") from error
    settle(staging)


def _live_tails(
    target: Path, key: bytes
) -> tuple[dict[tuple[str, int], int], audit_store.Tail | None]:
    """The live database's last register numbers and audit tail; none when it is missing
    or unreadable (then nothing can be compared, and the restore is what repairs it)."""
    if not target.exists():
        return {}, None
    try:
        with SqliteStore.open_existing(target, backups=backups_dir(target), key=key) as live:
            return Register(live).last_numbers(), audit_store.tail(live)
    except StoreError as error:
        log.warning("the live database cannot be compared with the backup: %s", error)
        return {}, None


def _refuse_older_register(
    source: Path,
    restored: dict[tuple[str, int], int],
    live: dict[tuple[str, int], int],
    allowed: bool,
) -> None:
    behind = sorted((key, last) for key, last in live.items() if restored.get(key, 0) < last)
    if not behind or allowed:
        return
    (nis, year), last = behind[0]
    raise DatabaseUnreadable(
        f"{source} is older than the live register: its {year} register of {nis} ends at "
        f"{restored.get((nis, year), 0)}, the live one at {last}; restoring it would give "
        "those numbers a second time. Nothing was restored (to restore it anyway, knowing "
        "the documents issued since are lost, use --older-register)"
    )


def _keep_previous(target: Path) -> Path:
    """Copy the live database aside (``*.before-restore-<time>``), written under a
    temporary name and renamed like a backup."""
    kept = aside_path(target, BEFORE_RESTORE)
    partial = kept.with_name(kept.name + ".partial")
    remove_database_files(partial)
    try:
        try:
            copy_database(target, partial)
            settle(partial)
        except DatabaseUnreadable:  # not readable as a database: kept byte for byte
            remove_database_files(partial)
            shutil.copyfile(target, partial)
        _flush_to_disk(partial)
        os.replace(partial, kept)
    finally:
        remove_database_files(partial)
    return kept


def _settle_live(target: Path) -> None:
    """The live file alone on disk before the rename (:func:`settle`); an unreadable
    one's companions go (it was kept byte for byte)."""
    try:
        settle(target)
    except DatabaseUnreadable:
        for suffix in ("-wal", "-shm"):
            target.with_name(target.name + suffix).unlink(missing_ok=True)


def remove_database_files(path: Path) -> None:
    """Delete an SQLite file with its ``-wal``, ``-shm`` and ``-journal`` companions, where
    they exist (a copy cut off in rollback mode leaves a hot journal: it must not be
    played back onto the next file of that name)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
