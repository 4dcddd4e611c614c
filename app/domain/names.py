"""Name pools for the demo population, written as the holders' passports print them.

Each pool follows its passport's romanisation: Maghrebi names in the French spelling of
Moroccan, Algerian and Tunisian passports; Turkish names with Turkish Latin letters (Ş, İ,
Ğ); Russian per ICAO Doc 9303 (Юлия → IULIIA); Ukrainian per the national transliteration
its passports use (Олександр → OLEKSANDR); Chinese in pinyin without tones, surname
first; Japanese in passport Hepburn without macrons (SATO); Vietnamese with its diacritics.
Casing is kept as the source writes it, so the application meets both ``EL AMRANI`` and
``da Silva``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NamePool:
    """Surnames and given names for one group of nationalities."""

    surnames: tuple[str, ...]
    male: tuple[str, ...]
    female: tuple[str, ...]
    female_surnames: tuple[str, ...] = ()  # where the surname takes a feminine form

    def surname_for(self, index: int, is_male: bool) -> str:
        if not is_male and self.female_surnames:
            return self.female_surnames[index % len(self.female_surnames)]
        return self.surnames[index % len(self.surnames)]


MAGHREB = NamePool(
    surnames=(
        "EL AMRANI",
        "BENALI",
        "EL IDRISSI",
        "BOUZIANE",
        "BENJELLOUN",
        "EL HASSANI",
        "OUAHABI",
        "AZZOUZI",
        "CHERKAOUI",
        "EL MOUSSAOUI",
        "BELHADJ",
        "BEN SALAH",
        "TRABELSI",
        "BEN AMOR",
        "HADDAD",
        "MEZIANE",
        "BOUAZIZ",
        "SAIDI",
        "AIT OUFELLA",
        "EL OUALI",
        "LAHLOU",
        "ZERROUKI",
    ),
    male=(
        "Mohamed",
        "Youssef",
        "Rachid",
        "Karim",
        "Mehdi",
        "Hamza",
        "Anas",
        "Ayoub",
        "Abdelkader",
        "Nabil",
        "Mohamed Amine",
        "Brahim",
        "Said",
        "Abdellah",
    ),
    female=(
        "Fatima",
        "Khadija",
        "Amina",
        "Salma",
        "Nadia",
        "Imane",
        "Siham",
        "Leïla",
        "Meryem",
        "Houda",
        "Fatima Zahra",
        "Naïma",
        "Samira",
    ),
)
MASHREQ = NamePool(
    surnames=(
        "ABDELRAHMAN",
        "HASSAN",
        "IBRAHIM",
        "ELSAYED",
        "MOSTAFA",
        "FAHMY",
        "AL HASSAN",
        "AL AHMAD",
        "KHALIL",
        "HAMMOUD",
        "AL ALI",
        "SHEIKH MOUSSA",
        "DARWISH",
        "SALEH",
    ),
    male=(
        "Ahmed",
        "Mahmoud",
        "Omar",
        "Mostafa",
        "Mohammad",
        "Ahmad",
        "Khaled",
        "Yousef",
        "Abdulrahman",
    ),
    female=("Nour", "Mariam", "Yasmin", "Aya", "Rasha", "Lina", "Hala", "Rania", "Heba"),
)
CENTRAL_ASIA = NamePool(  # Afghanistan and Pakistan
    surnames=(
        "AHMADI",
        "MOHAMMADI",
        "RAHIMI",
        "HAIDARI",
        "NOORI",
        "SULTANI",
        "KARIMI",
        "KHAN",
        "HUSSAIN",
        "MALIK",
        "QURESHI",
        "CHAUDHRY",
        "BUTT",
        "AHMED",
    ),
    male=(
        "Mohammad Nabi",
        "Abdul Rahman",
        "Farid",
        "Zabihullah",
        "Muhammad Ali",
        "Usman",
        "Bilal",
        "Imran",
        "Hamid",
        "Naveed",
    ),
    female=("Fatima", "Zahra", "Maryam", "Shabnam", "Ayesha", "Sana", "Hina", "Farzana"),
)
TURKEY = NamePool(
    surnames=(
        "ŞAHİN",
        "YILDIZ",
        "YILMAZ",
        "KAYA",
        "DEMİR",
        "ÇELİK",
        "ÖZTÜRK",
        "AYDIN",
        "ARSLAN",
        "DOĞAN",
        "KOÇ",
        "KILIÇ",
        "ÇAKIR",
        "GÜNEŞ",
        "ÖZDEMİR",
        "ERDOĞDU",
    ),
    male=(
        "MEHMET",
        "MUSTAFA",
        "AHMET",
        "EMRE",
        "BURAK",
        "HÜSEYİN",
        "İBRAHİM",
        "OĞUZ",
        "İSMAİL",
        "ÇAĞATAY",
    ),
    female=("AYŞE", "FATMA", "ELİF", "ZEYNEP", "EMİNE", "GÜLŞEN", "ŞEYMA", "ÖZGE", "HÜLYA"),
)
RUSSIA = NamePool(
    surnames=(
        "KUZNETSOV",
        "IVANOV",
        "SMIRNOV",
        "POPOV",
        "VOLKOV",
        "SOKOLOV",
        "MIKHAILOV",
        "NOVIKOV",
        "FEDOROV",
        "MOROZOV",
        "ZHUKOV",
        "KHRUSHCHEV",
        "BELYI",
    ),
    female_surnames=(
        "KUZNETSOVA",
        "IVANOVA",
        "SMIRNOVA",
        "POPOVA",
        "VOLKOVA",
        "SOKOLOVA",
        "MIKHAILOVA",
        "NOVIKOVA",
        "FEDOROVA",
        "MOROZOVA",
        "ZHUKOVA",
        "BELAIA",
    ),
    male=("DMITRII", "ANDREI", "SERGEI", "ALEKSEI", "EVGENII", "IURII", "MIKHAIL", "ILIA"),
    female=("IULIIA", "NATALIA", "MARIIA", "TATIANA", "ANASTASIIA", "KSENIIA", "OLGA", "DARIA"),
)
UKRAINE = NamePool(
    surnames=(
        "SHEVCHENKO",
        "KOVALCHUK",
        "BONDARENKO",
        "TKACHENKO",
        "MELNYK",
        "KRAVCHENKO",
        "BOIKO",
        "KOVALENKO",
        "OLIINYK",
        "HRYTSENKO",
        "ZHURAVSKYI",
    ),
    female_surnames=(
        "SHEVCHENKO",
        "KOVALCHUK",
        "BONDARENKO",
        "TKACHENKO",
        "MELNYK",
        "KRAVCHENKO",
        "BOIKO",
        "KOVALENKO",
        "OLIINYK",
        "HRYTSENKO",
        "ZHURAVSKA",
    ),
    male=("OLEKSANDR", "ANDRII", "DMYTRO", "SERHII", "MAKSYM", "VOLODYMYR", "YURII", "IHOR"),
    female=("OLENA", "YULIIA", "IRYNA", "NATALIIA", "TETIANA", "OKSANA", "KATERYNA", "HALYNA"),
)
CHINA = NamePool(
    surnames=(
        "WANG",
        "LI",
        "ZHANG",
        "LIU",
        "CHEN",
        "YANG",
        "HUANG",
        "ZHAO",
        "WU",
        "ZHOU",
        "XU",
        "OUYANG",
    ),
    male=("WEI", "XIAOMING", "LEI", "HAO", "JIE", "ZHIQIANG", "JUNJIE", "YONG"),
    female=("FANG", "JING", "YAN", "XIUYING", "MIN", "XIAOHONG", "LI NA", "YUTING"),
)
JAPAN = NamePool(
    surnames=(
        "SATO",
        "SUZUKI",
        "TAKAHASHI",
        "TANAKA",
        "WATANABE",
        "ITO",
        "YAMAMOTO",
        "NAKAMURA",
        "OHNO",
        "KOBAYASHI",
    ),
    male=("HARUTO", "YUKI", "RYOTA", "KENJI", "SHOTA", "DAISUKE"),
    female=("YUI", "SAKURA", "AOI", "HARUKA", "YOKO", "MISAKI"),
)
VIETNAM = NamePool(
    surnames=("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Huỳnh"),
    male=("Văn Minh", "Đức Anh", "Quốc Huy", "Thành Long", "Văn Hùng", "Hữu Phước"),
    female=("Thị Hồng", "Thị Lan", "Ngọc Ánh", "Thu Trang", "Thị Hương", "Phương Thảo"),
)
INDIA = NamePool(
    surnames=(
        "SHARMA",
        "PATEL",
        "SINGH",
        "KUMAR",
        "REDDY",
        "IYER",
        "NAIR",
        "GUPTA",
        "DAS",
        "MUKHERJEE",
        "VENKATARAMAN",
    ),
    male=("Rahul", "Arjun", "Vikram", "Rajesh", "Suresh", "Aditya", "Karthik", "Harpreet"),
    female=("Priya", "Ananya", "Deepika", "Lakshmi", "Kavya", "Pooja", "Meenakshi"),
)
CENTRAL_AFRICA = NamePool(  # DR Congo and Cameroon
    surnames=(
        "MUKENDI",
        "TSHIBANDA",
        "ILUNGA",
        "KABONGO",
        "MBUYI",
        "NGOY",
        "KALONJI",
        "LUMBU",
        "MAKIADI",
        "FOTSO",
        "TCHOUPO",
        "NJOYA",
        "MBARGA",
        "ETOUNDI",
        "KAMGA",
        "NANA",
    ),
    male=(
        "Jean-Pierre",
        "Patrick",
        "Christian",
        "Dieudonné",
        "Serge",
        "Alain",
        "Boris",
        "Joël",
        "Merveil",
    ),
    female=(
        "Grâce",
        "Chantal",
        "Esther",
        "Nathalie",
        "Rachel",
        "Pélagie",
        "Carine",
        "Sandrine",
        "Bénédicte",
    ),
)
WEST_AFRICA = NamePool(  # Senegal
    surnames=("DIOP", "NDIAYE", "FALL", "SOW", "DIALLO", "GUEYE", "SECK", "FAYE", "MBAYE"),
    male=("Mamadou", "Cheikh", "Ousmane", "Moussa", "Abdoulaye", "Serigne", "Babacar"),
    female=("Aminata", "Fatou", "Awa", "Mariama", "Khady", "Ndèye", "Coumba"),
)
BRAZIL = NamePool(
    surnames=(
        "da Silva",
        "dos Santos",
        "Oliveira",
        "Souza",
        "Pereira",
        "Lima",
        "Ferreira",
        "Costa",
        "Gonçalves",
        "Araújo",
        "de Souza Lima",
        "Conceição",
    ),
    male=("João Pedro", "Lucas", "Gabriel", "Rafael", "Luiz Henrique", "Thiago", "Antônio"),
    female=("Maria Eduarda", "Ana Clara", "Beatriz", "Júlia", "Letícia", "Fernanda"),
)
PHILIPPINES = NamePool(
    surnames=("DELA CRUZ", "SANTOS", "REYES", "GARCIA", "MENDOZA", "BAUTISTA", "RAMOS", "DE LEON"),
    male=("Jose Miguel", "Mark Anthony", "John Paul", "Rommel", "Jericho"),
    female=("Maria Cristina", "Kristine", "Maricel", "Ma. Theresa", "Rowena"),
)
UNITED_STATES = NamePool(
    surnames=(
        "SMITH",
        "JOHNSON",
        "WILLIAMS",
        "BROWN",
        "MILLER",
        "O'CONNOR",
        "MARTINEZ",
        "SMITH-JONES",
        "McDONALD",
    ),
    male=("Michael", "David", "Christopher", "James Robert", "Tyler"),
    female=("Jennifer", "Emily", "Sarah", "Mary-Kate", "Ashley"),
)

# Nationality → (weight in the demo population, name pool): the main third-country
# nationalities of a Brussels commune.
NATIONALITIES: dict[str, tuple[int, NamePool]] = {
    "MA": (22, MAGHREB),
    "DZ": (4, MAGHREB),
    "TN": (3, MAGHREB),
    "EG": (2, MASHREQ),
    "SY": (5, MASHREQ),
    "AF": (4, CENTRAL_ASIA),
    "PK": (3, CENTRAL_ASIA),
    "TR": (8, TURKEY),
    "RU": (3, RUSSIA),
    "UA": (6, UKRAINE),
    "CN": (4, CHINA),
    "JP": (2, JAPAN),
    "VN": (2, VIETNAM),
    "IN": (7, INDIA),
    "CD": (7, CENTRAL_AFRICA),
    "CM": (5, CENTRAL_AFRICA),
    "SN": (3, WEST_AFRICA),
    "BR": (6, BRAZIL),
    "PH": (2, PHILIPPINES),
    "US": (3, UNITED_STATES),
}

# A fictitious commune: street names as its bilingual street signs give them (FR, NL).
STREETS: tuple[tuple[str, str], ...] = (
    ("Rue des Tilleuls", "Lindestraat"),
    ("Avenue du Val Fleuri", "Bloemendallaan"),
    ("Chaussée de la Meunerie", "Molenaarsteenweg"),
    ("Rue du Vieux Marché", "Oudemarktstraat"),
    ("Place de la Fontaine", "Fonteinplein"),
    ("Rue des Brasseurs", "Brouwersstraat"),
    ("Boulevard de l'Étang", "Vijverlaan"),
    ("Rue Saint-Éloi", "Sint-Eligiusstraat"),
    ("Clos des Peupliers", "Populierengaarde"),
    ("Rue de l'Abbaye", "Abdijstraat"),
)
COMMUNE = ("1099", "Valfleuri-lez-Bruxelles", "Valfleuri-bij-Brussel")
