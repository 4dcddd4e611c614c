"""app.services.card without Qt or a card reader: a CardData built by hand set against the
store (differences, what is written when the clerk accepts some, creation from a card)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from app.card.data import CardData
from app.card.errors import ForeignCard
from app.domain.birth_dates import PartialDate
from app.domain.model import Address, Holder, LabourMarket, Sex
from app.services import card as service
from app.services.desk import Desk

NATIONAL_NUMBER = "85021200279"


def a_card(**changes: Any) -> CardData:
    fields: dict[str, Any] = {
        "surname": "El Amrani",
        "given_names": "Amina Fatima B.",
        "birth_date": date(1985, 2, 12),
        "birth_date_partial": None,
        "birth_place": "Casablanca",
        "nationality_text": "Maroc",
        "nationality": "MA",
        "sex": Sex.FEMALE,
        "national_number": NATIONAL_NUMBER,
        "card_number": "B12345678",
        "card_type": "B",
        "card_valid_from": date(2024, 3, 15),
        "card_valid_until": date(2026, 3, 14),
        "labour_market": LabourMarket.LIMITED,
        "street": "Rue Saint-Gilles 12",
        "postal_code": "4000",
        "municipality": "Liège",
        "photo": b"\xff\xd8\xff",
    }
    fields.update(changes)
    return CardData(**fields)


@pytest.fixture
def recorded(desk: Desk) -> Holder:
    """The card's holder and permit as the database holds them (same card, same data)."""
    card = a_card()
    holder, _permit = service.create_from_card(desk, service.new_holder(card, None), card)
    return holder


def audit_actions(desk: Desk) -> list[tuple[str, str]]:
    rows = desk.store._execute("SELECT action, entity FROM audit_log ORDER BY id").fetchall()
    return [(row[0], row[1]) for row in rows]


def test_create_from_card_saves_holder_and_permit(desk: Desk) -> None:
    card = a_card(surname="Łukasiewicz-Ñúñez")
    holder, permit = service.create_from_card(desk, service.new_holder(card, None), card)

    saved = desk.store.find_holder(NATIONAL_NUMBER)
    assert saved is not None and saved.id == holder.id
    assert (saved.surname, saved.birth_date, saved.nationality) == (
        "Łukasiewicz-Ñúñez",
        date(1985, 2, 12),
        "MA",
    )
    assert saved.address == Address("Rue Saint-Gilles 12", "4000", "Liège")
    (stored,) = desk.store.permits_of(holder.id)
    assert permit is not None and stored.id == permit.id
    assert (stored.card_number, stored.expiry, stored.labour_market, stored.card_type) == (
        "B12345678",
        date(2026, 3, 14),
        LabourMarket.LIMITED,
        "B",
    )
    assert ("create", "holder") in audit_actions(desk)
    assert ("create", "permit") in audit_actions(desk)


def test_a_card_that_is_not_a_single_permit_creates_only_the_holder(desk: Desk) -> None:
    card = a_card(labour_market=None)
    holder, permit = service.create_from_card(desk, service.new_holder(card, "MA"), card)
    assert permit is None
    assert desk.store.permits_of(holder.id) == []  # type: ignore[arg-type]


def test_same_card_same_data_has_no_difference(desk: Desk, recorded: Holder) -> None:
    assert service.find_holder(desk, a_card()) == recorded
    assert service.differences(desk, recorded, a_card()) == []


def test_unknown_national_number_finds_nobody(desk: Desk, recorded: Holder) -> None:
    assert service.find_holder(desk, a_card(national_number="90030301164")) is None


def test_new_address_and_card_are_listed(desk: Desk, recorded: Holder) -> None:
    card = a_card(
        street="Boulevard d'Avroy 3",
        card_number="B99999999",
        card_valid_from=date(2026, 3, 1),
        card_valid_until=date(2028, 2, 29),
    )
    found = {d.field: d for d in service.differences(desk, recorded, card)}

    assert set(found) == {"address", "card_number", "valid_from", "expiry"}
    assert found["address"].on_record == Address("Rue Saint-Gilles 12", "4000", "Liège")
    assert found["address"].on_card == Address("Boulevard d'Avroy 3", "4000", "Liège")
    assert (found["card_number"].on_record, found["card_number"].on_card) == (
        "B12345678",
        "B99999999",
    )
    assert not found["card_number"].with_card_number
    assert found["expiry"].with_card_number and found["valid_from"].with_card_number


def test_accepting_only_the_address_changes_only_the_address(desk: Desk, recorded: Holder) -> None:
    card = a_card(
        street="Boulevard d'Avroy 3", card_number="B99999999", card_valid_until=date(2028, 2, 29)
    )
    holder, permit = service.apply_differences(desk, recorded, card, ["address"])

    assert permit is None
    assert desk.store.get_holder(recorded.id).address.street == "Boulevard d'Avroy 3"  # type: ignore[arg-type]
    assert desk.store.get_holder(recorded.id) == replace(recorded, address=holder.address)  # type: ignore[arg-type]
    (only,) = desk.store.permits_of(recorded.id)  # type: ignore[arg-type]
    assert only.card_number == "B12345678"


def test_accepting_a_new_card_adds_a_permit_row(desk: Desk, recorded: Holder) -> None:
    card = a_card(
        card_number="B99999999",
        card_valid_until=date(2028, 2, 29),
        labour_market=LabourMarket.UNLIMITED,
    )
    _holder, permit = service.apply_differences(desk, recorded, card, ["card_number"])

    permits = {p.card_number: p for p in desk.store.permits_of(recorded.id)}  # type: ignore[arg-type]
    assert set(permits) == {"B12345678", "B99999999"}
    assert permit is not None and permits["B99999999"].id == permit.id
    assert permits["B99999999"].expiry == date(2028, 2, 29)
    assert permits["B99999999"].labour_market == LabourMarket.UNLIMITED
    assert permits["B12345678"].expiry == date(2026, 3, 14)


