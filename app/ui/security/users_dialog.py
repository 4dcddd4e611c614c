"""Tools > Users…: the accounts (name, role, disabled, locked until) and what an
administrator does to them: add, change the role, reset the password, disable or enable.
Every change goes through :mod:`app.services.auth`, which refuses what is not allowed."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.accounts import Account, Role
from app.domain.errors import StoreError
from app.domain.passwords import WeakPassword
from app.services import auth
from app.ui.context import UiContext
from app.ui.i18n import _, translate_ui
from app.ui.messages import show_error
from app.ui.rights.texts import not_allowed_text, policy_text, role_name, time_text
from app.ui.security.clock import Now
from app.ui.security.sign_in import NewPasswordFields, error_label, say_problem

logger = logging.getLogger(__name__)


def role_box() -> QComboBox:
    box = QComboBox()
    box.setObjectName("role")
    for role in Role:
        box.addItem(role_name(role), role.value)
    return box


class AccountDialog(QDialog):
    """A new account (name, role, password twice) or a new password for ``name``."""

    def __init__(self, name: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("account_dialog")
        self.reset_for = name
        self.name = QLineEdit(name or "")
        self.name.setObjectName("name")
        self.name.setReadOnly(name is not None)
        self.role = role_box()
        self.role.setVisible(name is None)
        self.name_label, self.role_label = QLabel(), QLabel()
        self.name_label.setBuddy(self.name)  # the label takes Alt+N, never shows its "&"
        self.role_label.setBuddy(self.role)
        self.role_label.setVisible(name is None)
        form = QFormLayout()
        form.addRow(self.name_label, self.name)
        form.addRow(self.role_label, self.role)
        self.passwords = NewPasswordFields()
        self.error = error_label("error")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.passwords)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        translate_ui(self)

    def _check(self) -> None:
        problem = self.passwords.problem()
        if not self.name.text().strip():
            problem = _("Give the account a name.")
        say_problem(self, self.error, problem)
        if not problem:
            self.accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("New password") if self.reset_for else _("New account"))
        self.name_label.setText(_("&Name:"))
        self.role_label.setText(_("R&ole:"))


class UsersDialog(QDialog):
    """The accounts of this database (administrators only)."""

    COLUMNS = 4

    def __init__(self, ctx: UiContext, now: Now, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("users_dialog")
        self.ctx, self.now = ctx, now
        self.accounts: list[Account] = []
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setObjectName("accounts")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.role = role_box()
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name, slot in (
            ("add", self.add),
            ("change_role", self.change_role),
            ("reset_password", self.reset_password),
            ("disable", self.toggle_disabled),
        ):
            button = QPushButton()
            button.setObjectName(name)
            button.clicked.connect(slot)
            self.buttons[name] = button
            row.addWidget(button)
            if name == "add":
                row.addStretch(1)
                row.addWidget(self.role)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(close)
        self.resize(720, 420)
        translate_ui(self)

    def reload(self) -> None:
        try:
            self.accounts = auth.list_accounts(self.ctx.desk)
        except auth.NotAllowed as error:
            self.accounts = []
            show_error(self, _("Not allowed"), not_allowed_text(error))
        self.table.setRowCount(len(self.accounts))
        now = self.now()
        for row, account in enumerate(self.accounts):
            locked = account.locked_until
            cells = (
                account.name,
                role_name(account.role),
                _("disabled") if account.disabled else _("active"),
                time_text(locked, now) if locked is not None and locked > now else "",
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def selected(self) -> Account | None:
        rows = self.table.selectionModel().selectedRows()
        return self.accounts[rows[0].row()] if rows else None

    def select(self, name: str) -> None:
        for row, account in enumerate(self.accounts):
            if account.name == name:
                self.table.selectRow(row)

    def _update_buttons(self) -> None:
        account = self.selected()
        for name in ("change_role", "reset_password", "disable"):
            self.buttons[name].setEnabled(account is not None)
        if account is not None:
            self.role.setCurrentIndex(self.role.findData(account.role.value))
        self._texts_for(account)

    # -- changes --------------------------------------------------------------------------

    def _apply(self, change: Callable[[], object], name: str) -> bool:
        try:
            change()
        except WeakPassword as error:
            show_error(self, _("Not saved"), policy_text(error))
        except auth.NotAllowed as error:
            show_error(self, _("Not allowed"), not_allowed_text(error))
        except (StoreError, ValueError) as error:
            logger.info("account change refused: %s", error)
            show_error(self, _("Not saved"), self._refusal(error))
        else:
            self.reload()
            self.select(name)
            return True
        return False

    def _refusal(self, error: Exception) -> str:
        text = str(error)
        if "last administrator" in text:
            return _("This is the last administrator: make another account administrator first.")
        if "exists already" in text:
            return _("An account with this name exists already.")
        return _("A name has 1 to 64 characters, without control characters.")

    def add(self) -> bool:
        dialog = AccountDialog(None, self)
        dialog.role.setCurrentIndex(dialog.role.findData(self.role.currentData()))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        name, role = dialog.name.text().strip(), Role(dialog.role.currentData())
        password = dialog.passwords.password.text()
        return self._apply(lambda: auth.create_account(self.ctx.desk, name, role, password), name)

    def change_role(self) -> bool:
        account = self.selected()
        if account is None:
            return False
        role = Role(self.role.currentData())
        return self._apply(lambda: auth.set_role(self.ctx.desk, account.name, role), account.name)

    def reset_password(self) -> bool:
        account = self.selected()
        if account is None:
            return False
        dialog = AccountDialog(account.name, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        password = dialog.passwords.password.text()
        return self._apply(
            lambda: auth.change_password(self.ctx.desk, account.name, password), account.name
        )

    def toggle_disabled(self) -> bool:
        account = self.selected()
        if account is None:
            return False
        return self._apply(
            lambda: auth.disable_account(self.ctx.desk, account.name, not account.disabled),
            account.name,
        )

    def _texts_for(self, account: Account | None) -> None:
        enable = account is not None and account.disabled
        self.buttons["disable"].setText(_("&Enable") if enable else _("&Disable"))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Users"))
        self.table.setHorizontalHeaderLabels([_("Name"), _("Role"), _("State"), _("Locked until")])
        self.buttons["add"].setText(_("&Add…"))
        self.buttons["change_role"].setText(_("&Give this role"))
        self.buttons["reset_password"].setText(_("&Reset password…"))
        for index, role in enumerate(Role):
            self.role.setItemText(index, role_name(role))
        self.reload()
