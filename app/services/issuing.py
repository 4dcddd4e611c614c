"""Issuing, extending, annulling and reprinting annexes: each one transaction.

The domain decides (``assess``, ``extend``), the documents module renders, the register
numbers and stores; this module only puts them together and writes the audit trail.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass

from app.documents.context import AnnexData
from app.documents.render import render_annex
from app.domain.accounts import Role
from app.domain.assess import Assessment, Facts, assess
from app.domain.model import (
    Annex,
    FileEvent,
    FileState,
    IssuedDocument,
    Language,
    RegisterNumber,
    RenewalFile,
)
from app.domain.rules import ExtensionDecision, Grant, extend
from app.services.annex_data import (
    commune_address,
    family_person,
    from_snapshot,
    holder_person,
    missing_labels,
    to_snapshot,
)
from app.services.auth import require
from app.services.desk import Desk
from app.store import DocumentDraft

log = logging.getLogger(__name__)

#: What must go to the Immigration Office "sans délai" (art. 105/3 §1 and §2).
TRANSMISSION_KINDS = {Annex.A50: "application_with_annex50", Annex.A41: "annex41_copy"}


class IssueRefused(Exception):
    """The rules allow no annex today; ``assessment`` explains why."""

    def __init__(self, assessment: Assessment) -> None:
        super().__init__(assessment.explanation("en"))
        self.assessment = assessment


class LanguageNotAllowed(ValueError):
    """The commune's counter may not issue documents in that language (R7)."""


@dataclass(frozen=True)
class Signatory:
    name: str
    title: str


def facts_of(desk: Desk, file: RenewalFile) -> Facts:
    """The facts of a file, as ``assess`` takes them, on the desk's today."""
    holder = desk.store.get_holder(file.holder_id)
    permit = desk.store.get_permit(file.permit_id) if file.permit_id else None
    return Facts(
        today=desk.today(),
        case=file.case,
        permit_expiry=permit.expiry if permit else None,
        birth_date=holder.birth_date,
        hospitalised=holder.hospitalised,
        detained=holder.detained,
        travelling=holder.travelling,
        renewal_filed_on=file.renewal_filed_on,
        regional_attestation=file.regional_attestation,
        decision_taken=file.decision_taken,
        missing_documents=file.missing_documents,
        work_authorisation_ended_on=file.work_authorisation_ended_on,
        stay_ended=file.stay_ended,
        from_abroad=file.from_abroad,
    )


def assess_file(desk: Desk, file_id: int) -> Assessment:
    return assess(facts_of(desk, desk.store.get_file(file_id)))


def default_signatory(desk: Desk) -> Signatory:
    for entry in desk.store.get_setting("signatories", []):
        if entry.get("default"):
            return Signatory(entry["name"], entry["title"])
    return Signatory("", "")


def _check_language(desk: Desk, language: Language) -> Language:
    commune = desk.commune()
    language = Language(language)
    if language not in commune.languages:
        raise LanguageNotAllowed(f"{commune.name} does not issue documents in {language.value}")
    return language


def _recipients(
    desk: Desk, file: RenewalFile, grant: Grant, language: Language, signatory: Signatory
) -> list[tuple[AnnexData, int | None]]:
    """What each copy prints: the holder's, and for annex 51 one per family member (R4)."""
    commune = desk.commune()
    holder = desk.store.get_holder(file.holder_id)
    permit = desk.store.get_permit(file.permit_id) if file.permit_id else None
    base = AnnexData(
        annex=grant.annex.value,
        language=language.value,
        person=holder_person(holder, permit),
        issued_on=desk.today(),
        register_number="",
        commune_name=commune.name,
        commune_address=commune_address(commune),
        commune_logo=desk.store.get_asset("commune_logo"),
        signatory_name=signatory.name,
        signatory_title=signatory.title,
        valid_until=grant.valid_until,
        variant=grant.variant,
        missing_documents=missing_labels(file.missing_documents, language.value),
        permit_expiry=permit.expiry if permit else None,
        renewal_filed_on=file.renewal_filed_on,
    )
    recipients: list[tuple[AnnexData, int | None]] = [(base, None)]
    if grant.annex is Annex.A51:
        for member_id in file.family_member_ids:
            member = desk.store.get_family_member(member_id)
            data = dataclasses.replace(
                base, person=family_person(member, holder), family_of=base.person
            )
            recipients.append((data, member_id))
    return recipients


