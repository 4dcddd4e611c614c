"""Names the counter shows for the domain's values (cases, annexes, outcomes, file events),
dates in the interface language, and findings with their rule numbers.

Texts are marked with ``N_()`` and translated with ``_()`` when shown, so they follow a
language switch. Nothing here decides anything: the sentences come from the domain.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import date, datetime
from html import escape

from babel.dates import format_time

from app.domain.day_words import format_day
from app.domain.document_state import DocumentState
from app.domain.explain import LOCALES, explain_one
from app.domain.model import Case, HandedIn, IssuedDocument, Outcome, RenewalFile
from app.ui.i18n import N_, _, get_translator

logger = logging.getLogger(__name__)

CASE_NAMES: dict[Case, str] = {
    Case.LIMITED_RENEWAL: N_("Limited permit: renewal pending at the regional authority"),
    Case.UNLIMITED_RENEWAL: N_("Unlimited work authorisation: renewal of residence"),
    Case.WORK_AUTHORISATION_ENDED: N_("No longer authorised to work"),
    Case.FIRST_REGISTRATION: N_("First registration after an authorisation"),
}
CASE_HINTS: dict[Case, str] = {
    Case.LIMITED_RENEWAL: N_(
        "Annex 49 from the permit's expiry date, if the holder shows the regional "
        "authority's attestation (art. 33 § 5)."
    ),
    Case.UNLIMITED_RENEWAL: N_(
        "Annex 50 when every document is there, annex 41 naming what is missing (art. 105/3)."
    ),
    Case.WORK_AUTHORISATION_ENDED: N_(
        "Annex 51 to the end of the period kept after the work authorisation ended, for the "
        "holder and the family members (art. 105/4)."
    ),
    Case.FIRST_REGISTRATION: N_(
        "Annex 49 at once, while the residence card is being made (art. 105/2 § 4-5)."
    ),
}
CASE_RULES: dict[Case, str] = {
    Case.LIMITED_RENEWAL: "R2",
    Case.UNLIMITED_RENEWAL: "R3",
    Case.WORK_AUTHORISATION_ENDED: "R4",
    Case.FIRST_REGISTRATION: "R5",
}
ANNEX_NAMES: dict[str, str] = {
    "41": N_("Annex 41 – application not taken into consideration"),
    "49": N_("Annex 49 – provisional residence attestation"),
    "50": N_("Annex 50 – attestation that the renewal was filed"),
    "51": N_("Annex 51 – residence document after the work authorisation ended"),
}
OUTCOME_NAMES: dict[Outcome, str] = {
    Outcome.PERIOD_EXTENDED: N_("Decision period extended"),
    Outcome.APPROVED: N_("Approved (annex 46)"),
    Outcome.TACIT_APPROVAL: N_("Tacit approval (annex 47)"),
    Outcome.REFUSED: N_("Refused (annex 48)"),
    Outcome.INFORMATION_REQUESTED: N_("More information requested"),
    Outcome.INFORMATION_SUPPLIED: N_("Requested information handed in"),
    Outcome.RESIDENCE_CHECKED: N_("Residence check done"),
    Outcome.PERMIT_ISSUED: N_("Single permit handed over"),
    Outcome.STAY_ENDED: N_("Stay ended (annex 52)"),
}
EVENT_NAMES: dict[str, str] = {
    "opened": N_("File opened"),
    "issued": N_("Document issued"),
    "extended": N_("Document extended"),
    "annulled": N_("Document annulled"),
    "reprinted": N_("Copy printed"),
    **{f"outcome:{outcome.value}": name for outcome, name in OUTCOME_NAMES.items()},
}
DOCUMENT_LANGUAGES: dict[str, str] = {"fr": N_("French"), "nl": N_("Dutch"), "de": N_("German")}
#: What a holder hands in at a first registration (HandedIn, art. 105/2 §5).
HANDED_IN_NAMES: dict[str, str] = {
    HandedIn.NONE.value: N_("nothing: the holder has no residence document"),
    HandedIn.RESIDENCE_CARD.value: N_("residence card"),
    HandedIn.RESIDENCE_DOCUMENT.value: N_("other residence document (attestation, annex)"),
}


def ui_language() -> str:
    """The interface language as the domain's explanations take it (fr, nl, de, en)."""
    return get_translator().language or "fr"


def day_text(value: date | None) -> str:
    """A date written out in the interface language (``23 novembre 2026``, ``1er mars
    2026``); '' for None."""
    if value is None:
        return ""
    return format_day(value, "long", LOCALES[ui_language()])


def short_day(value: date | None) -> str:
    """A date in the interface language's short form (``23/11/26``); '' for None."""
    if value is None:
        return ""
    return format_day(value, "medium", LOCALES[ui_language()])


