"""Commands on the commune and its holders: init, demo, import, due, assess."""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from app.commands.common import (
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    database,
    desk_for,
)
from app.config import is_server_target
from app.domain.queues import Queue


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
    if not is_server_target(path):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
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
    if not is_server_target(path):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
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
    """The renewal queues (and with ``--deadlines`` the open files' queues), streamed: each
    row is printed as the cursor reads it, so a million-holder register needs no more
    memory than ten."""
    from app.services.worklist import Day, column_widths, iter_queue

    if args.within < 0:
        raise CommandError("--within must be zero or more days", EXIT_USAGE)
    today = args.on or date.today()
    queues = [(queue, queue.value) for queue in RENEWAL_ORDER]
    if args.deadlines:
        queues += [(Queue(name), status) for name, status in DEADLINE_STATUSES]
    columns = [*DUE_COLUMNS, *(DEADLINE_COLUMNS if args.deadlines else ())]
    with desk_for(args, today) as desk:
        day = Day.of(today, soon_days=args.within)
        records = (
            _due_record(status, row, args.deadlines)
            for queue, status in queues
            for row in iter_queue(desk, day, queue, details=False)
        )
        widths = None
        if args.format == "table":
            surname, given_names, card = column_widths(desk)
            widths = _widths(columns, queues, surname, given_names, card)
        _write_records(records, columns, args.format, widths, sys.stdout)
    return EXIT_OK


DUE_COLUMNS = (
    "status",
    "national_number",
    "surname",
    "given_names",
    "card_number",
    "permit_expiry",
    "due_from",
    "reason",
)
DEADLINE_COLUMNS = (
    "document_number",
    "since",
    "deadline",
    "valid_until",
    "cover_until",
    "cover_gap_days",
)


RENEWAL_ORDER = (Queue.DUE, Queue.SOON, Queue.EXPIRED, Queue.SUSPENDED)

#: ``due --deadlines``: the worklist's other queues and the status each prints as.
DEADLINE_STATUSES = (
    ("expiring_documents", "attestation_ending"),  # annex 49/50 ending within 7 days
    ("decisions", "decision_due"),  # annex 50: decision due (Law art. 61/25-5 §2)
    ("information_requests", "information_due"),  # §7: information requested, deadline
    ("residence_checks", "residence_check"),  # R5: waiting for the residence check
    ("stays_ended", "stay_ended"),  # art. 105/6: stay ended (annex 52)
)


def _due_record(status: str, row: Any, deadlines: bool) -> dict[str, str]:
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
    if deadlines:
        record |= {
            "document_number": row.document_number or "",
            "since": _iso(row.since),
            "deadline": _iso(row.deadline),
            "valid_until": _iso(row.valid_until),
            "cover_until": _iso(row.cover_until),
            "cover_gap_days": str(row.cover_gap_days) if row.cover_gap_days else "",
        }
    return record


#: The widest value of the columns whose values the application writes (dates, numbers,
#: codes); the names and card numbers are measured on the register.
_FIXED_WIDTHS = {
    "national_number": 11,
    "permit_expiry": 10,
    "due_from": 10,
    "reason": len("hospitalised"),
    "document_number": len("2026/000001"),
    "since": 10,
    "deadline": 10,
    "valid_until": 10,
    "cover_until": 10,
    "cover_gap_days": 4,
}


def _widths(
    columns: list[str], queues: list[Any], surname: int, given_names: int, card: int
) -> list[int]:
    """Each column's width, known before the first row: the table streams."""
    measured = {
        "status": max(len(status) for _queue, status in queues),
        "surname": surname,
        "given_names": given_names,
        "card_number": card,
    }
    return [max(len(c), measured.get(c, _FIXED_WIDTHS.get(c, 0))) for c in columns]


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _inert(cell: str) -> str:
    """A cell a spreadsheet will not run: one beginning with = + - @ (or a tab or carriage
    return) gets a leading apostrophe (OWASP, CSV injection)."""
    return f"'{cell}" if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


class _Chunks:
    """Text gathered into chunks before it is written: ``out`` may be unbuffered (a
    pipe under ``PYTHONUNBUFFERED``), and one system call a row costs more than the row."""

    def __init__(self, out: TextIO, size: int = 1 << 16) -> None:
        self._out, self._size = out, size
        self._parts: list[str] = []
        self._length = 0

    def write(self, text: str) -> int:
        self._parts.append(text)
        self._length += len(text)
        if self._length >= self._size:
            self.flush()
        return len(text)

    def flush(self) -> None:
        self._out.write("".join(self._parts))
        self._parts.clear()
        self._length = 0


def _write_records(
    records: Iterator[dict[str, str]],
    columns: list[str],
    fmt: str,
    widths: list[int] | None,
    stdout: TextIO,
) -> None:
    """Write each record as it comes: JSON as ``json.dumps(list, indent=2)`` would, CSV
    with a header (``status`` alone when empty), or a table in fixed-width columns."""
    out = _Chunks(stdout)
    try:
        _write(records, columns, fmt, widths, out)
    finally:
        out.flush()


def _write(
    records: Iterator[dict[str, str]],
    columns: list[str],
    fmt: str,
    widths: list[int] | None,
    out: _Chunks,
) -> None:
    first = next(records, None)
    if fmt == "json":
        if first is None:
            out.write("[]\n")
            return
        out.write("[\n")
        for n, record in enumerate(itertools.chain([first], records)):
            text = json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            out.write(f"{',' if n else ''}\n  {text}" if n else f"  {text}")
        out.write("\n]\n")
        return
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns if first is not None else ["status"])
        for record in itertools.chain([first], records) if first is not None else ():
            writer.writerow([_inert(record[c]) for c in columns])
        return
    if first is None:
        out.write("nothing due\n")
        return
    assert widths is not None
    pattern = "  ".join(f"{{:<{width}}}" for width in widths)
    out.write(pattern.format(*columns).rstrip() + "\n")
    for record in itertools.chain([first], records):
        out.write(pattern.format(*(record[c] for c in columns)).rstrip() + "\n")


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
