"""Hostile input, property-based: CSV imports, holder names and addresses, annex values.

Each target states its examples; the counts run are printed (``pytest -s``) and kept in
``EXAMPLES`` for the report. A run must end in a stored result or a clear, expected
refusal, never in another exception, and the database must pass ``check`` after it.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab import rl_config

from app.documents.context import AnnexData, PersonData
from app.documents.render import render_annex
from app.domain.model import Address, Holder
from app.services.files import save_holder
from app.services.importing import ImportRejected, import_csv
from app.services.maintenance import check

EXAMPLES: Counter[str] = Counter()
CSV_EXAMPLES = HOLDER_EXAMPLES = ANNEX_EXAMPLES = 300
FIXTURES_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]

HEADER = [
    "national_number",
    "surname",
    "given_names",
    "birth_date",
    "nationality",
    "card_number",
    "permit_expiry",
    "labour_market",
    "language",
]
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


@st.composite
def csv_files(draw: st.DrawFn) -> str:
    separator = draw(st.sampled_from([";", ","]))
    columns = draw(st.permutations(HEADER)) if draw(st.booleans()) else HEADER
    rows = []
    for _ in range(draw(st.integers(0, 5))):
        rows.append([draw(PLAUSIBLE.get(c, hostile_text) | hostile_text) for c in columns])
    quote = lambda v: '"' + v.replace('"', '""') + '"'  # noqa: E731
    lines = [separator.join(columns), *(separator.join(map(quote, row)) for row in rows)]
    return draw(st.sampled_from(["", "\ufeff"])) + "\n".join(lines) + "\n"


@settings(max_examples=CSV_EXAMPLES, deadline=None, suppress_health_check=FIXTURES_OK)
@given(text=csv_files(), skip=st.booleans())
def test_csv_import_stores_or_rejects(desk, tmp_path, text: str, skip: bool) -> None:
    EXAMPLES["csv import"] += 1
    path = tmp_path / "import.csv"
    path.write_text(text, encoding="utf-8")
    try:
        report = import_csv(desk, path, skip_invalid=skip)
    except ImportRejected as rejected:
        EXAMPLES["csv import: rejected"] += 1
        assert rejected.errors and all(e.message for e in rejected.errors)
    else:
        EXAMPLES["csv import: stored"] += 1
        assert report.inserted + report.updated + report.skipped >= 0
    assert check(desk.store) == []


def test_csv_that_is_not_utf8_is_a_clear_error(desk, tmp_path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(";".join(HEADER).encode() + b"\n\xe9\xe8;\xff\n")
    with pytest.raises(ValueError, match="not UTF-8"):
        import_csv(desk, path)


@settings(max_examples=HOLDER_EXAMPLES, deadline=None, suppress_health_check=FIXTURES_OK)
@given(surname=hostile_text, given=hostile_text, street=hostile_text, town=hostile_text)
def test_holder_names_round_trip(desk, surname: str, given: str, street: str, town: str) -> None:
    EXAMPLES["holder editing"] += 1
    try:
        holder = save_holder(desk, Holder(surname, given, address=Address(street, "1000", town)))
    except ValueError as refused:
        EXAMPLES["holder editing: refused"] += 1
        assert str(refused)
        return
    stored = desk.store.get_holder(holder.id)  # type: ignore[arg-type]
    assert (stored.surname, stored.given_names) == (surname, given)
    assert (stored.address.street, stored.address.municipality) == (street, town)


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


def test_reportlab_fetches_nothing() -> None:
    assert list(rl_config.trustedHosts or []) == []
    assert list(rl_config.trustedSchemes or []) == []


@settings(max_examples=ANNEX_EXAMPLES, deadline=None)
@given(name=hostile_text | st.text(min_size=1500, max_size=2000), address=hostile_text)
def test_annex_renders_any_name(name: str, address: str) -> None:
    EXAMPLES["annex rendering"] += 1
    try:
        pdf = render_annex(_annex(name, address))
    except ValueError as refused:
        EXAMPLES["annex rendering: refused"] += 1
        assert str(refused)
        return
    assert pdf.startswith(b"%PDF")


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
    assert b"/Subtype /Image" not in pdf


def test_examples_ran() -> None:
    """Runs last in this module: prints what each target tried (``pytest -s``)."""
    print("\nhypothesis examples:", dict(EXAMPLES))
