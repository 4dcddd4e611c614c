"""The installed console script ``.venv/bin/permitdesk``, run as a separate process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "permitdesk"

pytestmark = pytest.mark.skipif(not SCRIPT.exists(), reason="permitdesk is not installed")


def permitdesk(*argv: str, stdin: str = "", home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(home), "PERMITDESK_DB": str(home / "db.sqlite")}
    return subprocess.run(
        [str(SCRIPT), *argv], input=stdin, capture_output=True, text=True, env=env, timeout=60
    )


def test_console_script_works_end_to_end(tmp_path: Path) -> None:
    db = tmp_path / "permitdesk.sqlite"
    init = permitdesk(
        "--db",
        str(db),
        "init",
        "--commune-nis",
        "21004",
        "--commune-name",
        "Bruxelles",
        home=tmp_path,
    )
    assert init.returncode == 0, init.stderr
    check = permitdesk("--db", str(db), "check", home=tmp_path)
    assert (check.returncode, check.stdout) == (0, "database is sound\n")
    assess = permitdesk(
        "assess",
        stdin=json.dumps({"case": "first_registration", "today": "2026-11-23"}),
        home=tmp_path,
    )
    assert assess.returncode == 0
    assert json.loads(assess.stdout)["valid_until"] == "2027-01-07"
    for result in (init, check, assess):
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("argv", "stdin"),
    [
        (["init", "--commune-nis", "abc", "--commune-name", "X"], ""),
        (["assess"], '{"case": "first_registration", "today": "2026-02-30"}'),
        (["due"], ""),  # no database yet
        (["card", "read", "--library", "/nonexistent/libbeidpkcs11.so"], ""),
    ],
    ids=["bad-nis", "impossible-date", "no-database", "no-middleware"],
)
def test_console_script_errors_have_no_traceback(tmp_path: Path, argv, stdin) -> None:
    result = permitdesk(*argv, stdin=stdin, home=tmp_path)
    assert result.returncode in (1, 2)
    assert "Traceback" not in result.stderr
    assert "error" in result.stderr
