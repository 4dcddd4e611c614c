"""Names in every script found from a Belgian keyboard, through the real search: the
query is folded as the index is (app.domain.text.fold), the store matches it in FTS5.

The property tests draw names "in the held-out style" of the demo's name lists
(app.domain.names): names that are not in the lists but are written with the letters of
each list (Turkish, Vietnamese, Portuguese, Maghrebi French spellings...), and names of the
Russian, Ukrainian and Greek lists in their own script. The clerk types the passport's
spelling as a Belgian AZERTY keyboard allows (é, è, ç, à, ù, the ^ and ¨ dead keys; other
letters as the passport's Latin letter), a prefix of some of the words, in any order, in
any case: the holder is found. Each example runs on its own copy of an empty database.
"""

from __future__ import annotations

import shutil
import string
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from anyascii import anyascii
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.model import Holder
from app.domain.names import NATIONALITIES, NamePool
from app.services.desk import Desk
from app.services.files import save_holder
from app.services.search import search

TODAY = date(2026, 11, 23)
EXAMPLES = 60
SLOW = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]

BELGIAN_KEYBOARD = frozenset(string.ascii_letters) | frozenset("éèçàùâêîôûäëïöüÿ")
"""The letters of a Belgian AZERTY keyboard (with the ^ and ¨ dead keys)."""


@pytest.fixture(scope="module")
def empty_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("search") / "empty.sqlite"
    Desk.open(path, user="clerk", clock=lambda: TODAY).close()
    return path


@contextmanager
def fresh_desk(empty_database: Path) -> Iterator[Desk]:
    with tempfile.TemporaryDirectory(prefix="search-") as folder:
        path = Path(folder) / "permitdesk.sqlite"
        shutil.copy(empty_database, path)
        desk = Desk.open(path, user="clerk", clock=lambda: TODAY)
        try:
            yield desk
        finally:
            desk.close()


def found_ids(desk: Desk, text: str) -> set[int | None]:
    return {holder.id for holder in search(desk, text, limit=1000).holders}


# -- the names --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("surname", "given_names", "typed"),
    [
        ("Əliyev", "İlham", "aliyev"),
        ("Jovanović", "Ðorđe", "dorde"),
        ("Иванов", "Сергей", "ivanov"),
        ("Иванова", "Юлия", "IULIIA ivanova"),  # the passport's ICAO spelling
        ("Шевченко", "Олександр", "oleksandr shev"),  # the Ukrainian passport's
        ("Παπαδόπουλος", "Γεώργιος", "georgios papadopoulos"),
        ("Ŋom", "Ħalil", "ngom halil"),
        ("محمد", "", "mhmd"),
    ],
)
def test_names_in_any_script_are_found_from_a_belgian_keyboard(
    desk: Desk, surname: str, given_names: str, typed: str
) -> None:
    holder = save_holder(desk, Holder(surname, given_names))
    other = save_holder(desk, Holder("Benali", "Amina"))
    assert found_ids(desk, typed) == {holder.id}
    assert other.id not in found_ids(desk, typed)


# -- the property: the demo's styles ------------------------------------------------------


def _pools() -> list[NamePool]:
    seen: dict[int, NamePool] = {}
    for _weight, pool in NATIONALITIES.values():
        seen.setdefault(id(pool), pool)
    return list(seen.values())


def _letters(pool: NamePool) -> str:
    names = (*pool.surnames, *pool.female_surnames, *pool.male, *pool.female)
    return "".join(sorted({char for name in names for char in name if char.isalpha()}))


LATIN_STYLES = [_letters(pool) for pool in _pools()]


def keyboard(text: str, keep: list[bool], upper: list[bool]) -> str:
    """``text`` as typed: a letter the keyboard has, kept or not (the clerk may leave the
    accent off); any other as the passport's Latin letters; in either case."""
    out = []
    for index, char in enumerate(text):
        typed = char if char in BELGIAN_KEYBOARD and keep[index % len(keep)] else anyascii(char)
        out.append(typed.upper() if upper[index % len(upper)] else typed.lower())
    return "".join(out)


