"""Qt's xcb platform checked before the window: missing libraries named with the
``apt-get install`` line that brings them, an unreachable display explained, and the
window refused with exit 1 instead of Qt's abort (134).

Real shared objects throughout: this machine's PySide6 plugin, probes built with ``gcc``
against a library deleted afterwards, and an ``Xvfb`` display when ``Xvfb`` is installed.
"""

from __future__ import annotations

import os
import re
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.ui import launch, platform_check
from app.ui.platform_check import (
    PlatformCheck,
    check_platform,
    debian_package,
    describe,
    display_error,
    find_xcb_plugin,
    missing_libraries,
    packages_for,
    plugin_missing_libraries,
    requested_platform,
    xcb_will_be_used,
)

ABSENT = "libpermitdesk_absent.so.1"
CHECKOUT = Path(__file__).resolve().parents[2]
XVFB_START_TIMEOUT = 20.0
CHILD_TIMEOUT = 120.0
# Variables that would make the child processes choose another platform than xcb.
OTHER_PLATFORMS = ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE")

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the xcb platform is Linux's"
)


def _unused_display() -> str:
    """A display number no X server uses on this machine (no socket, no lock file)."""
    for number in range(7357, 7457):
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and not Path(f"/tmp/.X{number}-lock").exists()
        ):
            return f":{number}"
    pytest.skip("no unused X display number between 7357 and 7456")


