"""Performance assessment rules (SPEC §4): indicator scores, the cap, missing and zero actuals, scheme weights,
guardrails at their bounds, coefficient bands at their edges, the scorecard total and its snapshot."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from backend.domain.errors import ValidationError
from backend.domain.org import DepartmentKind
from backend.domain.performance import (
    Actual,
    Adjustment,
    Direction,
    Indicator,
    LineInput,
    SchemeLine,
    Source,
    Text,
    band_for,
    check_scheme,
    indicator_score,
    score_card,
)
from backend.domain.performance_snapshot import scorecard_from_json, scorecard_to_json
from backend.domain.rules import DEFAULT_RULES, CoefficientBand, RuleSet, WeightBounds

D = Decimal
R = DEFAULT_RULES


def indicator(code: str, source: Source = Source.MANUAL, direction: Direction = Direction.HIGHER) -> Indicator:
    return Indicator(code=code, name_zh=code, name_en=code, unit="%", direction=direction, source=source)


SAT = indicator("SAT", Source.SUPPORT_SATISFACTION)
UTIL = indicator("UTIL", Source.SUPPORT_UTILISATION)
SLA = indicator("SLA", Source.SUPPORT_SLA_RATE)
LINKED = indicator("RETENTION", Source.LINKED_REGION)
OWN = indicator("OWN")
CYCLE = indicator("CYCLE", direction=Direction.LOWER)


# --- indicator scores ----------------------------------------------------------------------------------------


def test_higher_is_better_scores_actual_over_target() -> None:
    score = indicator_score(D(92), D(95), Direction.HIGHER, R)
    assert score.value == D(100) * D(92) / D(95)
    assert not score.capped and score.note is None
    assert score.formula == "min(120, 100 × 92 / 95)"


def test_lower_is_better_scores_target_over_actual() -> None:
    score = indicator_score(D(25), D(20), Direction.LOWER, R)
    assert score.value == D(80)
    assert score.formula == "min(120, 100 × 20 / 25)"


@pytest.mark.parametrize(("actual", "direction"), [(D(150), Direction.HIGHER), (D(10), Direction.LOWER)])
def test_scores_are_capped(actual: Decimal, direction: Direction) -> None:
    score = indicator_score(actual, D(100) if direction is Direction.HIGHER else D(20), direction, R)
    assert score.value == D(120) and score.capped
    assert score.note is not None and "cap" in score.note.en


def test_exactly_at_the_cap_is_not_marked_capped() -> None:
    score = indicator_score(D(120), D(100), Direction.HIGHER, R)
    assert score.value == D(120) and not score.capped


def test_the_cap_comes_from_the_rule_set() -> None:
    assert indicator_score(D(200), D(100), Direction.HIGHER, replace(R, performance_score_cap=D(150))).value == 150


def test_zero_actual_lower_is_better_scores_the_cap_and_says_why() -> None:
    score = indicator_score(D(0), D(5), Direction.LOWER, R)
    assert score.value == D(120) and score.capped
    assert score.note is not None and "cannot be divided" in score.note.en and "无法相除" in score.note.zh


def test_zero_actual_higher_is_better_scores_zero() -> None:
    assert indicator_score(D(0), D(5), Direction.HIGHER, R).value == 0


def test_negative_actual_higher_is_better_scores_zero_not_below() -> None:
    score = indicator_score(D(-3), D(5), Direction.HIGHER, R)
    assert score.value == 0 and score.note is not None


# --- schemes and guardrails ----------------------------------------------------------------------------------


def backend_scheme(satisfaction: str) -> list[SchemeLine]:
    rest = D(100) - D(satisfaction)
    return [SchemeLine(SAT, D(satisfaction), D(90)), SchemeLine(LINKED, rest, D(85))]


def frontline_scheme(utilisation: str) -> list[SchemeLine]:
    rest = D(100) - D(utilisation)
    return [SchemeLine(UTIL, D(utilisation), D(90)), SchemeLine(OWN, rest, D(100))]


@pytest.mark.parametrize("weight", ["20", "30", "25", "20.00"])
def test_backend_satisfaction_weight_inside_the_guardrail_is_accepted(weight: str) -> None:
    assert len(check_scheme(backend_scheme(weight), kind=DepartmentKind.BACKEND, rules=R)) == 2


@pytest.mark.parametrize("weight", ["19.99", "30.01", "10"])
def test_backend_satisfaction_weight_outside_the_guardrail_is_refused(weight: str) -> None:
    with pytest.raises(ValidationError) as refused:
        check_scheme(backend_scheme(weight), kind=DepartmentKind.BACKEND, rules=R)
    assert "guardrail" in refused.value.message and "[20, 30]" in refused.value.message
    assert weight in refused.value.message
    assert refused.value.field == "lines.0.weight"


@pytest.mark.parametrize("weight", ["15", "20", "17.5"])
def test_frontline_utilisation_weight_inside_the_guardrail_is_accepted(weight: str) -> None:
    check_scheme(frontline_scheme(weight), kind=DepartmentKind.FRONTLINE, rules=R)


@pytest.mark.parametrize("weight", ["14.99", "20.01"])
def test_frontline_utilisation_weight_outside_the_guardrail_is_refused(weight: str) -> None:
    with pytest.raises(ValidationError) as refused:
        check_scheme(frontline_scheme(weight), kind=DepartmentKind.FRONTLINE, rules=R)
    assert "[15, 20]" in refused.value.message and weight in refused.value.message


def test_a_scheme_without_the_guarded_indicator_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        check_scheme([SchemeLine(OWN, D(100), D(1))], kind=DepartmentKind.BACKEND, rules=R)
    assert "no such indicator" in refused.value.message and refused.value.field == "lines"


def test_guardrail_bounds_come_from_the_rule_set() -> None:
    wider = replace(R, backend_satisfaction_weight=WeightBounds(D(10), D(40)))
    check_scheme(backend_scheme("35"), kind=DepartmentKind.BACKEND, rules=wider)


@pytest.mark.parametrize("weights", [("25", "74.99"), ("25", "75.01"), ("25", "80")])
def test_weights_not_summing_to_100_are_refused(weights: tuple[str, str]) -> None:
    lines = [SchemeLine(SAT, D(weights[0]), D(90)), SchemeLine(LINKED, D(weights[1]), D(85))]
    with pytest.raises(ValidationError) as refused:
        check_scheme(lines, kind=DepartmentKind.BACKEND, rules=R)
    assert "sum to 100" in refused.value.message


@pytest.mark.parametrize(("line", "field"), [
    (SchemeLine(OWN, D("10.001"), D(1)), "lines.1.weight"),
    (SchemeLine(OWN, D(0), D(1)), "lines.1.weight"),
    (SchemeLine(OWN, D(75), D(0)), "lines.1.target"),
    (SchemeLine(SAT, D(75), D(1)), "lines.1.indicatorCode"),
    (SchemeLine(UTIL, D(75), D(1)), "lines.1.indicatorCode"),
])
def test_bad_lines_name_the_line(line: SchemeLine, field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        check_scheme([SchemeLine(SAT, D(25), D(90)), line], kind=DepartmentKind.BACKEND, rules=R)
    assert refused.value.field == field


def test_frontline_schemes_cannot_use_backend_measures() -> None:
    with pytest.raises(ValidationError) as refused:
        check_scheme([SchemeLine(UTIL, D(20), D(90)), SchemeLine(SLA, D(80), D(90))],
                     kind=DepartmentKind.FRONTLINE, rules=R)
    assert refused.value.field == "lines.1.indicatorCode"


# --- coefficient bands -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("total", "coefficient"), [
    ("120", "1.2"), ("90", "1.2"), ("89.99", "1.0"), ("80", "1.0"), ("79.9999", "0.8"), ("70", "0.8"),
    ("69.99", "0.5"), ("60", "0.5"), ("59.99", "0"), ("0", "0"),
])
def test_coefficient_bands_at_their_edges(total: str, coefficient: str) -> None:
    assert band_for(D(total), R).coefficient == D(coefficient)


def test_rule_set_bands_must_descend_and_end_at_zero() -> None:
    with pytest.raises(ValidationError):
        RuleSet(performance_coefficient_bands=(CoefficientBand(D(80), D(1)), CoefficientBand(D(90), D("1.2")),
                                               CoefficientBand(D(0), D(0))))
    with pytest.raises(ValidationError):
        RuleSet(performance_coefficient_bands=(CoefficientBand(D(90), D("1.2")), CoefficientBand(D(60), D("0.5"))))
    with pytest.raises(ValidationError):
        RuleSet(performance_score_cap=D(99))
    with pytest.raises(ValidationError):
        RuleSet(backend_satisfaction_weight=WeightBounds(D(30), D(20)))


# --- the scorecard -----------------------------------------------------------------------------------------


def actual(value: str | None) -> Actual:
    return Actual(value=None if value is None else D(value), explanation=Text(zh="", en=""))


def test_total_is_the_weighted_sum_and_names_the_band() -> None:
    card = score_card([LineInput(SchemeLine(SAT, D(25), D(90)), actual("90")),
                       LineInput(SchemeLine(LINKED, D(45), D(85)), actual("86")),
                       LineInput(SchemeLine(CYCLE, D(30), D(20)), actual("25"))], R)
    expected = D(25) * 100 / 100 + D(45) * (D(100) * 86 / 85) / 100 + D(30) * 80 / 100
    assert card.total == expected
    assert card.coefficient == D("1.2") and card.complete
    assert "= 94.52" in card.explanation.en  # 94.529…, shown rounded down and "1.2" in card.explanation.zh


def test_a_line_without_an_actual_is_not_scored_and_its_weight_is_re_spread() -> None:
    card = score_card([LineInput(SchemeLine(SAT, D(25), D(90)), actual(None)),
                       LineInput(SchemeLine(OWN, D(75), D(100)), actual("80"))], R)
    assert card.lines[0].score is None and card.lines[0].effective_weight == 0
    assert card.lines[1].effective_weight == D(100)
    assert card.total == D(80) and card.unscored == ("SAT",) and not card.complete
    assert "SAT had no data" in card.explanation.en


def test_no_scored_line_means_no_total_and_no_coefficient() -> None:
    card = score_card([LineInput(SchemeLine(SAT, D(100), D(90)), actual(None))], R)
    assert card.total is None and card.coefficient is None


def test_an_adjusted_score_replaces_the_computed_one_and_keeps_it_visible() -> None:
    at = datetime(2026, 12, 3, tzinfo=UTC)
    adjustment = Adjustment(appeal_id=7, reason="数据漏录", decision="补录后重算", decided_by="employee:HR0001",
                            decided_at=at, adjusted_score=D(100))
    card = score_card([LineInput(SchemeLine(OWN, D(100), D(100)), actual("50"), adjustment)], R)
    line = card.lines[0]
    assert line.score is not None and line.score.value == 100 and line.computed is not None
    assert line.computed.value == 50 and card.total == 100
    assert line.score.note is not None and "补录后重算" in line.score.note.zh


def test_an_adjusted_actual_is_rescored_through_the_formula() -> None:
    at = datetime(2026, 12, 3, tzinfo=UTC)
    adjustment = Adjustment(appeal_id=8, reason="r", decision="d", decided_by="hr", decided_at=at,
                            adjusted_actual=D(0))
    card = score_card([LineInput(SchemeLine(CYCLE, D(100), D(20)), actual("40"), adjustment)], R)
    assert card.total == 120  # a corrected lower-is-better actual of 0 scores the cap, and the note says so
    assert card.lines[0].score is not None and "cannot be divided" in (card.lines[0].score.note or Text("", "")).en


def test_a_scorecard_survives_its_snapshot_exactly() -> None:
    at = datetime(2026, 12, 3, 8, 30, tzinfo=UTC)
    card = score_card([
        LineInput(SchemeLine(SAT, D(25), D(90)), actual(None)),
        LineInput(SchemeLine(LINKED, D("45.5"), D(85)), actual("86.3333")),
        LineInput(SchemeLine(CYCLE, D("29.5"), D(20)), actual("0"),
                  Adjustment(appeal_id=1, reason="r", decision="d", decided_by="hr", decided_at=at,
                             adjusted_score=D("99.5"))),
    ], R)
    assert scorecard_from_json(scorecard_to_json(card)) == card


B = CoefficientBand


@pytest.mark.parametrize("cap", ["100", "200", "150"])
def test_score_caps_between_100_and_200_are_accepted(cap: str) -> None:
    assert RuleSet(performance_score_cap=D(cap)).performance_score_cap == D(cap)


@pytest.mark.parametrize("cap", ["99.99", "200.01"])
def test_score_caps_outside_100_to_200_are_refused(cap: str) -> None:
    with pytest.raises(ValidationError) as refused:
        RuleSet(performance_score_cap=D(cap))
    assert refused.value.field == "performanceScoreCap"


@pytest.mark.parametrize("bands", [
    (B(D(90), D("1.2")), B(D(90), D(1)), B(D(0), D(0))),  # two bands starting at the same score
    (B(D(90), D("1.0")), B(D(80), D("1.2")), B(D(0), D(0))),  # a lower band earning more
    (B(D(90), D("3.01")), B(D(0), D(0))),  # a coefficient above 3
    (B(D(90), D("1.2")), B(D(0), D("-0.1"))),  # a negative coefficient
    (B(D(121), D("1.2")), B(D(0), D(0))),  # a band nobody can reach under the cap of 120
])
def test_implausible_coefficient_bands_are_refused(bands: tuple[CoefficientBand, ...]) -> None:
    with pytest.raises(ValidationError) as refused:
        RuleSet(performance_coefficient_bands=bands)
    assert refused.value.field == "performanceCoefficientBands"


def test_equal_coefficients_and_a_band_at_the_cap_are_accepted() -> None:
    RuleSet(performance_coefficient_bands=(B(D(120), D(3)), B(D(60), D(1)), B(D(50), D(1)), B(D(0), D(0))))


@pytest.mark.parametrize(("low", "high", "accepted"), [
    ("0.01", "100", True), ("25", "25", True), ("0", "30", False), ("30", "20", False), ("20", "100.01", False)])
def test_scheme_guardrail_bounds_must_be_an_interval_within_0_and_100(low: str, high: str, accepted: bool) -> None:
    for name in ("backend_satisfaction_weight", "frontline_utilisation_weight"):
        bounds = WeightBounds(D(low), D(high))
        if accepted:
            assert getattr(RuleSet(**{name: bounds}), name) == bounds
        else:
            with pytest.raises(ValidationError):
                RuleSet(**{name: bounds})
