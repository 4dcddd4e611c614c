"""Hostile input, property-based: CSV imports, holder names and addresses, annex values.

Each target runs its examples on a database of its own (a new file per example, so no
example sees what another stored) and checks what it did row by row: what was stored is
exactly what the file or the form said, what was refused is named by line with a message,
and the database passes ``check`` after it. Each target then checks that its examples ran
and reached the outcomes it is about; ``pytest -s`` prints the counts.
"""

from __future__ import annotations

import io
import re
import shutil
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab import rl_config
from stdnum.be import bis, nn

from app.documents.context import AnnexData, PersonData
from app.documents.render import render_annex
from app.domain.csv_import import REQUIRED_COLUMNS
from app.domain.demo import national_number_for
from app.domain.model import Address, Holder
from app.paths import counter_name
from app.services import audit
from app.services.desk import Desk
from app.services.files import save_holder
from app.services.importing import ImportRejected, import_csv
from app.services.maintenance import check

CSV_EXAMPLES = HOLDER_EXAMPLES = ANNEX_EXAMPLES = 300
TOO_SLOW = [HealthCheck.too_slow]  # a database per example: slow on a busy machine
TODAY = date(2026, 11, 23)

HEADER = list(REQUIRED_COLUMNS)  # the columns every import file has, in their usual order
PLAUSIBLE = {
    "national_number": st.sampled_from(["85073003328", "85.07.30-033.28", "", "12345", "x"]),
    "birth_date": st.sampled_from(["1985-07-30", "30/07/1985", "1990-02-30", ""]),
    "nationality": st.sampled_from(["MA", "TR", "FR", "ZZ", "", "ma"]),
    "card_number": st.sampled_from(["B012345678", "B012345679", "1", ""]),
    "permit_expiry": st.sampled_from(["2027-05-31", "2027", ""]),
    "labour_market": st.sampled_from(["limited", "unlimited", "maybe"]),
    "language": st.sampled_from(["fr", "nl", "de", "en"]),
}
hostile_text = st.text(max_size=300) | st.sampled_from(
    [
        "<b>x</b>",
        '<img src="http://example.invalid/x.png"/>',
        "&amp;&",
        "\x00",
        "\u202e",
        "=cmd|' /C calc'!A0",
        '"',
        ";",
        "\r\n",
        "\ufeff",
    ]
)
# Names a person may have, spaces and punctuation included; never refused.
name_text = st.text(
    st.characters(categories=("L", "M", "Zs", "Pd", "Po", "Sm")), min_size=1, max_size=60
).filter(lambda text: any(unicodedata.category(c).startswith("L") for c in text.strip()))
BIRTH_DATE = date(1985, 7, 30)
NOT_SINGLE_PERMIT_NATIONALITIES = {"FR", "ZZ"}  # EU (free movement), no country
LINE_BREAK = re.compile(r"\r\n|\r|\n")  # as csv, reading with newline="", counts lines


@pytest.fixture
def empty_database(tmp_path: Path) -> Path:
    """An empty database file, its schema up to date: each example gets a copy of it."""
    path = tmp_path / "empty.sqlite"
    Desk.open(path, user="clerk", clock=lambda: TODAY).close()
    return path


@contextmanager
def fresh_desk(empty_database: Path) -> Iterator[tuple[Desk, Path]]:
    """A desk (user ``clerk``, no accounts: it may import) on a copy of the empty database
    in a new temporary folder, and that folder.

    Hypothesis runs every example of a test inside one call of it, so a function-scoped
    fixture would be shared by all of them: each example opens its own database here
    (a copy, not a new file, because migrating a new file costs five times as long)."""
    with tempfile.TemporaryDirectory(prefix="hostile-") as name:
        path = Path(name) / "permitdesk.sqlite"
        shutil.copy(empty_database, path)
        desk = Desk.open(path, user="clerk", clock=lambda: TODAY)
        try:
            yield desk, path.parent
        finally:
            desk.close()


# -- CSV import ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvFile:
    text: str
    records: tuple[dict[str, str], ...]  # each data record, column → cell as written
    lines: tuple[int, ...]  # the line of the file each record starts on (header: 1)


@st.composite
def hostile_rows(draw: st.DrawFn) -> dict[str, str]:
    """Any cell in any column: plausible values, wrong ones, and anything at all."""
    return {c: draw(PLAUSIBLE.get(c, hostile_text) | hostile_text) for c in HEADER}