def test_same_card_new_expiry_updates_that_permit(desk: Desk, recorded: Holder) -> None:
    card = a_card(card_valid_until=date(2027, 3, 14), surname="EL AMRANI")
    found = {d.field: d for d in service.differences(desk, recorded, card)}
    assert set(found) == {"surname", "expiry"}
    assert not found["expiry"].with_card_number

    service.apply_differences(desk, recorded, card, ["expiry"])
    (permit,) = desk.store.permits_of(recorded.id)  # type: ignore[arg-type]
    assert permit.expiry == date(2027, 3, 14)
    assert desk.store.get_holder(recorded.id).surname == "El Amrani"  # type: ignore[arg-type]
    assert audit_actions(desk)[-1] == ("change", "permit")


def test_nationality_chosen_by_the_clerk(desk: Desk, recorded: Holder) -> None:
    card = a_card(nationality_text="Marocaine", nationality=None)
    assert service.differences(desk, recorded, card) == []
    (difference,) = service.differences(desk, recorded, card, nationality="TN")
    assert (difference.field, difference.on_record, difference.on_card) == (
        "nationality",
        "MA",
        "TN",
    )
    service.apply_differences(desk, recorded, card, ["nationality"], nationality="TN")
    assert desk.store.get_holder(recorded.id).nationality == "TN"  # type: ignore[arg-type]


def test_blank_card_fields_propose_nothing(desk: Desk, recorded: Holder) -> None:
    card = a_card(
        street="",
        postal_code="",
        municipality="",
        birth_date=None,
        birth_date_partial=PartialDate(1985),
        sex=None,
        birth_place="",
    )
    assert service.differences(desk, recorded, card) == []


def test_nothing_accepted_writes_nothing(desk: Desk, recorded: Holder) -> None:
    before = audit_actions(desk)
    service.apply_differences(desk, recorded, a_card(street="Elsewhere 1"), [])
    assert audit_actions(desk) == before


def test_belgian_eid_is_not_a_residence_card() -> None:
    with pytest.raises(ForeignCard):
        service.check_residence_card(a_card(card_type="eID", document_type="1"))
    service.check_residence_card(a_card())


def test_new_single_permit_fields_are_differences_of_the_same_card(
    desk: Desk, recorded: Holder
) -> None:
    card = a_card(
        regional_file_number="RBC-2025-004711",
        employer_vat_1="0123456749",
        issuing_municipality="Schaerbeek",
        member_of_family=True,
        special_status="2",
    )
    found = {d.field: (d.on_record, d.on_card) for d in service.differences(desk, recorded, card)}
    assert found == {
        "regional_file_number": ("", "RBC-2025-004711"),
        "employer_vat_1": ("", "0123456749"),
        "issuing_municipality": ("", "Schaerbeek"),
        "special_status": ("", "2"),
        "member_of_family": (False, True),
    }
    _holder, permit = service.apply_differences(
        desk, recorded, card, ["regional_file_number", "member_of_family"]
    )
    assert permit is not None
    assert (permit.regional_file_number, permit.member_of_family) == ("RBC-2025-004711", True)
    assert permit.employer_vat_1 == ""  # not ticked
    assert recorded.id is not None
    assert desk.store.permits_of(recorded.id)[0].regional_file_number == "RBC-2025-004711"


def test_a_partial_birth_date_is_created_and_corrected(desk: Desk) -> None:
    card = a_card(birth_date=None, birth_date_partial=PartialDate(1985, 2))
    holder, permit = service.create_from_card(desk, service.new_holder(card, None), card)
    assert holder.id is not None and permit is not None
    stored = desk.store.get_holder(holder.id)
    assert (stored.birth_date, stored.birth_date_partial) == (None, PartialDate(1985, 2))
    # The register learns the day: the new card's complete date replaces the partial one.
    full = a_card(birth_date=date(1985, 2, 12))
    [difference] = [d for d in service.differences(desk, stored, full) if d.field == "birth_date"]
    assert (difference.on_record, difference.on_card) == (PartialDate(1985, 2), date(1985, 2, 12))
    corrected, _permit = service.apply_differences(desk, stored, full, ["birth_date"])
    again = desk.store.get_holder(holder.id)
    assert (again.birth_date, again.birth_date_partial) == (date(1985, 2, 12), None)
    assert corrected.birth_date_partial is None


def test_a_partial_date_the_record_contradicts_is_a_difference(
    desk: Desk, recorded: Holder
) -> None:
    card = a_card(birth_date=None, birth_date_partial=PartialDate(1984))
    [difference] = service.differences(desk, recorded, card)
    assert (difference.field, difference.on_card) == ("birth_date", PartialDate(1984))


@pytest.mark.parametrize(
    ("code", "refused"),
    [
        ("1", "belgian_card"),
        ("6", "belgian_card"),
        ("7", "not_residence_card"),
        ("8", "not_residence_card"),
    ],
)
def test_cards_that_are_not_residence_cards(code: str, refused: str) -> None:
    with pytest.raises(ForeignCard) as raised:
        service.check_residence_card(a_card(document_type=code))
    assert raised.value.kind == refused


@pytest.mark.parametrize("code", ["20", "21", "22", "23", "61", "63", "69", "99"])
def test_every_foreigners_card_passes(code: str) -> None:
    service.check_residence_card(a_card(document_type=code))
