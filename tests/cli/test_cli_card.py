"""``permitdesk card read`` without a usable middleware: a message, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path


def test_nonexistent_library_is_a_clear_error(run, tmp_path: Path) -> None:
    library = tmp_path / "no-such-middleware.so"
    result = run("card", "read", "--library", str(library))
    assert result.code == 1
    assert "error (no_middleware):" in result.err
    assert str(library) in result.err
    assert result.out == ""


def test_nonexistent_library_in_json(run, tmp_path: Path) -> None:
    result = run("card", "read", "--library", str(tmp_path / "none.so"), "--format", "json")
    assert result.code == 1
    problem = json.loads(result.err[result.err.index("{") :])
    assert problem["error"] == "no_middleware"
    assert problem["message"]


def test_card_without_action_exits_2(run) -> None:
    result = run("card")
    assert result.code == 2
    assert "say 'card read'" in result.err
