"""Impact preview with more than one of each: two orders of one person in one region (their figures add up), two
requests of one engineer, a request resolved exactly on its limit, and who the preview says is affected."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from backend.domain.preview import OrderFact, PeriodFacts, Person, RequestFact, affected, points_under, preview
from backend.domain.rewards import OrderType
from backend.domain.rules import DEFAULT_RULES
from backend.domain.support import Priority

D = Decimal
F1, F2, B1, B2 = 1, 2, 3, 4


def facts() -> PeriodFacts:
    return PeriodFacts(
        period="2026-11",
        orders=(OrderFact("o-1", F1, "R1", OrderType.NEW, D("60000.00")),
                OrderFact("o-2", F1, "R1", OrderType.NEW, D("40000.00")),
                OrderFact("o-3", F2, "R2", OrderType.RENEWAL, D("10000.00"))),
        requests=(RequestFact("q-1", "R1", B1, Priority.NORMAL, 5, timedelta(hours=2)),
                  RequestFact("q-2", "R1", B1, Priority.NORMAL, 5, timedelta(hours=3)),
                  RequestFact("q-3", "R1", B2, Priority.NORMAL, 5, timedelta(hours=4))),
        people=(Person(F1, "F1", "李娜", False, "MKT", D("20000.00"), None),
                Person(F2, "F2", "张伟", False, "MKT", D("20000.00"), None),
                Person(B1, "B1", "陈静", True, "TECH", D("20000.00"), None),
                Person(B2, "B2", "王强", True, "TECH", D("10000.00"), None)),
        targets={"R1": D("80000.00")}, links={"TECH": (("R1", D(1)),)})


def test_two_orders_and_two_requests_add_up() -> None:
    people = {c.person.employee_no: c for c in preview(facts(), base=DEFAULT_RULES, draft=DEFAULT_RULES).people}
    # F1: 1,800 + 1,200 commission, 216 + 144 accrued → 2,640 net; the R1 pool 360 splits 2 : 1 by points.
    assert people["F1"].before.commission == D("2640.00")
    assert (people["B1"].before.pool_share, people["B2"].before.pool_share) == (D("240.00"), D("120.00"))
    # R1's revenue is both orders: 100,000 / 80,000 = 1.25 → multiplier 1.125.
    assert people["B1"].before.linked_bonus == D("22500.00")
    # F2's renewal accrues into R2, where nobody resolved anything: no share for anyone from it.
    assert people["F2"].before.commission == D("88.00") and people["F2"].before.pool_share == 0


def test_a_request_resolved_exactly_on_its_limit_met_it() -> None:
    on_time = RequestFact("q", "R1", B1, Priority.NORMAL, 5, timedelta(hours=72))
    late = replace(on_time, resolution_time=timedelta(hours=72, seconds=1))
    assert points_under(on_time, DEFAULT_RULES) == 2 * points_under(late, DEFAULT_RULES)  # breached: × 0.5


def test_only_people_whose_figures_change_are_affected() -> None:
    result = preview(facts(), base=DEFAULT_RULES, draft=replace(DEFAULT_RULES, accrual_ratio=D("0.15"), version="d"))
    changed = {c.person.employee_no for c in affected(result.people)}
    assert changed == {"F1", "F2", "B1", "B2"}
    same = preview(facts(), base=DEFAULT_RULES, draft=replace(DEFAULT_RULES, version="d"))
    assert affected(same.people) == []


def test_shares_from_two_regions_add_up() -> None:
    two = replace(facts(), requests=(*facts().requests,
                                     RequestFact("q-4", "R2", B1, Priority.NORMAL, 5, timedelta(hours=1))))
    people = {c.person.employee_no: c for c in preview(two, base=DEFAULT_RULES, draft=DEFAULT_RULES).people}
    assert people["B1"].before.pool_share == D("240.00") + D("12.00")  # R1's 2/3 of 360 and all of R2's 12
