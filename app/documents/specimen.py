"""Specimen annexes: a fictitious holder, people read from JSON, and SPECIMEN-marked PDFs.

Used by ``permitdesk specimen`` (wired in the CLI) so a commune can check every model in
every language before its counter goes live: each annex and each variant (annex 49 after a
renewal and at a first registration; annex 51 for the holder and for each family member),
printed from the forms the counter uses (the commune's overrides included) and with the
commune's name and address in each language.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from app.documents.context import AnnexData, PersonData
from app.documents.forms import RELATIONSHIPS, FormSet
from app.documents.locale_format import is_country_code
from app.documents.render import render_annex
from app.domain.checklist import label_of
from app.domain.dates import InvalidDate, parse_day
from app.domain.national_number import InvalidNationalNumber, validate_national_number

logger = logging.getLogger(__name__)

_TEXT_FIELDS = ("surname", "given_names", "birth_place", "address", "card_number")
#: The variants each annex is printed in, with the part they add to the file name.
VARIANTS = {
    "41": (("", ""),),
    "49": (("renewal", "-renewal"), ("first_registration", "-first-registration")),
    "50": (("", ""),),
    "51": (("", ""),),
}
_SAMPLE_MISSING = ("passport", "photo")  # checklist items an annex 41 names


def fictitious_person() -> PersonData:
    """A holder who does not exist, with a valid national number (the one of RULES.md)."""
    return PersonData(
        surname="Specimen",
        given_names="Amina Laila",
        birth_date=date(1985, 7, 30),
        birth_place="Casablanca",
        nationality="MA",
        national_number="85073003328",
        sex="F",
        address="Rue de l'Exemple 1, 1000 Bruxelles",
        card_number="B000000000",
    )


def fictitious_family() -> tuple[PersonData, ...]:
    """A child of the fictitious holder, for the family member's annex 51."""
    return (
        PersonData(
            surname="Specimen",
            given_names="Youssef",
            birth_date=date(2015, 3, 4),
            birth_place="Bruxelles",
            nationality="MA",
            national_number=None,
            sex="M",
            address="Rue de l'Exemple 1, 1000 Bruxelles",
            card_kind="",
            relationship="child",
        ),
    )


@dataclass(frozen=True)
class SpecimenCommune:
    """The commune's name and one-line address in one language."""

    name: str
    address: str = ""


def person_from_json(obj: Mapping[str, Any]) -> tuple[PersonData, tuple[PersonData, ...]]:
    """The holder and family members of a JSON object; ValueError naming the bad field."""
    if not isinstance(obj, Mapping):
        raise ValueError("person: expected a JSON object")
    family = obj.get("family") or []
    if not isinstance(family, list):
        raise ValueError("family: expected a list of people")
    members = tuple(
        _family_member(_person(m, f"family[{i}]."), _relationship(m, i))
        for i, m in enumerate(family)
    )
    return _person(obj, ""), members


def _family_member(person: PersonData, relationship: str) -> PersonData:
    """A family member holds no single permit: a card number is another residence card."""
    kind = "residence_card" if person.card_number else ""
    return replace(person, card_kind=kind, relationship=relationship)


def _relationship(obj: Any, index: int) -> str:
    value = obj.get("relationship") or "" if isinstance(obj, Mapping) else ""
    if value and value not in RELATIONSHIPS:
        raise ValueError(
            f"family[{index}].relationship: expected one of {', '.join(RELATIONSHIPS)}, "
            f"got {value!r}"
        )
    return value


def _person(obj: Any, where: str) -> PersonData:
    if not isinstance(obj, Mapping):
        raise ValueError(f"{where or 'person'}: expected a JSON object")
    text = {name: _text(obj, name, where) for name in _TEXT_FIELDS}
    if not text["surname"].strip():
        raise ValueError(f"{where}surname: required")
    return PersonData(
        birth_date=_birth_date(obj.get("birth_date"), where),
        nationality=_nationality(obj.get("nationality"), where),
        national_number=_national_number(obj.get("national_number"), where),
        sex=_sex(obj.get("sex"), where),
        **text,
    )


