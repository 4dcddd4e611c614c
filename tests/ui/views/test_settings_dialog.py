"""The settings dialog: commune saved, languages at least one, legal checklist items kept,
signatories and printer saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton

from app.domain.model import Case, CommuneText, Language
from app.services import settings as service
from app.ui.context import UiContext
from app.ui.counter import Counter
from app.ui.views.formatting import translated
from app.ui.views.settings_dialog import SETTINGS_ERRORS, SettingsDialog

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000050001"
    "0d0a2db40000000049454e44ae426082"
)


def save_button(dialog: SettingsDialog) -> QPushButton:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_saves_commune_languages_logo_and_printer(ctx: UiContext, tmp_path: Path) -> None:
    dialog = SettingsDialog(ctx)
    dialog.text_edits["name", "fr"].setText("Schaerbeek")
    dialog.text_edits["name", "nl"].setText("Schaarbeek")
    dialog.fields.set_text("nis_code", "21015")
    dialog.language_boxes["de"].setChecked(True)
    assert not save_button(dialog).isEnabled()  # German chosen: its name is needed too
    assert dialog.texts_error.text() == translated(SETTINGS_ERRORS, "commune_name_in_language")
    dialog.text_edits["name", "de"].setText("Schaerbeek")
    for code, street in (("nl", "Gemeentehuisplein 1"), ("de", "Gemeindehausplatz 1")):
        dialog.text_edits["street", code].setText(street)
        dialog.text_edits["municipality", code].setText("Schaarbeek")
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    assert dialog.set_logo_file(logo)
    dialog.signatories.add()
    dialog.signatories.model.item(1, 0).setText("Jan Peeters")
    for column, title in ((1, "Échevin"), (2, "Schepen"), (3, "Schöffe")):
        dialog.signatories.model.item(1, column).setText(title)
    for column, title in ((2, "Schepen van Bevolking"), (3, "Schöffin für Bevölkerung")):
        dialog.signatories.model.item(0, column).setText(title)
    dialog.signatories.model.item(1, 4).setCheckState(Qt.CheckState.Checked)
    save_button(dialog).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    commune = ctx.desk.commune()
    assert (commune.name, commune.nis_code) == ("Schaerbeek", "21015")
    assert commune.languages == (Language.FR, Language.NL, Language.DE)
    assert commune.text(Language.NL) == CommuneText(
        "Schaarbeek", "Gemeentehuisplein 1", "Schaarbeek"
    )
    assert commune.text(Language.DE).street == "Gemeindehausplatz 1"
    assert service.logo(ctx.desk) == PNG
    entries = service.signatories(ctx.desk)
    assert [e.default for e in entries] == [False, True]  # one default only
    assert entries[1].name == "Jan Peeters"
    assert dict(entries[1].titles) == {"fr": "Échevin", "nl": "Schepen", "de": "Schöffe"}


def test_a_commune_language_without_its_address_disables_save(ctx: UiContext) -> None:
    dialog = SettingsDialog(ctx)
    assert save_button(dialog).isEnabled()  # the demo commune: French and Dutch filled in
    dialog.text_edits["street", "nl"].setText("")
    assert not save_button(dialog).isEnabled()
    assert dialog.texts_error.isVisible() or not dialog.texts_error.isHidden()
    dialog.text_edits["street", "fr"].setText("")  # no street in any language: allowed
    assert save_button(dialog).isEnabled()
    assert not dialog.text_edits["name", "de"].isEnabled()  # German is not a document language


def test_signatory_title_columns_follow_the_languages(ctx: UiContext) -> None:
    dialog = SettingsDialog(ctx)
    table = dialog.signatories.table
    assert [table.isColumnHidden(c) for c in (1, 2, 3)] == [False, False, True]
    dialog.language_boxes["de"].setChecked(True)
    assert not table.isColumnHidden(3)


def test_no_language_disables_save(ctx: UiContext) -> None:
    dialog = SettingsDialog(ctx)
    for box in dialog.language_boxes.values():
        box.setChecked(False)
    assert not save_button(dialog).isEnabled()
    assert not dialog.language_error.isHidden()
    dialog.language_boxes["nl"].setChecked(True)
    assert save_button(dialog).isEnabled()


def test_bad_nis_code_disables_save(ctx: UiContext) -> None:
    dialog = SettingsDialog(ctx)
    dialog.fields.set_text("nis_code", "2101")
    assert not save_button(dialog).isEnabled()


def test_legal_checklist_items_stay(ctx: UiContext) -> None:
    dialog = SettingsDialog(ctx)
    page = dialog.checklists
    page.case_combo.setCurrentIndex(page.case_combo.findData(Case.LIMITED_RENEWAL.value))
    items = {
        page.model.item(r).data(Qt.ItemDataRole.UserRole): page.model.item(r)
        for r in range(page.model.rowCount())
    }
    legal = items["regional_attestation"]
    assert legal.checkState() == Qt.CheckState.Checked and not legal.isEnabled()
    items["passport"].setCheckState(Qt.CheckState.Unchecked)
    items["proof_of_address"].setCheckState(Qt.CheckState.Checked)
    legal.setCheckState(Qt.CheckState.Unchecked)  # even if it were unticked somehow
    save_button(dialog).click()
    saved = service.checklist(ctx.desk, Case.LIMITED_RENEWAL)
    assert "regional_attestation" in saved
    assert "passport" not in saved
    assert "proof_of_address" in saved
    assert service.checklist(ctx.desk, Case.UNLIMITED_RENEWAL)  # others unchanged


def test_menu_opens_the_dialog(counter: Counter, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[SettingsDialog] = []
    monkeypatch.setattr(SettingsDialog, "exec", lambda d: opened.append(d) or 0)
    counter.window.findChild(QAction, "settings_action").trigger()
    assert len(opened) == 1
    assert opened[0].windowTitle() == "Paramètres"


def test_a_signatory_without_name_is_refused_in_words(ctx: UiContext, messages: list[str]) -> None:
    dialog = SettingsDialog(ctx)
    dialog.signatories.add()  # left empty
    save_button(dialog).click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert messages[-1] == "Chaque signataire doit avoir un nom."
