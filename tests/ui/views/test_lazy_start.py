"""The start does no work for what is not in front (issue 14, point 1): the transmissions
tab is built when the clerk first opens it, and the modules that bring the PDF libraries,
the file screens, the card dialogs and middleware, the import and the settings dialog are
not imported before the window is shown."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.ui.counter import Counter
from app.ui.transmissions import TransmissionsView

ROOT = Path(__file__).resolve().parents[3]

#: What the start must not import: each is imported when first used.
LATER = (
    "reportlab",
    "pypdf",
    "PySide6.QtPdf",
    "app.ui.file_actions",
    "app.ui.transmissions",
    "app.ui.card.dialogs",
    "app.ui.views.import_csv",
    "app.ui.views.settings_dialog",
    "PyKCS11",
)


def test_the_transmissions_tab_is_built_when_first_shown(qtbot: QtBot, counter: Counter) -> None:
    window = counter.window
    window.show()
    qtbot.waitExposed(window)
    assert counter.transmissions.view is None
    assert window.findChild(TransmissionsView) is None

    window.show_view(counter.transmissions)

    view = counter.transmissions.view
    assert isinstance(view, TransmissionsView)
    assert view.isVisible()
    assert window.findChildren(TransmissionsView) == [view]
    window.show_view(counter.today)
    window.show_view(counter.transmissions)
    assert window.findChildren(TransmissionsView) == [view]  # built once


def test_the_start_imports_nothing_it_does_not_show() -> None:
    script = (
        "import sys\n"
        "import app.ui.launch, app.ui.startup\n"
        f"print(' '.join(name for name in {LATER!r} if name in sys.modules))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert found.stdout.split() == []
