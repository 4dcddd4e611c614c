"""Specimen annexes: a fictitious holder, people read from JSON, and SPECIMEN-marked PDFs.

Used by ``permitdesk specimen`` (wired in the CLI) so a commune can check every model in
every language before its counter goes live.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from app.documents.context import AnnexData, PersonData
from app.documents.locale_format import is_country_code
from app.documents.render import render_annex
from app.domain.national_number import InvalidNationalNumber, validate_national_number

logger = logging.getLogger(__name__)

_TEXT_FIELDS = ("surname", "given_names", "birth_place", "address", "card_number")
_SAMPLE_MISSING = {
    "fr": ("Passeport en cours de validité", "Photo d'identité récente"),
    "nl": ("Geldig paspoort", "Recente pasfoto"),
    "de": ("Gültiger Reisepass", "Aktuelles Passfoto"),
}


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


def person_from_json(obj: Mapping[str, Any]) -> tuple[PersonData, tuple[PersonData, ...]]:
    """The holder and family members of a JSON object; ValueError naming the bad field."""
    if not isinstance(obj, Mapping):
        raise ValueError("person: expected a JSON object")
    family = obj.get("family") or []
    if not isinstance(family, list):
        raise ValueError("family: expected a list of people")
    return _person(obj, ""), tuple(_person(m, f"family[{i}].") for i, m in enumerate(family))


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
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"{where}birth_date: impossible date {value!r} (YYYY-MM-DD)") from None


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
) -> list[Path]:
    """Write ``annex-49-nl.pdf`` and so on, marked SPECIMEN; for 51 also one per family member."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for annex in annexes:
        for language in languages:
            data = _specimen_data(annex, language, person, today, commune_name)
            holder = replace(data, family_of=person)
            jobs = [(f"annex-{annex}-{language}.pdf", data)]
            if annex == "51":
                jobs += [
                    (f"annex-51-{language}-family-{n}.pdf", replace(holder, person=member))
                    for n, member in enumerate(family, start=1)
                ]
            for name, job in jobs:
                path = out_dir / name
                path.write_bytes(render_annex(job))
                written.append(path)
    logger.info("wrote %d specimen(s) to %s", len(written), out_dir)
    return written


def _specimen_data(
    annex: str, language: str, person: PersonData, today: date, commune_name: str
) -> AnnexData:
    """Illustrative dates and values: the periods shown are examples, not a decision."""
    return AnnexData(
        annex=annex,
        language=language,
        person=person,
        issued_on=today,
        register_number=f"{today.year}/000000",
        commune_name=commune_name,
        valid_until=None if annex == "41" else today + timedelta(days=90 if annex == "51" else 30),
        variant="renewal" if annex == "49" else "",
        missing_documents=_SAMPLE_MISSING.get(language, ()) if annex == "41" else (),
        permit_expiry=today,
        renewal_filed_on=today - timedelta(days=60),
        specimen=True,
    )
