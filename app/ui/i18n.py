"""The interface language, switched while the application runs (the Frescobaldi way).

One :class:`Translator` holds the gettext catalog of the current language. ``_()`` looks the
catalog up each time it is called, so a text set in a widget's ``retranslate_ui()`` follows
the language; ``N_()`` only marks a message for extraction and is translated later with
``_()``. :func:`translate_ui` calls ``retranslate_ui()`` at once and after every switch,
holding the widget weakly so that a deleted widget is simply forgotten.

Qt's own strings (dialog buttons, wizard buttons, context menus, key names) are routed
through the same catalog by :class:`QtCatalogTranslator`; they are listed in
:mod:`app.ui.qt_strings` so that the extraction puts them in the catalogs. What our
catalog does not hold (the print and file dialogs' labels) comes from Qt's own
translation files shipped with PySide6 (``qtbase_<lang>.qm``), asked after it.
"""

from __future__ import annotations

import gettext
import logging
import weakref
from gettext import NullTranslations
from pathlib import Path
from typing import Protocol

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
    Signal,
)
from PySide6.QtWidgets import QWizard

logger = logging.getLogger(__name__)

DOMAIN = "permitdesk"
DEFAULT_DIRECTORY = Path(__file__).resolve().parents[2] / "translations"

# Interface languages, each named in its own language (never translated).
LANGUAGES: dict[str, str] = {
    "fr": "Français",
    "nl": "Nederlands",
    "de": "Deutsch",
    "en": "English",
}


class Retranslatable(Protocol):
    """A widget that sets all its texts in ``retranslate_ui()``."""

    def retranslate_ui(self) -> None: ...


class QtCatalogTranslator(QTranslator):
    """Answers Qt's ``tr()`` calls from the current gettext catalog, ignoring Qt's context."""

    def __init__(self, owner: Translator) -> None:
        super().__init__()
        # A weak reference: a cycle with the owner would leave both to Python's cyclic
        # collector, which can run inside one of Qt's translate calls; the QTranslator's
        # destructor then waits on the lock that call holds, and the process freezes.
        self._owner = weakref.ref(owner)

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        if not source_text:
            return None
        owner = self._owner()
        if owner is None:
            return None
        translated = owner.gettext(source_text)
        # None (a null QString) lets Qt ask the next translator, then keep its source text;
        # an empty string would replace the text by nothing.
        return None if translated == source_text else translated

    def isEmpty(self) -> bool:
        return False


class Translator(QObject):
    """The current interface language and its catalog."""

    language_changed = Signal(str)

    def __init__(self, directory: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._directory = directory if directory is not None else DEFAULT_DIRECTORY
        self._language = ""
        self._catalog: NullTranslations = NullTranslations()
        self._catalogs: dict[str, NullTranslations] = {}
        self._qt_translator = QtCatalogTranslator(self)
        self._qt_base = QTranslator()

    @property
    def language(self) -> str:
        """The current language code (``fr``, ``nl``, ``de``, ``en``); empty before any."""
        return self._language

    def set_language(self, code: str) -> None:
        """Install the catalog of ``code`` and tell every translated widget."""
        if code not in LANGUAGES:
            raise ValueError(f"unknown interface language {code!r}")
        self._catalog = self._load(code)
        changed = code != self._language
        self._language = code
        QLocale.setDefault(QLocale(f"{code}_BE"))
        self._install_qt_translator()
        logger.info("Interface language: %s", code)
        if changed:
            self.language_changed.emit(code)

    def gettext(self, message: str) -> str:
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalog.ngettext(singular, plural, n)

    def watch(self, widget: Retranslatable) -> None:
        """Call ``widget.retranslate_ui()`` after each switch while the widget lives."""
        ref = weakref.ref(widget)

        def relay(_code: str) -> None:
            target = ref()
            if target is None or not shiboken6.isValid(target):
                self.language_changed.disconnect(relay)
                return
            target.retranslate_ui()

        self.language_changed.connect(relay)

    def _load(self, code: str) -> NullTranslations:
        if code not in self._catalogs:
            try:
                self._catalogs[code] = gettext.translation(
                    DOMAIN, localedir=self._directory, languages=[code]
                )
            except FileNotFoundError:
                logger.warning(
                    "No compiled catalog for %r in %s (run `make translations`)",
                    code,
                    self._directory,
                )
                self._catalogs[code] = NullTranslations()
        return self._catalogs[code]

    def uninstall(self) -> None:
        """Stop answering Qt's translation requests."""
        if QCoreApplication.instance() is not None:
            QCoreApplication.removeTranslator(self._qt_translator)
            QCoreApplication.removeTranslator(self._qt_base)

    def _install_qt_translator(self) -> None:
        """(Re)install the Qt translators; installing posts LanguageChange to every widget.

        Qt asks the translator installed last first: ours, then Qt's own file."""
        if QCoreApplication.instance() is None:
            return
        QCoreApplication.removeTranslator(self._qt_translator)
        QCoreApplication.removeTranslator(self._qt_base)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if self._qt_base.load(f"qtbase_{self._language}", folder):
            QCoreApplication.installTranslator(self._qt_base)
        elif self._language != "en":
            logger.warning("No Qt translation qtbase_%s.qm in %s", self._language, folder)
        QCoreApplication.installTranslator(self._qt_translator)


_current: Translator | None = None


def get_translator() -> Translator:
    """The application's translator, created on first use."""
    global _current
    if _current is None:
        _current = Translator()
    return _current


def use_translator(translator: Translator) -> Translator | None:
    """Make ``translator`` the one ``_()`` and Qt read; returns the one it replaces."""
    global _current
    previous, _current = _current, translator
    if previous is not None and previous is not translator:
        previous.uninstall()
    return previous


def _(message: str) -> str:
    """``message`` in the current interface language."""
    return get_translator().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for ``n``, in the current language."""
    return get_translator().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction; translate it with ``_()`` where it is shown."""
    return message


def translate_ui(widget: Retranslatable) -> None:
    """Set ``widget``'s texts now and again after every language switch."""
    widget.retranslate_ui()
    get_translator().watch(widget)


def retranslate_wizard_buttons(wizard: QWizard) -> None:
    """Set a wizard's button texts in the current language.

    QWizard translates its buttons once, when built, and not on a later switch: a wizard
    calls this from its ``retranslate_ui()``. The messages are Qt's, from ``qt_strings``.
    """
    texts = {
        QWizard.WizardButton.BackButton: _("< &Back"),
        QWizard.WizardButton.NextButton: _("&Next >"),
        QWizard.WizardButton.CommitButton: _("Commit"),
        QWizard.WizardButton.FinishButton: _("&Finish"),
        QWizard.WizardButton.CancelButton: _("Cancel"),
        QWizard.WizardButton.HelpButton: _("&Help"),
    }
    for button, text in texts.items():
        wizard.setButtonText(button, text)
