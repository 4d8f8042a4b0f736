"""Linkage at its edges: any positive target counts (even a tiny one), a zero target or a zero link weight does
not, and a department whose only targeted region carries no weight keeps multiplier 1."""

from __future__ import annotations

from decimal import Decimal

from backend.domain.linkage import LinkedRegion, linkage, region_achievement
from backend.domain.rules import DEFAULT_RULES

D = Decimal


def test_a_tiny_positive_target_counts() -> None:
    result = linkage(department="TECH", regions=[LinkedRegion("R1", D(1), D("1.30"), D("1.00"))], period="2026-11",
                     rules=DEFAULT_RULES)
    assert result.achievement == D("1.3") and result.multiplier.value == D("1.15")
    assert region_achievement(LinkedRegion("R1", D(1), D("0.60"), D("0.50")), "2026-11").value == D("1.2")


def test_a_zero_target_or_weight_is_left_out() -> None:
    assert region_achievement(LinkedRegion("R1", D(1), D("10.00"), D(0)), "2026-11").extra["counted"] == "false"
    only_unweighted = linkage(department="TECH", regions=[LinkedRegion("R1", D(0), D("1300000.00"), D("1000000.00"))],
                              period="2026-11", rules=DEFAULT_RULES)
    assert only_unweighted.achievement is None and only_unweighted.multiplier.value == 1
