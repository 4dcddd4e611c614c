"""The forms every paper is printed from: the built-in ones, with the commune's overrides.

The machine configuration's ``form_overrides`` names a folder of form files
(``annex-49.toml``, ``common.toml``, ``cover-list.toml``...) that replace the built-in
files of the same name; :mod:`app.documents.forms` checks them as strictly as its own and
refuses a bad one with a sentence (:class:`FormError`), which the counter and the command
line show. The folder is read again when one of its files changes.
"""

from __future__ import annotations

import logging
from pathlib import Path

from app.config import ConfigError, load_config
from app.documents.cover_list import CoverTexts, cover_texts_from
from app.documents.forms import FORMS_DIR, FormError, FormSet, load_forms

log = logging.getLogger(__name__)

__all__ = ["FormError", "active_forms", "cover_texts_in_force", "override_folder"]


def override_folder() -> Path | None:
    """The configured override folder, or None; a configuration that cannot be read is a
    :class:`FormError` too (no paper is printed from forms nobody can name)."""
    try:
        return load_config().form_overrides
    except ConfigError as error:
        raise FormError(f"the form overrides cannot be known: {error}") from None


def active_forms(folder: Path | None = None) -> FormSet:
    """The forms as this machine prints them (built in, or overridden and checked); with
    ``folder``, as that override folder would print them (``permitdesk specimen --forms``)."""
    return load_forms(FORMS_DIR, folder or override_folder())


def cover_texts_in_force() -> CoverTexts:
    """The cover list's texts as this machine prints them."""
    return cover_texts_from(override_folder())
