"""JSON from outside the program (standard input, a file, a row of the database), read
with a sentence for every way it can be wrong.

Python's parser recurses once per nesting level: ``[[[[...]]]]`` a hundred thousand deep
raises ``RecursionError``, which no caller expects. PermitDesk's own JSON is a few levels
deep, so anything past :data:`MAX_DEPTH` is refused before parsing, by counting brackets
outside strings.
"""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 32


class JsonRefused(ValueError):
    """Not JSON PermitDesk reads; the message names the source and says why."""


def read_json(text: str, source: str) -> Any:
    """``text`` parsed; :class:`JsonRefused` when it is not JSON or nests too deep."""
    depth = deepest(text)
    if depth > MAX_DEPTH:
        raise JsonRefused(
            f"{source} nests {depth} levels deep; PermitDesk reads at most {MAX_DEPTH}"
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise JsonRefused(
            f"{source} is not JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None


def deepest(text: str) -> int:
    """How deep ``[`` and ``{`` nest in ``text``, strings skipped."""
    depth = deepest_seen = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest_seen = max(deepest_seen, depth)
        elif char in "]}":
            depth -= 1
    return deepest_seen
