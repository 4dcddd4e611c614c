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
    labels: Mapping[str, str]  # fr, nl, de, en: the item as a list shows it
    legal: bool = False  # required by the AR: a commune cannot remove it
    phrases: Mapping[str, str] | None = None  # the same with its article, for a sentence

    def label(self, language: str) -> str:
        return self.labels[language]

    def phrase(self, language: str) -> str:
        """The item inside a sentence, with its article: "een geldig paspoort"."""
        return self.phrases[language] if self.phrases else self.labels[language]


def _item(
    item_id: str,
    labels: tuple[str, str, str, str],
    phrases: tuple[str, str, str, str],
    legal: bool = False,
) -> ChecklistItem:
    """``labels`` and ``phrases`` in fr, nl, de, en."""
    languages = ("fr", "nl", "de", "en")
    return ChecklistItem(
        item_id,
        dict(zip(languages, labels, strict=True)),
        legal,
        dict(zip(languages, phrases, strict=True)),
    )


# Terms: the work authorisation is FR "autorisation de travail", NL "toelating tot arbeid",
# DE "Arbeitserlaubnis" (RULES.md), the same in the forms, the explanations and the UI.
PASSPORT = _item(
    "passport",
    ("passeport en cours de validité", "geldig paspoort", "gültiger Reisepass", "valid passport"),
    (
        "un passeport en cours de validité",
        "een geldig paspoort",
        "ein gültiger Reisepass",
        "a valid passport",
    ),
)
RESIDENCE_CARD = _item(
    "residence_card",
    (
        "carte de séjour actuelle",
        "huidige verblijfskaart",
        "aktuelle Aufenthaltskarte",
        "current residence card",
    ),
    (
        "la carte de séjour actuelle",
        "de huidige verblijfskaart",
        "die aktuelle Aufenthaltskarte",
        "the current residence card",
    ),
)
PHOTO = _item(
    "photo",
    ("photo d'identité récente", "recente pasfoto", "aktuelles Passfoto", "recent identity photo"),
    (
        "une photo d'identité récente",
        "een recente pasfoto",
        "ein aktuelles Passfoto",
        "a recent identity photo",
    ),
)
PROOF_OF_ADDRESS = _item(
    "proof_of_address",
    ("preuve d'adresse", "bewijs van adres", "Wohnsitznachweis", "proof of address"),
    ("une preuve d'adresse", "een bewijs van adres", "ein Wohnsitznachweis", "a proof of address"),
)
REGIONAL_ATTESTATION = _item(
    "regional_attestation",
    (
        "document de l'autorité régionale attestant que la demande est recevable et complète",
        "document van de gewestelijke overheid waaruit blijkt dat de aanvraag ontvankelijk en "
        "volledig is",
        "Dokument der regionalen Behörde über die Zulässigkeit und Vollständigkeit des Antrags",
        "regional authority's attestation that the application is admissible and complete",
    ),
    (
        "le document de l'autorité régionale attestant que la demande est recevable et complète",
        "het document van de gewestelijke overheid waaruit blijkt dat de aanvraag ontvankelijk "
        "en volledig is",
        "das Dokument der regionalen Behörde über die Zulässigkeit und Vollständigkeit des Antrags",
        "the regional authority's attestation that the application is admissible and complete",
    ),
    legal=True,
)
DECISION = _item(
    "decision",
    (
        "décision d'autorisation de séjour et de travail (annexe 46 ou 47)",
        "beslissing tot machtiging tot verblijf en arbeid (bijlage 46 of 47)",
        "Entscheidung über die Aufenthalts- und Arbeitserlaubnis (Anlage 46 oder 47)",
        "decision authorising stay and work (annex 46 or 47)",
    ),
    (
        "la décision d'autorisation de séjour et de travail (annexe 46 ou 47)",
        "de beslissing tot machtiging tot verblijf en arbeid (bijlage 46 of 47)",
        "die Entscheidung über die Aufenthalts- und Arbeitserlaubnis (Anlage 46 oder 47)",
        "the decision authorising stay and work (annex 46 or 47)",
    ),
    legal=True,
)
VISA = _item(
    "visa",
    (
        "visa de long séjour (venant de l'étranger)",
        "visum voor lang verblijf (vanuit het buitenland)",
        "Visum für einen längerfristigen Aufenthalt (aus dem Ausland)",
        "long-stay visa (coming from abroad)",
    ),
    (
        "un visa de long séjour (venant de l'étranger)",
        "een visum voor lang verblijf (vanuit het buitenland)",
        "ein Visum für einen längerfristigen Aufenthalt (aus dem Ausland)",
        "a long-stay visa (coming from abroad)",
    ),
    legal=True,
)
WORK_END_NOTICE = _item(
    "work_end_notice",
    (
        "notification de l'autorité régionale mettant fin à l'autorisation de travail, avec sa "
        "date",
        "kennisgeving van de gewestelijke overheid over het einde van de toelating tot arbeid, "
        "met de datum",
        "Mitteilung der regionalen Behörde über das Ende der Arbeitserlaubnis, mit Datum",
        "regional authority's notice ending the work authorisation, with its date",
    ),
    (
        "la notification de l'autorité régionale mettant fin à l'autorisation de travail, avec "
        "sa date",
        "de kennisgeving van de gewestelijke overheid over het einde van de toelating tot "
        "arbeid, met de datum",
        "die Mitteilung der regionalen Behörde über das Ende der Arbeitserlaubnis, mit Datum",
        "the regional authority's notice ending the work authorisation, with its date",
    ),
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


def phrase_of(item_id: str, language: str) -> str:
    """The item with its article, for a sentence ("een recente pasfoto"); a commune's own
    item (unknown id) shows its id."""
    item = ITEMS_BY_ID.get(item_id)
    return item.phrase(language) if item else item_id


_AND = {"fr": "et", "nl": "en", "de": "und", "en": "and"}


def phrases_of(item_ids: Iterable[str], language: str) -> str:
    """Several items in one sentence, with their articles: "een recente pasfoto en een geldig
    paspoort"; the sentence around it says "ontbreken" / "fehlen" when there are several."""
    phrases = [phrase_of(item_id, language) for item_id in item_ids]
    if len(phrases) < 2:
        return "".join(phrases)
    return f"{', '.join(phrases[:-1])} {_AND[language]} {phrases[-1]}"
