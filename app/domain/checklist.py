"""The documents the counter checks, per case (RULES.md, "Document checklists").

The AR does not list the documents; each commune edits its checklist. Items the AR itself
makes a condition are ``legal`` and cannot be removed: the regional attestation for R2
(art. 33 §5), the decision and, from abroad, the long-stay visa for R5 (art. 105/2 §4),
the regional authority's notification of the end of the work authorisation for R4
(art. 105/4).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.domain.model import Case


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    labels: Mapping[str, str]  # fr, nl, de, en
    legal: bool = False  # required by the AR: a commune cannot remove it

    def label(self, language: str) -> str:
        return self.labels[language]


def _item(item_id: str, fr: str, nl: str, de: str, en: str, legal: bool = False) -> ChecklistItem:
    return ChecklistItem(item_id, {"fr": fr, "nl": nl, "de": de, "en": en}, legal)


PASSPORT = _item(
    "passport",
    "passeport en cours de validité",
    "geldig paspoort",
    "gültiger Reisepass",
    "valid passport",
)
RESIDENCE_CARD = _item(
    "residence_card",
    "carte de séjour actuelle",
    "huidige verblijfskaart",
    "aktuelle Aufenthaltskarte",
    "current residence card",
)
PHOTO = _item(
    "photo",
    "photo d'identité récente",
    "recente pasfoto",
    "aktuelles Passfoto",
    "recent identity photo",
)
PROOF_OF_ADDRESS = _item(
    "proof_of_address",
    "preuve d'adresse",
    "bewijs van adres",
    "Wohnsitznachweis",
    "proof of address",
)
REGIONAL_ATTESTATION = _item(
    "regional_attestation",
    "document de l'autorité régionale attestant que la demande est recevable et complète",
    "document van de gewestelijke overheid dat de aanvraag ontvankelijk en volledig is",
    "Dokument der regionalen Behörde über die Zulässigkeit und Vollständigkeit des Antrags",
    "regional authority's attestation that the application is admissible and complete",
    legal=True,
)
DECISION = _item(
    "decision",
    "décision d'autorisation de séjour et de travail (annexe 46 ou 47)",
    "beslissing tot machtiging tot verblijf en arbeid (bijlage 46 of 47)",
    "Entscheidung über die Aufenthalts- und Arbeitserlaubnis (Anlage 46 oder 47)",
    "decision authorising stay and work (annex 46 or 47)",
    legal=True,
)
VISA = _item(
    "visa",
    "visa de long séjour (venant de l'étranger)",
    "visum lang verblijf (vanuit het buitenland)",
    "Visum für einen langfristigen Aufenthalt (aus dem Ausland)",
    "long-stay visa (coming from abroad)",
    legal=True,
)
WORK_END_NOTICE = _item(
    "work_end_notice",
    "notification de l'autorité régionale mettant fin à l'autorisation de travail, avec sa date",
    "kennisgeving van de gewestelijke overheid over het einde van de arbeidstoelating, met "
    "de datum",
    "Mitteilung der regionalen Behörde über das Ende der Arbeitserlaubnis, mit Datum",
    "regional authority's notice ending the work authorisation, with its date",
    legal=True,
)

ALL_ITEMS: tuple[ChecklistItem, ...] = (
    PASSPORT,
    RESIDENCE_CARD,
    PHOTO,
    PROOF_OF_ADDRESS,
    REGIONAL_ATTESTATION,
    DECISION,
    VISA,
    WORK_END_NOTICE,
)
ITEMS_BY_ID: Mapping[str, ChecklistItem] = {item.id: item for item in ALL_ITEMS}

DEFAULT_CHECKLISTS: Mapping[Case, tuple[str, ...]] = {
    Case.LIMITED_RENEWAL: ("regional_attestation", "passport", "residence_card", "photo"),
    Case.UNLIMITED_RENEWAL: ("passport", "residence_card", "photo", "proof_of_address"),
    Case.WORK_AUTHORISATION_ENDED: ("work_end_notice", "passport", "residence_card"),
    Case.FIRST_REGISTRATION: ("decision", "visa", "passport", "photo"),
}


def legal_items(case: Case) -> tuple[str, ...]:
    """The items of a case that the AR requires: they stay on every commune's checklist."""
    return tuple(i for i in DEFAULT_CHECKLISTS[case] if ITEMS_BY_ID[i].legal)


def enforce_legal_items(case: Case, item_ids: Iterable[str]) -> tuple[str, ...]:
    """A commune's edited checklist with the legal items put back at the front if removed."""
    chosen = tuple(dict.fromkeys(item_ids))
    missing_legal = tuple(i for i in legal_items(case) if i not in chosen)
    return missing_legal + chosen


def label_of(item_id: str, language: str) -> str:
    """The item's label in ``language``; a commune's own item (unknown id) shows its id."""
    item = ITEMS_BY_ID.get(item_id)
    return item.label(language) if item else item_id
