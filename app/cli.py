"""``permitdesk``: the commune IT admin's command line; with no command, the counter window.

Every command prints a clear message and exits non-zero on bad input, never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app import __version__
from app.config import ConfigError
from app.paths import default_database_path

if TYPE_CHECKING:
    from app.services.desk import Desk

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """A failure to report in one line, with its exit code."""

    def __init__(self, message: str, code: int = EXIT_FAILURE) -> None:
        super().__init__(message)
        self.code = code


def _date_argument(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _languages_argument(text: str) -> tuple[str, ...]:
    codes = tuple(code.strip() for code in text.split(",") if code.strip())
    bad = [code for code in codes if code not in ("fr", "nl", "de")]
    if bad or not codes:
        raise argparse.ArgumentTypeError(f"languages must be among fr,nl,de (got {text!r})")
    return codes


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="permitdesk",
        description="Single-permit renewals at the commune counter. "
        "Without a command, opens the counter window.",
    )
    parser.add_argument("--version", action="version", version=f"PermitDesk {__version__}")
    parser.add_argument(
        "--db", type=Path, default=None,
        help="database file (default: $PERMITDESK_DB, the config file's, or the data folder)",
    )  # fmt: skip
    parser.add_argument(
        "--where", action="store_true",
        help="print every file and folder in use (config, database, backups, logs) and exit",
    )  # fmt: skip
    parser.add_argument(
        "--self-test", action="store_true",
        help="open the window on a fresh temporary database, render each annex, and exit",
    )  # fmt: skip
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser("init", help="create or upgrade a database and set the commune")
    init.add_argument("--commune-nis", required=True, help="the commune's 5-digit NIS code")
    init.add_argument("--commune-name", required=True)
    init.add_argument("--languages", type=_languages_argument, default=("fr",))
    init.add_argument("--street", default="")
    init.add_argument("--postal-code", default="")
    init.add_argument("--municipality", default="")

    demo = commands.add_parser("demo", help="write a deterministic demo database")
    demo.add_argument("--persons", type=int, default=2000)
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--on", type=_date_argument, default=None, help="the demo's today")

    imp = commands.add_parser("import", help="import holders and permits from a CSV file")
    imp.add_argument("file", type=Path)
    imp.add_argument("--skip-invalid", action="store_true", help="import the valid rows only")

    due = commands.add_parser("due", help="renewals due, soon due, expired, suspended (R1)")
    due.add_argument("--within", type=int, default=30, help="soon-due window in days")
    due.add_argument("--on", type=_date_argument, default=None, help="the day to compute for")
    due.add_argument("--format", choices=("table", "csv", "json"), default="table")

    assess = commands.add_parser("assess", help="answer one file's facts (JSON on stdin)")
    assess.add_argument("--lang", choices=("fr", "nl", "de"), default="fr")

    check = commands.add_parser(
        "check", help="integrity check: SQLite, register, stored PDFs, audit chain"
    )
    check.add_argument(
        "--verbose", "-v", action="store_true", help="also say how long the audit chain is "
        "and where its head is kept",
    )  # fmt: skip

    user = commands.add_parser("user", help="counter accounts (password read from stdin)")
    user_commands = user.add_subparsers(dest="user_command", metavar="ACTION")
    user_add = user_commands.add_parser("add", help="create an account")
    user_add.add_argument("name")
    user_add.add_argument(
        "--role", choices=("clerk", "supervisor", "administrator"), required=True
    )
    user_commands.add_parser("list", help="list the accounts")
    user_disable = user_commands.add_parser("disable", help="disable an account")
    user_disable.add_argument("name")

    purge = commands.add_parser(
        "purge", help="delete personal data past the retention period (retention_years)"
    )
    purge.add_argument("--dry-run", action="store_true", help="only count what would go")
    purge.add_argument("--on", type=_date_argument, default=None, help="the day to purge for")

    export_holder = commands.add_parser(
        "export-holder", help="everything held on one person (GDPR access request)"
    )
    export_holder.add_argument("national_number")
    export_holder.add_argument("--out", type=Path, required=True, help="folder to write into")
    backup = commands.add_parser("backup", help="online backup to a file or folder")
    backup.add_argument("destination", type=Path)
    restore = commands.add_parser("restore", help="replace the database by a checked backup")
    restore.add_argument("source", type=Path)

    document = commands.add_parser("document", help="export or verify a register document")
    doc_commands = document.add_subparsers(dest="document_command", metavar="ACTION")
    export = doc_commands.add_parser("export", help="write a document's PDF")
    export.add_argument("number", help="register number, e.g. 2026/000123")
    export.add_argument("--out", type=Path, required=True)
    verify = doc_commands.add_parser("verify", help="say which register entry a PDF is")
    verify.add_argument("file", type=Path)

    specimen = commands.add_parser("specimen", help="annex specimens for review")
    specimen.add_argument("--out", type=Path, required=True)
    specimen.add_argument("--annex", choices=("41", "49", "50", "51"), action="append")
    specimen.add_argument("--lang", choices=("fr", "nl", "de"), action="append")
    specimen.add_argument("--holder", type=Path, help="a JSON file describing the holder")

    card = commands.add_parser("card", help="the holder's electronic residence card")
    card_commands = card.add_subparsers(dest="card_command", metavar="ACTION")
    read = card_commands.add_parser("read", help="read the inserted card")
    read.add_argument("--library", help="path of the eID middleware's PKCS#11 module")
    read.add_argument("--format", choices=("table", "json"), default="table")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
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


def _database(args: argparse.Namespace) -> Path:
    return args.db or default_database_path()


def cmd_gui(args: argparse.Namespace) -> int:
    from app.ui.launch import main as gui_main

    return gui_main(["permitdesk", "--db", str(_database(args))])


def cmd_where(args: argparse.Namespace) -> int:
    from app.paths import where_lines

    for line in where_lines(args.db):
        print(line)
    return EXIT_OK


def _desk(args: argparse.Namespace, today: date | None = None) -> Desk:
    from app.services.desk import Desk

    path = _database(args)
    if not path.exists():
        raise CommandError(f"no database at {path}; create it with 'permitdesk init' first")
    # Whoever runs the command line holds the database file: it acts as administrator.
    return Desk.open(path, clock=(lambda: today) if today else date.today, local_admin=True)


def cmd_init(args: argparse.Namespace) -> int:
    from app.domain.model import Commune, Language
    from app.store import Store

    nis = args.commune_nis.strip()
    if not (len(nis) == 5 and nis.isdigit()):
        raise CommandError(f"--commune-nis must be 5 digits (got {nis!r})", EXIT_USAGE)
    if not args.commune_name.strip():
        raise CommandError("--commune-name must not be empty", EXIT_USAGE)
    path = _database(args)
    path.parent.mkdir(parents=True, exist_ok=True)
    with Store.open(path) as store:
        store.set_commune(
            Commune(
                nis_code=nis,
                name=args.commune_name.strip(),
                languages=tuple(Language(code) for code in args.languages),
                street=args.street,
                postal_code=args.postal_code,
                municipality=args.municipality,
            )
        )
    print(f"{path}: commune {nis} {args.commune_name.strip()} ({','.join(args.languages)})")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from app.services.demo import DemoExists, build_demo

    if not 0 <= args.persons <= 1_000_000:
        raise CommandError("--persons must be between 0 and 1000000", EXIT_USAGE)
    path = _database(args)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        count = build_demo(path, args.persons, args.seed, args.on or date.today())
    except DemoExists as error:
        raise CommandError(str(error)) from None
    print(f"{path}: demo commune with {count} holders")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from app.services.importing import ImportRejected, import_csv

    if not args.file.is_file():
        raise CommandError(f"{args.file} does not exist", EXIT_USAGE)
    with _desk(args) as desk:
        try:
            report = import_csv(desk, args.file, args.skip_invalid)
        except ImportRejected as rejected:
            for error in rejected.errors:
                print(f"{args.file}:{error.row}: {error.column}: {error.message}", file=sys.stderr)
            raise CommandError(str(rejected)) from None
    for error in report.errors:
        print(f"skipped {args.file}:{error.row}: {error.column}: {error.message}", file=sys.stderr)
    print(f"{report.inserted} inserted, {report.updated} updated, {report.skipped} skipped")
    return EXIT_OK


def cmd_due(args: argparse.Namespace) -> int:
    from app.services.worklist import load_worklist

    if args.within < 0:
        raise CommandError("--within must be zero or more days", EXIT_USAGE)
    today = args.on or date.today()
    with _desk(args, today) as desk:
        worklist = load_worklist(desk.store, today, soon_days=args.within)
    groups = [
        ("due", worklist.due),
        ("soon", worklist.soon),
        ("expired", worklist.expired),
        ("suspended", worklist.suspended),
    ]
    records = [
        {
            "status": status,
            "national_number": row.national_number or "",
            "surname": row.surname,
            "given_names": row.given_names,
            "card_number": row.card_number,
            "permit_expiry": row.permit_expiry.isoformat() if row.permit_expiry else "",
            "due_from": row.due_from.isoformat() if row.due_from else "",
            "reason": row.reason,
        }
        for status, rows in groups
        for row in rows
    ]
    print(_format_records(records, args.format), end="")
    return EXIT_OK


def _format_records(records: list[dict[str, str]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    columns = list(records[0]) if records else ["status"]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([record[c] for c in columns] for record in records)
        return out.getvalue()
    if not records:
        return "nothing due\n"
    widths = {c: max(len(c), *(len(r[c]) for r in records)) for c in columns}
    lines = ["  ".join(c.ljust(widths[c]) for c in columns)]
    lines += ["  ".join(r[c].ljust(widths[c]) for c in columns) for r in records]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def cmd_assess(args: argparse.Namespace) -> int:
    from app.domain.assess import FactsError, assess
    from app.services.assess_json import assessment_to_json, facts_from_json

    try:
        facts = facts_from_json(json.loads(sys.stdin.read()))
        assessment = assess(facts)
    except json.JSONDecodeError as error:
        raise CommandError(f"stdin is not JSON: {error.msg} at line {error.lineno}", 2) from None
    except FactsError as error:
        raise CommandError(str(error), EXIT_USAGE) from None
    print(json.dumps(assessment_to_json(assessment, args.lang), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from app.services.maintenance import check
    from app.store.audit import summary

    with _desk(args) as desk:
        problems = check(desk.store)
        chain = summary(desk.store)
    for problem in problems:
        print(f"problem: {problem}")
    if args.verbose:
        print(chain)
    print("database is sound" if not problems else f"{len(problems)} problem(s) found")
    return EXIT_OK if not problems else EXIT_FAILURE


def cmd_backup(args: argparse.Namespace) -> int:
    from app.services.maintenance import backup

    with _desk(args) as desk:
        written = backup(desk.store, args.destination)
    print(f"backup written to {written}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from app.services.maintenance import restore

    kept = restore(args.source, _database(args))
    print(f"restored {_database(args)} from {args.source}")
    if kept:
        print(f"the previous database was kept as {kept}")
    return EXIT_OK


def cmd_document(args: argparse.Namespace) -> int:
    from app.domain.model import RegisterNumber
    from app.store.register import sha256_of

    if args.document_command is None:
        raise CommandError("say 'document export' or 'document verify'", EXIT_USAGE)
    with _desk(args) as desk:
        if args.document_command == "export":
            try:
                number = RegisterNumber.parse(args.number)
            except ValueError as error:
                raise CommandError(str(error), EXIT_USAGE) from None
            document = desk.register.get(number)
            args.out.write_bytes(desk.register.pdf(document.id))  # type: ignore[arg-type]
            desk.store.audit(desk.user, "export", "document", document.id)
            print(f"{number} (annex {document.annex.value}) written to {args.out}")
            return EXIT_OK
        if not args.file.is_file():
            raise CommandError(f"{args.file} does not exist", EXIT_USAGE)
        found = desk.register.find_by_hash(sha256_of(args.file.read_bytes()))
    if found is None:
        print(f"{args.file} is not a document of this register (no matching SHA-256)")
        return EXIT_FAILURE
    document, version = found
    state = f"annulled on {document.annulled_on}" if document.annulled_on else "valid entry"
    print(
        f"{args.file} is register entry {document.number}, annex {document.annex.value}, "
        f"version {version}, issued {document.issued_on} by {document.issued_by} ({state})"
    )
    return EXIT_OK


def cmd_specimen(args: argparse.Namespace) -> int:
    from app.documents.specimen import fictitious_person, person_from_json, write_specimens

    family: tuple = ()
    if args.holder:
        try:
            person, family = person_from_json(json.loads(args.holder.read_text("utf-8")))
        except (OSError, json.JSONDecodeError, ValueError) as error:
            raise CommandError(f"{args.holder}: {error}", EXIT_USAGE) from None
    else:
        person = fictitious_person()
    written = write_specimens(
        args.out,
        args.annex or ["41", "49", "50", "51"],
        args.lang or ["fr", "nl", "de"],
        person,
        family,
        date.today(),
        commune_name=_commune_name(args) or "Specimen",
    )
    for path in written:
        print(path)
    return EXIT_OK


def _commune_name(args: argparse.Namespace) -> str | None:
    """The configured commune's name, for specimens as the commune will print them."""
    from app.store import Store

    path = _database(args)
    if not path.exists():
        return None
    with Store.open(path) as store:
        commune = store.get_commune()
    return commune.name if commune else None


