"""The application shell: menus, status bar and the tabs that views are plugged into.

The shell knows no view: whoever builds the counter's screens (today's list, search, the
holder's page, the renewal wizard) hands each one to :meth:`MainWindow.add_view` with an
untranslated title marked with ``N_()``; the shell retranslates titles on a switch.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QProxyStyle,
    QStackedWidget,
    QStyle,
    QStyleOption,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.ui.about import AboutDialog
from app.ui.i18n import LANGUAGES, _, get_translator, translate_ui
from app.ui.settings import Settings

logger = logging.getLogger(__name__)

APPLICATION_NAME = "PermitDesk"
_MAX_VIEW_SHORTCUTS = 9


class _UnshiftedTabs(QProxyStyle):
    """The application's style, but tabs in the background are not drawn lower: Fusion
    shifts them down and their clip then cuts the dots off "Ü" ("Übermittlungen")."""

    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:  # Qt's virtual
        if metric == QStyle.PixelMetric.PM_TabBarTabShiftVertical:
            return 0
        return super().pixelMetric(metric, option, widget)


class MainWindow(QMainWindow):
    """The one main window of the counter."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self._settings = settings
        self._commune_name = ""
        self._view_titles: list[str] = []
        self._cover: QWidget | None = None

        self._tabs = QTabWidget()
        self._tabs.setObjectName("views")
        self._tabs.setDocumentMode(True)
        self._tabs.setTabBarAutoHide(True)
        self._tab_style = _UnshiftedTabs()
        self._tab_style.setParent(self)
        self._tabs.tabBar().setStyle(self._tab_style)
        self._tabs.currentChanged.connect(self._on_current_view_changed)
        self._placeholder = QLabel()
        self._placeholder.setObjectName("no_view")
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setWordWrap(True)
        self._stack = QStackedWidget()
        self._stack.addWidget(self._placeholder)
        self._stack.addWidget(self._tabs)
        self._notice = QLabel()
        self._notice.setObjectName("notice")
        self._notice.setWordWrap(True)
        self._notice.setMargin(8)
        self._notice.setStyleSheet("QLabel#notice { background: #fff3cd; color: #3d2e00; }")
        self._notice.hide()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._notice)
        layout.addWidget(self._stack)
        self.setCentralWidget(central)

        self._build_menus()
        self.statusBar().setObjectName("status_bar")
        self._restore_geometry()
        translate_ui(self)

    @property
    def settings(self) -> Settings:
        """The per-user settings, for views that remember their own layout."""
        return self._settings

    def add_view(self, widget: QWidget, title_msgid: str) -> int:
        """Add a view as a tab; ``title_msgid`` is an ``N_()``-marked message. Returns its index."""
        index = self._tabs.addTab(widget, _(title_msgid))
        self._view_titles.append(title_msgid)
        action = QAction(self)
        action.setCheckable(True)
        action.setData(index)
        if index < _MAX_VIEW_SHORTCUTS:
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
        self._view_group.addAction(action)
        self._view_menu.addAction(action)
        if self._cover is None:
            self._stack.setCurrentWidget(self._tabs)
        self.retranslate_ui()
        return index

    def show_view(self, widget: QWidget) -> None:
        """Bring an added view to the front."""
        self._tabs.setCurrentWidget(widget)

    def cover(self, widget: QWidget) -> None:
        """Show ``widget`` instead of the views (a lock or recovery screen) until
        :meth:`uncover`; the views stay built behind it, unseen."""
        if self._stack.indexOf(widget) < 0:
            self._stack.addWidget(widget)
        self._cover = widget
        self._stack.setCurrentWidget(widget)

    def uncover(self) -> None:
        """Show the views again."""
        self._cover = None
        self._stack.setCurrentWidget(self._tabs if self._tabs.count() else self._placeholder)

    def focus_current_view(self) -> None:
        """Give the focus to the view in front (its focus proxy: Today's list)."""
        view = self._tabs.currentWidget()
        if view is not None and not self.covered:
            view.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def covered(self) -> bool:
        return self._cover is not None

    def set_notice(self, text: str) -> None:
        """A banner above the views while ``text`` is not empty (the server is away)."""
        self._notice.setText(text)
        self._notice.setAccessibleName(text)
        self._notice.setVisible(bool(text))

    def set_commune_name(self, name: str) -> None:
        """Name the commune in the window title."""
        self._commune_name = name.strip()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        parts = [APPLICATION_NAME, self._commune_name, _("Foreigners' desk")]
        self.setWindowTitle(" — ".join(part for part in parts if part))
        self._file_menu.setTitle(_("&File"))
        self._quit_action.setText(_("&Quit"))
        self._quit_action.setStatusTip(_("Close PermitDesk"))
        self._view_menu.setTitle(_("&View"))
        self._language_menu.setTitle(_("&Language"))
        self._help_menu.setTitle(_("&Help"))
        self._about_action.setText(_("&About PermitDesk"))
        self._about_action.setStatusTip(_("Version and licences"))
        self._placeholder.setText(_("No view is open."))
        for index, title in enumerate(self._view_titles):
            self._tabs.setTabText(index, _(title))
            self._view_group.actions()[index].setText(_(title))
        language_action = self._language_actions.get(get_translator().language)
        if language_action is not None:
            language_action.setChecked(True)

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt's virtual
        self._settings.window_geometry = self.saveGeometry()
        self._settings.window_state = self.saveState()
        self._settings.sync()
        super().closeEvent(event)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self._file_menu = bar.addMenu("")
        self._file_menu.setObjectName("file_menu")
        self._quit_action = QAction(self)
        self._quit_action.setObjectName("quit_action")
        self._quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self._quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self._quit_action.triggered.connect(self.close)
        self._file_menu.addAction(self._quit_action)

        self._view_menu = bar.addMenu("")
        self._view_menu.setObjectName("view_menu")
        self._view_group = QActionGroup(self)
        self._view_group.setExclusive(True)
        self._view_group.triggered.connect(self._on_view_triggered)

        self._language_menu = bar.addMenu("")
        self._language_menu.setObjectName("language_menu")
        language_group = QActionGroup(self)
        language_group.setExclusive(True)
        self._language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = QAction(name, self)
            action.setObjectName(f"language_{code}")
            action.setCheckable(True)
            action.setData(code)
            language_group.addAction(action)
            self._language_menu.addAction(action)
            self._language_actions[code] = action
        language_group.triggered.connect(self._on_language_triggered)

        self._help_menu = bar.addMenu("")
        self._help_menu.setObjectName("help_menu")
        self._about_action = QAction(self)
        self._about_action.setObjectName("about_action")
        self._about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self._about_action.triggered.connect(self._show_about)
        self._help_menu.addAction(self._about_action)

    def _restore_geometry(self) -> None:
        geometry = self._settings.window_geometry
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1100, 720)
        state = self._settings.window_state
        if state is not None:
            self.restoreState(state)

    def _on_language_triggered(self, action: QAction) -> None:
        code = action.data()
        self._settings.language = code
        get_translator().set_language(code)
        message = _("Interface language: {language}").format(language=LANGUAGES[code])
        self.statusBar().showMessage(message, 5000)

    def _on_view_triggered(self, action: QAction) -> None:
        self._tabs.setCurrentIndex(action.data())

    def _on_current_view_changed(self, index: int) -> None:
        actions = self._view_group.actions()
        if 0 <= index < len(actions):
            actions[index].setChecked(True)

    def _show_about(self) -> None:
        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exec()
