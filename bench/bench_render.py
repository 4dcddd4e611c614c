"""Render one annex 50 times and print the median time: ``python bench/bench_render.py``.

A measure to watch by hand (aim: under 50 ms per annex), never a test.
"""

from __future__ import annotations

import logging
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.documents.context import AnnexData
from app.documents.render import render_annex
from app.documents.specimen import fictitious_person

logger = logging.getLogger(__name__)
RUNS = 50


def main() -> None:
    """Warm up once (fonts, forms), then time RUNS renders of an annex 50 in Dutch."""
    data = AnnexData(
        annex="50",
        language="nl",
        person=fictitious_person(),
        issued_on=date(2026, 3, 2),
        register_number="2026/000123",
        commune_name="Schaarbeek",
        valid_until=date(2026, 4, 1),
        extensions=(date(2026, 5, 1),),
        permit_expiry=date(2026, 3, 1),
        renewal_filed_on=date(2026, 1, 5),
    )
    render_annex(data)
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        render_annex(data)
        timings.append((time.perf_counter() - start) * 1000)
    print(f"annex 50 (nl): median {statistics.median(timings):.1f} ms over {RUNS} renders")


if __name__ == "__main__":
    main()
