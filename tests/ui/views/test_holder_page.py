"""The holder's page: fields checked as typed, Save enabled only when valid, saving writes
the database, names kept literally, family members and new holders."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from app.domain.model import Holder, Sex
from app.ui.counter import Counter
from app.ui.views.dialogs import FamilyMemberDialog, NewHolderDialog, PermitDialog
from app.ui.views.formatting import RELATIONSHIPS, translated

from .conftest import TODAY

# Most tests edit the demo holder ÇAKIR, BURAK (the ``demo_holder`` fixture: national
# number 93102942351, one permit, no family); ``make`` adds the other holders they need.


def field(counter: Counter, name: str) -> QLineEdit:
    return counter.holder.findChild(QLineEdit, name)


def error(counter: Counter, name: str) -> QLabel:
    return counter.holder.findChild(QLabel, f"{name}_error")


def retype(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Type like the clerk; QTest types ASCII only, so other letters are inserted."""
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.insert(text)


def test_bad_checksum_disables_save_and_fixing_it_saves(
    counter: Counter, qtbot: QtBot, demo_holder: Holder
) -> None:
    counter.open_holder(demo_holder.id)
    page = counter.holder
    number = field(counter, "national_number")
    assert number.text() == "93.10.29-423.51"
    assert page.save_button.isEnabled()
    retype(qtbot, number, "93.10.29-423.52")
    assert not page.save_button.isEnabled()
    assert not error(counter, "national_number").isHidden()
    assert error(counter, "national_number").text() == (
        "Les chiffres de contrôle ne correspondent pas : un chiffre a été mal tapé."
    )
    retype(qtbot, number, "93102942351")
    assert page.save_button.isEnabled()
    assert error(counter, "national_number").isHidden()
    retype(qtbot, field(counter, "surname"), "ÇAKIR <&> Ş")
    retype(qtbot, field(counter, "postal_code"), "1030")
    page.form.hospitalised.setChecked(True)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = counter.ctx.desk.store.get_holder(demo_holder.id)
    assert saved.surname == "ÇAKIR <&> Ş"
    assert saved.national_number == "93102942351"
    assert saved.address.postal_code == "1030"
    assert saved.hospitalised
    assert page.heading.text() == "ÇAKIR <&> Ş, BURAK"
    assert page.heading.textFormat() == Qt.TextFormat.PlainText


def test_required_surname_and_bad_date(counter: Counter, qtbot: QtBot, demo_holder: Holder) -> None:
    counter.open_holder(demo_holder.id)
    page = counter.holder
    retype(qtbot, field(counter, "surname"), "")
    assert error(counter, "surname").text() == "Ce champ est obligatoire."
    assert not page.save_button.isEnabled()
    retype(qtbot, field(counter, "surname"), "ÇAKIR")
    retype(qtbot, field(counter, "birth_date"), "31/02/1993")
    assert error(counter, "birth_date").isHidden()  # said when the clerk leaves it
    qtbot.keyClick(field(counter, "birth_date"), Qt.Key.Key_Return)
    assert not error(counter, "birth_date").isHidden()
    assert "31 février" in error(counter, "birth_date").text()  # "Le 31 février n'existe pas."
    assert field(counter, "birth_date").text() == "31/02/1993"  # kept as typed, not corrected
    assert not page.save_button.isEnabled()
    assert page.save() is False


def test_lists_of_the_page(counter: Counter) -> None:
    document = counter.ctx.desk.register.get_by_id(1)
    counter.open_holder(document.holder_id)
    page = counter.holder
    assert page.permits.count() >= 1
    assert page.documents.count() >= 1
    assert page.files.count() >= 1
    assert page.family.count() == 0
    assert page.family.empty_label.text() == "Aucun membre de la famille enregistré."
    with pytest.MonkeyPatch.context():
        opened: list[int] = []
        page.file_opened.connect(opened.append)
        page.files.table.setCurrentIndex(page.files.model.index(0, 0))
        page.files.table.row_opened.emit(page.files.model.row_at(0))
        assert opened == [page.files.model.row_at(0).id]


