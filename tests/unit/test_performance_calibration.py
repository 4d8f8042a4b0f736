"""Calibration (distribution guides, ranking) and appeal decisions (SPEC §4)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.domain.errors import ErrorCode, PermissionDenied, ValidationError
from backend.domain.performance_calibration import (
    AppealStatus,
    GuideLine,
    InvalidTransition,
    clean_guide,
    decide,
    distribution,
    ranks,
)
from backend.domain.rules import DEFAULT_RULES

D = Decimal
TOP = D(90)


def test_distribution_counts_each_band_and_flags_the_excess_over_the_guide() -> None:
    totals = [D(95), D(91), D(90), D("89.99"), D(75), D(62), D(10), D(85), D(88), D(100)]
    report = distribution(totals, DEFAULT_RULES, [GuideLine(min_score=TOP, max_share=D("0.2"))])
    top = report.bands[0]
    assert (top.count, top.share, top.over_by) == (4, D("0.4"), 2)  # at most 20 % of 10 = 2 people
    assert top.message is not None and "2 over" in top.message.en and "超出 2 人" in top.message.zh
    assert [b.count for b in report.bands] == [4, 3, 1, 1, 1]
    assert report.outside_guide and report.assessed == 10


def test_exactly_at_the_guide_is_within_it() -> None:
    report = distribution([D(95), D(91), D(50), D(50), D(50), D(50), D(50), D(50), D(50), D(50)], DEFAULT_RULES,
                          [GuideLine(min_score=TOP, max_share=D("0.2"))])
    assert report.bands[0].over_by == 0 and not report.outside_guide


def test_a_maximum_share_allows_whole_people_rounded_down() -> None:
    totals = [D(95), D(92), D(91)] + [D(75)] * 9  # 3 of 12 in the top band; 20 % of 12 = 2.4 → 2 allowed
    report = distribution(totals, DEFAULT_RULES, [GuideLine(min_score=TOP, max_share=D("0.2"))])
    assert report.bands[0].over_by == 1


def test_a_minimum_share_asks_for_enough_people_rounded_up() -> None:
    report = distribution([D(85)] * 12, DEFAULT_RULES, [GuideLine(min_score=D(0), min_share=D("0.1"))])
    assert report.bands[-1].under_by == 2 and "2 short" in (report.bands[-1].message or "").en  # type: ignore[union-attr]


def test_a_guide_must_name_a_band_of_the_rule_set() -> None:
    with pytest.raises(ValidationError) as refused:
        clean_guide([GuideLine(min_score=D(95), max_share=D("0.2"))], DEFAULT_RULES)
    assert refused.value.field == "bands.0.minScore" and "90" in refused.value.message
    with pytest.raises(ValidationError):
        clean_guide([GuideLine(min_score=TOP, max_share=D("1.2"))], DEFAULT_RULES)
    with pytest.raises(ValidationError):
        clean_guide([GuideLine(min_score=TOP, max_share=D("0.1"), min_share=D("0.2"))], DEFAULT_RULES)


def test_ranks_share_ties_and_skip() -> None:
    assert ranks([("E3", D(80)), ("E1", D(90)), ("E2", D(80)), ("E4", None), ("E5", D(70))]) == {
        "E1": 1, "E2": 2, "E3": 2, "E5": 4, "E4": None}


def test_accepting_needs_exactly_one_adjustment() -> None:
    common = {"current": AppealStatus.PENDING, "accept": True, "response": "ok", "decider_id": 1,
              "appellant_id": 2, "rules": DEFAULT_RULES}
    with pytest.raises(ValidationError):
        decide(adjusted_actual=None, adjusted_score=None, **common)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        decide(adjusted_actual=D(1), adjusted_score=D(1), **common)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        decide(adjusted_actual=None, adjusted_score=D(121), **common)  # type: ignore[arg-type]
    decision = decide(adjusted_actual=None, adjusted_score=D(120), **common)  # type: ignore[arg-type]
    assert decision.status is AppealStatus.ACCEPTED and decision.adjusted_score == 120


def test_a_decided_appeal_cannot_be_decided_again_nor_by_the_appellant() -> None:
    with pytest.raises(InvalidTransition) as again:
        decide(current=AppealStatus.REJECTED, accept=False, response="no", adjusted_actual=None,
               adjusted_score=None, decider_id=1, appellant_id=2, rules=DEFAULT_RULES)
    assert again.value.code is ErrorCode.INVALID_TRANSITION
    with pytest.raises(PermissionDenied):
        decide(current=AppealStatus.PENDING, accept=False, response="no", adjusted_actual=None,
               adjusted_score=None, decider_id=2, appellant_id=2, rules=DEFAULT_RULES)
    with pytest.raises(ValidationError):
        decide(current=AppealStatus.PENDING, accept=False, response="no", adjusted_actual=D(3),
               adjusted_score=None, decider_id=1, appellant_id=2, rules=DEFAULT_RULES)
