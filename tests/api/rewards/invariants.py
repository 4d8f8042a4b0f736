"""The ledger's invariants, recomputed from every entry and compared with the running totals (to the cent)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from backend.domain.rewards import Figure, OrderStatus
from backend.persistence.models import (
    EmployeeRewardTotal,
    LedgerEntry,
    Order,
    PoolPoints,
    RegionRewardTotal,
)

Z = Decimal("0.00")


async def assert_ledger_balances() -> dict[str, Decimal]:
    entries = await LedgerEntry.all().values("figure", "period", "employee_id", "region_id", "order_id", "amount")
    sums: dict[tuple[str, ...], Decimal] = defaultdict(lambda: Z)
    by_figure: dict[str, Decimal] = defaultdict(lambda: Z)
    per_order: dict[tuple[int, str], Decimal] = defaultdict(lambda: Z)
    for e in entries:
        amount, figure = Decimal(str(e["amount"])), Figure(e["figure"]).value
        by_figure[figure] += amount
        if figure in ("COMMISSION", "ACCRUAL", "POOL_SHARE"):
            sums[("employee", figure, str(e["employee_id"]), e["period"])] += amount
        sums[("region", figure, str(e["region_id"]), e["period"])] += amount
        if e["order_id"] and figure in ("COMMISSION", "ACCRUAL"):
            per_order[(e["order_id"], figure)] += amount

    net_total = Z
    for t in await EmployeeRewardTotal.all():
        key = (str(t.employee_id), t.period)
        assert t.commission == sums[("employee", "COMMISSION", *key)], ("commission", key)
        assert t.accrual == sums[("employee", "ACCRUAL", *key)], ("accrual", key)
        assert t.pool_share == sums[("employee", "POOL_SHARE", *key)], ("pool share", key)
        assert t.net == t.commission - t.accrual, ("net", key)
        net_total += t.net
    # Σ commission = Σ net + Σ accrual
    assert by_figure["COMMISSION"] == net_total + by_figure["ACCRUAL"]

    for pool in await RegionRewardTotal.all():
        key = (str(pool.region_id), pool.period)
        accrual, carry_in = sums[("region", "ACCRUAL", *key)], sums[("region", "CARRY_IN", *key)]
        shares, carry_over = sums[("region", "POOL_SHARE", *key)], sums[("region", "CARRY_OVER", *key)]
        assert (pool.accrual, pool.carry_in, pool.shares, pool.carry_over) == (accrual, carry_in, shares,
                                                                                carry_over), key
        # Σ accrual into a pool (with what arrived from the previous period) = Σ shares + carry-over
        assert accrual + carry_in == shares + carry_over, key
        points = await PoolPoints.filter(region_id=pool.region_id, period=pool.period)
        assert sum((p.share for p in points), Z) == shares, key
        if shares:
            assert any(p.points > 0 for p in points), key

    for order in await Order.all():
        commission, accrual = per_order[(order.id, "COMMISSION")], per_order[(order.id, "ACCRUAL")]
        if order.status is OrderStatus.CREDITED:
            assert (commission, accrual) == (order.commission, order.accrual), order.client_order_id
        else:
            assert (commission, accrual) == (Z, Z), order.client_order_id
    # Money never dropped: what came into every pool went to shares or still waits as carry-over.
    waiting = by_figure["CARRY_OVER"] - by_figure["CARRY_IN"]
    assert by_figure["ACCRUAL"] == by_figure["POOL_SHARE"] + waiting
    return dict(by_figure)