@st.composite
def holder_rows(draw: st.DrawFn) -> dict[str, str]:
    """A row a commune would export, with hostile names and a few of the usual mistakes
    (numbers repeated between rows, an EU nationality, a language that is not ours)."""
    number = national_number_for(BIRTH_DATE, 2 * draw(st.integers(1, 12)))
    return {
        "national_number": draw(
            st.sampled_from(
                [number, f"{number[:2]}.{number[2:4]}.{number[4:6]}-{number[6:9]}.{number[9:]}"]
            )
        ),
        "surname": draw(name_text | name_text | hostile_text),
        "given_names": draw(name_text | name_text | hostile_text),
        "birth_date": draw(st.sampled_from(["1985-07-30", " 1985-07-30 "])),
        "nationality": draw(st.sampled_from(["MA", "TR", "ma", "FR"])),
        "card_number": f"B{draw(st.integers(1, 12)):010d}",
        "permit_expiry": "2027-05-31",
        "labour_market": draw(st.sampled_from(["limited", "unlimited", "Limited"])),
        "language": draw(st.sampled_from(["fr", "nl", "de", "NL", "en"])),
    }


@st.composite
def csv_files(draw: st.DrawFn) -> CsvFile:
    separator = draw(st.sampled_from([";", ","]))
    columns = draw(st.permutations(HEADER)) if draw(st.booleans()) else HEADER
    # Half the files are exports (hostile names, usual mistakes), so that many examples
    # store rows; the others mix in rows of anything, which often refuse the whole file.
    rows = holder_rows() if draw(st.booleans()) else holder_rows() | hostile_rows()
    records = draw(st.lists(rows, max_size=5))
    quote = lambda v: '"' + v.replace('"', '""') + '"'  # noqa: E731
    texts, lines, line = [separator.join(columns)], [], 2
    for record in records:
        text = separator.join(quote(record[c]) for c in columns)
        texts.append(text)
        lines.append(line)
        line += 1 + len(LINE_BREAK.findall(text))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return CsvFile(bom + "\n".join(texts) + "\n", tuple(records), tuple(lines))


def digits(text: str) -> str:
    return "".join(c for c in text if c in "0123456789")


def assert_stored_as_written(desk: Desk, record: dict[str, str]) -> None:
    """The holder and permit of an imported record are the record's cells, each as the
    importer documents it (trimmed; codes upper or lower case); no cell a check refuses."""
    number = digits(record["national_number"])
    assert nn.is_valid(number) or bis.is_valid(number), record
    holder = desk.store.find_holder(number)
    assert holder is not None, record
    assert (holder.surname, holder.given_names) == (
        record["surname"].strip(),
        record["given_names"].strip(),
    )
    for name in (holder.surname, holder.given_names):
        assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in name), record
    assert holder.birth_date == date.fromisoformat(record["birth_date"].strip())
    assert holder.nationality == record["nationality"].strip().upper()
    assert holder.nationality not in NOT_SINGLE_PERMIT_NATIONALITIES
    assert holder.language.value == record["language"].strip().lower()
    [permit] = desk.store.permits_of(holder.id)  # type: ignore[arg-type]
    assert permit.card_number == re.sub(r"[ .\-/]", "", record["card_number"].strip()).upper()
    assert permit.expiry == date.fromisoformat(record["permit_expiry"].strip())
    assert permit.labour_market.value == record["labour_market"].strip().lower()


def test_csv_import_stores_or_rejects(empty_database: Path) -> None:
    outcomes: Counter[str] = Counter()

    @settings(max_examples=CSV_EXAMPLES, deadline=None, suppress_health_check=TOO_SLOW)
    @given(file=csv_files(), skip=st.booleans())
    def import_one(file: CsvFile, skip: bool) -> None:
        with fresh_desk(empty_database) as (desk, folder):
            path = folder / "import.csv"
            path.write_text(file.text, encoding="utf-8")
            try:
                report = import_csv(desk, path, skip_invalid=skip)
            except ImportRejected as rejected:
                errors, stored = rejected.errors, None
            else:
                errors, stored = report.errors, report
            refused = {e.row for e in errors}  # line 1: the file as a whole
            assert all(e.message for e in errors)
            assert refused <= {1, *file.lines}  # each error names the header or a record
            if "\x00" in file.text:
                assert 1 in refused  # binary data: not a CSV file at all
            imports = [e for e in audit.entries(desk) if e.action == "import"]
            if stored is None:
                outcomes["rejected"] += 1
                assert errors and not skip  # refused only without --skip-invalid
                assert desk.store.count_holders() == 0 and imports == []
            else:
                assert skip or not errors
                # Every record not refused is stored, but for blank ones.
                kept = [
                    record
                    for record, line in zip(file.records, file.lines, strict=True)
                    if 1 not in refused
                    and line not in refused
                    and any(cell.strip() for cell in record.values())
                ]
                outcomes["stored: rows"] += len(kept)
                outcomes["stored: rows refused"] += len(refused - {1})
                assert (stored.inserted, stored.updated, stored.skipped) == (
                    len(kept),
                    0,
                    len(refused),
                )
                assert desk.store.count_holders() == len(kept)
                for record in kept:
                    assert_stored_as_written(desk, record)
                [entry] = imports
                assert entry.detail == {
                    "counter": counter_name(),  # this workstation's, as in every audit row
                    "inserted": len(kept),
                    "updated": 0,
                    "skipped": len(refused),
                }
            assert check(desk.store) == []

    import_one()
    print("\ncsv import:", dict(outcomes))
    assert outcomes["rejected"] > 0
    assert outcomes["stored: rows"] > 0 and outcomes["stored: rows refused"] > 0