def cmd_card(args: argparse.Namespace) -> int:
    from app.card.cli import card_read_command

    if args.card_command != "read":
        raise CommandError("say 'card read'", EXIT_USAGE)
    code, text = card_read_command(args.library, args.format)
    print(text, file=sys.stdout if code == 0 else sys.stderr)
    return code


def _read_password() -> str:
    """From stdin when it is not a terminal (one line), else asked twice without echo:
    never on the command line, where other users and the shell history would see it."""
    import getpass

    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat the password: ") != first:
        raise CommandError("the two passwords differ", EXIT_USAGE)
    return first


def cmd_user(args: argparse.Namespace) -> int:
    from app.domain.passwords import WeakPassword
    from app.services import auth

    if args.user_command is None:
        raise CommandError("say 'user add', 'user list' or 'user disable'", EXIT_USAGE)
    with _desk(args) as desk:
        if args.user_command == "add":
            try:
                account = auth.create_account(
                    desk, args.name, auth.Role(args.role), _read_password()
                )
            except WeakPassword as error:
                raise CommandError(str(error), EXIT_USAGE) from None
            print(f"account {account.name} created ({account.role.value})")
        elif args.user_command == "disable":
            account = auth.disable_account(desk, args.name)
            print(f"account {account.name} disabled")
        else:
            for account in auth.list_accounts(desk):
                state = "disabled" if account.disabled else "active"
                if account.locked_until:
                    state += f", locked until {account.locked_until.isoformat()}"
                print(f"{account.name}\t{account.role.value}\t{state}")
    return EXIT_OK


def cmd_purge(args: argparse.Namespace) -> int:
    from app.services.privacy import purge

    on = args.on or date.today()
    with _desk(args, on) as desk:
        report = purge(desk, on, dry_run=args.dry_run)
    verb = "would go" if report.dry_run else "deleted"
    print(
        f"before {report.cutoff}: {report.holders} holder(s), {report.files} closed file(s) "
        f"{verb}; {report.documents} register entr(ies) anonymised; "
        f"{len(report.backups)} old backup(s) {'would be ' if report.dry_run else ''}removed"
    )
    return EXIT_OK


def cmd_export_holder(args: argparse.Namespace) -> int:
    from app.services.privacy import export_holder

    with _desk(args) as desk:
        written = export_holder(desk, args.national_number, args.out)
    print(f"written to {written.parent}")
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
}
