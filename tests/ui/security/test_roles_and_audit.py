"""Roles at the counter (disabled actions, services refusing) and the audit view."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QInputDialog, QPushButton
from pytestqt.qtbot import QtBot

from app.services import importing, issuing, transmissions
from app.services import settings as settings_service
from app.services.auth import NotAllowed
from app.ui.documents import actions
from app.ui.documents.file_page import FilePage
from app.ui.i18n import Translator
from app.ui.main_window import MainWindow
from app.ui.security.audit_view import AuditDialog
from app.ui.security.session import Session
from app.ui.security.users_dialog import AccountDialog, UsersDialog

from .conftest import PASSWORD, TODAY
from .test_sign_in_and_lock import sign_in, start


def signed_in(window: MainWindow, path: Path, name: str) -> Session:
    session = start(window, path)
    assert sign_in(session, name, PASSWORD)
    return session


def live_document(session: Session) -> tuple[int, int]:
    row = session.desk.store._db.execute(
        "SELECT id, file_id FROM documents WHERE file_id IS NOT NULL AND annulled_on IS NULL"
    ).fetchone()
    return row[0], row[1]


def test_clerk_sees_annul_and_settings_disabled_and_services_refuse(
    window: MainWindow, staffed: Path, messages: list[str], tmp_path: Path
) -> None:
    session = signed_in(window, staffed, "clerk1")
    counter = window.findChild(object, "counter")
    for action in (
        counter.settings_action,
        counter.import_action,
        session.users_action,  # type: ignore[attr-defined]
        session.audit_action,
    ):
        assert not action.isEnabled() and action.toolTip()
    assert session.lock_action.isEnabled()
    doc_id, file_id = live_document(session)
    page = FilePage(session.ctx, file_id, window)
    page.select_document(doc_id)
    annul = page.findChild(QPushButton, "annul")
    assert not annul.isEnabled()
    assert annul.toolTip() == "Seul un superviseur ou un administrateur peut le faire."
    assert page.findChild(QPushButton, "extend").isEnabled()
    desk = session.desk
    with pytest.raises(NotAllowed):
        issuing.annul_document(desk, doc_id, "typo")
    with pytest.raises(NotAllowed):
        settings_service.save_checklists(desk, {})
    with pytest.raises(NotAllowed):
        settings_service.save_idle_lock_minutes(desk, 10)
    csv = tmp_path / "import.csv"
    csv.write_text("x\n", encoding="utf-8")
    with pytest.raises(NotAllowed):
        importing.import_csv(desk, csv)
    transmissions.mark_sent(desk, [], TODAY, "post")  # a clerk may


def test_supervisor_can_annul(
    window: MainWindow, staffed: Path, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    session = signed_in(window, staffed, "sup")
    counter = window.findChild(object, "counter")
    assert counter.settings_action.isEnabled()  # type: ignore[attr-defined]
    assert not counter.import_action.isEnabled()  # type: ignore[attr-defined]
    assert session.audit_action.isEnabled() and not session.users_action.isEnabled()
    doc_id, file_id = live_document(session)
    page = FilePage(session.ctx, file_id, window)
    page.select_document(doc_id)
    assert page.findChild(QPushButton, "annul").isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("wrong annex", True))
    assert actions.annul(session.ctx, doc_id, page)
    assert session.desk.register.get_by_id(doc_id).annulled_on is not None


def test_a_refusal_from_the_service_is_one_sentence(
    window: MainWindow, staffed: Path, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    session = signed_in(window, staffed, "clerk1")
    doc_id, _file_id = live_document(session)
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("typo", True))
    assert not actions.annul(session.ctx, doc_id, window)
    assert messages == ["Seul un superviseur ou un administrateur peut le faire."]


def test_audit_view_filters_by_user_and_shows_the_chain(window: MainWindow, staffed: Path) -> None:
    session = signed_in(window, staffed, "sup")
    dialog = AuditDialog(session.ctx, window)
    assert dialog.chain.text() == "Chaîne d'audit intacte."
    all_rows = dialog.model.rowCount()
    dialog.user.setText("sup")
    users = {entry.user for entry in dialog.model.rows}
    assert users == {"sup"} and 0 < dialog.model.rowCount() < all_rows
    assert dialog.model.index(0, 1).data() == "sup s'est connecté"


#: What the issue of a document reads as, per language (user, annex, number, person).
ISSUED = {
    "fr": "{user} a délivré l'annexe {annex} {number} à {person}",
    "nl": "{user} heeft bijlage {annex} {number} afgegeven aan {person}",
    "de": "{user} hat Anlage {annex} {number} für {person} ausgestellt",
}
SIGNED_IN = {
    "fr": "sup s'est connecté",
    "nl": "sup heeft zich aangemeld",
    "de": "sup hat sich angemeldet",
}


@pytest.mark.parametrize("language", ["fr", "nl", "de"])
def test_audit_view_reads_as_sentences(
    window: MainWindow, staffed: Path, translator: Translator, language: str
) -> None:
    session = signed_in(window, staffed, "sup")
    translator.set_language(language)
    dialog = AuditDialog(session.ctx, window)
    model = dialog.model
    texts = [model.index(row, 1).data() for row in range(model.rowCount())]
    times = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert texts[0] == SIGNED_IN[language]
    issued = next(i for i, entry in enumerate(model.rows) if entry.action == "issue")
    entry = model.rows[issued]
    document = session.desk.register.get_by_id(entry.entity_id)
    holder = session.desk.store.get_holder(document.holder_id)
    person = holder.full_name
    if document.family_member_id is not None:
        member = next(
            m for m in session.desk.store.family_of(holder.id) if m.id == document.family_member_id
        )
        person = member.full_name
    assert texts[issued] == ISSUED[language].format(
        user=entry.user, annex=document.annex.value, number=entry.detail["number"], person=person
    )
    assert all(re.search(r"\b20\d\d\b", time) for time in times)  # four-digit years
    for text in texts:  # no code, no JSON, no digest (an account's sealed state)
        assert not re.search(r"[{}\[\]]|[0-9a-f]{16}|_", text), text
    created = [t for t, e in zip(texts, model.rows, strict=True) if e.action == "create"]
    assert any("clerk1" in text for text in created)


def test_users_dialog_lists_and_adds(
    window: MainWindow, staffed: Path, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    session = signed_in(window, staffed, "admin")
    dialog = UsersDialog(session.ctx, session.now, window)
    names = [dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())]
    assert names == ["admin", "clerk1", "sup"]
    dialog.select("clerk1")
    dialog.role.setCurrentIndex(dialog.role.findData("supervisor"))
    assert dialog.change_role()
    assert dialog.table.item(1, 1).text() == "superviseur"
    dialog.select("admin")
    dialog.role.setCurrentIndex(dialog.role.findData("clerk"))
    assert not dialog.change_role()  # the last administrator stays one
    assert "dernier administrateur" in messages[-1]


@pytest.mark.parametrize("language", ["fr", "nl", "de"])
def test_the_password_policy_stays_whole_when_the_error_appears(
    translator: Translator, language: str, qtbot: QtBot
) -> None:
    translator.set_language(language)
    dialog = AccountDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.name.setText("marie")
    dialog.passwords.password.setText("short")
    dialog._check()
    QApplication.processEvents()
    assert dialog.error.isVisible()
    for label in (dialog.passwords.policy, dialog.error):
        assert label.height() >= label.heightForWidth(label.width()), label.text()
