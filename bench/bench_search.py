"""Search at 10k, 100k and 1M holders (issue 14, point 3): the counter's search service
against the unranked FTS5 query on the same file (``LIMIT 50``), interleaved; exact
numbers against a look-up of the unique index. Aims: p99 ≤ 30 ms at any size, within 3×
of the floor; an exact number under 1 ms."""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

from app.domain.search import parse_query
from app.services.desk import Desk
from app.services.search import search
from app.store.search import fts_match
from bench.databases import database
from bench.measure import interleaved, percentile, sizes
from bench.table import Row, emit

RUNS = 15
NAMED = ["mohamed", "yilmaz", "el amrani", "nguyen thi", "m", "sa", "zh", "85.07", "B47"]
FLOOR = (
    "SELECT h.* FROM holder_search s JOIN holders h ON h.id = s.rowid "
    "WHERE holder_search MATCH ? LIMIT 50"
)


def typed_queries(desk: Desk, count: int) -> list[str]:
    """What clerks type, drawn from the register: a surname's first letters, a surname,
    a given name and the start of the surname, a national number."""
    rng = random.Random(7)
    total = desk.store.count_holders()
    queries = []
    for _ in range(count):
        holder = desk.store.get_holder(rng.randint(1, total))
        queries += [
            holder.surname[:3],
            holder.surname,
            f"{holder.given_names.split()[0] if holder.given_names else ''} {holder.surname[:4]}",
            holder.national_number or holder.surname,
        ]
    return queries


def measure(desk: Desk, text: str, runs: int = RUNS) -> tuple[list[float], list[float]]:
    query = parse_query(text)
    assert query is not None
    match = fts_match(query)
    return interleaved(
        lambda: search(desk, text),
        lambda: desk.store._all(FLOOR, [match]),
        runs,
    )


def exact_number(desk: Desk, persons: int) -> tuple[list[float], list[float]]:
    number = desk.store.get_holder(persons // 2).national_number or ""
    return interleaved(
        lambda: search(desk, number),
        lambda: desk.store._all("SELECT * FROM holders WHERE national_number = ?", [number]),
        RUNS * 4,
    )


def main() -> None:
    for persons in sizes():
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "search.sqlite"  # opening migrates: never the cached file
            shutil.copy(database(persons), copy)
            with Desk.open(copy, local_admin=True) as desk:
                for text in NAMED:
                    app, floor = measure(desk, text)
                    emit(
                        Row(
                            f"search '{text}' median",
                            persons,
                            percentile(app, 0.5),
                            percentile(floor, 0.5),
                            note="unranked FTS5, LIMIT 50",
                        )
                    )
                every_app: list[float] = []
                every_floor: list[float] = []
                for text in typed_queries(desk, 50):
                    app, floor = measure(desk, text, runs=3)
                    every_app += app
                    every_floor += floor
                emit(
                    Row(
                        "search, 200 typed queries p99",
                        persons,
                        percentile(every_app, 0.99),
                        percentile(every_floor, 0.99),
                        note="unranked FTS5, LIMIT 50",
                    )
                )
                emit(
                    Row(
                        "search, 200 typed queries median",
                        persons,
                        percentile(every_app, 0.5),
                        percentile(every_floor, 0.5),
                    )
                )
                app, floor = exact_number(desk, persons)
                emit(
                    Row(
                        "search, exact national number median",
                        persons,
                        percentile(app, 0.5),
                        percentile(floor, 0.5),
                        note="unique index look-up",
                    )
                )


if __name__ == "__main__":
    main()