def _text(obj: Mapping[str, Any], name: str, where: str) -> str:
    value = obj.get(name) or ""
    if not isinstance(value, str):
        raise ValueError(f"{where}{name}: expected text, got {value!r}")
    return value


def _birth_date(value: Any, where: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return parse_day(value)  # YYYY-MM-DD only: no week (2026-W10-1) or ordinal dates
    except InvalidDate as error:
        hint = f": {error.hint}" if error.hint else ""
        message = f"{where}birth_date: impossible date {value!r} (YYYY-MM-DD){hint}"
        raise ValueError(message) from None


def _nationality(value: Any, where: str) -> str:
    if not isinstance(value, str) or not is_country_code(value):
        raise ValueError(f"{where}nationality: unknown country code {value!r} (ISO 3166 alpha-2)")
    return value.upper()


def _national_number(value: Any, where: str) -> str | None:
    if value in (None, ""):
        return None
    try:
        return validate_national_number(str(value))
    except InvalidNationalNumber as error:
        raise ValueError(
            f"{where}national_number: invalid national number {value!r} ({error.reason})"
        ) from None


def _sex(value: Any, where: str) -> str | None:
    if value in (None, ""):
        return None
    if value not in ("M", "F"):
        raise ValueError(f"{where}sex: expected 'M', 'F' or null, got {value!r}")
    return value


def write_specimens(
    out_dir: Path,
    annexes: Iterable[str],
    languages: Iterable[str],
    person: PersonData,
    family: tuple[PersonData, ...],
    today: date,
    commune_name: str = "Specimen",
    communes: Mapping[str, SpecimenCommune] | None = None,
    forms: FormSet | None = None,
) -> list[Path]:
    """Write ``annex-41-nl.pdf``, ``annex-49-renewal-nl.pdf``,
    ``annex-49-first-registration-nl.pdf`` and so on, marked SPECIMEN; for 51 also one per
    family member. ``communes`` gives the commune per language (else ``commune_name``)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    languages = tuple(languages)
    written = []
    for annex in annexes:
        for variant, suffix in VARIANTS[annex]:
            for language in languages:
                commune = (communes or {}).get(language, SpecimenCommune(commune_name))
                data = _specimen_data(annex, variant, language, person, today, commune)
                jobs = [(f"annex-{annex}{suffix}-{language}.pdf", data)]
                if annex == "51":
                    jobs += [
                        (
                            f"annex-51-{language}-family-{n}.pdf",
                            replace(data, person=member, family_of=person),
                        )
                        for n, member in enumerate(family, start=1)
                    ]
                for name, job in jobs:
                    path = out_dir / name
                    path.write_bytes(render_annex(job, forms))
                    written.append(path)
    logger.info("wrote %d specimen(s) to %s", len(written), out_dir)
    return written


def _specimen_data(
    annex: str,
    variant: str,
    language: str,
    person: PersonData,
    today: date,
    commune: SpecimenCommune,
) -> AnnexData:
    """Illustrative dates and values: the periods shown are examples, not a decision."""
    first_registration = variant == "first_registration"
    if first_registration and person.card_number:
        person = replace(person, card_kind="residence_card")  # no single permit yet
    days = {"51": 90}.get(annex, 45 if first_registration else 30)
    return AnnexData(
        annex=annex,
        language=language,
        person=person,
        issued_on=today,
        register_number=f"{today.year}/000000",
        commune_name=commune.name,
        commune_address=commune.address,
        valid_until=None if annex == "41" else today + timedelta(days=days),
        variant=variant,
        missing_documents=tuple(label_of(item, language) for item in _SAMPLE_MISSING)
        if annex == "41"
        else (),
        permit_expiry=None if first_registration else today,
        renewal_filed_on=None if first_registration else today - timedelta(days=60),
        handed_in="residence_card" if first_registration and person.card_number else "",
        handed_in_number=person.card_number if first_registration else "",
        specimen=True,
    )