def preview_annex(
    desk: Desk, file_id: int, language: Language, signatory: Signatory | None = None
) -> bytes:
    """The holder's annex as it would print today, without a register number yet."""
    require(desk, Role.CLERK)
    language = _check_language(desk, language)
    file = desk.store.get_file(file_id)
    assessment = assess(facts_of(desk, file))
    if assessment.grant is None:
        raise IssueRefused(assessment)
    signatory = signatory or default_signatory(desk)
    data, _member = _recipients(desk, file, assessment.grant, language, signatory)[0]
    return render_annex(data)


def issue_annex(
    desk: Desk, file_id: int, language: Language, signatory: Signatory | None = None
) -> list[IssuedDocument]:
    """Issue what the rules allow today on this file: one annex, or for annex 51 one for
    the holder and one for each family member on the file (R4), all in one transaction."""
    require(desk, Role.CLERK)
    language = _check_language(desk, language)
    commune = desk.commune()
    file = desk.store.get_file(file_id)
    assessment = assess(facts_of(desk, file))
    if assessment.grant is None:
        raise IssueRefused(assessment)
    grant = assessment.grant
    recipients = _recipients(desk, file, grant, language, signatory or default_signatory(desk))
    today = desk.today()
    issued = []
    with desk.store.transaction():
        for data, member_id in recipients:
            draft = DocumentDraft(
                annex=grant.annex,
                language=language,
                holder_id=file.holder_id,
                issued_on=today,
                issued_by=desk.user,
                valid_until=grant.valid_until,
                max_extensions=grant.max_extensions,
                extension_days=grant.extension_days,
                variant=grant.variant,
                family_member_id=member_id,
                file_id=file.id,
            )
            document = desk.register.issue(commune.nis_code, draft, _renderer(data))
            issued.append(document)
            if grant.annex in TRANSMISSION_KINDS:
                assert document.id is not None
                desk.register.add_transmission(document.id, TRANSMISSION_KINDS[grant.annex], today)
            desk.store.add_event(
                file.id,  # type: ignore[arg-type]
                FileEvent("issued", today, f"annex {grant.annex.value} {document.number}"),
            )
            desk.store.audit(
                desk.user,
                "issue",
                "document",
                document.id,
                annex=grant.annex.value,
                number=str(document.number),
                rules=list(assessment.rules),
            )
    return issued


def _renderer(data: AnnexData) -> Callable[[RegisterNumber], tuple[bytes, str]]:
    def render(number: RegisterNumber) -> tuple[bytes, str]:
        numbered = dataclasses.replace(data, register_number=str(number))
        return render_annex(numbered), to_snapshot(numbered)

    return render


def extend_document(desk: Desk, doc_id: int) -> tuple[IssuedDocument | None, ExtensionDecision]:
    """R6 with R2/R3/R5: extend by the same duration from the previous end, or say why
    not. An extension adds a version of the PDF with the next extension box filled."""
    require(desk, Role.CLERK)
    document = desk.register.get_by_id(doc_id)
    file = desk.store.get_file(document.file_id) if document.file_id is not None else None
    decision = extend(
        document.annex,
        document.variant,
        document.valid_until if document.annulled_on is None else None,
        document.extensions_used,
        document.max_extensions,
        document.extension_days,
        desk.today(),
        decided=file is not None and (file.decision_taken or file.state is FileState.CLOSED),
    )
    if not decision.allowed:
        return None, decision
    new_end = decision.new_valid_until
    assert new_end is not None
    data = from_snapshot(desk.register.snapshot(doc_id))
    data = dataclasses.replace(data, extensions=(*data.extensions, new_end))
    with desk.store.transaction():
        updated = desk.register.extend(
            doc_id, new_end, lambda: (render_annex(data), to_snapshot(data)), desk.user
        )
        if document.file_id is not None:
            desk.store.add_event(
                document.file_id,
                FileEvent("extended", desk.today(), f"{document.number} -> {new_end}"),
            )
        desk.store.audit(desk.user, "extend", "document", doc_id, valid_until=new_end.isoformat())
    return updated, decision


def annul_document(desk: Desk, doc_id: int, reason: str) -> IssuedDocument:
    """Annul with a reason (required; supervisors only); the number and the PDF stay in
    the register."""
    require(desk, Role.SUPERVISOR)
    if not reason.strip():
        raise ValueError("an annulment needs a reason")
    with desk.store.transaction():
        document = desk.register.annul(doc_id, reason.strip(), desk.user, desk.today())
        desk.store.audit(desk.user, "annul", "document", doc_id)
    return document


def reprint(desk: Desk, doc_id: int) -> bytes:
    """The stored bytes of the latest version: a reprint is byte-identical."""
    require(desk, Role.CLERK)
    pdf = desk.register.pdf(doc_id)
    desk.store.audit(desk.user, "reprint", "document", doc_id)
    return pdf