def annex_title(annex: str) -> str:
    return _(ANNEX_NAMES[annex]) if annex in ANNEX_NAMES else annex


def case_title(case: Case) -> str:
    return f"{_(CASE_NAMES[case])} ({CASE_RULES[case]})"


def event_title(kind: str) -> str:
    return _(EVENT_NAMES[kind]) if kind in EVENT_NAMES else kind


#: A document's state (app.domain.document_state) as the lists name it; an annulment is
#: named with its date and reason (:func:`document_state`).
DOCUMENT_STATES: dict[DocumentState, str] = {
    DocumentState.VALID: N_("Valid"),
    DocumentState.EXTENDED: N_("Extended"),
    DocumentState.LAPSED: N_("Lapsed"),
    DocumentState.ANNULLED: N_("Annulled"),
    DocumentState.SUPERSEDED: N_("Superseded by an outcome"),
}


def document_state(document: IssuedDocument, state: DocumentState) -> str:
    """The state the services computed, in words; annulled with its date and reason."""
    if state is DocumentState.ANNULLED and document.annulled_on is not None:
        annulled = _("Annulled on {date}").format(date=short_day(document.annulled_on))
        return f"{annulled}: {document.annulled_reason}" if document.annulled_reason else annulled
    return _(DOCUMENT_STATES[state])


def handed_in_text(file: RenewalFile) -> str:
    """The residence document handed in at a first registration; '' when not recorded."""
    if file.handed_in not in HANDED_IN_NAMES:
        return ""
    name = _(HANDED_IN_NAMES[file.handed_in])
    if file.handed_in == HandedIn.NONE.value or not file.handed_in_number:
        return name
    return _("{document} no. {number}").format(document=name, number=file.handed_in_number)


def findings_html(findings: Iterable, language: str | None = None) -> str:
    """Each finding as one line, its rule number in bold first (``R3 — …``)."""
    language = language or ui_language()
    lines = []
    for finding in findings:
        sentence = explain_one(finding.code, finding.params, language)
        lines.append(f"<b>{escape(finding.rule)}</b> — {escape(sentence, quote=False)}")
    return "<br>".join(lines)


_ISSUED = re.compile(r"^annex (\d+) (\d{4}/\d{6})$")
_EXTENDED = re.compile(r"^(\d{4}/\d{6}) -> (\d{4}-\d{2}-\d{2})$")
_REPRINTED = re.compile(r"^(\d{4}/\d{6}) (duplicate|annulled)$")
_DEADLINE = re.compile(r"^(\d{4}-\d{2}-\d{2})\b ?(.*)$")


def event_detail(kind: str, detail: str, due_on: date | None = None) -> str:
    """A file event's detail as the services record it, in the interface language, with
    the date the event sets (a request's deadline, the decision period's new end)."""
    if due_on is not None and kind == f"outcome:{Outcome.INFORMATION_REQUESTED.value}":
        due = _("documents due by {date}").format(date=day_text(due_on))
        return f"{due} {detail}".strip()
    if due_on is not None and kind == f"outcome:{Outcome.PERIOD_EXTENDED.value}":
        due = _("decision due by {date}").format(date=day_text(due_on))
        return f"{due} {detail}".strip()
    if kind == "opened" and detail in {case.value for case in Case}:
        return case_title(Case(detail))
    if kind == "issued" and (match := _ISSUED.match(detail)):
        return _("Annex {annex} no. {number}").format(annex=match[1], number=match[2])
    if kind == "extended" and (match := _EXTENDED.match(detail)):
        until = short_day(date.fromisoformat(match[2]))
        return _("{number} until {date}").format(number=match[1], date=until)
    if kind == "reprinted" and (match := _REPRINTED.match(detail)):
        if match[2] == "annulled":
            return _("{number}, marked as annulled").format(number=match[1])
        return _("{number}, marked as a duplicate").format(number=match[1])
    if kind == f"outcome:{Outcome.INFORMATION_REQUESTED.value}" and (
        match := _DEADLINE.match(detail)
    ):
        due = _("documents due by {date}").format(date=day_text(date.fromisoformat(match[1])))
        return f"{due} {match[2]}".strip()
    return detail


def moment_text(at: str) -> str:
    """A log time (UTC, ISO) in local time and the interface language (``23 nov. 2026
    10:42``); the text itself when it is not a time."""
    try:
        moment = datetime.fromisoformat(at).astimezone().replace(tzinfo=None)
    except ValueError:
        return at
    clock = format_time(moment, "HH:mm", locale=LOCALES[ui_language()])
    return f"{short_day(moment.date())} {clock}"