def test_csv_that_is_not_utf8_is_a_clear_error(desk, tmp_path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(";".join(HEADER).encode() + b"\n\xe9\xe8;\xff\n")
    with pytest.raises(ValueError, match="not UTF-8"):
        import_csv(desk, path)
    assert desk.store.count_holders() == 0


# -- holder editing -----------------------------------------------------------------------


def test_holder_names_round_trip(empty_database: Path) -> None:
    outcomes: Counter[str] = Counter()

    @settings(max_examples=HOLDER_EXAMPLES, deadline=None, suppress_health_check=TOO_SLOW)
    @given(surname=hostile_text, given=hostile_text, street=hostile_text, town=hostile_text)
    def save_one(surname: str, given: str, street: str, town: str) -> None:
        with fresh_desk(empty_database) as (desk, _folder):
            try:
                holder = save_holder(
                    desk, Holder(surname, given, address=Address(street, "1000", town))
                )
            except ValueError as refused:  # a clear refusal leaves nothing behind
                outcomes["refused"] += 1
                assert str(refused)
                assert desk.store.count_holders() == 0 and audit.entries(desk) == []
                return
            outcomes["stored"] += 1
            assert holder.id is not None and desk.store.count_holders() == 1
            stored = desk.store.get_holder(holder.id)
            assert (stored.surname, stored.given_names) == (surname, given)
            assert (stored.address.street, stored.address.municipality) == (street, town)
            # The audit trail names the record, never what was typed.
            [entry] = audit.entries(desk)
            assert (entry.user, entry.action, entry.entity, entry.entity_id) == (
                "clerk",
                "create",
                "holder",
                holder.id,
            )
            assert entry.detail == {"counter": counter_name()}
            assert check(desk.store) == []

    save_one()
    print("\nholder editing:", dict(outcomes))
    assert outcomes["stored"] > 0


# -- annex rendering ----------------------------------------------------------------------


def _annex(name: str, address: str) -> AnnexData:
    person = PersonData(name, name[:50], date(1985, 7, 30), name[:80], "MA", None, "F", address)
    return AnnexData(
        annex="50",
        language="fr",
        person=person,
        issued_on=date(2026, 11, 23),
        register_number="2026/000001",
        commune_name="Bruxelles",
        commune_address="Grand-Place 1",
        signatory_name=name[:40],
        signatory_title="Échevine",
        valid_until=date(2026, 12, 23),
    )


def _text_without_spaces(pdf: bytes) -> str:
    """All the text of the PDF with every white space removed: a long name wraps over
    lines, so only what is printed, not where the lines break, is compared."""
    return "".join(
        "".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages
    )


def test_reportlab_fetches_nothing() -> None:
    assert list(rl_config.trustedHosts or []) == []
    assert list(rl_config.trustedSchemes or []) == []


def test_annex_renders_any_name() -> None:
    outcomes: Counter[str] = Counter()

    @settings(max_examples=ANNEX_EXAMPLES, deadline=None)
    @given(name=hostile_text | st.text(min_size=1500, max_size=2000), address=hostile_text)
    def render_one(name: str, address: str) -> None:
        try:
            pdf = render_annex(_annex(name, address))
        except ValueError as refused:
            outcomes["refused"] += 1
            assert str(refused)
            return
        outcomes["rendered"] += 1
        assert pdf.startswith(b"%PDF")
        assert b"/Subtype /Image" not in pdf  # markup in a name never becomes an image
        text = _text_without_spaces(pdf)
        assert "2026/000001" in text
        # Every run of plain letters and digits of the name and address is printed, in
        # order within the run, whatever surrounds it (glyphs PDF text extraction cannot
        # map back, such as unassigned code points, are not compared).
        for run in re.findall(r"[A-Za-z0-9]+", f"{name} {address}"):
            assert run in text, run

    render_one()
    print("\nannex rendering:", dict(outcomes))
    assert outcomes["rendered"] > 0


def test_markup_in_a_name_is_printed_literally(monkeypatch) -> None:
    import urllib.request

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the renderer tried to fetch a URL")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    name = '<img src="http://example.invalid/x.png"/> <b>Bold</b> & Co'
    pdf = render_annex(_annex(name, "Rue <i>Haute</i> 12"))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert '<img src="http://example.invalid/x.png"/>' in text
    assert "<b>Bold</b> & Co" in text
    assert "Rue <i>Haute</i> 12" in text
    assert b"/Subtype /Image" not in pdf
