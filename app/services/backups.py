"""Automatic backups, and what the start-up finds: a sound file, or one to restore.

A backup is written through SQLite's backup API and checked (``maintenance.backup``) on
the first start of each day (``daily_backup``) and before each migration (the store does
that one); at most ``KEEP`` are kept in the backups folder. ``startup_check`` never raises:
it says what is wrong with the database (unreadable, damaged, too new, locked), which
backup would restore it, and whether the file is on a network share.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from app.domain.errors import DatabaseLocked, DatabaseTooNew, DatabaseUnreadable, StoreError
from app.paths import backups_dir
from app.services.desk import Desk
from app.services.installation_key import installation_key
from app.services.maintenance import backup, check, remove_database_files
from app.store import Store
from app.store.connection import copy_database

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
    """``kind``: ``ok``, ``unreadable``, ``damaged``, ``too_new`` or ``locked``."""

    kind: str
    message: str = ""
    latest_good_backup: Path | None = None
    problems: tuple[str, ...] = ()
    network_warning: str | None = None
    backups: tuple[Path, ...] = field(default=())

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


def daily_backup(desk: Desk, folder: Path | None, today: date) -> Path | None:
    """The first start of the day writes ``<name>-<today>.sqlite`` and rotates; later
    starts that day write nothing (returns None)."""
    store = desk.store
    folder = folder or store.backups
    target = folder / f"{store.path.stem}-{today.isoformat()}.sqlite"
    if target.exists():
        return None
    folder.mkdir(parents=True, exist_ok=True)  # the backups folder is ours to create
    written = backup(desk, target)
    rotate(folder)
    return written


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
    log.info("backup %s removed", path)


def backup_problems(path: Path) -> list[str]:
    """What ``check`` finds in a backup, examined on a temporary copy: opening the backup
    itself could migrate it."""
    with tempfile.TemporaryDirectory(prefix="permitdesk-check-") as folder:
        staging = Path(folder) / "candidate.sqlite"
        try:
            copy_database(path, staging)
            key = installation_key().secret
            with Store.open(staging, backups=Path(folder), key=key) as candidate:
                return check(candidate, audit_head=False)
        except (StoreError, OSError) as error:
            return [str(error)]
        except Exception as error:  # a backup we cannot even read is simply not good
            return [f"{type(error).__name__}: {error}"]


def latest_good_backup(folder: Path) -> Path | None:
    """The newest backup in ``folder`` that passes the check."""
    for path in list_backups(folder):
        if not backup_problems(path):
            return path
        log.warning("backup %s fails its check", path)
    return None


def startup_check(path: Path, folder: Path | None = None) -> StartupState:
    """Open the database and check it, for the window to say what to do; never raises."""
    path = Path(path)
    folder = folder or backups_dir(path)
    warning = network_share(path)
    if not path.exists():
        return StartupState("ok", "a new database will be created", network_warning=warning)
    try:
        key = installation_key()
        with Store.open(
            path, backups=folder, key=key.secret, adopt_public_chain=key.created
        ) as store:
            problems = check(store)
    except DatabaseTooNew as error:
        return StartupState("too_new", str(error), network_warning=warning)
    except DatabaseLocked as error:
        return StartupState("locked", str(error), network_warning=warning)
    except (DatabaseUnreadable, OSError) as error:
        return _needs_restore("unreadable", str(error), (), folder, warning)
    except Exception as error:  # whatever it is, the window must be able to say it
        log.exception("start-up check of %s failed", path)
        return _needs_restore("unreadable", f"{type(error).__name__}: {error}", (), folder, warning)
    if problems:
        return _needs_restore("damaged", problems[0], tuple(problems), folder, warning)
    return StartupState("ok", network_warning=warning)


def _needs_restore(
    kind: str, message: str, problems: tuple[str, ...], folder: Path, warning: str | None
) -> StartupState:
    try:
        good = latest_good_backup(folder)
    except OSError:
        good = None
    return StartupState(kind, message, good, problems, warning, tuple(list_backups(folder)))


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
