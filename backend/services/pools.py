"""Support pools (SPEC §5): a region's pool per period, split live among the backend employees with support
points from that region in the period; carried over to the region's next period while nobody qualifies.

Every event that changes a pool's money or its points rebalances it: the split is recomputed from the pool row
and its points rows (never from the orders, so the cost does not grow with them) and the difference from the
shares already booked is appended as POOL_SHARE entries (or CARRY_OVER/CARRY_IN). So at every commit, for each
pool: accruals + carry-in = Σ shares + carry-over.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from backend.domain.money import ZERO
from backend.domain.periods import period_of
from backend.domain.rewards import (
    EntryKind,
    Figure,
    PoolSplit,
    Recipient,
    deltas,
    next_period,
    previous_period,
    split_pool,
)
from backend.persistence.models import PoolPoints, Region, RegionRewardTotal, RequestPoints
from backend.services import clock
from backend.services.ledger import Booking


def current_period(at: datetime) -> str:
    return period_of(at, clock.zone())


async def rebalance(booking: Booking, *, region_id: int, period: str, kind: EntryKind = EntryKind.POOL_SHARE,
                    order_id: int | None = None, request_id: int | None = None) -> None:
    """Bring the booked shares of pool (region, period) to its split now; cascade a changed carry-over."""
    total = await booking.region(region_id, period)
    await _sync_carry_in(booking, total, region_id, period)
    rows = await PoolPoints.filter(region_id=region_id, period=period).using_db(booking.connection)
    rows.sort(key=lambda r: r.employee_id)
    split = split_pool(pool=total.accrual + total.carry_in, region=str(region_id), period=period,
                       recipients=[Recipient(r.employee_id, r.employee_no, r.points) for r in rows])
    target = {employee_id: share.value for employee_id, share in split.shares.items()}
    moves = deltas(target, {r.employee_id: r.share for r in rows})
    by_employee = {r.employee_id: r for r in rows}
    accounts = await booking.employees(list(moves), period) if moves else {}
    for employee_id in sorted(moves):
        amount = moves[employee_id]
        booking.entry(kind=kind, figure=Figure.POOL_SHARE, period=period, amount=amount, employee_id=employee_id,
                      region_id=region_id, order_id=order_id, request_id=request_id)
        by_employee[employee_id].share += amount
        accounts[employee_id].pool_share += amount
    if moves:
        await PoolPoints.bulk_update([by_employee[e] for e in moves], fields=["share"], using_db=booking.connection)
    total.shares = sum(target.values(), ZERO)
    total.points = split.total_points
    carried = split.carry_over.value - total.carry_over
    if carried:
        booking.entry(kind=EntryKind.CARRY_OVER, figure=Figure.CARRY_OVER, period=period, amount=carried,
                      region_id=region_id, order_id=order_id, request_id=request_id)
        total.carry_over = split.carry_over.value
        if period < current_period(booking.at):  # the next period is open already: the money arrives now
            await rebalance(booking, region_id=region_id, period=next_period(period), kind=kind,
                            order_id=order_id, request_id=request_id)


async def _sync_carry_in(booking: Booking, total: RegionRewardTotal, region_id: int, period: str) -> None:
    """What the previous period carries over arrives here once that period is over (read, not locked: a
    writer that changes it cascades into this period after us)."""
    previous = booking.held_region(region_id, previous_period(period)) or await RegionRewardTotal.filter(
        region_id=region_id, period=previous_period(period)).using_db(booking.connection).first()
    arriving = previous.carry_over if previous is not None else ZERO
    if arriving != total.carry_in:
        booking.entry(kind=EntryKind.CARRY_OVER, figure=Figure.CARRY_IN, period=period,
                      amount=arriving - total.carry_in, region_id=region_id)
        total.carry_in = arriving


async def move_points(booking: Booking, *, region_id: int, period: str, employee_id: int, employee_no: str,
                      delta: Decimal, request_id: int) -> None:
    """A request's points arrive in, change within or leave a pool; the pool is rebalanced."""
    await booking.region(region_id, period)  # the pool's lock first
    await PoolPoints.bulk_create([PoolPoints(region_id=region_id, period=period, employee_id=employee_id,
                                             employee_no=employee_no)], ignore_conflicts=True,
                                 using_db=booking.connection)
    row = await PoolPoints.filter(region_id=region_id, period=period, employee_id=employee_id) \
        .using_db(booking.connection).first()
    assert row is not None
    row.points += delta
    await row.save(using_db=booking.connection, update_fields=["points"])
    await rebalance(booking, region_id=region_id, period=period, request_id=request_id)
    # Everyone sharing the pool sees their points' weight change, even where no cent moved.
    sharing = await PoolPoints.filter(region_id=region_id, period=period).using_db(booking.connection) \
        .values_list("employee_id", flat=True)
    for member in sharing:
        booking.notify(int(str(member)), period)


# --- reads ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PoolView:
    region_code: str
    region_name: str
    period: str
    accrual: Decimal
    carry_in: Decimal
    split: PoolSplit
    points: dict[int, Decimal]
    employee_nos: dict[int, str]


async def pool_view(*, region: Region, period: str) -> PoolView:
    """The pool as booked: its money, every recipient's points and share (with explanations)."""
    total = await RegionRewardTotal.filter(region_id=region.id, period=period).first()
    accrual = total.accrual if total else ZERO
    carry_in = total.carry_in if total else ZERO
    rows = await PoolPoints.filter(region_id=region.id, period=period).order_by("employee_no")
    credits = await RequestPoints.filter(region_id=region.id, period=period).values("employee_id", "request_id")
    requests: dict[int, list[str]] = {}
    for credit in credits:
        requests.setdefault(credit["employee_id"], []).append(str(credit["request_id"]))
    split = split_pool(pool=accrual + carry_in, region=region.code, period=period, recipients=[
        Recipient(r.employee_id, r.employee_no, r.points, tuple(requests.get(r.employee_id, ()))) for r in rows])
    return PoolView(region_code=region.code, region_name=region.name, period=period, accrual=accrual,
                    carry_in=carry_in, split=split, points={r.employee_id: r.points for r in rows},
                    employee_nos={r.employee_id: r.employee_no for r in rows})
