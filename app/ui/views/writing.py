"""Writing to the database from a screen: a refused write (same card or national number
as someone else), a busy database or a lost connection to the register's server becomes a
sentence for the clerk, never a traceback; the screen keeps what was typed, for a retry."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from app.domain.errors import Conflict, EditConflict, StoreError
from app.ui.documents.labels import moment_text
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
    except EditConflict as error:
        show_error(parent, _("Not saved"), edit_conflict_sentence(error), _(_REOPEN))
    except Conflict as error:
        if not conflict:  # nothing the clerk typed can clash: treat it as a database fault
            _database_fault(parent, error)
        else:
            show_error(parent, _("Not saved"), _(conflict), _(advice) if advice else "")
    except StoreError as error:
        _database_fault(parent, error)
    return None


_REOPEN = N_("Open it again to see that change, then make yours again.")


def edit_conflict_sentence(error: EditConflict) -> str:
    """Who saved the same record at another counter, and when, in the interface language."""
    if not error.changed_by:
        return _("Another counter saved this record after you opened it. Nothing was saved.")
    return _(
        "{user} saved this record on {moment}, after you opened it. Nothing was saved."
    ).format(user=error.changed_by, moment=moment_text(error.changed_at))


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
    "file_only": (
        N_("This works on a database file only; the register is on a server. Nothing was saved."),
        N_("The server's administrator does it on the server: ask your IT support."),
    ),
    "not_permitted": (
        N_("The register's server does not allow this counter to do that. Nothing was saved."),
        N_("Ask an administrator to do it, or your IT support to check this counter's role."),
    ),
    "moved": (
        N_("This register was moved to a server; this file takes no more work. Nothing was saved."),
        N_("Ask your IT support to point this counter at the server, then start PermitDesk again."),
    ),
    "server": (
        N_("The connection to the register's server was lost. Nothing was saved."),
        N_(
            "Check that the computer is connected to the network, then try again: PermitDesk "
            "connects again by itself. If it keeps failing, ask your IT support whether the "
            "server is running."
        ),
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