@st.composite
def latin_name_and_query(draw: st.DrawFn) -> tuple[str, str, str]:
    letters = draw(st.sampled_from(LATIN_STYLES))
    word = st.text(alphabet=letters, min_size=1, max_size=12)
    words = draw(st.lists(word, min_size=1, max_size=4))
    surname, given = " ".join(words[:1]), " ".join(words[1:])
    chosen = draw(st.lists(st.sampled_from(words), min_size=1, max_size=len(words)))
    keep = draw(st.lists(st.booleans(), min_size=1, max_size=8))
    upper = draw(st.lists(st.booleans(), min_size=1, max_size=8))
    typed = []
    for chosen_word in chosen:
        prefix = chosen_word[: draw(st.integers(1, len(chosen_word)))]
        typed.append(keyboard(prefix, keep, upper))
    return surname, given, " ".join(typed)


def test_every_name_of_the_demo_styles_is_found(empty_database: Path) -> None:
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=SLOW)
    @given(latin_name_and_query())
    def find(case: tuple[str, str, str]) -> None:
        surname, given_names, typed = case
        with fresh_desk(empty_database) as desk:
            holder = save_holder(desk, Holder(surname, given_names))
            assert holder.id in found_ids(desk, typed), (surname, given_names, typed)

    find()


# The passports' spellings, written again here from the standards (ICAO Doc 9303 Part 3;
# Ukraine's resolution 55 of 2010; ELOT 743), independently of app.domain.transliteration.
def _table(letters: str, spelled: str) -> dict[str, str]:
    """Each letter and its spelling (``_``: none), the spellings separated by spaces."""
    return dict(zip(letters, spelled.split(), strict=True))


RUSSIAN = _table(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch ie y _ e iu ia",
)
UKRAINIAN = _table(
    "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "a b v h g d e ie zh z y i i i k l m n o p r s t u f kh ts ch sh shch _ iu ia",
)
UKRAINIAN_FIRST = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
GREEK = _table("αβγδεζηθικλμνξοπρσςτυφχψω", "a v g d e z i th i k l m n x o p r s s t y f ch ps o")
GREEK_PAIRS = {"ου": "ou", "αυ": "av", "ευ": "ev", "ηυ": "iv", "γγ": "ng", "γξ": "nx", "γχ": "nch"}


def russian_passport(word: str) -> str:
    return "".join(RUSSIAN[char] for char in word).replace("_", "")


def ukrainian_passport(word: str) -> str:
    out = UKRAINIAN_FIRST.get(word[0]) or UKRAINIAN[word[0]]
    for previous, char in pairwise(word):
        out += "gh" if (previous, char) == ("з", "г") else UKRAINIAN[char]
    return out.replace("_", "")


def greek_passport(word: str) -> str:
    out, index = "", 0
    while index < len(word):
        if word[index : index + 2] in GREEK_PAIRS:
            out, index = out + GREEK_PAIRS[word[index : index + 2]], index + 2
        else:
            out, index = out + GREEK[word[index]], index + 1
    return out


SCRIPTS = [
    ("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", russian_passport),
    ("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя", ukrainian_passport),
    ("αβγδεζηθικλμνξοπρστυφχψω", greek_passport),
]


@st.composite
def own_script_name_and_passport(draw: st.DrawFn) -> tuple[str, str]:
    letters, passport = draw(st.sampled_from(SCRIPTS))
    words = draw(st.lists(st.text(alphabet=letters, min_size=2, max_size=10), min_size=1))
    spelled = [passport(word) for word in words[:3]]
    typed = [word[: draw(st.integers(1, len(word)))] for word in spelled if word]
    capitalised = " ".join(word.capitalize() for word in words[:3])
    return capitalised, " ".join(typed).upper()  # as the passport's MRZ prints it


def test_own_script_names_are_found_by_their_passport_spelling(empty_database: Path) -> None:
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=SLOW)
    @given(own_script_name_and_passport())
    def find(case: tuple[str, str]) -> None:
        name, typed = case
        if not typed.strip():
            return
        with fresh_desk(empty_database) as desk:
            holder = save_holder(desk, Holder(name, ""))
            assert holder.id in found_ids(desk, typed), (name, typed)

    find()
