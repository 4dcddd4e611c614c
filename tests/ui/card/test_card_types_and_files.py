"""Every card type, a birth date known in part, and a card the eID viewer saved, each
ending as a holder on the counter; the regional file number where R2 needs it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QMenu
from pytestqt.qtbot import QtBot

from app.card import labels
from app.card.doctypes import DOCUMENT_TYPES, Kind
from app.card.errors import BelgianCard, UnsafeSavedCard
from app.domain.birth_dates import PartialDate
from app.domain.model import Case, LabourMarket
from app.services.desk import Desk
from app.ui.card.texts import UNVERIFIED, error_texts
from app.ui.counter import Counter
from app.ui.i18n import _
from app.ui.qt_typed import child
from app.ui.wizard.wizard import RenewalWizard

from .conftest import NATIONAL_NUMBER, Clerk, Insert, card_with

WAIT_MS = 10_000
CARD_DATA = Path(__file__).parents[2] / "card" / "data"
ALIYEV = "88041712379"


def holder_of(desk: Desk, national_number: str = NATIONAL_NUMBER):
    return desk.store.find_holder(national_number)


RESIDENCE_TYPES = [d for d in DOCUMENT_TYPES if d.kind is Kind.RESIDENCE]


@pytest.mark.parametrize("document", RESIDENCE_TYPES, ids=lambda d: d.code)
def test_a_card_of_each_type_ends_as_a_holder(
    qtbot: QtBot, counter: Counter, desk: Desk, clerk: Clerk, insert: Insert, document
) -> None:
    insert(card_with(document_type=document.code, regional_file_number="RBC-1"))
    counter.start_card_reader()
    qtbot.waitUntil(lambda: holder_of(desk) is not None, timeout=WAIT_MS)

    holder = holder_of(desk)
    (permit,) = desk.store.permits_of(holder.id)
    assert (permit.card_type, permit.regional_file_number) == (document.letter, "RBC-1")
    assert counter.holder.holder is not None and counter.holder.holder.id == holder.id


def test_a_partial_birth_date_ends_as_a_holder(
    qtbot: QtBot, counter: Counter, desk: Desk, clerk: Clerk, insert: Insert
) -> None:
    insert(card_with(date_of_birth="   MARS 1975", national_number="75030012318"))
    counter.start_card_reader()
    qtbot.waitUntil(lambda: holder_of(desk, "75030012318") is not None, timeout=WAIT_MS)

    holder = holder_of(desk, "75030012318")
    assert (holder.birth_date, holder.birth_date_partial) == (None, PartialDate(1975, 3))
    page = counter.holder
    assert page.form.identity.text("birth_date") == "00/03/1975"  # as the register writes it
    assert page.form.is_valid() and not page.is_modified()
    counter.find()
    counter.search.field.setText("Łukasiewicz")
    counter.search.run_search()
    model = counter.search.table.rows_model()
    assert model.index(0, 1).data() == "MARS 1975"  # as the card prints it (French UI)


def test_the_open_saved_card_action_is_in_the_file_menu(counter: Counter) -> None:
    action = counter.open_card_action
    assert action in child(counter.window, QMenu, "file_menu").actions()
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert action.text().replace("&", "")  # a mnemonic reaches it from the keyboard too


def test_a_saved_card_ends_as_a_holder_marked_unverified(
    qtbot: QtBot, counter: Counter, desk: Desk, clerk: Clerk
) -> None:
    counter.card.open_saved_card(str(CARD_DATA / "aliyev-a-card-4.5.eid"))

    holder = holder_of(desk, ALIYEV)
    assert holder is not None
    assert (holder.surname, holder.given_names, holder.nationality) == (
        "Əliyev",
        "Rəşad İlham T.",
        "AZ",
    )
    (permit,) = desk.store.permits_of(holder.id)
    assert (permit.card_type, permit.labour_market) == ("A", LabourMarket.LIMITED)
    assert (permit.regional_file_number, permit.employer_vat_1) == ("RBC-2025-004711", "0123456749")
    assert permit.member_of_family
    assert _(UNVERIFIED) in clerk.messages[0]  # the clerk was told the file is not signed
    page = counter.holder
    assert page.holder is not None and page.holder.id == holder.id
    assert page.photo.isVisibleTo(page)
    assert page.permits.table.rows_model().index(0, 3).data() == "RBC-2025-004711"


def test_a_saved_card_of_a_known_holder_shows_the_differences_unverified(
    qtbot: QtBot, counter: Counter, desk: Desk, clerk: Clerk
) -> None:
    counter.card.open_saved_card(str(CARD_DATA / "aliyev-a-card-4.5.eid"))
    clerk.messages.clear()
    changed = (CARD_DATA / "aliyev-a-card-4.5.eid").read_text(encoding="utf-8")
    moved = desk.store.path.parent / "moved.eid"
    moved.write_text(changed.replace("Rue des Tilleuls 12", "Rue Haute 1"), encoding="utf-8")
    counter.card.open_saved_card(str(moved))

    assert clerk.differences == [["address"]]
    (dialog,) = [d for d in clerk.seen if hasattr(d, "unverified")]
    assert not dialog.unverified.isHidden() and dialog.unverified.text() == _(UNVERIFIED)
    assert holder_of(desk, ALIYEV).address.street == "Rue Haute 1"


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ((CARD_DATA / "67.06.30-296.59.eid").read_bytes(), BelgianCard()),
        (
            b'<?xml version="1.0"?><!DOCTYPE eid [<!ENTITY a "x">]><eid>&a;</eid>',
            UnsafeSavedCard("f", "x"),
        ),
    ],
    ids=["belgian", "hostile"],
)
def test_a_saved_file_that_is_no_residence_card_says_why(
    counter: Counter, desk: Desk, clerk: Clerk, tmp_path: Path, content: bytes, error
) -> None:
    path = tmp_path / "holder.eid"
    path.write_bytes(content)
    counter.card.open_saved_card(str(path))

    assert clerk.messages[0].startswith(error_texts(error)[0])
    assert desk.store.count_holders() == 0


def test_the_wizard_shows_the_regional_file_number_for_r2(
    qtbot: QtBot, counter: Counter, desk: Desk, clerk: Clerk
) -> None:
    counter.card.open_saved_card(str(CARD_DATA / "aliyev-a-card-4.5.eid"))
    holder = holder_of(desk, ALIYEV)
    wizard = RenewalWizard(counter.ctx, holder.id)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    assert wizard.case == Case.LIMITED_RENEWAL  # proposed from the limited mention (R2)
    wizard.case_page.confirm.setChecked(True)
    wizard.next()
    assert wizard.currentPage() is wizard.facts_page
    label = wizard.facts_page.findChild(QLabel, "regional_file_number")
    assert label is not None and label.isVisibleTo(wizard)
    assert "RBC-2025-004711" in label.text()


def test_chip_fields_have_names_for_the_clerk() -> None:
    from app.ui.card.texts import CARD_FIELDS

    assert set(labels.TEXT_LABELS) <= set(CARD_FIELDS)
