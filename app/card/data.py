"""What the counter keeps from a residence card, and how it becomes a holder and a permit.

:meth:`CardData.from_objects` turns the raw data objects of the middleware (label → bytes)
into a :class:`CardData`; :meth:`CardData.to_json_dict` is what ``permitdesk card read``
prints; :meth:`CardData.to_domain` fills :class:`~app.domain.model.Holder` and
:class:`~app.domain.model.Permit` for a new renewal file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from app.card import fields, labels
from app.card.country import match_country
from app.card.doctypes import document_type
from app.card.errors import ForeignCard, UnreadableField
from app.domain.birth_dates import PartialDate
from app.domain.model import Address, Case, Holder, LabourMarket, Permit, Sex
from app.domain.rules import renewal_case

logger = logging.getLogger(__name__)

T = TypeVar("T")


SOURCE_CARD = "card"
"""Read from the chip of the card in the reader."""
SOURCE_SAVED_FILE = "saved_file"
"""Read from a file the eID viewer saved: not signed, anybody can have edited it."""


@dataclass(frozen=True)
class CardData:
    """The holder's identity and the card's validity and mentions, as read from the chip
    (or from a saved eID viewer file: ``source``)."""

    surname: str
    given_names: str
    birth_date: date | None
    birth_date_partial: PartialDate | None  # set when the register knows the date in part
    birth_place: str
    nationality_text: str
    nationality: str | None  # ISO 3166 alpha-2, None when the text matched no single country
    sex: Sex | None
    national_number: str
    card_number: str
    card_type: str | None  # "A", "B", "EU+", "I"... "eID", "Kids-ID"; None: unknown type
    card_valid_from: date | None
    card_valid_until: date | None
    labour_market: LabourMarket | None
    street: str = ""
    postal_code: str = ""
    municipality: str = ""
    photo: bytes | None = None
    document_type: str = ""  # the chip's code ("12", "33", "63"...)
    issuing_municipality: str = ""
    chip_number: str = ""
    employer_vat_1: str = ""  # 10 digits
    employer_vat_2: str = ""
    regional_file_number: str = ""
    special_status: str = ""  # the chip's code, "0"-"5" (fields.parse_special_status)
    member_of_family: bool = False
    nobility: str = ""
    duplicate: str = ""
    special_organisation: str = ""
    protection: str = ""  # date and country of protection (international protection)
    brexit_mentions: tuple[str, ...] = ()
    card_a_mentions: tuple[str, ...] = ()
    card_eu_start_date: date | None = None
    source: str = SOURCE_CARD

    @property
    def unverified(self) -> bool:
        """True for a saved file: unsigned, so every field is the file's word only."""
        return self.source != SOURCE_CARD

    @classmethod
    def from_objects(cls, objects: Mapping[str, bytes], source: str = SOURCE_CARD) -> CardData:
        """Build from the middleware's data objects, label → raw ``CKA_VALUE``.

        An absent or empty object is a field the card does not have, except the
        member-of-family mention, whose presence is the mention. Raises
        :class:`ForeignCard` without a national number or document type, and
        :class:`UnreadableField` for a value that cannot be parsed.
        """
        text = {
            label: _decode(label, objects[label])
            for label in labels.TEXT_LABELS
            if label in objects
        }

        def field(label: str) -> str:
            return text.get(label, "")

        def parsed(label: str, parse: Callable[[str], T]) -> T | None:
            value = field(label)
            if not value:
                return None
            try:
                return parse(value)
            except ValueError as error:
                raise UnreadableField(label, value, str(error)) from error

        if not field(labels.NATIONAL_NUMBER) or not field(labels.DOCUMENT_TYPE):
            raise ForeignCard()
        birth = parsed(labels.BIRTH_DATE, fields.parse_birth_date)
        nationality_text = field(labels.NATIONALITY)
        return cls(
            surname=field(labels.SURNAME),
            given_names=fields.compose_given_names(
                field(labels.FIRSTNAMES), field(labels.THIRD_NAME_INITIAL)
            ),
            birth_date=birth if isinstance(birth, date) else None,
            birth_date_partial=birth if isinstance(birth, PartialDate) else None,
            birth_place=field(labels.BIRTH_PLACE),
            nationality_text=nationality_text,
            nationality=match_country(nationality_text) if nationality_text else None,
            sex=parsed(labels.GENDER, fields.parse_sex),
            national_number=parsed(labels.NATIONAL_NUMBER, fields.parse_national_number) or "",
            card_number=field(labels.CARD_NUMBER),
            card_type=fields.card_letter(field(labels.DOCUMENT_TYPE)),
            card_valid_from=parsed(labels.VALID_FROM, fields.parse_card_date),
            card_valid_until=parsed(labels.VALID_UNTIL, fields.parse_card_date),
            labour_market=parsed(labels.WORK_PERMIT_MENTION, fields.parse_labour_market),
            street=field(labels.STREET),
            postal_code=field(labels.ZIP),
            municipality=field(labels.MUNICIPALITY),
            photo=objects.get(labels.PHOTO) or None,
            document_type=field(labels.DOCUMENT_TYPE),
            issuing_municipality=field(labels.ISSUING_MUNICIPALITY),
            chip_number=field(labels.CHIP_NUMBER),
            employer_vat_1=parsed(labels.EMPLOYER_VAT_1, fields.parse_vat_number) or "",
            employer_vat_2=parsed(labels.EMPLOYER_VAT_2, fields.parse_vat_number) or "",
            regional_file_number=field(labels.REGIONAL_FILE_NUMBER),
            special_status=parsed(labels.SPECIAL_STATUS, fields.parse_special_status) or "",
            member_of_family=labels.MEMBER_OF_FAMILY in objects,
            nobility=field(labels.NOBILITY),
            duplicate=field(labels.DUPLICATE),
            special_organisation=field(labels.SPECIAL_ORGANISATION),
            protection=field(labels.PROTECTION),
            brexit_mentions=_mentions(
                field(labels.BREXIT_MENTION_1), field(labels.BREXIT_MENTION_2)
            ),
            card_a_mentions=_mentions(
                field(labels.CARD_A_MENTION_1), field(labels.CARD_A_MENTION_2)
            ),
            card_eu_start_date=parsed(labels.CARD_EU_START_DATE, fields.parse_card_date),
            source=source,
        )

    def birth_date_text(self) -> str | None:
        """ISO birth date; a partial one as the register writes it (``1975-03-00``)."""
        if self.birth_date is not None:
            return self.birth_date.isoformat()
        return self.birth_date_partial.iso() if self.birth_date_partial is not None else None

    def document_name(self, language: str = "fr") -> str:
        """The card's title as printed in ``language`` ("" for an unknown type)."""
        found = document_type(self.document_type) if self.document_type else None
        return found.name(language) if found is not None else ""

    def to_json_dict(self) -> dict[str, Any]:
        """The card as ``permitdesk card read --format json`` prints it (no photo)."""
        return {
            "surname": self.surname,
            "given_names": self.given_names,
            "birth_date": self.birth_date_text(),
            "birth_place": self.birth_place,
            "nationality_text": self.nationality_text,
            "sex": self.sex.value if self.sex else None,
            "national_number": self.national_number,
            "card_number": self.card_number,
            "card_type": self.card_type,
            "document_type": self.document_type,
            "document_name": self.document_name(),
            "card_valid_from": _iso(self.card_valid_from),
            "card_valid_until": _iso(self.card_valid_until),
            "issuing_municipality": self.issuing_municipality,
            "labour_market": self.labour_market.value if self.labour_market else None,
            "employer_vat_1": self.employer_vat_1,
            "employer_vat_2": self.employer_vat_2,
            "regional_file_number": self.regional_file_number,
            "special_status": self.special_status,
            "member_of_family": self.member_of_family,
            "nobility": self.nobility,
            "duplicate": self.duplicate,
            "special_organisation": self.special_organisation,
            "protection": self.protection,
            "brexit_mentions": list(self.brexit_mentions),
            "card_a_mentions": list(self.card_a_mentions),
            "card_eu_start_date": _iso(self.card_eu_start_date),
            "chip_number": self.chip_number,
            "street": self.street,
            "postal_code": self.postal_code,
            "municipality": self.municipality,
            "source": self.source,
            "unverified": self.unverified,
        }

    def proposed_case(self) -> Case | None:
        """The renewal procedure the mention implies: limited → R2, unlimited → R3."""
        return renewal_case(self.labour_market) if self.labour_market else None

    def to_domain(self) -> tuple[Holder, Permit]:
        """A new (unsaved) holder and their permit; raises ValueError for a non-single permit.

        A single permit needs a labour-market mention and an expiry date; the holder's
        nationality stays empty when it matched no country (the clerk fills it in).
        """
        if self.labour_market is None:
            raise ValueError("the card has no labour-market mention: it is not a single permit")
        if self.card_valid_until is None:
            raise ValueError("the card has no end of validity")
        holder = Holder(
            surname=self.surname,
            given_names=self.given_names,
            birth_date=self.birth_date,
            birth_date_partial=self.birth_date_partial,
            birth_place=self.birth_place,
            nationality=self.nationality or "",
            national_number=self.national_number or None,
            sex=self.sex,
            address=Address(self.street, self.postal_code, self.municipality),
        )
        permit = Permit(
            holder_id=None,
            card_number=self.card_number,
            expiry=self.card_valid_until,
            labour_market=self.labour_market,
            valid_from=self.card_valid_from,
            card_type=self.card_type or "",
            regional_file_number=self.regional_file_number,
            employer_vat_1=self.employer_vat_1,
            employer_vat_2=self.employer_vat_2,
            issuing_municipality=self.issuing_municipality,
            special_status=self.special_status,
            member_of_family=self.member_of_family,
        )
        return holder, permit


def _decode(label: str, raw: bytes) -> str:
    try:
        return raw.decode("utf-8").strip(" \x00\t\r\n")
    except UnicodeDecodeError as error:
        raise UnreadableField(label, reason="not UTF-8 text") from error


def _mentions(*texts: str) -> tuple[str, ...]:
    return tuple(text for text in texts if text)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
