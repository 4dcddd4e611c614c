"""The pages of the settings dialog besides the commune: signatories, checklists per case,
default printer. Each page reads its part from :mod:`app.services.settings` and hands back
what the clerk chose; the dialog saves."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.checklist import ALL_ITEMS, legal_items
from app.domain.model import Case
from app.services.settings import SignatoryEntry
from app.ui.i18n import N_, _, get_translator
from app.ui.views.formatting import CASES

logger = logging.getLogger(__name__)

_CHECK = Qt.ItemDataRole.CheckStateRole
_ID = Qt.ItemDataRole.UserRole


#: The signatories' columns: name, a title per document language, default.
TITLE_LANGUAGES = ("fr", "nl", "de")
TITLE_HEADERS = {"fr": N_("Title (French)"), "nl": N_("Title (Dutch)"), "de": N_("Title (German)")}
NAME_COLUMN, DEFAULT_COLUMN = 0, 1 + len(TITLE_LANGUAGES)


class SignatoriesPage(QWidget):
    """Name and title of who signs, the title in each document language (the paper prints
    the one of its language); exactly one default."""

    def __init__(self, entries: list[SignatoryEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signatories_page")
        self.model = QStandardItemModel(0, DEFAULT_COLUMN + 1, self)
        for entry in entries:
            self._append(entry)
        self.model.itemChanged.connect(self._keep_one_default)
        self.table = QTableView()
        self.table.setObjectName("signatories_table")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            DEFAULT_COLUMN, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.setTabKeyNavigation(False)
        self.add_button = QPushButton()
        self.add_button.setObjectName("add_signatory")
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton()
        self.remove_button.setObjectName("remove_signatory")
        self.remove_button.clicked.connect(self._remove_current)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def add(self) -> None:
        self._append(SignatoryEntry("", "", self.model.rowCount() == 0))
        index = self.model.index(self.model.rowCount() - 1, NAME_COLUMN)
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def show_languages(self, codes: list[str]) -> None:
        """Only the title columns of the commune's document languages."""
        for offset, code in enumerate(TITLE_LANGUAGES, start=1):
            self.table.setColumnHidden(offset, code not in codes)

    def entries(self) -> list[SignatoryEntry]:
        """As typed; the titles of a hidden (unused) language are kept."""
        found = []
        for row in range(self.model.rowCount()):
            titles = {
                code: self.model.item(row, offset).text()
                for offset, code in enumerate(TITLE_LANGUAGES, start=1)
                if self.model.item(row, offset).text().strip()
            }
            found.append(
                SignatoryEntry(
                    self.model.item(row, NAME_COLUMN).text(),
                    next(iter(titles.values()), ""),
                    self.model.item(row, DEFAULT_COLUMN).checkState() == Qt.CheckState.Checked,
                    titles,
                )
            )
        return found

    def retranslate_ui(self) -> None:
        self.model.setHorizontalHeaderLabels(
            [_("Name"), *(_(TITLE_HEADERS[code]) for code in TITLE_LANGUAGES), _("Default")]
        )
        self.add_button.setText(_("&Add signatory"))
        self.remove_button.setText(_("Re&move signatory"))
        self.hint.setText(
            _(
                "Who signs the annexes for the mayor, with the title in each document "
                "language. The default one is proposed first."
            )
        )

    def _append(self, entry: SignatoryEntry) -> None:
        default = QStandardItem()
        default.setCheckable(True)
        default.setEditable(False)
        default.setCheckState(Qt.CheckState.Checked if entry.default else Qt.CheckState.Unchecked)
        titles = [QStandardItem(entry.titles.get(code, "")) for code in TITLE_LANGUAGES]
        self.model.appendRow([QStandardItem(entry.name), *titles, default])

    def _keep_one_default(self, item: QStandardItem) -> None:
        if item.column() != DEFAULT_COLUMN or item.checkState() != Qt.CheckState.Checked:
            return
        for row in range(self.model.rowCount()):
            other = self.model.item(row, DEFAULT_COLUMN)
            if row != item.row() and other.checkState() == Qt.CheckState.Checked:
                other.setCheckState(Qt.CheckState.Unchecked)

    def _remove_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.model.removeRow(index.row())


