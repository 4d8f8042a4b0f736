"""Performance rules at their edges and their explanations in full (SPEC §4, §7 "every figure explained"):
target and adjusted-score limits, a ratio just above 0, the scorecard's bilingual total and coefficient texts,
an appeal's adjustment kept on its line."""

from __future__ import annotations

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
    assessment_period,
    band_for,
    check_adjusted_score,
    check_scheme,
    coefficient_explanation,
    indicator_score,
    score_card,
)
from backend.domain.rules import DEFAULT_RULES, CoefficientBand, RuleSet

D = Decimal
R = DEFAULT_RULES
AT = datetime(2026, 12, 3, tzinfo=UTC)


def indicator(code: str, source: Source = Source.MANUAL, direction: Direction = Direction.HIGHER) -> Indicator:
    return Indicator(code=code, name_zh=code, name_en=code, unit="%", direction=direction, source=source)


SAT = indicator("SAT", Source.SUPPORT_SATISFACTION)
UTIL = indicator("UTIL", Source.SUPPORT_UTILISATION)
SLA = indicator("SLA", Source.SUPPORT_SLA_RATE)
OWN = indicator("OWN")


def actual(value: str | None) -> Actual:
    return Actual(value=None if value is None else D(value), explanation=Text(zh="", en=""))


def refusal(call: object) -> tuple[str, str | None]:
    with pytest.raises(ValidationError) as refused:
        call()  # type: ignore[operator]
    return refused.value.message, refused.value.field


def test_a_malformed_period_names_the_field_it_came_from() -> None:
    assert refusal(lambda: assessment_period("2026-13", field="from")) == (
        "from must be a month written YYYY-MM", "from")


@pytest.mark.parametrize(("target", "accepted"), [
    ("999999999.9999", True), ("1000000000", False), ("0.0001", True), ("0.12345", False), ("0", False)])
def test_targets_are_positive_below_a_billion_with_at_most_4_places(target: str, accepted: bool) -> None:
    lines = [SchemeLine(SAT, D(25), D(90)), SchemeLine(OWN, D(75), D(target))]
    if accepted:
        assert check_scheme(lines, kind=DepartmentKind.BACKEND, rules=R)[1].target == D(target)
    else:
        assert refusal(lambda: check_scheme(lines, kind=DepartmentKind.BACKEND, rules=R)) == (
            "a target is a positive number with at most 4 decimal places", "lines.1.target")


def test_a_bad_weight_is_refused_with_the_rule() -> None:
    lines = [SchemeLine(SAT, D(25), D(90)), SchemeLine(OWN, D("75.001"), D(1))]
    assert refusal(lambda: check_scheme(lines, kind=DepartmentKind.BACKEND, rules=R)) == (
        "a weight is a number above 0 and up to 100, with at most 2 decimal places", "lines.1.weight")


def test_a_measure_of_the_other_side_is_refused_with_the_reason() -> None:
    assert refusal(lambda: check_scheme([SchemeLine(UTIL, D(20), D(90)), SchemeLine(SLA, D(80), D(90))],
                                        kind=DepartmentKind.FRONTLINE, rules=R)) == (
        "SLA (SUPPORT_SLA_RATE) measures backend work; a frontline scheme cannot use it", "lines.1.indicatorCode")
    assert refusal(lambda: check_scheme([SchemeLine(SAT, D(25), D(90)), SchemeLine(UTIL, D(75), D(90))],
                                        kind=DepartmentKind.BACKEND, rules=R)) == (
        "UTIL (SUPPORT_UTILISATION) measures frontline staff; a backend scheme cannot use it",
        "lines.1.indicatorCode")


@pytest.mark.parametrize(("score", "accepted"), [
    ("0", True), ("120", True), ("99.1234", True), ("99.12345", False), ("120.0001", False), ("-0.5", False)])
def test_an_adjusted_score_is_0_to_the_cap_with_at_most_4_places(score: str, accepted: bool) -> None:
    if accepted:
        assert check_adjusted_score(D(score), R) == D(score)
    else:
        assert refusal(lambda: check_adjusted_score(D(score), R)) == (
            "an adjusted score is between 0 and 120 (at most 4 decimal places)", "adjustedScore")


