"""Commands on printed documents and cards: document export/verify, specimen, card read."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from app.commands.common import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    database,
    desk_for,
)


def cmd_document(args: argparse.Namespace) -> int:
    from app.domain.model import RegisterNumber
    from app.services.documents import export_pdf, identify_pdf

    if args.document_command is None:
        raise CommandError("say 'document export' or 'document verify'", EXIT_USAGE)
    with desk_for(args) as desk:
        if args.document_command == "export":
            try:
                number = RegisterNumber.parse(args.number)
            except ValueError as error:
                raise CommandError(str(error), EXIT_USAGE) from None
            document, pdf = export_pdf(desk, number)
            args.out.write_bytes(pdf)
            print(f"{number} (annex {document.annex.value}) written to {args.out}")
            return EXIT_OK
        if not args.file.is_file():
            raise CommandError(f"{args.file} does not exist", EXIT_USAGE)
        found = identify_pdf(desk, args.file.read_bytes())
    if found is None:
        print(f"{args.file} is not a document of this register (no matching SHA-256)")
        return EXIT_FAILURE
    document, version = found.document, found.version
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
    from app.services import records

    if not database(args).exists():
        return None
    with desk_for(args) as desk:
        commune = records.commune(desk)
    return commune.name if commune else None


def cmd_card(args: argparse.Namespace) -> int:
    from app.card.cli import card_read_command

    if args.card_command != "read":
        raise CommandError("say 'card read'", EXIT_USAGE)
    code, text = card_read_command(args.library, args.format)
    print(text, file=sys.stdout if code == 0 else sys.stderr)
    return code
