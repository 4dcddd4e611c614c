"""The counter's screens put into the main window: today's list, search, the holder's
page (and, when installed, the transmissions list), the menus that reach them, and the
signals that carry the clerk from one to the other.

The renewal wizard, the file page and the document page live in :mod:`app.ui.file_actions`
(imported when first needed).
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import ModuleType

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox, QWidget

from app.config import Database, is_server_target
from app.domain.errors import StoreError
from app.services import records
from app.services.changes import changed_elsewhere, server_answers
from app.services.desk import Desk, NotConfigured
from app.services.files import save_holder
from app.ui.card.controller import CardDesk
from app.ui.context import SIGNED_OUT, UiContext
from app.ui.i18n import N_, _, translate_ui
from app.ui.lazy_view import LazyView
from app.ui.main_window import MainWindow
from app.ui.messages import show_information
from app.ui.qt_typed import child
from app.ui.views import holder, search, today
from app.ui.views.dialogs import NewHolderDialog
from app.ui.views.writing import write_or_tell

logger = logging.getLogger(__name__)

FILE_ACTIONS = "app.ui.file_actions"
#: How often a counter on a server looks for the other counters' changes and whether the
#: server answers (the issue asks for the changes within 2 s; the look reads what the
#: store's link already received, on its own thread: no round trip here).
WATCH_MS = 1000
TRANSMISSIONS_TITLE = N_("Transmissions")


def file_actions() -> ModuleType | None:
    """The file, document and wizard screens, when that module is installed."""
    try:
        return importlib.import_module(FILE_ACTIONS)
    except ImportError:
        logger.warning("%s is not available", FILE_ACTIONS)
    except Exception:  # a broken screen must not take the counter down with it
        logger.exception("%s cannot be loaded", FILE_ACTIONS)
    return None


class Counter(QObject):
    """Owns the counter's views and actions for one window."""

    def __init__(self, window: MainWindow, ctx: UiContext) -> None:
        super().__init__(window)
        self.setObjectName("counter")
        self.window = window
        self.ctx = ctx
        self.today = today.TodayView(ctx)
        self.search = search.SearchView(ctx)
        self.holder = holder.HolderPage(ctx)
        window.add_view(self.today, today.TITLE)
        window.add_view(self.search, search.TITLE)
        window.add_view(self.holder, holder.TITLE)
        if importlib.util.find_spec(FILE_ACTIONS) is not None:
            # built when first shown: its module brings the PDF libraries (issue 14, point 1)
            self.transmissions = LazyView(self._transmissions_view)
            window.add_view(self.transmissions, TRANSMISSIONS_TITLE)
        for view in (self.today, self.search):
            view.holder_opened.connect(self.open_holder)
            view.file_opened.connect(self.open_file)
        self.search.document_opened.connect(self.open_document)
        self.holder.file_opened.connect(self.open_file)
        self.holder.document_opened.connect(self.open_document)
        self.holder.renewal_requested.connect(self.new_renewal)
        ctx.data_changed.connect(self._on_data_changed)
        # The reader is watched once start_card_reader() is called.
        self.card = CardDesk(self.ctx, self.window, self.holder, self.open_holder, self)
        self._build_actions()
        translate_ui(self)
        self._show_commune()
        window.show_view(self.today)
        if ctx.desk.on_server:  # other counters write to the same register
            self._watch = QTimer(self)
            self._watch.setInterval(WATCH_MS)
            self._watch.timeout.connect(self._show_changes_elsewhere)
            self._watch.start()
            self._show_changes_elsewhere()  # listens from now on

    def _transmissions_view(self) -> QWidget:
        actions = file_actions()
        if actions is None or not hasattr(actions, "TransmissionsView"):
            raise LookupError(f"{FILE_ACTIONS} has no TransmissionsView")
        view: QWidget = actions.TransmissionsView(self.ctx)
        return view

    # -- where the clerk goes -------------------------------------------------------------

    def open_holder(self, holder_id: int) -> None:
        self.holder.open_holder(holder_id)
        self.window.show_view(self.holder)
        self.holder.focus_renewal()

    def start_card_reader(self) -> None:
        """Watch the card reader (a worker thread, stopped when the window closes)."""
        self.card.start()

    def find(self) -> None:
        self.window.show_view(self.search)
        self.search.focus_field()

    def open_file(self, file_id: int) -> None:
        self._call("show_file", file_id)

    def open_document(self, document_id: int) -> None:
        self._call("show_document", document_id)

    def new_renewal(self, holder_id: int) -> None:
        self._call("show_renewal_wizard", holder_id)

    def new_holder(self) -> int | None:
        """Ctrl+N; an existing national number opens that holder instead of a twin."""
        dialog = NewHolderDialog(self.ctx.desk.today(), self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        holder_ = dialog.form.holder()
        existing = (
            records.holder_by_national_number(self.ctx.desk, holder_.national_number)
            if holder_.national_number
            else None
        )
        if existing is not None and existing.id is not None:
            show_information(
                self.window,
                _("New holder"),
                _("A holder with this national number exists already. Their page is opened."),
            )
            self.open_holder(existing.id)
            return existing.id
        saved = write_or_tell(
            self.window, lambda: save_holder(self.ctx.desk, holder_), holder.SAME_NATIONAL_NUMBER
        )
        if saved is None or saved.id is None:
            return None
        self.ctx.changed("holder", saved.id)
        self.open_holder(saved.id)
        return saved.id

    def edit_settings(self) -> None:
        from app.ui.views.settings_dialog import SettingsDialog  # first use (issue 14, point 1)

        dialog = SettingsDialog(self.ctx, self.window)
        dialog.exec()

    def import_csv(self) -> None:
        from app.ui.views.import_csv import choose_and_import  # first use (issue 14, point 1)

        choose_and_import(self.ctx, self.window)

    # -- menus ----------------------------------------------------------------------------

    def _build_actions(self) -> None:
        window = self.window
        file_menu = child(window, QMenu, "file_menu")
        quit_action = child(window, QAction, "quit_action")
        self.new_holder_action = self._action("new_holder_action", "Ctrl+N", self.new_holder)
        self.find_action = self._action(
            "find_action", QKeySequence(QKeySequence.StandardKey.Find), self.find
        )
        self.import_action = self._action("import_action", None, self.import_csv)
        self.open_card_action = self._action(
            "open_saved_card_action",
            QKeySequence(QKeySequence.StandardKey.Open),
            lambda: self.card.open_saved_card(),
        )
        self.settings_action = self._action("settings_action", None, self.edit_settings)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        for action in (
            self.new_holder_action,
            self.find_action,
            self.open_card_action,
            self.import_action,
        ):
            file_menu.insertAction(quit_action, action)
        file_menu.insertSeparator(quit_action)
        help_menu = child(window, QMenu, "help_menu")
        self.tools_menu = QMenu(window)
        self.tools_menu.setObjectName("tools_menu")
        self.tools_menu.addAction(self.settings_action)
        window.menuBar().insertMenu(help_menu.menuAction(), self.tools_menu)

    def _action(
        self, name: str, shortcut: str | QKeySequence | None, slot: Callable[[], object]
    ) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def retranslate_ui(self) -> None:
        if self.ctx.desk.on_server:
            self._show_server_state()
        self.new_holder_action.setText(_("&New holder…"))
        self.new_holder_action.setStatusTip(_("Record a holder who is not in the database"))
        self.find_action.setText(_("&Find a holder"))
        self.find_action.setStatusTip(_("Search by name, national number, card or barcode"))
        self.open_card_action.setText(_("&Open a saved card…"))
        self.open_card_action.setStatusTip(
            _("Read a card the eID viewer saved (.eid file), as if it were in the reader")
        )
        self.import_action.setText(_("&Import CSV…"))
        self.import_action.setStatusTip(_("Import holders and permits from a CSV file"))
        self.tools_menu.setTitle(_("&Tools"))
        self.settings_action.setText(_("&Settings…"))
        self.settings_action.setStatusTip(
            _("The commune, signatories, checklists and printer of every counter")
        )

    def _call(self, name: str, entity_id: int) -> None:
        module = file_actions()
        function = getattr(module, name, None) if module is not None else None
        if function is None:
            self.window.statusBar().showMessage(
                _("This screen is not available in this version."), 5000
            )
            return
        parent: QWidget = self.window
        function(self.ctx, entity_id, parent)

    def _show_commune(self) -> None:
        commune = records.commune(self.ctx.desk)
        self.window.set_commune_name(commune.name if commune else "")

    def _on_data_changed(self, entity: str, _entity_id: int) -> None:
        if entity == "settings":
            self._show_commune()
        if entity == SIGNED_OUT:
            self._forget_holder()

    def _show_changes_elsewhere(self) -> None:
        """What another counter saved, issued or annulled appears here too: each view
        refreshes as for a change made at this counter (the holder's page keeps what the
        clerk is typing)."""
        for entity in changed_elsewhere(self.ctx.desk):
            self.ctx.changed(entity)
        self._show_server_state()

    def _show_server_state(self) -> None:
        """The banner while the server is away: what happens, and that the form the clerk
        fills keeps its contents for when the server is back."""
        answers = server_answers(self.ctx.desk)
        self.window.set_notice(
            ""
            if answers
            else _(
                "The register's server ({server}) does not answer. PermitDesk connects "
                "again by itself; nothing can be saved until then, and what you type is "
                "kept."
            ).format(server=self.ctx.desk.register_name)
        )

    def _forget_holder(self) -> None:
        """Nothing of the previous clerk's holder stays for the next one: the holder's
        page is emptied, the search cleared, Today in front."""
        self.holder.close_holder()
        self.search.field.clear()
        self.search.run_search()
        self.window.show_view(self.today)


def build_counter(window: MainWindow, desk: Desk) -> UiContext:
    """Add the counter's views and menus to ``window``, working on ``desk``."""
    ctx = UiContext(desk, window.settings, window)
    Counter(window, ctx)
    return ctx


def _open_error(kind: str, path: Database) -> tuple[str, str]:
    """What to tell the clerk when the database cannot be opened, and what to do."""
    texts = {
        "missing": (
            _("There is no database at {path}.").format(path=path),
            _("Check the path, or ask the administrator to create it with: permitdesk init."),
        ),
        "unreadable": (
            _("{path} is not a PermitDesk database, or it is damaged.").format(path=path),
            _("Ask your IT support to restore the latest backup (permitdesk restore)."),
        ),
        "locked": (
            _("The database {path} is in use by another program.").format(path=path),
            _(
                "Wait a moment and start PermitDesk again. If it keeps happening, contact "
                "your IT support."
            ),
        ),
        "too_new": (
            _("This database was written by a newer version of PermitDesk."),
            _("Install that version or a newer one on this computer to open it."),
        ),
        "not_configured": (
            _("This database has no commune yet."),
            _("Ask the administrator to set the commune up with: permitdesk init."),
        ),
        "server": (
            _("The PostgreSQL server of the register ({server}) does not answer.").format(
                server=path
            ),
            _(
                "Check that the computer is connected to the network, then start PermitDesk "
                "again. If it keeps happening, ask your IT support whether the server is "
                "running."
            ),
        ),
        "not_permitted": (
            _("The PostgreSQL server of the register ({server}) refused this workstation.").format(
                server=path
            ),
            _("Ask your IT support to check the workstation's database login and its role."),
        ),
    }
    return texts.get(
        kind,
        (
            _("The database {path} cannot be opened.").format(path=path),
            _("Contact your IT support."),
        ),
    )


def _tell(window: MainWindow, kind: str, path: Database) -> None:
    """A message box that does not block start-up: the window stays usable behind it."""
    text, advice = _open_error(kind, path)
    logger.warning("cannot open %s: %s", path, kind)
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        _("Cannot open the database"),
        text,
        QMessageBox.StandardButton.Ok,
        window,
    )
    box.setObjectName("open_error")
    box.setInformativeText(advice)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def open_counter(
    window: MainWindow, path: Database, clock: Callable[[], date] = date.today
) -> UiContext | None:
    """Open the database at ``path`` (a file, or a register on a server) and build the
    counter into ``window``; when it cannot be opened (missing, damaged, locked, too new,
    no commune, the server not answering), say so in sentences and leave the empty
    window."""
    if not is_server_target(path) and not Path(path).is_file():
        _tell(window, "missing", path)
        return None
    try:
        desk = Desk.open(path, clock=clock)
    except StoreError as error:
        _tell(window, error.kind, path)
        return None
    try:
        desk.commune()
    except NotConfigured:
        desk.close()
        _tell(window, "not_configured", path)
        return None
    window.destroyed.connect(lambda *_args: desk.close())
    ctx = build_counter(window, desk)
    counter = window.findChild(Counter, "counter")
    if counter is not None:
        counter.start_card_reader()
    return ctx
