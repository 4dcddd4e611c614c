"""The processes the backup and restore crash test kills: each runs one backup or one
restore and kills itself with SIGKILL at a chosen *moment*, counted deterministically
(no clock): every page step of the backup API, and the entry and the exit of each stage
the operation goes through (copy, settle, verify, check, fsync, rename, audit head).

``moments(kind, folder)`` runs the operation to its end and returns how many moments it
has, so that the test can spread its kills over them.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from app.services import maintenance
from app.services.desk import Desk
from app.store import audit
from app.store import sqlite as store_module

TODAY = date(2026, 11, 23)
STEP_PAGES = 1  # one page a step: the backup of a small file has many moments
STAGES = ("settle", "verify_copy", "_flush_to_disk", "copy_database", "check", "_keep_previous")


class Killer:
    """Counts moments; at moment ``at`` the process kills itself (None: never)."""

    def __init__(self, at: int | None) -> None:
        self.at = at
        self.seen = 0

    def tick(self) -> None:
        if self.seen == self.at:
            os.kill(os.getpid(), signal.SIGKILL)
        self.seen += 1

    def around(self, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            self.tick()
            result = function(*args, **kwargs)
            self.tick()
            return result

        return wrapped


def _install(killer: Killer) -> None:
    for name in STAGES:
        setattr(maintenance, name, killer.around(getattr(maintenance, name)))
    os.replace = killer.around(os.replace)  # type: ignore[assignment]
    audit.cover_both = killer.around(audit.cover_both)  # type: ignore[assignment]
    audit._write = killer.around(audit._write)  # type: ignore[assignment]
    store_module.BACKUP_STEP_PAGES = STEP_PAGES


def run(kind: str, folder: Path, at: int | None) -> int:
    """One backup (``folder/live.sqlite`` to ``folder/backups/copy.sqlite``) or one restore
    (``folder/source.sqlite`` over ``folder/live.sqlite``); the moments it went through."""
    killer = Killer(at)
    _install(killer)
    live = folder / "live.sqlite"
    if kind == "backup":
        with Desk.open(live, user="crash", clock=lambda: TODAY) as desk:
            maintenance.backup(
                desk, folder / "backups" / "copy.sqlite", lambda _d, _t: killer.tick()
            )
    else:
        maintenance.restore(folder / "source.sqlite", live, user="crash")
    return killer.seen


def child(kind: str, folder: str, at: int | None, connection: Connection) -> None:
    """Run in a process forked by the test; sends the number of moments if not killed."""
    connection.send(run(kind, Path(folder), at))
