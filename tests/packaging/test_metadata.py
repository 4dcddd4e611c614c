"""The bundle's metadata stays in step with the application: version, icons, installer."""

from __future__ import annotations

import re
from pathlib import Path

import app

CHECKOUT = Path(__file__).resolve().parents[2]
PACKAGING = CHECKOUT / "packaging"


def test_windows_version_resource_matches_the_version() -> None:
    text = (PACKAGING / "windows" / "version_info.txt").read_text(encoding="utf-8")
    numbers = tuple(int(part) for part in app.__version__.split("."))
    numbers += (0,) * (4 - len(numbers))
    assert f"filevers={numbers}" in text
    assert f"prodvers={numbers}" in text
    assert f"StringStruct('ProductVersion', '{app.__version__}')" in text


def test_installer_version_matches() -> None:
    text = (PACKAGING / "windows" / "permitdesk.iss").read_text(encoding="utf-8")
    assert re.search(rf'#define AppVersion "{re.escape(app.__version__)}"', text)


def test_icons_exist() -> None:
    png = CHECKOUT / "resources" / "icons" / "permitdesk.png"
    ico = CHECKOUT / "resources" / "icons" / "permitdesk.ico"
    assert png.read_bytes().startswith(b"\x89PNG")
    assert ico.read_bytes()[:4] == b"\x00\x00\x01\x00"


def test_spec_ships_the_data_folders() -> None:
    spec = (PACKAGING / "permitdesk.spec").read_text(encoding="utf-8")
    for folder in ('"forms"', '"resources/fonts"', '"resources/icons"', "LC_MESSAGES/*.mo"):
        assert folder in spec
    assert 'name="permitdesk-gui", console=False' in spec
