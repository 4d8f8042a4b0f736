"""The facts the fund, the linkage and their estimates read, each in a fixed number of grouped queries.

Revenue = amounts of CREDITED orders by credit period (a cancelled order is no revenue; a pending one not yet);
for the linkage, read on every counter push, the ledger's running total per region and period (the same sum, kept
with the entries; a cancellation of a locked period lands in the period it is booked in).
Backend support points = the points the ledger currently credits for each resolved request (RequestPoints, the
same points the support pools split), by the request's region and resolution period. Satisfaction = mean rating
× 20 of the region's rated requests resolved in the year.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from tortoise.functions import Count, Sum

from backend.domain import org as org_rules
from backend.domain.explain import Source, SourceKind
from backend.domain.fund import Member, RegionYear
from backend.domain.linkage import LinkedRegion
from backend.domain.org import Assignment, DepartmentKind
from backend.domain.periods import period_bounds
from backend.domain.rewards import OrderStatus
from backend.persistence.models import (
    Department,
    Employee,
    EmployeeAssignment,
    Order,
    Region,
    RegionRewardTotal,
    RegionTarget,
    RequestPoints,
    SupportLink,
    SupportRequest,
)
from backend.services import clock


def year_periods(year: int, through: str | None = None) -> list[str]:
    return [p for p in (f"{year:04d}-{m:02d}" for m in range(1, 13)) if through is None or p <= through]


def _dec(value: Any) -> Decimal:
    return Decimal(str(value)) if value is not None else Decimal(0)


async def region_years(year: int, *, through: str | None = None, connection: Any = None) -> list[RegionYear]:
    """Every region's facts over the year (or its periods up to `through`, for an estimate)."""
    periods = year_periods(year, through)
    regions = {r.id: r.code for r in await Region.all().using_db(connection)}
    employees: dict[int, str] = {}
    targets: dict[int, Decimal] = defaultdict(Decimal)
    target_periods: dict[int, list[str]] = defaultdict(list)
    for t in await RegionTarget.filter(period__in=periods).using_db(connection).order_by("period").values(
            "region_id", "period", "revenue_target"):
        targets[t["region_id"]] += _dec(t["revenue_target"])
        target_periods[t["region_id"]].append(t["period"])
    revenue = await Order.filter(status=OrderStatus.CREDITED, credit_period__in=periods).using_db(connection) \
        .annotate(total=Sum("amount"), orders=Count("id")).group_by("region_id", "employee_id") \
        .values("region_id", "employee_id", "total", "orders")
    points = await RequestPoints.filter(period__in=periods).using_db(connection) \
        .annotate(total=Sum("points"), requests=Count("id")).group_by("region_id", "employee_id") \
        .values("region_id", "employee_id", "total", "requests")
    ids = {int(r["employee_id"]) for r in revenue} | {int(r["employee_id"]) for r in points}
    employees = dict(await Employee.filter(id__in=ids).using_db(connection).values_list("id", "employee_no")) \
        if ids else {}
    start = period_bounds(periods[0], clock.zone())[0] if periods else None
    end = period_bounds(periods[-1], clock.zone())[1] if periods else None
    ratings = await SupportRequest.filter(rating__not_isnull=True, resolved_at__gte=start, resolved_at__lt=end) \
        .using_db(connection).annotate(total=Sum("rating"), rated=Count("id")).group_by("region_id") \
        .values("region_id", "total", "rated") if periods else []
    rated = {int(r["region_id"]): (int(r["total"] or 0), int(r["rated"])) for r in ratings}
    frontline: dict[int, list[Member]] = defaultdict(list)
    region_revenue: dict[int, Decimal] = defaultdict(Decimal)
    for r in revenue:
        region_id, employee_id, total = int(r["region_id"]), int(r["employee_id"]), _dec(r["total"])
        region_revenue[region_id] += total
        frontline[region_id].append(Member(employee_id, employees[employee_id], total, (Source(
            SourceKind.ORDER, f"{regions[region_id]}:{year}:{employees[employee_id]}",
            f"{r['orders']} credited orders of {employees[employee_id]} in {regions[region_id]}"),)))
    backend: dict[int, list[Member]] = defaultdict(list)
    for r in points:
        region_id, employee_id = int(r["region_id"]), int(r["employee_id"])
        backend[region_id].append(Member(employee_id, employees[employee_id], _dec(r["total"]), (Source(
            SourceKind.SUPPORT_REQUEST, f"{regions[region_id]}:{year}:{employees[employee_id]}",
            f"{r['requests']} requests of {regions[region_id]} resolved by {employees[employee_id]}"),)))
    return [RegionYear(code=code, revenue=region_revenue[rid], target=targets[rid],
                       rating_sum=rated.get(rid, (0, 0))[0], rating_count=rated.get(rid, (0, 0))[1],
                       frontline=tuple(sorted(frontline[rid], key=lambda m: m.employee_no)),
                       backend=tuple(sorted(backend[rid], key=lambda m: m.employee_no)),
                       target_periods=tuple(target_periods[rid]))
            for rid, code in sorted(regions.items(), key=lambda kv: kv[1])]


