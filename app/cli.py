"""``permitdesk``: the commune IT admin's command line; with no command, the counter window.

Every command prints a clear message and exits non-zero on bad input, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app import __version__
from app.commands.accounts import cmd_user
from app.commands.common import (
    EXIT_FAILURE,
    EXIT_OK,
    CommandError,
    database,
    database_argument,
    date_argument,
    languages_argument,
)
from app.commands.documents import cmd_card, cmd_document, cmd_specimen
from app.commands.maintenance import (
    cmd_backup,
    cmd_check,
    cmd_export_holder,
    cmd_purge,
    cmd_restore,
)
from app.commands.moving import cmd_migrate_to
from app.commands.records import cmd_assess, cmd_demo, cmd_due, cmd_import, cmd_init
from app.commands.search import cmd_search
from app.config import ConfigError

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="permitdesk",
        description="Single-permit renewals at the commune counter. "
        "Without a command, opens the counter window.",
    )
    parser.add_argument("--version", action="version", version=f"PermitDesk {__version__}")
    parser.add_argument(
        "--db",
        type=database_argument,
        default=None,
        help="database file, or a PostgreSQL register (postgresql://host/db, service=NAME; "
        "the password from .pgpass or the service file); default: $PERMITDESK_DB, the "
        "config file's, or the data folder",
    )
    parser.add_argument(
        "--where",
        action="store_true",
        help="print every file and folder in use (config, database, backups, logs) and exit",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the window on a fresh temporary database, render each annex, and exit",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser("init", help="create or upgrade a database and set the commune")
    init.add_argument("--commune-nis", required=True, help="the commune's 5-digit NIS code")
    init.add_argument("--commune-name", required=True)
    init.add_argument("--languages", type=languages_argument, default=("fr",))
    init.add_argument("--street", default="")
    init.add_argument("--postal-code", default="")
    init.add_argument("--municipality", default="")

    demo = commands.add_parser("demo", help="write a deterministic demo database")
    demo.add_argument("--persons", type=int, default=2000)
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--on", type=date_argument, default=None, help="the demo's today")

    imp = commands.add_parser("import", help="import holders and permits from a CSV file")
    imp.add_argument("file", type=Path)
    imp.add_argument("--skip-invalid", action="store_true", help="import the valid rows only")

    due = commands.add_parser("due", help="renewals due, soon due, expired, suspended (R1)")
    due.add_argument("--within", type=int, default=30, help="soon-due window in days")
    due.add_argument("--on", type=date_argument, default=None, help="the day to compute for")
    due.add_argument("--format", choices=("table", "csv", "json"), default="table")
    due.add_argument(
        "--deadlines",
        action="store_true",
        help="also the open files' deadlines: decisions awaited after annex 50, information "
        "requested, residence checks, stays ended, attestations ending within 7 days",
    )

    assess = commands.add_parser("assess", help="answer one file's facts (JSON on stdin)")
    assess.add_argument("--lang", choices=("fr", "nl", "de"), default="fr")

    check = commands.add_parser(
        "check", help="integrity check: SQLite, register, stored PDFs, audit chain"
    )
    check.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="also say how long the audit chain is and where its head is kept",
    )

    user = commands.add_parser("user", help="counter accounts (password read from stdin)")
    user_commands = user.add_subparsers(dest="user_command", metavar="ACTION")
    user_add = user_commands.add_parser("add", help="create an account")
    user_add.add_argument("name")
    user_add.add_argument("--role", choices=("clerk", "supervisor", "administrator"), required=True)
    user_commands.add_parser("list", help="list the accounts")
    user_disable = user_commands.add_parser("disable", help="disable an account")
    user_disable.add_argument("name")
    user_lockout = user_commands.add_parser(
        "lockout", help="how many wrong passwords lock an account, and for how long"
    )
    user_lockout.add_argument("--attempts", type=int, required=True)
    user_lockout.add_argument("--minutes", type=int, required=True)

    purge = commands.add_parser(
        "purge", help="delete personal data past the retention period (retention_years)"
    )
    purge.add_argument("--dry-run", action="store_true", help="only count what would go")
    purge.add_argument("--on", type=date_argument, default=None, help="the day to purge for")

    export_holder = commands.add_parser(
        "export-holder", help="everything held on one person (GDPR access request)"
    )
    export_holder.add_argument("national_number")
    export_holder.add_argument("--out", type=Path, required=True, help="folder to write into")
    backup = commands.add_parser("backup", help="online backup to a file or folder")
    backup.add_argument("destination", type=Path)
    restore = commands.add_parser("restore", help="replace the database by a checked backup")
    restore.add_argument("source", type=Path)
    restore.add_argument(
        "--older-register",
        action="store_true",
        help="restore a backup whose register ends before the live one's (the documents "
        "issued since are lost and their numbers given again)",
    )

    document = commands.add_parser(
        "document", help="export, verify, list or annul register documents"
    )
    doc_commands = document.add_subparsers(dest="document_command", metavar="ACTION")
    export = doc_commands.add_parser("export", help="write a document's PDF")
    export.add_argument("number", help="register number, e.g. 2026/000123")
    export.add_argument("--out", type=Path, required=True)
    export.add_argument(
        "--original",
        action="store_true",
        help="an annulled entry's PDF as issued, without its ANNULÉ mark",
    )
    verify = doc_commands.add_parser("verify", help="say what a PDF of the register is")
    verify.add_argument("file", type=Path)
    listing = doc_commands.add_parser(
        "list", help="the register's entries with their state today (valid, annulled, ...)"
    )
    listing.add_argument("--holder", metavar="NN", help="only this holder's (national number)")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.add_argument("--on", type=date_argument, default=None, help="the states on this day")
    annul = doc_commands.add_parser(
        "annul", help="annul a register entry (its number and PDF stay in the register)"
    )
    annul.add_argument("number", help="register number, e.g. 2026/000123")
    annul.add_argument("--reason", required=True, help="why it is annulled (printed on copies)")

    specimen = commands.add_parser("specimen", help="annex specimens for review")
    specimen.add_argument("--out", type=Path, required=True)
    specimen.add_argument("--annex", choices=("41", "49", "50", "51"), action="append")
    specimen.add_argument("--lang", choices=("fr", "nl", "de"), action="append")
    specimen.add_argument("--holder", type=Path, help="a JSON file describing the holder")
    specimen.add_argument(
        "--forms", type=Path, help="a folder of form overrides (default: the configured one)"
    )

    card = commands.add_parser("card", help="the holder's electronic residence card")
    card_commands = card.add_subparsers(dest="card_command", metavar="ACTION")
    read = card_commands.add_parser("read", help="read the inserted card")
    read.add_argument("--library", help="path of the eID middleware's PKCS#11 module")
    read.add_argument("--format", choices=("table", "json"), default="table")
    read.add_argument(
        "--file", type=Path, help="read a card the eID viewer saved (.eid) instead of the reader"
    )

    migrate_to = commands.add_parser(
        "migrate-to",
        help="copy the database file's register into an empty PostgreSQL database, verified",
    )
    migrate_to.add_argument(
        "target",
        type=database_argument,
        help="the server database: postgresql://host/database or libpq words (host=... "
        "dbname=..., service=...); the password comes from ~/.pgpass or the service file",
    )

    search = commands.add_parser(
        "search", help="find holders as the counter's search field does (for support staff)"
    )
    search.add_argument("text", help="names, a national or card number, or a register number")
    search.add_argument("--format", choices=("table", "json"), default="table")
    search.add_argument("--limit", type=int, default=50)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # The command line speaks in its own one-line messages: without a handler, Python's
    # last-resort handler would print every logged warning a second time.
    logging.getLogger().addHandler(logging.NullHandler())
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from app.selftest import run_self_test

        return run_self_test()
    if args.where:
        handler: Callable[[argparse.Namespace], int] = cmd_where
    elif args.command is None:
        handler = cmd_gui
    else:
        handler = _HANDLERS[args.command]
    try:
        return handler(args)
    except ConfigError as error:
        print(f"permitdesk: error: configuration file: {error}", file=sys.stderr)
        return EXIT_FAILURE
    except CommandError as error:
        print(f"permitdesk: error: {error}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        print("permitdesk: interrupted", file=sys.stderr)
        return EXIT_FAILURE
    except Exception as error:  # the last line of defence: a message, never a traceback
        from app.cli_errors import describe

        message, code = describe(error)
        log.debug("command %s failed", args.command, exc_info=True)
        print(f"permitdesk: error: {message}", file=sys.stderr)
        return code


def cmd_gui(args: argparse.Namespace) -> int:
    from app.ui.launch import main as gui_main

    return gui_main(["permitdesk", "--db", str(database(args))])


def cmd_where(args: argparse.Namespace) -> int:
    from app.paths import where_lines
    from app.ui.settings import Settings

    for line in where_lines(Settings().file_name, args.db):
        print(line)
    return EXIT_OK


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "init": cmd_init,
    "demo": cmd_demo,
    "import": cmd_import,
    "due": cmd_due,
    "assess": cmd_assess,
    "check": cmd_check,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "document": cmd_document,
    "specimen": cmd_specimen,
    "card": cmd_card,
    "user": cmd_user,
    "purge": cmd_purge,
    "export-holder": cmd_export_holder,
    "search": cmd_search,
    "migrate-to": cmd_migrate_to,
}
