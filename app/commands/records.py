"""Commands on the commune and its holders: init, demo, import, due, assess."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from datetime import date

from app.commands.common import (
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    database,
    desk_for,
)


def cmd_init(args: argparse.Namespace) -> int:
    from app.domain.model import Commune, Language
    from app.services.desk import Desk
    from app.services.settings import save_commune

    nis = args.commune_nis.strip()
    if not (len(nis) == 5 and nis.isdigit()):
        raise CommandError(f"--commune-nis must be 5 digits (got {nis!r})", EXIT_USAGE)
    if not args.commune_name.strip():
        raise CommandError("--commune-name must not be empty", EXIT_USAGE)
    path = database(args)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Whoever runs the command line holds the database file: it acts as administrator.
    with Desk.open(path, local_admin=True) as desk:
        save_commune(
            desk,
            Commune(
                nis_code=nis,
                name=args.commune_name.strip(),
                languages=tuple(Language(code) for code in args.languages),
                street=args.street,
                postal_code=args.postal_code,
                municipality=args.municipality,
            ),
        )
    print(f"{path}: commune {nis} {args.commune_name.strip()} ({','.join(args.languages)})")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from app.services.demo import DemoExists, build_demo

    if not 0 <= args.persons <= 1_000_000:
        raise CommandError("--persons must be between 0 and 1000000", EXIT_USAGE)
    path = database(args)
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
    with desk_for(args) as desk:
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
    from app.services.worklist import todays_worklist

    if args.within < 0:
        raise CommandError("--within must be zero or more days", EXIT_USAGE)
    today = args.on or date.today()
    with desk_for(args, today) as desk:
        worklist = todays_worklist(desk, soon_days=args.within)
    groups = [
        ("due", worklist.due),
        ("soon", worklist.soon),
        ("expired", worklist.expired),
        ("suspended", worklist.suspended),
    ]
    if args.deadlines:
        groups += [(status, getattr(worklist, name)) for name, status in DEADLINE_STATUSES]
    records = []
    for status, rows in groups:
        for row in rows:
            record = {
                "status": status,
                "national_number": row.national_number or "",
                "surname": row.surname,
                "given_names": row.given_names,
                "card_number": row.card_number,
                "permit_expiry": _iso(row.permit_expiry),
                "due_from": _iso(row.due_from),
                "reason": row.reason,
            }
            if args.deadlines:
                record |= {
                    "document_number": row.document_number or "",
                    "since": _iso(row.since),
                    "deadline": _iso(row.deadline),
                    "valid_until": _iso(row.valid_until),
                    "cover_until": _iso(row.cover_until),
                    "cover_gap_days": str(row.cover_gap_days) if row.cover_gap_days else "",
                }
            records.append(record)
    print(_format_records(records, args.format), end="")
    return EXIT_OK


#: ``due --deadlines``: the worklist's other queues and the status each prints as.
DEADLINE_STATUSES = (
    ("expiring_documents", "attestation_ending"),  # annex 49/50 ending within 7 days
    ("decisions", "decision_due"),  # annex 50: decision due (Law art. 61/25-5 §2)
    ("information_requests", "information_due"),  # §7: information requested, deadline
    ("residence_checks", "residence_check"),  # R5: waiting for the residence check
    ("stays_ended", "stay_ended"),  # art. 105/6: stay ended (annex 52)
)


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _inert(cell: str) -> str:
    """A cell a spreadsheet will not run: one beginning with = + - @ (or a tab or carriage
    return) gets a leading apostrophe (OWASP, CSV injection)."""
    return f"'{cell}" if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def _format_records(records: list[dict[str, str]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    columns = list(records[0]) if records else ["status"]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_inert(record[c]) for c in columns] for record in records)
        return out.getvalue()
    if not records:
        return "nothing due\n"
    table = [columns, *([record[c] for c in columns] for record in records)]
    # Column by column with map(): the list can hold tens of thousands of rows.
    widths = [max(map(len, values)) for values in zip(*table, strict=True)]
    pattern = "  ".join(f"{{:<{width}}}" for width in widths)
    return "\n".join(pattern.format(*row).rstrip() for row in table) + "\n"


def cmd_assess(args: argparse.Namespace) -> int:
    from app.domain.assess import FactsError, assess
    from app.domain.json_text import JsonRefused, read_json
    from app.services.assess_json import assessment_to_json, facts_from_json

    try:
        facts = facts_from_json(read_json(sys.stdin.read(), "stdin"))
        assessment = assess(facts)
    except JsonRefused as error:
        raise CommandError(str(error), EXIT_USAGE) from None
    except FactsError as error:
        raise CommandError(str(error), EXIT_USAGE) from None
    print(json.dumps(assessment_to_json(assessment, args.lang), ensure_ascii=False, indent=2))
    return EXIT_OK
