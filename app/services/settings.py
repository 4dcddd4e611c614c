"""What the commune configures for every counter: its identity and logo, who signs, which
languages its documents may use (R7), the document checklist of each case, the default
printer, how long a counter may stay idle before it locks. Stored in the database's
settings table; each save is one transaction with its audit entry. Checklists are edited by
supervisors, everything else by administrators (``require``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from app.domain.accounts import Role
from app.domain.checklist import DEFAULT_CHECKLISTS, enforce_legal_items
from app.domain.model import Case, Commune, Language
from app.services.auth import require
from app.services.desk import Desk

log = logging.getLogger(__name__)

SIGNATORIES = "signatories"  # read by app.services.issuing.default_signatory
CHECKLISTS = "checklists"
DEFAULT_PRINTER = "default_printer"
LOGO = "commune_logo"  # read by app.services.issuing for the annexes' header
CARD_LIBRARY = "card_library"  # the eID middleware's PKCS#11 module; empty for the default
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


@dataclass(frozen=True)
class SignatoryEntry:
    """Someone who signs annexes for the bourgmestre (or delegate)."""

    name: str
    title: str
    default: bool = False


def signatories(desk: Desk) -> list[SignatoryEntry]:
    return [
        SignatoryEntry(entry.get("name", ""), entry.get("title", ""), bool(entry.get("default")))
        for entry in desk.store.get_setting(SIGNATORIES, [])
    ]


def save_signatories(desk: Desk, entries: Iterable[SignatoryEntry]) -> list[SignatoryEntry]:
    """Replace the list; names are required, at most one default (the first if none)."""
    require(desk, Role.ADMINISTRATOR)
    cleaned = [replace(e, name=e.name.strip(), title=e.title.strip()) for e in entries]
    if any(not entry.name for entry in cleaned):
        raise InvalidSettings("no_signatory_name")
    if sum(entry.default for entry in cleaned) > 1:
        raise InvalidSettings("two_defaults")
    if cleaned and not any(entry.default for entry in cleaned):
        cleaned[0] = replace(cleaned[0], default=True)
    value = [{"name": e.name, "title": e.title, "default": e.default} for e in cleaned]
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
    logo (PNG or JPEG), in one transaction."""
    require(desk, Role.ADMINISTRATOR)
    languages = tuple(dict.fromkeys(Language(code) for code in commune.languages))
    if not languages:
        raise InvalidSettings("no_language")
    if not commune.name.strip():
        raise InvalidSettings("no_commune_name")
    if not (commune.nis_code.isdigit() and len(commune.nis_code) == 5):
        raise InvalidSettings("nis_code")
    if logo_data is not None and not is_image(logo_data):
        raise InvalidSettings("not_an_image")
    commune = replace(commune, name=commune.name.strip(), languages=languages)
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


def card_library(desk: Desk) -> str:
    """The PKCS#11 module of the eID middleware the card reader uses: the path the
    commune set, else the platform's module name (found on the loader's search path)."""
    from app.card.reader import default_library  # PyKCS11 only when a card is read

    return desk.store.get_setting(CARD_LIBRARY, "") or default_library()


def save_card_library(desk: Desk, path: str) -> None:
    """Set the middleware's module path; empty (or the default) means the platform's."""
    require(desk, Role.ADMINISTRATOR)
    from app.card.reader import default_library

    path = path.strip()
    with desk.store.transaction():
        desk.store.set_setting(CARD_LIBRARY, "" if path == default_library() else path)
        desk.store.audit(desk.user, "change", "settings", None, key=CARD_LIBRARY)


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
