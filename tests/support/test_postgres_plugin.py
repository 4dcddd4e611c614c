"""The PostgreSQL plugin itself (support.postgres): a fresh database per test, dropped after
it, and a run that cannot pass with the PostgreSQL tests skipped when they are required."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from support.postgres import (
    REQUIRE_ENV,
    SERVER_ENV,
    SKIP_REASON,
    database_name,
    throwaway_database,
)

TESTS = Path(__file__).resolve().parent.parent
# Only this plugin: not the suite's conftest, nor coverage.
PLUGINS = ["-p", "support.postgres", "-p", "no:cacheprovider", "-p", "no:pytest_cov"]


@pytest.mark.postgres
def test_each_test_has_a_fresh_database(postgres_server: str, postgres_database: str) -> None:
    with psycopg.connect(postgres_database) as connection:
        assert connection.execute("SELECT 1").fetchone() == (1,)
        name = connection.execute("SELECT current_database()").fetchone()
        assert name == (database_name(postgres_database),)
        assert name != (database_name(postgres_server),)
        tables = connection.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
        assert tables == (0,)


@pytest.mark.postgres
def test_the_throwaway_database_is_dropped_even_while_connected(postgres_server: str) -> None:
    with throwaway_database(postgres_server) as conninfo:
        left_open = psycopg.connect(conninfo)
        left_open.execute("CREATE TABLE t (x int)")
        left_open.commit()
    name = database_name(conninfo)
    with psycopg.connect(postgres_server) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        assert found.fetchone() is None
    assert _is_dead(left_open)
    left_open.close()


def _is_dead(connection: psycopg.Connection) -> bool:
    try:
        connection.execute("SELECT 1")
    except psycopg.OperationalError:
        return True
    return False


SAMPLE = """
import pytest

def test_one(postgres_database):
    pass

def test_two(postgres_database):
    pass

@pytest.mark.postgres
def test_marked_and_skipped_anyway():
    pytest.skip("pg_dump is not installed")

def test_other():
    pass
"""


def run_sample(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Runs SAMPLE in a pytest of its own, with only this plugin, without the server."""
    (tmp_path / "test_sample.py").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text(
        "[pytest]\naddopts = -ra --strict-markers\nmarkers =\n    postgres: the server\n",
        encoding="utf-8",
    )
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in (SERVER_ENV, REQUIRE_ENV) and not name.startswith("COV_CORE_")
    }
    environment["PYTHONPATH"] = str(TESTS)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "test_sample.py", *PLUGINS],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_the_server_the_tests_are_skipped_with_one_line(tmp_path: Path) -> None:
    result = run_sample(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if SKIP_REASON in line]
    assert len(lines) == 1, result.stdout
    assert lines[0].startswith("SKIPPED [2] ")
    assert "2 passed" not in result.stdout
    assert "1 passed, 3 skipped" in result.stdout


def test_required_and_absent_the_run_fails(tmp_path: Path) -> None:
    result = run_sample(tmp_path, **{REQUIRE_ENV: "1"})
    assert result.returncode == pytest.ExitCode.TESTS_FAILED, result.stdout + result.stderr
    assert f"{REQUIRE_ENV}=1 but {SERVER_ENV} is not set" in result.stdout
    assert "test_marked_and_skipped_anyway" in result.stdout  # named in the summary


def test_required_a_marked_test_skipped_anyway_fails_the_run(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text(
        "import pytest\n\n@pytest.fixture\ndef postgres_database():\n    return 'dbname=x'\n",
        encoding="utf-8",
    )
    result = run_sample(tmp_path, **{REQUIRE_ENV: "1"})
    assert result.returncode == pytest.ExitCode.TESTS_FAILED, result.stdout + result.stderr
    assert "3 passed, 1 skipped" in result.stdout
    assert f"{REQUIRE_ENV}=1 and 1 PostgreSQL test(s) skipped" in result.stdout
