"""The document register: gapless numbers, identical reprints, versions, annulment, checks."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from app.documents.locale_format import long_date
from app.domain.errors import NotFound
from app.domain.model import Annex, Case, Language, RegisterNumber
from app.services.issuing import extend_document, issue_annex
from app.store import DocumentDraft, Register, Store

Render = Callable[[RegisterNumber], tuple[bytes, str]]


def fake_pdf(number: RegisterNumber) -> bytes:
    return f"%PDF-1.4 fake annex {number}".encode()


def cheap_render(number: RegisterNumber) -> tuple[bytes, str]:
    return fake_pdf(number), "{}"


@pytest.fixture
def register(store: Store) -> Register:
    return store.register()


@pytest.fixture
def holder_id(make) -> int:
    return make.holder().id


@pytest.fixture
def draft(holder_id: int, today: date) -> Callable[..., DocumentDraft]:
    def build(**changes: object) -> DocumentDraft:
        fields: dict[str, object] = {
            "annex": Annex.A50,
            "language": Language.FR,
            "holder_id": holder_id,
            "issued_on": today,
            "issued_by": "clerk",
            "valid_until": today + timedelta(days=30),
            "max_extensions": 3,
            "extension_days": 30,
        }
        fields.update(changes)
        return DocumentDraft(**fields)  # type: ignore[arg-type]

    return build


def numbers(register: Register, count: int, draft, commune: str = "21004", **changes) -> list:
    return [
        str(register.issue(commune, draft(**changes), cheap_render).number) for _ in range(count)
    ]


def test_numbers_follow_each_other_from_one(register: Register, draft) -> None:
    assert numbers(register, 3, draft) == ["2026/000001", "2026/000002", "2026/000003"]
    assert register.problems() == []


def test_each_commune_has_its_own_sequence(register: Register, draft) -> None:
    assert numbers(register, 2, draft, "21004") == ["2026/000001", "2026/000002"]
    assert numbers(register, 1, draft, "21015") == ["2026/000001"]
    assert numbers(register, 1, draft, "21004") == ["2026/000003"]
    assert (
        register.get(RegisterNumber(2026, 1), "21015").holder_id
        == register.get(RegisterNumber(2026, 1), "21004").holder_id
    )
    assert register.problems() == []


def test_a_new_year_restarts_at_one(register: Register, draft) -> None:
    numbers(register, 2, draft, issued_on=date(2026, 12, 31))
    assert numbers(register, 2, draft, issued_on=date(2027, 1, 1)) == [
        "2027/000001",
        "2027/000002",
    ]
    assert numbers(register, 1, draft, issued_on=date(2026, 12, 31)) == ["2026/000003"]
    assert register.problems() == []


def test_a_failed_render_consumes_no_number(register: Register, draft, store: Store) -> None:
    numbers(register, 1, draft)

    def broken(number: RegisterNumber) -> tuple[bytes, str]:
        raise OSError("printer font missing")

    with pytest.raises(OSError, match="font"):
        register.issue("21004", draft(), broken)
    assert store._execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    assert numbers(register, 1, draft) == ["2026/000002"]
    assert register.problems() == []


def test_the_render_receives_its_number(register: Register, draft) -> None:
    seen: list[RegisterNumber] = []

    def render(number: RegisterNumber) -> tuple[bytes, str]:
        seen.append(number)
        return cheap_render(number)

    document = register.issue("21004", draft(), render)
    assert seen == [document.number] == [RegisterNumber(2026, 1)]


def test_issue_records_the_draft(register: Register, draft, holder_id, today) -> None:
    document = register.issue("21004", draft(variant="", file_id=None), cheap_render)
    assert document.annex is Annex.A50
    assert document.holder_id == holder_id
    assert document.issued_on == today
    assert document.valid_until == today + timedelta(days=30)
    assert (document.max_extensions, document.extension_days) == (3, 30)
    assert document.extensions_used == 0
    assert document.version == 0
    assert document.sha256 == hashlib.sha256(fake_pdf(document.number)).hexdigest()


def test_reprint_is_byte_identical(register: Register, draft) -> None:
    document = register.issue("21004", draft(), cheap_render)
    assert register.pdf(document.id) == fake_pdf(document.number)
    assert register.pdf(document.id) == register.pdf(document.id, version=0)


def test_extension_adds_a_version_with_a_new_hash(register: Register, draft, today) -> None:
    document = register.issue("21004", draft(), cheap_render)
    new_end = today + timedelta(days=60)
    extended = register.extend(document.id, new_end, lambda: (b"%PDF-1.4 extended", "{}"), "clerk2")
    assert extended.version == 1
    assert extended.valid_until == new_end
    assert extended.extensions_used == 1
    assert extended.sha256 != document.sha256
    assert register.pdf(document.id) == b"%PDF-1.4 extended"
    assert register.pdf(document.id, version=0) == fake_pdf(document.number)
    assert [(v.version, v.valid_until, v.created_by) for v in register.versions(document.id)] == [
        (0, today + timedelta(days=30), "clerk"),
        (1, new_end, "clerk2"),
    ]
    assert register.problems() == []


def test_annulment_keeps_the_document_and_its_number(register: Register, draft, today) -> None:
    document = register.issue("21004", draft(), cheap_render)
    annulled = register.annul(document.id, "wrong holder", "clerk", today)
    assert annulled.number == document.number
    assert annulled.annulled_on == today
    assert annulled.annulled_reason == "wrong holder"
    assert register.pdf(document.id) == fake_pdf(document.number)
    assert numbers(register, 1, draft) == ["2026/000002"]
    assert register.problems() == []


def test_find_by_hash_names_the_entry_and_version(register: Register, draft, today) -> None:
    first = register.issue("21004", draft(), cheap_render)
    second = register.issue("21004", draft(), cheap_render)
    register.extend(second.id, today + timedelta(days=60), lambda: (b"v1", "{}"), "clerk")

    found, version = register.find_by_hash(first.sha256)  # type: ignore[misc]
    assert (found.number, version) == (first.number, 0)
    found, version = register.find_by_hash(hashlib.sha256(b"v1").hexdigest())  # type: ignore[misc]
    assert (found.number, version) == (second.number, 1)
    assert register.find_by_hash(hashlib.sha256(b"foreign").hexdigest()) is None


def test_lookups_of_unknown_documents_are_not_found(register: Register) -> None:
    with pytest.raises(NotFound):
        register.get(RegisterNumber(2026, 1))
    with pytest.raises(NotFound):
        register.get_by_id(1)
    with pytest.raises(NotFound):
        register.pdf(1)
    with pytest.raises(NotFound):
        register.snapshot(1)


def test_of_holder_lists_newest_first(register: Register, draft, holder_id) -> None:
    numbers(register, 3, draft)
    listed = [str(d.number) for d in register.of_holder(holder_id)]
    assert listed == ["2026/000003", "2026/000002", "2026/000001"]


# -- problems(): what `permitdesk check` reports -------------------------------------------


@pytest.fixture
def three_documents(register: Register, draft) -> list:
    return [register.issue("21004", draft(), cheap_render) for _ in range(3)]


@pytest.mark.sqlite_only  # the server refuses the same change (tests/store/postgres)
def test_a_tampered_pdf_is_reported(register: Register, store: Store, three_documents) -> None:
    store._execute(
        "UPDATE document_versions SET pdf = ? WHERE document_id = ?",
        [b"%PDF-1.4 forged", three_documents[1].id],
    )
    assert register.problems() == ["document 2026/000002 version 0: PDF does not match hash"]


@pytest.mark.sqlite_only  # the server refuses the same change (tests/store/postgres)
@pytest.mark.parametrize("deleted", [0, 1, 2], ids=["first", "middle", "last"])
def test_a_gap_is_reported(register: Register, store: Store, three_documents, deleted) -> None:
    store._execute("DELETE FROM documents WHERE id = ?", [three_documents[deleted].id])
    (problem,) = register.problems()
    assert problem.startswith("register 21004 2026: 2 documents for numbers 1..3")


@pytest.mark.sqlite_only  # the server refuses the same change (tests/store/postgres)
def test_a_document_without_its_pdf_is_reported(register, store: Store, three_documents) -> None:
    store._execute("DELETE FROM document_versions WHERE document_id = ?", [three_documents[0].id])
    assert register.problems() == ["document 2026/000001 has no PDF"]


# -- extension through the services: the real PDF gets its extension box filled ------------


@pytest.mark.parametrize("language", [Language.FR, Language.NL])
def test_extension_fills_the_box_in_the_document_language(
    desk, make, today, pdf_text, language
) -> None:
    holder = make.holder()
    permit = make.permit(holder, today - timedelta(days=3))
    file = make.file(
        holder,
        permit,
        Case.LIMITED_RENEWAL,
        renewal_filed_on=today - timedelta(days=40),
        regional_attestation=True,
    )
    (document,) = issue_annex(desk, file.id, language)
    first_pdf = desk.register.pdf(document.id)

    extended, decision = extend_document(desk, document.id)

    assert extended is not None and decision.allowed
    new_end = document.valid_until + timedelta(days=30)
    assert extended.valid_until == new_end
    assert extended.version == 1
    assert extended.sha256 != document.sha256
    assert long_date(new_end, language.value) not in pdf_text(first_pdf)
    text = pdf_text(desk.register.pdf(document.id))
    assert long_date(new_end, language.value) in text
    assert str(document.number) in text
    assert desk.register.pdf(document.id, version=0) == first_pdf
    assert desk.register.problems() == []
