"""CSV import: every error names its line and column; valid rows become holders and permits."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.csv_import import REQUIRED_COLUMNS, ImportResult, RowError, parse_import
from app.domain.demo import generate_demo
from app.domain.model import LabourMarket, Language, Sex

HEADER = list(REQUIRED_COLUMNS)
# 30 July 1985, serial 033 (a man): the RULES.md example.
GOOD = {
    "national_number": "85.07.30-033.28",
    "surname": "EL AMRANI",
    "given_names": "Youssef",
    "birth_date": "1985-07-30",
    "nationality": "MA",
    "card_number": "B1234567890",
    "permit_expiry": "2026-05-31",
    "labour_market": "limited",
    "language": "fr",
}


def _nn(nine: str) -> str:
    """Nine digits and their check digits, for people born before 2000."""
    return f"{nine}{97 - int(nine) % 97:02d}"


def _csv(*rows: dict[str, str], header: list[str] | None = None, sep: str = ",") -> str:
    columns = header or HEADER
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    return out.getvalue()


def _row(**changes: str) -> dict[str, str]:
    return GOOD | changes


def _errors(result: ImportResult) -> list[tuple[int, str, str]]:
    return [(error.row, error.column, error.code) for error in result.errors]


def test_a_good_semicolon_file_with_bom_crlf_and_blank_lines() -> None:
    second = _row(
        national_number=_nn("900212044"),
        surname="ŞAHİN",
        given_names="AYŞE",
        birth_date="1990-02-12",
        nationality="tr",
        card_number="592 1234567 89",
        labour_market="Unlimited",
        language="NL",
        sex="f",
        permit_valid_from="2021-05-31",
        email="ayse@example.be",
        street="Rue des Tilleuls 4",
        postal_code="1099",
        municipality="Valfleuri",
    )
    header = [
        *HEADER,
        "sex",
        "permit_valid_from",
        "email",
        "street",
        "postal_code",
        "municipality",
        "remarks",
    ]
    text = _csv(_row(), second, header=header, sep=";").replace("\n", "\r\n")
    text = "\ufeff" + text.replace("\r\n", "\r\n\r\n  ;;\r\n", 1)
    result = parse_import(text)
    assert result.errors == ()
    assert [row.row for row in result.rows] == [4, 5]
    first, ayse = result.rows[0], result.rows[1]
    assert first.holder.national_number == "85073003328"
    assert first.holder.sex is Sex.MALE  # derived from the national number
    assert first.holder.id is None and first.permit.holder_id is None
    assert first.permit.labour_market is LabourMarket.LIMITED
    assert first.permit.expiry == date(2026, 5, 31) and first.permit.valid_from is None
    assert ayse.holder.surname == "ŞAHİN" and ayse.holder.given_names == "AYŞE"
    assert ayse.holder.sex is Sex.FEMALE and ayse.holder.nationality == "TR"
    assert ayse.holder.language is Language.NL
    assert ayse.permit.card_number == "592123456789"
    assert ayse.permit.labour_market is LabourMarket.UNLIMITED
    assert ayse.permit.valid_from == date(2021, 5, 31)
    assert ayse.holder.address.one_line() == "Rue des Tilleuls 4, 1099 Valfleuri"


def test_values_are_stripped_and_names_kept_as_given() -> None:
    text = _csv(_row(surname="  da Silva ", given_names=" João  Pedro "))
    holder = parse_import(text).rows[0].holder
    assert (holder.surname, holder.given_names) == ("da Silva", "João  Pedro")


@pytest.mark.parametrize(
    "name",
    [
        "<script>alert(1)</script>",
        "O'BRIEN & SONS",
        "Nguyễn",
        '=HYPERLINK("x")',
        "ШЕВЧЕНКО",
        "‏محمد",
    ],
)
def test_hostile_but_valid_names_round_trip_literally(name: str) -> None:
    result = parse_import(_csv(_row(surname=name, given_names=name)))
    assert result.errors == ()
    assert result.rows[0].holder.surname == name == result.rows[0].holder.given_names


def test_a_missing_required_column_is_one_error_on_line_1() -> None:
    header = [column for column in HEADER if column != "card_number"]
    result = parse_import(_csv(_row(), _row(), header=header))
    assert _errors(result) == [(1, "card_number", "missing_column")]
    assert result.rows == ()


def test_duplicate_columns_are_refused() -> None:
    result = parse_import(_csv(_row(), header=[*HEADER, "surname"]))
    assert _errors(result) == [(1, "surname", "duplicate_column")]


def test_too_many_and_too_few_fields() -> None:
    text = _csv(_row()) + ",".join(GOOD.values()) + ",extra\n" + "85073003328,X\n"
    other = _row(
        card_number="B9999999999", national_number=_nn("900212044"), birth_date="1990-02-12"
    )
    text += ",".join(other.values()) + ",,\n"  # empty extra fields are harmless
    result = parse_import(text)
    assert _errors(result) == [(3, "", "field_count"), (4, "", "field_count")]
    assert [row.row for row in result.rows] == [2, 5]


@pytest.mark.parametrize("column", [c for c in HEADER if c != "given_names"])
def test_empty_required_values(column: str) -> None:
    other = _row(
        card_number="B0000000001", national_number=_nn("900212044"), birth_date="1990-02-12"
    ) | {column: "  "}
    result = parse_import(_csv(_row(), other))
    assert _errors(result) == [(3, column, "required")]
    assert [row.row for row in result.rows] == [2]


def test_a_single_name_person_has_empty_given_names() -> None:
    result = parse_import(_csv(_row(surname="VENKATARAMAN", given_names="")))
    assert result.rows[0].holder.given_names == ""


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("2023-02-30", "impossible_date"),
        ("2023-13-01", "impossible_date"),
        ("31/05/2026", "date_format"),
        ("20260531", "date_format"),
        ("2026-W22-1", "date_format"),
        ("２０２６-05-31", "date_format"),
    ],
)
def test_bad_dates(value: str, code: str) -> None:
    result = parse_import(_csv(_row(permit_expiry=value)))
    assert _errors(result) == [(2, "permit_expiry", code)]


def test_valid_from_must_precede_expiry() -> None:
    result = parse_import(
        _csv(_row(permit_valid_from="2026-06-01"), header=[*HEADER, "permit_valid_from"])
    )
    assert _errors(result) == [(2, "permit_valid_from", "valid_from_after_expiry")]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("8507300332", "national_number_length"),
        ("85073003327", "national_number_checksum"),
        ("85O73003328", "national_number_format"),
        ("٨٥٠٧٣٠٠٣٣٢٨", "national_number_format"),
    ],
)
def test_invalid_national_numbers(value: str, code: str) -> None:
    result = parse_import(_csv(_row(national_number=value)))
    assert _errors(result) == [(2, "national_number", code)]
    assert "85O" not in code and result.errors[0].message


def test_national_number_must_agree_with_birth_date() -> None:
    result = parse_import(_csv(_row(birth_date="1985-07-31")))
    assert _errors(result) == [(2, "birth_date", "birth_date_mismatch")]
    assert "1985-07-30" in result.errors[0].message


@pytest.mark.parametrize(
    "number",
    [
        _nn("854730033"),  # bis number, month + 40: not checked against the birth date
        _nn("850700033"),  # day unknown (00)
        _nn("850000033"),  # month and day unknown
    ],
)
def test_birth_date_check_is_skipped_for_bis_and_unknown_dates(number: str) -> None:
    result = parse_import(_csv(_row(national_number=number, birth_date="1985-01-01")))
    assert result.errors == ()
    assert result.rows[0].holder.national_number == number


def test_duplicate_national_number_is_an_error_on_the_later_row() -> None:
    result = parse_import(
        _csv(
            _row(),
            _row(card_number="B2222222222"),
            _row(national_number="85073003328", card_number="B3333333333"),
        )
    )
    assert _errors(result) == [
        (3, "national_number", "duplicate_national_number"),
        (4, "national_number", "duplicate_national_number"),
    ]
    assert "line 2" in result.errors[1].message


def test_duplicate_card_number() -> None:
    result = parse_import(
        _csv(
            _row(),
            _row(
                national_number=_nn("900212044"), birth_date="1990-02-12", card_number="b1234567890"
            ),
        )
    )
    assert _errors(result) == [(3, "card_number", "duplicate_card_number")]


@pytest.mark.parametrize(("value", "expected"), [("M", Sex.MALE), ("m", Sex.MALE), ("", Sex.MALE)])
def test_sex_accepted(value: str, expected: Sex) -> None:
    result = parse_import(_csv(_row(sex=value), header=[*HEADER, "sex"]))
    assert result.rows[0].holder.sex is expected


@pytest.mark.parametrize(("value", "code"), [("X", "invalid_choice"), ("f", "sex_mismatch")])
def test_sex_refused(value: str, code: str) -> None:
    result = parse_import(_csv(_row(sex=value), header=[*HEADER, "sex"]))
    assert _errors(result) == [(2, "sex", code)]


@pytest.mark.parametrize("email", ["ayse", "a@b", "a b@example.be", "a@@example.be", "@x.be"])
def test_email_sanity(email: str) -> None:
    result = parse_import(_csv(_row(email=email), header=[*HEADER, "email"]))
    assert _errors(result) == [(2, "email", "invalid_email")]


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("surname", "EL\tAMRANI", "control_character"),
        ("given_names", "You\x1bssef", "control_character"),
        ("surname", "EL\u202eAMRANI", "control_character"),
        ("surname", "EL\nAMRANI", "control_character"),
        ("surname", "1234", "no_letter"),
        ("surname", "A" * 201, "too_long"),
        ("nationality", "XX", "unknown_country"),
        ("nationality", "EU", "unknown_country"),
        ("nationality", "MAR", "unknown_country"),
        ("nationality", "FR", "eu_national"),
        ("labour_market", "none", "invalid_choice"),
        ("language", "en", "invalid_choice"),
        ("card_number", "n/a", "invalid_card_number"),
        ("postal_code", "75001 Paris", "invalid_postal_code"),
    ],
)
def test_refused_values(column: str, value: str, code: str) -> None:
    header = HEADER if column in HEADER else [*HEADER, column]
    result = parse_import(_csv(_row(**{column: value}), header=header))
    assert _errors(result) == [(2, column, code)]
    assert result.rows == ()


def test_unknown_columns_are_ignored() -> None:
    result = parse_import(_csv(_row(remarks="x"), header=["remarks", *HEADER]))
    assert result.errors == () and len(result.rows) == 1


@pytest.mark.parametrize(
    "text",
    [
        "PK\x03\x04\x14\x00\x06\x00",
        "\x00n\x00a\x00t\x00",
        "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 20,
        "\ufffd\ufffd" * 50,
    ],
)
def test_a_file_that_is_not_text(text: str) -> None:
    result = parse_import(text)
    assert _errors(result) == [(1, "", "not_text")]


@pytest.mark.parametrize("text", ["", "\ufeff", "\n\n  \n"])
def test_an_empty_file(text: str) -> None:
    assert _errors(parse_import(text)) == [(1, "", "empty_file")]


def test_a_value_too_long_for_csv_stops_with_an_error() -> None:
    text = _csv(_row()) + '"' + "x" * 200_000 + '"\n'
    result = parse_import(text)
    assert _errors(result) == [(3, "", "unreadable")]
    assert len(result.rows) == 1


def test_multiline_quoted_values_report_their_first_line() -> None:
    text = _csv(
        _row(surname="EL\nAMRANI"), _row(card_number="B5555555555", national_number="8507300332")
    )
    assert _errors(parse_import(text)) == [
        (2, "surname", "control_character"),
        (4, "national_number", "national_number_length"),
    ]


_CELLS = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.sampled_from(["<b>&amp;</b>", "\x00", "\r\n", '"', ";", ",", "\ufeff", "\u202e"]),
    st.builds(
        lambda part, times: part * times, st.text(min_size=1, max_size=4), st.integers(1, 60_000)
    ),
)


@settings(max_examples=200, deadline=None)
@given(
    column=st.sampled_from([*HEADER, "sex", "email", "permit_valid_from", "street"]),
    cell=_CELLS,
    sep=st.sampled_from([",", ";"]),
    quoted=st.booleans(),
)
def test_any_cell_ends_in_a_row_or_an_error(column: str, cell: str, sep: str, quoted: bool) -> None:
    header = [*HEADER, "sex", "email", "permit_valid_from", "street"]
    if quoted:
        text = _csv(_row(**{column: cell}), header=header, sep=sep)
    else:
        text = (
            sep.join(header)
            + "\n"
            + sep.join(_row(**{column: cell}).get(c, "") for c in header)
            + "\n"
        )
    result = parse_import(text)
    assert len(result.rows) + len(result.errors) >= 1
    assert len(result.rows) <= 1
    assert all(isinstance(error, RowError) and error.message for error in result.errors)
    if result.rows and quoted and column in ("surname", "given_names"):
        assert getattr(result.rows[0].holder, column) == cell.strip()


def test_the_demo_population_imports_cleanly() -> None:
    """Demo and import agree on what valid data is (import takes limited/unlimited only)."""
    pairs = [
        (h, p)
        for h, p in generate_demo(500, seed=3, today=date(2026, 3, 15))
        if p.labour_market in (LabourMarket.LIMITED, LabourMarket.UNLIMITED)
    ]
    header = [
        *HEADER,
        "sex",
        "street",
        "postal_code",
        "municipality",
        "phone",
        "email",
        "permit_valid_from",
    ]
    rows = [
        {
            "national_number": h.national_number or "",
            "surname": h.surname,
            "given_names": h.given_names,
            "birth_date": str(h.birth_date),
            "nationality": h.nationality,
            "card_number": p.card_number,
            "permit_expiry": str(p.expiry),
            "labour_market": p.labour_market.value,
            "language": h.language.value,
            "sex": h.sex.value if h.sex else "",
            "street": h.address.street,
            "postal_code": h.address.postal_code,
            "municipality": h.address.municipality,
            "phone": h.phone,
            "email": h.email,
            "permit_valid_from": str(p.valid_from),
        }
        for h, p in pairs
    ]
    result = parse_import(_csv(*rows, header=header, sep=";"))
    assert result.errors == ()
    unflagged = [
        (replace(h, hospitalised=False, detained=False, travelling=False), p) for h, p in pairs
    ]  # the CSV has no columns for these
    assert [(r.holder, r.permit) for r in result.rows] == unflagged
