"""Where PermitDesk keeps its files.

The database lives in a per-machine data folder by default (``%PROGRAMDATA%\\PermitDesk``
on Windows, the XDG data folder on Linux, ``~/Library/Application Support`` on macOS);
``PERMITDESK_DB`` or ``--db`` override it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "PermitDesk"
DATABASE_NAME = "permitdesk.sqlite"


def data_dir() -> Path:
    if sys.platform == "win32":
        base = os.environ.get("PROGRAMDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / APP_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_NAME
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_NAME.lower()


def default_database_path() -> Path:
    override = os.environ.get("PERMITDESK_DB")
    return Path(override) if override else data_dir() / DATABASE_NAME


def log_dir() -> Path:
    return data_dir() / "logs"


def package_root() -> Path:
    """The folder holding ``forms/``, ``translations/`` and ``resources/``."""
    return Path(__file__).resolve().parent.parent