def test_a_zero_ratio_is_an_ordinary_score_and_a_small_one_is_kept() -> None:
    zero = indicator_score(D(0), D(5), Direction.HIGHER, R)
    assert (zero.value, zero.formula, zero.note) == (D(0), "min(120, 100 × 0 / 5)", None)
    small = indicator_score(D("0.004"), D(1), Direction.HIGHER, R)  # 0.4: not rounded to 0
    assert small.value == D("0.4") and small.note is None


def test_a_total_below_every_band_gets_the_lowest() -> None:
    # Scores are never negative, so only a rule set whose lowest band starts above a total can reach this.
    bands = (CoefficientBand(D(90), D("1.2")), CoefficientBand(D(60), D("0.5")), CoefficientBand(D(0), D(0)))
    assert band_for(D("-0.01"), R) == R.performance_coefficient_bands[-1]
    assert band_for(D(-1), RuleSet(performance_coefficient_bands=bands)).coefficient == 0


def test_the_total_is_explained_term_by_term_with_its_band() -> None:
    card = score_card([LineInput(SchemeLine(SAT, D(25), D(90)), actual("90")),
                       LineInput(SchemeLine(OWN, D(75), D(100)), actual("80.1234"))], R)
    assert card.band == CoefficientBand(D(80), D("1.0"))
    # 25 × 100 + 75 × 80.1234 = 8509.255 → 85.09255, shown rounded down to 2 places
    assert card.explanation == Text(
        zh="总分 = Σ 权重 × 得分 / 100 = (25 × 100 + 75 × 80.12) / 100 = 85.09；总分 ≥ 80，绩效系数 1",
        en="total = Σ weight × score / 100 = (25 × 100 + 75 × 80.12) / 100 = 85.09; "
           "a total of at least 80 earns a coefficient of 1")
    assert coefficient_explanation(card) == Text(zh=f"绩效总分 85.09：1（规则版本 {R.version}）",
                                                 en=f"scorecard total 85.09: coefficient 1 (rule set {R.version})")


def test_lines_without_data_are_named_in_the_explanation() -> None:
    card = score_card([LineInput(SchemeLine(SAT, D(20), D(90)), actual(None)),
                       LineInput(SchemeLine(indicator("X"), D(30), D(90)), actual(None)),
                       LineInput(SchemeLine(OWN, D(50), D(100)), actual("90"))], R)
    assert card.explanation == Text(
        zh="总分 = Σ 权重 × 得分 / 已计分权重 = (50 × 90) / 50 = 90（SAT、X 本期无数据，其权重按比例分摊到其他指标）；"
           "总分 ≥ 90，绩效系数 1.2",
        en="total = Σ weight × score / weight scored = (50 × 90) / 50 = 90 (SAT, X had no data this period: their "
           "weight is shared among the other lines in proportion); a total of at least 90 earns a coefficient of 1.2")


def test_no_scored_line_is_explained_and_so_is_its_missing_coefficient() -> None:
    card = score_card([LineInput(SchemeLine(OWN, D(100), D(90)), actual(None))], R)
    expected = Text(zh="本期没有可计分的指标：不计总分和系数",
                    en="no line could be scored this period: no total and no coefficient")
    assert card.explanation == expected and coefficient_explanation(card) == expected
    assert card.band is None


def test_an_appeal_stays_on_its_line_and_an_adjusted_score_is_not_a_capped_one() -> None:
    adjustment = Adjustment(appeal_id=7, reason="r", decision="补录", decided_by="hr", decided_at=AT,
                            adjusted_score=D(120))
    line = score_card([LineInput(SchemeLine(OWN, D(100), D(100)), actual("50"), adjustment)], R).lines[0]
    assert line.adjustment == adjustment
    assert line.score is not None and line.score.value == 120 and not line.score.capped
    assert line.score.formula == "120 (set on appeal #7)"


def test_a_corrected_actual_is_named_in_both_languages_with_the_rescore_note() -> None:
    adjustment = Adjustment(appeal_id=8, reason="r", decision="补录", decided_by="hr", decided_at=AT,
                            adjusted_actual=D(150))
    score = score_card([LineInput(SchemeLine(OWN, D(100), D(100)), actual("40"), adjustment)], R).lines[0].score
    assert score is not None and score.value == 120 and score.capped
    assert score.note == Text(zh="申诉 #8 更正实际值为 150：补录；按比例为 150，超过上限，按 120 计",
                              en="actual corrected to 150 on appeal #8: 补录; the ratio gives 150, above the cap: "
                                 "scored 120")
