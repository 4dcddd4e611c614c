"""``permitdesk search TEXT [--format table|json]``: the counter's search, for support staff.

The same :func:`app.services.search.search` as the window's search field, so the same
holders in the same order: names in any order and any script without accents, national
or card numbers with or without punctuation, a register number (its document's holder).
"""

from __future__ import annotations

import argparse
import json

from app.commands.common import EXIT_OK, EXIT_USAGE, CommandError, desk_for


def cmd_search(args: argparse.Namespace) -> int:
    from app.services.search import result_rows, search

    if not 1 <= args.limit <= 1000:
        raise CommandError("--limit must be between 1 and 1000", EXIT_USAGE)
    with desk_for(args) as desk:
        result = search(desk, args.text, args.limit)
        rows = result_rows(result)
    document = str(result.document.number) if result.document is not None else None
    if args.format == "json":
        print(json.dumps({"document": document, "holders": rows}, indent=2, ensure_ascii=False))
        return EXIT_OK
    if document is not None:
        print(f"register number {document}")
    for row in rows:
        name = f"{row['surname']}, {row['given_names']}" if row["given_names"] else row["surname"]
        cells = (row["national_number"] or "-", row["birth_date"] or "-", row["card_number"] or "-")
        print("\t".join((str(row["id"]), name, *cells)))
    print(f"{len(rows)} holder(s) found")
    return EXIT_OK
