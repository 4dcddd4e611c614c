"""Timing helpers shared by the benchmarks: app and floor interleaved in one run, so that
the machine's load weighs on both alike."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from bench.databases import SIZES


def sizes() -> tuple[int, ...]:
    """The database sizes to measure at: ``BENCH_SIZES`` (comma-separated) or all."""
    chosen = os.environ.get("BENCH_SIZES", "")
    return tuple(int(size) for size in chosen.split(",") if size) or SIZES


def interleaved(
    app: Callable[[], object], floor: Callable[[], object], runs: int
) -> tuple[list[float], list[float]]:
    """Milliseconds of ``runs`` calls of each, alternating (after one warm-up call each)."""
    app()
    floor()
    app_times, floor_times = [], []
    for _ in range(runs):
        for call, times in ((app, app_times), (floor, floor_times)):
            start = time.perf_counter()
            call()
            times.append((time.perf_counter() - start) * 1000)
    return app_times, floor_times


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]
