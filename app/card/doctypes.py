"""Every document type the Belgian eID middleware knows: its card letter, its name as the
card prints it in French, Dutch, German (and English), and whether it is a residence card.

The codes, names and XML names are those of Fedict/eid-mw's eID viewer
(``plugins_tools/eid-viewer/conversions/doctypeconv.cpp`` and ``xmldoctypeconv.cpp``):
types 1 and 6 are a Belgian citizen's identity card and Kids-ID, 7 and 8 the bootstrap and
habilitation cards (not identity documents of a holder), 11-36 the foreigners' cards and
61-69 the same cards for children under 12 (since 2023). The middleware gives a type of
one digit as ``1`` or ``01``: both are accepted.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum

logger = logging.getLogger(__name__)


class Kind(StrEnum):
    BELGIAN = "belgian"  # a Belgian citizen's card: not a residence card
    OTHER = "other"  # not a holder's identity document at all
    RESIDENCE = "residence"  # a foreigner's residence card


@dataclass(frozen=True)
class DocumentType:
    """One document type: ``code`` as the chip gives it, the letter printed on the card
    (``"eID"`` and ``"Kids-ID"`` for Belgians' cards, ``""`` for 7 and 8), the eID viewer's
    XML name, and the card's title per language."""

    code: str
    letter: str
    xml_name: str
    kind: Kind
    fr: str
    nl: str
    de: str
    en: str

    def name(self, language: str) -> str:
        """The card's title in ``language`` (fr, nl, de, en; French otherwise)."""
        return str(getattr(self, language, self.fr)) if language in ("nl", "de", "en") else self.fr


DOCUMENT_TYPES: tuple[DocumentType, ...] = (
    DocumentType(
        "1",
        "eID",
        "belgian_citizen",
        Kind.BELGIAN,
        "CARTE D'IDENTITE",
        "IDENTITEITSKAART",
        "PERSONALAUSWEIS",
        "IDENTITY CARD",
    ),
    DocumentType(
        "6",
        "Kids-ID",
        "kids_card",
        Kind.BELGIAN,
        "CARTE POUR ENFANTS",
        "KIDS KAART",
        "KIDS-KARTE",
        "KIDS CARD",
    ),
    DocumentType(
        "7",
        "",
        "bootstrap_card",
        Kind.OTHER,
        "CARTE DE DEMARRAGE",
        "OPSTARTKAART",
        "STARTKARTE",
        "BOOTSTRAP CARD",
    ),
    DocumentType(
        "8",
        "",
        "habilitation_card",
        Kind.OTHER,
        "CARTE D'HABILITATION",
        "HABILITATIEKAART",
        "Berechtigungskarte",
        "Habilitation Card",
    ),
    DocumentType(
        "11",
        "A",
        "foreigner_a",
        Kind.RESIDENCE,
        "Certificat d'inscription au Registre des Etrangers – Séjour temporaire",
        "Bewijs van inschrijving in het vreemdelingenregister – Tijdelijk verblijf",
        "Bescheinigung der Eintragung im Ausländerregister – Vorübergehender Aufenthalt",
        "Proof of registration in the Aliens’ Register - Temporary residence",
    ),
    DocumentType(
        "12",
        "B",
        "foreigner_b",
        Kind.RESIDENCE,
        "Certificat d'inscription au Registre des Etrangers",
        "Bewijs van inschrijving in het vreemdelingenregister",
        "Bescheinigung der Eintragung im Ausländerregister",
        "Proof of registration in the Aliens’ Register",
    ),
    DocumentType(
        "13",
        "C",
        "foreigner_c",
        Kind.RESIDENCE,
        "Carte d'identité d'étranger",
        "Identiteitskaart voor vreemdeling",
        "Personalausweis für Ausländer",
        "Identity Card for Aliens",
    ),
    DocumentType(
        "14",
        "D",
        "foreigner_d",
        Kind.RESIDENCE,
        "Résident de longue durée – UE",
        "EU-Langdurig ingezetene",
        "Daueraufenthalt – EU",
        "Long-term EU Resident",
    ),
    DocumentType(
        "15",
        "E",
        "foreigner_e",
        Kind.RESIDENCE,
        "Attestation d'enregistrement",
        "Verklaring van inschrijving",
        "Anmeldebescheinigung",
        "Registration certificate",
    ),
    DocumentType(
        "16",
        "E+",
        "foreigner_e_plus",
        Kind.RESIDENCE,
        "Document attestant de la permanence du séjour",
        "Document ter staving van duurzaam verblijf van een EU onderdaan",
        "Dokument zur Bescheinigung des Daueraufenthalts",
        "Document certifying permanent residence",
    ),
    DocumentType(
        "17",
        "F",
        "foreigner_f",
        Kind.RESIDENCE,
        "Carte de séjour de membre de la famille d'un citoyen de l'Union",
        "Verblijfskaart van een familielid van een burger van de Unie",
        "Aufenthaltskarte für Familienangehörige eines Unionsbürgers",
        "Residence card of a family member of a Union citizen",
    ),
    DocumentType(
        "18",
        "F+",
        "foreigner_f_plus",
        Kind.RESIDENCE,
        "Carte de séjour permanent de membre de la famille d’un citoyen de l’Union",
        "Duurzame verblijfskaart van een familielid van een burger van de Unie",
        "Daueraufenthaltskarte für Familienangehörige eines Unionsbürgers",
        "Permanent residence card of a family member of a Union citizen",
    ),
    DocumentType(
        "19",
        "H",
        "european_blue_card_h",
        Kind.RESIDENCE,
        "Carte bleue européenne",
        "Europese blauwe kaart",
        "Blaue Karte EU",
        "EU Blue Card",
    ),
    DocumentType("20", "I", "ict_i", Kind.RESIDENCE, "I. ICT", "I. ICT", "I. ICT", "I. ICT"),
    DocumentType(
        "21",
        "J",
        "mobile_ict_j",
        Kind.RESIDENCE,
        "J. Mobile ICT",
        "J. Mobile ICT",
        "J. Mobile ICT",
        "J. Mobile ICT",
    ),
    DocumentType(
        "22",
        "M",
        "foreigner_m",
        Kind.RESIDENCE,
        "M. Article 50 TUE",
        "M. Artikel 50 VEU",
        "M. Artikel 50 VEU",
        "M. Article 50 TUE",
    ),
    DocumentType(
        "23",
        "N",
        "foreigner_n",
        Kind.RESIDENCE,
        "N. Art. 50 TUE - Travailleur frontalier",
        "N. Art. 50 VEU - Grensarbeider",
        "N. Art. 50 VEU - Grenzgänger",
        "N. Art. 50 TUE - Local Border Traffic",
    ),
    DocumentType(
        "27",
        "K",
        "foreigner_k",
        Kind.RESIDENCE,
        "K. ETABLISSEMENT",
        "K. VESTIGING",
        "K. NIEDERLASSUNG",
        "K. ESTABLISHMENT",
    ),
    DocumentType(
        "28",
        "L",
        "foreigner_l",
        Kind.RESIDENCE,
        "L. RESIDENT DE LONGUE DUREE - UE",
        "L. EU-LANGDURIG INGEZETENE",
        "L. DAUERAUFENTHALT - EU",
        "L. EU LONG-TERM RESIDENT",
    ),
    DocumentType(
        "31",
        "EU",
        "foreigner_eu",
        Kind.RESIDENCE,
        "EU. Enregistrement - Art 8 DIR 2004/38/CE",
        "EU. Inschrijving - Art 8 RL 2004/38/EG",
        "EU. Anmeldung - Art 8 RL 2004/38/EG",
        "EU. Registration - Art 8 RL 2004/38/EG",
    ),
    DocumentType(
        "32",
        "EU+",
        "foreigner_eu_plus",
        Kind.RESIDENCE,
        "EU+. Séjour permanent - Art 19 DIR 2004/38/CE",
        "EU+. Duurzaam verblijf - Art 19 RL 2004/38/EG",
        "EU+. Daueraufenthalt - Art 19 RL 2004/38/EG",
        "EU+. Permanent residence - Art 19 RL 2004/38/EG",
    ),
    DocumentType(
        "33",
        "A",
        "foreigner_A",
        Kind.RESIDENCE,
        "A. SEJOUR LIMITE",
        "A. BEPERKT VERBLIJF",
        "A. AUFENTHALT FUR BEGRENZTE DAUER",
        "A.LIMITED STAY",
    ),
    DocumentType(
        "34",
        "B",
        "foreigner_B",
        Kind.RESIDENCE,
        "B. SEJOUR ILLIMITE",
        "B. ONBEPERKT VERBLIJF",
        "B. AUFENTHALT FUR UNBEGRENZTE DAUER",
        "B. UNLIMITED STAY",
    ),
    DocumentType(
        "35",
        "F",
        "foreigner_F",
        Kind.RESIDENCE,
        "F. MEMBRE FAMILLE UE ART 10 DIR 2004/38/CE",
        "F. FAMILIELID EU ART 10 RL 2004/38/EG",
        "F. EU-FAMILIENANGEHORIGER ART 10 RL 2004/38/EG",
        "F. FAMILY MEMBER EU ART 10 RL 2004/38/EC",
    ),
    DocumentType(
        "36",
        "F+",
        "foreigner_F_plus",
        Kind.RESIDENCE,
        "F+. MEMBRE FAMILLE UE ART 20 DIR 2004/38/CE",
        "F+. FAMILIELID EU ART 20 RL 2004/38/EG",
        "F+. EU-FAMILIENANGEHORIGER ART 20 RL 2004/38/EG",
        "F+. FAMILY MEMBER EU ART 20 RL 2004/38/EC",
    ),
    DocumentType(
        "61",
        "EU",
        "kids_foreigner_eu",
        Kind.RESIDENCE,
        "EU. Enregistrement - Art 8 DIR 2004/38/CE",
        "EU. Inschrijving - Art 8 RL 2004/38/EG",
        "EU. Anmeldung - Art 8 RL 2004/38/EG",
        "EU. Registration - Art 8 RL 2004/38/EG",
    ),
    DocumentType(
        "62",
        "EU+",
        "kids_foreigner_eu_plus",
        Kind.RESIDENCE,
        "EU+. Séjour permanent - Art 19 DIR 2004/38/CE",
        "EU+. Duurzaam verblijf - Art 19 RL 2004/38/EG",
        "EU+. Daueraufenthalt - Art 19 RL 2004/38/EG",
        "EU+. Permanent residence - Art 19 RL 2004/38/EG",
    ),
    DocumentType(
        "63",
        "A",
        "kids_foreigner_A",
        Kind.RESIDENCE,
        "A. SEJOUR LIMITE",
        "A. BEPERKT VERBLIJF",
        "A. AUFENTHALT FUR BEGRENZTE DAUER",
        "A.LIMITED STAY",
    ),
    DocumentType(
        "64",
        "B",
        "kids_foreigner_B",
        Kind.RESIDENCE,
        "B. SEJOUR ILLIMITE",
        "B. ONBEPERKT VERBLIJF",
        "B. AUFENTHALT FUR UNBEGRENZTE DAUER",
        "B. UNLIMITED STAY",
    ),
    DocumentType(
        "65",
        "K",
        "kids_foreigner_K",
        Kind.RESIDENCE,
        "K. ETABLISSEMENT",
        "K. VESTIGING",
        "K. NIEDERLASSUNG",
        "K. ESTABLISHMENT",
    ),
    DocumentType(
        "66",
        "L",
        "kids_foreigner_L",
        Kind.RESIDENCE,
        "L. RESIDENT DE LONGUE DUREE - UE",
        "L. EU-LANGDURIG INGEZETENE",
        "L. DAUERAUFENTHALT - EU",
        "L. EU LONG-TERM RESIDENT",
    ),
    DocumentType(
        "67",
        "F",
        "kids_foreigner_F",
        Kind.RESIDENCE,
        "F. MEMBRE FAMILLE UE ART 10 DIR 2004/38/CE",
        "F. FAMILIELID EU ART 10 RL 2004/38/EG",
        "F. EU-FAMILIENANGEHORIGER ART 10 RL 2004/38/EG",
        "F. FAMILY MEMBER EU ART 10 RL 2004/38/EC",
    ),
    DocumentType(
        "68",
        "F+",
        "kids_foreigner_F_plus",
        Kind.RESIDENCE,
        "F+. MEMBRE FAMILLE UE ART 20 DIR 2004/38/CE",
        "F+. FAMILIELID EU ART 20 RL 2004/38/EG",
        "F+. EU-FAMILIENANGEHORIGER ART 20 RL 2004/38/EG",
        "F+. FAMILY MEMBER EU ART 20 RL 2004/38/EC",
    ),
    DocumentType(
        "69",
        "M",
        "kids_foreigner_M",
        Kind.RESIDENCE,
        "M. Article 50 TUE",
        "M. Artikel 50 VEU",
        "M. ARTIKEL 50 VEU",
        "M. Article 50 TUE",
    ),
)

_BY_CODE = {document.code: document for document in DOCUMENT_TYPES}
_BY_XML_NAME = {document.xml_name: document for document in DOCUMENT_TYPES}


def document_type(code: str) -> DocumentType | None:
    """The document type for the chip's code (``"12"``, ``"1"``, ``"01"``); None if unknown."""
    code = code.strip()
    if code.isdigit():
        code = str(int(code))
    found = _BY_CODE.get(code)
    if found is None:
        logger.warning("unknown document type %r", code)
    return found


def by_xml_name(name: str) -> DocumentType | None:
    """The document type the eID viewer's XML names ``name`` (``"foreigner_b"``)."""
    return _BY_XML_NAME.get(name.strip())
