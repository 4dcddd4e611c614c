"""R6 with R2, R3, R5: extensions add the same duration to the previous end, up to the maximum."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest

from app.domain.model import Annex
from app.domain.rules import extend, extension_rule

ISSUED = date(2027, 3, 1)

#: (annex, variant, days, max extensions, rule that sets them, longest total in days)
EXTENDABLE = [
    pytest.param(Annex.A49, "renewal", 30, 2, "R2", 90, id="R2-annex49-renewal"),
    pytest.param(Annex.A50, "", 30, 3, "R3", 120, id="R3-annex50"),
    pytest.param(Annex.A49, "first_registration", 45, 2, "R5", 135, id="R5-annex49-first"),
]


def extend_fully(annex, variant, days, max_extensions):
    """Extend an attestation issued on ISSUED as often as the law allows, on its last day."""
    valid_until = ISSUED + timedelta(days=days)
    ends = [valid_until]
    for used in range(max_extensions):
        decision = extend(annex, variant, valid_until, used, max_extensions, days, valid_until)
        assert decision.allowed, decision.findings
        valid_until = decision.new_valid_until
        ends.append(valid_until)
    return ends


@pytest.mark.parametrize(("annex", "variant", "days", "max_ext", "rule", "total"), EXTENDABLE)
def test_r6_each_extension_adds_the_same_duration_to_the_previous_end(
    annex, variant, days, max_ext, rule, total
):
    ends = extend_fully(annex, variant, days, max_ext)
    assert len(ends) == max_ext + 1
    assert [(later - earlier).days for earlier, later in pairwise(ends)] == [days] * max_ext
    assert (ends[-1] - ISSUED).days == total


@pytest.mark.parametrize(("annex", "variant", "days", "max_ext", "rule", "total"), EXTENDABLE)
def test_r6_the_last_allowed_extension_succeeds_and_the_next_is_refused(
    annex, variant, days, max_ext, rule, total
):
    valid_until = ISSUED + timedelta(days=days * max_ext)
    last = extend(annex, variant, valid_until, max_ext - 1, max_ext, days, ISSUED)
    assert last.allowed
    assert last.new_valid_until == valid_until + timedelta(days=days)
    (finding,) = last.findings
    assert (finding.rule, finding.code) == ("R6", "ext_granted")
    assert finding.params == {
        "valid_until": valid_until + timedelta(days=days),
        "number": max_ext,
        "max": max_ext,
        "days": days,
    }

    refused = extend(annex, variant, last.new_valid_until, max_ext, max_ext, days, ISSUED)
    assert not refused.allowed
    assert refused.new_valid_until is None
    (finding,) = refused.findings
    assert (finding.rule, finding.code) == (rule, "ext_maximum")
    assert finding.params == {"annex": annex.value, "max": max_ext}


@pytest.mark.parametrize(
    ("annex", "valid_until", "rule"),
    [
        (Annex.A41, None, "R3"),  # annex 41 has no validity at all
        (Annex.A51, date(2027, 5, 30), "R4"),  # valid to the end of the 90-day period only
    ],
)
def test_r6_annexes_41_and_51_are_not_extendable(annex, valid_until, rule):
    decision = extend(annex, "", valid_until, 0, 0, None, ISSUED)
    assert not decision.allowed
    (finding,) = decision.findings
    assert (finding.rule, finding.code) == (rule, "ext_not_extendable")


@pytest.mark.parametrize(
    ("today", "allowed"),
    [
        (date(2027, 3, 31), True),  # the last valid day
        (date(2027, 4, 1), False),  # the day after: lapsed
    ],
)
def test_r6_a_lapsed_attestation_cannot_be_extended(today, allowed):
    valid_until = date(2027, 3, 31)
    decision = extend(Annex.A50, "", valid_until, 0, 3, 30, today)
    assert decision.allowed is allowed
    if not allowed:
        (finding,) = decision.findings
        assert (finding.rule, finding.code) == ("R6", "ext_lapsed")
        assert finding.params == {"valid_until": valid_until}


def test_r9_extension_uses_the_count_and_duration_recorded_at_issue():
    """A document issued under an older law keeps its own extension terms (R9)."""
    decision = extend(Annex.A50, "", date(2027, 3, 31), 3, 4, 60, date(2027, 3, 1))
    assert decision.new_valid_until == date(2027, 5, 30)


@pytest.mark.parametrize(
    ("annex", "variant", "rule"),
    [
        (Annex.A49, "renewal", "R2"),
        (Annex.A49, "", "R2"),
        (Annex.A49, "first_registration", "R5"),
        (Annex.A50, "", "R3"),
        (Annex.A41, "", "R3"),
        (Annex.A51, "", "R4"),
    ],
)
def test_extension_rule_names_the_rule_setting_the_extensions(annex, variant, rule):
    assert extension_rule(annex, variant) == rule


@pytest.mark.parametrize(("annex", "rule"), [(Annex.A49, "R2"), (Annex.A50, "R3")])
def test_no_extension_once_the_application_is_decided(annex, rule):
    """The attestation covers the stay while the decision is pending (art. 33 §5, 105/3)."""
    decision = extend(annex, "", date(2027, 7, 15), 0, 3, 30, date(2027, 7, 1), decided=True)
    assert not decision.allowed
    assert [(f.rule, f.code) for f in decision.findings] == [(rule, "ext_decided")]
