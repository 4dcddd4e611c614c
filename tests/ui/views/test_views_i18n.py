"""Every counter screen in every shipped language (the novelWriter way): no label, button,
tab, group or column title is left in English once the language is switched."""

from __future__ import annotations

from datetime import date

import pytest
from babel.messages.pofile import read_po
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QTableView,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.domain.model import FamilyMember, Holder, LabourMarket, Permit
from app.ui.context import UiContext
from app.ui.counter import Counter
from app.ui.i18n import DEFAULT_DIRECTORY, DOMAIN, Translator
from app.ui.transmissions import TransmissionsView
from app.ui.views.dialogs import FamilyMemberDialog, NewHolderDialog, PermitDialog
from app.ui.views.settings_dialog import SettingsDialog

TODAY = date(2026, 11, 23)


def english_only(code: str) -> set[str]:
    """Messages whose translation in ``code`` differs from the English text."""
    path = DEFAULT_DIRECTORY / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as source:
        catalog = read_po(source, locale=code)
    return {
        m.id.replace("&", "")
        for m in catalog
        if m.id and isinstance(m.id, str) and m.string and m.string != m.id and len(m.id) > 3
    }


def texts(widget: QWidget) -> set[str]:
    found = set()
    for child in [widget, *widget.findChildren(QWidget)]:
        if isinstance(child, QLabel | QAbstractButton):
            found.add(child.text())
        elif isinstance(child, QGroupBox):
            found.add(child.title())
        elif isinstance(child, QTabWidget):
            found.update(child.tabText(i) for i in range(child.count()))
        elif isinstance(child, QTableView) and child.model() is not None:
            model = child.model()
            found.update(
                str(model.headerData(c, Qt.Orientation.Horizontal))
                for c in range(model.columnCount())
            )
    return {text.replace("&", "") for text in found if text}


@pytest.mark.parametrize("code", ["nl", "de", "fr"])
def test_no_english_left(
    code: str, counter: Counter, ctx: UiContext, translator: Translator, demo_holder: Holder
) -> None:
    counter.open_holder(demo_holder.id)
    assert counter.holder.holder.id == demo_holder.id  # the holder page is filled in
    screens: list[QWidget] = [
        counter.window,
        SettingsDialog(ctx),
        NewHolderDialog(TODAY),
        PermitDialog(Permit(demo_holder.id, "", TODAY, LabourMarket.LIMITED)),
        FamilyMemberDialog(FamilyMember("", ""), TODAY),
    ]
    english = english_only(code)
    translator.set_language("en")
    assert len(texts(counter.window) & english) > 10  # the check would see English
    translator.set_language(code)
    for screen in screens:
        left = texts(screen) & english
        assert not left, f"{type(screen).__name__} in {code}: {sorted(left)}"


def narrow_columns(table: QTableView) -> list[str]:
    """The column titles that do not fit their column (the last one stretches)."""
    header = table.horizontalHeader()
    model = table.model()
    return [
        str(model.headerData(column, Qt.Orientation.Horizontal))
        for column in range(model.columnCount() - 1)
        if not header.isSectionHidden(column)
        and header.sectionSize(column) < header.sectionSizeHint(column)
    ]


@pytest.mark.parametrize("code", ["nl", "de"])
def test_columns_fit_again_after_a_language_switch(
    code: str, counter: Counter, translator: Translator, demo_holder: Holder, qtbot: QtBot
) -> None:
    translator.set_language("en")
    counter.window.show()
    counter.find()
    counter.open_holder(demo_holder.id)
    window = counter.window
    window.show_view(counter.transmissions)  # built when first shown
    assert window.findChild(TransmissionsView) is not None
    tables = [t for t in window.findChildren(QTableView) if t.model() is not None]
    assert len(tables) >= 3
    translator.set_language(code)
    QApplication.processEvents()  # the LanguageChange events Qt posts
    narrow = {table.objectName() or type(table).__name__: narrow_columns(table) for table in tables}
    assert all(not titles for titles in narrow.values()), narrow
