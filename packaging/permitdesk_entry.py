"""The bundle's entry point, for both executables: ``permitdesk`` (console: the admin
command line, ``--where``, ``--self-test``; no command opens the window) and
``permitdesk-gui`` (Windows: no console window, started from the Start menu)."""

from __future__ import annotations

import logging
import os
import sys

log = logging.getLogger("permitdesk")


def _ensure_streams() -> None:
    # A windowed Windows executable has no stdout/stderr; printing must not crash it.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


if __name__ == "__main__":
    _ensure_streams()
    from app.cli import main

    raise SystemExit(main(sys.argv[1:]))
