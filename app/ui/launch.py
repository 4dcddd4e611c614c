"""Start the desktop application: logging, QApplication, saved language, main window.

:func:`run_app` is what other entry points call with a function that adds their views
to the shell; :func:`main` is the ``permitdesk-gui`` script. On Linux, before the
QApplication exists, :mod:`app.ui.platform_check` makes sure Qt's xcb platform can
start: when a library is missing (or the display cannot be reached) it prints what to
install and returns :data:`EXIT_NO_WINDOW`, where Qt would abort the process (134).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from functools import partial
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel

import app
from app.config import (
    Database,
    PasswordInTarget,
    current_config,
    database_target,
    is_server_target,
)
from app.services.desk import register_name
from app.ui.i18n import _, get_translator, translate_ui
from app.ui.main_window import APPLICATION_NAME, MainWindow
from app.ui.messages import install_excepthook
from app.ui.platform_check import check_platform, describe
from app.ui.rights.roles import install_refusal_hook
from app.ui.settings import APPLICATION, ORGANISATION, Settings
from app.ui.startup import start_counter

logger = logging.getLogger(__name__)

ICON = Path(__file__).resolve().parents[2] / "resources" / "icons" / "permitdesk.png"
LOG_FILE_NAME = "permitdesk.log"
EXIT_NO_WINDOW = 1

BuildViews = Callable[[MainWindow], None]


def log_directory() -> Path:
    """The user's data folder for PermitDesk, where the log file goes."""
    return current_config().log_folder or Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    )


def _add_log_file(directory: Path) -> RotatingFileHandler:
    directory.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(
        directory / LOG_FILE_NAME, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.getEffectiveLevel() > logging.INFO:
        root.setLevel(logging.INFO)
    return handler


def _application(argv: Sequence[str]) -> QApplication:
    existing = QApplication.instance()
    application = existing if isinstance(existing, QApplication) else QApplication(list(argv))
    application.setOrganizationName(ORGANISATION)
    application.setApplicationName(APPLICATION)
    application.setApplicationVersion(app.__version__)
    if ICON.is_file():
        application.setWindowIcon(QIcon(str(ICON)))
    return application


def platform_refusal(argv: Sequence[str]) -> str:
    """Why Qt's platform cannot start, in lines for the terminal; "" when it can, when
    it is not the xcb platform (the one checked), or when a QApplication already runs.
    A check that itself fails never keeps the window closed."""
    if QApplication.instance() is not None:
        return ""
    try:
        return describe(check_platform(argv[1:]))
    except Exception:  # Qt then starts, or explains, by itself
        logger.debug("the platform check failed", exc_info=True)
        return ""


def run_app(build_views: BuildViews | None = None, argv: Sequence[str] | None = None) -> int:
    """Open the main window, let ``build_views`` add the views, run until the clerk quits.

    Returns :data:`EXIT_NO_WINDOW` after printing why when the window cannot open."""
    arguments = sys.argv if argv is None else argv
    refusal = platform_refusal(arguments)
    if refusal:
        print(refusal, file=sys.stderr)
        return EXIT_NO_WINDOW
    application = _application(arguments)
    handler = _add_log_file(log_directory())
    log_file = Path(handler.baseFilename)
    previous_hook = install_excepthook(log_file)
    install_refusal_hook()
    try:
        logger.info("%s %s starting", APPLICATION_NAME, app.__version__)
        settings = Settings()
        get_translator().set_language(settings.language)
        window = MainWindow(settings)
        if build_views is not None:
            build_views(window)
        window.show()
        return application.exec()
    finally:
        sys.excepthook = previous_hook
        logging.getLogger().removeHandler(handler)
        handler.close()


class _DatabaseLabel(QLabel):
    """The status-bar note naming the database the counter works on; for a register on
    a server, that it is there, and backed up there (no daily backup on this computer)."""

    def __init__(self, path: Database) -> None:
        super().__init__()
        self.setObjectName("database_label")
        self._path = path
        translate_ui(self)

    def retranslate_ui(self) -> None:
        if is_server_target(self._path):
            self.setText(
                _("Register on the server {server} (backed up there by its administrator)").format(
                    server=register_name(self._path)
                )
            )
        else:
            self.setText(_("Database: {path}").format(path=self._path))


def _show_database(path: Database, window: MainWindow) -> None:
    """Name the database in the status bar, check it (a damaged one is offered its latest
    good backup), open it, add the counter's views and ask who works; a database that
    cannot be opened is explained in sentences over the empty window."""
    window.statusBar().addPermanentWidget(_DatabaseLabel(path))
    start_counter(window, path)


def main(argv: Sequence[str] | None = None) -> int:
    """The ``permitdesk-gui`` script: ``permitdesk-gui [--db PATH|TARGET] [Qt options]``
    (a file, or a register on a PostgreSQL server: ``postgresql://…``, ``service=…``)."""
    arguments = list(sys.argv if argv is None else argv)
    if arguments and arguments[0].startswith("-"):  # called as main(["--db", path])
        arguments = ["permitdesk-gui", *arguments]
    parser = argparse.ArgumentParser(prog="permitdesk-gui", description=app.__doc__)
    parser.add_argument(
        "--db", help="the counter's SQLite database, or its register on a PostgreSQL server"
    )
    options, qt_arguments = parser.parse_known_args(arguments[1:])
    build_views = None
    if options.db is not None:
        try:
            target = database_target(options.db)
        except PasswordInTarget as error:
            parser.error(str(error))
        build_views = partial(_show_database, target)
    program = arguments[:1] or ["permitdesk-gui"]
    return run_app(build_views, [*program, *qt_arguments])


if __name__ == "__main__":
    raise SystemExit(main())
