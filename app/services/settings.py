"""What the commune configures for every counter: its identity and logo (its name and address
in each document language), who signs (a title per language), which
languages its documents may use (R7), the document checklist of each case, the default
printer, how long a counter may stay idle before it locks. Stored in the database's
settings table; each save is one transaction with its audit entry. Checklists are edited by
supervisors, everything else by administrators (``require``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from app.config import current_config
from app.domain.accounts import Role
from app.domain.checklist import DEFAULT_CHECKLISTS, enforce_legal_items
from app.domain.model import Case, Commune, CommuneText, Language
from app.services.auth import require
from app.services.desk import Desk

log = logging.getLogger(__name__)

SIGNATORIES = "signatories"  # read by app.services.issuing.default_signatory
CHECKLISTS = "checklists"
DEFAULT_PRINTER = "default_printer"
LOGO = "commune_logo"  # read by app.services.issuing for the annexes' header
IDLE_LOCK_MINUTES = "idle_lock_minutes"  # the counter locks after this long without input
DEFAULT_IDLE_LOCK_MINUTES = 5
MAX_IDLE_LOCK_MINUTES = 120

#: The first bytes of the logo formats the annexes can print.
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


class InvalidSettings(ValueError):
    """The settings cannot be saved; ``code`` says why (the interface words it)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code  # no_language, no_signatory_name, two_defaults, not_an_image, ...
        # commune_name_in_language, address_in_language, title_in_language: a paper in
        # one of the commune's languages would miss it


@dataclass(frozen=True)
class SignatoryEntry:
    """Someone who signs annexes for the bourgmestre (or delegate); ``titles`` holds the
    title per document language (``title`` the first one, as older settings had it)."""

    name: str
    title: str
    default: bool = False
    titles: Mapping[str, str] = field(default_factory=dict)

    def title_in(self, language: Language | str) -> str:
        return self.titles.get(Language(language).value, "")


def signatories(desk: Desk) -> list[SignatoryEntry]:
    return [
        _signatory(entry, _first_language(desk))
        for entry in desk.store.get_setting(SIGNATORIES, [])
    ]


def _first_language(desk: Desk) -> str:
    commune = desk.store.get_commune()
    return commune.languages[0].value if commune and commune.languages else Language.FR.value


def _signatory(entry: Mapping[str, object], first_language: str) -> SignatoryEntry:
    raw = entry.get("titles")
    titles = {
        Language(code).value: str(text)
        for code, text in (raw.items() if isinstance(raw, dict) else ())
        if str(text).strip()
    }
    title = str(entry.get("title", "") or "")
    if not titles and title:  # older settings: one title, in the commune's first language
        titles = {first_language: title}
    return SignatoryEntry(str(entry.get("name", "")), title, bool(entry.get("default")), titles)


def save_signatories(desk: Desk, entries: Iterable[SignatoryEntry]) -> list[SignatoryEntry]:
    """Replace the list; names are required, at most one default (the first if none); a
    signatory with a title has it in every document language of the commune."""
    require(desk, Role.ADMINISTRATOR)
    cleaned = [
        replace(
            e,
            name=e.name.strip(),
            title=e.title.strip(),
            titles={Language(k).value: v.strip() for k, v in e.titles.items() if v.strip()},
        )
        for e in entries
    ]
    if any(not entry.name for entry in cleaned):
        raise InvalidSettings("no_signatory_name")
    if sum(entry.default for entry in cleaned) > 1:
        raise InvalidSettings("two_defaults")
    commune = desk.store.get_commune()
    languages = [language.value for language in commune.languages] if commune else []
    for entry in cleaned:
        if entry.titles and any(code not in entry.titles for code in languages):
            raise InvalidSettings("title_in_language")
    cleaned = [
        replace(e, title=next((e.titles[c] for c in languages if c in e.titles), e.title))
        for e in cleaned
    ]
    if cleaned and not any(entry.default for entry in cleaned):
        cleaned[0] = replace(cleaned[0], default=True)
    value = [
        {"name": e.name, "title": e.title, "titles": dict(e.titles), "default": e.default}
        for e in cleaned
    ]
    with desk.store.transaction():
        desk.store.set_setting(SIGNATORIES, value)
        desk.store.audit(desk.user, "change", "settings", None, key=SIGNATORIES)
    return cleaned


def logo(desk: Desk) -> bytes | None:
    return desk.store.get_asset(LOGO)


def is_image(data: bytes) -> bool:
    """PNG or JPEG, judged by the file's first bytes."""
    return any(data.startswith(magic) for magic in _IMAGE_MAGIC)


