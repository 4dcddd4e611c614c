"""Cards the eID viewer saved (``.eid`` XML, eid-mw's eidv4.xsd, versions 4.0 to 4.5) read
into the same structure as a live read, marked unverified; and the files that are not
one: a Belgian citizen's card, another kind of file, a truncated or hostile XML file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.card import labels
from app.card.cli import BELGIAN_NOTE, UNVERIFIED_NOTE, card_read_with_notes
from app.card.data import SOURCE_SAVED_FILE, CardData
from app.card.errors import (
    BelgianCard,
    DamagedSavedCard,
    NotASavedCard,
    UnreadableField,
    UnsafeSavedCard,
)
from app.card.saved import MAX_BYTES, VERSIONS, parse_saved_card, read_saved_card
from app.domain.birth_dates import PartialDate
from app.domain.model import LabourMarket, Sex
from app.services.card import check_residence_card

DATA = Path(__file__).parent / "data"
VIEWER_FILES = ["67.06.30-296.59.eid", "67.06.30-296.60.eid"]  # from eid-mw's test folder
ALIYEV = DATA / "aliyev-a-card-4.5.eid"
IVANOVA = DATA / "ivanova-a-card-4.0.eid"


@pytest.mark.parametrize("name", VIEWER_FILES)
def test_the_viewers_own_files_are_read_and_are_a_belgians_card(name: str) -> None:
    card = read_saved_card(DATA / name)

    assert (card.surname, card.national_number) == ("Lampaert", "67063029659")
    assert card.birth_date == date(1967, 6, 30)
    assert (card.card_number, card.card_type, card.document_type) == ("592000155079", "eID", "1")
    assert (card.card_valid_from, card.card_valid_until) == (date(2012, 3, 1), date(2017, 3, 1))
    assert (card.issuing_municipality, card.special_status) == ("Leuven", "0")
    assert (card.street, card.postal_code, card.municipality) == (
        "Sint-Jansbergsesteenweg 197",
        "3001",
        "Leuven",
    )
    assert card.photo is not None and card.photo.startswith(b"\xff\xd8")  # the JPEG
    assert (card.source, card.unverified) == (SOURCE_SAVED_FILE, True)
    with pytest.raises(BelgianCard):  # its own sentence: a Belgian holds no single permit
        check_residence_card(card)


def test_the_two_viewer_files_differ_as_their_holders_do() -> None:
    first, second = (read_saved_card(DATA / name) for name in VIEWER_FILES)
    assert (first.given_names, first.sex) == ("Martine Hilde", Sex.FEMALE)
    assert (second.given_names, second.sex) == ("Martin Hugo", Sex.MALE)


def test_version_4_5_with_the_single_permit_fields() -> None:
    card = read_saved_card(ALIYEV)

    assert (card.surname, card.given_names) == ("Əliyev", "Rəşad İlham T.")
    assert (card.card_type, card.document_type) == ("A", "33")
    assert card.labour_market == LabourMarket.LIMITED
    assert (card.employer_vat_1, card.employer_vat_2) == ("0123456749", "0987654312")
    assert card.regional_file_number == "RBC-2025-004711"
    assert (card.member_of_family, card.issuing_municipality) == (True, "Schaerbeek")
    assert card.unverified
    check_residence_card(card)
    holder, permit = card.to_domain()
    assert permit.regional_file_number == "RBC-2025-004711"
    assert holder.national_number == "88041712379"


def test_version_4_0_with_a_birth_date_known_in_part() -> None:
    card = read_saved_card(IVANOVA)

    assert (card.birth_date, card.birth_date_partial) == (None, PartialDate(1975, 3))
    assert (card.card_type, card.labour_market) == ("A", None)  # 4.0 has no <workpermit>
    assert card.to_json_dict()["birth_date"] == "1975-03-00"


def _eid(identity: str = "", card: str = "", version: str = "4.5", extra: str = "") -> bytes:
    version_attribute = f' version="{version}"' if version else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<eid{version_attribute}>'
        '<identity nationalnumber="88041712379" dateofbirth="19880417" gender="male"'
        f" {identity}><name>Aliyev</name><firstname>Rashad</firstname>"
        "<nationality>Azerbaïdjan</nationality><placeofbirth>Bakou</placeofbirth>"
        "<photo></photo></identity>"
        '<card documenttype="foreigner_A" cardnumber="B123456788" chipnumber="00"'
        f' validitydatebegin="20250310" validitydateend="20270309" {card}>'
        f"<deliverymunicipality>Schaerbeek</deliverymunicipality>{extra}</card>"
        "<address><streetandnumber>Rue 1</streetandnumber><zip>1030</zip>"
        "<municipality>Schaerbeek</municipality></address><certificates/></eid>"
    ).encode()


@pytest.mark.parametrize("version", ["", *VERSIONS])
def test_every_version_of_the_schema(version: str) -> None:
    extra = '<workpermit mention="limited" regionalfile="X-1"/>' if version >= "4.1" else ""
    card = parse_saved_card(_eid(version=version if version != "4.0" else "", extra=extra))
    assert (card.national_number, card.card_type) == ("88041712379", "A")
    assert card.regional_file_number == ("X-1" if version >= "4.1" else "")


def test_brexit_and_card_a_mentions() -> None:
    extra = (
        '<workpermit mention="seasonal worker"/>'
        '<brexit mention1="Article 18(1) Agreement" mention2="Permanent stay"/>'
        '<cardA mentions1="Researcher mobility" mentions2="Mobility program"/>'
    )
    card = parse_saved_card(_eid(extra=extra))
    assert card.labour_market == LabourMarket.SEASONAL
    assert card.brexit_mentions == ("Article 18(1) Agreement", "Permanent stay")
    assert card.card_a_mentions == ("Researcher mobility", "Mobility program")


@pytest.mark.parametrize(
    ("code", "letter"),
    [("ict_i", "I"), ("mobile_ict_j", "J"), ("foreigner_m", "M"), ("kids_foreigner_A", "A")],
)
def test_document_types_by_their_xml_names(code: str, letter: str) -> None:
    card = parse_saved_card(_eid().replace(b"foreigner_A", code.encode()))
    assert card.card_type == letter


def test_a_file_and_a_live_read_give_the_same_structure() -> None:
    """The file is turned into the middleware's objects: the same parsing as the chip's."""
    from_file = parse_saved_card(_eid(extra='<workpermit mention="limited"/>'))
    objects = {
        labels.NATIONAL_NUMBER: b"88041712379",
        labels.BIRTH_DATE: b"17 AVR 1988",
        labels.GENDER: b"M",
        labels.SURNAME: b"Aliyev",
        labels.FIRSTNAMES: b"Rashad",
        labels.NATIONALITY: "Azerbaïdjan".encode(),
        labels.BIRTH_PLACE: b"Bakou",
        labels.DOCUMENT_TYPE: b"33",
        labels.CARD_NUMBER: b"B123456788",
        labels.CHIP_NUMBER: b"00",
        labels.VALID_FROM: b"10.03.2025",
        labels.VALID_UNTIL: b"09.03.2027",
        labels.ISSUING_MUNICIPALITY: b"Schaerbeek",
        labels.WORK_PERMIT_MENTION: b"8",
        labels.STREET: b"Rue 1",
        labels.ZIP: b"1030",
        labels.MUNICIPALITY: b"Schaerbeek",
    }
    live = CardData.from_objects(objects)
    assert from_file == CardData.from_objects(objects, source=SOURCE_SAVED_FILE)
    assert from_file.to_json_dict() == {
        **live.to_json_dict(),
        "source": "saved_file",
        "unverified": True,
    }


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE eid [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<eid><identity nationalnumber="88041712379" dateofbirth="19880417" gender="male">
<name>&d;&d;&d;&d;</name></identity></eid>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE eid [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<eid><identity nationalnumber="88041712379"><name>&secret;</name></identity></eid>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL], ids=["entities", "external"])
def test_hostile_xml_is_refused_unexpanded(data: bytes) -> None:
    with pytest.raises(UnsafeSavedCard) as raised:
        parse_saved_card(data, "holder.eid")
    assert "holder.eid" in raised.value.message


@pytest.mark.parametrize(
    "data",
    [
        _eid()[:200],  # cut short
        _eid().replace(b"</card>", b""),  # malformed
        _eid().replace(b'dateofbirth="19880417"', b'dateofbirth="1988-04-17"'),
        _eid().replace(b"foreigner_A", b"foreigner_Z"),
        _eid().replace(b'gender="male"', b'gender="x"'),
        _eid().replace(b"<photo></photo>", b"<photo>not base64!</photo>"),
        b'<?xml version="1.0"?><eid version="4.5"><card/></eid>',  # no identity
    ],
    ids=["truncated", "malformed", "date", "type", "gender", "photo", "no-identity"],
)
def test_a_damaged_file_says_so(data: bytes) -> None:
    with pytest.raises(DamagedSavedCard):
        parse_saved_card(data)


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4 not a card",
        b"\xff\xd8\xff\xe0 a photo",
        b'<?xml version="1.0"?><invoice><total>12</total></invoice>',
        _eid(version="5.0"),
    ],
    ids=["pdf", "jpeg", "other-xml", "unknown-version"],
)
def test_a_file_of_another_kind_says_so(data: bytes) -> None:
    with pytest.raises(NotASavedCard):
        parse_saved_card(data)


def test_a_field_the_file_spells_wrongly_is_named() -> None:
    with pytest.raises(UnreadableField) as raised:
        parse_saved_card(_eid(extra='<workpermit mention="limited" vat1="12"/>'))
    assert raised.value.field == labels.EMPLOYER_VAT_1


def test_an_unreadable_or_huge_file(tmp_path: Path) -> None:
    with pytest.raises(NotASavedCard):
        read_saved_card(tmp_path / "missing.eid")
    huge = tmp_path / "huge.eid"
    huge.write_bytes(b" " * (MAX_BYTES + 1))
    with pytest.raises(NotASavedCard):
        read_saved_card(huge)


def test_card_read_file_prints_json_marked_unverified() -> None:
    code, text, notes = card_read_with_notes(None, "json", ALIYEV)
    assert code == 0
    data = json.loads(text)
    assert (data["source"], data["unverified"]) == ("saved_file", True)
    assert (data["regional_file_number"], data["card_type"]) == ("RBC-2025-004711", "A")
    assert notes == [UNVERIFIED_NOTE]


def test_card_read_file_of_a_belgian_says_so() -> None:
    code, text, notes = card_read_with_notes(None, "table", DATA / VIEWER_FILES[0])
    assert code == 0 and "Lampaert" in text
    assert notes == [BELGIAN_NOTE, UNVERIFIED_NOTE]


def test_card_read_hostile_file_is_an_error_in_json() -> None:
    code, text, _notes = card_read_with_notes(None, "json", Path("/dev/null"))
    assert code == 1
    assert json.loads(text)["error"] in ("damaged_saved_card", "not_saved_card")
