"""Issuing, extending, annulling and reprinting annexes: each one transaction.

The domain decides (``assess``, ``extend``), the documents module renders, the register
numbers and stores; this module only puts them together and writes the audit trail.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from app.documents.context import AnnexData, ExtensionSigned
from app.documents.forms import FormSet
from app.documents.marks import ANNULLED, DUPLICATE, Mark, mark_copy
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
    issued_id,
)
from app.domain.rules import ExtensionDecision, Grant, extend, filed_in_time
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
from app.services.forms import active_forms
from app.services.settings import signatories
from app.store import DocumentDraft

log = logging.getLogger(__name__)

#: What must go to the Immigration Office "sans délai" (art. 105/3 §1 and §2).
TRANSMISSION_KINDS = {Annex.A50: "application_with_annex50", Annex.A41: "annex41_copy"}


class IssueRefused(Exception):
    """The rules allow no annex today; ``assessment`` explains why."""

    def __init__(self, assessment: Assessment) -> None:
        super().__init__(assessment.explanation("en"))
        self.assessment = assessment


class AlreadyAnnulled(ValueError):
    """An entry is annulled once: its date and reason stay those of the first annulment."""


class LanguageNotAllowed(ValueError):
    """The commune's counter may not issue documents in that language (R7)."""


@dataclass(frozen=True)
class Signatory:
    """Who signs; ``titles`` per document language (``title`` when none is given)."""

    name: str
    title: str
    titles: Mapping[str, str] = field(default_factory=dict)

    def title_in(self, language: Language) -> str:
        return self.titles.get(language.value, "") if self.titles else self.title


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
    for entry in signatories(desk):
        if entry.default:
            return Signatory(entry.name, entry.title, dict(entry.titles))
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
        person=holder_person(holder, permit, file.case),
        issued_on=desk.today(),
        register_number="",
        commune_name=commune.text(language).name,  # the paper's language (R7)
        commune_address=commune_address(commune, language),
        commune_logo=desk.store.get_asset("commune_logo"),
        signatory_name=signatory.name,
        signatory_title=signatory.title_in(language),
        valid_until=grant.valid_until,
        variant=grant.variant,
        missing_documents=missing_labels(file.missing_documents, language.value),
        permit_expiry=permit.expiry if permit else None,
        renewal_filed_on=file.renewal_filed_on,
        handed_in=file.handed_in,
        handed_in_number=file.handed_in_number,
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
    return render_annex(data, active_forms())


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
    forms = active_forms()  # read once: every copy of this issue from the same forms
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
            document = desk.register.issue(
                commune.nis_code,
                draft,
                _renderer(data, forms),
                {"annex": grant.annex.value, "rules": list(assessment.rules)},
            )
            issued.append(document)
            if grant.annex in TRANSMISSION_KINDS:
                assert document.id is not None
                desk.register.add_transmission(document.id, TRANSMISSION_KINDS[grant.annex], today)
            desk.store.add_event(
                file.id,  # type: ignore[arg-type]
                FileEvent("issued", today, f"annex {grant.annex.value} {document.number}"),
            )
    return issued


def _renderer(data: AnnexData, forms: FormSet) -> Callable[[RegisterNumber], tuple[bytes, str]]:
    def render(number: RegisterNumber) -> tuple[bytes, str]:
        numbered = dataclasses.replace(data, register_number=str(number))
        return render_annex(numbered, forms), to_snapshot(numbered)

    return render


def _printed_late_filing(document: IssuedDocument, data: AnnexData) -> bool:
    """R2 (art. 33 §5): an annex 49 after renewal states a filing under art. 33 §1 al. 2;
    one printed on a renewal filed after the permit expired (before R2 refused that) must
    not get a new version repeating it."""
    return (
        document.annex is Annex.A49
        and document.variant == "renewal"
        and data.renewal_filed_on is not None
        and data.permit_expiry is not None
        and not filed_in_time(data.renewal_filed_on, data.permit_expiry)
    )


def extend_document(
    desk: Desk, doc_id: int, signatory: Signatory | None = None
) -> tuple[IssuedDocument | None, ExtensionDecision]:
    """R6 with R2/R3/R5: extend by the same duration from the previous end, or say why
    not. An extension adds a version of the PDF with the next extension box filled: the
    new end date, the day of the extension and who signs it (the default signatory unless
    ``signatory`` is given), the title in the paper's language."""
    require(desk, Role.CLERK)
    document = desk.register.get_by_id(doc_id)
    data = from_snapshot(desk.register.snapshot(doc_id))
    decision = _extension_decision(desk, document, data)
    if not decision.allowed:
        return None, decision
    new_end = decision.new_valid_until
    assert new_end is not None
    signatory = signatory or default_signatory(desk)
    signed = ExtensionSigned(
        desk.today(), signatory.name, signatory.title_in(Language(data.language))
    )
    data = dataclasses.replace(
        data,
        extensions=(*data.extensions, new_end),
        extension_signatures=(*_signatures_so_far(data), signed),
    )
    forms = active_forms()
    with desk.store.transaction():
        updated = desk.register.extend(
            doc_id, new_end, lambda: (render_annex(data, forms), to_snapshot(data)), desk.user
        )
        if document.file_id is not None:
            desk.store.add_event(
                document.file_id,
                FileEvent("extended", desk.today(), f"{document.number} -> {new_end}"),
            )
    return updated, decision


