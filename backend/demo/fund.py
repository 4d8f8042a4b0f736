"""The demo's collaboration fund: last year's December (orders, rated support requests, targets) settled on an
annual profit, with regions on both sides of each gate; and a planned profit for this year, so the counters show
a fund estimate. Everything through the services."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from backend.domain.access import SYSTEM
from backend.domain.org import DepartmentKind
from backend.domain.rewards import OrderType
from backend.domain.support import Category, Priority
from backend.events.bus import EventBus
from backend.persistence.models import Department, Employee, Region, RegionTarget
from backend.services import fund, orders, org, support
from backend.services.fund_facts import placements
from backend.services.uow import UnitOfWork

LAST_YEAR_PROFIT = Decimal("120000000.00")  # fund 9,600,000.00 at 8 %
PLANNED_PROFIT = Decimal("150000000.00")
# Achievement over last year and the ratings of its requests, by region (in REGIONS order): some clear both
# gates, one misses on satisfaction (4, 4, 5 → 86.7), some on achievement.
PLAN = ((Decimal("1.45"), (5, 5, 4)), (Decimal("1.30"), (5, 5, 5)), (Decimal("1.10"), (5, 5, 5)),
        (Decimal("1.35"), (4, 4, 5)), (Decimal("1.60"), (5, 4, 5)), (Decimal("0.95"), (3, 4, 4)),
        (Decimal("1.22"), (5, 5, 5)), (Decimal("1.05"), (4, 5, 5)))
MAX_ORDER = Decimal("4000000.00")


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


async def _placed(day: date) -> dict[int, list[Employee]]:
    """Who sat where on `day` (attribution follows that day's assignment): region id → frontline staff, and
    0 → TECH's staff."""
    rows = {e.id: e for e in await Employee.filter(hire_date__lte=day).order_by("employee_no")}
    tech = await Department.get(code="TECH")
    placed: dict[int, list[Employee]] = defaultdict(list)
    for employee_id, where in (await placements(rows, day)).items():
        a = where.assignment
        if a.department_kind is DepartmentKind.FRONTLINE and a.region_id is not None:
            placed[a.region_id].append(rows[employee_id])
        elif a.department_id == tech.id:
            placed[0].append(rows[employee_id])
    return {k: sorted(v, key=lambda e: e.employee_no) for k, v in placed.items()}


async def load_demo_fund(*, bus: EventBus, rng: random.Random, today: date) -> dict[str, Any]:
    year = today.year - 1
    period, day = f"{year}-12", date(year, 12, 1)
    placed = await _placed(day)
    tech = placed.get(0, [])
    regions = list(await Region.all().order_by("id"))
    orders_made = requests_made = 0
    async with UnitOfWork(bus=bus, actor=SYSTEM) as uow:
        for index, region in enumerate(regions):
            ratio, ratings = PLAN[index % len(PLAN)]
            targets = await RegionTarget.filter(region_id=region.id, period__startswith=f"{year}-")
            if not targets:
                await org.set_region_target(uow=uow, region_code=region.code, period=period,
                                            revenue_target=Decimal("3000000.00"))
                targets = await RegionTarget.filter(region_id=region.id, period__startswith=f"{year}-") \
                    .using_db(uow.connection)
            total = (sum((Decimal(t.revenue_target) for t in targets), Decimal(0)) * ratio).quantize(Decimal("0.01"))
            sellers = placed.get(region.id, [])[:4]
            if not sellers:
                continue
            count = max(len(sellers), int(total / MAX_ORDER) + 1)
            amounts = [(total / count).quantize(Decimal("0.01"))] * count
            amounts[-1] += total - sum(amounts)
            for n, amount in enumerate(amounts):
                seller = sellers[n % len(sellers)]
                await orders.record_order(uow=uow, at=_at(day + timedelta(days=20), 8), data=orders.OrderData(
                    client_order_id=f"demo-fund-{year}-{region.code}-{n + 1}", employee_id=seller.id,
                    region_code=region.code, customer=f"{region.name}集团客户{n + 1}",
                    type=OrderType.NEW if n % 3 else OrderType.RENEWAL, amount=amount,
                    occurred_at=_at(day + timedelta(days=2 + n % 18), 3)))
                orders_made += 1
            for n, rating in enumerate(ratings):
                if not tech:
                    break
                submitted = _at(day + timedelta(days=3 + 3 * n), 1)
                submission = await support.submit_request(uow=uow, at=submitted, data=support.SubmitData(
                    client_request_id=f"demo-fund-{year}-{region.code}-q{n + 1}", region_code=region.code,
                    department_code="TECH", category=Category.FAULT_REPAIR, priority=rng.choice(
                        (Priority.URGENT, Priority.HIGH, Priority.NORMAL)),
                    title="集团客户专线中断", description="年末保障",
                    customer_reported_at=submitted - timedelta(minutes=20),
                    submitter_id=sellers[n % len(sellers)].id))
                pk, assignee = submission.request.id, tech[(index + n) % len(tech)].id
                await support.accept_request(uow=uow, request_id=pk, assignee_id=assignee,
                                             at=submitted + timedelta(minutes=10))
                await support.start_request(uow=uow, request_id=pk, at=submitted + timedelta(minutes=15))
                await support.resolve_request(uow=uow, request_id=pk, note="已恢复", at=submitted + timedelta(hours=2))
                await support.confirm_request(uow=uow, request_id=pk, rating=rating, comment=None,
                                              at=submitted + timedelta(hours=3))
                requests_made += 1
    async with UnitOfWork(bus=bus, actor=SYSTEM) as uow:
        settled = await fund.settle_collaboration_fund(uow=uow, year=year, profit=LAST_YEAR_PROFIT)
        await fund.set_planned_profit(uow=uow, year=today.year, profit=PLANNED_PROFIT)
    return {"year": year, "orders": orders_made, "requests": requests_made, "fund": settled.settlement.fund,
            "paid": settled.settlement.paid, "planned": PLANNED_PROFIT}
