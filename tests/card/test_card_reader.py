"""Reading cards through PyKCS11 and a real PKCS#11 module: SoftHSM2 stands in for the card.

The objects are created as the eID middleware presents them (public ``CKO_DATA`` token objects
with its labels), so these tests run the same code path as a counter with a card reader.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from datetime import date

import PyKCS11
import pytest
from PyKCS11 import CKR_DEVICE_REMOVED, CKR_PIN_LOCKED, PyKCS11Error, Session

from app.card import labels
from app.card.errors import (
    CardRemoved,
    ForeignCard,
    LockedCard,
    NoCard,
    NoMiddleware,
    NoReader,
    UnreadableField,
)
from app.card.reader import CardEvent, CardWatcher, Middleware, default_library, read_card
from app.domain.birth_dates import PartialDate
from app.domain.model import LabourMarket, Sex

CardFactory = Callable[[Mapping[str, str | bytes] | None], str]
CardWith = Callable[..., dict[str, str | bytes]]


def test_french_b_card_is_read_completely(
    make_card: CardFactory, fr_card: dict[str, str | bytes]
) -> None:
    card = read_card(make_card(fr_card))

    assert card.surname == "El Amrani"
    assert card.given_names == "Amina Fatima B."
    assert (card.birth_date, card.birth_date_partial) == (date(1985, 2, 12), None)
    assert card.birth_place == "Casablanca"
    assert (card.nationality_text, card.nationality) == ("Maroc", "MA")
    assert card.sex == Sex.FEMALE
    assert card.national_number == "85021200279"
    assert (card.card_number, card.card_type) == ("B12345678", "B")
    assert (card.card_valid_from, card.card_valid_until) == (date(2024, 3, 15), date(2026, 3, 14))
    assert card.labour_market == LabourMarket.LIMITED
    assert (card.street, card.postal_code, card.municipality) == (
        "Rue Saint-Gilles 12",
        "4000",
        "Liège",
    )
    assert card.photo == fr_card[labels.PHOTO]


def test_dutch_a_card(make_card: CardFactory, card_with: CardWith) -> None:
    objects = card_with(
        surname="Yılmaz",
        firstnames="Mehmet",
        first_letter_of_third_given_name="K",
        nationality="Turkije",
        location_of_birth="Ankara",
        date_of_birth="03 MAAR 1990",
        gender="M",
        national_number="90030301164",
        document_type="11",
        work_permit_mention="7",
        address_municipality="Gent",
        address_zip="9000",
    )
    card = read_card(make_card(objects))

    assert card.birth_date == date(1990, 3, 3)
    assert (card.nationality, card.sex, card.card_type) == ("TR", Sex.MALE, "A")
    assert card.labour_market == LabourMarket.UNLIMITED
    assert card.given_names == "Mehmet K."


def test_german_card_with_dotted_umlaut_month(make_card: CardFactory, card_with: CardWith) -> None:
    objects = card_with(
        nationality="Marokko",
        date_of_birth="05.MÄR.1979",
        gender="W",
        national_number="79030512349",
        document_type="33",
    )
    card = read_card(make_card(objects))

    assert card.birth_date == date(1979, 3, 5)
    assert (card.nationality, card.sex, card.card_type) == ("MA", Sex.FEMALE, "A")


def test_year_only_birth_date(make_card: CardFactory, card_with: CardWith) -> None:
    card = read_card(
        make_card(card_with(date_of_birth="      1975", national_number="75000014572"))
    )
    assert (card.birth_date, card.birth_date_partial) == (None, PartialDate(1975))
    assert card.to_json_dict()["birth_date"] == "1975-00-00"  # as the register writes it


def test_missing_optional_fields(make_card: CardFactory, card_with: CardWith) -> None:
    objects = card_with(
        first_letter_of_third_given_name=None,
        address_street_and_number=None,
        address_zip=None,
        address_municipality=None,
        PHOTO_FILE=None,
        nationality=None,
    )
    card = read_card(make_card(objects))

    assert card.given_names == "Amina Fatima"
    assert (card.street, card.postal_code, card.municipality) == ("", "", "")
    assert (card.photo, card.nationality_text, card.nationality) == (None, "", None)


def test_latin_extended_names_survive(make_card: CardFactory, card_with: CardWith) -> None:
    objects = card_with(surname="Şahin Nguyễn", firstnames="Łukasz Thị Ệ", location_of_birth="Łódź")
    card = read_card(make_card(objects))

    assert card.surname == "Şahin Nguyễn"
    assert card.given_names == "Łukasz Thị Ệ B."
    assert card.birth_place == "Łódź"


@pytest.mark.parametrize(
    ("mention", "market"),
    [
        ("7", LabourMarket.UNLIMITED),
        ("8", LabourMarket.LIMITED),
        ("9", LabourMarket.NONE),
        ("A", LabourMarket.SEASONAL),
    ],
)
def test_labour_market_mentions(
    make_card: CardFactory, card_with: CardWith, mention: str, market: LabourMarket
) -> None:
    card = read_card(make_card(card_with(work_permit_mention=mention)))
    assert card.labour_market == market


def test_card_without_document_type_is_foreign(make_card: CardFactory, card_with: CardWith) -> None:
    with pytest.raises(ForeignCard) as raised:
        read_card(make_card(card_with(document_type=None)))
    assert raised.value.kind == "foreign_card"


def test_token_without_any_eid_object_is_foreign(make_card: CardFactory) -> None:
    with pytest.raises(ForeignCard):
        read_card(make_card({"something_else": "x"}))


def test_bad_national_number_is_an_unreadable_field(
    make_card: CardFactory, card_with: CardWith
) -> None:
    with pytest.raises(UnreadableField) as raised:
        read_card(make_card(card_with(national_number="85021200278")))
    assert (raised.value.kind, raised.value.field) == ("unreadable_field", "national_number")


def test_empty_slot_means_no_card(make_card: CardFactory) -> None:
    with pytest.raises(NoCard) as raised:
        read_card(make_card(None))
    assert raised.value.kind == "no_card"


def test_missing_library_means_no_middleware(tmp_path) -> None:
    missing = str(tmp_path / "libbeidpkcs11.so.0")
    with pytest.raises(NoMiddleware) as raised:
        read_card(missing)
    assert raised.value.kind == "no_middleware"
    assert missing in str(raised.value)


@pytest.mark.parametrize(
    ("code", "error"), [(CKR_DEVICE_REMOVED, CardRemoved), (CKR_PIN_LOCKED, LockedCard)]
)
def test_errors_while_reading_a_field(
    make_card: CardFactory,
    fr_card: dict[str, str | bytes],
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    error: type[Exception],
) -> None:
    library = make_card(fr_card)

    def pulled_out(*args: object, **kwargs: object) -> list[object]:
        raise PyKCS11Error(code)

    monkeypatch.setattr(Session, "getAttributeValue", pulled_out)
    with pytest.raises(error):
        read_card(library)


def test_no_slot_at_all_means_no_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    middleware = Middleware("unused")
    monkeypatch.setattr(Middleware, "pkcs11", _NoSlots())
    with pytest.raises(NoReader):
        middleware.read_card()


class _NoSlots:
    """A PKCS#11 module without any reader (SoftHSM always has a slot)."""

    def getSlotList(self, tokenPresent: bool = False) -> list[int]:
        return []


