"""``permitdesk migrate-to``: the database file's register moved to a PostgreSQL server."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from app.commands.common import EXIT_OK, CommandError, desk_for

#: The percentage step between two progress lines.
PROGRESS_STEP = 10


class PercentLines:
    """``progress(done, total)`` as a line each time another ``PROGRESS_STEP`` % is copied."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.shown = -PROGRESS_STEP

    def __call__(self, done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        if percent >= self.shown + PROGRESS_STEP:
            self.shown = percent - percent % PROGRESS_STEP
            print(f"copied {percent}% ({done:,} of {total:,} rows)", file=self.out, flush=True)


def cmd_migrate_to(args: argparse.Namespace) -> int:
    from app.services.migrate import NotMoved, migrate_to

    with desk_for(args) as desk:
        try:
            report = migrate_to(desk, args.target, progress=PercentLines(sys.stderr))
        except NotMoved as error:
            raise CommandError(str(error)) from None
        source = desk.store.location
    counts = report.counts
    print(
        f"moved {source} to {report.location} and verified: {counts['holders']:,} holders, "
        f"{counts['documents']} register entries ({counts['document_versions']} PDF "
        f"versions), {counts['accounts']} accounts, {counts['audit_log']:,} audit rows; the "
        "file is kept as it was and its register takes no more entries: point every counter "
        "at the server"
    )
    return EXIT_OK
