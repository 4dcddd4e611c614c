"""Words shared by the security screens: role names, refusals, and times in the
interface language."""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale

from app.domain.accounts import Role
from app.domain.passwords import MAX_LENGTH, MIN_LENGTH, WeakPassword
from app.services.auth import AuthError, NotAllowed
from app.ui.i18n import N_, _

logger = logging.getLogger(__name__)

ROLE_NAMES = {
    Role.CLERK: N_("clerk"),
    Role.SUPERVISOR: N_("supervisor"),
    Role.ADMINISTRATOR: N_("administrator"),
}
NEEDS = {
    Role.CLERK: N_("This needs a clerk account."),
    Role.SUPERVISOR: N_("Only a supervisor or an administrator may do this."),
    Role.ADMINISTRATOR: N_("Only an administrator may do this."),
}


def role_name(role: Role | None) -> str:
    return _(ROLE_NAMES[Role(role)]) if role is not None else ""


def needs(role: Role) -> str:
    """Why an action is disabled, for its tooltip."""
    return _(NEEDS[Role(role)])


def policy_text(error: WeakPassword | None = None) -> str:
    """The password rule, or what is wrong with the password just typed."""
    if error is not None and error.reason == "common":
        return _(
            "This password is one of the most common ones and is easily guessed. "
            "Choose another: a sentence of ordinary words is easy to remember."
        )
    return _(
        "A password has {minimum} to {maximum} characters. A sentence of ordinary words "
        "is easy to remember and hard to guess."
    ).format(minimum=MIN_LENGTH, maximum=MAX_LENGTH)


def time_text(moment: datetime, now: datetime) -> str:
    """``moment`` in local time, in the interface language; the day too unless it is
    ``now``'s day."""
    local = QDateTime(moment.astimezone().replace(tzinfo=None))
    locale = QLocale()
    if moment.astimezone().date() == now.astimezone().date():
        return locale.toString(local.time(), QLocale.FormatType.ShortFormat)
    return locale.toString(local, QLocale.FormatType.ShortFormat)


def refusal_text(error: AuthError) -> str:
    """One sentence for a refused sign-in; never says whether the name exists or whether
    the account is locked."""
    if error.kind == "disabled":
        return _("This account is disabled. Ask an administrator.")
    if error.kind == "tampered":
        return _(
            "This account was changed outside PermitDesk. An administrator must check "
            "the database before it can be used."
        )
    return _("Wrong name or password.")


def not_allowed_text(error: NotAllowed) -> str:
    return needs(error.required)
