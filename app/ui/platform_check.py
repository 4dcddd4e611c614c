"""Can Qt's xcb platform start here? Asked on Linux before the QApplication exists.

When Qt cannot load its platform plugin it prints a hint (often the wrong one: it names
``libxcb-cursor0`` whatever is missing) and aborts the process (exit 134). PermitDesk asks
first: when Qt would use the xcb platform (a ``DISPLAY``, and neither ``QT_QPA_PLATFORM``
nor ``-platform`` asking for another one, nor a Wayland session that Qt tries first), it
finds PySide6's ``libqxcb.so``, runs ``ldd`` on it (and on ``libQt6XcbQpa.so.6``) and
collects every library that is ``not found``; without ``ldd`` it loads the plugin with
:mod:`ctypes` and reads the first missing library from the error. Then it connects to the
X display once, as Qt would. :func:`describe` turns a failed :class:`PlatformCheck` into
the lines a clerk or IT admin reads: the missing libraries, and the one
``sudo apt-get install`` line (Debian/Ubuntu package names) that installs them.

Nothing run here comes from data or configuration: only ``ldd`` (``/usr/bin/ldd``, else
the one on ``PATH``), with an argument list and no shell.
"""

from __future__ import annotations

import ctypes
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.paths import is_frozen

logger = logging.getLogger(__name__)

XCB_PLUGIN = "libqxcb.so"
WAYLAND_PLUGIN = "libqwayland.so"
XCB_QPA_LIBRARY = "libQt6XcbQpa.so.6"
LDD_TIMEOUT = 30.0

# The soname of each library Qt's xcb platform (and the window) needs, and the Debian
# package that ships it (the same names on Ubuntu; bookworm names, apt resolves the t64
# renames of trixie and noble).
DEBIAN_PACKAGES: Mapping[str, str] = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0",
    "libOpenGL.so.0": "libopengl0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libexpat.so.1": "libexpat1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libpng16.so.16": "libpng16-16",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libz.so.1": "zlib1g",
    "libzstd.so.1": "libzstd1",
}
# Libraries that come with PySide6 itself: missing, the installation is damaged.
BUNDLED_PREFIXES = ("libQt6", "libicu", "libpyside6", "libshiboken6")