def save_commune(desk: Desk, commune: Commune, logo_data: bytes | None = None) -> Commune:
    """The commune's identity, its document languages (at least one) and, when given, its
    logo (PNG or JPEG), in one transaction.

    With ``texts`` (the settings dialog's name and address per language), each document
    language needs the commune's name, and the street and municipality in every language
    or in none, so that no paper prints them in another language; the commune's own fields
    become those of its first language. Without (``permitdesk init``), the one name and
    address serve every language."""
    require(desk, Role.ADMINISTRATOR)
    languages = tuple(dict.fromkeys(Language(code) for code in commune.languages))
    if not languages:
        raise InvalidSettings("no_language")
    texts = {
        Language(code): CommuneText(*(" ".join(part.split()) for part in vars(text).values()))
        for code, text in commune.texts.items()
    }
    if texts:
        chosen = [texts.get(language, CommuneText()) for language in languages]
        if any(not text.name for text in chosen):
            raise InvalidSettings("commune_name_in_language")
        for part in ("street", "municipality"):
            if len({bool(getattr(text, part)) for text in chosen}) > 1:
                raise InvalidSettings("address_in_language")
        first = chosen[0]
        commune = replace(
            commune, name=first.name, street=first.street, municipality=first.municipality
        )
    if not commune.name.strip():
        raise InvalidSettings("no_commune_name")
    if not (commune.nis_code.isdigit() and len(commune.nis_code) == 5):
        raise InvalidSettings("nis_code")
    if logo_data is not None and not is_image(logo_data):
        raise InvalidSettings("not_an_image")
    commune = replace(commune, name=commune.name.strip(), languages=languages, texts=texts)
    with desk.store.transaction():
        desk.store.set_commune(commune)
        if logo_data is not None:
            desk.store.set_asset(LOGO, logo_data)
        desk.store.audit(desk.user, "change", "settings", None, key="commune")
    log.info("commune settings saved (%s)", commune.nis_code)
    return commune


def checklists(desk: Desk) -> dict[Case, tuple[str, ...]]:
    """Each case's checklist: the commune's own, or the default; legal items always in."""
    stored: Mapping[str, list[str]] = desk.store.get_setting(CHECKLISTS, {})
    return {
        case: enforce_legal_items(case, stored.get(case.value, DEFAULT_CHECKLISTS[case]))
        for case in Case
    }


def checklist(desk: Desk, case: Case) -> tuple[str, ...]:
    return checklists(desk)[case]


def save_checklists(desk: Desk, lists: Mapping[Case, Iterable[str]]) -> dict[Case, tuple[str, ...]]:
    """Save the checklists given (others unchanged); legal items are put back if removed."""
    require(desk, Role.SUPERVISOR)
    current = checklists(desk)
    for case, items in lists.items():
        current[Case(case)] = enforce_legal_items(Case(case), items)
    with desk.store.transaction():
        desk.store.set_setting(CHECKLISTS, {case.value: list(ids) for case, ids in current.items()})
        desk.store.audit(desk.user, "change", "settings", None, key=CHECKLISTS)
    return current


def default_printer(desk: Desk) -> str:
    """The printer's name as the system knows it; empty for the system's default."""
    return desk.store.get_setting(DEFAULT_PRINTER, "")


def save_default_printer(desk: Desk, name: str) -> None:
    require(desk, Role.ADMINISTRATOR)
    with desk.store.transaction():
        desk.store.set_setting(DEFAULT_PRINTER, name.strip())
        desk.store.audit(desk.user, "change", "settings", None, key=DEFAULT_PRINTER)


@dataclass(frozen=True)
class CardLibrary:
    """The eID middleware's PKCS#11 module the card reader loads, and the machine
    configuration file that named it (None: the platform's module, by name)."""

    path: str
    configured_in: Path | None


def card_library() -> CardLibrary:
    """The module named by the machine configuration's ``card_library``, else the platform's
    module name (found on the loader's search path). Never a value from the database: any
    user who can write the file could make the counter load code of theirs (issue 11)."""
    from app.card.reader import default_library  # PyKCS11 only when a card is read

    config = current_config()
    if config.card_library is not None:
        return CardLibrary(str(config.card_library), config.path)
    return CardLibrary(default_library(), None)


def idle_lock_minutes(desk: Desk) -> int:
    """Minutes without keyboard or mouse input after which a counter hides its data."""
    try:
        minutes = int(desk.store.get_setting(IDLE_LOCK_MINUTES, DEFAULT_IDLE_LOCK_MINUTES))
    except (TypeError, ValueError):
        return DEFAULT_IDLE_LOCK_MINUTES
    return min(max(minutes, 1), MAX_IDLE_LOCK_MINUTES)


def save_idle_lock_minutes(desk: Desk, minutes: int) -> None:
    """1 to ``MAX_IDLE_LOCK_MINUTES`` minutes (administrators only)."""
    require(desk, Role.ADMINISTRATOR)
    if not 1 <= int(minutes) <= MAX_IDLE_LOCK_MINUTES:
        raise InvalidSettings("idle_lock_minutes")
    with desk.store.transaction():
        desk.store.set_setting(IDLE_LOCK_MINUTES, int(minutes))
        desk.store.audit(desk.user, "change", "settings", None, key=IDLE_LOCK_MINUTES)
