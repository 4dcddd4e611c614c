"""A residence card inserted at the counter, read through SoftHSM2 by the worker thread.

The watcher's first poll finds the token: that is the card being inserted. Every wait is
on a condition (``qtbot.waitUntil``), never a sleep.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from support.softhsm import configure_middleware

from app.card import labels
from app.card.data import CardData
from app.card.errors import BelgianCard
from app.domain.model import Address, Case, LabourMarket, Sex
from app.services import card as card_service
from app.services.desk import Desk
from app.ui.card.dialogs import CountryDialog, DifferencesDialog
from app.ui.card.texts import error_texts
from app.ui.counter import Counter
from app.ui.wizard.wizard import RenewalWizard

from .conftest import NATIONAL_NUMBER, Clerk, Insert, card_with

WAIT_MS = 10_000


def holder_created(desk: Desk) -> bool:
    return desk.store.find_holder(NATIONAL_NUMBER) is not None


def test_unknown_card_creates_holder_and_permit(
    qtbot: QtBot, counter: Counter, desk: Desk, clerk: Clerk, insert: Insert
) -> None:
    insert(card_with())
    counter.start_card_reader()
    qtbot.waitUntil(lambda: holder_created(desk), timeout=WAIT_MS)

    holder = desk.store.find_holder(NATIONAL_NUMBER)
    assert holder is not None and holder.id is not None
    assert (holder.surname, holder.given_names) == ("Łukasiewicz-Dvořák", "Amina Şükran B.")
    assert (holder.birth_date, holder.birth_place, holder.sex) == (
        date(1985, 2, 12),
        "Casablanca",
        Sex.FEMALE,
    )
    assert holder.nationality == "MA"
    assert holder.address == Address("Rue Saint-Gilles 12", "4000", "Liège")
    (permit,) = desk.store.permits_of(holder.id)
    assert (permit.card_number, permit.expiry, permit.valid_from) == (
        "B12345678",
        date(2026, 3, 14),
        date(2024, 3, 15),
    )
    assert (permit.labour_market, permit.card_type) == (LabourMarket.LIMITED, "B")
    assert "pas dans la base" in clerk.messages[0]  # the clerk was asked first
    page = counter.holder
    assert page.holder is not None and page.holder.id == holder.id
    assert counter.window.centralWidget().isAncestorOf(page)
    assert page.photo.isVisibleTo(page) and not page.photo.pixmap().isNull()


def test_photo_goes_with_the_card(
    qtbot: QtBot, counter: Counter, desk: Desk, clerk: Clerk, insert: Insert
) -> None:
    insert(card_with())
    counter.start_card_reader()
    qtbot.waitUntil(lambda: holder_created(desk), timeout=WAIT_MS)
    page = counter.holder
    assert page.photo.isVisibleTo(page)
    counter.card.on_removed()  # what the watcher signals when the card is taken out
    assert not page.photo.isVisibleTo(page)


def test_known_holder_with_new_address_and_card(
    qtbot: QtBot, counter: Counter, desk: Desk, clerk: Clerk, insert: Insert
) -> None:
    recorded = card_service.new_holder(_card_data(), "MA")
    holder, _permit = card_service.create_from_card(desk, recorded, _card_data())
    before = desk.store.get_holder(holder.id)  # type: ignore[arg-type]
    clerk.accept_fields = {"address"}
    insert(
        card_with(
            address_street_and_number="Boulevard d'Avroy 3",
            card_number="B99999999",
            validity_end_date="01.03.2028",
        )
    )
    counter.start_card_reader()
    qtbot.waitUntil(lambda: bool(clerk.differences), timeout=WAIT_MS)

    assert clerk.differences == [["address", "card_number", "expiry"]]
    after = desk.store.get_holder(holder.id)  # type: ignore[arg-type]
    assert after.address == Address("Boulevard d'Avroy 3", "4000", "Liège")
    assert after.surname == before.surname and after.given_names == before.given_names
    assert [p.card_number for p in desk.store.permits_of(holder.id)] == ["B12345678"]  # type: ignore[arg-type]
    assert counter.holder.holder is not None and counter.holder.holder.id == holder.id
    assert counter.holder.photo.isVisibleTo(counter.holder)


def test_differences_dialog_side_by_side(qtbot: QtBot, counter: Counter) -> None:
    dialog = DifferencesDialog(
        [
            card_service.Difference(
                "address", Address("Rue A 1", "4000", "Liège"), Address("Rue B 2", "4000", "Liège")
            ),
            card_service.Difference("card_number", "B1", "B2"),
            card_service.Difference("expiry", date(2026, 3, 14), date(2028, 3, 1), True),
        ]
    )
    qtbot.addWidget(dialog)
    table = dialog.table
    assert [table.horizontalHeaderItem(c).text() for c in range(3)] == [
        "Champ",
        "Dans la base",
        "Sur la carte",
    ]
    assert table.item(0, 1).text() == "Rue A 1, 4000 Liège"
    assert table.item(0, 2).text() == "Rue B 2, 4000 Liège"
    assert table.item(2, 2).text() == "1er mars 2028"  # French ordinal (issue 12)
    assert dialog.accepted_fields() == ["address", "card_number", "expiry"]
    dialog.set_accepted("card_number", False)  # the new card's expiry goes with it
    assert dialog.accepted_fields() == ["address"]


def test_unmatched_nationality_asks_the_country(
    qtbot: QtBot, counter: Counter, desk: Desk, clerk: Clerk, insert: Insert
) -> None:
    clerk.country = "TN"
    insert(card_with(nationality="Tunisienne"))
    counter.start_card_reader()
    qtbot.waitUntil(lambda: holder_created(desk), timeout=WAIT_MS)

    (asked,) = [d for d in clerk.seen if isinstance(d, CountryDialog)]
    assert "Tunisienne" in asked.question.text()
    assert asked.combo.itemText(asked.combo.findData("MA")) == "Maroc"  # names in French
    assert desk.store.find_holder(NATIONAL_NUMBER).nationality == "TN"  # type: ignore[union-attr]


def test_missing_middleware_said_once_in_the_status_bar(
    qtbot: QtBot, counter: Counter, desk: Desk, clerk: Clerk
) -> None:
    configure_middleware("/nowhere/libbeidpkcs11.so.0")
    states: list[str] = []
    counter.card.reader.state_changed.connect(lambda state, _detail: states.append(state))
    counter.start_card_reader()
    label = counter.card.state_label
    qtbot.waitUntil(lambda: "/nowhere/libbeidpkcs11.so.0" in label.text(), timeout=WAIT_MS)

    assert label.text() == "Intergiciel eID non installé (/nowhere/libbeidpkcs11.so.0)"
    assert states == ["no_middleware"] and clerk.messages == []
    counter.find()  # the window stays usable: typing by hand
    assert counter.window.isEnabled() and counter.search.isVisibleTo(counter.window)


def test_belgian_eid_is_refused_as_foreign(
    qtbot: QtBot, counter: Counter, desk: Desk, clerk: Clerk, insert: Insert
) -> None:
    insert(card_with(document_type="1", work_permit_mention=None))
    counter.start_card_reader()
    qtbot.waitUntil(lambda: bool(clerk.messages), timeout=WAIT_MS)

    # Its own sentence (a Belgian holds no single permit), in the clerk's language.
    assert clerk.messages[0].startswith(error_texts(BelgianCard())[0])
    assert not holder_created(desk)


def test_unreadable_field_is_named(
    qtbot: QtBot, counter: Counter, desk: Desk, clerk: Clerk, insert: Insert
) -> None:
    insert(card_with(date_of_birth="31 XYZ 1985"))
    counter.start_card_reader()
    qtbot.waitUntil(lambda: bool(clerk.messages), timeout=WAIT_MS)

    assert "date de naissance" in clerk.messages[0]
    assert not holder_created(desk)


def test_wizard_proposes_the_case_from_the_card(
    qtbot: QtBot, counter: Counter, desk: Desk, clerk: Clerk, insert: Insert
) -> None:
    insert(card_with(**{labels.WORK_PERMIT_MENTION: "7", labels.DOCUMENT_TYPE: "11"}))
    counter.start_card_reader()
    qtbot.waitUntil(lambda: holder_created(desk), timeout=WAIT_MS)

    holder = desk.store.find_holder(NATIONAL_NUMBER)
    assert holder is not None and holder.id is not None
    wizard = RenewalWizard(counter.ctx, holder.id)
    qtbot.addWidget(wizard)
    assert wizard.case is Case.UNLIMITED_RENEWAL  # R3, from mention 7


def _card_data() -> CardData:
    """The FR card as the chip gives it, read without SoftHSM."""
    return CardData.from_objects(
        {label: value.encode() for label, value in card_with().items() if isinstance(value, str)}
    )


def test_card_read_while_locked_shows_nothing(
    qtbot: QtBot, counter: Counter, desk: Desk, clerk: Clerk
) -> None:
    """A locked window keeps personal data hidden, whatever the reader reports."""
    counter.window.cover(QLabel("locked"))
    raw = {label: v if isinstance(v, bytes) else v.encode() for label, v in card_with().items()}
    counter.card.on_card(CardData.from_objects(raw))
    assert not holder_created(desk)
    assert clerk.messages == []
    assert counter.holder.holder is None
