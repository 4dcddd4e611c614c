"""The soak: the real counter window, in one process, driven far longer than any other test.

``python -m tests.soak.driver [--db PATH]`` (or run by path) starts the application as
``permitdesk-gui`` does (:func:`app.ui.launch.run_app`, the saved language, then
:func:`app.ui.startup.start_counter` on the database), offscreen, on a small demo
database without accounts (the first-administrator dialog is answered "Not now"), on the
fixed day 23 November 2026, and then, with Qt's events processed after every step:

1. ``--saves`` holder saves (2,000): the Today tab, Enter on a row of its lists, the phone
   retyped on the holder's page, Save; every save tells ``data_changed`` and the views
   (Today's lists, the holder's page, the session) refresh;
2. ``--switches`` live language switches (300) through the Language menu's actions,
   fr → nl → de → en → fr …, each retranslating the whole window;
3. ``--emissions`` emissions (100,000) of a Python ``Signal(int)`` to a Python slot
   (:func:`tests.soak.repro.emit_many`).

It prints ``soak: 2000 saves, 300 language switches, 100000 emissions in 41.3 s (…)`` and
exits 0; 1 when a step went wrong (an uncaught exception in a slot, a dialog that should
not be there, a save or a switch that did not happen). PySide6 6.12.0 on CPython 3.11
aborts long before the end (SIGABRT, ``Fatal Python error: bool_dealloc``).

Nothing of the user's is touched: the per-user settings (``QSettings``), the machine
configuration (``PERMITDESK_CONFIG``), the log file and the backups all go to a temporary
folder removed at the end; so does the database unless ``--db`` names one (a missing file
is built there as a demo of ``--persons`` holders; an existing one is used as it is). The
folder is made in ``/dev/shm`` when it is writable (``--scratch`` names another parent):
every save commits with fsync, which costs a few milliseconds a save on a real disk.
A process that aborts cannot remove its folder; the test gives it one it removes itself.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType

ROOT = Path(__file__).resolve().parents[2]
if not __package__:  # run by path: make ``app`` and ``tests.soak`` importable
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from babel.messages.mofile import write_mo  # noqa: E402
from babel.messages.pofile import read_po  # noqa: E402
from PySide6.QtCore import QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QAction  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit  # noqa: E402

from app.config import CONFIG_ENV  # noqa: E402
from app.domain.queues import Queue  # noqa: E402
from app.services.demo import build_demo  # noqa: E402
from app.ui import i18n  # noqa: E402
from app.ui.counter import Counter  # noqa: E402
from app.ui.launch import run_app  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.security.sign_in import FirstAdministratorDialog  # noqa: E402
from app.ui.startup import start_counter  # noqa: E402
from tests.soak.repro import emit_many  # noqa: E402

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
PERSONS = 80
SAVES = 2_000
SWITCHES = 300
EMISSIONS = 100_000
#: The languages in the order the switches go through them (the window starts in French).
CYCLE = ("nl", "de", "en", "fr")
#: Today's lists whose rows open a holder (the attestation list opens a file instead).
HOLDER_LISTS = ("due", "soon", "expired", "suspended")
WATCHDOG_MS = 250
#: Memory-backed, where fsync costs nothing: the soak measures the interface, not the disk.
FAST_TEMPORARY = Path("/dev/shm")


class SoakFailure(AssertionError):
    """The window did not do what the clerk asked."""


@dataclass
class Soak:
    """The window under test and what the soak saw."""

    window: MainWindow
    options: argparse.Namespace
    errors: list[str] = field(default_factory=list)
    saves: int = 0
    switches: int = 0
    emissions: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    data_changed: int = 0
    finished: bool = False

    @property
    def counter(self) -> Counter:
        found = self.window.findChild(Counter, "counter")
        if found is None:
            raise SoakFailure("the counter's views were not built")
        return found

    def fail_fast(self) -> None:
        if self.errors:
            raise SoakFailure(self.errors[0])

    # -- the three steps ----------------------------------------------------------------

    def run(self) -> None:
        """The whole soak, inside the application's event loop; then quit."""
        started = time.perf_counter()
        try:
            self._dismiss_first_administrator()
            self._timed("saves", self.save_holders)
            self._timed("switches", self.switch_languages)
            self._timed("emissions", self.emit_signals)
        except Exception as error:
            self.errors.append(f"{type(error).__name__}: {error}\n{traceback.format_exc()}")
        self.timings["soak"] = time.perf_counter() - started
        self.finished = True
        self.window.close()  # what File > Quit does; also stops the card reader
        QApplication.exit(0)

    def save_holders(self) -> None:
        counter = self.counter
        page, today = counter.holder, counter.today
        counter.ctx.data_changed.connect(self._on_data_changed)
        positions = self._holder_rows()
        phone = page.form.findChild(QLineEdit, "phone")
        if phone is None:
            raise SoakFailure("the holder's page has no phone field")
        typed = ""
        for number in range(self.options.saves):
            self.window.show_view(today)  # the clerk goes back to the Today tab
            name, row = positions[number % len(positions)]
            today.show_queue(Queue(name))
            table = today.table
            counts = today.counts
            wanted = table.rows_model().row_at(row).holder_id
            table.setCurrentIndex(table.rows_model().index(row, 0))
            QTest.keyClick(table, Qt.Key.Key_Return)  # Enter opens the holder's page
            if page.holder is None or page.holder.id != wanted:
                raise SoakFailure(f"save {number + 1}: Enter did not open holder {wanted}")
            typed = f"+32 470 {number:02d} {wanted:04d}"
            phone.selectAll()
            QTest.keyClick(phone, Qt.Key.Key_Delete)
            QTest.keyClicks(phone, typed)
            if not page.save_button.isEnabled():
                raise SoakFailure(f"save {number + 1}: Save is disabled ({page.form.errors()})")
            before = self.data_changed
            page.save_button.click()
            QApplication.processEvents()
            self.fail_fast()
            if self.data_changed != before + 1:
                raise SoakFailure(f"save {number + 1}: data_changed was not emitted")
            if today.counts is counts:
                raise SoakFailure(f"save {number + 1}: the Today list did not refresh")
            if page.is_modified():
                raise SoakFailure(f"save {number + 1}: the page still shows unsaved changes")
            self.saves += 1
        if self.options.saves:
            page.reload()  # read again from the database
            if phone.text() != typed:
                raise SoakFailure(f"the last phone saved reads {phone.text()!r}, not {typed!r}")
        counter.ctx.data_changed.disconnect(self._on_data_changed)

    def switch_languages(self) -> None:
        translator = i18n.get_translator()
        self.window.show_view(self.counter.today)
        title = self.window.windowTitle()
        for number in range(self.options.switches):
            code = CYCLE[number % len(CYCLE)]
            action = self.window.findChild(QAction, f"language_{code}")
            if action is None:
                raise SoakFailure(f"no Language menu entry for {code}")
            action.trigger()
            QApplication.processEvents()
            self.fail_fast()
            if translator.language != code or not action.isChecked():
                raise SoakFailure(f"switch {number + 1}: the window is not in {code}")
            if self.window.windowTitle() == title:
                raise SoakFailure(f"switch {number + 1} to {code}: the title was not translated")
            title = self.window.windowTitle()
            self.switches += 1

    def emit_signals(self) -> None:
        self.emissions = emit_many(self.options.emissions)
        QApplication.processEvents()
        self.fail_fast()

    # -- helpers ------------------------------------------------------------------------

    def _timed(self, name: str, step: Callable[[], None]) -> None:
        started = time.perf_counter()
        step()
        self.timings[name] = time.perf_counter() - started

    def _on_data_changed(self, _entity: str, _entity_id: int) -> None:
        self.data_changed += 1

    def _dismiss_first_administrator(self) -> None:
        """No accounts: the counter asks for a first administrator; the clerk says Not now."""
        QApplication.processEvents()
        dialog = self.window.findChild(FirstAdministratorDialog)
        if dialog is not None and dialog.isVisible():
            dialog.later_button.click()
            QApplication.processEvents()
        if self.window.covered:
            raise SoakFailure("the views are covered (a lock, sign-in or recovery screen)")

    def _holder_rows(self) -> list[tuple[str, int]]:
        """(list, row) of every row of Today's lists that opens a holder."""
        today = self.counter.today
        positions = []
        for name in HOLDER_LISTS:
            today.show_queue(Queue(name))
            model = today.model
            positions += [
                (name, row)
                for row in range(model.rowCount())
                if model.row_at(row).document_number is None
            ]
        if not positions:
            raise SoakFailure("Today's lists are empty: give the demo more --persons")
        return positions

    def watch_dialogs(self) -> None:
        """A message box or dialog on screen during the soak is a failure: note its text
        and close it, so that the soak fails instead of waiting for a clerk."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                if isinstance(widget, FirstAdministratorDialog) and not self.saves:
                    continue
                text = getattr(widget, "text", lambda: "")()
                self.errors.append(f"unexpected dialog {type(widget).__name__}: {text}")
                widget.reject()

    def excepthook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        """An exception nobody caught in a slot: the soak fails (no message box)."""
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        print(text, file=sys.stderr, flush=True)
        self.errors.append(f"uncaught {exc_type.__name__}: {exc}")

    def figures(self, total: float) -> str:
        steps = ", ".join(
            f"{name} {self.timings[name]:.1f} s"
            for name in ("saves", "switches", "emissions")
            if name in self.timings
        )
        return (
            f"soak: {self.saves} saves, {self.switches} language switches, "
            f"{self.emissions} emissions in {total:.1f} s ({steps})"
        )


def isolate(folder: Path) -> None:
    """Per-user settings, machine configuration, log and backups into ``folder``."""
    settings = folder / "settings"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings))
    config = folder / "config" / "permitdesk.toml"
    config.parent.mkdir(parents=True)
    values = {
        "backups": folder / "backups",
        "log_folder": folder / "logs",
        "default_language": "fr",
    }
    # JSON strings are TOML basic strings (same escapes).
    config.write_text(
        "".join(f"{key} = {json.dumps(str(value))}\n" for key, value in values.items()),
        encoding="utf-8",
    )
    os.environ[CONFIG_ENV] = str(config)


def compile_catalogs(folder: Path) -> Path:
    """The checkout's ``.po`` catalogs compiled into ``folder`` (no stale ``.mo``)."""
    for code in i18n.LANGUAGES:
        source = i18n.DEFAULT_DIRECTORY / code / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
        with source.open("rb") as po:
            catalog = read_po(po, locale=code)
        target = folder / code / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
        target.parent.mkdir(parents=True)
        with target.open("wb") as mo:
            write_mo(mo, catalog)
    return folder


