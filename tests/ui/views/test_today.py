"""Today's view: the five lists against load_worklist, counts, empty sentences, sorting,
opening a holder, and the language switch."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.services.worklist import load_worklist
from app.ui.counter import Counter
from app.ui.i18n import Translator, _
from app.ui.views.formatting import show_date
from app.ui.views.table import SORT_ROLE
from app.ui.views.today import SECTIONS

from .conftest import TODAY


def test_lists_match_the_worklist_with_counts_in_titles(counter: Counter) -> None:
    expected = load_worklist(counter.ctx.desk.store, TODAY)
    view = counter.today
    for name, *_rest in SECTIONS:
        rows = getattr(expected, name)
        section = view.sections[name]
        assert section.count() == len(rows), name
        assert f"({len(rows)})" in section.heading.text()
    assert view.sections["due"].count() > 0
    assert "23" in view.date_label.text() and "2026" in view.date_label.text()


def test_an_empty_list_says_so_in_words(counter: Counter) -> None:
    section = counter.today.sections["suspended"]
    assert section.count() == 0
    assert section._stack.currentWidget() is section.empty_label
    assert section.empty_label.text() == "Aucun renouvellement n'est suspendu."


def test_nobody_due_today(counter: Counter, monkeypatch) -> None:
    from app.services import worklist

    monkeypatch.setattr("app.ui.views.today.todays_worklist", lambda desk: worklist.Worklist())
    counter.today.refresh()
    section = counter.today.sections["due"]
    assert section._stack.currentWidget() is section.empty_label
    assert section.empty_label.text() == "Personne n'est à renouveler aujourd'hui."
    assert "(0)" in section.heading.text()


def test_clicking_a_header_sorts(counter: Counter) -> None:
    table = counter.today.sections["due"].table
    model = table.rows_model()
    table.sortByColumn(4, Qt.SortOrder.AscendingOrder)  # expiry
    keys = [model.index(row, 4).data(SORT_ROLE) for row in range(model.rowCount())]
    assert keys == sorted(keys)
    table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # name
    names = [model.index(row, 0).data().casefold() for row in range(model.rowCount())]
    assert names == sorted(names, reverse=True)


def test_enter_opens_the_holder(counter: Counter, qtbot: QtBot) -> None:
    table = counter.today.sections["due"].table
    table.setCurrentIndex(table.rows_model().index(2, 0))
    expected = table.current_row().holder_id
    with qtbot.waitSignal(counter.today.holder_opened) as blocker:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert blocker.args == [expected]
    assert counter.holder.holder.id == expected
    assert counter.window._tabs.currentWidget() is counter.holder


def test_attestation_rows_open_their_file(counter: Counter, qtbot: QtBot) -> None:
    table = counter.today.sections["expiring_documents"].table
    row = table.rows_model().row_at(0)
    with qtbot.waitSignal(counter.today.file_opened) as blocker:
        table.doubleClicked.emit(table.rows_model().index(0, 1))
    assert blocker.args == [row.file_id]


def test_language_switch_retranslates_titles_and_dates(
    counter: Counter, translator: Translator
) -> None:
    section = counter.today.sections["due"]
    count = section.count()
    translator.set_language("nl")
    assert section.heading.text() == f"Te vernieuwen ({count})"
    assert counter.today.sections["suspended"].empty_label.text() == (
        "Geen enkele vernieuwing is opgeschort."
    )
    assert "nov" in counter.today.date_label.text()
    assert section.model.headerData(0, Qt.Orientation.Horizontal) == "Naam"
    translator.set_language("de")
    assert section.heading.text() == f"Fällige Verlängerungen ({count})"


def test_the_deadline_lists_follow_the_existing_ones(counter: Counter) -> None:
    names = [name for name, *_rest in SECTIONS]
    assert names[:5] == ["due", "soon", "expired", "suspended", "expiring_documents"]
    assert names[5:] == ["decisions", "information_requests", "residence_checks", "stays_ended"]


def test_decisions_awaited_show_the_decision_date_and_the_cover_warning(
    counter: Counter, qtbot: QtBot
) -> None:
    """The demo's annexes 50 were issued 24-29 days ago: their decision is due four months
    after, and most filing dates leave annex 50's 120 days 1-3 days short."""
    section = counter.today.sections["decisions"]
    assert section.count() > 0
    model = section.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[3:6] == [_("Filed on"), _("Decision due by"), _("Cover at most until")]
    rows = [model.row_at(r) for r in range(model.rowCount())]
    gaps = [r for r in rows if r.cover_gap_days]
    assert gaps, "the demo's filing dates should leave some cover gaps"
    row_index = rows.index(gaps[0])
    warning = model.index(row_index, 6).data()
    assert show_date(gaps[0].cover_until) in warning
    assert f"{gaps[0].cover_gap_days} " in warning
    assert model.index(row_index, 4).data() == show_date(gaps[0].deadline)
    with qtbot.waitSignal(counter.today.file_opened) as blocker:
        section.table.doubleClicked.emit(model.index(row_index, 0))
    assert blocker.args == [gaps[0].file_id]


def test_a_stay_ended_row_opens_its_file(counter: Counter, make, qtbot: QtBot) -> None:
    from app.domain.model import Case, Outcome
    from app.services.files import record_outcome

    holder = make.holder(surname="Zeroual")
    permit = make.permit(holder, TODAY)
    file = make.file(
        holder, permit, Case.WORK_AUTHORISATION_ENDED, work_authorisation_ended_on=TODAY
    )
    record_outcome(counter.ctx.desk, file.id, Outcome.STAY_ENDED, TODAY)
    counter.today.refresh()
    section = counter.today.sections["stays_ended"]
    assert section.count() == 1
    assert section.model.index(0, 0).data().startswith("Zeroual")
    assert "2026" in section.model.index(0, 2).data()
    with qtbot.waitSignal(counter.today.file_opened) as blocker:
        section.table.doubleClicked.emit(section.model.index(0, 0))
    assert blocker.args == [file.id]


def test_empty_deadline_lists_say_so(counter: Counter) -> None:
    section = counter.today.sections["information_requests"]
    assert section.count() == 0
    assert section._stack.currentWidget() is section.empty_label
    assert section.empty_label.text()
