"""The ``assess`` contract in JSON: one object in, one object out (for support staff and
scripts; see the README)."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.domain.assess import Assessment, Facts, FactsError
from app.domain.dates import InvalidDate, parse_day
from app.domain.model import Case


def facts_from_json(obj: Any) -> Facts:
    """Validate the input object; raise ``FactsError`` naming the field on bad input."""
    if not isinstance(obj, dict):
        raise FactsError("input", "expected one JSON object")
    try:
        case = Case(str(obj.get("case")))
    except ValueError:
        choices = ", ".join(c.value for c in Case)
        raise FactsError("case", f"unknown case {obj.get('case')!r}; one of {choices}") from None
    today = _date(obj, "today", required=True)
    assert today is not None
    missing = obj.get("missing_documents", [])
    if not isinstance(missing, list) or not all(isinstance(i, str) for i in missing):
        raise FactsError("missing_documents", "expected a list of checklist item ids")
    return Facts(
        today=today,
        case=case,
        permit_expiry=_date(obj, "permit_expiry", required=case is not Case.FIRST_REGISTRATION),
        birth_date=_date(obj, "birth_date"),
        hospitalised=_flag(obj, "hospitalised"),
        detained=_flag(obj, "detained"),
        travelling=_flag(obj, "travelling"),
        renewal_filed_on=_date(obj, "renewal_filed_on"),
        regional_attestation=_flag(obj, "regional_attestation"),
        decision_taken=_flag(obj, "decision_taken"),
        missing_documents=tuple(missing),
        work_authorisation_ended_on=_date(
            obj, "work_authorisation_ended_on", required=case is Case.WORK_AUTHORISATION_ENDED
        ),
        stay_ended=_flag(obj, "stay_ended"),
        from_abroad=_flag(obj, "from_abroad"),
    )


def assessment_to_json(assessment: Assessment, language: str) -> dict[str, Any]:
    def iso(day: date | None) -> str | None:
        return day.isoformat() if day else None

    return {
        "renewal": assessment.renewal.value if assessment.renewal else None,
        "renewal_due_from": iso(assessment.renewal_due_from),
        "annex": assessment.annex.value if assessment.annex else None,
        "valid_until": iso(assessment.valid_until),
        "max_extensions": assessment.max_extensions,
        "extension_days": assessment.extension_days,
        "rules": list(assessment.rules),
        "explanation": assessment.explanation(language),
    }


def _date(obj: dict[str, Any], name: str, required: bool = False) -> date | None:
    value = obj.get(name)
    if value is None:
        if required:
            raise FactsError(name, "required")
        return None
    if not isinstance(value, str):
        raise FactsError(name, f"expected an ISO date YYYY-MM-DD, got {value!r}")
    try:
        return parse_day(value)  # YYYY-MM-DD only: no week (2026-W10-1) or ordinal dates
    except InvalidDate as error:
        raise FactsError(name, str(error)) from None


def _flag(obj: dict[str, Any], name: str) -> bool:
    value = obj.get(name, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise FactsError(name, f"expected true or false, got {value!r}")
    return value
