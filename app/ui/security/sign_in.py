"""The forms that ask who is working: the first administrator (first start) and the
sign-in form the lock screen shows (name, password, one line of refusal)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.passwords import MAX_LENGTH, MIN_LENGTH
from app.ui.i18n import _, translate_ui
from app.ui.rights.texts import policy_text
from app.ui.views.fields import ERROR_STYLE

logger = logging.getLogger(__name__)


def password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    return label


def say_problem(dialog: QDialog, label: QLabel, problem: str) -> None:
    """Show (or hide) ``problem`` in ``dialog``'s error line, and let the dialog grow to
    the height its wrapped lines need at its width: a window's layout does not count
    word-wrapped labels on its own, and the password policy above was clipped."""
    label.setText(problem)
    label.setVisible(bool(problem))
    layout = dialog.layout()
    assert layout is not None, "the dialogs that say problems lay out their fields"
    layout.invalidate()  # the label's new size is only posted; its height is asked now
    needed = layout.heightForWidth(dialog.width())
    if needed > dialog.height():
        dialog.resize(dialog.width(), needed)


class NewPasswordFields(QWidget):
    """A password typed twice, with the policy said in words; ``problem()`` says what is
    wrong before anything is sent to the service."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.password = password_field("password")
        self.repeat = password_field("repeat_password")
        self.policy = QLabel()
        self.policy.setObjectName("password_policy")
        self.policy.setWordWrap(True)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.password_label, self.repeat_label = QLabel(), QLabel()
        self.password_label.setBuddy(self.password)
        self.repeat_label.setBuddy(self.repeat)
        self.form.addRow(self.password_label, self.password)
        self.form.addRow(self.repeat_label, self.repeat)
        self.form.addRow("", self.policy)
        translate_ui(self)

    def problem(self) -> str:
        if not MIN_LENGTH <= len(self.password.text()) <= MAX_LENGTH:
            return policy_text()
        if self.password.text() != self.repeat.text():
            return _("The two passwords differ.")
        return ""

    def retranslate_ui(self) -> None:
        self.password_label.setText(_("&Password:"))
        self.repeat_label.setText(_("&Repeat the password:"))
        self.policy.setText(policy_text())


class FirstAdministratorDialog(QDialog):
    """The first start: name the administrator. ``Not now`` leaves the desk without
    accounts, where anyone at this computer may do everything (asked again next start)."""

    def __init__(self, create: Callable[[str, str], str], parent: QWidget | None = None) -> None:
        """``create(name, password)`` returns why it failed, or '' when created."""
        super().__init__(parent)
        self.setObjectName("first_administrator")
        self._create = create
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.name_label = QLabel()
        self.name_label.setBuddy(self.name)
        self.passwords = NewPasswordFields()
        self.error = error_label("error")
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.name_label, self.name)
        self.buttons = QDialogButtonBox()
        self.create_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setObjectName("create")
        self.later_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.later_button.setObjectName("later")
        self.buttons.accepted.connect(self._on_create)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.passwords)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        translate_ui(self)
        self.setMinimumWidth(520)

    def _on_create(self) -> None:
        problem = self.passwords.problem()
        if not self.name.text().strip():
            problem = _("Give the administrator a name.")
        if not problem:
            problem = self._create(self.name.text(), self.passwords.password.text())
        say_problem(self, self.error, problem)
        if not problem:
            self.accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Create the administrator"))
        self.intro.setText(
            _(
                "No one has an account on this database yet. Create the administrator: "
                "they add the other accounts. Until then, anyone at this computer may do "
                "everything."
            )
        )
        self.name_label.setText(_("&Name:"))
        self.create_button.setText(_("&Create"))
        self.later_button.setText(_("&Not now"))


class SignInForm(QWidget):
    """Name and password; ``submitted`` carries them, ``show_refusal`` one sentence."""

    submitted = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sign_in_form")
        self.name = QLineEdit()
        self.name.setObjectName("sign_in_name")
        self.password = password_field("sign_in_password")
        self.name_label, self.password_label = QLabel(), QLabel()
        self.name_label.setBuddy(self.name)
        self.password_label.setBuddy(self.password)
        self.message = error_label("sign_in_message")
        self.message.hide()
        self.button = QPushButton()
        self.button.setObjectName("sign_in_button")
        self.button.setDefault(True)
        self.button.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        self.name.returnPressed.connect(self.password.setFocus)
        form = QFormLayout(self)
        form.addRow(self.name_label, self.name)
        form.addRow(self.password_label, self.password)
        form.addRow(self.message)
        form.addRow("", self.button)
        translate_ui(self)

    def _submit(self) -> None:
        self.submitted.emit(self.name.text(), self.password.text())

    def show_refusal(self, text: str) -> None:
        self.password.clear()
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.password.setFocus()

    def reset(self, name: str = "", name_editable: bool = True) -> None:
        self.name.setText(name)
        self.name.setReadOnly(not name_editable)
        self.password.clear()
        self.message.hide()
        (self.name if name_editable and not name else self.password).setFocus(
            Qt.FocusReason.OtherFocusReason
        )

    def retranslate_ui(self) -> None:
        self.name_label.setText(_("&Name:"))
        self.password_label.setText(_("&Password:"))
        self.button.setText(_("&Sign in"))
