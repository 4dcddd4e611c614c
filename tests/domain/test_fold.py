"""The one folding of names (app.domain.text.fold): every script to what a Belgian
keyboard types, with the passports' spellings of Cyrillic and Greek names."""

from __future__ import annotations

import pytest

from app.domain.search import parse_query
from app.domain.text import fold
from app.domain.transliteration import passport_spellings


@pytest.mark.parametrize(
    ("name", "typed"),
    [
        ("Əliyev", "aliyev"),  # Azerbaijani schwa: A on the passport, not anyascii's E
        ("Ðorđe", "dorde"),
        ("Иванов", "ivanov"),
        ("Ŋom", "ngom"),
        ("Ħalil", "halil"),
        ("Yılmaz", "yilmaz"),
        ("Łukasiewicz", "lukasiewicz"),
        ("Øyvind", "oyvind"),
        ("Straße", "strasse"),
        ("Nguyễn Thị Hồng", "nguyen thi hong"),
        ("Παπαδόπουλος", "papadopoulos"),  # ELOT 743, the Greek passport's spelling
        ("Παπαδόπουλος", "papadopoylos"),  # and anyascii's
        ("Юлия", "iuliia"),  # ICAO 9303, the Russian passport's spelling
        ("Юлия", "yuliya"),  # and anyascii's
        ("Олександр", "oleksandr"),
        ("Ольга", "olga"),  # the soft sign leaves no apostrophe inside the word
        ("Müller", "mueller"),  # the machine-readable zone's spelling
        ("Müller", "muller"),
        ("王", "wang"),
        ("محمد", "mhmd"),  # no short vowels in the script: anyascii's consonants
    ],
)
def test_every_script_folds_to_what_is_typed(name: str, typed: str) -> None:
    assert set(typed.split()) <= set(fold(name).split())


def test_latin_text_has_one_spelling_and_keeps_its_punctuation() -> None:
    assert fold("D'Souza-Pérez") == "d'souza-perez"
    assert passport_spellings("El Amrani") == []


def test_query_and_index_fold_alike() -> None:
    query = parse_query("ƏLİYEV Ðorđe")
    assert query is not None
    assert query.words == ("aliyev", "dorde")


@pytest.mark.parametrize(
    ("cyrillic", "passport"),
    [
        # The demo's Russian names (app.domain.names: ICAO Doc 9303) in their own script.
        ("Дмитрий", "DMITRII"),
        ("Андрей", "ANDREI"),
        ("Алексей", "ALEKSEI"),
        ("Евгений", "EVGENII"),
        ("Юрий", "IURII"),
        ("Илья", "ILIA"),
        ("Юлия", "IULIIA"),
        ("Наталья", "NATALIA"),
        ("Анастасия", "ANASTASIIA"),
        ("Ксения", "KSENIIA"),
        ("Хрущёв", "KHRUSHCHEV"),
        ("Белый", "BELYI"),
        ("Белая", "BELAIA"),
        ("Жуков", "ZHUKOV"),
        # The demo's Ukrainian names (the national transliteration of 2010).
        ("Олександр", "OLEKSANDR"),
        ("Андрій", "ANDRII"),
        ("Дмитро", "DMYTRO"),
        ("Сергій", "SERHII"),
        ("Юрій", "YURII"),
        ("Ігор", "IHOR"),
        ("Юлія", "YULIIA"),
        ("Тетяна", "TETIANA"),
        ("Галина", "HALYNA"),
        ("Олійник", "OLIINYK"),
        ("Журавський", "ZHURAVSKYI"),
        ("Гриценко", "HRYTSENKO"),
        ("Мельник", "MELNYK"),
        # Greek (ELOT 743).
        ("Γεώργιος", "GEORGIOS"),
        ("Ευάγγελος", "EVANGELOS"),
        ("Ιωάννης", "IOANNIS"),
        ("Κωνσταντίνος", "KONSTANTINOS"),
        ("Αικατερίνη", "AIKATERINI"),
    ],
)
def test_passport_spelling_of_the_demo_names_in_their_own_script(
    cyrillic: str, passport: str
) -> None:
    assert passport.lower() in passport_spellings(cyrillic)
    assert passport.lower() in fold(cyrillic).split()
