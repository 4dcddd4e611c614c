"""``permitdesk --self-test``: prove that this installation (source or bundle) really runs.

On a fresh temporary database (a demo commune with 50 holders), it opens the main window
(offscreen when there is no display; on Linux with a ``DISPLAY`` it first checks that Qt's
xcb platform loads and starts, and if not runs the rest offscreen and fails), builds the
counter's views when they exist, issues one annex of each kind (41, 49, 50, 51) through
the services, checks each is a one-page PDF that Qt's own PDF module opens, closes
everything and removes the temporary folder.
One line per check; exit 0 when every check passed, 1 otherwise. The clerk's settings,
database and logs are never touched.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from app.paths import package_root

if TYPE_CHECKING:
    from app.domain.model import RenewalFile
    from app.services.desk import Desk
    from app.ui.main_window import MainWindow

log = logging.getLogger(__name__)

DEMO_PERSONS = 50
LANGUAGES = ("fr", "nl", "de")
XCB_CHECK = "xcb platform"
XCB_START_TIMEOUT = 60.0
# Run by this Python (never in the bundle) to start the xcb platform apart: where Qt
# aborts, only that process dies, and its last words say why.
XCB_START = (
    "from PySide6.QtGui import QGuiApplication\n"
    "app = QGuiApplication(['permitdesk-selftest'])\n"
    "size = app.primaryScreen().size()\n"
    "print(app.platformName(), f'{size.width()}x{size.height()}')\n"
)


@dataclass
class Report:
    """The lines printed so far and whether any check failed."""

    out: TextIO
    failures: list[str] = field(default_factory=list)

    def check(self, name: str, run: Callable[[], str]) -> bool:
        started = time.perf_counter()
        try:
            detail = run()
        except Exception as error:  # a self-test reports, it does not crash
            log.debug("self-test check %s failed", name, exc_info=True)
            self.failures.append(name)
            print(f"FAIL {name}: {type(error).__name__}: {error}", file=self.out, flush=True)
            return False
        elapsed = time.perf_counter() - started
        print(f"ok   {name}: {detail} ({elapsed:.2f} s)", file=self.out, flush=True)
        return True


def choose_platform() -> str:
    """Use Qt's offscreen platform when there is no display to draw on."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return os.environ["QT_QPA_PLATFORM"]
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return "offscreen"
    return "default"


def run_self_test(out: TextIO | None = None) -> int:
    """Run every check, printing one line each to ``out``; 0 if all passed, else 1."""
    report = Report(out if out is not None else sys.stdout)
    started = time.perf_counter()
    choose_platform()
    with tempfile.TemporaryDirectory(prefix="permitdesk-selftest-") as folder:
        _run_checks(report, Path(folder))
    total = time.perf_counter() - started
    if report.failures:
        print(f"self-test FAILED: {', '.join(report.failures)} ({total:.1f} s)", file=report.out)
        return 1
    print(f"self-test passed ({total:.1f} s)", file=report.out)
    return 0


def _run_checks(report: Report, folder: Path) -> None:
    from app import __version__

    state: dict[str, Any] = {}
    report.check("version", lambda: f"PermitDesk {__version__}, Python {sys.version.split()[0]}")
    report.check("data files", _check_data_files)
    if _xcb_in_use() and not report.check(XCB_CHECK, _check_xcb):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # the other checks still run
    if not report.check("qt", lambda: _start_qt(state)):
        return
    report.check("languages", _check_languages)
    with _scratch_settings(folder / "settings"), _scratch_configuration(folder):
        database = folder / "permitdesk.sqlite"
        if not report.check("database", lambda: _build_database(database)):
            return
        from app.services.desk import Desk

        with Desk.open(database, user="selftest") as desk:
            state["desk"] = desk
            try:
                report.check("main window", lambda: _open_window(state))
                files = _annex_files(desk)
                for annex, make in files.items():
                    report.check(f"annex {annex}", partial(_issue, desk, annex, make))
            finally:
                report.check("close", lambda: _close(state))


def _check_data_files() -> str:
    root = package_root()
    forms = sorted((root / "forms").glob("annex-*.toml"))
    if len(forms) < 4:
        raise FileNotFoundError(f"annex forms missing in {root / 'forms'}")
    translations = root / "translations"
    catalogs = [translations / code / "LC_MESSAGES" / "permitdesk.mo" for code in LANGUAGES]
    missing = [str(path) for path in catalogs if not path.is_file()]
    if missing:
        raise FileNotFoundError(f"compiled catalogs missing: {', '.join(missing)}")
    fonts = sorted((root / "resources" / "fonts").glob("*.ttf"))
    if not fonts:
        raise FileNotFoundError(f"no fonts in {root / 'resources' / 'fonts'}")
    return f"{len(forms)} annex forms, catalogs fr/nl/de, {len(fonts)} fonts in {root}"