def last_day(period: str) -> date:
    end = period_bounds(period, clock.zone())[1]
    return clock.local_date(end - timedelta(microseconds=1))


def day_of(period: str) -> date:
    """The day whose assignment a period's figure follows: the period's last day, or today while it runs."""
    return min(last_day(period), clock.today())


@dataclass(frozen=True, slots=True)
class Placement:
    employee_id: int
    employee_no: str
    assignment: Assignment


async def placements(employee_ids: Collection[int], day: date, *, connection: Any = None) -> dict[int, Placement]:
    """Each employee's assignment on `day` (missing: not employed that day), in two queries."""
    ids = list(set(employee_ids))
    if not ids:
        return {}
    people = {e.id: e for e in await Employee.filter(id__in=ids).using_db(connection)}
    kinds = dict(await Department.all().using_db(connection).values_list("id", "kind"))
    history: dict[int, list[Assignment]] = defaultdict(list)
    for row in await EmployeeAssignment.filter(employee_id__in=ids).using_db(connection).order_by(
            "employee_id", "effective_from"):
        history[row.employee_id].append(Assignment(
            effective_from=row.effective_from, department_id=row.department_id,
            department_kind=DepartmentKind(kinds[row.department_id]), region_id=row.region_id,
            position=row.position, base_salary=Decimal(row.base_salary), target_bonus=Decimal(row.target_bonus),
            reason=row.reason))
    found = {}
    for employee_id, person in people.items():
        assignment = org_rules.assignment_on(history[employee_id], day, hire_date=person.hire_date,
                                             leave_date=person.leave_date)
        if assignment is not None:
            found[employee_id] = Placement(employee_id, person.employee_no, assignment)
    return found


async def linked_regions(department_ids: Collection[int], period: str, *,
                         connection: Any = None) -> dict[int, list[LinkedRegion]]:
    """Per backend department: the regions it supports with their link weight, revenue and target in `period`."""
    ids = list(set(department_ids))
    if not ids:
        return {}
    links = await SupportLink.filter(department_id__in=ids).using_db(connection).select_related("region")
    region_ids = list({link.region_id for link in links})
    targets = {int(t["region_id"]): _dec(t["revenue_target"]) for t in
               await RegionTarget.filter(region_id__in=region_ids, period=period).using_db(connection)
               .values("region_id", "revenue_target")}
    # The ledger's running totals (credited orders' amounts, kept with the entries): one row per region, whatever
    # the number of orders the period holds — this runs on every counter push.
    revenue = {int(r["region_id"]): (_dec(r["revenue"]), int(r["credited_orders"])) for r in
               await RegionRewardTotal.filter(region_id__in=region_ids, period=period).using_db(connection)
               .values("region_id", "revenue", "credited_orders")} if region_ids else {}
    found: dict[int, list[LinkedRegion]] = {i: [] for i in ids}
    for link in links:
        actual, orders = revenue.get(link.region_id, (Decimal(0), 0))
        found[link.department_id].append(LinkedRegion(
            code=link.region.code, weight=Decimal(link.weight), actual=actual, target=targets.get(link.region_id),
            orders=orders))
    return found


def year_end(year: int) -> datetime:
    """The last instant of the year in the organisation's zone (the rule set in force then judges the year)."""
    return period_bounds(f"{year:04d}-12", clock.zone())[1] - timedelta(microseconds=1)
