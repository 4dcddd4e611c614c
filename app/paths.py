"""Where PermitDesk keeps its files.

The database lives in a per-machine data folder by default (``%PROGRAMDATA%\\PermitDesk``
on Windows, the XDG data folder on Linux, ``~/Library/Application Support`` on macOS).
Precedence: ``--db`` > ``PERMITDESK_DB`` > the configuration file (:mod:`app.config`) >
that default. The database is a file, or a register on a PostgreSQL server named by its
libpq target (:data:`app.config.Database`: kept as text, never a ``Path``). Backups go to
``backups/`` beside the database file (for a server: in the data folder) unless the
configuration file names another folder. ``forms/``, ``translations/`` and ``resources/``
ship beside the ``app`` package, or in the bundle's folder when PyInstaller built it.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
from datetime import UTC, datetime
from pathlib import Path

from app.config import Config, Database, database_target, is_server_target, load_config

log = logging.getLogger(__name__)

APP_NAME = "PermitDesk"
DATABASE_NAME = "permitdesk.sqlite"
BACKUPS_NAME = "backups"
DATABASE_ENV = "PERMITDESK_DB"
#: Why a copy of the database stands beside it: kept by a restore, or moved out of the way
#: by a start that could not read it (``<name>.<reason>-<UTC time>``).
BEFORE_RESTORE, DAMAGED = "before-restore", "damaged"
KEY_NAME = "audit.key"


def data_dir() -> Path:
    """The per-machine data folder (before any configuration)."""
    if sys.platform == "win32":
        base = os.environ.get("PROGRAMDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / APP_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_NAME
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_NAME.lower()


def default_database_path(config: Config | None = None) -> Database:
    """The database when no ``--db`` is given: ``$PERMITDESK_DB``, the configuration
    file's ``database``, else the data folder; a file or a server target. Raises
    ``ConfigError`` on a bad file, ``PasswordInTarget`` for a target with a password."""
    override = os.environ.get(DATABASE_ENV)
    if override:
        return database_target(override)
    config = config if config is not None else load_config()
    return config.database or data_dir() / DATABASE_NAME


def database_source(config: Config, cli_path: Database | None = None) -> str:
    """Which rule chose the database, for ``permitdesk --where``."""
    if cli_path is not None:
        return "--db"
    if os.environ.get(DATABASE_ENV):
        return DATABASE_ENV
    return "config file" if config.database else "default"


def backups_dir(database: Database, config: Config | None = None) -> Path:
    """Where backups of ``database`` go (and the audit chain's head): the configuration's
    ``backups``, else ``backups/`` beside the database file; for a register on a server
    (whose administrator backs it up there), ``backups/`` in the data folder. The one
    place that decides it."""
    if config is None:
        from app.config import current_config

        config = current_config()
    if config.backups:
        return config.backups
    if is_server_target(database):
        return data_dir() / BACKUPS_NAME
    return Path(database).parent / BACKUPS_NAME


def utc_stamp() -> str:
    """The UTC time in file names: ``20261123T091500Z``."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def aside_path(database: Path, reason: str) -> Path:
    """Where a copy set aside now for ``reason`` (:data:`BEFORE_RESTORE`, :data:`DAMAGED`)
    goes, beside the database."""
    return database.with_name(f"{database.name}.{reason}-{utc_stamp()}")


def aside_copies(database: Path) -> list[Path]:
    """The copies set aside beside ``database`` (:func:`aside_path`), not their -wal,
    -shm or -journal files."""
    return sorted(
        path
        for reason in (BEFORE_RESTORE, DAMAGED)
        for path in database.parent.glob(f"{database.name}.{reason}-*")
        if not path.name.endswith(("-wal", "-shm", "-journal"))
    )


def audit_key_path(config: Config | None = None) -> Path:
    """The installation's audit key (``app.services.installation_key``): the
    configuration's ``audit_key``, else ``audit.key`` beside the configuration file."""
    config = config if config is not None else load_config()
    return config.audit_key or config.path.parent / KEY_NAME


def log_dir() -> Path:
    """The folder of the log files: the configuration's ``log_folder``, else the
    user's data folder as Qt names it (``AppLocalDataLocation``)."""
    from app.config import current_config

    configured = current_config().log_folder
    if configured is not None:
        return configured
    return _user_data_dir()


def _user_data_dir() -> Path:
    # Qt's AppLocalDataLocation for organisation and application "PermitDesk".
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / APP_NAME / APP_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_NAME / APP_NAME
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_NAME / APP_NAME


def is_frozen() -> bool:
    """True inside a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def package_root() -> Path:
    """The folder holding ``forms/``, ``translations/`` and ``resources/``: the source
    checkout, or the bundle's data folder (``sys._MEIPASS``, ``_internal/``)."""
    if is_frozen():
        return Path(sys._MEIPASS)  # type: ignore[attr-defined]
    return Path(__file__).resolve().parent.parent


def counter_name(config: Config | None = None) -> str:
    """This workstation's name in the audit trail: the machine configuration's
    ``counter_name``, else the computer's name."""
    if config is None:
        from app.config import current_config

        config = current_config()
    return config.counter_name or socket.gethostname() or "unnamed counter"


def where_lines(user_settings: str, cli_path: Database | None = None) -> list[str]:
    """``permitdesk --where``: one line per file or folder in use, and where it came from;
    ``user_settings`` is the clerk's settings file (the UI's ``Settings().file_name``).

    Raises ``ConfigError`` when the configuration file exists but cannot be used.
    """
    config = load_config()
    database = cli_path if cli_path is not None else default_database_path(config)
    root = package_root()
    on_server = is_server_target(database)
    rows = [
        ("config file", config.path, "found" if config.exists else "not found, defaults apply"),
        (
            "database",
            database,
            f"{database_source(config, cli_path)}, "
            + ("a PostgreSQL server" if on_server else _exists(Path(database))),
        ),
        (
            "backups folder",
            backups_dir(database, config),
            "config file"
            if config.backups
            else "in the data folder; the server is backed up with pg_dump"
            if on_server
            else "beside the database",
        ),
        (
            "log folder",
            config.log_folder or _user_data_dir(),
            "config file" if config.log_folder else "per user",
        ),
        (
            "audit key",
            audit_key_path(config),
            f"{'config file' if config.audit_key else 'beside the config file'}, "
            f"{_exists(audit_key_path(config))}",
        ),
        ("user settings", user_settings, "per user, QSettings"),
        ("forms", root / "forms", _exists(root / "forms")),
        (
            "form overrides",
            config.form_overrides or "none",
            f"config file, {_exists(config.form_overrides)}"
            if config.form_overrides
            else "the built-in forms only",
        ),
        ("translations", root / "translations", _exists(root / "translations")),
        ("resources", root / "resources", _exists(root / "resources")),
    ]
    rows.append(
        (
            "counter name",
            counter_name(config),
            "config file" if config.counter_name else "the computer's name",
        )
    )
    language = config.default_language or "the system's, else fr"
    lines = [f"{label + ':':<16}{path} ({note})" for label, path, note in rows]
    lines.append(f"{'language:':<16}{language} (default UI language until a clerk picks one)")
    return lines


def _exists(path: Path) -> str:
    return "exists" if path.exists() else "does not exist yet"
