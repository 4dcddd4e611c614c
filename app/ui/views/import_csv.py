"""File > Import CSV…: pick a file, import it on a worker thread with Cancel, then tell the
clerk what was imported, or which lines are wrong and why (nothing is imported then)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from app.domain.csv_import import RowError
from app.domain.errors import StoreError
from app.services.importing import ImportRejected, ImportReport, import_csv
from app.ui.context import UiContext
from app.ui.i18n import N_, _, ngettext
from app.ui.messages import show_error, show_information
from app.ui.workers import Cancelled, Operation, run_operation

logger = logging.getLogger(__name__)

#: How many wrong lines the report lists; the rest are counted.
SHOWN_ERRORS = 15

ROW_ERRORS = {
    "required": N_("this column is empty"),
    "control_character": N_("invisible characters (tab, line break) in the text"),
    "date_format": N_("not a date: write it as day/month/year"),
    "impossible_date": N_("this date does not exist"),
    "too_long": N_("the text is too long"),
    "field_count": N_("the line does not have as many columns as the header"),
    "missing_column": N_("the header lacks this column"),
    "duplicate_column": N_("this column appears twice in the header"),
    "duplicate_national_number": N_("this national number appears on another line"),
    "duplicate_card_number": N_("this card number appears on another line"),
    "unknown_country": N_("unknown country code: use two letters, for example MA"),
    "eu_national": N_("EU, EEA and Swiss citizens do not hold a single permit"),
    "birth_date_mismatch": N_("the birth date does not match the national number"),
    "sex_mismatch": N_("the sex does not match the national number"),
    "valid_from_after_expiry": N_("the permit starts after it expires"),
    "invalid_choice": N_("this value is not one of those allowed"),
}


def row_error_text(error: RowError) -> str:
    """``Line 4, birth_date: not a date…`` in the clerk's language (the English message
    of the validator when the code has no translation yet)."""
    reason = _(ROW_ERRORS[error.code]) if error.code in ROW_ERRORS else error.message
    if error.column:
        return _("Line {line}, column {column}: {reason}").format(
            line=error.row, column=error.column, reason=reason
        )
    return _("Line {line}: {reason}").format(line=error.row, reason=reason)


def errors_text(errors: tuple[RowError, ...]) -> str:
    lines = [row_error_text(error) for error in errors[:SHOWN_ERRORS]]
    rest = len(errors) - SHOWN_ERRORS
    if rest > 0:
        lines.append(
            ngettext("… and {count} more problem.", "… and {count} more problems.", rest).format(
                count=rest
            )
        )
    return "\n".join(lines)


def report_import(
    parent: QWidget, report: ImportReport | None, error: BaseException | None
) -> None:
    """The end of an import, in sentences."""
    title = _("Import CSV")
    if isinstance(error, Cancelled):
        show_information(parent, title, _("The import was cancelled. Nothing was imported."))
    elif isinstance(error, ImportRejected):
        show_error(
            parent,
            title,
            _(
                "Some lines of the file are wrong, so nothing was imported. Correct them and "
                "import the file again."
            ),
            errors_text(error.errors),
        )
    elif isinstance(error, ValueError | OSError | StoreError):
        show_error(parent, title, _("The file could not be imported."), str(error))
    elif error is not None:
        show_error(parent, title, _("The file could not be imported."))
    elif report is not None:
        show_information(
            parent,
            title,
            _("Import finished: {inserted} new holders, {updated} updated.").format(
                inserted=report.inserted, updated=report.updated
            ),
        )


def import_file(ctx: UiContext, parent: QWidget, path: Path) -> Operation[ImportReport]:
    """Import ``path`` on a worker thread; the views refresh when it is done."""
    logger.info("importing %s", path)
    return run_operation(
        ctx,
        parent,
        _("Importing {name}…").format(name=path.name),
        lambda desk: import_csv(desk, path),
        lambda report, error: report_import(parent, report, error),
        changed="holders",
    )


def choose_and_import(ctx: UiContext, parent: QWidget) -> Operation[ImportReport] | None:
    name, _filter = QFileDialog.getOpenFileName(
        parent, _("Import CSV"), "", _("CSV files (*.csv);;All files (*)")
    )
    return import_file(ctx, parent, Path(name)) if name else None
