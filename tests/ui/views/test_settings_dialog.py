"""The settings dialog: commune saved, languages at least one, legal checklist items kept,
signatories and printer saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton

from app.domain.model import Case, Language
from app.services import settings as service
from app.ui.context import UiContext
from app.ui.counter import Counter
from app.ui.views.settings_dialog import SettingsDialog

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000050001"
    "0d0a2db40000000049454e44ae426082"
)


def save_button(dialog: SettingsDialog) -> QPushButton:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_saves_commune_languages_logo_and_printer(ctx: UiContext, tmp_path: Path) -> None:
    dialog = SettingsDialog(ctx)
    dialog.fields.set_text("commune_name", "Schaerbeek")
    dialog.fields.set_text("nis_code", "21015")
    dialog.language_boxes["de"].setChecked(True)
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    assert dialog.set_logo_file(logo)
    dialog.signatories.add()
    dialog.signatories.model.item(1, 0).setText("Jan Peeters")
    dialog.signatories.model.item(1, 1).setText("Schepen")
    dialog.signatories.model.item(1, 2).setCheckState(Qt.CheckState.Checked)
    save_button(dialog).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    commune = ctx.desk.commune()
    assert (commune.name, commune.nis_code) == ("Schaerbeek", "21015")
    assert commune.languages == (Language.FR, Language.NL, Language.DE)
    assert service.logo(ctx.desk) == PNG
    entries = service.signatories(ctx.desk)
    assert [e.default for e in entries] == [False, True]  # one default only
    assert entries[1].name == "Jan Peeters"


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