def _check_languages() -> str:
    """Babel's locale data (trimmed in the bundle) and the interface catalogues."""
    from app.documents.locale_format import country_name, long_date
    from app.ui.i18n import Translator

    translator = Translator(package_root() / "translations")
    samples = []
    for code in LANGUAGES:
        translator.set_language(code)
        if translator.gettext("Foreigners' desk") == "Foreigners' desk":
            raise LookupError(f"the {code} interface catalogue is not loaded")
        samples.append(f"{long_date(date(2026, 3, 1), code)} / {country_name('MA', code)}")
    return "; ".join(samples)


def _xcb_in_use() -> bool:
    """Whether Qt is about to start the xcb platform (Linux, a ``DISPLAY``, no other
    platform forced), and no QApplication has chosen its platform yet."""
    from PySide6.QtWidgets import QApplication

    from app.ui.platform_check import find_xcb_plugin, wayland_plugin_beside, xcb_will_be_used

    if QApplication.instance() is not None:
        return False
    return xcb_will_be_used(wayland_plugin=wayland_plugin_beside(find_xcb_plugin()))


def _check_xcb() -> str:
    """Qt's xcb plugin: no library missing, the plugin loads, the display answers, and
    (from a source installation) the platform starts in a separate process."""
    from PySide6.QtCore import QPluginLoader

    from app.paths import is_frozen
    from app.ui.platform_check import PlatformUnavailable, check_platform, summary

    result = check_platform()
    if not result.checked or result.plugin is None:
        raise PlatformUnavailable(f"not checked: {result.reason}")
    if not result.ok:
        raise PlatformUnavailable(f"{summary(result)}; the other checks run offscreen")
    loader = QPluginLoader(str(result.plugin))
    if not loader.load():
        raise PlatformUnavailable(f"{loader.errorString()}; the other checks run offscreen")
    started = "" if is_frozen() else f", started: {_start_xcb_apart()}"
    return f"{summary(result)}{started}"


