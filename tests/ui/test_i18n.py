"""The translator: call-time lookup, switching, weak widget tracking, Qt's own strings."""

from __future__ import annotations

import gc
import logging
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QWizard,
    QWizardPage,
)
from pytestqt.qtbot import QtBot

from app.ui import i18n
from app.ui.i18n import N_, Translator, _, retranslate_wizard_buttons, translate_ui
from app.ui.qt_strings import QT_STRINGS

MENU_FILE = N_("&File")


class Greeting(QLabel):
    """A widget that counts its retranslations."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0
        translate_ui(self)

    def retranslate_ui(self) -> None:
        self.calls += 1
        self.setText(_(MENU_FILE))


def test_underscore_reads_the_current_catalog_at_call_time(translator: Translator) -> None:
    assert _(MENU_FILE) == "&Fichier"
    translator.set_language("nl")
    assert _(MENU_FILE) == "&Bestand"
    translator.set_language("de")
    assert _(MENU_FILE) == "&Datei"
    translator.set_language("en")
    assert _(MENU_FILE) == "&File"


def test_n_marks_without_translating() -> None:
    assert N_("&File") == "&File"


def test_unknown_message_falls_back_to_the_msgid() -> None:
    assert _("Not in any catalog") == "Not in any catalog"


def test_unknown_language_is_refused(translator: Translator) -> None:
    with pytest.raises(ValueError, match="xx"):
        translator.set_language("xx")
    assert translator.language == "fr"


def test_language_changed_fires_once_per_real_switch(qtbot: QtBot, translator: Translator) -> None:
    received: list[str] = []
    translator.language_changed.connect(received.append)
    translator.set_language("fr")
    with qtbot.waitSignal(translator.language_changed):
        translator.set_language("de")
    assert received == ["de"]
    assert translator.language == "de"


def test_translate_ui_sets_texts_now_and_after_each_switch(
    qtbot: QtBot, translator: Translator
) -> None:
    widget = Greeting()
    qtbot.addWidget(widget)
    assert (widget.calls, widget.text()) == (1, "&Fichier")
    translator.set_language("nl")
    assert (widget.calls, widget.text()) == (2, "&Bestand")


def test_deleted_widgets_are_forgotten(translator: Translator) -> None:
    deleted_in_cpp = Greeting()
    shiboken6.delete(deleted_in_cpp)
    collected = Greeting()
    del collected
    gc.collect()
    translator.set_language("de")  # must not touch either widget
    translator.set_language("nl")
    assert not shiboken6.isValid(deleted_in_cpp)


def test_missing_catalog_falls_back_to_english(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    empty = Translator(tmp_path)
    previous = i18n.use_translator(empty)
    try:
        with caplog.at_level(logging.WARNING):
            empty.set_language("nl")
        assert _(MENU_FILE) == "&File"
        assert "make translations" in caplog.text
    finally:
        assert previous is not None
        i18n.use_translator(previous)


def test_qt_dialog_buttons_follow_the_language(qtbot: QtBot, translator: Translator) -> None:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(buttons)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text() == "Annuler"
    translator.set_language("de")
    QApplication.processEvents()
    assert cancel.text() == "Abbrechen"
    translator.set_language("en")
    QApplication.processEvents()
    assert cancel.text() == "Cancel"


def test_untranslated_qt_strings_keep_qt_source_text(translator: Translator) -> None:
    translator.set_language("de")
    assert QApplication.translate("QShortcut", "+") == "+"
    assert QApplication.translate("QShortcut", "Ctrl") == "Strg"


def test_wizard_buttons_are_retranslated(qtbot: QtBot, translator: Translator) -> None:
    wizard = QWizard()
    wizard.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
    wizard.addPage(QWizardPage())
    qtbot.addWidget(wizard)
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Suivant >"
    translator.set_language("nl")
    retranslate_wizard_buttons(wizard)
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "V&olgende >"
    assert wizard.buttonText(QWizard.WizardButton.BackButton) == "< &Vorige"
    assert wizard.buttonText(QWizard.WizardButton.CancelButton) == "Annuleren"
    assert wizard.buttonText(QWizard.WizardButton.FinishButton) == "&Voltooien"


@pytest.mark.parametrize("code", ["fr", "nl", "de"])
def test_qt_strings_with_words_are_translated(translator: Translator, code: str) -> None:
    translator.set_language(code)
    same_everywhere = {"OK", "Alt", "Ctrl", "Help", "&Help", "Shift"}
    untranslated = [text for text in QT_STRINGS if text not in same_everywhere and _(text) == text]
    assert not untranslated


def test_plural_lookup_falls_back_to_english_forms() -> None:
    assert i18n.ngettext("{n} file", "{n} files", 1) == "{n} file"
    assert i18n.ngettext("{n} file", "{n} files", 3) == "{n} files"


#: Qt's print dialog in each language, from Qt's own translation files (qtbase_<lang>.qm).
PRINT_DIALOG = {
    "fr": ("Imprimer", "Annuler", "P&ropriétés"),
    "nl": ("Afdrukken", "Annuleren", "&Eigenschappen"),
    "de": ("Drucken", "Abbrechen", "&Eigenschaften"),
}


@pytest.mark.parametrize("language", ["fr", "nl", "de"])
def test_qt_print_and_file_dialogs_speak_the_interface_language(
    qtbot: QtBot, translator: Translator, language: str
) -> None:
    translator.set_language(language)
    printing = QPrintDialog(QPrinter())
    qtbot.addWidget(printing)
    title, cancel, properties = PRINT_DIALOG[language]
    buttons = {button.text() for button in printing.findChildren(QPushButton)}
    assert printing.windowTitle() == title and {cancel, properties} <= buttons
    files = QFileDialog()
    files.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(files)
    labels = {label.text() for label in files.findChildren(QLabel)}
    assert not labels & {"&Look in:", "File &name:", "Files of &type:"}
