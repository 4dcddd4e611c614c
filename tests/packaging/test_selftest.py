"""``permitdesk --self-test`` in-process, on a copy of the data folders with catalogues
compiled from this checkout's ``.po`` files (so a stale ``make translations`` cannot fail it)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from PySide6.QtWidgets import QApplication

from app import selftest
from app.cli import main

CHECKOUT = Path(__file__).resolve().parents[2]
CHECKS = (
    "version",
    "data files",
    "qt",
    "languages",
    "database",
    "main window",
    "annex 41",
    "annex 49",
    "annex 50",
    "annex 51",
    "close",
)


@pytest.fixture
def bundle_like_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A package root as the bundle lays it out, with freshly compiled catalogues;
    temporary files of the self-test go to this test's folder."""
    root = tmp_path / "root"
    root.mkdir()
    for name in ("forms", "resources"):
        (root / name).symlink_to(CHECKOUT / name)
    for po_file in CHECKOUT.glob("translations/*/LC_MESSAGES/permitdesk.po"):
        target = root / po_file.relative_to(CHECKOUT).with_suffix(".mo")
        target.parent.mkdir(parents=True)
        with po_file.open("rb") as source, target.open("wb") as out:
            write_mo(out, read_po(source, locale=po_file.parts[-3]))
    monkeypatch.setattr(selftest, "package_root", lambda: root)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    return root


def test_self_test_passes_and_prints_each_check(
    qapp: QApplication, bundle_like_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--self-test"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line[5:].split(":")[0] for line in lines[:-1]] == list(CHECKS)
    assert all(line.startswith("ok   ") for line in lines[:-1])
    assert lines[-1].startswith("self-test passed")
    assert "annex 51: 2 document(s)" in "\n".join(lines)
    assert list((bundle_like_root.parent / "tmp").iterdir()) == []


def test_self_test_fails_with_the_reason(
    qapp: QApplication,
    bundle_like_root: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(selftest, "pdf_page_count", lambda pdf: 2)
    assert main(["--self-test"]) == 1
    out = capsys.readouterr().out
    assert "FAIL annex 49: AssertionError: " in out
    assert "2 pages, expected one" in out
    failed = "self-test FAILED: annex 41, annex 49, annex 50, annex 51"
    assert out.splitlines()[-1].startswith(failed)


def test_missing_catalogues_are_reported(
    qapp: QApplication, bundle_like_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (bundle_like_root / "translations" / "nl" / "LC_MESSAGES" / "permitdesk.mo").unlink()
    assert main(["--self-test"]) == 1
    out = capsys.readouterr().out
    assert "FAIL data files: FileNotFoundError: compiled catalogs missing" in out


def test_offscreen_without_a_display(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(selftest.sys, "platform", "linux")
    assert selftest.choose_platform() == "offscreen"
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert selftest.choose_platform() == "xcb"


def test_missing_xcb_libraries_fail_the_self_test_and_the_rest_runs_offscreen(
    qapp: QApplication,
    bundle_like_root: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """With a display (Qt about to start xcb), a missing library is a failed check naming
    it and its package; the other checks still run, offscreen, instead of Qt aborting."""
    from app.ui import platform_check

    missing = platform_check.PlatformCheck(
        checked=True,
        plugin=Path("/qt/plugins/platforms/libqxcb.so"),
        missing=("libxcb-cursor.so.0", "libxcb-keysyms.so.1"),
        display=":0",
    )
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(selftest, "_xcb_in_use", lambda: True)
    monkeypatch.setattr(platform_check, "check_platform", lambda: missing)
    assert main(["--self-test"]) == 1
    lines = capsys.readouterr().out.splitlines()
    names = [line[5:].split(":")[0] for line in lines[:-1]]
    assert names == [*CHECKS[:2], "xcb platform", *CHECKS[2:]]
    assert lines[2] == (
        "FAIL xcb platform: PlatformUnavailable: libxcb-cursor.so.0, libxcb-keysyms.so.1 "
        "cannot be loaded by /qt/plugins/platforms/libqxcb.so; "
        "sudo apt-get install libxcb-cursor0 libxcb-keysyms1; the other checks run offscreen"
    )
    assert all(line.startswith("ok   ") for line in lines[:2] + lines[3:-1])
    assert lines[-1].startswith("self-test FAILED: xcb platform (")
    assert selftest.os.environ["QT_QPA_PLATFORM"] == "offscreen"


def test_no_xcb_check_once_qt_has_its_platform(qapp: QApplication) -> None:
    """In-process (a QApplication already there) the platform is chosen: nothing to check."""
    assert not selftest._xcb_in_use()
