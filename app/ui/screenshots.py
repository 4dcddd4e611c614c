"""Pictures of the counter's main screens for the documentation: ``python -m
app.ui.screenshots OUTDIR [--lang fr]`` builds a demo database in a temporary folder,
opens the window offscreen at 1280×800 and saves ``today.png``, ``search.png``,
``holder.png`` and ``settings.png``."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

logger = logging.getLogger(__name__)

TODAY = date(2026, 11, 23)
SIZE = (1280, 800)
PERSONS = 2000


def take(outdir: Path, language: str = "fr", persons: int = PERSONS) -> list[Path]:
    """Write the four pictures into ``outdir``; returns their paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QWidget

    from app.domain.queues import Queue
    from app.services.demo import build_demo
    from app.services.desk import Desk
    from app.ui.counter import Counter, build_counter
    from app.ui.i18n import get_translator
    from app.ui.main_window import MainWindow
    from app.ui.settings import Settings
    from app.ui.views.settings_dialog import SettingsDialog

    application = QApplication.instance() or QApplication([sys.argv[0], "-style", "fusion"])
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as folder:
        # The clerk's own settings stay untouched: QSettings go to the temporary folder.
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        database = Path(folder) / "demo.sqlite"
        build_demo(database, persons=persons, seed=1, today=TODAY)
        get_translator().set_language(language)
        with Desk.open(database, user="demo", clock=lambda: TODAY) as desk:
            window = MainWindow(Settings())
            window.resize(*SIZE)
            ctx = build_counter(window, desk)
            counter = window.findChild(Counter, "counter")
            if counter is None:
                raise RuntimeError("build_counter() put no counter in the window")
            window.show()

            def save(widget: QWidget, name: str) -> None:
                for _ in range(3):
                    application.processEvents()
                path = outdir / name
                widget.grab().save(str(path))
                written.append(path)
                logger.info("wrote %s", path)

            save(window, "today.png")
            counter.find()
            counter.search.field.setText("cakir")
            counter.search.run_search()
            save(window, "search.png")
            # A holder with a renewal file and an issued attestation shows every list.
            counter.today.show_queue(Queue.ATTESTATIONS_ENDING)
            attestation = counter.today.model.row_at(0)
            counter.open_holder(attestation.holder_id)
            save(window, "holder.png")
            dialog = SettingsDialog(ctx, window)
            dialog.show()
            save(dialog, "settings.png")
            dialog.close()
            window.close()
            window.deleteLater()
            application.processEvents()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.ui.screenshots", description=__doc__)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--lang", default="fr", choices=("fr", "nl", "de", "en"))
    parser.add_argument("--persons", type=int, default=PERSONS)
    options = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for path in take(options.outdir, options.lang, options.persons):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
