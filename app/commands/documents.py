"""Commands on printed documents and cards: document export/verify/list/annul, specimen,
card read."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from app.commands.common import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    database,
    desk_for,
)
from app.config import is_server_target


def cmd_document(args: argparse.Namespace) -> int:
    from app.domain.model import RegisterNumber
    from app.services.documents import export_pdf, identify_pdf
    from app.services.forms import FormError

    if args.document_command is None:
        raise CommandError("say 'document export', 'verify', 'list' or 'annul'", EXIT_USAGE)
    if args.document_command == "list":
        return _document_list(args)
    if args.document_command == "annul":
        return _document_annul(args)
    with desk_for(args) as desk:
        if args.document_command == "export":
            try:
                number = RegisterNumber.parse(args.number)
            except ValueError as error:
                raise CommandError(str(error), EXIT_USAGE) from None
            try:
                document, pdf = export_pdf(desk, number, original=args.original)
            except FormError as error:
                raise CommandError(str(error)) from None
            args.out.write_bytes(pdf)
            what = "annulled, written with its ANNULÉ mark" if document.annulled_on else ""
            if document.annulled_on and args.original:
                what = "annulled, written as issued, without its mark"
            print(
                f"{number} (annex {document.annex.value}) written to {args.out}"
                + (f" ({what})" if what else "")
            )
            return EXIT_OK
        if not args.file.is_file():
            raise CommandError(f"{args.file} does not exist", EXIT_USAGE)
        found = identify_pdf(desk, args.file.read_bytes())
    if found is None:
        print(f"{args.file} is not a document of this register (no matching SHA-256)")
        return EXIT_FAILURE
    document, version = found.document, found.version
    if found.problems:
        print(
            f"{args.file} matches register entry {document.number}, but the register cannot "
            "vouch for it: " + "; ".join(found.problems)
        )
        return EXIT_FAILURE
    if document.annulled_on:
        state = f"annulled on {document.annulled_on}: {document.annulled_reason}"
    else:
        state = "valid entry"
    if found.copy == "duplicate":
        what = f"a duplicate made on {found.copied_on} by {found.copied_by} of register entry"
    elif found.copy == "annulled":
        what = f"a copy marked ANNULLED, made on {found.copied_on} by {found.copied_by}, of "
        what += "register entry"
    else:
        what = "register entry"
    print(
        f"{args.file} is {what} {document.number}, annex {document.annex.value}, "
        f"version {version}, issued {document.issued_on} by {document.issued_by} ({state})"
    )
    return EXIT_OK


#: ``document list``'s table: heading and width of each column (the state comes last).
_LIST_COLUMNS = (
    ("NUMBER", 11),
    ("ANNEX", 5),
    ("LANG", 4),
    ("HOLDER", 28),
    ("ISSUED ON", 10),
    ("VALID UNTIL", 11),
    ("STATE", 0),
)
#: The states as the command line says them (app.domain.document_state).
STATE_WORDS = {
    "valid": "valid",
    "extended": "extended",
    "lapsed": "lapsed",
    "annulled": "annulled",
    "superseded": "superseded by an outcome",
}


def _document_list(args: argparse.Namespace) -> int:
    from app.services.documents import register_lines

    with desk_for(args, args.on) as desk:
        lines = register_lines(desk, args.holder)
    rows = [_list_row(line) for line in lines]
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return EXIT_OK
    print("  ".join(f"{name:<{width}}" for name, width in _LIST_COLUMNS).rstrip())
    for row in rows:
        holder = row["holder"] + (f" (for {row['for']})" if row["for"] else "")
        state = STATE_WORDS[row["state"]]
        if row["annulled_on"]:
            state += f" on {row['annulled_on']}"
        cells = (
            row["number"],
            row["annex"],
            row["language"],
            holder if len(holder) <= 28 else holder[:27] + "…",
            row["issued_on"],
            row["valid_until"] or "-",
            state,
        )
        print("  ".join(f"{c:<{w}}" for c, (_n, w) in zip(cells, _LIST_COLUMNS, strict=True)))
    print(f"{len(rows)} document(s)")
    return EXIT_OK


def _list_row(line: Any) -> dict[str, Any]:
    """One entry of ``document list --format json``."""
    document = line.document
    return {
        "number": str(document.number),
        "annex": document.annex.value,
        "language": document.language.value,
        "holder": line.holder_name,
        "national_number": line.holder_national_number,
        "for": line.person or None,
        "issued_on": document.issued_on.isoformat(),
        "valid_until": document.valid_until.isoformat() if document.valid_until else None,
        "extensions": document.extensions_used,
        "state": line.state.value,
        "annulled_on": document.annulled_on.isoformat() if document.annulled_on else None,
        "annulled_reason": document.annulled_reason or None,
    }


def _document_annul(args: argparse.Namespace) -> int:
    from app.domain.model import RegisterNumber
    from app.services.documents import annul_number
    from app.services.issuing import AlreadyAnnulled

    try:
        number = RegisterNumber.parse(args.number)
    except ValueError as error:
        raise CommandError(str(error), EXIT_USAGE) from None
    reason = " ".join(args.reason.split())
    if not reason:
        raise CommandError("an annulment needs a reason (--reason TEXT)", EXIT_USAGE)
    with desk_for(args) as desk:
        try:
            document = annul_number(desk, number, reason)
        except AlreadyAnnulled as error:
            raise CommandError(str(error)) from None
    print(
        f"{document.number} (annex {document.annex.value}) annulled on "
        f"{document.annulled_on}: {document.annulled_reason}"
    )
    return EXIT_OK


def cmd_specimen(args: argparse.Namespace) -> int:
    from app.documents.specimen import (
        fictitious_family,
        fictitious_person,
        person_from_json,
        write_specimens,
    )
    from app.domain.json_text import read_json
    from app.services.forms import FormError, active_forms

    family: tuple = ()
    if args.holder:
        try:
            text = args.holder.read_text("utf-8")
            person, family = person_from_json(read_json(text, str(args.holder)))
        except (OSError, ValueError) as error:
            raise CommandError(f"{args.holder}: {error}", EXIT_USAGE) from None
    else:
        person, family = fictitious_person(), fictitious_family()
    try:
        forms = active_forms(args.forms)
    except FormError as error:
        raise CommandError(str(error)) from None
    if not args.out.is_dir():
        raise CommandError(
            f"the folder {args.out} does not exist; create it or choose another", EXIT_USAGE
        )
    for source in forms.overridden:
        print(f"form override: {source.describe()}", file=sys.stderr)
    written = write_specimens(
        args.out,
        args.annex or ["41", "49", "50", "51"],
        args.lang or ["fr", "nl", "de"],
        person,
        family,
        date.today(),
        communes=_communes(args),
        forms=forms,
    )
    for path in written:
        print(path)
    return EXIT_OK


def _communes(args: argparse.Namespace) -> dict:
    """The configured commune in each language, for specimens as the commune will print
    them; "Specimen" without a database."""
    from app.documents.specimen import SpecimenCommune
    from app.services import records
    from app.services.annex_data import commune_address

    target = database(args)
    if not is_server_target(target) and not Path(target).exists():
        return {}
    with desk_for(args) as desk:
        commune = records.commune(desk)
    if commune is None:
        return {}
    return {
        code: SpecimenCommune(commune.text(code).name, commune_address(commune, code))
        for code in ("fr", "nl", "de")
    }


def cmd_card(args: argparse.Namespace) -> int:
    from app.card.cli import card_read_with_notes

    if args.card_command != "read":
        raise CommandError("say 'card read'", EXIT_USAGE)
    file = getattr(args, "file", None)
    code, text, notes = card_read_with_notes(args.library, args.format, file)
    print(text, file=sys.stdout if code == 0 else sys.stderr)
    for note in notes:
        print(f"permitdesk: {note}", file=sys.stderr)
    return code
