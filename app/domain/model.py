"""The counter's vocabulary: holders, permits, renewal files, issued documents, the commune.

Plain dataclasses; the store persists them, the services move them, the rules read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from app.domain.birth_dates import PartialDate


class Language(StrEnum):
    """Document and holder language (R7)."""

    FR = "fr"
    NL = "nl"
    DE = "de"


class Sex(StrEnum):
    MALE = "M"
    FEMALE = "F"


class LabourMarket(StrEnum):
    """The card's labour-market mention (art. 31 §4-5; chip codes 7, 8, 9, A)."""

    LIMITED = "limited"
    UNLIMITED = "unlimited"
    NONE = "none"
    SEASONAL = "seasonal"


class Case(StrEnum):
    """Which procedure of RULES.md a renewal file follows."""

    LIMITED_RENEWAL = "limited_renewal"  # R2, art. 33 §5
    UNLIMITED_RENEWAL = "unlimited_renewal"  # R3, art. 105/3
    WORK_AUTHORISATION_ENDED = "work_authorisation_ended"  # R4, art. 105/4
    FIRST_REGISTRATION = "first_registration"  # R5, art. 105/2 §4-5


class Annex(StrEnum):
    """The four models the counter prints."""

    A41 = "41"  # application not taken into consideration
    A49 = "49"  # provisional residence attestation
    A50 = "50"  # attestation that the renewal was filed
    A51 = "51"  # residence document after loss of work authorisation


class RenewalStatus(StrEnum):
    """Where a permit stands against the renewal obligation of R1."""

    NOT_YET_DUE = "not_yet_due"
    DUE = "due"
    EXPIRED = "expired"
    SUSPENDED = "suspended"


class FileState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Outcome(StrEnum):
    """What was decided or done on a file after filing (R3 §3-7, R5, art. 105/6)."""

    PERIOD_EXTENDED = "period_extended"  # art. 105/3 §3 (105/2 §2): with the new date
    APPROVED = "approved"  # §4, annex 46
    TACIT_APPROVAL = "tacit_approval"  # §5, annex 47
    REFUSED = "refused"  # §6, annex 48
    INFORMATION_REQUESTED = "information_requested"  # §7, with its deadline
    INFORMATION_SUPPLIED = "information_supplied"  # §7: what was asked was handed in
    RESIDENCE_CHECKED = "residence_checked"  # R5: the residence check done (105/2 §4-5)
    PERMIT_ISSUED = "permit_issued"  # R5: the single permit handed over (105/2 §4-5)
    STAY_ENDED = "stay_ended"  # art. 105/6: the stay is ended, notified with annex 52

    @property
    def closes_file(self) -> bool:
        return self in (
            Outcome.APPROVED,
            Outcome.TACIT_APPROVAL,
            Outcome.REFUSED,
            Outcome.PERMIT_ISSUED,
            Outcome.STAY_ENDED,
        )

    @property
    def sets_date(self) -> bool:
        """The outcome comes with a date to keep: a request's deadline (§7), the decision
        period's new end (§3)."""
        return self in (Outcome.INFORMATION_REQUESTED, Outcome.PERIOD_EXTENDED)


@dataclass(frozen=True)
class Address:
    street: str = ""
    postal_code: str = ""
    municipality: str = ""

    def one_line(self) -> str:
        town = " ".join(part for part in (self.postal_code, self.municipality) if part)
        return ", ".join(part for part in (self.street, town) if part)


@dataclass
class Person:
    """Identity as printed on an annex: the holder or a family member."""

    surname: str
    given_names: str
    birth_date: date | None = None
    birth_place: str = ""
    nationality: str = ""  # ISO 3166 alpha-2
    national_number: str | None = None  # 11 digits, compact
    sex: Sex | None = None

    @property
    def full_name(self) -> str:
        return f"{self.surname}, {self.given_names}" if self.given_names else self.surname


@dataclass
class Holder(Person):
    """A third-country national holding a single permit."""

    id: int | None = None
    language: Language = Language.FR
    address: Address = field(default_factory=Address)
    phone: str = ""
    email: str = ""
    hospitalised: bool = False
    detained: bool = False
    travelling: bool = False
    # Set instead of birth_date when the register knows only the year, or month and year
    # (app.domain.birth_dates).
    birth_date_partial: PartialDate | None = None
    #: How many times the stored record had been saved when this copy was read (0: not
    #: stored yet); saving a copy that another counter has saved since is refused
    #: (app.domain.errors.EditConflict). Bookkeeping, not data: left out of comparisons.
    version: int = field(default=0, compare=False)


@dataclass
class FamilyMember(Person):
    """A family member named on a renewal file; receives annex 51 too (R4)."""

    id: int | None = None
    holder_id: int | None = None
    relationship: str = ""  # a Relationship value; records made before may hold free text


class Relationship(StrEnum):
    """How a family member is related to the holder, printed on their annex 51 (R4)."""

    SPOUSE = "spouse"
    PARTNER = "partner"  # registered partner
    CHILD = "child"
    PARENT = "parent"
    OTHER = "other"


class HandedIn(StrEnum):
    """What a holder registering for the first time hands in when annex 49 is issued
    (art. 105/2 §5 al. 3: "un document ou un titre de séjour")."""

    NONE = "none"
    RESIDENCE_CARD = "residence_card"  # titre de séjour: a card
    RESIDENCE_DOCUMENT = "residence_document"  # document de séjour: an attestation, an annex


