"""A card saved by the official eID viewer (an ``.eid`` file), read like a live card.

The viewer saves the card as XML, described by Fedict/eid-mw's
``plugins_tools/eid-viewer/xml/eidv4.xsd``: version 4.0 (no ``version`` attribute) to 4.5
(``memberoffamily`` and ``<workpermit>`` from 4.1, ``<brexit>`` 4.2, the I, J, M and N
cards 4.3, ``graphpersoversion`` 4.4, ``<cardA>`` 4.5). :func:`read_saved_card` turns the
file back into the middleware's data objects, in the chip's own text forms (as the viewer
itself does when it opens a file), and builds the :class:`~app.card.data.CardData` from
them: a saved card and a live one go through the same parsing.

The file is not signed: anybody can edit it. The card read from it says so
(``source == "saved_file"``, ``unverified``). The XML is parsed with defusedxml, refusing
any document type declaration, entity or external reference (no viewer writes one: such a
file is hostile or not the viewer's), and a file over :data:`MAX_BYTES` is refused unread.
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from app.card import labels
from app.card.data import SOURCE_SAVED_FILE, CardData
from app.card.doctypes import by_xml_name
from app.card.errors import DamagedSavedCard, NotASavedCard, UnsafeSavedCard
from app.domain.birth_dates import CARD_MONTHS

logger = logging.getLogger(__name__)

MAX_BYTES = 2 * 1024 * 1024
"""A saved card is about 12 KB (the photo and five certificates); anything past 2 MB is not."""

VERSIONS: tuple[str, ...] = ("4.0", "4.1", "4.2", "4.3", "4.4", "4.5")
"""The versions ``eidv4.xsd`` describes; 4.0 writes no ``version`` attribute."""

_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_GENDERS = {"male": "M", "female": "F"}
_MENTIONS = {"unlimited": "7", "limited": "8", "no": "9", "seasonal worker": "A"}
_SPECIAL_STATUSES = {
    "NO_STATUS": "0",
    "WHITE_CANE": "1",
    "EXTENDED_MINORITY": "2",
    "WHITE_CANE_EXTENDED_MINORITY": "3",
    "YELLOW_CANE": "4",
    "YELLOW_CANE_EXTENDED_MINORITY": "5",
}
_TRUE = frozenset({"true", "1"})


def read_saved_card(path: Path | str) -> CardData:
    """Read an eID viewer file; raises a :class:`~app.card.errors.SavedCardError` (not the
    viewer's, damaged, hostile) or another :class:`CardError` (a field that cannot be read,
    no national number)."""
    path = Path(path)
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError as error:
        raise NotASavedCard(str(path), f"cannot be opened ({error.strerror or error})") from error
    if len(data) > MAX_BYTES:
        raise NotASavedCard(str(path), "is far too large to be a card saved by the eID viewer")
    return parse_saved_card(data, str(path))


def parse_saved_card(data: bytes, name: str = "the file") -> CardData:
    """:func:`read_saved_card` on the file's bytes; ``name`` is said in the errors."""
    root = _parse(data, name)
    if root.tag != "eid":
        raise NotASavedCard(name, f"is XML, but not a card saved by the eID viewer (<{root.tag}>)")
    version = root.get("version", "4.0").strip()
    if version not in VERSIONS:
        raise NotASavedCard(
            name, f"was written by a version of the eID viewer PermitDesk does not know ({version})"
        )
    objects = _objects(root, name)
    logger.info("saved card %s: version %s, %d fields", name, version, len(objects))
    return CardData.from_objects(objects, source=SOURCE_SAVED_FILE)


def _parse(data: bytes, name: str) -> Element:
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise UnsafeSavedCard(
            name, "declares a document type or entities, which no eID viewer file does"
        ) from error
    except ParseError as error:
        if not data.lstrip().startswith(b"<"):
            raise NotASavedCard(name, "is not XML: not a card saved by the eID viewer") from error
        raise DamagedSavedCard(name, f"is cut short or damaged ({error})") from error


