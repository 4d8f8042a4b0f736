"""Backend bonus linkage (SPEC §6.3) and the performance bonus (SPEC §6.1), figures worked by hand."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from backend.domain.linkage import Coefficient, LinkedRegion, linkage, performance_bonus
from backend.domain.rules import DEFAULT_RULES

D = Decimal
PERIOD = "2026-11"


def region(code: str, weight: str, actual: str, target: str | None) -> LinkedRegion:
    return LinkedRegion(code=code, weight=D(weight), actual=D(actual), target=None if target is None else D(target))


def test_weighted_mean_of_the_regions_achievements() -> None:
    # R1 1,300,000 / 1,000,000 = 1.3 (weight 1); R2 550,000 / 500,000 = 1.1 (weight 2)
    # A = (1 × 1.3 + 2 × 1.1) / 3 = 3.5 / 3; uplift = 0.5 × (3.5/3 − 1) = 1/12; multiplier = 13/12
    result = linkage(department="TECH", regions=[region("R2", "2", "550000.00", "500000.00"),
                                                 region("R1", "1", "1300000.00", "1000000.00")],
                     period=PERIOD, rules=DEFAULT_RULES)
    assert result.achievement == D("3.5") / 3
    assert result.uplift == D("0.5") * (D("3.5") / 3 - 1)
    assert result.multiplier.value == 1 + result.uplift
    assert str(result.multiplier.value).startswith("1.08333333")
    explanation = result.multiplier.explanation
    values = {i.code: i.value for i in explanation.inputs}
    assert values["weight:R2"] == "2" and values["actual:R1"] == "1300000.00" and values["target:R2"] == "500000.00"
    assert values["slope"] == "0.5" and values["cap"] == "0.25"
    assert [p.value for p in explanation.parts] == [D("1.3"), D("1.1")]  # R1, R2 in code order
    assert explanation.rule_version == DEFAULT_RULES.version


def test_not_a_ratio_of_sums() -> None:
    # Σw·actual/Σw·target would give (1,300,000 + 2×550,000)/(1,000,000 + 2×500,000) = 1.2: not what we do.
    result = linkage(department="TECH", regions=[region("R1", "1", "1300000.00", "1000000.00"),
                                                 region("R2", "2", "550000.00", "500000.00")],
                     period=PERIOD, rules=DEFAULT_RULES)
    assert result.achievement != D("1.2")


def test_uplift_is_capped_and_never_negative() -> None:
    capped = linkage(department="TECH", regions=[region("R1", "1", "2000000.00", "1000000.00")], period=PERIOD,
                     rules=DEFAULT_RULES)
    assert capped.achievement == 2 and capped.uplift == D("0.25") and capped.multiplier.value == D("1.25")
    below = linkage(department="TECH", regions=[region("R1", "1", "900000.00", "1000000.00")], period=PERIOD,
                    rules=DEFAULT_RULES)
    assert below.uplift == 0 and below.multiplier.value == 1
    steeper = linkage(department="TECH", regions=[region("R1", "1", "1100000.00", "1000000.00")], period=PERIOD,
                      rules=replace(DEFAULT_RULES, linkage_slope=D("1.5"), version="2"))
    assert steeper.multiplier.value == D("1.15") and steeper.multiplier.explanation.rule_version == "2"


def test_regions_without_target_are_left_out_and_no_region_means_one() -> None:
    # R2 has no target: A is R1's alone (1.2) → 1 + 0.5 × 0.2 = 1.1
    result = linkage(department="TECH", regions=[region("R1", "1", "1200000.00", "1000000.00"),
                                                 region("R2", "5", "999.00", None)], period=PERIOD,
                     rules=DEFAULT_RULES)
    assert result.multiplier.value == D("1.1")
    assert result.multiplier.explanation.parts[1].extra["counted"] == "false"
    alone = linkage(department="HR", regions=[], period=PERIOD, rules=DEFAULT_RULES)
    assert alone.multiplier.value == 1 and alone.achievement is None
    assert "supports no region" in alone.multiplier.explanation.formula_en


def test_performance_bonus_with_linkage_half_up() -> None:
    multiplier = linkage(department="TECH", regions=[region("R1", "1", "1300000.00", "1000000.00"),
                                                     region("R2", "2", "550000.00", "500000.00")],
                         period=PERIOD, rules=DEFAULT_RULES).multiplier
    # 20,000 × 1.0 × 13/12 = 21,666.666… → 21,666.67
    bonus = performance_bonus(target_bonus=D("20000.00"), coefficient=Coefficient(D("1.0"), "80 分 → 1.0", "80 → 1.0"),
                              multiplier=multiplier, period=PERIOD, rules=DEFAULT_RULES, employee_ref="B0001")
    assert bonus.value == D("21666.67")
    assert bonus.explanation.parts == (multiplier,)
    # 12,345.00 × 1.2 × 1.25 = 18,517.50
    capped = linkage(department="TECH", regions=[region("R1", "1", "3000000.00", "1000000.00")], period=PERIOD,
                     rules=DEFAULT_RULES).multiplier
    assert performance_bonus(target_bonus=D("12345.00"), coefficient=Coefficient(D("1.2"), "", ""),
                             multiplier=capped, period=PERIOD, rules=DEFAULT_RULES,
                             employee_ref="B0001").value == D("18517.50")


def test_not_assessed_counts_as_one_and_says_so() -> None:
    bonus = performance_bonus(target_bonus=D("333.33"), coefficient=Coefficient(None, "没有适用的考核方案",
                                                                                 "no assessment scheme applied"),
                              multiplier=None, period=PERIOD, rules=DEFAULT_RULES, employee_ref="F0001")
    assert bonus.value == D("333.33")
    assert "not assessed" in bonus.explanation.formula_en and "1.0" in bonus.explanation.formula_en
    assert bonus.extra["assessed"] == "false"
    assert {i.code: i.value for i in bonus.explanation.inputs}["coefficient"] == "1"
