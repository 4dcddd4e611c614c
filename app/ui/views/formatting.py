"""How the views show values: dates in the interface language (Babel), national numbers
the Belgian way, and the words for codes the services return (suspension reasons,
labour-market mentions, cases, validation errors)."""

from __future__ import annotations

import logging
from datetime import date
from functools import cache

from babel import Locale

from app.card.fields import fold_text
from app.domain.birth_dates import PartialDate
from app.domain.day_words import format_day
from app.domain.national_number import format_national_number
from app.ui.documents.widgets import DATE_REFUSALS
from app.ui.i18n import N_, _, get_translator

logger = logging.getLogger(__name__)

_NOT_COUNTRIES = frozenset({"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"})
_LOCALES = {"fr": "fr_BE", "nl": "nl_BE", "de": "de_BE", "en": "en_GB"}

SUSPENSION_REASONS = {
    "hospitalised": N_("hospitalised"),
    "detained": N_("detained"),
    "aged_75": N_("aged 75 or more"),
}
LABOUR_MARKET = {
    "limited": N_("limited"),
    "unlimited": N_("unlimited"),
    "none": N_("none"),
    "seasonal": N_("seasonal work"),
}
CASES = {
    "limited_renewal": N_("Renewal, limited work authorisation"),
    "unlimited_renewal": N_("Renewal, unlimited work authorisation"),
    "work_authorisation_ended": N_("Work authorisation ended"),
    "first_registration": N_("First registration"),
}
FILE_STATES = {"open": N_("open"), "closed": N_("closed")}
#: A family member's tie to the holder (app.domain.model.Relationship), printed on annex 51.
RELATIONSHIPS = {
    "spouse": N_("spouse"),
    "partner": N_("registered partner"),
    "child": N_("child"),
    "parent": N_("parent"),
    "other": N_("other family member"),
}
ERRORS = {
    "required": N_("This field is required."),
    "control_characters": N_("Remove the invisible characters (tab, line break) from this field."),
    "too_long": N_("This text is too long."),
    "email": N_("This is not an email address."),
    "postal_code": N_("A Belgian postal code has four digits, for example 1000."),
    "card_number": N_("A card number is a letter and digits, for example B0123456789."),
    "country_code": N_("Type the two-letter country code, for example MA or TR."),
    "nis_code": N_("A NIS code has five digits, for example 21004."),
    "nn_length": N_("A national number has 11 digits."),
    "nn_checksum": N_("The check digits do not match: a digit was mistyped."),
    "nn_date": N_("The birth date in this national number does not exist."),
    "nn_format": N_("A national number holds only digits, dots and a dash."),
    **DATE_REFUSALS,
}


def locale_name() -> str:
    return _LOCALES.get(get_translator().language, "fr_BE")


def show_date(day: date | None) -> str:
    """A day as the clerk reads it in the interface language (``23 nov. 2026``)."""
    return format_day(day, "medium", locale_name()) if day else ""


def show_national_number(compact: str | None) -> str:
    """``85.07.30-033.28``; what is stored is shown as it is if it cannot be formatted."""
    if not compact:
        return ""
    try:
        return format_national_number(compact)
    except Exception:
        logger.debug("unformattable national number %r", compact)
        return compact


def translated(table: dict[str, str], code: str) -> str:
    """The words for ``code`` in ``table``, or the code itself when unknown."""
    return _(table[code]) if code in table else code


def error_text(code: str | None) -> str:
    return translated(ERRORS, code) if code else ""


def show_birth_date(day: date | None, partial: PartialDate | None = None) -> str:
    """A birth date; one the register knows only in part as the card prints it, in the
    interface language (``MARS 1975``, ``MAAR 1975``, ``1975``)."""
    if day is not None:
        return show_date(day)
    return partial.card_text(get_translator().language) if partial is not None else ""


@cache
def countries(locale: str) -> tuple[tuple[str, str], ...]:
    """(ISO code, name in ``locale``) of every country, sorted by name."""
    names = [
        (code, name)
        for code, name in Locale.parse(locale).territories.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    ]
    return tuple(sorted(names, key=lambda pair: fold_text(pair[1])))


def country_name(code: str) -> str:
    """``Maroc (MA)`` in the interface language; the code alone when Babel does not know it."""
    name = dict(countries(locale_name())).get(code)
    return f"{name} ({code})" if name else code
