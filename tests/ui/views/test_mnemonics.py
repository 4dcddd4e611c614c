"""Every Alt letter is unique on each screen, in French, Dutch and German, and no label
shows a literal ``&`` (issue 13: "&Nom :", Alt+R reaching a field before the renewal)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget, QWizard
from pytestqt.qtbot import QtBot
from support.mnemonics import clashes, literal_ampersands

from app.domain.model import FamilyMember, Holder, LabourMarket, Permit
from app.ui.context import UiContext
from app.ui.counter import Counter
from app.ui.i18n import Translator
from app.ui.security.audit_view import AuditDialog
from app.ui.security.sign_in import FirstAdministratorDialog, SignInForm
from app.ui.security.users_dialog import AccountDialog, UsersDialog
from app.ui.transmissions import TransmissionsView
from app.ui.views.dialogs import FamilyMemberDialog, NewHolderDialog, PermitDialog
from app.ui.views.settings_dialog import SettingsDialog
from app.ui.wizard.wizard import RenewalWizard

LANGUAGES = ("fr", "nl", "de")
TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def check(window: QWidget, screen: str) -> list[str]:
    problems = [f"{screen}: Alt+{letter} for {texts}" for letter, texts in clashes(window).items()]
    problems += [f"{screen}: literal & in {text!r}" for text in literal_ampersands(window)]
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_main_window_screens(
    counter: Counter, demo_holder: Holder, translator: Translator, language: str, qtbot: QtBot
) -> None:
    translator.set_language(language)
    window = counter.window
    window.show()
    problems = check(window, "today")
    counter.find()
    problems += check(window, "search")
    counter.open_holder(demo_holder.id)
    problems += check(window, "holder")
    window.show_view(counter.transmissions)  # built when first shown
    assert window.findChild(TransmissionsView) is not None
    problems += check(window, "transmissions")
    assert problems == [], "\n".join(problems)


def test_tab_leaves_the_transmissions_list_for_its_buttons(counter: Counter, qtbot: QtBot) -> None:
    window = counter.window
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    window.show_view(counter.transmissions)  # built when first shown
    view = window.findChild(TransmissionsView)
    assert view is not None
    assert view.model.rowCount() > 0, "the demo has transmissions waiting"
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    qtbot.keyClick(view.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.cover_button


@pytest.mark.parametrize("language", LANGUAGES)
def test_wizard_pages(
    counter: Counter, demo_holder: Holder, translator: Translator, language: str, qtbot: QtBot
) -> None:
    translator.set_language(language)
    counter.window.show()
    counter.open_holder(demo_holder.id)
    counter.new_renewal(demo_holder.id)
    wizard = counter.window.findChildren(RenewalWizard)[-1]
    qtbot.waitExposed(wizard)
    problems: list[str] = []
    wizard.case_page.confirm.setChecked(True)
    for page in ("case", "facts", "checklist"):
        problems += check(wizard, page)
        if page == "checklist":
            wizard.checklist_page.tick_all()
        wizard.next()
        QApplication.processEvents()
    problems += check(wizard, "decision")
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    problems += check(wizard, "preview")
    wizard.reject()
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_account_dialog_labels_take_their_letters(
    translator: Translator, language: str, qtbot: QtBot
) -> None:
    translator.set_language(language)
    dialog = AccountDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert check(dialog, "new account") == []
    assert dialog.name_label.buddy() is dialog.name


def dialogs(ctx: UiContext, holder: Holder) -> dict[str, QWidget]:
    """The dialogs outside the main window and the wizard, as the clerk opens them."""
    return {
        "settings": SettingsDialog(ctx),
        "new holder": NewHolderDialog(TODAY),
        "permit": PermitDialog(Permit(holder.id, "", TODAY, LabourMarket.LIMITED)),
        "family member": FamilyMemberDialog(FamilyMember("", ""), TODAY),
        "first administrator": FirstAdministratorDialog(lambda _name, _password: ""),
        "sign in": SignInForm(),
        "users": UsersDialog(ctx, lambda: NOW),
        "audit": AuditDialog(ctx),
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_dialogs(
    ctx: UiContext, demo_holder: Holder, translator: Translator, language: str, qtbot: QtBot
) -> None:
    translator.set_language(language)
    problems: list[str] = []
    for screen, dialog in dialogs(ctx, demo_holder).items():
        qtbot.addWidget(dialog)
        dialog.show()
        problems += check(dialog, screen)
    assert problems == [], "\n".join(problems)
