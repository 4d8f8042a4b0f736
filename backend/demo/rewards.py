"""Three months of demo orders through the order services: NEW and RENEWAL orders by the frontline, some blocked
by a support request still open (credited when it is resolved, here and now), a few cancelled (refund, bad
debt). Loaded after the support history, so the pools have their support points."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal

from backend.domain.errors import DomainError
from backend.domain.rewards import OrderType
from backend.domain.support import OPEN_STATUSES
from backend.persistence.models import Employee, SupportRequest
from backend.services import orders, support
from backend.services.uow import UnitOfWork

DAYS = 90
PER_DAY = 18
CUSTOMERS = ("幸福里小区", "滨江花园", "市第一中学", "人民医院", "工业园区管委会", "城东商业街", "县政务中心",
             "龙湖天街", "高铁站", "开发区酒店")


async def load_demo_rewards(uow: UnitOfWork, *, rng: random.Random, now: datetime, days: int = DAYS) -> dict[str, int]:
    frontline = await Employee.filter(department__kind="FRONTLINE", region_id__isnull=False,
                                      leave_date__isnull=True).using_db(uow.connection).select_related("region")
    counts = {"orders": 0, "pending": 0, "cancelled": 0, "credited_on_resolution": 0}
    recorded: list[int] = []
    start = now - timedelta(days=days)
    for day in range(days):
        for _ in range(rng.randint(PER_DAY - 5, PER_DAY + 5)):
            occurred = start + timedelta(days=day, hours=rng.uniform(1, 11))
            if occurred >= now:
                continue
            seller = rng.choice(frontline)
            renewal = rng.random() < 0.55
            amount = Decimal(rng.randrange(300, 8000) if renewal else rng.randrange(2000, 180000)) \
                + Decimal(rng.randrange(0, 100)) / 100
            try:
                result = await orders.record_order(uow=uow, at=occurred + timedelta(minutes=rng.randint(1, 90))
                                                   if occurred + timedelta(minutes=90) < now else now,
                                                   data=orders.OrderData(
                    client_order_id=f"demo-order-{counts['orders']:06d}", employee_id=seller.id,
                    region_code=seller.region.code, customer=rng.choice(CUSTOMERS),
                    type=OrderType.RENEWAL if renewal else OrderType.NEW, amount=amount, occurred_at=occurred))
            except DomainError:
                continue  # e.g. a seller transferred since: that day's assignment says another region
            counts["orders"] += 1
            recorded.append(result.order.id)
    # A few refunds and bad debts, some weeks after the order.
    for order_id in rng.sample(recorded, k=max(1, len(recorded) // 60)):
        await orders.cancel_order(uow=uow, order_id=order_id, reason=rng.choice(("客户退款", "坏账核销")), at=now)
        counts["cancelled"] += 1
    # Renewals saved by a fault fix: blocked by a request still open, half of them resolved now.
    open_requests = await SupportRequest.filter(status__in=list(OPEN_STATUSES)).using_db(uow.connection) \
        .order_by("-submitted_at").limit(12)
    for index, request in enumerate(open_requests):
        sellers = [e for e in frontline if e.region_id == request.region_id]
        if not sellers:
            continue
        seller = rng.choice(sellers)
        try:
            await orders.record_order(uow=uow, at=now, data=orders.OrderData(
                client_order_id=f"demo-blocked-{index:03d}", employee_id=seller.id, region_code=seller.region.code,
                customer=rng.choice(CUSTOMERS), type=OrderType.RENEWAL,
                amount=Decimal(rng.randrange(1000, 20000)), occurred_at=max(request.submitted_at, now -
                                                                            timedelta(days=3)),
                blocking_request_id=request.id))
        except DomainError:
            continue
        counts["pending"] += 1
        if index % 2 == 0 and request.assignee_id is not None and request.status.value == "IN_PROGRESS":
            await support.resolve_request(uow=uow, request_id=request.id, note="故障已修复，客户续费", at=now)
            counts["credited_on_resolution"] += 1
    return counts
