"""The counter on a register kept on a PostgreSQL server: the window opens on it (Today in
front, the status bar saying the register is on the server, no file backup nor check of a
file here); a server that does not answer at start is said in the clerk's language with
Retry and Quit, never a traceback; a connection lost mid-session makes the next save say
so while the form keeps what was typed, and the save after it works (the store connects
again by itself)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from support.postgres import admin_connection, database_name

from app.services.demo import build_demo
from app.services.desk import Desk, register_name
from app.ui import launch
from app.ui.background_check import BackgroundCheck
from app.ui.counter import Counter
from app.ui.main_window import MainWindow
from app.ui.security.recovery import RecoveryScreen
from app.ui.security.session import Session
from app.ui.security.sign_in import FirstAdministratorDialog
from app.ui.startup import start_counter

from .conftest import NOW, TODAY

#: The banner within the link's ping and the TCP silence it waits for, with room to spare.
WITHIN_MS = 5000
#: Back within the link's pause between attempts, with room to spare.
BACK_WITHIN_MS = 10000


@pytest.fixture
def server(register_database: str) -> str:
    """A register on the test server: the demo commune and 20 holders, no account yet."""
    build_demo(register_database, 20, seed=1, today=TODAY)
    return register_database


@pytest.fixture
def started(window: MainWindow, server: str, messages: list[str]) -> Iterator[Session]:
    """The counter started on ``server``, the first administrator's dialog put away (Not
    now: work without accounts, as the demo does)."""
    window.show()
    session = start_counter(window, server, clock=lambda: TODAY, now=lambda: NOW)
    assert session is not None and not window.covered
    dialog = window.findChild(FirstAdministratorDialog)
    if dialog is not None:
        dialog.reject()
    yield session


def counter_of(window: MainWindow) -> Counter:
    counter = window.findChild(Counter, "counter")
    assert counter is not None
    return counter


def disconnect_everyone(server: str, postgres_server: str) -> int:
    """What a network cut or a server restart does to the counter: its backend is gone."""
    with admin_connection(postgres_server) as admin:
        ended = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [database_name(server)],
        ).fetchone()
    assert ended is not None
    return int(ended[0])


def first_holder(server: str) -> int:
    with psycopg.connect(server) as connection:
        row = connection.execute("SELECT min(id) FROM permitdesk.holders").fetchone()
    assert row is not None and row[0] is not None
    return int(row[0])


def test_the_window_opens_on_the_server(window: MainWindow, started: Session) -> None:
    counter = counter_of(window)
    assert started.desk.on_server
    assert counter.today.isVisible()  # Today in front
    assert sum(counter.today.counts.values()) > 0  # its queues read from the server
    assert "Valfleuri-lez-Bruxelles" in window.windowTitle()  # the commune, from the server
    assert window.findChild(BackgroundCheck) is None  # no file here to back up or check


def test_the_status_bar_says_the_register_is_on_the_server(
    window: MainWindow, server: str, messages: list[str]
) -> None:
    launch._show_database(server, window)  # what permitdesk --db <target> builds
    label = window.findChild(QLabel, "database_label")
    assert label is not None
    assert label.text() == (
        f"Registre sur le serveur {register_name(server)} (sauvegardé là par son administrateur)"
    )
    assert window.findChild(BackgroundCheck) is None


def test_a_server_that_does_not_answer_is_said_with_retry(
    window: MainWindow, tmp_path: Path, messages: list[str]
) -> None:
    nowhere = f"host={tmp_path / 'no-such-socket-folder'} user=clerk dbname=permitdesk"
    window.show()
    assert start_counter(window, nowhere, clock=lambda: TODAY, now=lambda: NOW) is None
    screen = window.findChild(RecoveryScreen)
    assert screen is not None and window.covered and screen.isVisible()
    assert screen.title.text() == "Le serveur du registre ne répond pas"
    assert "connecté au réseau" in screen.text.text()
    assert "support informatique" in screen.text.text()
    assert f"({register_name(nowhere)})" in screen.text.text()  # named, not its login words
    assert "Traceback" not in screen.text.text()
    assert not screen.findChild(QPushButton, "restore").isVisibleTo(screen)
    assert screen.findChild(QPushButton, "retry").isVisibleTo(screen)
    assert window.findChild(Counter, "counter") is None


def test_retry_opens_the_counter_once_the_server_answers(
    qtbot, window: MainWindow, server: str, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.ui import startup as start_module

    real = start_module.startup_check
    answers = iter([False, True])

    def check(target: str):  # the first start finds the network down
        if not next(answers):
            return start_module.StartupState("server", "does not answer")
        return real(target)

    monkeypatch.setattr(start_module, "startup_check", check)
    window.show()
    assert start_counter(window, server, clock=lambda: TODAY, now=lambda: NOW) is None
    screen = window.findChild(RecoveryScreen)
    assert screen is not None and "Réessayer" in screen.text.text()
    screen.findChild(QPushButton, "retry").click()  # asked on a worker thread
    qtbot.waitUntil(lambda: not window.covered, timeout=WITHIN_MS)
    assert counter_of(window).today.isVisible()


def test_the_counter_opens_by_itself_when_the_server_is_back(
    qtbot, window: MainWindow, server: str, postgres_server: str, messages: list[str]
) -> None:
    server_away(server, postgres_server, True)
    window.show()
    try:
        assert start_counter(window, server, clock=lambda: TODAY, now=lambda: NOW) is None
        screen = window.findChild(RecoveryScreen)
        assert screen is not None and screen.title.text() == "Le serveur du registre ne répond pas"
        screen.findChild(QPushButton, "retry").click()  # the window answers meanwhile
        qtbot.waitUntil(lambda: screen.message.isVisible(), timeout=WITHIN_MS)
        assert screen.message.text() == (
            "Le serveur ne répond toujours pas ; PermitDesk le redemande toutes les quelques "
            "secondes."
        )
    finally:
        server_away(server, postgres_server, False)
    qtbot.waitUntil(lambda: not window.covered, timeout=BACK_WITHIN_MS)  # nobody clicked
    assert counter_of(window).today.isVisible()


def server_away(server: str, postgres_server: str, away: bool) -> None:
    """The register's server gone (no connection accepted, every one ended) or back."""
    with admin_connection(postgres_server) as admin:
        allowed = "false" if away else "true"
        admin.execute(f'ALTER DATABASE "{database_name(server)}" ALLOW_CONNECTIONS {allowed}')
    if away:
        disconnect_everyone(server, postgres_server)