@dataclass
class Permit:
    """The single-permit card: an A card with a labour-market mention."""

    holder_id: int | None
    card_number: str
    expiry: date
    labour_market: LabourMarket
    valid_from: date | None = None
    card_type: str = "A"
    id: int | None = None
    # The chip's single-permit fields (Fedict eid-mw beidlabels.h), "" when absent.
    regional_file_number: str = ""  # the regional authority's file (R2's attestation)
    employer_vat_1: str = ""  # the employer's VAT/enterprise number, 10 digits
    employer_vat_2: str = ""
    issuing_municipality: str = ""  # the commune that delivered the card
    special_status: str = ""  # the chip's code: 0 none, 1-5 white/yellow cane, minority
    member_of_family: bool = False  # the card's "member of the family" mention


@dataclass
class FileEvent:
    """Something that happened on a renewal file, in order."""

    kind: str
    on: date
    detail: str = ""
    id: int | None = None
    due_on: date | None = None  # the date the event sets: a request's deadline (R3 §7), ...


@dataclass
class RenewalFile:
    """One renewal procedure for one permit; its facts feed the rules."""

    holder_id: int
    case: Case
    opened_on: date
    permit_id: int | None = None
    renewal_filed_on: date | None = None
    regional_attestation: bool = False
    regional_attestation_date: date | None = None
    regional_attestation_reference: str = ""
    decision_taken: bool = False
    missing_documents: tuple[str, ...] = ()
    work_authorisation_ended_on: date | None = None
    stay_ended: bool = False
    stay_ended_on: date | None = None  # the decision ending the stay (annex 52, art. 105/6)
    from_abroad: bool = False  # R5: arrived with a long-stay visa (art. 105/2 §4)
    handed_in: str = ""  # R5: a HandedIn value, "" when not recorded (art. 105/2 §5)
    handed_in_number: str = ""  # the number of the document handed in
    family_member_ids: tuple[int, ...] = ()
    state: FileState = FileState.OPEN
    id: int | None = None
    events: list[FileEvent] = field(default_factory=list)
    #: As :attr:`Holder.version`: the stored file's save count when this copy was read.
    version: int = field(default=0, compare=False)


@dataclass(frozen=True)
class FileHandling:
    """A renewal file open at a counter: which counter, which clerk, since when (ISO);
    another counter opening the file is told so."""

    counter: str
    user: str
    since: str


@dataclass(frozen=True)
class RegisterNumber:
    """A document's number in the commune's register: ``2026/000123``.

    Numbered per commune per year, without gaps or duplicates.
    """

    year: int
    sequence: int

    def __str__(self) -> str:
        return f"{self.year}/{self.sequence:06d}"

    @classmethod
    def parse(cls, text: str) -> RegisterNumber:
        """Parse ``2026/000123`` (also ``2026000123`` as a barcode scanner sends it)."""
        cleaned = text.strip().replace("/", "")
        if len(cleaned) != 10 or not cleaned.isdigit():
            raise ValueError(f"not a register number: {text!r} (expected YYYY/NNNNNN)")
        return cls(int(cleaned[:4]), int(cleaned[4:]))


@dataclass
class IssuedDocument:
    """An annex as entered in the register."""

    number: RegisterNumber
    annex: Annex
    language: Language
    holder_id: int
    issued_on: date
    issued_by: str
    sha256: str
    valid_until: date | None = None
    max_extensions: int = 0
    extension_days: int | None = None
    extensions_used: int = 0
    file_id: int | None = None
    family_member_id: int | None = None
    variant: str = ""  # annex 49: "renewal" (R2) or "first_registration" (R5)
    version: int = 0  # 0 as issued; each extension adds a version of the PDF (R6)
    annulled_on: date | None = None
    annulled_reason: str = ""
    created_at: datetime | None = None
    id: int | None = None


def issued_id(document: IssuedDocument) -> int:
    """The register id of a document read from the register (only a draft has none)."""
    if document.id is None:
        raise ValueError(f"document {document.number} has no register id yet")
    return document.id


@dataclass(frozen=True)
class CommuneText:
    """The commune as a paper in one language names it (R7): a Brussels commune has a
    French and a Dutch name and street name (Schaerbeek / Schaarbeek)."""

    name: str = ""
    street: str = ""
    municipality: str = ""


@dataclass
class Commune:
    """The issuing commune, as set by the admin (``permitdesk init``, the settings).

    ``name``, ``street`` and ``municipality`` are the commune in its first language;
    ``texts`` the same per document language, as the settings dialog edits them."""

    nis_code: str
    name: str
    languages: tuple[Language, ...] = (Language.FR,)
    street: str = ""
    postal_code: str = ""
    municipality: str = ""
    texts: dict[Language, CommuneText] = field(default_factory=dict)

    def text(self, language: Language | str) -> CommuneText:
        """Name and address in ``language``; the commune's own fields where none was set."""
        given = self.texts.get(Language(language))
        if given is not None and given.name:
            return given
        return CommuneText(self.name, self.street, self.municipality)


@dataclass(frozen=True)
class TransmissionRow:
    """One thing to send (or sent): the register entry it is about and its holder."""

    id: int
    document_id: int
    kind: str  # "application_with_annex50" or "annex41_copy"
    due_on: date
    sent_on: date | None
    channel: str
    number: RegisterNumber
    annex: Annex
    issued_on: date
    holder_id: int
    surname: str
    given_names: str
    national_number: str | None
