"""From domain objects to what an annex prints (``AnnexData``), and back from its snapshot.

The snapshot stored with each register entry is the exact input of its rendering, so an
extension re-renders the same document with one more extension box filled.
"""

from __future__ import annotations

import base64
import dataclasses
import json
from datetime import date
from typing import Any

from app.documents.context import AnnexData, PersonData
from app.domain.checklist import label_of
from app.domain.model import Commune, FamilyMember, Holder, Permit


def person_data(person: Holder | FamilyMember, address: str, card_number: str) -> PersonData:
    return PersonData(
        surname=person.surname,
        given_names=person.given_names,
        birth_date=person.birth_date,
        birth_place=person.birth_place,
        nationality=person.nationality,
        national_number=person.national_number,
        sex=person.sex.value if person.sex else None,
        address=address,
        card_number=card_number,
    )


def holder_person(holder: Holder, permit: Permit | None) -> PersonData:
    return person_data(holder, holder.address.one_line(), permit.card_number if permit else "")


def family_person(member: FamilyMember, holder: Holder) -> PersonData:
    return person_data(member, holder.address.one_line(), "")


def commune_address(commune: Commune) -> str:
    town = " ".join(part for part in (commune.postal_code, commune.municipality) if part)
    return ", ".join(part for part in (commune.street, town) if part)


def missing_labels(item_ids: tuple[str, ...], language: str) -> tuple[str, ...]:
    """Annex 41 names the missing documents in the document's language."""
    return tuple(label_of(item_id, language) for item_id in item_ids)


def to_snapshot(data: AnnexData) -> str:
    return json.dumps(_encode(dataclasses.asdict(data)), ensure_ascii=False, sort_keys=True)


def from_snapshot(text: str) -> AnnexData:
    raw = json.loads(text)
    raw["person"] = _person(raw["person"])
    raw["family_of"] = _person(raw["family_of"]) if raw.get("family_of") else None
    for key in ("issued_on", "valid_until", "permit_expiry", "renewal_filed_on"):
        raw[key] = date.fromisoformat(raw[key]) if raw.get(key) else None
    raw["extensions"] = tuple(date.fromisoformat(d) for d in raw["extensions"])
    raw["missing_documents"] = tuple(raw["missing_documents"])
    raw["commune_logo"] = base64.b64decode(raw["commune_logo"]) if raw["commune_logo"] else None
    return AnnexData(**raw)


def _person(raw: dict[str, Any]) -> PersonData:
    birth = raw.get("birth_date")
    return PersonData(**{**raw, "birth_date": date.fromisoformat(birth) if birth else None})


def _encode(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encode(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value
