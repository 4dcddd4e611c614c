"""``permitdesk backup`` of a register on a PostgreSQL server: PostgreSQL's own ``pg_dump``
(custom format), written under a temporary name, listed back with ``pg_restore --list`` to
be sure it reads, then renamed, as the file's backup is (``app.services.maintenance``).

The dump holds the audit chain's key, so only IT's login (a member of permitdesk_owner)
can take it: a counter's or an administrator's login is refused by the server, and this
says so. The programs run are PostgreSQL's, found on the PATH or in Debian's
``/usr/lib/postgresql/<version>/bin``; nothing read from the register decides what runs.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from pathlib import Path

from app.paths import utc_stamp

log = logging.getLogger(__name__)

#: The longest a dump may take before it is given up, in seconds.
DUMP_TIMEOUT_SECONDS = 3_600
_DEBIAN_BINARIES = Path("/usr/lib/postgresql")


class ServerBackupFailed(RuntimeError):
    """pg_dump could not be run, or did not write a dump that reads back."""


def backup_server(target: str, destination: Path) -> Path:
    """Dump the register ``target`` names into ``destination`` (a file, or a folder to put
    a dated ``.dump`` in); refused when the destination exists or its folder does not."""
    if destination.is_dir():
        destination = destination / f"permitdesk-{utc_stamp()}.dump"
    if destination.exists():
        raise FileExistsError(f"{destination} exists already; choose another name")
    if not destination.parent.is_dir():
        raise FileNotFoundError(
            f"the folder {destination.parent} does not exist; create it or choose another"
        )
    partial = destination.with_name(f"{destination.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        _run("pg_dump", "--format=custom", "--no-password", f"--file={partial}", target)
        _run("pg_restore", "--list", str(partial))  # it reads back, every entry listed
        os.replace(partial, destination)
    finally:
        partial.unlink(missing_ok=True)
    log.info("server backup written to %s", destination)
    return destination


def _run(program: str, *arguments: str) -> None:
    path = _program(program)
    try:
        done = subprocess.run(
            [path, *arguments],
            capture_output=True,
            text=True,
            timeout=DUMP_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ServerBackupFailed(f"{program} could not run: {error}") from error
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or ["no message"]
        said = next((line for line in lines if "error:" in line), lines[-1])
        hint = (
            "; the dump needs IT's login (a member of permitdesk_owner, docs/admin.md)"
            if "permission denied" in said
            else ""
        )
        raise ServerBackupFailed(f"{program} failed: {said}{hint}; no backup was written")


def _program(name: str) -> str:
    """PostgreSQL's ``name`` on the PATH, else the newest Debian-installed one."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(_DEBIAN_BINARIES.glob(f"*/bin/{name}"), key=lambda p: p.parts[-3])
    if candidates:
        return str(candidates[-1])
    raise ServerBackupFailed(
        f"{name} is not installed; install PostgreSQL's client programs (Debian: "
        "postgresql-client) on this computer to back up the server's register"
    )
