"""R4 (art. 105/4; Law art. 61/25-2 §5): annex 51 until the end of the 90-day period."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.assess import Facts, assess
from app.domain.model import Annex, Case
from app.domain.rules import annex51, work_loss_period_end

ENDED_ON = date(2027, 3, 1)
PERIOD_END = date(2027, 5, 30)  # ENDED_ON + 90 days (R6)
TODAY = date(2027, 3, 10)

ENDED = Facts(
    today=TODAY,
    case=Case.WORK_AUTHORISATION_ENDED,
    permit_expiry=date(2027, 4, 20),
    work_authorisation_ended_on=ENDED_ON,
)


def r4(**changes):
    return assess(dataclasses.replace(ENDED, **changes))


def test_r4_period_end_is_the_end_date_plus_90_days():
    assert work_loss_period_end(ENDED_ON) == PERIOD_END
    assert work_loss_period_end(date(2027, 11, 15)) == date(2028, 2, 13)


@pytest.mark.parametrize(
    "expiry",
    [
        ENDED_ON,  # art. 31 §2: the permit lasts as long as the authorisation, the normal case
        ENDED_ON + timedelta(days=1),  # the day after the end of the work authorisation
        date(2027, 4, 20),
        PERIOD_END,  # the last day of the 90-day period
    ],
)
def test_r4_expiry_within_the_period_gives_annex51_valid_to_the_period_end(expiry):
    assessment = r4(permit_expiry=expiry)
    grant = assessment.grant
    assert grant is not None
    assert grant.annex is Annex.A51
    assert grant.valid_until == PERIOD_END
    assert (grant.max_extensions, grant.extension_days) == (0, None)
    finding = assessment.findings[-1]
    assert (finding.rule, finding.code) == ("R4", "r4_granted")
    assert finding.params == {
        "ended_on": ENDED_ON,
        "period_end": PERIOD_END,
        "valid_until": PERIOD_END,
    }
    # R4 is no renewal: R1's "renewal due" sentence does not open its explanation.
    assert assessment.rules == ("R4",)
    assert [f.rule for f in assessment.findings] == ["R4"]


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"permit_expiry": PERIOD_END + timedelta(days=1)}, "r4_expires_after"),
        ({"permit_expiry": ENDED_ON - timedelta(days=1)}, "r4_expired_before"),
        ({"permit_expiry": date(2026, 12, 31)}, "r4_expired_before"),
        ({"stay_ended": True}, "r4_stay_ended"),
        ({"today": PERIOD_END + timedelta(days=1)}, "r4_period_over"),
        ({"today": ENDED_ON - timedelta(days=1)}, "r4_not_ended_yet"),
    ],
)
def test_r4_no_annex51(changes, code):
    assessment = r4(**changes)
    assert assessment.grant is None
    assert (assessment.findings[-1].rule, assessment.findings[-1].code) == ("R4", code)


@pytest.mark.parametrize("today", [ENDED_ON, PERIOD_END])
def test_r4_annex51_from_the_end_of_work_to_the_last_day_of_the_period(today):
    assert r4(today=today).valid_until == PERIOD_END


def test_r4_refusal_findings_name_the_dates():
    expiry = PERIOD_END + timedelta(days=1)
    _, findings = annex51(TODAY, expiry, work_authorisation_ended_on=ENDED_ON, stay_ended=False)
    assert findings[-1].params == {
        "ended_on": ENDED_ON,
        "period_end": PERIOD_END,
        "expiry": expiry,
    }


@given(
    ended_on=st.dates(min_value=date(2019, 1, 3), max_value=date(2060, 12, 31)),
    expiry_offset=st.integers(min_value=-10, max_value=110),
    today_offset=st.integers(min_value=-10, max_value=110),
)
def test_r4_annex51_iff_expiry_and_today_fall_in_the_90_day_period(
    ended_on, expiry_offset, today_offset
):
    expiry = ended_on + timedelta(days=expiry_offset)
    today = ended_on + timedelta(days=today_offset)
    grant, _ = annex51(today, expiry, work_authorisation_ended_on=ended_on, stay_ended=False)
    in_period = 0 <= expiry_offset <= 90 and 0 <= today_offset <= 90
    assert (grant is not None) is in_period
    if grant is not None:
        assert grant.valid_until == ended_on + timedelta(days=90)


def test_r4_no_annex51_without_the_regional_notice_ending_the_work_authorisation():
    """The notice is the legal condition (and the source of the date the period runs from);
    other missing items do not hold annex 51 back."""
    refused = r4(missing_documents=("work_end_notice", "passport"))
    assert refused.annex is None
    assert [(f.code, dict(f.params)) for f in refused.findings][-1] == (
        "r4_missing",
        {"missing": ("work_end_notice",)},
    )
    assert r4(missing_documents=("passport",)).annex is Annex.A51


@pytest.mark.parametrize(
    ("ended_on", "period_end"),
    [
        (date(2027, 2, 28), date(2027, 5, 29)),  # month end, common year
        (date(2028, 2, 29), date(2028, 5, 29)),  # leap day
        (date(2027, 12, 31), date(2028, 3, 30)),  # across a leap February
        (date(2026, 11, 23), date(2027, 2, 21)),
    ],
)
def test_r4_a_permit_ending_with_the_work_authorisation_gets_annex51(ended_on, period_end):
    """Art. 31 §2 and art. 105/4: the limited permit expires the day the authorisation
    ends, so its expiry falls at the start of the 90-day period."""
    assessment = r4(today=ended_on, permit_expiry=ended_on, work_authorisation_ended_on=ended_on)
    assert assessment.annex is Annex.A51
    assert assessment.valid_until == period_end
    assert (
        r4(
            today=ended_on,
            permit_expiry=ended_on - timedelta(days=1),
            work_authorisation_ended_on=ended_on,
        ).annex
        is None
    )


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_r4_explanations_do_not_open_with_the_renewal_sentence(language):
    for changes in ({}, {"stay_ended": True}, {"permit_expiry": PERIOD_END + timedelta(days=1)}):
        assessment = r4(**changes)
        assert assessment.findings[0].rule == "R4"
        opening = {
            "fr": "Le renouvellement",
            "nl": "De vernieuwing",
            "de": "Die Erneuerung",
            "en": "Renewal",
        }[language]
        assert not assessment.explanation(language).startswith(opening)
