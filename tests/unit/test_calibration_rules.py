"""Calibration and appeals at their edges (SPEC §4): a guide's shares and bands as stored, the distribution
against several guide lines (over, short, within), nobody assessed, ranking by total not by number, and every
refusal of an appeal decision with its message and field (the API returns both)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from backend.domain.errors import DomainError
from backend.domain.performance import Text
from backend.domain.performance_calibration import (
    MAX_REASON,
    AppealStatus,
    GuideLine,
    clean_guide,
    clean_reason,
    decide,
    distribution,
    ranks,
)
from backend.domain.rules import DEFAULT_RULES

D = Decimal
R = DEFAULT_RULES


def refusal(call: Callable[[], Any]) -> tuple[str, str | None]:
    with pytest.raises(DomainError) as refused:
        call()
    return refused.value.message, refused.value.field


def test_a_guide_is_kept_as_given_highest_band_first() -> None:
    lines = [GuideLine(min_score=D(0), min_share=D("0.05")), GuideLine(min_score=D(90), max_share=D("0.2")),
             GuideLine(min_score=D(80), max_share=D("0.5"), min_share=D("0.5")),  # min = max: exactly half
             GuideLine(min_score=D(70), max_share=D(1), min_share=D(0))]
    assert clean_guide(lines, R) == [lines[1], lines[2], lines[3], lines[0]]


@pytest.mark.parametrize(("lines", "expected"), [
    ([GuideLine(min_score=D(95), max_share=D("0.2"))],
     (f"95 does not start a coefficient band of rule set {R.version} (bands start at 90, 80, 70, 60, 0)",
      "bands.0.minScore")),
    ([GuideLine(min_score=D(90), max_share=D("0.2")), GuideLine(min_score=D(90), min_share=D("0.1"))],
     ("each band once", "bands.1.minScore")),
    ([GuideLine(min_score=D(90))], ("give a maximum share, a minimum share or both", "bands.0")),
    ([GuideLine(min_score=D(90), max_share=D("0.1"), min_share=D("0.2"))],
     ("the minimum share is above the maximum", "bands.0.minShare")),
    ([GuideLine(min_score=D(90), max_share=D("1.0001"))],
     ("a share is between 0 and 1 (e.g. 0.2 for 20 %), at most 4 decimal places", "bands.0.maxShare")),
    ([GuideLine(min_score=D(90), min_share=D("-0.1"))],
     ("a share is between 0 and 1 (e.g. 0.2 for 20 %), at most 4 decimal places", "bands.0.minShare")),
    ([GuideLine(min_score=D(90), max_share=D("0.12345"))],
     ("a share is between 0 and 1 (e.g. 0.2 for 20 %), at most 4 decimal places", "bands.0.maxShare")),
    ([GuideLine(min_score=D(90), max_share=D("NaN"))],
     ("a share is between 0 and 1 (e.g. 0.2 for 20 %), at most 4 decimal places", "bands.0.maxShare")),
])
def test_a_bad_guide_is_refused_with_the_line_at_fault(lines: list[GuideLine], expected: tuple[str, str]) -> None:
    assert refusal(lambda: clean_guide(lines, R)) == expected


def test_the_distribution_against_each_line_of_a_guide() -> None:
    totals = [D(95)] * 3 + [D(85)] * 4 + [D(75)] * 3
    guide = [GuideLine(min_score=D(90), max_share=D("0.2")),  # 2 allowed, 3 there: 1 over
             GuideLine(min_score=D(80), min_share=D("0.3")),  # 3 needed, 4 there: within
             GuideLine(min_score=D(70), min_share=D("0.5"))]  # 5 needed, 3 there: 2 short
    report = distribution(totals, R, guide)
    top, good, fair, *_ = report.bands
    assert [(b.count, b.over_by, b.under_by, b.guide) for b in report.bands] == [
        (3, 1, 0, guide[0]), (4, 0, 0, guide[1]), (3, 0, 2, guide[2]), (0, 0, 0, None), (0, 0, 0, None)]
    assert top.message == Text(zh="总分 ≥ 90（系数 1.2）有 3/10 人，指导比例至多 20%：超出 1 人",
                               en="3 of 10 scoring ≥ 90 (coefficient 1.2); the guide allows at most 20 %: 1 over")
    assert good.message is None and not good.outside_guide
    assert fair.message == Text(zh="总分 ≥ 70（系数 0.8）有 3/10 人，指导比例至少 50%：尚差 2 人",
                                en="3 of 10 scoring ≥ 70 (coefficient 0.8); the guide asks for at least 50 %: "
                                   "2 short")
    assert report.mean == D(85) and [b.share for b in report.bands] == [D("0.3"), D("0.4"), D("0.3"), 0, 0]


def test_nobody_assessed_has_no_shares_and_no_mean() -> None:
    report = distribution([], R, [GuideLine(min_score=D(90), max_share=D("0.2"))])
    assert report.assessed == 0 and report.mean is None
    assert all(b.share is None and b.count == 0 and b.message is None for b in report.bands)
    assert not report.outside_guide


def test_ranks_follow_the_totals_not_the_employee_numbers() -> None:
    assert ranks([("E1", D(70)), ("E2", D(90)), ("E3", D(90)), ("E4", D(80))]) == {
        "E2": 1, "E3": 1, "E4": 3, "E1": 4}


def test_an_appeal_reason_may_be_long_but_not_empty() -> None:
    assert clean_reason(" " + "理" * MAX_REASON + " ") == "理" * MAX_REASON
    assert refusal(lambda: clean_reason("  ")) == ("reason must not be empty", "reason")
    assert refusal(lambda: clean_reason("理" * (MAX_REASON + 1)))[1] == "reason"


def _decide(**changes: Any) -> Any:
    values: dict[str, Any] = {"current": AppealStatus.PENDING, "accept": True, "response": "ok",
                              "adjusted_actual": None, "adjusted_score": D(100), "decider_id": 1, "appellant_id": 2,
                              "rules": R, **changes}
    return decide(**values)


@pytest.mark.parametrize(("changes", "expected"), [
    ({"current": AppealStatus.ACCEPTED}, ("the appeal was already decided (ACCEPTED)", "appealId")),
    ({"decider_id": 2}, ("nobody decides their own appeal: another HR user must", "appealId")),
    ({"response": " "}, ("response must not be empty", "response")),
    ({"accept": False}, ("a rejected appeal changes nothing: leave out the adjustment", "adjustedScore")),
    ({"accept": False, "adjusted_score": None, "adjusted_actual": D(1)},
     ("a rejected appeal changes nothing: leave out the adjustment", "adjustedActual")),
    ({"adjusted_score": None}, ("an accepted appeal corrects the actual or sets the score: give exactly one",
                                "adjustedActual")),
    ({"adjusted_actual": D(1)}, ("an accepted appeal corrects the actual or sets the score: give exactly one",
                                 "adjustedActual")),
])
def test_a_decision_that_breaks_a_rule_is_refused(changes: dict[str, Any], expected: tuple[str, str]) -> None:
    assert refusal(lambda: _decide(**changes)) == expected


@pytest.mark.parametrize("value", ["1000000000", "-1000000000", "0.00001", "Infinity", "NaN"])
def test_a_corrected_actual_must_be_a_plausible_number(value: str) -> None:
    assert refusal(lambda: _decide(adjusted_score=None, adjusted_actual=D(value))) == (
        "the corrected actual is a number with at most 4 decimal places", "adjustedActual")


@pytest.mark.parametrize("value", ["999999999.9999", "-999999999.9999", "0", "92.5"])
def test_an_accepted_corrected_actual_is_kept(value: str) -> None:
    decision = _decide(adjusted_score=None, adjusted_actual=D(value), response=" 核实后更正 ")
    assert (decision.status, decision.adjusted_actual, decision.adjusted_score, decision.response) == (
        AppealStatus.ACCEPTED, D(value), None, "核实后更正")


def test_a_rejection_without_an_adjustment_changes_nothing() -> None:
    decision = _decide(accept=False, adjusted_score=None, decider_id=None)
    assert (decision.status, decision.adjusted_actual, decision.adjusted_score) == (
        AppealStatus.REJECTED, None, None)
