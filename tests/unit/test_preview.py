"""Impact preview: a period replayed under two rule sets (SPEC §11's example as the period), figures by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from backend.domain.preview import OrderFact, PeriodFacts, Person, RequestFact, preview
from backend.domain.rewards import OrderType
from backend.domain.rules import DEFAULT_RULES, SlaLimit
from backend.domain.support import Priority

D = Decimal
F1, B1, B2 = 1, 2, 3


def facts(target: str = "80000.00") -> PeriodFacts:
    return PeriodFacts(
        period="2026-11",
        orders=(OrderFact("o-1", F1, "R1", OrderType.NEW, D("100000.00")),),
        requests=(RequestFact("q-1", "R1", B1, Priority.URGENT, 5, timedelta(hours=1)),
                  RequestFact("q-2", "R1", B2, Priority.NORMAL, 4, timedelta(hours=80))),  # NORMAL limit 72 h
        people=(Person(F1, "F1", "李娜", False, "MKT", D("20000.00"), None),
                Person(B1, "B1", "陈静", True, "TECH", D("20000.00"), None),
                Person(B2, "B2", "王强", True, "TECH", D("10000.00"), D("1.2"))),
        targets={"R1": D(target)}, links={"TECH": (("R1", D(1)),)})


def by_no(result):  # type: ignore[no-untyped-def]
    return {c.person.employee_no: c for c in result.people}


def test_same_rules_change_nothing_and_reproduce_the_worked_example() -> None:
    result = preview(facts(), base=DEFAULT_RULES, draft=DEFAULT_RULES)
    people = by_no(result)
    assert people["F1"].before.commission == D("2640.00")  # 3,000 − 360
    assert (people["B1"].before.pool_share, people["B2"].before.pool_share) == (D("317.65"), D("42.35"))
    # A = 100,000 / 80,000 = 1.25 → × 1.125; B1 20,000 × 1.0 (not assessed) × 1.125, B2 10,000 × 1.2 × 1.125
    assert people["B1"].before.linked_bonus == D("22500.00") and people["B2"].before.linked_bonus == D("13500.00")
    assert people["F1"].before.linked_bonus is None
    assert result.total_change == 0 and all(c.total_change == 0 for c in result.people)


def test_a_higher_accrual_ratio_moves_money_from_the_frontline_to_the_pool() -> None:
    draft = replace(DEFAULT_RULES, accrual_ratio=D("0.15"), version="draft")
    result = preview(facts(), base=DEFAULT_RULES, draft=draft)
    people = by_no(result)
    # accrual 3,000 × 15 % = 450 → F1 keeps 2,550 (−90); pool 450 splits 3 : 0.4 → 397.06 / 52.94
    assert people["F1"].change("commission") == D("-90.00")
    assert people["B1"].after.pool_share == D("397.06") and people["B1"].change("pool_share") == D("79.41")
    assert people["B2"].after.pool_share == D("52.94") and people["B2"].change("pool_share") == D("10.59")
    assert result.total("commission") == D("-90.00") and result.total("pool_share") == D("90.00")
    assert result.total_change == 0
    assert [c.person.employee_no for c in result.people] == ["B1", "B2", "F1"]  # largest gain first
    assert result.draft_version == "draft"


def test_a_steeper_linkage_and_a_longer_sla() -> None:
    steeper = replace(DEFAULT_RULES, linkage_slope=D("1.0"))
    people = by_no(preview(facts(), base=DEFAULT_RULES, draft=steeper))
    # uplift min(0.25, 1.0 × 0.25) = 0.25: B1 20,000 × 1.25 = 25,000 (+2,500); B2 10,000 × 1.2 × 1.25 (+1,500)
    assert people["B1"].change("linked_bonus") == D("2500.00") and people["B2"].change("linked_bonus") == D("1500.00")
    assert people["F1"].change("linked_bonus") == 0
    sla = dict(DEFAULT_RULES.sla)
    sla["NORMAL"] = SlaLimit(timedelta(hours=8), timedelta(hours=96))
    people = by_no(preview(facts(), base=DEFAULT_RULES, draft=replace(DEFAULT_RULES, sla=sla)))
    # q-2 now meets its SLA: 1 × 0.8 × 1 = 0.8 points; 360 splits 3 : 0.8 → 284.21 / 75.79
    assert people["B1"].after.pool_share == D("284.21") and people["B2"].after.pool_share == D("75.79")
    assert people["B1"].change("pool_share") == D("-33.44") and people["B2"].change("pool_share") == D("33.44")
