"""Tools > Settings…: the commune (NIS code, document languages, its name and address in
each of them side by side, logo), signatories (a title per language), checklists per case
and the default printer, saved through :mod:`app.services.settings` (one transaction each)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import validation as v
from app.domain.accounts import Role
from app.domain.model import Commune, CommuneText, Language
from app.services import settings as service
from app.services.auth import NotAllowed
from app.ui.context import UiContext
from app.ui.i18n import N_, _, translate_ui
from app.ui.messages import show_error
from app.ui.rights.roles import may, tell_not_allowed
from app.ui.rights.texts import needs
from app.ui.views.fields import ERROR_STYLE, FieldSet
from app.ui.views.formatting import error_text, translated
from app.ui.views.settings_pages import ChecklistsPage, PrinterPage, SignatoriesPage
from app.ui.views.writing import write_or_tell

logger = logging.getLogger(__name__)

LANGUAGE_NAMES = {"fr": N_("&French"), "nl": N_("&Dutch"), "de": N_("&German")}
COLUMN_NAMES = {"fr": N_("French"), "nl": N_("Dutch"), "de": N_("German")}
#: The commune's name and address as each document language prints them (R7).
COMMUNE_TEXTS = (
    ("name", N_("Commune &name:")),
    ("street", N_("S&treet:")),
    ("municipality", N_("&Municipality:")),
)
SETTINGS_ERRORS = {
    "no_signatory_name": N_("Every signatory needs a name."),
    "two_defaults": N_("Only one signatory can be the default."),
    "not_an_image": N_("The logo must be a PNG or JPEG picture."),
    "no_language": N_("Choose at least one language for the documents."),
    "no_commune_name": N_("The commune needs a name."),
    "nis_code": N_("A NIS code has five digits, for example 21004."),
    "idle_lock_minutes": N_("The counter locks after 1 to 120 minutes without input."),
    "commune_name_in_language": N_("Give the commune's name in every document language."),
    "address_in_language": N_(
        "Give the street and the municipality in every document language, or in none."
    ),
    "title_in_language": N_("Give each signatory's title in every document language, or none."),
}


class SettingsDialog(QDialog):
    """The commune's settings, for every counter of the commune."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self._ctx = ctx
        desk = ctx.desk
        self._commune = desk.commune()
        self._logo: bytes | None = service.logo(desk)
        self._new_logo: bytes | None = None
        self.tabs = QTabWidget()
        commune_page = self._commune_page()
        self.tabs.addTab(commune_page, "")
        self.signatories = SignatoriesPage(service.signatories(desk))
        self.checklists = ChecklistsPage(service.checklists(desk))
        self.printer = PrinterPage(service.default_printer(desk))
        for page in (self.signatories, self.checklists, self.printer):
            self.tabs.addTab(page, "")
        # Commune, signatories, printer: administrators only (the checklists are not).
        self._administrator_pages = (commune_page, self.signatories, self.printer)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.fields.validity_changed.connect(lambda _valid: self._update_save())
        self.administrator = may(desk, Role.ADMINISTRATOR)
        for tab in self._administrator_pages:
            tab.setEnabled(self.administrator)
        translate_ui(self)
        self._languages_changed()
        self.resize(820, 620)

    def _commune_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("commune_page")
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.fields = FieldSet(form, self)
        c = self._commune
        for name, label, check, value in (
            ("nis_code", N_("&NIS code:"), v.check_nis_code, c.nis_code),
            ("commune_postal_code", N_("P&ostal code:"), v.check_postal_code, c.postal_code),
        ):
            self.fields.add_line(name, label, check)
            self.fields.set_text(name, value)
        self.language_boxes: dict[str, QCheckBox] = {}
        row = QHBoxLayout()
        for code in LANGUAGE_NAMES:
            box = QCheckBox()
            box.setObjectName(f"document_language_{code}")
            box.setChecked(Language(code) in c.languages)
            box.toggled.connect(lambda _on: self._languages_changed())
            self.language_boxes[code] = box
            row.addWidget(box)
        row.addStretch(1)
        self.languages_label = QLabel()
        self.language_error = QLabel()
        self.language_error.setObjectName("language_error")
        self.language_error.setStyleSheet(ERROR_STYLE)
        form.addRow(self.languages_label, row)
        form.addRow("", self.language_error)
        form.addRow(self._commune_texts(c))
        self.logo_preview = QLabel()
        self.logo_preview.setObjectName("logo_preview")
        self.logo_preview.setFixedSize(160, 80)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setFrameShape(QLabel.Shape.StyledPanel)
        self.logo_button = QPushButton()
        self.logo_button.setObjectName("choose_logo")
        self.logo_button.clicked.connect(self.choose_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview)
        logo_row.addWidget(self.logo_button)
        logo_row.addStretch(1)
        self.logo_label = QLabel()
        form.addRow(self.logo_label, logo_row)
        self._show_logo()
        # The machine configuration names the middleware; here it is shown, never edited.
        self.card_library = service.card_library()
        middleware = self.fields.add_line("card_library", N_("&eID middleware:"), _no_check)
        middleware.setReadOnly(True)
        self.fields.set_text("card_library", self.card_library.path)
        self.card_library_note = QLabel()
        self.card_library_note.setObjectName("card_library_note")
        self.card_library_note.setWordWrap(True)
        form.addRow("", self.card_library_note)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("idle_lock_minutes")
        self.idle_minutes.setRange(1, service.MAX_IDLE_LOCK_MINUTES)
        self.idle_minutes.setValue(service.idle_lock_minutes(self._ctx.desk))
        self.idle_label = QLabel()
        self.idle_label.setBuddy(self.idle_minutes)
        form.addRow(self.idle_label, self.idle_minutes)
        return page

    def _commune_texts(self, commune: Commune) -> QGroupBox:
        """Name, street and municipality side by side, one column per document language;
        a language the commune does not use is greyed."""
        self.texts_group = QGroupBox()
        grid = QGridLayout(self.texts_group)
        self.text_headers: dict[str, QLabel] = {}
        self.text_labels: dict[str, QLabel] = {}
        self.text_edits: dict[tuple[str, str], QLineEdit] = {}
        for column, code in enumerate(LANGUAGE_NAMES, start=1):
            header = QLabel()
            self.text_headers[code] = header
            grid.addWidget(header, 0, column)
        for row, (part, _label) in enumerate(COMMUNE_TEXTS, start=1):
            label = QLabel()
            self.text_labels[part] = label
            grid.addWidget(label, row, 0)
            for column, code in enumerate(LANGUAGE_NAMES, start=1):
                edit = QLineEdit(getattr(self._initial_text(commune, code), part))
                edit.setObjectName(f"commune_{part}_{code}")
                edit.textChanged.connect(lambda _text: self._update_save())
                self.text_edits[part, code] = edit
                grid.addWidget(edit, row, column)
            label.setBuddy(self.text_edits[part, next(iter(LANGUAGE_NAMES))])
        self.texts_error = QLabel()
        self.texts_error.setObjectName("commune_texts_error")
        self.texts_error.setStyleSheet(ERROR_STYLE)
        self.texts_error.setWordWrap(True)
        grid.addWidget(self.texts_error, len(COMMUNE_TEXTS) + 1, 0, 1, len(LANGUAGE_NAMES) + 1)
        return self.texts_group

    @staticmethod
    def _initial_text(commune: Commune, code: str) -> CommuneText:
        """What each column shows first: the language's own texts; for older settings, the
        one name and address in the commune's first language only."""
        language = Language(code)
        if language in commune.texts:
            return commune.texts[language]
        if not commune.texts and commune.languages and commune.languages[0] is language:
            return CommuneText(commune.name, commune.street, commune.municipality)
        return CommuneText()

    def commune_texts(self) -> dict[Language, CommuneText]:
        """The columns with anything typed in (a language unticked keeps its texts)."""
        texts = {}
        for code in LANGUAGE_NAMES:
            parts = [self.text_edits[part, code].text().strip() for part, _ in COMMUNE_TEXTS]
            if any(parts):
                texts[Language(code)] = CommuneText(*parts)
        return texts

    def texts_problem(self) -> str | None:
        """Why the name and address per language cannot be saved, as a sentence; None."""
        chosen = [code.value for code in self.chosen_languages()]
        for edit in self.text_edits.values():
            code = v.check_name(edit.text(), required=False)
            if code:
                return error_text(code)
        if any(not self.text_edits["name", code].text().strip() for code in chosen):
            return translated(SETTINGS_ERRORS, "commune_name_in_language")
        for part in ("street", "municipality"):
            if len({bool(self.text_edits[part, code].text().strip()) for code in chosen}) > 1:
                return translated(SETTINGS_ERRORS, "address_in_language")
        return None

    def _languages_changed(self) -> None:
        chosen = {code.value for code in self.chosen_languages()}
        for (_part, code), edit in self.text_edits.items():
            edit.setEnabled(code in chosen)
        self.signatories.show_languages(
            [code for code in LANGUAGE_NAMES if code in chosen] or list(LANGUAGE_NAMES)
        )
        self._update_save()

    def chosen_languages(self) -> tuple[Language, ...]:
        return tuple(Language(c) for c, box in self.language_boxes.items() if box.isChecked())

    def is_valid(self) -> bool:
        if not self.administrator:  # only the checklists are theirs to save
            return True
        return (
            self.fields.is_valid()
            and bool(self.chosen_languages())
            and self.texts_problem() is None
        )

    def choose_logo(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Commune logo"), "", _("Pictures (*.png *.jpg *.jpeg)")
        )
        if name:
            self.set_logo_file(Path(name))

    def set_logo_file(self, path: Path) -> bool:
        data = path.read_bytes()
        if not service.is_image(data):
            show_error(self, _("Logo not changed"), translated(SETTINGS_ERRORS, "not_an_image"))
            return False
        self._new_logo = data
        self._show_logo()
        return True

    def save(self) -> None:
        """Save every part in its own transaction; close when all were saved."""
        if not self.is_valid():
            return
        f = self.fields
        texts = self.commune_texts()
        first = texts.get(self.chosen_languages()[0], CommuneText())
        commune = Commune(
            nis_code=f.text("nis_code").strip(),
            name=first.name,
            languages=self.chosen_languages(),
            street=first.street,
            postal_code=f.text("commune_postal_code").strip(),
            municipality=first.municipality,
            texts=texts,
        )
        desk = self._ctx.desk

        def save_all() -> bool:
            if self.administrator:
                service.save_commune(desk, commune, self._new_logo)
                service.save_signatories(desk, self.signatories.entries())
            service.save_checklists(desk, self.checklists.lists())
            if self.administrator:
                service.save_default_printer(desk, self.printer.printer())
                service.save_idle_lock_minutes(desk, self.idle_minutes.value())
            return True

        try:
            saved = write_or_tell(self, save_all)
        except service.InvalidSettings as error:
            show_error(self, _("Settings not saved"), translated(SETTINGS_ERRORS, error.code))
            saved = None
        except NotAllowed as error:
            tell_not_allowed(self, error)
            saved = None
        self._ctx.changed("settings")  # a part may have been saved before a refusal
        if saved:
            self.accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Settings"))
        for index, title in enumerate(
            (N_("Commune"), N_("Signatories"), N_("Checklists"), N_("Printer"))
        ):
            self.tabs.setTabText(index, _(title))
        self.fields.retranslate_ui()
        source = self.card_library.configured_in
        self.card_library_note.setText(
            _(
                "Set by this computer's configuration file ({file}, key card_library); an IT "
                "administrator changes it there."
            ).format(file=source)
            if source is not None
            else _(
                "The platform's eID middleware. An IT administrator can name another module "
                "in this computer's configuration file (key card_library)."
            )
        )
        self.languages_label.setText(_("Document languages:"))
        for code, box in self.language_boxes.items():
            box.setText(_(LANGUAGE_NAMES[code]))
        self.texts_group.setTitle(_("The commune on the papers, in each document language"))
        for code, header in self.text_headers.items():
            header.setText(_(COLUMN_NAMES[code]))
        for part, label in COMMUNE_TEXTS:
            self.text_labels[part].setText(_(label))
        self.language_error.setText(translated(SETTINGS_ERRORS, "no_language"))
        self.logo_label.setText(_("Logo:"))
        self.logo_button.setText(_("Choose &logo…"))
        self.idle_label.setText(_("&Lock the counter after (minutes without input):"))
        for tab in self._administrator_pages:
            tab.setToolTip("" if self.administrator else needs(Role.ADMINISTRATOR))
        self.signatories.retranslate_ui()
        self.checklists.retranslate_ui()
        self.printer.retranslate_ui()
        self._show_logo()

    def _show_logo(self) -> None:
        data = self._new_logo or self._logo
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.logo_preview.setPixmap(
                pixmap.scaled(
                    self.logo_preview.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.logo_preview.setText(_("No logo"))

    def _update_save(self) -> None:
        self.language_error.setVisible(not self.chosen_languages())
        problem = self.texts_problem() if self.administrator else None
        self.texts_error.setText(problem or "")
        self.texts_error.setVisible(problem is not None)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(self.is_valid())


def _no_check(_text: str) -> None:
    """A shown value: nothing to check."""
