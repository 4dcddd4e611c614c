"""Qt's own interface strings, listed so that the extraction puts them in our catalogs.

Qt asks :class:`app.ui.i18n.QtCatalogTranslator` for these (standard dialog buttons,
wizard buttons, message-box details, line-edit context menu, key names in shortcuts);
the msgids are spelled exactly as in Qt's sources, contexts in the comments.
"""

from __future__ import annotations

from app.ui.i18n import N_

QT_STRINGS: tuple[str, ...] = (
    # QPlatformTheme: QDialogButtonBox and QMessageBox standard buttons
    N_("OK"),
    N_("Save"),
    N_("Save All"),
    N_("Open"),
    N_("&Yes"),
    N_("Yes to &All"),
    N_("&No"),
    N_("N&o to All"),
    N_("Abort"),
    N_("Retry"),
    N_("Ignore"),
    N_("Close"),
    N_("Cancel"),
    N_("Discard"),
    N_("Help"),
    N_("Apply"),
    N_("Reset"),
    N_("Restore Defaults"),
    # QWizard (classic and modern styles on Linux, Aero on Windows)
    N_("< &Back"),
    N_("&Next >"),
    N_("&Next"),
    N_("Commit"),
    N_("&Finish"),
    N_("&Help"),
    # QMessageBox
    N_("Show Details..."),
    N_("Hide Details..."),
    # QLineEdit and QWidgetTextControl context menus
    N_("&Undo"),
    N_("&Redo"),
    N_("Cu&t"),
    N_("&Copy"),
    N_("&Paste"),
    N_("Delete"),
    N_("Select All"),
    # QFileDialog and QPrintDialog labels that Qt's own fr/nl files leave in English
    N_("&Look in:"),
    N_("Files of &type:"),
    N_("Page &Set:"),
    # QShortcut: modifier names shown next to menu entries
    N_("Ctrl"),
    N_("Shift"),
    N_("Alt"),
)
