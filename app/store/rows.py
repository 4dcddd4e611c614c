"""Conversions between table rows and domain objects (dates as ISO text, flags as 0/1)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from app.domain.birth_dates import PartialDate
from app.domain.model import (
    Address,
    Annex,
    Case,
    FamilyMember,
    FileState,
    Holder,
    IssuedDocument,
    LabourMarket,
    Language,
    Permit,
    RegisterNumber,
    RenewalFile,
    Sex,
)
from app.domain.text import name_key


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def holder_to_row(holder: Holder, now: str) -> dict[str, Any]:
    return {
        "national_number": holder.national_number or None,
        "surname": holder.surname,
        "given_names": holder.given_names,
        "name_key": name_key(holder.surname, holder.given_names),
        "birth_date": iso(holder.birth_date),
        "birth_place": holder.birth_place,
        "nationality": holder.nationality,
        "sex": holder.sex.value if holder.sex else None,
        "language": Language(holder.language).value,
        "street": holder.address.street,
        "postal_code": holder.address.postal_code,
        "municipality": holder.address.municipality,
        "phone": holder.phone,
        "email": holder.email,
        "hospitalised": int(holder.hospitalised),
        "detained": int(holder.detained),
        "travelling": int(holder.travelling),
        "birth_date_partial": partial_iso(holder.birth_date_partial),
        "updated_at": now,
    }


def holder_from_row(row: Mapping[str, Any]) -> Holder:
    return Holder(
        id=row["id"],
        national_number=row["national_number"],
        surname=row["surname"],
        given_names=row["given_names"],
        birth_date=day(row["birth_date"]),
        birth_place=row["birth_place"],
        nationality=row["nationality"],
        sex=Sex(row["sex"]) if row["sex"] else None,
        language=Language(row["language"]),
        address=Address(row["street"], row["postal_code"], row["municipality"]),
        phone=row["phone"],
        email=row["email"],
        hospitalised=bool(row["hospitalised"]),
        detained=bool(row["detained"]),
        travelling=bool(row["travelling"]),
        birth_date_partial=partial_day(row.get("birth_date_partial")),
        version=row["version"],
    )


def partial_iso(partial: PartialDate | None) -> str | None:
    return partial.iso() if partial else None


def partial_day(text: str | None) -> PartialDate | None:
    return PartialDate.from_iso(text) if text else None


def permit_to_row(permit: Permit) -> dict[str, Any]:
    return {
        "holder_id": permit.holder_id,
        "card_number": permit.card_number,
        "card_type": permit.card_type,
        "valid_from": iso(permit.valid_from),
        "expiry": iso(permit.expiry),
        "labour_market": LabourMarket(permit.labour_market).value,
        **{name: getattr(permit, name) for name in PERMIT_CARD_FIELDS},
        "member_of_family": int(permit.member_of_family),
    }


PERMIT_CARD_FIELDS = (
    "regional_file_number",
    "employer_vat_1",
    "employer_vat_2",
    "issuing_municipality",
    "special_status",
)
"""The chip's text fields a permit row keeps (migration 0004_card_fields)."""


def permit_from_row(row: Mapping[str, Any]) -> Permit:
    return Permit(
        id=row["id"],
        holder_id=row["holder_id"],
        card_number=row["card_number"],
        card_type=row["card_type"],
        valid_from=day(row["valid_from"]),
        expiry=date.fromisoformat(row["expiry"]),
        labour_market=LabourMarket(row["labour_market"]),
        **{name: row[name] for name in PERMIT_CARD_FIELDS},
        member_of_family=bool(row["member_of_family"]),
    )


def family_to_row(member: FamilyMember) -> dict[str, Any]:
    return {
        "holder_id": member.holder_id,
        "surname": member.surname,
        "given_names": member.given_names,
        "birth_date": iso(member.birth_date),
        "birth_place": member.birth_place,
        "nationality": member.nationality,
        "national_number": member.national_number or None,
        "sex": member.sex.value if member.sex else None,
        "relationship": member.relationship,
    }


def family_from_row(row: Mapping[str, Any]) -> FamilyMember:
    return FamilyMember(
        id=row["id"],
        holder_id=row["holder_id"],
        surname=row["surname"],
        given_names=row["given_names"],
        birth_date=day(row["birth_date"]),
        birth_place=row["birth_place"],
        nationality=row["nationality"],
        national_number=row["national_number"],
        sex=Sex(row["sex"]) if row["sex"] else None,
        relationship=row["relationship"],
    )


def file_to_row(file: RenewalFile) -> dict[str, Any]:
    return {
        "holder_id": file.holder_id,
        "permit_id": file.permit_id,
        "case": Case(file.case).value,
        "opened_on": iso(file.opened_on),
        "state": FileState(file.state).value,
        "renewal_filed_on": iso(file.renewal_filed_on),
        "regional_attestation": int(file.regional_attestation),
        "regional_attestation_date": iso(file.regional_attestation_date),
        "regional_attestation_reference": file.regional_attestation_reference,
        "decision_taken": int(file.decision_taken),
        "missing_documents": json.dumps(list(file.missing_documents)),
        "work_authorisation_ended_on": iso(file.work_authorisation_ended_on),
        "stay_ended": int(file.stay_ended),
        "stay_ended_on": iso(file.stay_ended_on),
        "from_abroad": int(file.from_abroad),
        "handed_in": file.handed_in,
        "handed_in_number": file.handed_in_number,
    }


def file_from_row(row: Mapping[str, Any], family_ids: tuple[int, ...]) -> RenewalFile:
    return RenewalFile(
        id=row["id"],
        holder_id=row["holder_id"],
        permit_id=row["permit_id"],
        case=Case(row["case"]),
        opened_on=date.fromisoformat(row["opened_on"]),
        state=FileState(row["state"]),
        renewal_filed_on=day(row["renewal_filed_on"]),
        regional_attestation=bool(row["regional_attestation"]),
        regional_attestation_date=day(row["regional_attestation_date"]),
        regional_attestation_reference=row["regional_attestation_reference"],
        decision_taken=bool(row["decision_taken"]),
        missing_documents=tuple(json.loads(row["missing_documents"])),
        work_authorisation_ended_on=day(row["work_authorisation_ended_on"]),
        stay_ended=bool(row["stay_ended"]),
        stay_ended_on=day(row["stay_ended_on"]),
        from_abroad=bool(row["from_abroad"]),
        handed_in=row["handed_in"],
        handed_in_number=row["handed_in_number"],
        family_member_ids=family_ids,
        version=row["version"],
    )


def document_from_row(row: Mapping[str, Any], sha256: str, version: int) -> IssuedDocument:
    return IssuedDocument(
        variant=row["variant"],
        version=version,
        id=row["id"],
        number=RegisterNumber(row["year"], row["sequence"]),
        annex=Annex(row["annex"]),
        language=Language(row["language"]),
        holder_id=row["holder_id"],
        family_member_id=row["family_member_id"],
        file_id=row["file_id"],
        issued_on=date.fromisoformat(row["issued_on"]),
        issued_by=row["issued_by"],
        sha256=sha256,
        valid_until=day(row["valid_until"]),
        max_extensions=row["max_extensions"],
        extension_days=row["extension_days"],
        extensions_used=row["extensions_used"],
        annulled_on=day(row["annulled_on"]),
        annulled_reason=row["annulled_reason"],
    )
