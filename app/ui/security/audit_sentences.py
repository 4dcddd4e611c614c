"""The audit view's rows as sentences in the interface language ("Marie issued annex 50
2026/000123 for DUPONT, Jean") and its times with four-digit years.

The log names records by id and keeps codes (``issue``, ``login_failed``); this module
turns a row, with the names :func:`app.services.audit.subjects` found, into words. What a
row carries only for the chain's checks (an account's sealed ``state``, a PDF's SHA-256,
a replaced chain's hash) is never shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from app.domain.accounts import Role
from app.domain.model import Outcome
from app.services.audit import AuditEntry, Subject
from app.ui.documents.labels import OUTCOME_NAMES
from app.ui.i18n import N_, _, ngettext
from app.ui.rights.texts import role_name
from app.ui.views.formatting import CASES, show_date

logger = logging.getLogger(__name__)

Subjects = dict[tuple[str, int], Subject]

#: The settings a "change settings" row names, as the settings dialog calls them.
SETTING_NAMES = {
    "signatories": N_("signatories"),
    "commune": N_("commune"),
    "checklists": N_("checklists"),
    "default_printer": N_("default printer"),
    "idle_lock_minutes": N_("automatic lock"),
}
#: Why a sign-in was refused (app.services.auth).
SIGN_IN_REFUSALS = {
    "invalid": N_("wrong password"),
    "locked": N_("account locked"),
    "disabled": N_("account disabled"),
    "tampered": N_("account changed outside PermitDesk"),
}
#: What the holder, permit and family member rows say, by action.
RECORD_SENTENCES = {
    ("create", "holder"): N_("{user} added the holder {person}"),
    ("change", "holder"): N_("{user} changed the holder {person}"),
    ("update", "holder"): N_("{user} updated the holder {person} from an import"),
    ("export", "holder"): N_("{user} exported the data held on {person}"),
    ("create", "permit"): N_("{user} added a permit for {person}"),
    ("change", "permit"): N_("{user} changed a permit of {person}"),
    ("create", "family_member"): N_("{user} added the family member {person}"),
    ("change", "family_member"): N_("{user} changed the family member {person}"),
    ("create", "renewal_file"): N_("{user} opened a renewal file for {person}: {case}"),
    ("change", "renewal_file"): N_("{user} changed the renewal file of {person}"),
    ("discard", "renewal_file"): N_("{user} discarded an unfinished renewal file of {person}"),
    ("outcome", "renewal_file"): N_("{user} recorded on the file of {person}: {outcome}"),
}
#: What a register row says, by action: the document is named by annex and number.
DOCUMENT_SENTENCES = {
    "issue": N_("{user} issued annex {annex} {number} for {person}"),
    "extend": N_("{user} extended annex {annex} {number} for {person} until {day}"),
    "annul": N_("{user} annulled annex {annex} {number} for {person}"),
    "reprint": N_("{user} printed a marked copy of annex {annex} {number} for {person}"),
    "export": N_("{user} exported annex {annex} {number} for {person}"),
}
ACCOUNT_SENTENCES = {
    "create": N_("{user} created the account {account} ({role})"),
    "change": N_("{user} gave {account} the role {role}"),
    "change_password": N_("{user} changed the password of {account}"),
    "disable": N_("{user} disabled the account {account}"),
    "enable": N_("{user} enabled the account {account}"),
    "login": N_("{user} signed in"),
    "logout": N_("{user} signed out"),
}


def sentence(entry: AuditEntry, subjects: Subjects) -> str:
    """What happened, in one sentence of the interface language."""
    writer = _WRITERS.get(entry.entity, _record)
    return writer(entry, subjects)


def _subject(entry: AuditEntry, subjects: Subjects) -> Subject:
    if entry.entity_id is None:
        return Subject()
    return subjects.get((entry.entity, entry.entity_id), Subject())


def _person(subject: Subject) -> str:
    return subject.name or _("(record deleted)")


def _role(value: object) -> str:
    known = isinstance(value, str) and value in set(Role)
    return role_name(Role(str(value))) if known else str(value or "")


def _day(text: object) -> str:
    try:
        return show_date(date.fromisoformat(str(text)))
    except ValueError:
        return str(text)


def _document(entry: AuditEntry, subjects: Subjects) -> str:
    subject = _subject(entry, subjects)
    template = DOCUMENT_SENTENCES.get(entry.action)
    if template is None:
        return _unknown(entry)
    return _(template).format(
        user=entry.user,
        annex=entry.detail.get("annex") or subject.annex or "?",
        number=entry.detail.get("number", ""),
        person=_person(subject),
        day=_day(entry.detail.get("valid_until", "")),
    )


def _transmission(entry: AuditEntry, subjects: Subjects) -> str:
    subject = _subject(entry, subjects)
    return _("{user} sent annex {annex} of {person} on {day} ({channel})").format(
        user=entry.user,
        annex=subject.annex or "?",
        person=_person(subject),
        day=_day(entry.detail.get("on", "")),
        channel=entry.detail.get("channel", ""),
    )


def _account(entry: AuditEntry, subjects: Subjects) -> str:
    if entry.action == "login_failed":
        reason = str(entry.detail.get("reason", ""))
        if reason == "unknown":
            return _("Sign-in refused for an unknown name")
        words = SIGN_IN_REFUSALS.get(reason)
        return _("Sign-in refused for {account}: {reason}").format(
            account=entry.user, reason=_(words) if words else reason
        )
    template = ACCOUNT_SENTENCES.get(entry.action)
    if template is None:
        return _unknown(entry)
    role = entry.detail.get("role")
    return _(template).format(
        user=entry.user,
        account=_subject(entry, subjects).name or _("(record deleted)"),
        role=_role(role),
    )


def _settings(entry: AuditEntry, _subjects: Subjects) -> str:
    key = str(entry.detail.get("key", ""))
    name = SETTING_NAMES.get(key)
    return _("{user} changed the setting “{setting}”").format(
        user=entry.user, setting=_(name) if name else key
    )


def _refused(entry: AuditEntry, _subjects: Subjects) -> str:
    role = entry.detail.get("required")
    return _("{user} was refused an action that needs the role {role}").format(
        user=entry.user, role=_role(role)
    )


def _import(entry: AuditEntry, _subjects: Subjects) -> str:
    return _("{user} imported holders: {inserted} added, {updated} updated").format(
        user=entry.user,
        inserted=entry.detail.get("inserted", 0),
        updated=entry.detail.get("updated", 0),
    )


def _register(entry: AuditEntry, _subjects: Subjects) -> str:
    count = len(entry.detail.get("documents", []))
    return ngettext(
        "{user} purged {count} document from the register",
        "{user} purged {count} documents from the register",
        count,
    ).format(user=entry.user, count=count)


def _database(entry: AuditEntry, _subjects: Subjects) -> str:
    if entry.action == "purge":
        count = int(entry.detail.get("holders", 0))
        return ngettext(
            "{user} purged the records closed before {day}: {count} holder",
            "{user} purged the records closed before {day}: {count} holders",
            count,
        ).format(user=entry.user, day=_day(entry.detail.get("cutoff", "")), count=count)
    if entry.action == "restore":
        replaced = entry.detail.get("replaced_chain")
        template = (
            N_("{user} restored the database from {source}; the trail before it ended at row {row}")
            if isinstance(replaced, dict)
            else N_("{user} restored the database from {source}")
        )
        return _(template).format(
            user=entry.user,
            source=entry.detail.get("source", ""),
            row=replaced.get("id", "?") if isinstance(replaced, dict) else "",
        )
    return _unknown(entry)


def _audit(entry: AuditEntry, _subjects: Subjects) -> str:
    return _("From here on the audit trail is sealed with this installation's key")


def _record(entry: AuditEntry, subjects: Subjects) -> str:
    template = RECORD_SENTENCES.get((entry.action, entry.entity))
    if template is None:
        return _unknown(entry)
    holder = entry.detail.get("holder")
    subject = (
        subjects.get(("holder", holder), Subject())
        if isinstance(holder, int)
        else _subject(entry, subjects)
    )
    case = CASES.get(str(entry.detail.get("case", "")))
    outcome = entry.detail.get("outcome")
    outcome_name = OUTCOME_NAMES.get(Outcome(outcome)) if outcome in set(Outcome) else None
    return _(template).format(
        user=entry.user,
        person=_person(subject),
        case=_(case) if case else "",
        outcome=_(outcome_name) if outcome_name else "",
    )


def _unknown(entry: AuditEntry) -> str:
    """A row this version has no sentence for (written by a newer one): its codes, as a
    last resort, never its detail."""
    logger.warning("no sentence for audit action %r on %r", entry.action, entry.entity)
    return _("{user}: {action} ({record})").format(
        user=entry.user, action=entry.action, record=entry.entity
    )


_WRITERS: dict[str, Callable[[AuditEntry, Subjects], str]] = {
    "document": _document,
    "transmission": _transmission,
    "account": _account,
    "settings": _settings,
    "action": _refused,
    "holders": _import,
    "register": _register,
    "database": _database,
    "audit": _audit,
}
