"""Actions the signed-in role may not use are disabled, not hidden, with a tooltip saying
why. The services refuse too (``NotAllowed``); this only spares the clerk the refusal."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from app.domain.accounts import Role
from app.services.auth import NotAllowed
from app.services.desk import Desk
from app.ui.i18n import _
from app.ui.messages import show_warning
from app.ui.rights.texts import needs, not_allowed_text

logger = logging.getLogger(__name__)


def may(desk: Desk, role: Role) -> bool:
    """Whether the desk's current role includes ``role`` (read, not decided, here)."""
    current = desk.role
    return current is not None and current.includes(role)


def gate(target: QAction | QAbstractButton, desk: Desk, role: Role, enabled: bool = True) -> None:
    """Enable ``target`` when ``enabled`` and the role allows; else say why in its tooltip."""
    allowed = may(desk, role)
    target.setEnabled(enabled and allowed)
    target.setToolTip("" if allowed else needs(role))


def tell_not_allowed(parent: QWidget | None, error: NotAllowed) -> None:
    """A service refused: one sentence, no traceback."""
    logger.info("refused: %s", error)
    show_warning(parent, _("Not allowed"), not_allowed_text(error))


def install_refusal_hook() -> None:
    """A ``NotAllowed`` nobody caught becomes one sentence instead of "Unexpected error";
    anything else goes to the hook installed before (the log and its message)."""
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if isinstance(exc, NotAllowed) and QApplication.instance() is not None:
            tell_not_allowed(QApplication.activeWindow(), exc)
            return
        previous(exc_type, exc, tb)

    sys.excepthook = hook
