"""previewRuleSet: a past period's facts read once, replayed under the rule set in force at its end and under a
draft (backend/domain/preview.py). Reads only; writes nothing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import timedelta
from decimal import Decimal
from typing import Any

from backend.domain import preview as rules
from backend.domain.access import Viewer
from backend.domain.errors import PermissionDenied, ValidationError
from backend.domain.org import DepartmentKind, clean_period
from backend.domain.periods import period_bounds
from backend.domain.rewards import OrderStatus, OrderType
from backend.domain.rules import RuleSet
from backend.domain.ruleset_params import from_parameters, merge
from backend.domain.support import Priority
from backend.persistence.models import (
    Department,
    Employee,
    Order,
    Region,
    RegionTarget,
    RequestPoints,
    SupportLink,
    SupportRequest,
)
from backend.services import clock, rulesets
from backend.services.coefficients import performance_coefficients
from backend.services.fund_facts import day_of, placements
from backend.services.rulesets import rules_at

DRAFT = "draft"


async def base_rules(period: str) -> RuleSet:
    """What the period is compared against: the rule set in force at its end."""
    return await rules_at(period_bounds(clean_period(period), clock.zone())[1] - timedelta(microseconds=1))


async def period_facts(period: str) -> rules.PeriodFacts:
    """Orders credited in the period, requests whose points it credits, targets, links and the people concerned:
    everyone with an order or points, and every backend employee of a department with a support link."""
    regions = dict(await Region.all().values_list("id", "code"))
    orders = await Order.filter(status=OrderStatus.CREDITED, credit_period=period).order_by("id").values(
        "client_order_id", "employee_id", "region_id", "type", "amount")
    credited = await RequestPoints.filter(period=period).values("request_id", "employee_id", "region_id")
    requests = {r.id: r for r in await SupportRequest.filter(id__in=[c["request_id"] for c in credited])} \
        if credited else {}
    links: dict[str, list[tuple[str, Decimal]]] = defaultdict(list)
    departments = {d.id: d for d in await Department.all()}
    for link in await SupportLink.all():
        links[departments[link.department_id].code].append((regions[link.region_id], Decimal(link.weight)))
    linked_ids = [d.id for d in departments.values() if d.code in links and d.kind is DepartmentKind.BACKEND]
    ids = {int(o["employee_id"]) for o in orders} | {int(c["employee_id"]) for c in credited}
    day = day_of(period)
    if linked_ids:
        ids |= {int(r["id"]) for r in await Employee.filter(department_id__in=linked_ids).values("id")}
    people = await placements(ids, day)
    names = dict(await Employee.filter(id__in=list(ids)).values_list("id", "name")) if ids else {}
    backend = [i for i, p in people.items() if p.assignment.department_kind is DepartmentKind.BACKEND]
    coefficients = await performance_coefficients(employee_ids=backend, period=period, zone=clock.zone()) \
        if backend else {}
    # Someone with an order or points in the period who is no longer employed on its day still counts.
    missing = ids - set(people)
    gone = {e.id: e for e in await Employee.filter(id__in=list(missing)).select_related("department")} \
        if missing else {}
    persons = []
    for employee_id in sorted(ids):
        if employee_id in people:
            p = people[employee_id]
            kind = p.assignment.department_kind
            persons.append(rules.Person(
                employee_id=employee_id, employee_no=p.employee_no, name=names.get(employee_id, ""),
                backend=kind is DepartmentKind.BACKEND, department=departments[p.assignment.department_id].code,
                target_bonus=p.assignment.target_bonus,
                coefficient=coefficients[employee_id].coefficient if employee_id in coefficients else None))
        elif employee_id in gone:
            e = gone[employee_id]
            persons.append(rules.Person(employee_id=employee_id, employee_no=e.employee_no, name=e.name,
                                        backend=False, department=e.department.code, target_bonus=Decimal(0),
                                        coefficient=None))
    return rules.PeriodFacts(
        period=period,
        orders=tuple(rules.OrderFact(ref=o["client_order_id"], employee_id=int(o["employee_id"]),
                                     region=regions[o["region_id"]], type=OrderType(o["type"]),
                                     amount=Decimal(str(o["amount"]))) for o in orders),
        requests=tuple(_request(c, requests, regions) for c in credited if c["request_id"] in requests),
        people=tuple(persons),
        targets={regions[t["region_id"]]: Decimal(str(t["revenue_target"]))
                 for t in await RegionTarget.filter(period=period).values("region_id", "revenue_target")},
        links={code: tuple(sorted(items)) for code, items in links.items()})


def _request(credit: dict[str, Any], requests: dict[int, SupportRequest],
             regions: dict[int, str]) -> rules.RequestFact:
    row = requests[credit["request_id"]]
    resolved = row.resolved_at or row.submitted_at  # credited points mean it was resolved; never None here
    return rules.RequestFact(ref=str(row.id), region=regions[credit["region_id"]],
                             assignee_id=int(credit["employee_id"]), priority=Priority(row.priority),
                             rating=row.rating, resolution_time=resolved - row.submitted_at)


async def draft_of(parameters: Mapping[str, Any]) -> RuleSet:
    """The rule set publishRuleSet would create from these changes: the latest version with them applied
    (guardrails checked: a breach is a ValidationError naming the parameter, its value and the bound)."""
    latest = (await rulesets.versions())[-1]
    try:
        return from_parameters(merge(latest.parameters, parameters), version=DRAFT)
    except ValidationError as error:
        raise ValidationError(error.message, field=rulesets.input_field(error.field)) from error


async def preview_rule_set(*, viewer: Viewer, period: str, parameters: Mapping[str, Any]) -> rules.Preview:
    """HR: who gains and who loses had `period` been judged by the draft (nothing is written). The draft is what
    publishing these changes would create; it is compared with the rule set in force at the period's end."""
    if not viewer.is_hr:
        raise PermissionDenied("only HR may preview a draft rule set")
    period = clean_period(period)
    draft = await draft_of(parameters)
    if period > f"{clock.today().year:04d}-{clock.today().month:02d}":
        raise ValidationError("the preview replays a past (or the current) period", field="period")
    return rules.preview(await period_facts(period), base=await base_rules(period), draft=draft)
