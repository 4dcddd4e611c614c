"""Automatic backups, and what the start-up finds: a sound file, or one to restore.

A backup is written through SQLite's backup API and verified (``maintenance.backup``) on
the first start of each day (``daily_backup``, off the window's thread) and before each
migration (the store does that one); at most ``KEEP`` are kept in the backups folder.
Each backup then gets the full check in the background (:func:`full_check_of_backup`):
one that passes is marked *checked* (``<name>.checked`` beside it, naming its size and
time), one that fails is set aside so that the next start writes the day's backup again.
Only checked copies are offered for a restore, newest first.

``startup_check`` never raises and does constant work whatever the number of holders
(``docs/data-safety.md``): it says what is wrong with the database (unreadable, damaged,
too new, locked), which backups would restore it, and whether it is on a network share.

A register on a PostgreSQL server has no file here: the start-up connects to it (within
the connection's timeout; the server's schema is migrated by its own rules) and says
when the server does not answer; there is no daily backup nor full check of a file (the
server's administrator runs ``pg_dump``, docs/admin.md).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from app.config import Database, is_server_target
from app.domain.errors import (
    DatabaseLocked,
    DatabaseTooNew,
    DatabaseTooOld,
    DatabaseUnreadable,
    StoreError,
)
from app.paths import backups_dir
from app.services.desk import Desk, open_database
from app.services.installation_key import installation_key
from app.services.maintenance import (
    Progress,
    backup,
    check,
    quick_problems,
    remove_database_files,
)
from app.store import SqliteStore, file_store
from app.store.connection import copy_database, header_problem
from app.store.register import moved_to

log = logging.getLogger(__name__)

KEEP = 30
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "9p",
        "fuse.sshfs",
        "davfs",
        "fuse.davfs2",
        "glusterfs",
        "ceph",
    }
)
_DATE_IN_NAME = re.compile(r"-(\d{4})-?(\d{2})-?(\d{2})")


@dataclass(frozen=True)
class StartupState:
    """``kind``: ``ok``, ``unreadable``, ``damaged``, ``too_new``, ``locked`` or ``moved``
    (the file's register went to a server, named by ``message``); for a
    register on a server also ``server`` (it does not answer) and ``not_permitted`` (it
    refuses this workstation's role), or another ``StoreError.kind``."""

    kind: str
    message: str = ""
    latest_good_backup: Path | None = None
    problems: tuple[str, ...] = ()
    network_warning: str | None = None
    #: The checked backups a restore may use, newest first.
    backups: tuple[Path, ...] = field(default=())
    #: For ``moved`` (the message names the server): the day of the move.
    moved_on: str = ""

    @property
    def ok(self) -> bool:
        return self.kind == "ok"


def backup_date(path: Path) -> date | None:
    """The day in a backup's name (``permitdesk-2026-11-23.sqlite``,
    ``permitdesk-20261123T101500Z.sqlite``), or None."""
    found = _DATE_IN_NAME.search(path.stem)
    if not found:
        return None
    try:
        return date(*(int(part) for part in found.groups()))
    except ValueError:
        return None


def list_backups(folder: Path) -> list[Path]:
    """The backups in ``folder``, newest first (by the day in the name, then the time
    written)."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob("*.sqlite") if p.is_file() and backup_date(p)]
    return sorted(found, key=lambda p: (backup_date(p), p.stat().st_mtime), reverse=True)


def daily_backup(
    desk: Desk, folder: Path | None, today: date, progress: Progress | None = None
) -> Path | None:
    """The first start of the day writes ``<name>-<today>.sqlite`` and rotates; later
    starts that day write nothing (returns None). A file under today's name that is not
    an SQLite database (a 0-byte file left by a full disk) is no backup: it is set aside
    and the backup written again."""
    store = file_store(desk.store, "the daily backup")
    folder = folder or store.backups
    target = folder / f"{store.path.stem}-{today.isoformat()}.sqlite"
    if target.exists():
        problem = header_problem(target)
        if problem is None:
            return None
        log.warning("today's backup is unusable (%s); written again", problem)
        set_aside(target, "unusable")
    folder.mkdir(parents=True, exist_ok=True)  # the backups folder is ours to create
    written = backup(desk, target, progress)
    rotate(folder)
    return written


def set_aside(path: Path, why: str) -> Path:
    """Rename a backup out of the backups' names (``<name>.<why>-<time>``): it is kept
    for whoever investigates, never listed, and its day's backup is written again."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.{why}-{stamp}")
    os.replace(path, aside)
    _checked_mark(path).unlink(missing_ok=True)
    return aside


def _checked_mark(path: Path) -> Path:
    return path.with_name(path.name + ".checked")


def _identity(path: Path) -> dict[str, int]:
    status = path.stat()
    return {"size": status.st_size, "mtime_ns": status.st_mtime_ns}


def is_checked(path: Path) -> bool:
    """Whether ``path`` passed the full check as it is now (same size and time)."""
    try:
        recorded = json.loads(_checked_mark(path).read_text("utf-8"))
        return bool(recorded == _identity(path) and recorded["size"] > 0)
    except (OSError, ValueError, TypeError, KeyError):
        return False


def full_check_of_backup(path: Path) -> list[str]:
    """The full check of a backup (:func:`backup_problems`): a pass marks it checked, a
    failure sets it aside. Run in the background after each backup."""
    problems = backup_problems(path)
    if problems:
        log.error("backup %s fails its check: %s", path, problems[0])
        with contextlib.suppress(OSError):
            set_aside(path, "failed")
        return problems
    mark = _checked_mark(path)
    temporary = mark.with_name(mark.name + ".tmp")
    temporary.write_text(json.dumps(_identity(path)), "utf-8")
    os.replace(temporary, mark)
    return []


def checked_backups(folder: Path) -> list[Path]:
    """The backups in ``folder`` that passed the full check, newest first."""
    return [path for path in list_backups(folder) if is_checked(path)]


def rotate(folder: Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the ``keep`` newest backups; returns what was deleted."""
    removed = list_backups(folder)[keep:]
    for path in removed:
        _delete(path)
    return removed


def remove_older_than(folder: Path, cutoff: date) -> list[Path]:
    """Delete the backups of days before ``cutoff`` (the retention rule's)."""
    removed = [p for p in list_backups(folder) if backup_date(p) < cutoff]  # type: ignore[operator]
    for path in removed:
        _delete(path)
    return removed


def _delete(path: Path) -> None:
    remove_database_files(path)
    _checked_mark(path).unlink(missing_ok=True)
    log.info("backup %s removed", path)


def backup_problems(path: Path) -> list[str]:
    """What ``check`` finds in a backup, opened read-only as it is; one with an older
    schema is examined on a migrated temporary copy (as a restore would use it)."""
    try:
        key = installation_key().secret
        try:
            with SqliteStore.open_existing(path, backups=path.parent, key=key) as candidate:
                return check(candidate, audit_head=False)
        except DatabaseTooOld:
            with tempfile.TemporaryDirectory(prefix="permitdesk-check-") as folder:
                staging = Path(folder) / "candidate.sqlite"
                copy_database(path, staging)
                with SqliteStore.open(staging, backups=Path(folder), key=key) as candidate:
                    return check(candidate, audit_head=False)
    except (StoreError, OSError) as error:
        return [str(error)]
    except Exception as error:  # a backup we cannot even read is simply not good
        return [f"{type(error).__name__}: {error}"]


def latest_good_backup(folder: Path) -> Path | None:
    """The newest backup in ``folder`` that is checked, or passes the full check now (and
    is marked checked); a failing one is set aside."""
    for path in list_backups(folder):
        if is_checked(path) and header_problem(path) is None:
            return path
        if not full_check_of_backup(path):
            return path
    return None


def startup_check(path: Database, folder: Path | None = None) -> StartupState:
    """What the window must know before it opens the database, in constant work whatever
    its size (the header, the schema version, the register's and the audit chain's tails:
    ``maintenance.quick_problems``); the full check is the background's. Raises only
    :class:`~app.services.installation_key.KeyUnavailable` (no key to check with). A
    register on a server: :func:`server_check`."""
    if is_server_target(path):
        return server_check(str(path))
    path = Path(path)
    folder = folder or backups_dir(path)
    warning = network_share(path)
    if not path.exists():
        return StartupState("ok", "a new database will be created", network_warning=warning)
    key = installation_key()  # KeyUnavailable is not the file's fault: not a restore
    try:
        with SqliteStore.open_existing(path, backups=folder, key=key.secret) as store:
            problems = quick_problems(store, audit_head=not key.created)
            moved = moved_to(store)
    except DatabaseTooOld:  # the counter opens it: backed up, then migrated
        return StartupState("ok", network_warning=warning)
    except DatabaseTooNew as error:
        return StartupState("too_new", str(error), network_warning=warning)
    except DatabaseLocked as error:
        return StartupState("locked", str(error), network_warning=warning)
    except (DatabaseUnreadable, OSError) as error:
        return needs_restore("unreadable", str(error), (), folder, warning)
    except Exception as error:  # whatever it is, the window must be able to say it
        log.exception("start-up check of %s failed", path)
        return needs_restore("unreadable", f"{type(error).__name__}: {error}", (), folder, warning)
    if problems:
        return needs_restore("damaged", problems[0], tuple(problems), folder, warning)
    if moved is not None:  # kept as it was: the counter works on the server now
        return StartupState("moved", moved["server"], moved_on=moved["on"])
    return StartupState("ok", network_warning=warning)


def server_check(target: str) -> StartupState:
    """Whether the register on a server can be opened: connected (the connection gives up
    after its timeout) and its schema brought up to date or refused as too new. No file,
    so nothing to restore from here."""
    try:
        with open_database(target):
            pass
    except StoreError as error:
        log.warning("the register %s cannot be opened: %s", target, error)
        return StartupState(error.kind, str(error))
    except Exception as error:  # whatever it is, the window must be able to say it
        log.exception("start-up check of %s failed", target)
        return StartupState("store", f"{type(error).__name__}: {error}")
    return StartupState("ok")


def needs_restore(
    kind: str,
    message: str,
    problems: tuple[str, ...],
    folder: Path,
    warning: str | None = None,
) -> StartupState:
    """The state of a database to restore, with its latest good backup and every checked
    one (newest first)."""
    try:
        good = latest_good_backup(folder)
        copies = tuple(checked_backups(folder))
    except OSError:
        good, copies = None, ()
    return StartupState(kind, message, good, problems, warning, copies)


@dataclass(frozen=True)
class BackgroundReport:
    """What the background found after the start: the backup written (None when the
    day's was there already), the full check's problems (the recovery state to show
    when there are any), and why the backup failed (None when it did not)."""

    written: Path | None
    problems: tuple[str, ...] = ()
    damaged: StartupState | None = None
    backup_error: str | None = None


def background_check(desk: Desk, today: date, progress: Progress | None = None) -> BackgroundReport:
    """Run off the window's thread once the window is shown: the day's backup when due,
    then one full check, of today's backup when it is not checked yet (a faithful copy
    of the live file, checked without holding it), or else of the live file itself,
    read-only (the counter keeps writing meanwhile). Nothing for a register on a server,
    which has no file here: its administrator backs it up and checks it there."""
    if desk.on_server:
        return BackgroundReport(None)
    store = file_store(desk.store, "the background check")
    written, error = None, None
    try:
        written = daily_backup(desk, None, today, progress)
    except Exception as failure:  # reported in the status bar; the counter works on
        log.exception("daily backup failed")
        error = str(failure) or type(failure).__name__
    todays = store.backups / f"{store.path.stem}-{today.isoformat()}.sqlite"
    if todays.is_file() and not is_checked(todays) and not full_check_of_backup(todays):
        return BackgroundReport(written, backup_error=error)
    try:
        with SqliteStore.open_existing(store.path, backups=store.backups, key=store.key) as live:
            problems = tuple(check(live))
    except StoreError as failure:
        problems = (str(failure),)
    if not problems:
        return BackgroundReport(written, backup_error=error)
    log.error("the full check of %s found: %s", store.path, problems[0])
    state = needs_restore("damaged", problems[0], problems, store.backups)
    return BackgroundReport(written, problems, state, error)


def network_share(path: Path, mounts: str | None = None) -> str | None:
    """Why ``path`` looks like it is on a network share (where SQLite's locks are not
    reliable), or None. ``mounts`` replaces ``/proc/mounts`` in tests."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return f"{path} is on a network share (UNC path)"
    if sys.platform == "win32":
        return _windows_drive(path)
    return _linux_mount(path, mounts)


def _windows_drive(path: Path) -> str | None:
    import ctypes

    drive = os.path.splitdrive(str(path.resolve()))[0]
    if not drive:
        return None
    drive_remote = 4
    kind = ctypes.windll.kernel32.GetDriveTypeW(drive + "\\")  # type: ignore[attr-defined]
    return f"{path} is on the network drive {drive}" if kind == drive_remote else None


def _linux_mount(path: Path, mounts: str | None) -> str | None:
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text("utf-8", errors="replace")
        except OSError:
            return None
    target = str(path.resolve())
    best, best_type = "", ""
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, best_type = point, parts[2]
    if best_type in NETWORK_FILESYSTEMS or best_type.startswith("nfs"):
        return f"{path} is on a network share ({best_type} at {best})"
    return None