def _start_xcb_apart() -> str:
    """Start a QGuiApplication on the xcb platform in a child Python; what it printed."""
    from app.ui.platform_check import PlatformUnavailable

    environment = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    try:
        done = subprocess.run(
            [sys.executable, "-c", XCB_START],
            capture_output=True,
            text=True,
            timeout=XCB_START_TIMEOUT,
            env=environment,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise PlatformUnavailable(
            f"Qt's xcb platform did not start in {error.timeout:.0f} s; "
            "the other checks run offscreen"
        ) from None
    if done.returncode != 0:
        said = [line.strip() for line in done.stderr.splitlines() if line.strip()]
        words = "; ".join(said[:3]) or "no message"
        raise PlatformUnavailable(
            f"Qt's xcb platform did not start (exit {done.returncode}): {words}; "
            "the other checks run offscreen"
        )
    return done.stdout.strip()


def _start_qt(state: dict[str, Any]) -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    application = existing if isinstance(existing, QApplication) else QApplication(["permitdesk"])
    state["app"] = application
    return f"Qt {pyside_version}, platform {application.platformName()}"


@contextmanager
def _scratch_settings(folder: Path) -> Iterator[None]:
    """Point the per-user INI settings at ``folder`` for the test, then back."""
    from PySide6.QtCore import QSettings

    ini, user = QSettings.Format.IniFormat, QSettings.Scope.UserScope
    usual = Path(QSettings(ini, user, "x", "y").fileName()).parent.parent
    QSettings.setPath(ini, user, str(folder))
    try:
        yield
    finally:
        QSettings.setPath(ini, user, str(usual))


@contextmanager
def _scratch_configuration(folder: Path) -> Iterator[None]:
    """A machine configuration of the test's own (none, so defaults), so that its audit key
    is made in ``folder``: the self-test never creates or reads the installation's key."""
    from app.config import CONFIG_ENV

    usual = os.environ.get(CONFIG_ENV)
    os.environ[CONFIG_ENV] = str(folder / "permitdesk.toml")
    try:
        yield
    finally:
        if usual is None:
            del os.environ[CONFIG_ENV]
        else:
            os.environ[CONFIG_ENV] = usual


def _build_database(path: Path) -> str:
    from app.services.demo import build_demo

    count = build_demo(path, DEMO_PERSONS, seed=1, today=date.today())
    return f"{count} holders in a demo commune, {path.stat().st_size // 1024} kB"


def _open_window(state: dict[str, Any]) -> str:
    from app.ui.main_window import MainWindow
    from app.ui.settings import Settings

    desk: Desk = state["desk"]
    window = MainWindow(Settings())
    state["window"] = window
    window.set_commune_name(desk.commune().name)
    views = _build_counter(window, desk)
    window.show()
    state["app"].processEvents()
    if not window.isVisible():
        raise RuntimeError("the main window did not show")
    return views


def _build_counter(window: MainWindow, desk: Desk) -> str:
    """Add the counter's views (``app.ui.counter.build_counter``) to ``window``."""
    from app.ui.counter import build_counter

    build_counter(window, desk)
    return "counter views built"


def _annex_files(desk: Desk) -> dict[str, Callable[[], RenewalFile]]:
    """One renewal file per annex, on demo holders, as RULES.md grants it today."""
    from app.domain.model import Case, FamilyMember, LabourMarket, Permit, RenewalFile

    today = desk.today()
    store = desk.store
    holders = iter(range(1, DEMO_PERSONS + 1))

    def file(case: Case, expiry: date, market: LabourMarket, **facts: Any) -> RenewalFile:
        holder = store.get_holder(next(holders))
        holder = store.save_holder(
            replace(holder, hospitalised=False, detained=False, travelling=False)
        )
        assert holder.id is not None
        card = f"S{holder.id:09d}"
        permit = store.save_permit(Permit(holder.id, card, expiry, market))
        opened = facts.get("renewal_filed_on") or today
        return store.save_file(
            RenewalFile(
                holder_id=holder.id, permit_id=permit.id, case=case, opened_on=opened, **facts
            )
        )

    def annex_51() -> RenewalFile:
        ended = today - timedelta(days=30)
        first = file(
            Case.WORK_AUTHORISATION_ENDED,
            today + timedelta(days=20),
            LabourMarket.LIMITED,
            work_authorisation_ended_on=ended,
        )
        holder = store.get_holder(first.holder_id)
        member = store.save_family_member(
            FamilyMember(
                surname=holder.surname,
                given_names="Selftest",
                birth_date=date(2015, 3, 4),
                nationality=holder.nationality,
                holder_id=holder.id,
                relationship="child",
            )
        )
        assert member.id is not None
        return store.save_file(replace(first, family_member_ids=(member.id,)))

    unlimited = (Case.UNLIMITED_RENEWAL, today + timedelta(days=20), LabourMarket.UNLIMITED)
    return {
        "41": lambda: file(*unlimited, missing_documents=("passport",)),
        "49": lambda: file(
            Case.LIMITED_RENEWAL,
            today - timedelta(days=3),
            LabourMarket.LIMITED,
            renewal_filed_on=today - timedelta(days=40),
            regional_attestation=True,
        ),
        "50": lambda: file(*unlimited),
        "51": annex_51,
    }


def _issue(desk: Desk, annex: str, make: Callable[[], RenewalFile]) -> str:
    from app.domain.model import Language
    from app.services.issuing import issue_annex

    documents = issue_annex(desk, make().id, Language.FR)  # type: ignore[arg-type]
    kinds = {document.annex.value for document in documents}
    if kinds != {annex}:
        raise AssertionError(f"expected annex {annex}, the rules gave {sorted(kinds)}")
    details = []
    for document in documents:
        pdf = desk.register.pdf(document.id)  # type: ignore[arg-type]
        pages = pdf_page_count(pdf)
        if pages != 1:
            raise AssertionError(f"{document.number}: {pages} pages, expected one")
        details.append(f"{document.number} {len(pdf) // 1024} kB")
    return f"{len(documents)} document(s), one page each: {', '.join(details)}"


def pdf_page_count(pdf: bytes) -> int:
    """Pages of a PDF as Qt's PDF module (the one of the preview) reads them."""
    from PySide6.QtPdf import QPdfDocument

    with tempfile.TemporaryDirectory(prefix="permitdesk-pdf-") as folder:
        path = Path(folder) / "annex.pdf"
        path.write_bytes(pdf)
        document = QPdfDocument()
        error = document.load(str(path))
        if error != QPdfDocument.Error.None_:
            raise ValueError(f"Qt cannot open the PDF: {error.name}")
        count = document.pageCount()
        document.close()
        return count


def _close(state: dict[str, Any]) -> str:
    window = state.pop("window", None)
    if window is None:
        return "nothing to close"
    window.close()
    window.deleteLater()
    state["app"].processEvents()
    return "main window closed"