def test_a_server_away_is_said_by_a_banner_and_the_form_waits_for_it(
    qtbot,
    window: MainWindow,
    started: Session,
    server: str,
    postgres_server: str,
    messages: list[str],
) -> None:
    counter = counter_of(window)
    desk: Desk = started.desk
    holder_id = first_holder(server)
    counter.open_holder(holder_id)
    page = counter.holder
    notice = window.findChild(QLabel, "notice")
    assert notice is not None and not notice.isVisible()
    postal_code = page.findChild(QLineEdit, "postal_code")
    postal_code.setText("1030")
    server_away(server, postgres_server, True)
    try:
        qtbot.waitUntil(notice.isVisible, timeout=WITHIN_MS)  # seen by the link's thread
        assert notice.text() == (
            f"Le serveur du registre ({register_name(server)}) ne répond pas. PermitDesk se "
            "reconnecte de lui-même ; rien ne peut être enregistré d'ici là, et ce que vous "
            "tapez est conservé."
        )
        assert page.save() is False  # at once: the window does not wait on the network
        assert messages[-1] == (
            "La connexion au serveur du registre a été perdue. Rien n'a été enregistré.\n"
            "Vérifiez que l'ordinateur est connecté au réseau, puis réessayez : PermitDesk se "
            "reconnecte de lui-même. Si cela échoue encore, demandez à votre support "
            "informatique si le serveur fonctionne."
        )
        assert postal_code.text() == "1030"  # what the clerk typed is still there
        assert page.is_modified()
    finally:
        server_away(server, postgres_server, False)
    qtbot.waitUntil(lambda: not notice.isVisible(), timeout=BACK_WITHIN_MS)
    assert page.save() is True  # connected again by itself
    assert desk.store.get_holder(holder_id).address.postal_code == "1030"
    with psycopg.connect(server) as connection:  # committed on the server
        row = connection.execute(
            "SELECT postal_code FROM permitdesk.holders WHERE id = %s", [holder_id]
        ).fetchone()
    assert row == ("1030",)


def test_a_lost_connection_is_replaced_before_the_next_save(
    qtbot, window: MainWindow, started: Session, server: str, postgres_server: str
) -> None:
    """A server restart: the link sees it and replaces the connection, whether the clerk
    saves before it did (told to try again) or after (saved)."""
    counter = counter_of(window)
    holder_id = first_holder(server)
    counter.open_holder(holder_id)
    page = counter.holder
    page.findChild(QLineEdit, "postal_code").setText("1040")
    disconnect_everyone(server, postgres_server)
    if not page.save():
        assert page.save() is True  # the save after it
    assert started.desk.store.get_holder(holder_id).address.postal_code == "1040"
