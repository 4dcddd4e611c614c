"""CSV import (issue 14, point 4): the holders of the 10k and 100k demo databases (and the
first 100,000 of the 1M one) exported to a CSV with every column, imported into a new
database with full validation, then imported again (every holder known: updates), each
against ``sqlite3 .import`` of the same file into a bare table, in the same run.
Aim: ≥ 20,000 rows/s, within 10× of ``.import``."""

from __future__ import annotations

import csv
import shutil
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

from app.domain.csv_import import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from app.services.desk import Desk
from app.services.importing import import_csv
from bench.databases import database
from bench.measure import sizes
from bench.table import Row, emit

MAX_ROWS = 100_000
COLUMNS = [*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS]  # every column the import reads
EXPORT = """
SELECT h.national_number, h.surname, h.given_names, h.birth_date, h.nationality,
       p.card_number, p.expiry, p.labour_market, h.language, h.sex, h.street,
       h.postal_code, h.municipality, h.phone, h.email, p.valid_from
FROM holders h JOIN permits p ON p.holder_id = h.id
WHERE p.labour_market IN ('limited', 'unlimited') AND h.national_number IS NOT NULL
ORDER BY h.id LIMIT ?
"""


def export(source: Path, target: Path, rows: int) -> int:
    db = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        found = db.execute(EXPORT, [rows]).fetchall()
    finally:
        db.close()
    with target.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(COLUMNS)
        writer.writerows(found)
    return len(found)


def sqlite_import(csv_file: Path, folder: Path) -> float:
    """Seconds ``sqlite3 .import`` takes to load the file into a new table."""
    target = folder / "floor.sqlite"
    target.unlink(missing_ok=True)
    start = time.perf_counter()
    subprocess.run(
        ["sqlite3", str(target), ".mode csv", ".separator ;", f".import {csv_file} holders"],
        check=True,
    )
    return time.perf_counter() - start


def timed_import(db: Path, csv_file: Path) -> tuple[float, int]:
    with Desk.open(db, local_admin=True) as desk:
        start = time.perf_counter()
        report = import_csv(desk, csv_file)
        seconds = time.perf_counter() - start
    return seconds, report.inserted + report.updated


def main() -> None:
    if shutil.which("sqlite3") is None:
        print("sqlite3 (the command-line shell) is not installed: no floor to compare with")
        return
    for persons in sizes():
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            csv_file = folder / "holders.csv"
            rows = export(database(persons), csv_file, min(persons, MAX_ROWS))
            db = folder / "import.sqlite"
            for kind in ("new holders", "known holders"):
                floor = sqlite_import(csv_file, folder)
                seconds, imported = timed_import(db, csv_file)
                assert imported == rows
                emit(
                    Row(
                        f"import {rows:,} rows, {kind}",
                        persons,
                        rows / seconds,
                        rows / floor,
                        "rows/s",
                        f"{seconds:.1f} s; floor sqlite3 .import {floor:.2f} s",
                    )
                )


if __name__ == "__main__":
    main()
