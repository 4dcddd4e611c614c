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

from app.documents.context import AnnexData, ExtensionSigned, PersonData
from app.domain.checklist import label_of
from app.domain.model import (
    Case,
    Commune,
    FamilyMember,
    Holder,
    LabourMarket,
    Language,
    Permit,
)

#: The labour-market mentions of a single permit (art. 1, 6°; art. 31 §5): a card without
#: one of them is a residence card, not a permis unique.
SINGLE_PERMIT_MENTIONS = (LabourMarket.LIMITED, LabourMarket.UNLIMITED)


def person_data(
    person: Holder | FamilyMember,
    address: str,
    card_number: str,
    card_kind: str = "single_permit",
    relationship: str = "",
) -> PersonData:
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
        card_kind=card_kind,
        relationship=relationship,
    )


def holder_person(holder: Holder, permit: Permit | None, case: Case | None = None) -> PersonData:
    """The holder as the annex prints them; the card line names what they hold: a single
    permit, another residence card (at a first registration there is no single permit
    yet), or nothing."""
    if permit is None:
        return person_data(holder, holder.address.one_line(), "", "")
    single = case is not Case.FIRST_REGISTRATION and permit.labour_market in SINGLE_PERMIT_MENTIONS
    kind = "single_permit" if single else "residence_card"
    return person_data(holder, holder.address.one_line(), permit.card_number, kind)


def family_person(member: FamilyMember, holder: Holder) -> PersonData:
    """A family member: the holder's address, their relationship, no card recorded."""
    return person_data(member, holder.address.one_line(), "", "", member.relationship)


def commune_address(commune: Commune, language: Language | str | None = None) -> str:
    """One line, in ``language`` (the commune's own fields when not given)."""
    text = commune.text(language) if language is not None else commune.text(commune.languages[0])
    town = " ".join(part for part in (commune.postal_code, text.municipality) if part)
    return ", ".join(part for part in (text.street, town) if part)


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
    raw["extension_signatures"] = tuple(
        _signed(signed) for signed in raw.get("extension_signatures", ())
    )
    raw["missing_documents"] = tuple(raw["missing_documents"])
    raw["commune_logo"] = base64.b64decode(raw["commune_logo"]) if raw["commune_logo"] else None
    return AnnexData(**raw)


def _signed(raw: dict[str, Any]) -> ExtensionSigned:
    on = raw.get("on")
    return ExtensionSigned(**{**raw, "on": date.fromisoformat(on) if on else None})


def _person(raw: dict[str, Any]) -> PersonData:
    # Snapshots made before the card line said what the card was: a number was a permit.
    kind = raw.get("card_kind", "single_permit" if raw.get("card_number") else "")
    raw = {**raw, "card_kind": kind}
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
