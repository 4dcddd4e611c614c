"""Commands that keep the database sound: check, backup, restore, purge, export-holder."""

from __future__ import annotations

import argparse
from datetime import date

from app.commands.common import (
    EXIT_FAILURE,
    EXIT_OK,
    database,
    desk_for,
    existing_database,
)
from app.config import is_server_target


def cmd_check(args: argparse.Namespace) -> int:
    from app.services.desk import database_file
    from app.services.maintenance import check_file, check_server

    target = existing_database(args)
    if is_server_target(target):
        problems, chain = check_server(str(target))
    else:
        problems, chain = check_file(database_file(target, "the check"))
    for problem in problems:
        print(f"problem: {problem}")
    if args.verbose:
        print(chain)
    print("database is sound" if not problems else f"{len(problems)} problem(s) found")
    return EXIT_OK if not problems else EXIT_FAILURE


def cmd_backup(args: argparse.Namespace) -> int:
    from app.services.maintenance import backup
    from app.services.server_backup import backup_server

    target = database(args)
    if is_server_target(target):
        written = backup_server(str(target), args.destination)
        print(f"backup written to {written}")
        return EXIT_OK
    with desk_for(args) as desk:
        written = backup(desk, args.destination)
    print(f"backup written to {written}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from app.services.desk import database_file
    from app.services.maintenance import restore

    target = database_file(database(args), "a restore")
    kept = restore(args.source, target, allow_older_register=args.older_register)
    print(f"restored {target} from {args.source}")
    if kept:
        print(f"the previous database was kept as {kept}")
    return EXIT_OK


def cmd_purge(args: argparse.Namespace) -> int:
    from app.services.privacy import purge

    on = args.on or date.today()
    with desk_for(args, on) as desk:
        report = purge(desk, on, dry_run=args.dry_run)
    verb = "would go" if report.dry_run else "deleted"
    print(
        f"before {report.cutoff}: {report.holders} holder(s), {report.files} closed file(s) "
        f"{verb}; {report.documents} register entr(ies) anonymised; "
        f"{len(report.backups)} old backup(s) and {len(report.aside)} set-aside copy(ies) "
        f"{'would be ' if report.dry_run else ''}removed"
    )
    return EXIT_OK


def cmd_export_holder(args: argparse.Namespace) -> int:
    from app.services.privacy import export_holder

    with desk_for(args) as desk:
        written = export_holder(desk, args.national_number, args.out)
    print(f"written to {written.parent}")
    return EXIT_OK
