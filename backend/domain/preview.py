"""Impact preview (issue 8 item 2, SPEC §7): a past period's facts replayed under two rule sets, per person and in
total: the change in commission (net of accrual: what the frontline keeps), support-pool share and linked bonus.

Pure: the same facts go through both rule sets, so every difference is the rules' alone. The replay covers the
period's own events — orders credited in it, requests resolved in it — not carry-overs from earlier periods, and
it recomputes support points (priority weights, satisfaction and SLA factors: a request is judged against the
rule set's resolution limit) as well as commission, accrual, pool shares and the backend linkage.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from backend.domain.linkage import Coefficient, LinkedRegion, linkage, performance_bonus
from backend.domain.money import ZERO
from backend.domain.rewards import OrderType, Recipient, order_figures, split_pool
from backend.domain.rules import RuleSet
from backend.domain.support import Priority, support_points


@dataclass(frozen=True, slots=True)
class OrderFact:
    ref: str  # client order id
    employee_id: int
    region: str
    type: OrderType
    amount: Decimal


@dataclass(frozen=True, slots=True)
class RequestFact:
    ref: str
    region: str
    assignee_id: int
    priority: Priority
    rating: int | None
    resolution_time: timedelta  # submitted → resolved


@dataclass(frozen=True, slots=True)
class Person:
    employee_id: int
    employee_no: str
    name: str
    backend: bool
    department: str  # code (backend: whose links drive the linkage)
    target_bonus: Decimal
    coefficient: Decimal | None  # None: not assessed (1.0)


@dataclass(frozen=True, slots=True)
class PeriodFacts:
    period: str
    orders: tuple[OrderFact, ...]
    requests: tuple[RequestFact, ...]
    people: tuple[Person, ...]
    targets: dict[str, Decimal]  # region code → the period's revenue target
    links: dict[str, tuple[tuple[str, Decimal], ...]]  # backend department code → (region code, weight)


@dataclass(frozen=True, slots=True)
class Figures:
    commission: Decimal  # net of accrual
    pool_share: Decimal
    linked_bonus: Decimal | None  # backend staff only

    @property
    def total(self) -> Decimal:
        return self.commission + self.pool_share + (self.linked_bonus or ZERO)


@dataclass(frozen=True, slots=True)
class PersonChange:
    person: Person
    before: Figures
    after: Figures

    def change(self, name: str) -> Decimal:
        before, after = getattr(self.before, name), getattr(self.after, name)
        return (after or ZERO) - (before or ZERO)

    @property
    def total_change(self) -> Decimal:
        return self.after.total - self.before.total


@dataclass(frozen=True, slots=True)
class Preview:
    period: str
    base_version: str
    draft_version: str
    people: tuple[PersonChange, ...]  # by total change, largest gain first; ties by employee number

    def total(self, name: str) -> Decimal:
        return sum((p.change(name) for p in self.people), ZERO)

    @property
    def total_change(self) -> Decimal:
        return sum((p.total_change for p in self.people), ZERO)


def points_under(request: RequestFact, rules: RuleSet) -> Decimal:
    met = request.resolution_time <= rules.sla_for(request.priority.value).resolution
    return support_points(request.priority, request.rating, met, rules)


def replay(facts: PeriodFacts, rules: RuleSet) -> dict[int, Figures]:
    """Every person's figures for the period under `rules`."""
    commission: dict[int, Decimal] = defaultdict(lambda: ZERO)
    pools: dict[str, Decimal] = defaultdict(lambda: ZERO)
    revenue: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for order in facts.orders:
        figures = order_figures(amount=order.amount, order_type=order.type, rules=rules, order_ref=order.ref)
        commission[order.employee_id] += figures.net.value
        pools[order.region] += figures.accrual.value
        revenue[order.region] += order.amount
    people = {p.employee_id: p for p in facts.people}
    points: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for request in facts.requests:
        points[request.region][request.assignee_id] += points_under(request, rules)
    shares: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for region, pool in pools.items():
        recipients = [Recipient(employee_id=e, employee_no=people[e].employee_no, points=p)
                      for e, p in points[region].items() if e in people]
        for employee_id, share in split_pool(pool=pool, recipients=recipients, region=region,
                                             period=facts.period).shares.items():
            shares[employee_id] += share.value
    multipliers = {
        department: linkage(department=department, period=facts.period, rules=rules, regions=[
            LinkedRegion(code=code, weight=weight, actual=revenue[code], target=facts.targets.get(code))
            for code, weight in links]).multiplier for department, links in facts.links.items()}
    result = {}
    for person in facts.people:
        bonus = None
        if person.backend:
            bonus = performance_bonus(
                target_bonus=person.target_bonus, coefficient=Coefficient(person.coefficient, "", ""),
                multiplier=multipliers.get(person.department) or linkage(
                    department=person.department, regions=[], period=facts.period, rules=rules).multiplier,
                period=facts.period, rules=rules, employee_ref=person.employee_no).value
        result[person.employee_id] = Figures(commission=commission[person.employee_id],
                                             pool_share=shares[person.employee_id], linked_bonus=bonus)
    return result


def preview(facts: PeriodFacts, *, base: RuleSet, draft: RuleSet) -> Preview:
    before, after = replay(facts, base), replay(facts, draft)
    changes = [PersonChange(p, before[p.employee_id], after[p.employee_id]) for p in facts.people]
    changes.sort(key=lambda c: (-c.total_change, c.person.employee_no))
    return Preview(period=facts.period, base_version=base.version, draft_version=draft.version,
                   people=tuple(changes))


def affected(people: Sequence[PersonChange]) -> list[PersonChange]:
    """Only who gains or loses something."""
    return [p for p in people if p.before != p.after]
