"""The one table ``make bench`` prints, and the format every benchmark reports in.

**The shared format.** A benchmark (``bench/bench_*.py``, run by ``python -m bench`` as
``python -m bench.bench_<name>`` in its own process) reports each measurement by calling
:func:`emit` with a :class:`Row`, which prints one line to standard output::

    BENCH-ROW {"operation": "search 'mohamed' p99", "holders": 1000000, "app": 4.1,
               "floor": 1.3, "unit": "ms", "note": "unranked FTS5, LIMIT 50"}

(on one line): ``operation`` names what was timed, ``holders`` the size of the database
(null when it does not apply), ``app`` the application's figure, ``floor`` the figure of
the floor it cannot beat, measured in the same run (null when there is none), ``unit``
the unit of both (``ms``, ``s``, ``rows/s``, ``MB``), ``note`` what the floor is or any
remark. Any other line is the benchmark's own commentary and is passed through. The
runner collects the rows of every benchmark and prints them as one table at the end
(:func:`render`), with the ratio app / floor (floor / app for a rate such as rows/s, so
that a ratio above 1 always means slower than the floor).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

PREFIX = "BENCH-ROW "
#: Units where more is better: the ratio is floor / app.
RATES = frozenset({"rows/s"})


@dataclass(frozen=True)
class Row:
    operation: str
    holders: int | None
    app: float
    floor: float | None = None
    unit: str = "ms"
    note: str = ""

    @property
    def ratio(self) -> float | None:
        """How many times slower than the floor (None without a floor)."""
        if self.floor is None or not self.app or not self.floor:
            return None
        return self.floor / self.app if self.unit in RATES else self.app / self.floor


def emit(row: Row) -> None:
    """Report ``row`` to the runner (and to whoever reads the output)."""
    print(PREFIX + json.dumps(asdict(row), ensure_ascii=False), flush=True)


def parse(line: str) -> Row | None:
    """The row a line of a benchmark's output reports, or None for commentary."""
    if not line.startswith(PREFIX):
        return None
    return Row(**json.loads(line[len(PREFIX) :]))


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "rows/s" or abs(value) >= 100:
        return f"{value:,.0f} {unit}"
    return f"{value:.2f} {unit}" if abs(value) < 10 else f"{value:.1f} {unit}"


def render(rows: list[Row]) -> str:
    """The rows as a Markdown table, in the order given."""
    lines = [
        "| operation | holders | app | floor | ratio | note |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        ratio = f"{row.ratio:.1f}×" if row.ratio is not None else "—"
        holders = f"{row.holders:,}" if row.holders is not None else "—"
        lines.append(
            f"| {row.operation} | {holders} | {_number(row.app, row.unit)} | "
            f"{_number(row.floor, row.unit)} | {ratio} | {row.note} |"
        )
    return "\n".join(lines)
