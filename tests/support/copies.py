"""Copies of a test database that open as live ones: the file and its sealed audit head.

A live database's head sits in ``backups/`` beside it (``app.paths.backups_dir``); a copy
without it is, rightly, a log nobody vouches for (``app.store.audit``)."""

from __future__ import annotations

import shutil
from pathlib import Path

from app.paths import BACKUPS_NAME


def copy_live_database(source: Path, target: Path) -> Path:
    """``source`` copied to ``target``, with its audit head renamed for ``target``."""
    shutil.copy(source, target)
    head = source.parent / BACKUPS_NAME / f"{source.name}.audit-head.json"
    if head.exists():
        (target.parent / BACKUPS_NAME).mkdir(exist_ok=True)
        shutil.copy(head, target.parent / BACKUPS_NAME / f"{target.name}.audit-head.json")
    return target