# xcb_connection_has_error() codes that a connection attempt can give.
XCB_ERRORS: Mapping[int, str] = {
    1: "no X server answers there, or it refuses this user",
    5: "DISPLAY is not a valid display name",
    6: "that screen does not exist",
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$", re.MULTILINE)
_CANNOT_OPEN = re.compile(r"^(\S+?): cannot open shared object file")


@dataclass(frozen=True)
class PlatformCheck:
    """What was found: ``checked`` is False when the xcb platform is not the one Qt
    will use (or its plugin is not where PySide6 keeps it), ``reason`` says why."""

    checked: bool
    plugin: Path | None = None
    missing: tuple[str, ...] = ()
    display: str = ""
    display_error: str = ""
    reason: str = ""

    @property
    def ok(self) -> bool:
        """True unless the xcb platform would fail: a library missing, or no display."""
        return not self.missing and not self.display_error

    @property
    def packages(self) -> tuple[str, ...]:
        """The Debian packages that install the missing libraries (known ones, once)."""
        return packages_for(self.missing)


class PlatformUnavailable(RuntimeError):
    """Qt's xcb platform cannot start (raised by the self-test's check)."""


def debian_package(soname: str) -> str | None:
    """The Debian package shipping ``soname``, or None when it is not one PermitDesk knows."""
    return DEBIAN_PACKAGES.get(soname)


def packages_for(sonames: Iterable[str]) -> tuple[str, ...]:
    """The packages of ``sonames`` in order, each once; unknown libraries are left out."""
    packages = (debian_package(soname) for soname in sonames)
    return tuple(dict.fromkeys(package for package in packages if package))


def install_line(packages: Sequence[str]) -> str:
    """The one command that installs ``packages`` on Debian or Ubuntu."""
    return "sudo apt-get install " + " ".join(packages)


def requested_platform(arguments: Sequence[str], environ: Mapping[str, str]) -> str:
    """The platform asked for by ``-platform NAME`` (Qt's option) or ``QT_QPA_PLATFORM``;
    the first of a ``wayland;xcb`` list, without ``:options``; "" when none is."""
    requested = environ.get("QT_QPA_PLATFORM", "")
    for index, argument in enumerate(arguments[:-1]):
        if argument in ("-platform", "--platform"):
            requested = arguments[index + 1]
    return requested.split(";")[0].split(":")[0].strip()


def xcb_will_be_used(
    arguments: Sequence[str] = (),
    environ: Mapping[str, str] | None = None,
    wayland_plugin: bool = True,
) -> bool:
    """Whether Qt will start the xcb platform. Unasked, Qt 6 tries Wayland first in a
    Wayland session (``WAYLAND_DISPLAY`` or ``XDG_SESSION_TYPE=wayland``) when it has
    the Wayland plugin (``wayland_plugin``; the bundle leaves it out), xcb otherwise."""
    environ = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return False
    requested = requested_platform(arguments, environ)
    if requested:
        return requested == "xcb"
    if not environ.get("DISPLAY"):
        return False
    wayland_session = bool(environ.get("WAYLAND_DISPLAY")) or (
        environ.get("XDG_SESSION_TYPE") == "wayland"
    )
    return not (wayland_session and wayland_plugin)


def plugin_folders() -> list[Path]:
    """Where PySide6's Qt plugins may be: the bundle's copy first (PyInstaller keeps the
    wheel's ``PySide6/Qt/plugins`` layout under ``sys._MEIPASS``), then PySide6's own
    folder, then the one Qt itself reports."""
    folders = []
    if is_frozen():
        bundle = Path(sys._MEIPASS)  # type: ignore[attr-defined]
        folders.append(bundle / "PySide6" / "Qt" / "plugins")
    import PySide6
    from PySide6.QtCore import QLibraryInfo

    folders.append(Path(PySide6.__file__).resolve().parent / "Qt" / "plugins")
    folders.append(Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)))
    return list(dict.fromkeys(folders))


def find_xcb_plugin() -> Path | None:
    """PySide6's xcb platform plugin (``platforms/libqxcb.so``), or None."""
    for folder in plugin_folders():
        plugin = folder / "platforms" / XCB_PLUGIN
        if plugin.is_file():
            return plugin
    return None


def wayland_plugin_beside(plugin: Path | None) -> bool:
    """Whether Qt has its Wayland platform next to the xcb ``plugin`` (the bundle not)."""
    return plugin is not None and (plugin.parent / WAYLAND_PLUGIN).is_file()


def _ldd() -> str | None:
    fixed = Path("/usr/bin/ldd")
    return str(fixed) if fixed.is_file() else shutil.which("ldd")


