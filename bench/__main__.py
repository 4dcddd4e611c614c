"""``python -m bench`` (``make bench``): run every benchmark, each in its own process, then
print one table of every measurement they reported (the format: ``bench/table.py``).

``BENCH_SIZES`` (default ``10000,100000,1000000``) chooses the database sizes the
benchmarks that take one measure at; ``BENCH_ONLY=search,import`` runs only the
``bench_search.py`` and ``bench_import.py`` benchmarks. The demo databases are built once
and cached (``bench/databases.py``). ``make test`` never runs any of this.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bench.table import Row, parse, render

HERE = Path(__file__).parent


def main() -> int:
    only = {name for name in os.environ.get("BENCH_ONLY", "").split(",") if name}
    rows: list[Row] = []
    failed: list[str] = []
    for script in sorted(HERE.glob("bench_*.py")):
        if only and script.stem.removeprefix("bench_") not in only:
            continue
        print(f"== {script.stem}", flush=True)
        with subprocess.Popen(
            [sys.executable, "-m", f"bench.{script.stem}"],
            cwd=HERE.parent,
            stdout=subprocess.PIPE,
            text=True,
        ) as process:
            assert process.stdout is not None
            for line in process.stdout:
                print(line, end="", flush=True)
                row = parse(line)
                if row is not None:
                    rows.append(row)
        if process.returncode:
            failed.append(script.stem)
    print("\n" + render(rows))
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
