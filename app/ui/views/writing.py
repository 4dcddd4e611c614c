"""Writing to the database from a screen: a refused write (same card or national number
as someone else) or a busy database becomes a sentence for the clerk, never a traceback."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from app.domain.errors import Conflict, StoreError
from app.ui.i18n import N_, _
from app.ui.messages import show_error

logger = logging.getLogger(__name__)


def write_or_tell[T](
    parent: QWidget, write: Callable[[], T], conflict: str = "", advice: str = ""
) -> T | None:
    """``write()``'s result, or ``None`` after telling the clerk why nothing was saved.
    ``conflict`` and ``advice`` are ``N_()`` messages for a uniqueness conflict."""
    try:
        return write()
    except Conflict as error:
        if not conflict:  # nothing the clerk typed can clash: treat it as a database fault
            _database_fault(parent, error)
        else:
            show_error(parent, _("Not saved"), _(conflict), _(advice) if advice else "")
    except StoreError as error:
        _database_fault(parent, error)
    return None


#: What the clerk reads for each kind of refused write (``StoreError.kind``).
_FAULTS = {
    "full": (
        N_("The disk holding the database is full. Nothing was saved."),
        N_("Free some space on the disk, or ask your IT support, then try again."),
    ),
    "read_only": (
        N_("The database file is read-only for this account. Nothing was saved."),
        N_("Ask your IT support to give the counter write access to the database file."),
    ),
    "audit": (
        N_("The audit trail cannot be vouched for. Nothing was saved."),
        N_("An administrator must check the database (permitdesk check) before work goes on."),
    ),
}
_ANY_FAULT = (
    N_("The database could not be written. Nothing was saved."),
    N_("Try again in a moment. If it happens again, contact your IT support."),
)


def _database_fault(parent: QWidget, error: StoreError) -> None:
    logger.error("write refused by the database: %s", error)
    sentence, advice = _FAULTS.get(error.kind, _ANY_FAULT)
    show_error(parent, _("Not saved"), _(sentence), _(advice))
