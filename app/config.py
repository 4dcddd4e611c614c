"""The machine's configuration file: what an installer or a GPO sets for every clerk.

One TOML file, read with :mod:`tomllib`, at ``%PROGRAMDATA%\\PermitDesk\\permitdesk.toml``
on Windows and ``/etc/permitdesk/permitdesk.toml`` elsewhere; ``PERMITDESK_CONFIG`` names
another one. Every key is optional::

    database = 'D:\\PermitDesk\\permitdesk.sqlite'   # the counter's SQLite file, or
    # database = "service=permitdesk"                # a register on a PostgreSQL server
    backups = 'D:\\PermitDesk\\backups'              # where automatic backups go
    default_language = "nl"                          # UI language until a clerk picks one
    log_folder = 'D:\\PermitDesk\\logs'              # the rotating log files
    form_overrides = 'D:\\PermitDesk\\forms'         # the commune's corrected form files
    card_library = 'C:\\Windows\\System32\\beidpkcs11.dll' # the eID middleware's PKCS#11 module
    audit_key = 'C:\\ProgramData\\PermitDesk\\audit.key'  # the installation's audit key

Paths may use ``~`` and environment variables (``%PROGRAMDATA%``, ``$HOME``); a relative
path is taken from the configuration file's folder. Windows paths are best written as
TOML literal strings (single quotes), where a backslash is just a backslash.

Precedence for the database: ``--db`` > ``PERMITDESK_DB`` > this file > the default data
folder (see :mod:`app.paths`). A register on a PostgreSQL server is named by a libpq
target instead of a path: ``postgresql://host/db`` or ``service=permitdesk`` (the entry
of ``pg_service.conf``); it stays text (:func:`database_target`), and one that carries a
password is refused wherever it is given: the password belongs in the user's ``.pgpass``
or the service file, which only that user reads (docs/admin.md).
"""

from __future__ import annotations

import logging
import os
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CONFIG_ENV = "PERMITDESK_CONFIG"
CONFIG_NAME = "permitdesk.toml"
LANGUAGES = ("fr", "nl", "de")
KEYS = (
    "database",
    "backups",
    "default_language",
    "log_folder",
    "form_overrides",
    "card_library",
    "audit_key",
    "counter_name",
)
#: The longest counter name the audit trail records.
COUNTER_NAME_MAX = 40


class ConfigError(ValueError):
    """The configuration file exists but cannot be used; the message names file and key."""


class PasswordInTarget(ValueError):
    """A server target that carries a password: the message says where it belongs."""


#: A database: a file (``Path``), or a register on a PostgreSQL server named by its libpq
#: target (text: ``postgresql://…`` or ``key=value`` words such as ``service=permitdesk``).
Database = Path | str


@dataclass(frozen=True)
class Config:
    """What the configuration file says; ``None`` where it says nothing."""

    path: Path
    exists: bool
    #: The database file, or a server target (text, never a password in it).
    database: Database | None = None
    backups: Path | None = None
    default_language: str | None = None
    log_folder: Path | None = None
    #: A folder of form files (``annex-49.toml``...) replacing the built-in ones of the same
    #: name (``app.documents.forms``); the paper's footer names them.
    form_overrides: Path | None = None
    #: The eID middleware's PKCS#11 module, loaded into the counter: only an admin-written
    #: file may name code to load, never the database (its users can write it).
    card_library: Path | None = None
    #: The installation's secret that keys the audit trail (``app.services.installation_key``):
    #: outside the database and the backups folder; by default beside this file.
    audit_key: Path | None = None
    #: This workstation's name at the desk ("Guichet 3"), recorded in every audit row it
    #: writes, so that several counters on one register tell their work apart; by default
    #: the computer's name (``app.services.desk.counter_name``).
    counter_name: str | None = None


def system_config_path() -> Path:
    """Where an installer or a GPO drops the file, whatever ``PERMITDESK_CONFIG`` says."""
    if sys.platform == "win32":
        base = os.environ.get("PROGRAMDATA") or r"C:\ProgramData"
        return Path(base) / "PermitDesk" / CONFIG_NAME
    return Path("/etc/permitdesk") / CONFIG_NAME


def config_path() -> Path:
    """The configuration file in use: ``$PERMITDESK_CONFIG``, else the system one."""
    override = os.environ.get(CONFIG_ENV)
    return Path(override).expanduser() if override else system_config_path()


