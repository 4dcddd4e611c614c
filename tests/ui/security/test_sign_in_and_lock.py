"""Sign-in, first administrator, lock (Ctrl+L and idle) and unlock at the counter."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractListModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from app.services import audit
from app.store.accounts import has_accounts
from app.ui.main_window import MainWindow
from app.ui.security.session import Session
from app.ui.security.sign_in import FirstAdministratorDialog
from app.ui.startup import start_counter

from .conftest import NOW, PASSWORD, TODAY


def start(window: MainWindow, path: Path) -> Session:
    session = start_counter(window, path, clock=lambda: TODAY, now=lambda: NOW)
    assert session is not None
    return session


def visible_texts(window: MainWindow) -> str:
    """Every text a person could read in the window: labels, tables, the title."""
    texts = [window.windowTitle()]
    texts += [label.text() for label in window.findChildren(QLabel) if label.isVisible()]
    for view in window.findChildren(QAbstractItemView):
        if not view.isVisible() or view.model() is None:
            continue
        model = view.model()
        # a list model has one column (Qt keeps its columnCount private)
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
        for row in range(model.rowCount()):
            for column in range(columns):
                texts.append(str(model.index(row, column).data() or ""))
    return "\n".join(texts)


def a_surname(session: Session) -> str:
    holder = session.desk.store.get_holder(1)
    return holder.surname


def sign_in(session: Session, name: str, password: str) -> bool:
    form = session.screen.form
    form.name.setText(name)
    form.password.setText(password)
    return session.submit(form.name.text(), form.password.text())


def test_first_start_creates_the_administrator(
    window: MainWindow, db_path: Path, qtbot: QtBot
) -> None:
    session = start(window, db_path)
    dialog = window.findChild(FirstAdministratorDialog)
    assert dialog is not None and dialog.isVisible()
    assert "12" in dialog.passwords.policy.text() and "128" in dialog.passwords.policy.text()
    dialog.name.setText("Anne Admin")
    dialog.passwords.password.setText("short")
    dialog.passwords.repeat.setText("short")
    dialog.create_button.click()
    assert dialog.error.isVisible() and "12" in dialog.error.text()
    dialog.passwords.password.setText(PASSWORD)
    dialog.passwords.repeat.setText(PASSWORD)
    dialog.create_button.click()
    assert not dialog.isVisible()
    assert has_accounts(session.desk.store)
    assert session.desk.account is not None and session.desk.account.name == "Anne Admin"
    status = window.findChild(QLabel, "signed_in_label").text()
    assert "Anne Admin" in status and "administrateur" in status


def test_sign_in_screen_hides_data_until_signed_in(window: MainWindow, staffed: Path) -> None:
    session = start(window, staffed)
    assert window.covered and session.locked
    assert a_surname(session) not in visible_texts(window)
    assert sign_in(session, "clerk1", PASSWORD)
    assert not window.covered
    assert "clerk1" in window.findChild(QLabel, "signed_in_label").text()


def test_a_locked_account_is_told_like_a_wrong_password(window: MainWindow, staffed: Path) -> None:
    session = start(window, staffed)
    assert not sign_in(session, "nobody", "whatever it is")
    message = window.findChild(QLabel, "sign_in_message")
    assert message.text() == "Nom ou mot de passe incorrect."
    for _attempt in range(5):
        sign_in(session, "clerk1", "wrong password!")
    assert not sign_in(session, "clerk1", PASSWORD)
    assert message.text() == "Nom ou mot de passe incorrect."
    assert window.covered


def test_ctrl_l_hides_personal_data_and_the_password_restores_it(
    window: MainWindow, staffed: Path, qtbot: QtBot
) -> None:
    session = start(window, staffed)
    sign_in(session, "clerk1", PASSWORD)
    window.show()
    counter = window.findChild(object, "counter")
    counter.open_holder(1)  # type: ignore[attr-defined]
    surname = a_surname(session)
    assert surname in visible_texts(window)
    assert session.lock_action.shortcut().toString() == "Ctrl+L"
    session.lock_action.trigger()  # what Ctrl+L does (offscreen windows are never active)
    assert session.locked and window.covered
    assert surname not in visible_texts(window)
    assert surname not in window.windowTitle()
    assert not sign_in(session, "clerk1", "not the password")
    assert session.locked
    assert sign_in(session, "clerk1", PASSWORD)
    assert not window.covered
    assert surname in visible_texts(window)


def test_another_user_signs_the_first_out(window: MainWindow, staffed: Path) -> None:
    session = start(window, staffed)
    sign_in(session, "clerk1", PASSWORD)
    session.lock()
    session.screen.other_user.click()
    assert sign_in(session, "sup", PASSWORD)
    assert session.desk.account is not None and session.desk.account.name == "sup"
    clerk_actions = [entry.action for entry in audit.entries(session.desk, user="clerk1")]
    assert clerk_actions[:2] == ["logout", "login"]


def test_idle_timeout_locks(window: MainWindow, staffed: Path) -> None:
    session = start(window, staffed)
    sign_in(session, "clerk1", PASSWORD)
    assert session.idle_timer.isActive()
    assert session.idle_timer.interval() == 5 * 60_000
    session.idle_timer.timeout.emit()
    assert session.locked and window.covered


def test_lock_closes_open_dialogs(window: MainWindow, staffed: Path, qtbot: QtBot) -> None:
    session = start(window, staffed)
    sign_in(session, "clerk1", PASSWORD)
    box = QMessageBox(QMessageBox.Icon.Information, "t", "a holder's name", parent=window)
    box.show()
    session.lock()
    assert not box.isVisible()
    assert all(
        not w.isVisible() or w is window
        for w in QApplication.topLevelWidgets()
        if w.isWindow() and w.windowType() == Qt.WindowType.Dialog
    )


def test_sign_out(window: MainWindow, staffed: Path) -> None:
    session = start(window, staffed)
    sign_in(session, "sup", PASSWORD)
    session.sign_out_action.trigger()
    assert session.desk.account is None and window.covered
    assert session.screen.locked_by == ""


def test_a_wrong_password_keeps_the_name_and_asks_the_password_again(
    window: MainWindow, staffed: Path, qtbot: QtBot
) -> None:
    window.show()
    session = start(window, staffed)
    assert not sign_in(session, "clerk1", "wrong password!")
    form = session.screen.form
    assert form.name.text() == "clerk1" and form.password.text() == ""
    qtbot.waitUntil(form.password.hasFocus)


def test_signed_in_the_focus_is_on_the_view_and_a_sign_out_forgets_the_holder(
    window: MainWindow, staffed: Path, qtbot: QtBot
) -> None:
    from app.ui.counter import Counter

    window.show()
    window.activateWindow()
    session = start(window, staffed)
    assert sign_in(session, "clerk1", PASSWORD)
    counter = window.findChild(Counter, "counter")
    assert counter is not None
    qtbot.waitUntil(lambda: counter.today.isAncestorOf(QApplication.focusWidget()))
    counter.search.field.setText(a_surname(session))
    counter.search.run_search()
    counter.open_holder(1)
    session.sign_out_action.trigger()
    assert sign_in(session, "sup", PASSWORD)
    assert counter.holder.holder is None
    assert a_surname(session) not in visible_texts(window)
    assert counter.search.field.text() == ""
