"""``permitdesk assess``: one JSON object on stdin, one on stdout; errors on stderr only."""

from __future__ import annotations

import json

import pytest

TODAY = "2026-11-23"
CASES = [
    (
        {
            "case": "limited_renewal",
            "permit_expiry": "2026-11-20",
            "renewal_filed_on": "2026-10-14",
            "regional_attestation": True,
        },
        "49",
        "2026-12-23",
    ),
    ({"case": "unlimited_renewal", "permit_expiry": "2026-12-13"}, "50", "2026-12-23"),
    (
        {
            "case": "unlimited_renewal",
            "permit_expiry": "2026-12-13",
            "missing_documents": ["photo"],
        },
        "41",
        None,
    ),
    (
        {
            "case": "work_authorisation_ended",
            "permit_expiry": "2026-12-13",
            "work_authorisation_ended_on": "2026-10-24",
        },
        "51",
        "2027-01-22",
    ),
    ({"case": "first_registration"}, "49", "2027-01-07"),
    (
        {
            "case": "limited_renewal",
            "permit_expiry": "2026-11-20",
            "renewal_filed_on": "2026-10-14",
        },
        None,
        None,
    ),
]


@pytest.mark.parametrize(("facts", "annex", "valid_until"), CASES)
def test_each_case(run, facts, annex, valid_until) -> None:
    result = run("assess", stdin=json.dumps({"today": TODAY, **facts}))
    assert result.code == 0
    assert result.err == ""
    answer = json.loads(result.out)
    assert (answer["annex"], answer["valid_until"]) == (annex, valid_until)
    assert answer["explanation"]


def test_language_of_the_explanation(run) -> None:
    facts = json.dumps({"today": TODAY, **CASES[-1][0]})
    french = json.loads(run("assess", stdin=facts).out)["explanation"]
    dutch = json.loads(run("assess", "--lang", "nl", stdin=facts).out)["explanation"]
    assert "autorité régionale" in french
    assert "gewestelijke overheid" in dutch


def test_non_ascii_is_printed_as_is(run) -> None:
    result = run("assess", stdin=json.dumps({"today": TODAY, **CASES[-1][0]}))
    assert "é" in result.out and "\\u00e9" not in result.out


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        (json.dumps({"case": "asylum", "today": TODAY}), "case: unknown case 'asylum'"),
        (
            json.dumps({"case": "first_registration", "today": "2026-02-30"}),
            "today: '2026-02-30' is not a valid date",
        ),
        (json.dumps({"case": "unlimited_renewal", "today": TODAY}), "permit_expiry: required"),
        (json.dumps({"case": "first_registration"}), "today: required"),
        (
            json.dumps(
                {"case": "work_authorisation_ended", "today": TODAY, "permit_expiry": "2026-12-13"}
            ),
            "work_authorisation_ended_on: required",
        ),
        (json.dumps([1, 2]), "input: expected one JSON object"),
        ("{not json", "stdin is not JSON"),
        ("", "stdin is not JSON"),
    ],
)
def test_bad_input_exits_2_with_nothing_on_stdout(run, stdin: str, message: str) -> None:
    result = run("assess", stdin=stdin)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("permitdesk: error: ")
    assert message in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_a_day_before_the_law_is_a_clear_error(run) -> None:
    result = run("assess", stdin=json.dumps({"case": "first_registration", "today": "2010-01-01"}))
    assert result.code == 2
    assert result.out == ""
    assert "2019" in result.err