def test_add_family_member(
    counter: Counter, monkeypatch: pytest.MonkeyPatch, demo_holder: Holder
) -> None:
    def fill(dialog: FamilyMemberDialog) -> int:
        dialog.fields.set_text("surname", "DEMİR")
        dialog.fields.set_text("given_names", "Ayşe")
        dialog.relationship.setCurrentIndex(dialog.relationship.findData("spouse"))
        dialog.sex.setCurrentIndex(dialog.sex.findData("F"))
        dialog.fields.set_text("birth_date", "03/04/1990")
        assert dialog.save_button.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(FamilyMemberDialog, "exec", fill)
    counter.open_holder(demo_holder.id)
    counter.holder.add_member_button.click()
    (member,) = counter.ctx.desk.store.family_of(demo_holder.id)
    assert (member.surname, member.given_names, member.relationship) == ("DEMİR", "Ayşe", "spouse")
    assert member.sex is Sex.FEMALE
    assert counter.holder.family.count() == 1
    shown = counter.holder.family.model.index(0, 1).data()
    assert shown == translated(RELATIONSHIPS, "spouse")  # the word, not the code


def test_new_holder_with_ctrl_n(counter: Counter, monkeypatch: pytest.MonkeyPatch) -> None:
    def fill(dialog: NewHolderDialog) -> int:
        assert not dialog.save_button.isEnabled()  # the surname is required
        fields = dialog.form.identity
        fields.set_text("surname", "EL AMRANI")
        fields.set_text("given_names", "Youssef")
        fields.set_text("national_number", "85.07.30-033.28")
        fields.set_text("birth_date", "30/07/1985")
        assert dialog.save_button.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewHolderDialog, "exec", fill)
    action = counter.window.findChild(QAction, "new_holder_action")
    assert action.shortcut().toString() == "Ctrl+N"
    action.trigger()
    created = counter.ctx.desk.store.find_holder("85073003328")
    assert created is not None and created.surname == "EL AMRANI"
    assert counter.holder.holder.id == created.id
    before = counter.ctx.desk.store.count_holders()
    action.trigger()  # the same number again opens that holder, no twin
    assert counter.ctx.desk.store.count_holders() == before


def test_unsaved_changes_are_not_lost_silently(
    counter: Counter, qtbot: QtBot, messages: list[str], demo_holder: Holder, make
) -> None:
    other = make.holder()
    counter.open_holder(demo_holder.id)
    assert not counter.holder.is_modified()
    retype(qtbot, field(counter, "given_names"), "Burak Can")
    assert counter.holder.is_modified()
    counter.open_holder(other.id)  # the clerk answers No: stay on the edited holder
    assert counter.holder.holder.id == demo_holder.id
    assert field(counter, "given_names").text() == "Burak Can"
    assert "ne sont pas enregistrées" in messages[-1]
    counter.ctx.changed("permit", demo_holder.id)  # another change elsewhere keeps the typing
    assert field(counter, "given_names").text() == "Burak Can"


def test_enter_moves_to_the_next_field(counter: Counter, qtbot: QtBot, demo_holder: Holder) -> None:
    counter.window.show()
    counter.window.activateWindow()
    qtbot.waitActive(counter.window)
    counter.open_holder(demo_holder.id)
    surname = field(counter, "surname")
    surname.setFocus()
    qtbot.waitUntil(surname.hasFocus, timeout=2000)
    qtbot.keyClick(surname, Qt.Key.Key_Return)
    qtbot.waitUntil(field(counter, "given_names").hasFocus, timeout=2000)


def test_a_busy_database_is_a_sentence(
    counter: Counter, monkeypatch: pytest.MonkeyPatch, messages: list[str], demo_holder: Holder
) -> None:
    from app.domain.errors import DatabaseLocked
    from app.ui.views import holder as holder_view

    def busy(*_args: object) -> None:
        raise DatabaseLocked("busy")

    monkeypatch.setattr(holder_view, "save_holder", busy)
    counter.open_holder(demo_holder.id)
    assert counter.holder.save() is False
    assert messages[-1].startswith("La base de données n'a pas pu être écrite.")


def test_same_card_as_another_holder(
    counter: Counter,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
    demo_holder: Holder,
    make,
) -> None:
    other_card = make.permit(make.holder(), TODAY + timedelta(days=365)).card_number

    def fill(dialog: PermitDialog) -> int:
        dialog.fields.set_text("card_number", other_card)
        dialog.fields.set_text("expiry", "31/12/2030")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PermitDialog, "exec", fill)
    counter.open_holder(demo_holder.id)
    counter.holder.add_permit_button.click()
    assert messages[-1].startswith("Ce numéro de carte appartient à un autre titulaire.")
    assert counter.holder.permits.count() == 1
