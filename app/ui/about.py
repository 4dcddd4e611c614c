"""The About dialog: PermitDesk's version and licence, and the licences of what it ships."""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from importlib import metadata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

import app
from app.ui.i18n import N_, _, translate_ui

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Component:
    """A third-party part of the application and the licence it comes under."""

    name: str
    distribution: str  # the package name for its version; empty when not a package
    licence: str  # msgid


COMPONENTS: tuple[Component, ...] = (
    Component(
        "Qt / PySide6", "PySide6-Essentials", N_("GNU Lesser General Public License, version 3")
    ),
    Component("ReportLab", "reportlab", N_("BSD licence")),
    Component("Babel", "Babel", N_("BSD licence")),
    Component("sqlite-utils", "sqlite-utils", N_("Apache License, version 2.0")),
    Component(
        "python-stdnum",
        "python-stdnum",
        N_("GNU Lesser General Public License, version 2.1 or later"),
    ),
    Component("PyKCS11", "PyKCS11", N_("GNU General Public License, version 2 or later")),
    # Both permissive, so compatible with PermitDesk's EUPL-1.2 (checked for issue 16).
    Component("anyascii", "anyascii", N_("ISC licence")),
    Component("defusedxml", "defusedxml", N_("Python Software Foundation License, version 2")),
    Component("DejaVu fonts", "", N_("Bitstream Vera and DejaVu fonts licence (free, permissive)")),
)


def _version_of(distribution: str) -> str:
    if not distribution:
        return ""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        logger.debug("No installed distribution %r", distribution)
        return ""


class AboutDialog(QDialog):
    """Version, purpose and licences, in the interface language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self._title = QLabel()
        self._title.setObjectName("about_title")
        self._body = QLabel()
        self._body.setObjectName("about_body")
        self._body.setWordWrap(True)
        self._body.setTextFormat(Qt.TextFormat.RichText)
        self._body.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self._body.setOpenExternalLinks(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addWidget(self._body)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        translate_ui(self)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("About PermitDesk"))
        self._title.setText(f"<h2>PermitDesk {html.escape(app.__version__)}</h2>")
        paragraphs = (
            _(
                "Single-permit renewals at the foreigners' counter of a Belgian commune: "
                "annexes 41, 49, 50 and 51."
            ),
            _("PermitDesk is free software, under the European Union Public Licence, version 1.2."),
        )
        body = [f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs]
        heading = html.escape(_("Included software and fonts"))
        body.append(f"<p><b>{heading}</b></p><table>")
        for component in COMPONENTS:
            name = html.escape(f"{component.name} {_version_of(component.distribution)}")
            licence = html.escape(_(component.licence))
            body.append(f"<tr><td>{name}</td><td>&nbsp;&nbsp;{licence}</td></tr>")
        body.append("</table>")
        self._body.setText("".join(body))