def _missing_with_ldd(ldd: str, library: Path) -> tuple[str, ...] | None:
    """The ``not found`` lines of ``ldd library``; None when ``ldd`` could not run."""
    environment = {**os.environ, "LC_ALL": "C"}  # LD_LIBRARY_PATH counts, as for Qt
    try:
        done = subprocess.run(
            [ldd, str(library)],
            capture_output=True,
            text=True,
            timeout=LDD_TIMEOUT,
            env=environment,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        logger.debug("ldd %s could not run", library, exc_info=True)
        return None
    return tuple(dict.fromkeys(_NOT_FOUND.findall(done.stdout)))


def _missing_with_ctypes(library: Path) -> tuple[str, ...]:
    """Load ``library``: the dynamic loader names the first library it cannot find."""
    try:
        ctypes.CDLL(str(library))
    except OSError as error:
        found = _CANNOT_OPEN.match(str(error))
        if found and Path(found.group(1)).name != library.name:
            return (Path(found.group(1)).name,)
        logger.debug("loading %s failed: %s", library, error)
    return ()


def missing_libraries(library: Path, use_ldd: bool = True) -> tuple[str, ...]:
    """The sonames ``library`` (a shared object) needs and the dynamic loader cannot find,
    with ``ldd``; without it (or ``use_ldd=False``), at least the first of them."""
    ldd = _ldd() if use_ldd else None
    if ldd is not None:
        missing = _missing_with_ldd(ldd, library)
        if missing is not None:
            return missing
    return _missing_with_ctypes(library)


def plugin_missing_libraries(plugin: Path, use_ldd: bool = True) -> tuple[str, ...]:
    """What the xcb plugin and ``libQt6XcbQpa.so.6`` (which holds most of it) miss."""
    missing = list(missing_libraries(plugin, use_ldd))
    qpa = plugin.parent.parent.parent / "lib" / XCB_QPA_LIBRARY
    if qpa.is_file() and XCB_QPA_LIBRARY not in missing:
        missing.extend(missing_libraries(qpa, use_ldd))
    return tuple(dict.fromkeys(missing))


def display_error(display: str) -> str:
    """Why Qt could not connect to the X ``display``, "" when it can (one connection
    through ``libxcb``, the library Qt uses, closed at once)."""
    if not display:
        return "DISPLAY is not set"
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError as error:
        return f"libxcb cannot be loaded ({error})"
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_connection_has_error.restype = ctypes.c_int
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.restype = None
    connection = xcb.xcb_connect(os.fsencode(display), None)
    try:
        code = xcb.xcb_connection_has_error(connection)
    finally:
        xcb.xcb_disconnect(connection)
    if code:
        why = XCB_ERRORS.get(code, f"xcb error {code}")
        return f"cannot connect to the X display {display!r} ({why})"
    return ""


def check_platform(
    arguments: Sequence[str] = (),
    environ: Mapping[str, str] | None = None,
    plugin: Path | None = None,
    connect: bool = True,
) -> PlatformCheck:
    """Check Qt's xcb platform when Qt will use it (``arguments`` are the Qt options of
    the command line); ``connect`` also tries the display once the libraries are there."""
    environ = os.environ if environ is None else environ
    plugin = plugin if plugin is not None else find_xcb_plugin()
    if not xcb_will_be_used(arguments, environ, wayland_plugin_beside(plugin)):
        return PlatformCheck(checked=False, reason="Qt does not use the xcb platform here")
    if plugin is None:
        logger.info("the xcb platform plugin was not found in %s", plugin_folders())
        return PlatformCheck(checked=False, reason=f"{XCB_PLUGIN} not found")
    display = environ.get("DISPLAY", "")
    missing = plugin_missing_libraries(plugin)
    if missing:
        logger.info("the xcb platform plugin %s misses %s", plugin, ", ".join(missing))
        return PlatformCheck(checked=True, plugin=plugin, missing=missing, display=display)
    problem = display_error(display) if connect else ""
    return PlatformCheck(checked=True, plugin=plugin, display=display, display_error=problem)


def _library_line(soname: str, width: int) -> str:
    package = debian_package(soname)
    if package:
        note = f"package {package}"
    elif soname.startswith(BUNDLED_PREFIXES):
        note = "part of PySide6: reinstall PermitDesk"
    else:
        note = f"package unknown: apt-file search {soname}"
    return f"  {soname:<{width}}  ({note})"


def describe(result: PlatformCheck, program: str = "permitdesk") -> str:
    """The lines printed instead of Qt's abort: what is missing and how to install it;
    "" when nothing stops the window."""
    if result.ok:
        return ""
    if not result.missing:
        return (
            f"{program}: error: the window cannot open: {result.display_error}.\n"
            "Start PermitDesk from the desktop session, or check DISPLAY and XAUTHORITY."
        )
    width = max(len(soname) for soname in result.missing)
    lines = [
        f"{program}: error: the window cannot open: Qt's xcb platform plugin needs "
        "libraries that are not installed:",
        *(_library_line(soname, width) for soname in result.missing),
    ]
    if result.packages:
        lines += ["Install them (Debian, Ubuntu) with:", f"  {install_line(result.packages)}"]
    return "\n".join(lines)


def summary(result: PlatformCheck) -> str:
    """One line for the self-test: the missing libraries and the install line."""
    if result.missing:
        text = f"{', '.join(result.missing)} cannot be loaded by {result.plugin}"
        if result.packages:
            text += f"; {install_line(result.packages)}"
        return text
    if result.display_error:
        return result.display_error
    return f"{result.plugin} loads, no library missing, display {result.display!r}"
