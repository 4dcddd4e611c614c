"""The holder's page: identity, address and situation (editable, checked as typed), then
permits, family members, renewal files and issued documents, each opened with Enter."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import NotFound
from app.domain.model import FamilyMember, Holder, LabourMarket, Permit, issued_id
from app.services import records
from app.services.files import save_family_member, save_holder, save_permit
from app.ui.context import UiContext
from app.ui.i18n import N_, _, translate_ui
from app.ui.messages import ask_yes_no, show_error
from app.ui.views import holder_lists as lists
from app.ui.views.dialogs import FamilyMemberDialog, PermitDialog
from app.ui.views.holder_form import HolderForm
from app.ui.views.holder_status import HolderStatusLine
from app.ui.views.section import Section
from app.ui.views.writing import write_or_tell

logger = logging.getLogger(__name__)

TITLE = N_("Holder")
SAME_NATIONAL_NUMBER = N_("Another holder already has this national number.")
CHECK_NATIONAL_NUMBER = N_("Check the number on the card, or open the other holder with Ctrl+F.")
SAME_CARD = N_("This card number belongs to another holder.")
PHOTO_WIDTH, PHOTO_HEIGHT = 105, 150  # the card's photo is 140 × 200


class HolderPage(QWidget):
    """One holder at a time; :meth:`open_holder` changes which."""

    file_opened = Signal(int)
    document_opened = Signal(int)
    renewal_requested = Signal(int)
    read_card_requested = Signal()
    saved = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("holder_page")
        self._ctx = ctx
        self.holder: Holder | None = None
        self._baseline: Holder | None = None
        self.placeholder = QLabel()
        self.placeholder.setObjectName("holder_placeholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.heading = QLabel()
        self.heading.setObjectName("holder_heading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.status_line = HolderStatusLine()
        self.form = HolderForm(ctx.desk.today())
        self.form.validity_changed.connect(lambda _valid: self._update_buttons())
        self.form.edited.connect(self._update_buttons)
        self.save_button = QPushButton()
        self.save_button.setObjectName("holder_save")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton()
        self.revert_button.setObjectName("holder_revert")
        self.revert_button.clicked.connect(self.reload)
        self.renewal_button = QPushButton()
        self.renewal_button.setObjectName("new_renewal")
        self.renewal_button.clicked.connect(self._request_renewal)
        self.read_card_button = QPushButton()
        self.read_card_button.setObjectName("read_card")
        self.read_card_button.clicked.connect(self.read_card_requested)
        # The card's photo, shown while the card is in; never stored.
        self._card_photo: tuple[int | None, bytes | None] = (None, None)
        self.photo = QLabel()
        self.photo.setObjectName("card_photo")
        self.photo.setFixedSize(PHOTO_WIDTH, PHOTO_HEIGHT)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_note = QLabel()
        self.photo_note.setObjectName("card_photo_note")
        self.photo_note.setWordWrap(True)
        self.photo_note.setFixedWidth(PHOTO_WIDTH)
        small = self.photo_note.font()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        self.photo_note.setFont(small)

        self.permits = Section(
            "permits", N_("Permits ({count})"), N_("No permit recorded."), lists.PERMIT_COLUMNS
        )
        self.family = Section(
            "family",
            N_("Family members ({count})"),
            N_("No family member recorded."),
            lists.FAMILY_COLUMNS,
        )
        self.files = Section(
            "files", N_("Renewal files ({count})"), N_("No renewal file yet."), lists.FILE_COLUMNS
        )
        self.documents = Section(
            "documents",
            N_("Issued documents ({count})"),
            N_("No document issued yet."),
            lists.DOCUMENT_COLUMNS,
        )
        self.permits.row_opened.connect(self.edit_permit)
        self.family.row_opened.connect(self.edit_family_member)
        self.files.row_opened.connect(lambda file: self.file_opened.emit(file.id))
        self.documents.row_opened.connect(lambda doc: self.document_opened.emit(doc.id))
        self.add_permit_button = QPushButton()
        self.add_permit_button.setObjectName("add_permit")
        self.add_permit_button.clicked.connect(lambda: self.edit_permit(None))
        self.add_member_button = QPushButton()
        self.add_member_button.setObjectName("add_family_member")
        self.add_member_button.clicked.connect(lambda: self.edit_family_member(None))

        self._stack = QStackedWidget()
        self._stack.addWidget(self.placeholder)
        self._stack.addWidget(self._build_page())
        QVBoxLayout(self).addWidget(self._stack)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(True)  # Enter presses the focused button, as Space does
        self._shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)
        self._shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        ctx.data_changed.connect(self._on_data_changed)
        translate_ui(self)
        self._update_buttons()
        self._show_photo()

    def _build_page(self) -> QWidget:
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        buttons.addWidget(self.renewal_button)
        files = QVBoxLayout()
        files.addWidget(self.files, 1)
        files.addWidget(self.documents, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        photo = QVBoxLayout()
        photo.addWidget(self.photo)
        photo.addWidget(self.photo_note)
        photo.addStretch(1)
        top.addLayout(photo)
        top.addWidget(self.heading, 1, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.read_card_button, 0, Qt.AlignmentFlag.AlignTop)
        left_layout.addLayout(top)
        left_layout.addWidget(self.status_line)
        left_layout.addWidget(self.form)
        left_layout.addLayout(buttons)
        left_layout.addLayout(files, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        for section, button in (
            (self.permits, self.add_permit_button),
            (self.family, self.add_member_button),
        ):
            right_layout.addWidget(section, 1)
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(button)
            right_layout.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([800, 420])
        scroll = QScrollArea()  # small screens scroll rather than squeeze the form
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(splitter)
        return scroll

    def open_holder(self, holder_id: int, keep_edits: bool = False) -> bool:
        """Show this holder (read again from the database); unsaved changes to the holder
        shown are kept only if the clerk says so. False when nothing changed."""
        # No name in the question: a message box could read a name as rich text.
        if (
            not keep_edits
            and self.is_modified()
            and not ask_yes_no(
                self,
                _("Unsaved changes"),
                _("Your changes to the holder shown are not saved. Discard them?"),
            )
        ):
            return False
        try:
            self.holder = records.holder(self._ctx.desk, holder_id)
        except NotFound:
            show_error(self, _("Holder not found"), _("This holder no longer exists."))
            return False
        self._fill()
        self._baseline = self.form.holder() if self.form.is_valid() else None
        self._stack.setCurrentIndex(1)
        self.form.identity.recheck_all()
        self.setFocusProxy(self.form)
        return True

    def close_holder(self) -> None:
        """Show no holder (after a sign-out); unsaved typing is dropped with it."""
        self.holder = None
        self._baseline = None
        self._card_photo = (None, None)
        self.form.set_holder(Holder(surname="", given_names=""))
        for section in (self.permits, self.family, self.files, self.documents):
            section.set_rows([])
        self.heading.setText("")
        self._show_photo()
        self._stack.setCurrentIndex(0)
        self._update_buttons()

    def focus_renewal(self) -> None:
        """The counter's next step once a holder is found: Enter opens a renewal file; the
        form's fields are one Alt letter away."""
        self.renewal_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        """Undo changes: show the holder as saved."""
        if self.holder is not None and self.holder.id is not None:
            self.open_holder(self.holder.id, keep_edits=True)

    def is_modified(self) -> bool:
        """True when the form differs from the holder as it was opened."""
        if self.holder is None:
            return False
        if not self.form.is_valid():
            return True
        return self.form.holder() != self._baseline

    def save(self) -> bool:
        """Write the edited holder; False (with a message) when it could not be saved."""
        if self.holder is None or not self.form.is_valid():
            return False
        edited = self.form.holder()
        holder = write_or_tell(
            self,
            lambda: save_holder(self._ctx.desk, edited),
            SAME_NATIONAL_NUMBER,
            CHECK_NATIONAL_NUMBER,
        )
        if holder is None:
            return False
        self.holder = holder
        self._baseline = self.form.holder()
        logger.info("holder %s saved", holder.id)
        self._ctx.changed("holder", holder.id)
        self.saved.emit(holder.id)
        return True

    def edit_permit(self, permit: Permit | None) -> None:
        if self.holder is None:
            return
        permit = permit or Permit(self.holder.id, "", self._ctx.desk.today(), LabourMarket.LIMITED)
        dialog = PermitDialog(permit, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        permit = dialog.permit()
        if write_or_tell(self, lambda: save_permit(self._ctx.desk, permit), SAME_CARD):
            self._ctx.changed("permit", self.holder.id)

    def edit_family_member(self, member: FamilyMember | None) -> None:
        if self.holder is None:
            return
        member = member or FamilyMember(surname="", given_names="", holder_id=self.holder.id)
        dialog = FamilyMemberDialog(member, self._ctx.desk.today(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        member = dialog.member()
        if write_or_tell(self, lambda: save_family_member(self._ctx.desk, member)):
            self._ctx.changed("family_member", self.holder.id)

    def show_card_photo(self, holder_id: int | None, photo: bytes | None) -> None:
        """The photo of the card in the reader, shown on its holder's page only (None, None:
        the card was taken out)."""
        self._card_photo = (holder_id, photo)
        self._show_photo()

    def _show_photo(self) -> None:
        holder_id, data = self._card_photo
        pixmap = QPixmap()
        shown = (
            data is not None
            and self.holder is not None
            and self.holder.id == holder_id
            and pixmap.loadFromData(data)
        )
        if shown:
            self.photo.setPixmap(
                pixmap.scaled(
                    self.photo.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.photo.clear()
        self.photo.setVisible(shown)
        self.photo_note.setVisible(shown)

    def retranslate_ui(self) -> None:
        self.read_card_button.setText(_("Read &card"))
        self.read_card_button.setToolTip(_("Read the residence card in the reader"))
        self.photo_note.setText(_("Photo from the card, not stored"))
        self.placeholder.setText(
            _("No holder is open. Find one with Ctrl+F, or open one from today's list.")
        )
        self.save_button.setText(_("&Save"))
        self.revert_button.setText(_("Und&o changes"))
        self.renewal_button.setText(_("New &renewal file…"))
        self.add_permit_button.setText(_("Add &permit…"))
        self.add_member_button.setText(_("Add family &member…"))
        for section in (self.permits, self.family, self.files, self.documents):
            section.retranslate_ui()

    def _fill(self) -> None:
        assert self.holder is not None
        self.heading.setText(self.holder.full_name)
        self._show_photo()
        self.form.set_holder(self.holder)
        self._fill_lists()

    def _fill_lists(self) -> None:
        assert self.holder is not None and self.holder.id is not None
        desk, holder_id = self._ctx.desk, self.holder.id
        self.permits.set_rows(records.permits_of(desk, holder_id))
        self.family.set_rows(records.family_of(desk, holder_id))
        self.files.set_rows(records.files_of(desk, holder_id))
        self.status_line.show_holder(desk, holder_id)
        members = {m.id: m.full_name for m in records.family_of(desk, holder_id)}
        documents = records.documents_of_holder(desk, holder_id)
        states = records.document_states(desk, documents)
        self.documents.set_rows(
            [
                lists.DocumentLine(d, members.get(d.family_member_id, ""), states[issued_id(d)])
                for d in documents
            ]
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        opened = self.holder is not None
        self.save_button.setEnabled(opened and self.form.is_valid())
        self.renewal_button.setEnabled(opened)

    def _request_renewal(self) -> None:
        if self.holder is not None and self.holder.id is not None:
            self.renewal_requested.emit(self.holder.id)

    def _on_data_changed(self, _entity: str, _entity_id: int) -> None:
        """Lists follow the database; what the clerk is typing in the form stays."""
        if self.holder is None or self.holder.id is None or not self._ctx.may_read():
            return
        if self.is_modified():
            self._fill_lists()
        else:
            self.open_holder(self.holder.id, keep_edits=True)