def test_watcher_reports_insertion_then_nothing(
    make_card: CardFactory, fr_card: dict[str, str | bytes]
) -> None:
    watcher = CardWatcher(make_card(fr_card))
    try:
        events = watcher.poll()
        assert [event.kind for event in events] == ["inserted"]
        assert watcher.poll() == []
        assert watcher.read_card(events[0].slot).surname == "El Amrani"
    finally:
        watcher.close()


def test_watcher_reports_removal(monkeypatch: pytest.MonkeyPatch) -> None:
    polls: list[list[int] | None] = [[3], [3, 5], [5], None, [5]]

    def card_slots() -> list[int]:
        slots = polls.pop(0)
        if slots is None:
            raise NoReader()  # the reader was unplugged
        return slots

    watcher = CardWatcher("unused")
    monkeypatch.setattr(watcher.middleware, "card_slots", card_slots)

    assert watcher.poll() == [CardEvent("inserted", 3)]
    assert watcher.poll() == [CardEvent("inserted", 5)]
    assert watcher.poll() == [CardEvent("removed", 3)]
    assert watcher.poll() == [CardEvent("removed", 5)]
    assert watcher.poll() == [CardEvent("inserted", 5)]


def test_empty_slot_is_no_card_for_the_watcher(make_card: CardFactory) -> None:
    watcher = CardWatcher(make_card(None))
    try:
        assert watcher.poll() == []
    finally:
        watcher.close()


@pytest.mark.parametrize(
    ("platform", "library"),
    [
        ("win32", "beidpkcs11.dll"),
        ("darwin", "libbeidpkcs11.dylib"),
        ("linux", "libbeidpkcs11.so.0"),
    ],
)
def test_default_library_per_platform(platform: str, library: str) -> None:
    assert default_library(platform) == library


def test_a_module_handle_collected_during_an_unload_does_not_freeze_the_thread() -> None:
    """What PyKCS11Lib.__del__ does when the garbage collector runs inside unload()."""

    def unload_inside_unload() -> None:
        with PyKCS11.PyKCS11Lib._lock:
            PyKCS11.PyKCS11Lib().unload()

    worker = threading.Thread(target=unload_inside_unload, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive()
