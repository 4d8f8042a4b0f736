"""The collaboration reward fund (SPEC §6.2), figures worked by hand."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backend.domain.errors import ValidationError
from backend.domain.fund import Member, RegionYear, check_profit, employee_share, fund_amount, settle
from backend.domain.rules import DEFAULT_RULES

D = Decimal
YEAR = 2025


def m(no: str, weight: str) -> Member:
    return Member(employee_id=int(no[1:]) + (100 if no[0] == "B" else 0), employee_no=no, weight=D(weight))


def regions() -> list[RegionYear]:
    return [
        # 18,000,000 / 12,000,000 = 1.5 ≥ 1.2; (5+5+5+4) / 4 × 20 = 95 ≥ 90 → qualifies, 6,000,000 above target
        RegionYear("R1", D("18000000.00"), D("12000000.00"), rating_sum=19, rating_count=4,
                   frontline=(m("F1", "10000000.00"), m("F2", "8000000.00")),
                   backend=(m("B1", "3"), m("B2", "0.4"))),
        # 1.3 ≥ 1.2 but 22 / 5 × 20 = 88 < 90 → does not qualify
        RegionYear("R2", D("13000000.00"), D("10000000.00"), rating_sum=22, rating_count=5,
                   frontline=(m("F4", "13000000.00"),), backend=(m("B4", "9"),)),
        # 1.4; 14 / 3 × 20 = 93.33… → qualifies, 2,000,000 above; nobody backend earned points there
        RegionYear("R3", D("7000000.00"), D("5000000.00"), rating_sum=14, rating_count=3,
                   frontline=(m("F3", "7000000.00"),), backend=()),
        # 5,900,000 / 5,000,000 = 1.18 < 1.2 (satisfaction 100) → does not qualify
        RegionYear("R4", D("5900000.00"), D("5000000.00"), rating_sum=10, rating_count=2,
                   frontline=(m("F5", "5900000.00"),), backend=(m("B5", "1"),)),
    ]


def test_settlement_by_hand() -> None:
    result = settle(year=YEAR, profit=D("10000000.00"), regions=regions(), rules=DEFAULT_RULES)
    assert result.fund.value == D("800000.00")  # 10,000,000 × 8 %
    by_code = {r.code: r for r in result.regions}
    assert [c for c, r in by_code.items() if r.qualifies] == ["R1", "R3"]
    assert by_code["R2"].achievement_met and not by_code["R2"].satisfaction_met
    assert by_code["R2"].satisfaction.value == D(88)
    assert not by_code["R4"].achievement_met and by_code["R4"].satisfaction_met
    assert by_code["R1"].achievement.value == D("1.5") and by_code["R1"].satisfaction.value == D(95)
    # quotas by revenue above target: 800,000 × 6/8 and × 2/8
    assert by_code["R1"].quota.value == D("600000.00") and by_code["R3"].quota.value == D("200000.00")
    assert by_code["R2"].quota.value == 0 and by_code["R4"].quota.value == 0
    # R1: 70/30 → 420,000 / 180,000
    assert (by_code["R1"].frontline.value, by_code["R1"].backend.value) == (D("420000.00"), D("180000.00"))
    shares = {(s.region, s.employee_no): s.amount.value for s in result.shares}
    # frontline 420,000 × 10/18 = 233,333.333…, × 8/18 = 186,666.666…: the left-over cent to the larger remainder
    assert shares[("R1", "F1")] == D("233333.33") and shares[("R1", "F2")] == D("186666.67")
    # backend 180,000 × 3/3.4 = 158,823.529…, × 0.4/3.4 = 21,176.470…: the cent to B1 (.94 > .05)
    assert shares[("R1", "B1")] == D("158823.53") and shares[("R1", "B2")] == D("21176.47")
    # R3 has no backend member with points: the whole quota goes to the frontline
    assert (by_code["R3"].frontline.value, by_code["R3"].backend.value) == (D("200000.00"), D(0))
    assert shares[("R3", "F3")] == D("200000.00")
    assert sum(shares.values()) == result.fund.value and result.retained.value == 0
    assert set(shares) == {("R1", "F1"), ("R1", "F2"), ("R1", "B1"), ("R1", "B2"), ("R3", "F3")}


def test_every_figure_names_its_rule_version_and_inputs() -> None:
    rules = replace(DEFAULT_RULES, version="7")
    result = settle(year=YEAR, profit=D("10000000.00"), regions=regions(), rules=rules)
    figures = [result.fund, result.retained, *(f for r in result.regions for f in (
        r.achievement, r.satisfaction, r.quota, r.frontline, r.backend)), *(s.amount for s in result.shares)]
    assert all(f.explanation.rule_version == "7" for f in figures)
    assert all(f.explanation.inputs for f in figures)
    share = next(s for s in result.shares if s.employee_no == "B2").amount
    inputs = {i.code: i.value for i in share.explanation.inputs}
    assert inputs == {"sideAmount": "180000.00", "weight": "0.4", "totalWeight": "3.4"}


def test_no_qualifying_region_retains_the_fund() -> None:
    losers = [r for r in regions() if r.code in ("R2", "R4")]
    result = settle(year=YEAR, profit=D("10000000.00"), regions=losers, rules=DEFAULT_RULES)
    assert result.shares == () and result.retained.value == D("800000.00")
    assert "not carried" in result.retained.explanation.formula_en
    mine = employee_share(result, m("F4", "0").employee_id, estimate=False)
    assert mine.value == 0 and "retained" in mine.explanation.formula_en


def test_gates_are_inclusive_and_follow_the_rule_set() -> None:
    # exactly 1.2 and exactly 90 qualify
    edge = RegionYear("R1", D("1200.00"), D("1000.00"), rating_sum=9, rating_count=2,
                      frontline=(m("F1", "1200.00"),), backend=(m("B1", "1"),))
    assert settle(year=YEAR, profit=D("100.00"), regions=[edge], rules=DEFAULT_RULES).regions[0].qualifies
    stricter = replace(DEFAULT_RULES, fund_achievement_gate=D("1.21"))
    assert not settle(year=YEAR, profit=D("100.00"), regions=[edge], rules=stricter).regions[0].qualifies
    unrated = replace(edge, rating_sum=0, rating_count=0)
    judged = settle(year=YEAR, profit=D("100.00"), regions=[unrated], rules=DEFAULT_RULES).regions[0]
    assert not judged.satisfaction_met and "no rated request" in judged.satisfaction.explanation.formula_en


def test_rounding_half_up_and_ties() -> None:
    assert fund_amount(year=YEAR, profit=D("0.10"), rules=replace(DEFAULT_RULES, fund_ratio=D("0.05"))).value == \
        D("0.01")  # 0.005 → 0.01 half-up (banker's rounding would give 0.00)
    # fund 0.08 of profit 1.00; split 50/50 → 0.04 each; two backend members with equal points: 0.02 each
    even = replace(DEFAULT_RULES, fund_split_frontline=D("0.5"))
    region = RegionYear("R1", D("2000.00"), D("1000.00"), rating_sum=5, rating_count=1,
                        frontline=(m("F1", "1.00"),), backend=(m("B2", "1"), m("B1", "1")))
    result = settle(year=YEAR, profit=D("0.13"), regions=[region], rules=even)  # fund 0.0104 → 0.01
    assert result.fund.value == D("0.01")
    assert (result.regions[0].frontline.value, result.regions[0].backend.value) == (D("0.01"), D(0))  # tie → front
    result = settle(year=YEAR, profit=D("0.38"), regions=[region], rules=even)  # fund 0.0304 → 0.03
    assert (result.regions[0].frontline.value, result.regions[0].backend.value) == (D("0.02"), D("0.01"))
    shares = {s.employee_no: s.amount.value for s in result.shares if s.side == "BACKEND"}
    assert shares == {"B1": D("0.01"), "B2": D("0.00")}  # equal points: the cent goes to the lower employee number


def test_profit_is_checked() -> None:
    for bad in (D("-1.00"), D("1.001"), D("NaN")):
        with pytest.raises(ValidationError):
            check_profit(bad)


cents = st.integers(min_value=0, max_value=10**11).map(lambda c: D(c) / 100)


@settings(max_examples=200, deadline=None)
@given(profit=cents, revenues=st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=5),
       points=st.lists(st.integers(min_value=0, max_value=50), min_size=0, max_size=4))
def test_shares_always_sum_to_the_fund_exactly(profit: Decimal, revenues: list[int], points: list[int]) -> None:
    regions_ = [RegionYear(f"R{i}", D(rev), D(100), rating_sum=5, rating_count=1,
                           frontline=(m(f"F{i}", str(max(rev, 1))),),
                           backend=tuple(m(f"B{i}{j}", str(p)) for j, p in enumerate(points)))
                for i, rev in enumerate(revenues)]
    result = settle(year=YEAR, profit=profit, regions=regions_, rules=DEFAULT_RULES)
    assert sum((s.amount.value for s in result.shares), D(0)) + result.retained.value == result.fund.value
    for r in result.regions:
        assert r.frontline.value + r.backend.value == r.quota.value
    if any(r.qualifies and r.quota.value for r in result.regions):
        assert result.retained.value == 0
