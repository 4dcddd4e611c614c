"""``permitdesk specimen``: every model in every language, for review before going live."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "specimens"
    folder.mkdir()
    return folder


def test_a_folder_that_does_not_exist_is_refused(run, tmp_path: Path) -> None:
    missing = tmp_path / "typo"
    result = run("specimen", "--out", str(missing), "--annex", "49", "--lang", "nl")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"permitdesk: error: the folder {missing} does not exist; create it or choose another\n"
    )
    assert not missing.exists()


def test_one_annex_one_language(run, out: Path, pdf_text) -> None:
    result = run("specimen", "--out", str(out), "--annex", "49", "--lang", "nl")
    assert result.code == 0
    assert result.out.splitlines() == [
        str(out / "annex-49-renewal-nl.pdf"),
        str(out / "annex-49-first-registration-nl.pdf"),
    ]
    assert "Bijlage 49" in pdf_text((out / "annex-49-renewal-nl.pdf").read_bytes())
    first = pdf_text((out / "annex-49-first-registration-nl.pdf").read_bytes())
    assert "Voorlopig verblijfsdocument in afwachting" in first


def test_every_annex_in_every_language_by_default(run, out: Path) -> None:
    result = run("specimen", "--out", str(out))
    assert result.code == 0
    kinds = ("41", "49-renewal", "49-first-registration", "50", "51")
    expected = {f"annex-{kind}-{lang}.pdf" for kind in kinds for lang in ("fr", "nl", "de")}
    expected |= {f"annex-51-{lang}-family-1.pdf" for lang in ("fr", "nl", "de")}
    assert {p.name for p in out.iterdir()} == expected
    assert all(p.read_bytes().startswith(b"%PDF") for p in out.iterdir())


def test_holder_from_json_with_family(run, out: Path, tmp_path: Path, pdf_text) -> None:
    holder = tmp_path / "holder.json"
    holder.write_text(
        json.dumps(
            {
                "surname": "Öztürk <&>",
                "given_names": "Ayşe",
                "birth_date": "1985-07-30",
                "nationality": "TR",
                "national_number": "85.07.30-033.28",
                "sex": "F",
                "family": [{"surname": "Öztürk", "given_names": "Can", "nationality": "TR"}],
            }
        ),
        encoding="utf-8",
    )
    result = run(
        "specimen", "--out", str(out), "--annex", "51", "--lang", "fr", "--holder", str(holder)
    )
    assert result.code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "annex-51-fr-family-1.pdf",
        "annex-51-fr.pdf",
    ]
    assert "Öztürk <&>" in pdf_text((out / "annex-51-fr.pdf").read_bytes())
    assert "Can" in pdf_text((out / "annex-51-fr-family-1.pdf").read_bytes())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "holder.json: "),
        ("[1, 2]", "person: expected a JSON object"),
        ('{"surname": "", "nationality": "MA"}', "surname: required"),
        ('{"surname": "X", "nationality": "ZZZ"}', "nationality: unknown country code"),
        (
            '{"surname": "X", "nationality": "MA", "birth_date": "1985-02-30"}',
            "birth_date: impossible date",
        ),
        (
            '{"surname": "X", "nationality": "MA", "national_number": "12345678901"}',
            "national_number: invalid national number",
        ),
        (
            '{"surname": "X", "nationality": "MA", "family": [{"surname": 3}]}',
            "family[0].surname: expected text",
        ),
    ],
)
def test_bad_holder_json_exits_2(run, out: Path, tmp_path: Path, content, message) -> None:
    holder = tmp_path / "holder.json"
    holder.write_text(content, encoding="utf-8")
    result = run("specimen", "--out", str(out), "--holder", str(holder))
    assert result.code == 2
    assert message in result.err
    assert result.out == ""
    assert not out.exists() or not list(out.iterdir())


def test_missing_holder_file_exits_2(run, out: Path, tmp_path: Path) -> None:
    result = run("specimen", "--out", str(out), "--holder", str(tmp_path / "nobody.json"))
    assert result.code == 2
    assert "nobody.json" in result.err


@pytest.mark.parametrize("argv", [["--annex", "52"], ["--lang", "en"], []])
def test_bad_choices_exit_2(run, out: Path, argv) -> None:
    result = run("specimen", *(["--out", str(out)] if argv else []), *argv)
    assert result.code == 2
