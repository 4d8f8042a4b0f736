"""The collaboration fund explained in full (SPEC §6.2, §7): every figure of a settlement — the fund, each region's
achievement and satisfaction against their gates, its quota and sides, each member's share, what is retained —
and each person's fund figure, compared through its JSON form with tests/unit/explained/fund.json (reviewed by
hand). Plus the profit and year checks at their limits."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from backend.domain.errors import ValidationError
from backend.domain.explain import Source, SourceKind
from backend.domain.explain_codec import to_json
from backend.domain.fund import FundResult, Member, RegionYear, check_profit, check_year, employee_share, settle
from backend.domain.rules import RuleSet

D = Decimal
RULES = RuleSet(version="7")
GOLDEN = Path(__file__).parent / "explained" / "fund.json"


def m(no: str, weight: str, *sources: str) -> Member:
    return Member(employee_id=int(no[1:]) + (100 if no[0] == "B" else 0), employee_no=no, weight=D(weight),
                  sources=tuple(Source(SourceKind.ORDER if no[0] == "F" else SourceKind.SUPPORT_REQUEST, s, s)
                                for s in sources))


def regions() -> list[RegionYear]:
    return [
        RegionYear("R1", D("18000000.00"), D("12000000.00"), rating_sum=19, rating_count=4,
                   frontline=(m("F1", "10000000.00", "ORD-1"), m("F2", "8000000.00")),
                   backend=(m("B1", "3", "SR-1", "SR-2"), m("B2", "0.4")), target_periods=("2025-01", "2025-02")),
        RegionYear("R2", D("13000000.00"), D("10000000.00"), rating_sum=22, rating_count=5,
                   frontline=(m("F4", "13000000.00"),), backend=(m("B4", "9"),)),
        RegionYear("R3", D("7000000.00"), D("5000000.00"), rating_sum=14, rating_count=3,
                   frontline=(m("F3", "7000000.00"),)),
        RegionYear("R4", D("5900000.00"), D("5000000.00"), rating_sum=10, rating_count=2,  # 1.18 < 1.2
                   frontline=(m("F5", "5900000.00"),), backend=(m("B5", "1"),)),
        RegionYear("R5", D("100.00"), D(0), frontline=(m("F6", "100.00"),)),  # no target, nothing rated
    ]


def result_json(result: FundResult) -> dict[str, Any]:
    return {"fund": to_json(result.fund), "retained": to_json(result.retained), "version": result.rule_version,
            "regions": [{"code": r.code, "achievement": to_json(r.achievement), "satisfaction": to_json(r.satisfaction),
                         "met": [r.achievement_met, r.satisfaction_met], "excess": str(r.excess),
                         "quota": to_json(r.quota), "frontline": to_json(r.frontline),
                         "backend": to_json(r.backend)} for r in result.regions],
            "shares": [{"no": s.employee_no, "region": s.region, "side": s.side, "amount": to_json(s.amount)}
                       for s in result.shares]}


def cases() -> dict[str, Any]:
    settled = settle(year=2025, profit=D("10000000.00"), regions=regions(), rules=RULES)
    nobody = settle(year=2025, profit=D("10000000.00"), regions=regions()[1:2], rules=RULES)
    return {
        "settlement": result_json(settled),
        "no qualifying region": result_json(nobody),
        "F1 settled": to_json(employee_share(settled, 1, estimate=False)),
        "B1 estimate": to_json(employee_share(settled, 101, estimate=True, note_zh="；计划利润", note_en="; planned")),
        "F4 not a member of a qualifying region": to_json(employee_share(settled, 4, estimate=False)),
        "F4 nobody qualifies": to_json(employee_share(nobody, 4, estimate=True)),
    }


@pytest.mark.parametrize("name", list(cases()))
def test_the_settlement_is_explained_in_full(name: str) -> None:
    assert cases()[name] == json.loads(GOLDEN.read_text(encoding="utf-8"))[name]


def test_the_worked_figures() -> None:
    settled = settle(year=2025, profit=D("10000000.00"), regions=regions(), rules=RULES)
    assert settled.fund.value == D("800000.00") and settled.retained.value == 0
    assert [r.code for r in settled.regions if r.qualifies] == ["R1", "R3"]
    r5 = settled.regions[-1]
    assert (r5.achievement.value, r5.satisfaction.value, r5.achievement_met, r5.satisfaction_met) == (0, 0, False, False)
    assert settled.share_of(1) == D("233333.33") and settled.share_of(3) == D("200000.00")
    assert settled.share_of(4) == 0 and settled.share_of(999) == 0
    nobody = settle(year=2025, profit=D("10000000.00"), regions=regions()[1:2], rules=RULES)
    assert nobody.retained.value == D("800000.00") and nobody.shares == ()


@pytest.mark.parametrize("profit", ["0", "0.01", "1000000000000.00"])
def test_profits_from_0_to_a_trillion_are_accepted(profit: str) -> None:
    assert check_profit(D(profit)) == D(profit)


@pytest.mark.parametrize(("profit", "message"), [
    ("1.001", "profit must be in yuan with at most 2 decimal places"),
    ("NaN", "profit must be in yuan with at most 2 decimal places"),
    ("-0.01", "profit must not be negative (a loss funds nothing: enter 0)"),
    ("1000000000000.01", "profit is above 1,000,000,000,000.00: a typing error?")])
def test_implausible_profits_are_refused(profit: str, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        check_profit(D(profit))
    assert (error.value.message, error.value.field) == (message, "profit")


def test_fund_years_from_2000_to_2100() -> None:
    assert [check_year(y) for y in (2000, 2100)] == [2000, 2100]
    for year in (1999, 2101):
        with pytest.raises(ValidationError) as error:
            check_year(year)
        assert (error.value.message, error.value.field) == (f"year {year} is outside 2000–2100", "year")


def one_region(revenue: str = "18000000.00", target: str = "12000000.00", *, frontline: tuple[Member, ...] = (
        m("F1", "10000000.00"),), backend: tuple[Member, ...] = (m("B1", "3"),)) -> list[RegionYear]:
    return [RegionYear("R1", D(revenue), D(target), rating_sum=19, rating_count=4, frontline=frontline,
                       backend=backend)]


def test_members_without_weight_get_no_share_and_a_side_without_any_gives_way() -> None:
    # F9 sold nothing in R1: no share row for them; B1 alone takes the backend part.
    result = settle(year=2025, profit=D("10000000.00"), rules=RULES, regions=one_region(
        frontline=(m("F1", "10000000.00"), m("F9", "0")), backend=(m("B1", "3"), m("B9", "0"))))
    assert [(s.employee_no, s.amount.value) for s in result.shares] == [("F1", D("560000.00")), ("B1", D("240000.00"))]
    # Nobody in the frontline sold anything: the whole quota goes to the backend, and the sides say why.
    backend_only = settle(year=2025, profit=D("10000000.00"), rules=RULES, regions=one_region(
        frontline=(m("F9", "0"),)))
    region = backend_only.regions[0]
    assert (region.frontline.value, region.backend.value) == (0, D("800000.00"))
    assert region.backend.explanation.formula_en == (
        "backend part = quota − frontline part (no frontline revenue: all to the backend)")
    assert region.backend.explanation.formula_zh == "后端额度 = 片区额度 − 一线额度（一线无人有收入，份额全部归后端）"
    assert backend_only.retained.value == 0


def test_a_one_yuan_quota_is_still_split_and_an_empty_fund_splits_nothing() -> None:
    tiny = settle(year=2025, profit=D("12.50"), rules=RULES, regions=one_region())  # fund 1.00
    assert [(s.employee_no, s.amount.value) for s in tiny.shares] == [("F1", D("0.70")), ("B1", D("0.30"))]
    empty = settle(year=2025, profit=D(0), rules=RULES, regions=one_region())
    region = empty.regions[0]
    assert region.qualifies and region.quota.value == 0 and empty.shares == ()
    assert region.frontline.explanation.formula_en == "frontline part = quota × split"
    assert region.frontline.explanation.formula_zh == "一线额度 = 片区额度 × 一线比例"


@pytest.mark.parametrize(("split", "frontline", "backend"), [("1", "800000.00", "0"), ("0", "0", "800000.00")])
def test_a_split_of_0_or_1_gives_the_whole_quota_to_one_side(split: str, frontline: str, backend: str) -> None:
    region = settle(year=2025, profit=D("10000000.00"), rules=RuleSet(version="7", fund_split_frontline=D(split)),
                    regions=one_region()).regions[0]
    assert (region.frontline.value, region.backend.value) == (D(frontline), D(backend))


def test_revenue_exactly_on_target_shares_nothing_even_at_a_gate_of_1() -> None:
    result = settle(year=2025, profit=D("10000000.00"), rules=RuleSet(version="7", fund_achievement_gate=D(1)),
                    regions=one_region("12000000.00"))
    region = result.regions[0]
    assert region.qualifies and region.quota.value == 0 and result.shares == ()  # both gates met, nothing above
    assert (region.quota.explanation.formula_en, region.quota.explanation.formula_zh) == (
        "no revenue above target to share", "收入未超过目标：无超额可分")
    assert result.retained.value == D("800000.00")


def test_a_tiny_target_is_a_target() -> None:
    region = settle(year=2025, profit=D("10000000.00"), rules=RULES, regions=one_region("1.50", "1.00")).regions[0]
    assert region.achievement.value == D("1.5") and region.achievement_met and region.qualifies