class ChecklistsPage(QWidget):
    """For each case, which documents the counter checks; the AR's items cannot be removed."""

    def __init__(self, lists: dict[Case, tuple[str, ...]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklists_page")
        self._chosen = {case: set(ids) for case, ids in lists.items()}
        self._others = {  # a commune's own items (unknown ids) are kept as they are
            case: [i for i in ids if i not in {item.id for item in ALL_ITEMS}]
            for case, ids in lists.items()
        }
        self._order = {case: list(ids) for case, ids in lists.items()}
        self.case_combo = QComboBox()
        self.case_combo.setObjectName("checklist_case")
        for case in Case:
            self.case_combo.addItem("", case.value)
        self.case_label = QLabel()
        self.case_label.setBuddy(self.case_combo)
        self.model = QStandardItemModel(self)
        self.list = QListView()
        self.list.setObjectName("checklist_items")
        self.list.setModel(self.model)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.case_label, self.case_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        self.case_combo.currentIndexChanged.connect(lambda _i: self._show_case())
        self.model.itemChanged.connect(self._item_changed)

    def current_case(self) -> Case:
        return Case(self.case_combo.currentData())

    def lists(self) -> dict[Case, tuple[str, ...]]:
        """The checklists as chosen, in their former order, new items at the end."""
        result = {}
        for case, chosen in self._chosen.items():
            known = [i for i in self._order[case] if i in chosen or i in self._others[case]]
            known += [item.id for item in ALL_ITEMS if item.id in chosen and item.id not in known]
            result[case] = tuple(known)
        return result

    def retranslate_ui(self) -> None:
        self.case_label.setText(_("&Case:"))
        for index in range(self.case_combo.count()):
            self.case_combo.setItemText(index, _(CASES[self.case_combo.itemData(index)]))
        self.hint.setText(
            _(
                "Documents the clerk checks for this case. Greyed items are required by the "
                "royal decree and cannot be removed."
            )
        )
        self._show_case()

    def _show_case(self) -> None:
        case = self.current_case()
        language = get_translator().language or "fr"
        required = set(legal_items(case))
        self.model.blockSignals(True)
        self.model.clear()
        for item in sorted(ALL_ITEMS, key=lambda i: i.id not in required):  # the AR's first
            row = QStandardItem(item.label(language))
            row.setData(item.id, _ID)
            row.setCheckable(True)
            row.setEditable(False)
            row.setCheckState(
                Qt.CheckState.Checked if item.id in self._chosen[case] else Qt.CheckState.Unchecked
            )
            if item.id in required:
                row.setCheckState(Qt.CheckState.Checked)
                row.setEnabled(False)
            self.model.appendRow(row)
        self.model.blockSignals(False)

    def _item_changed(self, row: QStandardItem) -> None:
        chosen = self._chosen[self.current_case()]
        if row.checkState() == Qt.CheckState.Checked:
            chosen.add(row.data(_ID))
        else:
            chosen.discard(row.data(_ID))


SYSTEM_DEFAULT = N_("The system's default printer")


class PrinterPage(QWidget):
    """Which printer prints the annexes; the system's default unless one is chosen."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printer_page")
        self.combo = QComboBox()
        self.combo.setObjectName("printer_combo")
        self.combo.addItem("", "")
        names = QPrinterInfo.availablePrinterNames()
        if current and current not in names:
            names.append(current)  # a printer absent today stays chosen
        for name in names:
            self.combo.addItem(name, name)
        self.combo.setCurrentIndex(max(0, self.combo.findData(current)))
        self.label = QLabel()
        self.label.setBuddy(self.combo)
        form = QFormLayout(self)
        form.addRow(self.label, self.combo)

    def printer(self) -> str:
        return self.combo.currentData() or ""

    def retranslate_ui(self) -> None:
        self.label.setText(_("Default &printer:"))
        self.combo.setItemText(0, _(SYSTEM_DEFAULT))
