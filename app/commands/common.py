"""What the command modules share: exit codes, the one-line error, the database (a file,
or a register on a PostgreSQL server named by its libpq target)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.config import Database, PasswordInTarget, database_target, is_server_target
from app.domain.dates import InvalidDate, parse_day
from app.paths import default_database_path

if TYPE_CHECKING:
    from app.services.desk import Desk

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """A failure to report in one line, with its exit code."""

    def __init__(self, message: str, code: int = EXIT_FAILURE) -> None:
        super().__init__(message)
        self.code = code


def date_argument(text: str) -> date:
    """``--on YYYY-MM-DD``; week dates (2026-W10-1) and ordinal dates are refused."""
    try:
        return parse_day(text)
    except InvalidDate as error:
        hint = f": {error.hint}" if error.hint else ""
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD){hint}") from None


def languages_argument(text: str) -> tuple[str, ...]:
    codes = tuple(code.strip() for code in text.split(",") if code.strip())
    bad = [code for code in codes if code not in ("fr", "nl", "de")]
    if bad or not codes:
        raise argparse.ArgumentTypeError(f"languages must be among fr,nl,de (got {text!r})")
    return codes


def database_argument(text: str) -> Database:
    """``--db PATH`` or ``--db postgresql://…`` / ``--db service=…``; a target carrying a
    password is refused (it belongs in .pgpass or the service file)."""
    try:
        return database_target(text)
    except PasswordInTarget as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def database(args: argparse.Namespace) -> Database:
    """The database the command works on: ``--db``, else ``$PERMITDESK_DB``, the
    configuration's, or the data folder's file."""
    return args.db if args.db is not None else default_database_path()


def existing_database(args: argparse.Namespace) -> Database:
    """The database the command names, refused with what to do when it is a file that
    does not exist (a server's register is the server's to say)."""
    target = database(args)
    if not is_server_target(target) and not Path(target).exists():
        raise CommandError(f"no database at {target}; create it with 'permitdesk init' first")
    return target


def desk_for(args: argparse.Namespace, today: date | None = None) -> Desk:
    from app.services.desk import Desk

    path = existing_database(args)
    # Whoever runs the command line holds the database file: it acts as administrator.
    return Desk.open(path, clock=(lambda: today) if today else date.today, local_admin=True)
