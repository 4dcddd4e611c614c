"""What the counter does when a residence card comes in: open its holder (or offer to record
them from the card), set the card against the record, show the photo while the card is in,
and say in sentences why a card could not be read.

The reader is watched in a worker thread (:mod:`app.ui.card.watcher`); the rules (matching,
differences, what is saved) are :mod:`app.services.card`'s. Typing by hand always remains
possible: without middleware or reader the status bar says so, once, and nothing else.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel

from app.card.data import CardData
from app.card.errors import CardError
from app.domain.model import Holder
from app.services import card as service
from app.services.settings import card_library
from app.ui.card.texts import CARD_TITLE, UNVERIFIED, error_texts, state_text
from app.ui.card.watcher import CardReaderThread
from app.ui.context import UiContext
from app.ui.i18n import N_, _, translate_ui
from app.ui.main_window import MainWindow
from app.ui.messages import ask_yes_no, show_warning
from app.ui.views.dialogs import NewHolderDialog
from app.ui.views.holder import HolderPage
from app.ui.views.writing import write_or_tell

logger = logging.getLogger(__name__)

TAKEN = N_("This national number or card number belongs to another holder.")
TAKEN_ADVICE = N_("Check the card, or find the other holder with Ctrl+F.")
STATUS_MS = 8000


class CardDesk(QObject):
    """The counter's side of the card reader, for one window: ``holder_page`` shows the
    card's photo, ``open_holder`` brings a holder's page to the front."""

    def __init__(
        self,
        ctx: UiContext,
        window: MainWindow,
        holder_page: HolderPage,
        open_holder: Callable[[int], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("card_desk")
        self.ctx = ctx
        self.window = window
        self.holder_page = holder_page
        self.open_holder = open_holder
        self.reader = CardReaderThread(self)
        self.reader.card_read.connect(self.on_card)
        self.reader.card_failed.connect(self.on_failure)
        self.reader.card_removed.connect(self.on_removed)
        self.reader.state_changed.connect(self.on_state)
        self.library = ""
        self._state = ("", "")
        self._busy = False
        self.state_label = QLabel()
        self.state_label.setObjectName("card_state")
        self.window.statusBar().addPermanentWidget(self.state_label)
        holder_page.read_card_requested.connect(self.read_now)
        self.window.installEventFilter(self)
        application = QCoreApplication.instance()
        if application is not None:
            application.aboutToQuit.connect(self.stop)
        translate_ui(self)

    # -- the reader ---------------------------------------------------------------------

    def start(self) -> None:
        """Watch the reader through the middleware the machine configuration names."""
        self.library = card_library().path
        self.reader.start(self.library)

    def stop(self) -> None:
        self.reader.stop()

    def read_now(self) -> None:
        """The Read card button: read the card in the reader now."""
        if self.reader.running:
            self.reader.read_now()
        else:
            self.start()  # its first look reports the card already in the reader

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's virtual
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.stop()
        return False

    # -- what the reader says -------------------------------------------------------------

    def on_state(self, state: str, detail: str) -> None:
        self._state = (state, detail)
        self.retranslate_ui()

    def on_removed(self) -> None:
        self.holder_page.show_card_photo(None, None)

    def on_failure(self, error: CardError) -> None:
        if self.window.covered:
            return
        text, advice = error_texts(error)
        logger.info("card not read: %s", error.kind)
        show_warning(self.window, _(CARD_TITLE), text, advice)

    def open_saved_card(self, path: str | None = None) -> None:
        """File > Open a saved card…: a card the eID viewer saved (``.eid``), handled like
        a card in the reader, each step saying the file is not signed."""
        if self.window.covered:
            return
        if path is None:
            path, _chosen = QFileDialog.getOpenFileName(
                self.window,
                _("Open a saved card"),
                "",
                _("Cards saved by the eID viewer (*.eid *.xml);;All files (*)"),
            )
        if not path:
            return
        try:
            card = service.read_saved(path)
        except CardError as error:
            self.on_failure(error)
            return
        self.on_card(card)

    def on_card(self, card: CardData) -> None:
        """A card was read: its holder's page, with the differences; or a new holder."""
        if self._busy:  # a dialog about the previous card is open
            logger.info("card read while another is being handled: ignored")
            return
        if self.window.covered:  # locked or signed out: no personal data on screen
            logger.info("card read while the window is locked: ignored")
            return
        self._busy = True
        try:
            self._handle(card)
        finally:
            self._busy = False

    def _handle(self, card: CardData) -> None:
        try:
            service.check_residence_card(card)
        except CardError as error:
            self.on_failure(error)
            return
        holder = service.find_holder(self.ctx.desk, card)
        nationality = card.nationality
        if nationality is None and card.nationality_text and not (holder and holder.nationality):
            nationality = self.ask_country(card.nationality_text)
        if holder is None:
            self.offer_new_holder(card, nationality)
        else:
            self.show_holder(holder, card, nationality)

    def ask_country(self, text: str) -> str | None:
        from app.ui.card.dialogs import CountryDialog  # first use (issue 14, point 1)

        dialog = CountryDialog(text, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.country()

    def offer_new_holder(self, card: CardData, nationality: str | None) -> int | None:
        """Unknown national number: the clerk confirms a new holder filled from the card."""
        question = _(
            "The holder of this card is not in the database. Record a new holder from the "
            "card? You can check and complete the data before saving."
        )
        if card.unverified:
            question = f"{question}\n\n{_(UNVERIFIED)}"
        if not ask_yes_no(self.window, _(CARD_TITLE), question):
            return None
        dialog = NewHolderDialog(self.ctx.desk.today(), self.window)
        dialog.form.set_holder(service.new_holder(card, nationality))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        holder = dialog.form.holder()
        saved = write_or_tell(
            self.window,
            lambda: service.create_from_card(self.ctx.desk, holder, card),
            TAKEN,
            TAKEN_ADVICE,
        )
        if saved is None or saved[0].id is None:
            return None
        holder_id = saved[0].id
        self.holder_page.show_card_photo(holder_id, card.photo)
        self.ctx.changed("holder", holder_id)
        self.open_holder(holder_id)
        return holder_id

    def show_holder(self, holder: Holder, card: CardData, nationality: str | None) -> None:
        """Open the card's holder; when the card says something else, the clerk chooses."""
        assert holder.id is not None
        page = self.holder_page
        page.show_card_photo(holder.id, card.photo)
        self.open_holder(holder.id)
        if page.holder is None or page.holder.id != holder.id:
            return  # the clerk kept unsaved changes to another holder
        found = service.differences(self.ctx.desk, holder, card, nationality)
        if not found:
            self.window.statusBar().showMessage(_("The card matches the record."), STATUS_MS)
            return
        from app.ui.card.dialogs import DifferencesDialog  # first use (issue 14, point 1)

        dialog = DifferencesDialog(found, self.window, unverified=card.unverified)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.accepted_fields():
            return
        accepted = dialog.accepted_fields()
        written = write_or_tell(
            self.window,
            lambda: service.apply_differences(self.ctx.desk, holder, card, accepted, nationality),
            TAKEN,
            TAKEN_ADVICE,
        )
        if written is not None:
            self.ctx.changed("holder", holder.id)
            self.window.statusBar().showMessage(_("Saved from the card."), STATUS_MS)

    def retranslate_ui(self) -> None:
        self.state_label.setText(state_text(*self._state))
