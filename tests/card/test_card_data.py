"""CardData: building from raw objects, the JSON shape, and the mapping to the domain."""

from __future__ import annotations

from datetime import date

import pytest

from app.card import labels
from app.card.data import CardData
from app.card.errors import UnreadableField
from app.domain.model import Case, Holder, LabourMarket, Permit, Sex

JSON_KEYS = {
    "surname",
    "given_names",
    "birth_date",
    "birth_place",
    "nationality_text",
    "sex",
    "national_number",
    "card_number",
    "card_type",
    "card_valid_from",
    "card_valid_until",
    "labour_market",
    "street",
    "postal_code",
    "municipality",
    # the chip's other fields (issue 16)
    "document_type",
    "document_name",
    "issuing_municipality",
    "employer_vat_1",
    "employer_vat_2",
    "regional_file_number",
    "special_status",
    "member_of_family",
    "nobility",
    "duplicate",
    "special_organisation",
    "protection",
    "brexit_mentions",
    "card_a_mentions",
    "card_eu_start_date",
    "chip_number",
    "source",
    "unverified",
}


def _raw(card: dict[str, str | bytes]) -> dict[str, bytes]:
    return {label: v.encode() if isinstance(v, str) else v for label, v in card.items()}


def test_json_dict_has_exactly_the_agreed_keys(fr_card: dict[str, str | bytes]) -> None:
    data = CardData.from_objects(_raw(fr_card)).to_json_dict()

    assert set(data) == JSON_KEYS
    assert data["birth_date"] == "1985-02-12"
    assert (data["card_valid_from"], data["card_valid_until"]) == ("2024-03-15", "2026-03-14")
    assert (data["sex"], data["labour_market"], data["card_type"]) == ("F", "limited", "B")


def test_empty_objects_count_as_absent(fr_card: dict[str, str | bytes]) -> None:
    raw = _raw(fr_card) | {labels.WORK_PERMIT_MENTION: b"", labels.GENDER: b"  "}
    card = CardData.from_objects(raw)
    assert (card.labour_market, card.sex, card.proposed_case()) == (None, None, None)
    assert card.to_json_dict()["labour_market"] is None


def test_text_that_is_not_utf8_is_an_unreadable_field(fr_card: dict[str, str | bytes]) -> None:
    with pytest.raises(UnreadableField) as raised:
        CardData.from_objects(_raw(fr_card) | {labels.SURNAME: b"\xff\xfe"})
    assert raised.value.field == labels.SURNAME


def test_unparseable_birth_date_names_its_field(fr_card: dict[str, str | bytes]) -> None:
    with pytest.raises(UnreadableField) as raised:
        CardData.from_objects(_raw(fr_card) | {labels.BIRTH_DATE: b"12 XYZ 1985"})
    assert raised.value.field == labels.BIRTH_DATE
    assert "12 XYZ 1985" in str(raised.value)


@pytest.mark.parametrize(
    ("mention", "case"),
    [(b"8", Case.LIMITED_RENEWAL), (b"7", Case.UNLIMITED_RENEWAL), (b"9", None), (b"A", None)],
)
def test_proposed_case_follows_the_mention(
    fr_card: dict[str, str | bytes], mention: bytes, case: Case | None
) -> None:
    card = CardData.from_objects(_raw(fr_card) | {labels.WORK_PERMIT_MENTION: mention})
    assert card.proposed_case() == case


def test_to_domain_fills_holder_and_permit(fr_card: dict[str, str | bytes]) -> None:
    holder, permit = CardData.from_objects(_raw(fr_card)).to_domain()

    assert isinstance(holder, Holder) and isinstance(permit, Permit)
    assert holder.full_name == "El Amrani, Amina Fatima B."
    assert (holder.birth_date, holder.nationality, holder.sex) == (
        date(1985, 2, 12),
        "MA",
        Sex.FEMALE,
    )
    assert holder.national_number == "85021200279"
    assert holder.address.one_line() == "Rue Saint-Gilles 12, 4000 Liège"
    assert (permit.card_number, permit.card_type, permit.holder_id) == ("B12345678", "B", None)
    assert (permit.valid_from, permit.expiry) == (date(2024, 3, 15), date(2026, 3, 14))
    assert permit.labour_market == LabourMarket.LIMITED


def test_to_domain_refuses_a_card_without_mention(fr_card: dict[str, str | bytes]) -> None:
    raw = _raw(fr_card)
    del raw[labels.WORK_PERMIT_MENTION]
    with pytest.raises(ValueError, match="labour-market"):
        CardData.from_objects(raw).to_domain()
