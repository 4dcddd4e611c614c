"""Every field the middleware exposes for a foreigner's card, every document type it
knows, and birth dates the national register knows only in part, read from SoftHSM2
tokens labelled as the eID middleware labels its objects."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path

import pytest

from app.card import fields, labels
from app.card.doctypes import DOCUMENT_TYPES, Kind, by_xml_name, document_type
from app.card.errors import UnreadableField
from app.card.reader import read_card
from app.domain.birth_dates import PartialDate
from app.domain.model import LabourMarket

DATA = Path(__file__).parent / "data"
CardFactory = Callable[[Mapping[str, str | bytes] | None], str]
CardWith = Callable[..., dict[str, str | bytes]]

SINGLE_PERMIT = {
    labels.EMPLOYER_VAT_1: "0123456749",
    labels.EMPLOYER_VAT_2: "0987654312",
    labels.REGIONAL_FILE_NUMBER: "RBC-2025-004711",
    labels.SPECIAL_STATUS: "1",
    labels.MEMBER_OF_FAMILY: "",
    labels.ISSUING_MUNICIPALITY: "Schaerbeek",
    labels.CHIP_NUMBER: "534C4250030701048584287C40821399",
    labels.CARD_A_MENTION_1: "Seasonal worker",
    labels.CARD_EU_START_DATE: "01.02.2020",
    labels.PROTECTION: "20200101IT",
}


def test_the_labels_are_the_middlewares() -> None:
    """Checked against the label strings of eid-mw's beidlabels.h (tests/card/data)."""
    lines = (DATA / "beidlabels.txt").read_text(encoding="utf-8").splitlines()
    middleware = {line for line in lines if line and not line.startswith("#")}
    assert set(labels.ALL_LABELS) <= middleware
    # Everything the middleware gives for the identity and the address is read, but hashes.
    assert middleware - set(labels.ALL_LABELS) == {"photo_hash", "basic_key_hash"}


def test_every_single_permit_field_is_read(make_card: CardFactory, card_with: CardWith) -> None:
    card = read_card(make_card(card_with(**SINGLE_PERMIT)))

    assert (card.employer_vat_1, card.employer_vat_2) == ("0123456749", "0987654312")
    assert card.regional_file_number == "RBC-2025-004711"
    assert (card.special_status, card.member_of_family) == ("1", True)
    assert (card.issuing_municipality, card.chip_number) == (
        "Schaerbeek",
        "534C4250030701048584287C40821399",
    )
    assert card.card_a_mentions == ("Seasonal worker",)
    assert card.card_eu_start_date == date(2020, 2, 1)
    assert card.protection == "20200101IT"
    _holder, permit = card.to_domain()
    assert (permit.regional_file_number, permit.employer_vat_1, permit.employer_vat_2) == (
        "RBC-2025-004711",
        "0123456749",
        "0987654312",
    )
    assert (permit.issuing_municipality, permit.special_status, permit.member_of_family) == (
        "Schaerbeek",
        "1",
        True,
    )


def test_without_the_mention_the_holder_is_no_member_of_family(
    make_card: CardFactory, card_with: CardWith
) -> None:
    card = read_card(make_card(card_with()))
    assert (card.member_of_family, card.regional_file_number, card.employer_vat_1) == (
        False,
        "",
        "",
    )


@pytest.mark.parametrize(
    ("label", "value"),
    [(labels.EMPLOYER_VAT_1, "12-34"), (labels.SPECIAL_STATUS, "9")],
)
def test_a_field_that_cannot_be_read_is_named(
    make_card: CardFactory, card_with: CardWith, label: str, value: str
) -> None:
    with pytest.raises(UnreadableField) as raised:
        read_card(make_card(card_with(**{label: value})))
    assert raised.value.field == label


RESIDENCE_TYPES = [d for d in DOCUMENT_TYPES if d.kind is Kind.RESIDENCE]


@pytest.mark.parametrize("document", RESIDENCE_TYPES, ids=lambda d: d.code)
def test_every_foreigners_card_type_is_read_with_its_letter(
    make_card: CardFactory, card_with: CardWith, document
) -> None:
    card = read_card(make_card(card_with(document_type=document.code)))
    assert card.card_type == document.letter
    assert card.document_type == document.code
    assert card.document_name("nl") == document.nl
    _holder, permit = card.to_domain()
    assert permit.card_type == document.letter


def test_the_middlewares_document_types() -> None:
    """The eID viewer's list (doctypeconv.cpp): 1, 6, 7, 8, 11-23, 27, 28, 31-36, 61-69."""
    codes = [d.code for d in DOCUMENT_TYPES]
    expected = ["1", "6", "7", "8", *map(str, range(11, 24)), "27", "28"]
    expected += [*map(str, range(31, 37)), *map(str, range(61, 70))]
    assert codes == expected
    letters = {d.code: d.letter for d in DOCUMENT_TYPES}
    assert (letters["20"], letters["21"], letters["22"], letters["23"]) == ("I", "J", "M", "N")
    assert [letters[str(code)] for code in range(61, 70)] == [
        *("EU", "EU+", "A", "B", "K", "L", "F", "F+", "M"),
    ]
    for document in DOCUMENT_TYPES:
        assert document.fr and document.nl and document.de and document.en
        assert by_xml_name(document.xml_name) is document
    assert document_type("06") is document_type("6")
    assert document_type("6").kind is Kind.BELGIAN  # type: ignore[union-attr]
    assert fields.card_letter("99") is None


@pytest.mark.parametrize(
    ("text", "national_number", "expected"),
    [
        ("   MARS 1975", "75030012318", PartialDate(1975, 3)),
        ("00 MAAR 1975", "75030012318", PartialDate(1975, 3)),
        ("  .MÄR.1975", "75030012318", PartialDate(1975, 3)),
        ("        1975", "75000012592", PartialDate(1975)),
    ],
)
def test_a_birth_date_known_in_part_is_read(
    make_card: CardFactory,
    card_with: CardWith,
    text: str,
    national_number: str,
    expected: PartialDate,
) -> None:
    card = read_card(make_card(card_with(date_of_birth=text, national_number=national_number)))
    assert (card.birth_date, card.birth_date_partial) == (None, expected)
    holder, permit = card.to_domain()
    assert (holder.birth_date, holder.birth_date_partial) == (None, expected)
    assert permit.labour_market == LabourMarket.LIMITED


def test_partial_dates_print_as_the_card_does() -> None:
    assert PartialDate(1975, 3).card_text("fr") == "MARS 1975"
    assert PartialDate(1975, 3).card_text("nl") == "MAAR 1975"
    assert PartialDate(1975, 3).card_text("de") == "MÄR 1975"
    assert PartialDate(1975).card_text("de") == "1975"
    assert (PartialDate(1975, 3).iso(), PartialDate(1975).iso()) == ("1975-03-00", "1975-00-00")
    assert PartialDate.from_iso("1975-03-00") == PartialDate(1975, 3)
    assert PartialDate(1975, 3).register_text() == "00/03/1975"
    with pytest.raises(ValueError):
        PartialDate(1975, 13)
