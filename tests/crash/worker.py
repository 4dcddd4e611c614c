"""The process the crash test kills: it saves holders, opens files and issues annexes in a
loop, through the real services and a real render, and reports each committed operation.

Run by hand: ``python -m tests.crash.worker DB`` prints one line per committed operation
(``prepare`` the file first with ``python -m tests.crash.worker --prepare DB``). The test
runs the same loop in processes forked from a preloaded server, so that hundreds of kills
fit in a minute.
"""

from __future__ import annotations

import logging
import secrets
import sys
from collections.abc import Callable
from datetime import date, timedelta
from multiprocessing.connection import Connection
from pathlib import Path

from app.domain.model import Case, Commune, Holder, LabourMarket, Language, Permit, RenewalFile
from app.services.desk import Desk, open_database
from app.services.files import open_file, save_holder, save_permit
from app.services.issuing import issue_annex

log = logging.getLogger(__name__)

TODAY = date(2026, 11, 23)
COMMUNE = Commune("21004", "Bruxelles", (Language.FR, Language.NL))
SIGNATORIES = [{"name": "Marie Lambert", "title": "Échevine", "default": True}]


def prepare(path: Path) -> None:
    with open_database(path) as store:
        store.set_commune(COMMUNE)
        store.set_setting("signatories", SIGNATORIES)


def run(path: Path, emit: Callable[[str], None], limit: int | None = None) -> None:
    """Holder, permit, file, annex 50 (R3), again and again; ``emit`` after each commit."""
    with Desk.open(path, user="crash", clock=lambda: TODAY) as desk:
        done = 0
        while limit is None or done < limit:
            holder = save_holder(desk, Holder(f"Crash {secrets.token_hex(3)}", "Test"))
            emit(f"holder {holder.id}")
            permit = save_permit(
                desk,
                Permit(
                    holder.id,
                    f"K{secrets.token_hex(6).upper()}",
                    TODAY + timedelta(days=20),
                    LabourMarket.UNLIMITED,
                ),
            )
            emit(f"permit {permit.id}")
            file = open_file(
                desk,
                RenewalFile(holder.id, Case.UNLIMITED_RENEWAL, TODAY, permit_id=permit.id),  # type: ignore[arg-type]
            )
            emit(f"file {file.id}")
            (document,) = issue_annex(desk, file.id, Language.FR)  # type: ignore[arg-type]
            emit(f"issued {document.number}")
            done += 1


def _print(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[:1] == ["--prepare"]:
        prepare(Path(arguments[1]))
    else:
        run(Path(arguments[0]), _print)


def child(path: str, connection: Connection) -> None:
    """The loop in a process forked by the test: each committed operation is sent on the
    pipe (as the command line prints it)."""
    run(Path(path), connection.send)