def _child_environment(display: str, tmp_path: Path) -> dict[str, str]:
    """This environment for a child process, on ``display``, with nothing forcing
    another platform and temporary files in ``tmp_path``."""
    environment = {name: value for name, value in os.environ.items() if name not in OTHER_PLATFORMS}
    environment["DISPLAY"] = display
    environment["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    environment["TMPDIR"] = str(tmp_path)
    return environment


# --- probes: real shared objects, one of whose libraries is gone ----------------------


@pytest.fixture(scope="module")
def probes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder laid out as PySide6's Qt one: ``lib/libprobe.so`` links libm and
    ``libpermitdesk_absent.so.1`` (built, then deleted); ``plugins/platforms/libqxcb.so``
    misses nothing itself but its ``lib/libQt6XcbQpa.so.6`` links the absent library."""
    gcc = shutil.which("gcc")
    if gcc is None:
        pytest.skip("gcc is not installed: the probe libraries cannot be built")
    root = tmp_path_factory.mktemp("probes")
    (root / "lib").mkdir()
    (root / "plugins" / "platforms").mkdir(parents=True)
    (root / "absent.c").write_text("int absent(void) { return 1; }\n")
    (root / "probe.c").write_text(
        "#include <math.h>\nint absent(void);\n"
        "double probe(double x) { return absent() + cos(x); }\n"
    )
    (root / "plugin.c").write_text("int plugin(void) { return 2; }\n")
    stub = root / ABSENT

    def build(*arguments: str) -> None:
        subprocess.run([gcc, "-shared", "-fPIC", *arguments], check=True, timeout=60)

    build(f"-Wl,-soname,{ABSENT}", "-o", str(stub), str(root / "absent.c"))
    link = [str(root / "probe.c"), f"-L{root}", f"-l:{ABSENT}", "-lm"]
    build("-o", str(root / "lib" / "libprobe.so"), *link)
    build("-o", str(root / "lib" / platform_check.XCB_QPA_LIBRARY), *link)
    build("-o", str(root / "plugins" / "platforms" / "libqxcb.so"), str(root / "plugin.c"))
    stub.unlink()
    return root


def test_the_absent_library_is_named_by_ldd(probes: Path) -> None:
    if platform_check._ldd() is None:
        pytest.skip("ldd is not installed")
    assert missing_libraries(probes / "lib" / "libprobe.so") == (ABSENT,)


def test_without_ldd_the_loader_names_it(probes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(platform_check, "_ldd", lambda: None)
    assert missing_libraries(probes / "lib" / "libprobe.so") == (ABSENT,)
    assert missing_libraries(probes / "lib" / "libprobe.so", use_ldd=False) == (ABSENT,)


def test_libqt6xcbqpa_is_checked_beside_the_plugin(probes: Path) -> None:
    plugin = probes / "plugins" / "platforms" / "libqxcb.so"
    assert missing_libraries(plugin) == ()
    assert plugin_missing_libraries(plugin) == (ABSENT,)
    result = check_platform(environ={"DISPLAY": ":0"}, plugin=plugin)
    assert (result.checked, result.missing, result.ok) == (True, (ABSENT,), False)
    message = describe(result)
    assert f"  {ABSENT}  (package unknown: apt-file search {ABSENT})" in message
    assert "apt-get" not in message  # no package PermitDesk knows would bring it


# --- this machine's PySide6 ---------------------------------------------------------


def test_the_real_xcb_plugin_misses_nothing_here() -> None:
    plugin = find_xcb_plugin()
    assert plugin is not None
    assert plugin.name == "libqxcb.so"
    assert plugin.parent.parent.parent.parent.name == "PySide6"
    assert plugin_missing_libraries(plugin) == ()
    result = check_platform(environ={"DISPLAY": ":0"}, connect=False)
    assert (result.checked, result.plugin, result.missing, result.ok) == (True, plugin, (), True)
    assert describe(result) == ""


# --- when the xcb platform is the one Qt starts ---------------------------------------


@pytest.mark.parametrize(
    ("arguments", "environ", "wayland_plugin", "expected"),
    [
        ([], {"DISPLAY": ":0"}, True, True),
        ([], {}, True, False),
        ([], {"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, True, False),
        ([], {"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, True, True),
        ([], {"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb:nograb"}, True, True),
        ([], {"DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland;xcb"}, True, False),
        ([], {"WAYLAND_DISPLAY": "wayland-0"}, True, False),
        ([], {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, True, False),
        ([], {"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"}, True, False),
        ([], {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, False, True),
        ([], {"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"}, True, True),
        (["-platform", "offscreen"], {"DISPLAY": ":0"}, True, False),
        (["-style", "fusion", "--platform", "xcb"], {"QT_QPA_PLATFORM": "offscreen"}, True, True),
    ],
    ids=[
        "display",
        "nothing",
        "offscreen",
        "xcb-forced",
        "xcb-with-options",
        "wayland-list",
        "wayland-only",
        "wayland-session",
        "wayland-session-type",
        "wayland-session-without-plugin",
        "x11-session",
        "platform-option",
        "platform-option-beats-environment",
    ],
)
def test_xcb_is_checked_only_when_qt_will_use_it(
    arguments: list[str],
    environ: dict[str, str],
    wayland_plugin: bool,
    expected: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(platform_check.sys, "platform", "linux")
    assert xcb_will_be_used(arguments, environ, wayland_plugin) is expected


def test_not_on_windows_or_macos(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("win32", "darwin"):
        monkeypatch.setattr(platform_check.sys, "platform", name)
        assert not xcb_will_be_used([], {"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"})
        assert not check_platform(environ={"DISPLAY": ":0"}).checked


def test_requested_platform() -> None:
    assert requested_platform([], {}) == ""
    assert requested_platform(["-platform"], {}) == ""  # no value: Qt ignores it too
    assert requested_platform(["-platform", "vnc:size=800x600"], {}) == "vnc"
    assert requested_platform([], {"QT_QPA_PLATFORM": " xcb ;offscreen"}) == "xcb"


def test_offscreen_skips_the_check_whatever_is_missing(probes: Path) -> None:
    plugin = probes / "plugins" / "platforms" / "libqxcb.so"
    result = check_platform(
        environ={"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, plugin=plugin
    )
    assert (result.checked, result.ok, describe(result)) == (False, True, "")


# --- packages and the message ----------------------------------------------------------


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
        ("libxcb-image.so.0", "libxcb-image0"),
        ("libxcb-randr.so.0", "libxcb-randr0"),
        ("libxcb-render-util.so.0", "libxcb-render-util0"),
        ("libxcb-shape.so.0", "libxcb-shape0"),
        ("libxcb-xinerama.so.0", "libxcb-xinerama0"),
        ("libxcb-xkb.so.1", "libxcb-xkb1"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libxkbcommon.so.0", "libxkbcommon0"),
        ("libEGL.so.1", "libegl1"),
        ("libGL.so.1", "libgl1"),
        ("libOpenGL.so.0", "libopengl0"),
        ("libfontconfig.so.1", "libfontconfig1"),
        ("libdbus-1.so.3", "libdbus-1-3"),
        ("libglib-2.0.so.0", "libglib2.0-0"),
        ("libgthread-2.0.so.0", "libglib2.0-0"),
        ("libpermitdesk_absent.so.1", None),
    ],
)
def test_debian_package(soname: str, package: str | None) -> None:
    assert debian_package(soname) == package


def test_every_system_library_of_the_real_plugin_has_its_package() -> None:
    """The X, keyboard, GL, font, D-Bus and GLib libraries the plugin loads (as ``ldd``
    resolves them here) are all ones whose Debian package PermitDesk can name."""
    plugin = find_xcb_plugin()
    ldd = platform_check._ldd()
    if plugin is None or ldd is None:
        pytest.skip("needs PySide6's xcb plugin and ldd")
    listing = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=30)
    families: tuple[str, ...] = ("libxcb", "libxkb", "libX11", "libGL", "libEGL", "libOpenGL")
    families += ("libfontconfig", "libdbus", "libglib", "libgthread")
    sonames = {
        line.split()[0]
        for line in listing.stdout.splitlines()
        if "=>" in line and line.split()[0].startswith(families)
    }
    assert {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"} <= sonames
    assert {name for name in sonames if debian_package(name) is None} == set()


# Libraries of the plugin that README's packages bring as their own dependencies on
# Debian 12 (libxcb-image0: util, shm; libxcb-cursor0: render; libegl1's Mesa: sync,
# xfixes; all of them: libxcb1; libgl1's GLX: the X11 ones).
PULLED_IN = {"libxcb1", "libxcb-util1", "libxcb-shm0", "libxcb-render0", "libxcb-sync1"}
PULLED_IN |= {"libxcb-xfixes0", "libx11-6", "libx11-xcb1", "libxau6", "libxdmcp6"}


def test_the_readme_install_line_brings_what_the_real_plugin_loads() -> None:
    """README's one ``apt-get install`` line names the package of each X, keyboard, GL,
    font, D-Bus and GLib library the plugin loads (or one that depends on it), and only
    packages this module knows."""
    plugin = find_xcb_plugin()
    ldd = platform_check._ldd()
    if plugin is None or ldd is None:
        pytest.skip("needs PySide6's xcb plugin and ldd")
    readme = (CHECKOUT / "README.md").read_text(encoding="utf-8")
    (line,) = [line for line in readme.splitlines() if line.startswith("sudo apt-get install ")]
    listed = set(line.split()[3:])
    listing = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=30)
    needed = set(packages_for(line.split()[0] for line in listing.stdout.splitlines()))
    families = ("libxcb", "libxkb", "libx11", "libegl", "libgl1", "libfontconfig", "libdbus")
    wanted = {package for package in needed if package.startswith((*families, "libglib"))}
    assert {"libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libegl1"} <= wanted
    assert wanted - PULLED_IN <= listed
    assert listed <= set(platform_check.DEBIAN_PACKAGES.values())


def test_packages_come_once_in_order_and_unknown_ones_are_left_out() -> None:
    sonames = ["libglib-2.0.so.0", "libxcb-cursor.so.0", "libfoo.so.9", "libgthread-2.0.so.0"]
    assert packages_for(sonames) == ("libglib2.0-0", "libxcb-cursor0")


def test_the_message_names_each_library_and_gives_one_install_line() -> None:
    missing = (
        "libxcb-cursor.so.0",
        "libxcb-icccm.so.4",
        "libxcb-keysyms.so.1",
        "libQt6XcbQpa.so.6",
        "libfoo.so.2",
    )
    result = PlatformCheck(checked=True, plugin=Path("/qt/libqxcb.so"), missing=missing)
    lines = describe(result).splitlines()
    assert lines[0].startswith("permitdesk: error: the window cannot open: ")
    for soname in missing:
        assert sum(soname in line for line in lines) == 1
    assert "  libxcb-cursor.so.0   (package libxcb-cursor0)" in lines
    assert "  libQt6XcbQpa.so.6    (part of PySide6: reinstall PermitDesk)" in lines
    installs = [line for line in lines if "apt-get install" in line]
    assert installs == ["  sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1"]
    assert lines[-1] == installs[0]
    assert platform_check.summary(result) == (
        "libxcb-cursor.so.0, libxcb-icccm.so.4, libxcb-keysyms.so.1, libQt6XcbQpa.so.6, "
        "libfoo.so.2 cannot be loaded by /qt/libqxcb.so; "
        "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1"
    )


def test_an_unreachable_display_is_explained() -> None:
    display = _unused_display()
    problem = display_error(display)
    assert problem.startswith(f"cannot connect to the X display '{display}'")
    assert display_error("") == "DISPLAY is not set"
    assert "not a valid display name" in display_error("no-colon-here")
    result = check_platform(environ={"DISPLAY": display})
    assert (result.checked, result.missing, result.display_error) == (True, (), problem)
    assert "check DISPLAY and XAUTHORITY" in describe(result)


# --- the window refuses instead of aborting -------------------------------------------

PATCHED_LAUNCH = """
import sys
from pathlib import Path
from app.ui import launch, platform_check
result = platform_check.PlatformCheck(
    checked=True, plugin=Path("/qt/libqxcb.so"), display=":0",
    missing=("libxcb-cursor.so.0", "libxcb-icccm.so.4"),
)
launch.check_platform = lambda *arguments, **options: result
sys.exit(launch.main(["permitdesk-gui", "--db", sys.argv[1]]))
"""


def test_launch_refuses_with_the_message_when_libraries_are_missing(tmp_path: Path) -> None:
    """On a display nobody answers, Qt itself would abort (134): the refusal comes first."""
    database = tmp_path / "permitdesk.sqlite"
    done = subprocess.run(
        [sys.executable, "-c", PATCHED_LAUNCH, str(database)],
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
        env=_child_environment(_unused_display(), tmp_path),
        cwd=CHECKOUT,
    )
    expected = PlatformCheck(
        checked=True,
        plugin=Path("/qt/libqxcb.so"),
        display=":0",
        missing=("libxcb-cursor.so.0", "libxcb-icccm.so.4"),
    )
    assert (done.returncode, done.stdout) == (launch.EXIT_NO_WINDOW, "")
    assert done.stderr == describe(expected) + "\n"
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4" in done.stderr
    assert not database.exists()


def test_permitdesk_on_an_unreachable_display_says_so(tmp_path: Path) -> None:
    """``python -m app`` for real, no patch: exit 1 and a sentence, not Qt's abort."""
    display = _unused_display()
    database = tmp_path / "permitdesk.sqlite"
    done = subprocess.run(
        [sys.executable, "-m", "app", "--db", str(database)],
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
        env=_child_environment(display, tmp_path),
        cwd=CHECKOUT,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith(
        f"permitdesk: error: the window cannot open: cannot connect to the X display '{display}'"
    )
    assert "Traceback" not in done.stderr
    assert "qt.qpa" not in done.stderr  # Qt never got to try
    assert not database.exists()


def test_a_running_application_is_not_second_guessed(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    failing = PlatformCheck(checked=True, missing=("libxcb-cursor.so.0",))
    monkeypatch.setattr(launch, "check_platform", lambda *arguments, **options: failing)
    assert launch.platform_refusal(["permitdesk-gui"]) == ""


def test_a_failing_check_does_not_keep_the_window_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*arguments: object, **options: object) -> PlatformCheck:
        raise RuntimeError("the check itself broke")

    monkeypatch.setattr(launch.QApplication, "instance", staticmethod(lambda: None))
    monkeypatch.setattr(launch, "check_platform", broken)
    assert launch.platform_refusal(["permitdesk-gui"]) == ""


# --- a real X display: Xvfb ------------------------------------------------------------


@pytest.fixture(scope="module")
def xvfb() -> Iterator[str]:
    """An Xvfb server on a display number it picks itself (``-displayfd``); its name."""
    server = shutil.which("Xvfb")
    if server is None:
        pytest.skip("Xvfb is not installed")
    reading, writing = os.pipe()
    process = subprocess.Popen(
        [server, "-displayfd", str(writing), "-nolisten", "tcp", "-screen", "0", "1280x800x24"],
        pass_fds=(writing,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(writing)
    try:
        number = _read_display_number(reading, process)
        yield f":{number}"
    finally:
        os.close(reading)
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _read_display_number(reading: int, process: subprocess.Popen[bytes]) -> int:
    """Xvfb writes its display number once it accepts connections; wait for it, bounded."""
    deadline = time.monotonic() + XVFB_START_TIMEOUT
    received = b""
    while not received.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0 or process.poll() is not None:
            pytest.fail(f"Xvfb did not start (exit {process.poll()}, said {received!r})")
        ready, _, _ = select.select([reading], [], [], remaining)
        if ready:
            chunk = os.read(reading, 64)
            if not chunk:
                pytest.fail(f"Xvfb closed -displayfd without a display (exit {process.poll()})")
            received += chunk
    return int(received)


def test_the_xvfb_display_is_reachable(xvfb: str) -> None:
    assert display_error(xvfb) == ""
    result = check_platform(environ={"DISPLAY": xvfb})
    assert (result.checked, result.display, result.ok) == (True, xvfb, True)


SELF_TEST = """
import runpy, sys
from pathlib import Path
from app import selftest
root = Path(sys.argv[1])  # the data folders, with catalogues compiled by the tests
selftest.package_root = lambda: root
sys.argv = ["permitdesk", "--self-test"]
runpy.run_module("app", run_name="__main__")
"""


@pytest.fixture
def package_root(tmp_path: Path, compiled_catalogs: Path) -> Path:
    """The checkout's data folders, with the catalogues compiled from its ``.po`` files."""
    root = tmp_path / "root"
    root.mkdir()
    for name in ("forms", "resources"):
        (root / name).symlink_to(CHECKOUT / name)
    (root / "translations").symlink_to(compiled_catalogs)
    return root


def _self_test(display: str, root: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """``python -m app --self-test`` in a child process, on ``display``."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    environment = _child_environment(display, scratch)
    return subprocess.run(
        [sys.executable, "-c", SELF_TEST, str(root)],
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
        env=environment,
        cwd=CHECKOUT,
    )


def test_self_test_on_a_display_checks_the_xcb_platform(
    xvfb: str, package_root: Path, tmp_path: Path
) -> None:
    done = _self_test(xvfb, package_root, tmp_path)
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    (xcb,) = [line for line in lines if line.startswith("ok   xcb platform: ")]
    assert f"no library missing, display '{xvfb}', started: xcb 1280x800" in xcb
    assert any(
        re.fullmatch(r"ok   qt: Qt [\d.]+, platform xcb \([\d.]+ s\)", line) for line in lines
    )
    assert lines[-1].startswith("self-test passed")
    assert list((tmp_path / "tmp").iterdir()) == []


def test_self_test_on_an_unreachable_display_fails_instead_of_aborting(
    package_root: Path, tmp_path: Path
) -> None:
    display = _unused_display()
    done = _self_test(display, package_root, tmp_path)
    lines = done.stdout.splitlines()
    assert done.returncode == 1, done.stdout + done.stderr
    assert (
        f"FAIL xcb platform: PlatformUnavailable: cannot connect to the X display '{display}'"
        in (done.stdout)
    )
    assert any(line.startswith("ok   qt: Qt ") and "platform offscreen" in line for line in lines)
    assert any(line.startswith("ok   annex 51: ") for line in lines)
    assert lines[-1].startswith("self-test FAILED: xcb platform (")
