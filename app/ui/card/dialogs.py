"""The dialogs a card read may open: the card against the record side by side, a tick per
field (:class:`DifferencesDialog`), and the country of a nationality the card spells in a
way no country matches (:class:`CountryDialog`). Card data is shown as plain text only."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.card import CARD_NUMBER, Difference
from app.ui.card.texts import DIFFERENCE_FIELDS, UNVERIFIED, show_field
from app.ui.i18n import N_, _, translate_ui
from app.ui.views.formatting import countries, country_name, locale_name

logger = logging.getLogger(__name__)

COLUMNS = (N_("Field"), N_("On record"), N_("On the card"))
_CHECKED, _UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked


class DifferencesDialog(QDialog):
    """Field, on record, on the card; the clerk ticks what the card corrects.

    Rows of a new card's validity follow the card number's tick: a new card is saved
    whole or not at all.
    """

    def __init__(
        self,
        differences: Sequence[Difference],
        parent: QWidget | None = None,
        unverified: bool = False,
    ) -> None:
        """``unverified``: the card was read from a saved file (not signed): said above
        the table, in bold."""
        super().__init__(parent)
        self.setObjectName("card_differences_dialog")
        self.differences = list(differences)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.unverified = QLabel()
        self.unverified.setObjectName("card_unverified")
        self.unverified.setWordWrap(True)
        self.unverified.setStyleSheet("font-weight: bold; color: #8a4b00;")
        self.unverified.setVisible(unverified)
        self.table = QTableWidget(len(self.differences), len(COLUMNS))
        self.table.setObjectName("card_differences")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setVisible(any(d.with_card_number for d in self.differences))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.unverified)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self._fill()
        self.table.itemChanged.connect(self._follow_card_number)
        translate_ui(self)
        self.setMinimumWidth(760)
        self.resize(860, self.sizeHint().height())

    def _fill(self) -> None:
        for row, difference in enumerate(self.differences):
            field = QTableWidgetItem()
            field.setData(Qt.ItemDataRole.UserRole, difference.field)
            flags = Qt.ItemFlag.ItemIsEnabled
            if not difference.with_card_number:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            field.setFlags(flags)
            field.setCheckState(_CHECKED)
            self.table.setItem(row, 0, field)
            for column, value in ((1, difference.on_record), (2, difference.on_card)):
                item = QTableWidgetItem(self._show(difference.field, value))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                if column == 2:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        rows = sum(self.table.rowHeight(row) for row in range(self.table.rowCount()))
        header = self.table.horizontalHeader().sizeHint().height()
        height = min(header + rows + 2 * self.table.frameWidth() + 2, 460)
        self.table.setMinimumHeight(height)
        self.table.setMaximumHeight(height)

    @staticmethod
    def _show(field: str, value: object) -> str:
        if field == "nationality" and isinstance(value, str) and value:
            return country_name(value)
        return show_field(field, value)

    def _row(self, field: str) -> int:
        for row, difference in enumerate(self.differences):
            if difference.field == field:
                return row
        raise KeyError(field)

    def _field_item(self, row: int) -> QTableWidgetItem:
        """The tickable first cell of a row (``__init__`` sets one on every row)."""
        item = self.table.item(row, 0)
        assert item is not None, f"row {row} of the differences has no field cell"
        return item

    def set_accepted(self, field: str, accepted: bool) -> None:
        """Tick or untick a field (what the clerk does with the mouse or the space bar)."""
        self._field_item(self._row(field)).setCheckState(_CHECKED if accepted else _UNCHECKED)

    def accepted_fields(self) -> list[str]:
        """The fields ticked, a new card's validity included when its number is."""
        return [
            d.field
            for row, d in enumerate(self.differences)
            if self._field_item(row).checkState() == _CHECKED
        ]

    def _follow_card_number(self, item: QTableWidgetItem) -> None:
        if item.column() != 0 or item.data(Qt.ItemDataRole.UserRole) != CARD_NUMBER:
            return
        for row, difference in enumerate(self.differences):
            if difference.with_card_number:
                self._field_item(row).setCheckState(item.checkState())

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("The card differs from the record"))
        self.intro.setText(
            _(
                "The residence card says something else than the database. Tick what the card "
                "corrects; what you leave unticked stays as recorded."
            )
        )
        self.note.setText(
            _(
                "A new card number adds the new card as a permit, with its own validity; the "
                "previous permit stays recorded."
            )
        )
        self.unverified.setText(_(UNVERIFIED))
        self.table.setHorizontalHeaderLabels([_(title) for title in COLUMNS])
        for row, difference in enumerate(self.differences):
            self._field_item(row).setText(_(DIFFERENCE_FIELDS[difference.field]))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Save ticked fields"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("&Keep the record"))


class CountryDialog(QDialog):
    """The card's nationality matched no country: the clerk picks it from the list."""

    def __init__(self, nationality_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card_country_dialog")
        self._text = nationality_text
        self.question = QLabel()
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.question.setWordWrap(True)
        self.combo = QComboBox()
        self.combo.setObjectName("card_country")
        self.combo.setEditable(True)  # type a few letters to find the country
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept_if_chosen)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.combo)
        layout.addWidget(self.buttons)
        translate_ui(self)
        self.setMinimumWidth(460)

    def country(self) -> str | None:
        """The ISO code chosen, or None."""
        index = self.combo.findText(self.combo.currentText())
        return self.combo.itemData(index) if index >= 0 else None

    def choose(self, code: str) -> None:
        self.combo.setCurrentIndex(self.combo.findData(code))

    def _accept_if_chosen(self) -> None:
        if self.country():
            self.accept()

    def retranslate_ui(self) -> None:
        chosen = self.country()
        self.setWindowTitle(_("Nationality"))
        self.question.setText(
            _(
                "The card gives the nationality as “{text}”, which is not the name of a "
                "country PermitDesk knows. Which country is it?"
            ).format(text=self._text)
        )
        self.combo.clear()
        for code, name in countries(locale_name()):
            self.combo.addItem(name, code)
        self.combo.setCurrentIndex(self.combo.findData(chosen) if chosen else -1)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("OK"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
