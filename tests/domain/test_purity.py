"""The domain is pure Python: importing it pulls in no Qt and no SQL (app/domain/__init__.py)."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import app.domain

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("PySide6", "sqlite3", "sqlite_utils", "reportlab", "PyKCS11")

PROBE = """
import importlib, json, pkgutil, sys
import app.domain
names = ["app.domain"] + [
    "app.domain." + module.name for module in pkgutil.iter_modules(app.domain.__path__)
]
for name in names:
    importlib.import_module(name)
print(json.dumps({"imported": names, "loaded": sorted(sys.modules)}))
"""


def test_importing_the_domain_loads_no_ui_sql_pdf_or_card_library():
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True
    )
    report = json.loads(result.stdout)
    expected = {f"app.domain.{m.name}" for m in pkgutil.iter_modules(app.domain.__path__)}
    assert expected <= set(report["imported"])
    assert {"app.domain.rules", "app.domain.assess", "app.domain.explain"} <= expected
    loaded = report["loaded"]
    offending = [
        name for name in loaded if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
    ]
    assert offending == []
