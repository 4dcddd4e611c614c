"""Importing holders and permits from a CSV file (``permitdesk import``; administrators).

The audit entry holds counts only: a file's name could itself carry personal data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.domain.accounts import Role
from app.domain.csv_import import RowError, parse_import
from app.services.auth import require
from app.services.desk import Desk


@dataclass(frozen=True)
class ImportReport:
    inserted: int
    updated: int
    skipped: int
    errors: tuple[RowError, ...]


class ImportRejected(ValueError):
    """Invalid rows and no ``--skip-invalid``: nothing was imported."""

    def __init__(self, errors: tuple[RowError, ...]) -> None:
        super().__init__(f"{len(errors)} error(s); nothing was imported")
        self.errors = errors


def read_text(path: Path) -> str:
    """The file as text; a file that is not UTF-8 gets a message saying how to fix it."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(
            f"{path} is not UTF-8 text (byte {error.start}); save it as 'CSV UTF-8' and retry"
        ) from None


def import_csv(desk: Desk, path: Path, skip_invalid: bool = False) -> ImportReport:
    """Validate every row; import all valid rows in one transaction, or nothing when a row
    is invalid unless ``skip_invalid``. A holder already known (same national number) is
    updated, never duplicated, in the fields the file has only, and each one changed is
    audited with the fields that changed; a permit is matched by its card number. Cancel
    (:meth:`Desk.interrupt`) stops it between two batches, with nothing written."""
    require(desk, Role.ADMINISTRATOR)
    result = parse_import(read_text(path))
    if result.errors and not skip_invalid:
        raise ImportRejected(result.errors)
    skipped = len({e.row for e in result.errors})
    written = desk.store.import_holders(
        [(row.holder, row.permit) for row in result.rows],
        (result.holder_fields, result.permit_fields),
        desk.user,
        summary={"skipped": skipped},
    )
    return ImportReport(written.inserted, written.updated, skipped, result.errors)
