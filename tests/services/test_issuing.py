"""Issuing, extending, annulling and reprinting annexes through the services (R2-R6)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from app.documents.locale_format import long_date
from app.domain.checklist import label_of
from app.domain.model import Annex, FileState, Language
from app.services import issuing
from app.services.desk import Desk, NotConfigured
from app.services.issuing import (
    IssueRefused,
    LanguageNotAllowed,
    annul_document,
    extend_document,
    issue_annex,
    reprint,
)
from app.store import Store

# (scenario, annex, variant, days of validity from today, max extensions, extension days)
GRANTS = [
    ("r2", Annex.A49, "renewal", 30, 2, 30),
    ("r3", Annex.A50, "", 30, 3, 30),
    ("r5", Annex.A49, "first_registration", 45, 2, 45),
]


def transmissions(store: Store) -> list[tuple[int, str, str]]:
    return [
        tuple(row)
        for row in store._execute(
            "SELECT document_id, kind, due_on FROM transmissions ORDER BY id"
        ).fetchall()
    ]


@pytest.mark.parametrize(("scenario", "annex", "variant", "days", "extensions", "step"), GRANTS)
def test_issue_grants_the_annex_of_the_case(
    desk: Desk, scenarios, today, scenario, annex, variant, days, extensions, step
) -> None:
    file = getattr(scenarios, scenario)()
    (document,) = issue_annex(desk, file.id, Language.FR)
    assert document.annex is annex
    assert document.variant == variant
    assert document.valid_until == today + timedelta(days=days)
    assert (document.max_extensions, document.extension_days) == (extensions, step)
    assert str(document.number) == "2026/000001"
    assert document.file_id == file.id
    assert document.issued_by == "clerk"
    assert [e.kind for e in desk.store.get_file(file.id).events] == ["issued"]


@pytest.mark.parametrize("language", [Language.FR, Language.NL])
@pytest.mark.parametrize("scenario", ["r2", "r3", "r4", "r5"])
def test_pdf_names_holder_number_and_validity(
    desk: Desk, scenarios, pdf_text, scenario, language
) -> None:
    file = (
        getattr(scenarios, scenario)(family_member_ids=())
        if scenario == "r4"
        else (getattr(scenarios, scenario)())
    )
    (document,) = issue_annex(desk, file.id, language)
    holder = desk.store.get_holder(file.holder_id)
    text = pdf_text(desk.register.pdf(document.id))
    assert holder.surname in text
    assert holder.given_names in text
    assert str(document.number) in text
    assert long_date(document.valid_until, language.value) in text  # type: ignore[arg-type]


@pytest.mark.parametrize("language", [Language.FR, Language.NL])
def test_annex_41_names_missing_documents_in_its_language(
    desk: Desk, scenarios, pdf_text, language
) -> None:
    file = scenarios.r3(missing_documents=("passport", "photo"))
    (document,) = issue_annex(desk, file.id, language)
    assert document.annex is Annex.A41
    assert document.valid_until is None
    assert document.max_extensions == 0
    text = pdf_text(desk.register.pdf(document.id))
    for item in ("passport", "photo"):
        assert label_of(item, language.value) in text
    other = Language.NL if language is Language.FR else Language.FR
    assert label_of("passport", other.value) not in text


def test_annex_51_for_the_holder_and_each_family_member(
    desk: Desk, scenarios, today, pdf_text
) -> None:
    file = scenarios.r4(family=2)
    documents = issue_annex(desk, file.id, Language.NL)
    period_end = today - timedelta(days=30) + timedelta(days=90)
    assert [d.annex for d in documents] == [Annex.A51] * 3
    assert [str(d.number) for d in documents] == ["2026/000001", "2026/000002", "2026/000003"]
    assert {d.valid_until for d in documents} == {period_end}
    assert [d.family_member_id for d in documents] == [None, *file.family_member_ids]
    assert {d.holder_id for d in documents} == {file.holder_id}
    for document, member_id in zip(documents[1:], file.family_member_ids, strict=True):
        member = desk.store.get_family_member(member_id)
        assert member.given_names in pdf_text(desk.register.pdf(document.id))
    assert len(desk.store.get_file(file.id).events) == 3


@pytest.mark.parametrize(
    ("scenario", "changes", "kind"),
    [
        ("r3", {}, "application_with_annex50"),
        ("r3", {"missing_documents": ("passport",)}, "annex41_copy"),
        ("r2", {}, None),
        ("r5", {}, None),
        ("r4", {"family_member_ids": ()}, None),
    ],
)
def test_transmissions_are_queued_for_annexes_50_and_41(
    desk: Desk, scenarios, today, scenario, changes, kind
) -> None:
    file = getattr(scenarios, scenario)(**changes)
    (document,) = issue_annex(desk, file.id, Language.FR)
    expected = [(document.id, kind, today.isoformat())] if kind else []
    assert transmissions(desk.store) == expected


@pytest.mark.parametrize(
    ("scenario", "changes", "code"),
    [
        ("r2", {"regional_attestation": False}, "r2_no_attestation"),
        ("r2", {"renewal_filed_on": None}, "r2_not_filed"),
        ("r2", {"decision_taken": True}, "decision_taken"),
        ("r3", {"decision_taken": True}, "decision_taken"),
        ("r4", {"stay_ended": True}, "r4_stay_ended"),
        ("r5", {"missing_documents": ("decision",)}, "r5_missing"),
    ],
)
def test_issue_refused_with_the_explanation(desk: Desk, scenarios, scenario, changes, code) -> None:
    file = getattr(scenarios, scenario)(**changes)
    with pytest.raises(IssueRefused) as refused:
        issue_annex(desk, file.id, Language.FR)
    assessment = refused.value.assessment
    assert code in [finding.code for finding in assessment.findings]
    assert str(refused.value) == assessment.explanation("en")
    assert assessment.explanation("fr")
    assert desk.store._execute("SELECT count(*) FROM documents").fetchone()[0] == 0
    assert desk.store._execute("SELECT count(*) FROM register_counters").fetchone()[0] == 0


def test_r2_before_the_permit_expires_is_refused(desk: Desk, scenarios, clock, today) -> None:
    file = scenarios.r2()
    clock.day = today - timedelta(days=4)  # the permit expires tomorrow
    with pytest.raises(IssueRefused) as refused:
        issue_annex(desk, file.id, Language.FR)
    assert "r2_before_expiry" in [f.code for f in refused.value.assessment.findings]
    assert "expiry" in refused.value.assessment.explanation("en")


def test_german_is_not_allowed_at_a_french_dutch_commune(desk: Desk, scenarios) -> None:
    file = scenarios.r3()
    with pytest.raises(LanguageNotAllowed, match="de"):
        issue_annex(desk, file.id, Language.DE)
    assert desk.store._execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_issue_needs_a_configured_commune(store: Store, scenarios, clock) -> None:
    bare = Desk(store, user="clerk", clock=clock)
    file = scenarios.r3()
    with pytest.raises(NotConfigured, match="permitdesk init"):
        issue_annex(bare, file.id, Language.FR)


def test_issue_writes_the_audit_trail(desk: Desk, scenarios) -> None:
    (document,) = issue_annex(desk, scenarios.r3().id, Language.FR)
    (row,) = desk.store._all('SELECT "user", action, entity, entity_id, detail FROM audit_log')
    assert (row["user"], row["action"], row["entity_id"]) == ("clerk", "issue", document.id)
    assert json.loads(row["detail"])["number"] == "2026/000001"


# -- extensions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scenario", "maximum", "step", "rule"),
    [("r2", 2, 30, "R2"), ("r3", 3, 30, "R3"), ("r5", 2, 45, "R5")],
)
def test_extend_up_to_the_maximum_then_refused(
    desk: Desk, scenarios, scenario, maximum, step, rule
) -> None:
    (document,) = issue_annex(desk, getattr(scenarios, scenario)().id, Language.FR)
    end = document.valid_until
    for number in range(1, maximum + 1):
        extended, decision = extend_document(desk, document.id)
        end += timedelta(days=step)  # type: ignore[operator]
        assert decision.allowed
        assert extended is not None
        assert (extended.valid_until, extended.extensions_used, extended.version) == (
            end,
            number,
            number,
        )
    refused, decision = extend_document(desk, document.id)
    assert refused is None
    assert not decision.allowed
    (finding,) = decision.findings
    assert (finding.rule, finding.code) == (rule, "ext_maximum")
    assert len(desk.register.versions(document.id)) == maximum + 1
    assert desk.register.problems() == []


@pytest.mark.parametrize(
    ("scenario", "changes"),
    [("r3", {"missing_documents": ("photo",)}), ("r4", {"family_member_ids": ()})],
    ids=["annex41", "annex51"],
)
def test_annexes_41_and_51_are_not_extendable(desk: Desk, scenarios, scenario, changes) -> None:
    (document,) = issue_annex(desk, getattr(scenarios, scenario)(**changes).id, Language.FR)
    extended, decision = extend_document(desk, document.id)
    assert extended is None
    assert [f.code for f in decision.findings] == ["ext_not_extendable"]


def test_a_lapsed_attestation_is_not_extended(desk: Desk, scenarios, clock, today) -> None:
    (document,) = issue_annex(desk, scenarios.r2().id, Language.FR)
    clock.day = document.valid_until + timedelta(days=1)  # type: ignore[operator]
    extended, decision = extend_document(desk, document.id)
    assert extended is None
    assert [f.code for f in decision.findings] == ["ext_lapsed"]


def test_second_extension_keeps_the_first_box_filled(desk: Desk, scenarios, pdf_text) -> None:
    (document,) = issue_annex(desk, scenarios.r3().id, Language.FR)
    first, _ = extend_document(desk, document.id)
    second, _ = extend_document(desk, document.id)
    text = pdf_text(desk.register.pdf(document.id))
    assert long_date(first.valid_until, "fr") in text  # type: ignore[union-attr, arg-type]
    assert long_date(second.valid_until, "fr") in text  # type: ignore[union-attr, arg-type]


# -- annulment and reprint -------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   \t"])
def test_annulment_needs_a_reason(desk: Desk, scenarios, reason: str) -> None:
    (document,) = issue_annex(desk, scenarios.r3().id, Language.FR)
    with pytest.raises(ValueError, match="reason"):
        annul_document(desk, document.id, reason)
    assert desk.register.get_by_id(document.id).annulled_on is None


def test_annulled_document_stays_and_is_not_extended(desk: Desk, scenarios, today) -> None:
    (document,) = issue_annex(desk, scenarios.r3().id, Language.FR)
    pdf = desk.register.pdf(document.id)
    annulled = annul_document(desk, document.id, "  wrong holder chosen  ")
    assert (annulled.annulled_on, annulled.annulled_reason) == (today, "wrong holder chosen")
    assert desk.register.pdf(document.id) == pdf
    extended, decision = extend_document(desk, document.id)
    assert extended is None
    assert not decision.allowed
    assert desk.register.problems() == []


def test_reprint_is_a_recorded_duplicate_and_audited(desk: Desk, scenarios) -> None:
    """A reprint is never the original again: a DUPLICATA of the stored PDF, recorded by
    its SHA-256 (test_papers.py pins the mark itself)."""
    (document,) = issue_annex(desk, scenarios.r2().id, Language.NL)
    original = desk.register.pdf(document.id, version=0)
    first, second = reprint(desk, document.id), reprint(desk, document.id)
    assert first == second != original  # the same day: the same duplicate
    assert desk.register.pdf(document.id, version=0) == original
    assert [c.kind for c in desk.register.copies(document.id)] == ["duplicate", "duplicate"]
    actions = [r["action"] for r in desk.store._all("SELECT action FROM audit_log ORDER BY id")]
    assert actions == ["issue", "reprint", "reprint"]


def test_issuing_twice_on_one_day_gives_two_numbers(desk: Desk, scenarios) -> None:
    first = issue_annex(desk, scenarios.r3().id, Language.FR)
    second = issue_annex(desk, scenarios.r2().id, Language.NL)
    assert [str(d.number) for d in first + second] == ["2026/000001", "2026/000002"]


def test_issue_in_a_new_year_restarts_numbering(desk: Desk, scenarios, clock) -> None:
    issue_annex(desk, scenarios.r5().id, Language.FR)
    clock.day = date(2027, 1, 4)
    (document,) = issue_annex(desk, scenarios.r5().id, Language.FR)
    assert str(document.number) == "2027/000001"


@pytest.mark.parametrize("scenario", ["r2", "r3"])
def test_no_extension_once_the_file_is_decided(desk: Desk, scenarios, scenario) -> None:
    file = getattr(scenarios, scenario)()
    (document,) = issue_annex(desk, file.id, Language.FR)
    file = desk.store.get_file(file.id)
    file.decision_taken = True
    file.state = FileState.CLOSED
    desk.store.save_file(file)
    extended, decision = extend_document(desk, document.id)
    assert extended is None
    assert not decision.allowed


def test_annex_51_for_a_family_is_all_or_nothing(desk: Desk, scenarios, monkeypatch) -> None:
    """The holder's and the family's annexes are one transaction: a failure on the third
    rendering leaves no document and no number taken."""
    real_render = issuing.render_annex
    calls = []

    def render_failing_on_the_third(data, forms=None):
        calls.append(data.person.given_names)
        if len(calls) == 3:
            raise OSError("disk full")
        return real_render(data, forms)

    monkeypatch.setattr(issuing, "render_annex", render_failing_on_the_third)
    file = scenarios.r4(family=2)
    with pytest.raises(OSError, match="disk full"):
        issue_annex(desk, file.id, Language.FR)
    assert len(calls) == 3
    assert desk.store._execute("SELECT count(*) FROM documents").fetchone()[0] == 0
    assert desk.store._execute("SELECT count(*) FROM register_counters").fetchone()[0] == 0
    assert desk.store.get_file(file.id).events == []
    monkeypatch.undo()
    assert [str(d.number) for d in issue_annex(desk, file.id, Language.FR)] == [
        "2026/000001",
        "2026/000002",
        "2026/000003",
    ]