def load_config(path: Path | None = None) -> Config:
    """Read the configuration file; a missing file is an empty configuration.

    Raises :class:`ConfigError` for a file that is unreadable, not TOML, or has a bad value.
    """
    path = path if path is not None else config_path()
    if not path.is_file():
        return Config(path=path, exists=False)
    try:
        # utf-8-sig: Notepad and the installer may start the file with a byte-order mark.
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read ({error.strerror})") from None
    unknown = sorted(set(raw) - set(KEYS))
    if unknown:
        log.warning("%s: ignoring unknown key(s) %s", path, ", ".join(unknown))
    language = raw.get("default_language")
    if language is not None and language not in LANGUAGES:
        raise ConfigError(f"{path}: default_language must be fr, nl or de (got {language!r})")
    return Config(
        path=path,
        exists=True,
        database=_database_value(raw, path),
        backups=_path_value(raw, "backups", path),
        default_language=language,
        log_folder=_path_value(raw, "log_folder", path),
        form_overrides=_path_value(raw, "form_overrides", path),
        card_library=_path_value(raw, "card_library", path),
        audit_key=_path_value(raw, "audit_key", path),
        counter_name=_counter_name_value(raw, path),
    )


def current_config() -> Config:
    """The configuration in use, or an empty one (with a logged error) if the file is bad.

    For callers that must not fail on a broken file (the window's language, log folder);
    the command line reports the error instead through :func:`load_config`.
    """
    try:
        return load_config()
    except ConfigError as error:
        log.error("%s", error)
        return Config(path=config_path(), exists=True)


def database_target(value: str | Path) -> Database:
    """What ``value`` (``--db``, ``PERMITDESK_DB``) names: a server target, as text, or a
    file (a ``Path``, which a server target must never become: ``Path`` would fold the
    ``//`` of ``postgresql://host/db``). Raises :class:`PasswordInTarget` for a target
    carrying a password."""
    if isinstance(value, Path):
        return value
    if not is_server_target(value):
        return Path(value)
    target = value.strip()
    problem = password_problem(target)
    if problem:
        raise PasswordInTarget(problem)
    return target


def is_server_target(value: str | Path) -> bool:
    """Whether ``value`` names a register on a PostgreSQL server rather than a file (the
    store's own rule, ``app.store.opening``)."""
    if isinstance(value, Path) or ("://" not in value and "=" not in value):
        return False  # a plain path: the store's modules are not loaded for it
    from app.store.opening import is_server_target as server_target  # only when asked

    return server_target(value)


def password_problem(target: str) -> str | None:
    """Why ``target`` may not be used as it is, when it carries a password (or cannot be
    read as a libpq target); None when it is fine."""
    from psycopg import ProgrammingError
    from psycopg.conninfo import conninfo_to_dict

    try:
        words = conninfo_to_dict(target)
    except ProgrammingError as error:
        return f"the database target is not a PostgreSQL target ({str(error).strip()})"
    if not words.get("password"):
        return None
    return (
        "the database target carries a password; PermitDesk never takes one from its "
        "configuration or command line: remove it, and put it in this user's password file "
        "(.pgpass, on Windows %APPDATA%\\postgresql\\pgpass.conf) or in the service's entry "
        "of pg_service.conf (docs/admin.md)"
    )


def _database_value(raw: dict[str, Any], source: Path) -> Database | None:
    value = raw.get("database")
    if isinstance(value, str) and is_server_target(value):
        problem = password_problem(value.strip())
        if problem:
            raise ConfigError(f"{source}: database: {problem}")
        return value.strip()
    return _path_value(raw, "database", source)


def _counter_name_value(raw: dict[str, Any], source: Path) -> str | None:
    value = raw.get("counter_name")
    if value is None:
        return None
    if (
        not isinstance(value, str)
        or not value.strip()
        or len(value) > COUNTER_NAME_MAX
        or not value.isprintable()
    ):
        raise ConfigError(
            f"{source}: counter_name must be a name of 1 to {COUNTER_NAME_MAX} printable "
            f'characters, such as "Guichet 3" (got {value!r})'
        )
    return value.strip()


def _path_value(raw: dict[str, Any], key: str, source: Path) -> Path | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{source}: {key} must be a non-empty path (got {value!r})")
    expanded = Path(os.path.expanduser(os.path.expandvars(value.strip())))
    return expanded if expanded.is_absolute() else source.parent / expanded