def extension_decision(desk: Desk, doc_id: int) -> ExtensionDecision:
    """What an extension of the document would give today (R6 with R2/R3/R5): the new end
    date, or why not. Nothing is written: the counter asks before offering "Extend"."""
    document = desk.register.get_by_id(doc_id)
    return _extension_decision(desk, document, from_snapshot(desk.register.snapshot(doc_id)))


def _extension_decision(desk: Desk, document: IssuedDocument, data: AnnexData) -> ExtensionDecision:
    file = desk.store.get_file(document.file_id) if document.file_id is not None else None
    return extend(
        document.annex,
        document.variant,
        document.valid_until if document.annulled_on is None else None,
        document.extensions_used,
        document.max_extensions,
        document.extension_days,
        desk.today(),
        decided=file is not None and (file.decision_taken or file.state is FileState.CLOSED),
        filed_late=_printed_late_filing(document, data),
    )


def _signatures_so_far(data: AnnexData) -> tuple[ExtensionSigned, ...]:
    """The boxes' signatures aligned with ``data.extensions`` (a snapshot made before boxes
    were signed has none: its earlier boxes stay with their end date only)."""
    known = data.extension_signatures[: len(data.extensions)]
    blank = ExtensionSigned()
    return (*known, *[blank] * (len(data.extensions) - len(known)))


def annul_document(desk: Desk, doc_id: int, reason: str) -> IssuedDocument:
    """Annul with a reason (required; supervisors only); the number and the PDF stay in
    the register, and the file's history shows the annulment with its reason."""
    require(desk, Role.SUPERVISOR)
    if not reason.strip():
        raise ValueError("an annulment needs a reason")
    entry = desk.register.get_by_id(doc_id)
    if entry.annulled_on is not None:
        raise AlreadyAnnulled(
            f"{entry.number} is already annulled (on {entry.annulled_on.isoformat()})"
        )
    with desk.store.transaction():
        document = desk.register.annul(doc_id, reason.strip(), desk.user, desk.today())
        if document.file_id is not None:
            desk.store.add_event(
                document.file_id,
                FileEvent("annulled", desk.today(), f"{document.number}: {reason.strip()}"),
            )
    return document


def reprint(desk: Desk, doc_id: int) -> bytes:
    """A new paper of the entry's latest version, never one that passes for the original:
    the stored PDF marked DUPLICATA with today's date, or, for an annulled entry, marked
    ANNULÉ with the annulment's date and reason (in the paper's language). The register
    records the copy's SHA-256 (``document verify`` names it); the stored PDF is not
    changed."""
    require(desk, Role.CLERK)
    document = desk.register.get_by_id(doc_id)
    with desk.store.transaction():
        pdf, kind = record_copy(desk, document)
        if document.file_id is not None:
            desk.store.add_event(
                document.file_id, FileEvent("reprinted", desk.today(), f"{document.number} {kind}")
            )
    return pdf


def marked_copy(desk: Desk, document: IssuedDocument) -> tuple[bytes, str]:
    """The entry's latest PDF with its mark (``duplicate`` or ``annulled``), and which;
    not recorded (a preview on the screen). The mark's words follow the paper's forms. A
    purged entry has only its placeholder PDF, returned as it is (no mark, kind "")."""
    doc_id = issued_id(document)
    snapshot = desk.register.snapshot(doc_id)
    if snapshot.strip() in ("", "{}"):  # purged (app.services.privacy): a placeholder PDF only
        return desk.register.pdf(doc_id), ""
    data = from_snapshot(snapshot)
    if document.annulled_on is not None:
        mark = Mark(ANNULLED, document.annulled_on, document.annulled_reason)
    else:
        mark = Mark(DUPLICATE, desk.today())
    return mark_copy(desk.register.pdf(doc_id), data, mark, active_forms()), mark.kind


def record_copy(desk: Desk, document: IssuedDocument) -> tuple[bytes, str]:
    """:func:`marked_copy`, entered in the register by its SHA-256 (made today, by the
    desk's user): a copy that leaves the counter can be verified."""
    pdf, kind = marked_copy(desk, document)
    if kind:
        desk.register.record_copy(
            issued_id(document), document.version, kind, pdf, desk.today(), desk.user
        )
    return pdf, kind


def shown_pdf(desk: Desk, doc_id: int) -> bytes:
    """What a preview shows: the stored PDF, or for an annulled entry its ANNULÉ copy, so
    that no screen shows an annulled paper as a valid one."""
    document = desk.register.get_by_id(doc_id)
    if document.annulled_on is None:
        return desk.register.pdf(doc_id)
    return marked_copy(desk, document)[0]