def _objects(root: Element, name: str) -> dict[str, bytes]:
    """The middleware's data objects, label → value as the chip holds it."""
    identity = _required(root, "identity", name)
    card = _required(root, "card", name)
    address = root.find("address")
    text: dict[str, str] = {}

    def put(label: str, value: str | None) -> None:
        if value is not None and value.strip():
            text[label] = value.strip()

    put(labels.NATIONAL_NUMBER, identity.get("nationalnumber"))
    put(labels.BIRTH_DATE, _birth_date(identity.get("dateofbirth", ""), name))
    put(labels.GENDER, _coded(_GENDERS, identity.get("gender"), "gender", name))
    put(labels.NOBILITY, identity.get("noblecondition"))
    put(
        labels.SPECIAL_STATUS,
        _coded(_SPECIAL_STATUSES, identity.get("specialstatus"), "specialstatus", name),
    )
    put(labels.DUPLICATE, identity.get("duplicate"))
    put(labels.PROTECTION, identity.get("dateandcountryofprotection"))
    put(labels.SURNAME, identity.findtext("name"))
    put(labels.FIRSTNAMES, identity.findtext("firstname"))
    put(labels.THIRD_NAME_INITIAL, identity.findtext("middlenames"))
    put(labels.NATIONALITY, identity.findtext("nationality"))
    put(labels.BIRTH_PLACE, identity.findtext("placeofbirth"))
    put(labels.DOCUMENT_TYPE, _document_type(card.get("documenttype", ""), name))
    put(labels.CARD_NUMBER, card.get("cardnumber"))
    put(labels.CHIP_NUMBER, card.get("chipnumber"))
    put(labels.VALID_FROM, _validity(card.get("validitydatebegin", ""), name))
    put(labels.VALID_UNTIL, _validity(card.get("validitydateend", ""), name))
    put(labels.ISSUING_MUNICIPALITY, card.findtext("deliverymunicipality"))
    put(labels.PROTECTION, card.findtext("protection_date_country"))
    permit = card.find("workpermit")
    if permit is not None:
        put(
            labels.WORK_PERMIT_MENTION,
            _coded(_MENTIONS, permit.get("mention"), "workpermit mention", name),
        )
        put(labels.EMPLOYER_VAT_1, permit.get("vat1"))
        put(labels.EMPLOYER_VAT_2, permit.get("vat2"))
        put(labels.REGIONAL_FILE_NUMBER, permit.get("regionalfile"))
    brexit = card.find("brexit")
    if brexit is not None:
        put(labels.BREXIT_MENTION_1, brexit.get("mention1"))
        put(labels.BREXIT_MENTION_2, brexit.get("mention2"))
    card_a = card.find("cardA")
    if card_a is not None:
        put(labels.CARD_A_MENTION_1, card_a.get("mentions1"))
        put(labels.CARD_A_MENTION_2, card_a.get("mentions2"))
    if address is not None:
        put(labels.STREET, address.findtext("streetandnumber"))
        put(labels.ZIP, address.findtext("zip"))
        put(labels.MUNICIPALITY, address.findtext("municipality"))
    objects = {label: value.encode("utf-8") for label, value in text.items()}
    if identity.get("memberoffamily", "").strip().lower() in _TRUE:
        objects[labels.MEMBER_OF_FAMILY] = b""  # on the chip, its presence is the mention
    photo = identity.findtext("photo")
    if photo and photo.strip():
        objects[labels.PHOTO] = _photo(photo, name)
    return objects


def _required(root: Element, tag: str, name: str) -> Element:
    found = root.find(tag)
    if found is None:
        raise DamagedSavedCard(name, f"has no <{tag}> part")
    return found


def _coded(codes: dict[str, str], value: str | None, what: str, name: str) -> str | None:
    if value is None or not value.strip():
        return None
    code = codes.get(value.strip())
    if code is None:
        raise DamagedSavedCard(name, f"has an unknown {what} ({value.strip()!r})")
    return code


def _date_parts(value: str, what: str, name: str) -> tuple[str, int, str]:
    match = _DATE.match(value.strip())
    if match is None:
        raise DamagedSavedCard(name, f"has a {what} that is not a date ({value.strip()!r})")
    return match.group(1), int(match.group(2)), match.group(3)


def _birth_date(value: str, name: str) -> str | None:
    """``19850212`` → ``12 FEV 1985``, the chip's form; ``19750300`` → ``   MARS 1975``
    and ``19750000`` → ``1975`` (the viewer writes an unknown month or day as 00)."""
    if not value.strip():
        return None
    year, month, day = _date_parts(value, "date of birth", name)
    if month == 0:
        return year
    if not 1 <= month <= 12:
        raise DamagedSavedCard(name, f"has a date of birth with month {month:02d}")
    months = CARD_MONTHS["fr"]
    return f"{'  ' if day == '00' else day} {months[month - 1]} {year}"


def _validity(value: str, name: str) -> str | None:
    """``20260314`` → ``14.03.2026``, the chip's form of a validity date."""
    if not value.strip():
        return None
    year, month, day = _date_parts(value, "validity date", name)
    return f"{day}.{month:02d}.{year}"


def _document_type(value: str, name: str) -> str | None:
    if not value.strip():
        return None
    found = by_xml_name(value)
    if found is None:
        raise DamagedSavedCard(name, f"has a document type PermitDesk does not know ({value!r})")
    return found.code


def _photo(value: str, name: str) -> bytes:
    try:
        return base64.b64decode("".join(value.split()), validate=True)
    except (binascii.Error, ValueError) as error:
        raise DamagedSavedCard(name, "has a photo that is not base64") from error
