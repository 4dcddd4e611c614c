"""The catalogs cannot silently fall behind: complete, not fuzzy, and up to date with app/."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from app.ui.i18n import DEFAULT_DIRECTORY, DOMAIN, LANGUAGES

ROOT = DEFAULT_DIRECTORY.parent
TEMPLATE = DEFAULT_DIRECTORY / f"{DOMAIN}.pot"
CODES = tuple(LANGUAGES)
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")
MNEMONIC = re.compile(r"&(?!&)")


@cache
def catalog(code: str) -> Catalog:
    with (DEFAULT_DIRECTORY / code / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as source:
        return read_po(source, locale=code)


@cache
def template() -> Catalog:
    with TEMPLATE.open("rb") as source:
        return read_po(source)


def messages(cat: Catalog) -> list[Message]:
    return [message for message in cat if message.id]


def msgids(cat: Catalog) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in messages(cat)}


def extracted_msgids() -> set[str]:
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config, "babel.cfg")
    found = extract_from_dir(
        ROOT / "app",
        method_map,
        options_map,
        keywords={**DEFAULT_KEYWORDS, "N_": None},
    )
    return {text if isinstance(text, str) else text[0] for _, _, text, _, _ in found}


def test_every_language_has_a_catalog() -> None:
    for code in CODES:
        assert (DEFAULT_DIRECTORY / code / "LC_MESSAGES" / f"{DOMAIN}.po").is_file(), code


@pytest.mark.parametrize("code", CODES)
def test_every_message_is_translated_and_not_fuzzy(code: str) -> None:
    problems = []
    for message in messages(catalog(code)):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        if not all(strings):
            problems.append(f"empty: {message.id!r}")
    assert not problems, f"{code}: " + "; ".join(problems)


def test_english_catalog_repeats_the_msgids() -> None:
    for message in messages(catalog("en")):
        assert message.string == message.id


@pytest.mark.parametrize("code", CODES)
def test_catalog_has_every_template_msgid(code: str) -> None:
    missing = msgids(template()) - msgids(catalog(code))
    assert not missing, f"{code} lacks {sorted(missing)}: run `make extract-messages`"


@pytest.mark.parametrize("code", CODES)
def test_catalog_has_no_message_the_template_dropped(code: str) -> None:
    extra = msgids(catalog(code)) - msgids(template())
    assert not extra, f"{code} still has {sorted(extra)}: run `make extract-messages`"


def test_template_matches_the_source() -> None:
    in_source = extracted_msgids()
    in_template = msgids(template())
    assert in_source - in_template == set(), "new messages: run `make extract-messages`"
    assert in_template - in_source == set(), "removed messages: run `make extract-messages`"


@pytest.mark.parametrize("code", CODES)
def test_translations_keep_placeholders_and_mnemonics(code: str) -> None:
    for message in messages(catalog(code)):
        if not isinstance(message.id, str):
            continue
        assert sorted(PLACEHOLDER.findall(message.string)) == sorted(
            PLACEHOLDER.findall(message.id)
        ), f"{code}: placeholders differ in {message.string!r}"
        assert len(MNEMONIC.findall(message.string)) == len(MNEMONIC.findall(message.id)), (
            f"{code}: mnemonic lost or added in {message.string!r}"
        )


def test_translations_directory_is_found_from_the_package() -> None:
    assert Path(DEFAULT_DIRECTORY).name == "translations"
    assert (DEFAULT_DIRECTORY.parent / "app" / "ui" / "i18n.py").is_file()
