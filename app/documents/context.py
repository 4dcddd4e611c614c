"""What a printed annex needs to know: plain, frozen values, no Qt, no SQL.

The services fill these from the store; the renderer formats them for the document's
language and lays them out.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PersonData:
    """The identity printed on an annex: the holder, or the family member it is issued to."""

    surname: str
    given_names: str
    birth_date: date | None
    birth_place: str
    nationality: str  # ISO 3166 alpha-2, e.g. "MA"; printed as Babel's country name
    national_number: str | None  # compact 11 digits or None
    sex: str | None  # "M" | "F" | None
    address: str  # one line
    card_number: str = ""
    #: What ``card_number`` is: "single_permit" (the holder's permis unique) or
    #: "residence_card" (another residence document). Without a number the card line is
    #: left out: a family member, or a first registration without a residence card.
    card_kind: str = "single_permit"
    #: A family member's tie to the holder (app.domain.model.Relationship), for annex 51;
    #: older records may hold free text, printed as it is.
    relationship: str = ""


@dataclass(frozen=True)
class ExtensionSigned:
    """Who granted one extension, and when: printed in its box (R6), the title already in
    the paper's language."""

    on: date | None = None  # None: an extension recorded before boxes were signed
    signatory_name: str = ""
    signatory_title: str = ""


@dataclass(frozen=True)
class AnnexData:
    """One annex to print, in one language (R7), with everything it shows."""

    annex: str  # "41" | "49" | "50" | "51"
    language: str  # "fr" | "nl" | "de"
    person: PersonData
    issued_on: date
    register_number: str  # "2026/000123"
    commune_name: str
    commune_address: str = ""
    commune_logo: bytes | None = None  # PNG or JPEG
    signatory_name: str = ""
    signatory_title: str = ""
    valid_until: date | None = None  # None for 41
    variant: str = ""  # "renewal" | "first_registration" for 49; "" otherwise
    missing_documents: tuple[str, ...] = ()  # annex 41, already in the document's language
    extensions: tuple[date, ...] = ()  # end dates of the extensions granted so far
    #: Date and signatory of each extension, in the order of ``extensions`` (older
    #: snapshots have none: their boxes print the end date only).
    extension_signatures: tuple[ExtensionSigned, ...] = ()
    permit_expiry: date | None = None
    renewal_filed_on: date | None = None
    family_of: PersonData | None = None  # annex 51 issued to a family member of this holder
    handed_in_document: str = ""  # 49 first registration, free text of older snapshots
    handed_in: str = ""  # 49 first registration: app.domain.model.HandedIn value, or ""
    handed_in_number: str = ""  # the number of the document handed in
    specimen: bool = False