def scratch_parent() -> Path | None:
    """Where the temporary folder goes by default: memory when the system has it (a
    process that aborts leaves its folder there), else the system's temporary folder."""
    if FAST_TEMPORARY.is_dir() and os.access(FAST_TEMPORARY, os.W_OK | os.X_OK):
        return FAST_TEMPORARY
    return None


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.soak.driver",
        description="Drive the real counter window through saves, language switches and "
        "signal emissions in one process.",
    )
    parser.add_argument(
        "--db",
        type=Path,
        help="the database (built as a demo when missing; default: a temporary one)",
    )
    parser.add_argument("--persons", type=int, default=PERSONS, help="holders of a new demo")
    parser.add_argument(
        "--scratch",
        type=Path,
        default=scratch_parent(),
        help=f"where the temporary folder goes (default: {FAST_TEMPORARY} when writable)",
    )
    parser.add_argument("--saves", type=int, default=SAVES, metavar="N")
    parser.add_argument("--switches", type=int, default=SWITCHES, metavar="N")
    parser.add_argument("--emissions", type=int, default=EMISSIONS, metavar="N")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    options = parse(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="permitdesk-soak-", dir=options.scratch) as scratch:
        folder = Path(scratch)
        isolate(folder)
        i18n.use_translator(i18n.Translator(compile_catalogs(folder / "translations")))
        path: Path = options.db or folder / "soak.sqlite"
        if not path.exists():
            build_demo(path, options.persons, seed=1, today=TODAY)
        soaks: list[Soak] = []

        def build_views(window: MainWindow) -> None:
            """What ``permitdesk-gui --db PATH`` adds to the window, on the fixed day."""
            soak = Soak(window, options)
            soaks.append(soak)
            sys.excepthook = soak.excepthook  # no message box; run_app puts the old one back
            start_counter(window, path, clock=lambda: TODAY, now=lambda: NOW)
            watchdog = QTimer(window)
            watchdog.timeout.connect(soak.watch_dialogs)
            watchdog.start(WATCHDOG_MS)
            QTimer.singleShot(0, soak.run)

        code = run_app(build_views, ["permitdesk-soak"])
        total = time.perf_counter() - started
    if not soaks or not soaks[0].finished:
        print(f"soak: the soak did not run (exit code {code})", file=sys.stderr)
        return 1
    soak = soaks[0]
    print(soak.figures(total), flush=True)
    if soak.errors or code != 0:
        for error in soak.errors:
            print(f"soak: FAILED: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
