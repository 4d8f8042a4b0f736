"""simulateOrder: what a prospective order would do to the caller's counter and to each supporter's pool share.
Reads only: the same checks as recordOrder, the pool as booked, the split recomputed with the new accrual."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from types import SimpleNamespace

from backend.domain.access import Viewer
from backend.domain.money import ZERO
from backend.domain.rewards import OrderFigures, Recipient, split_pool
from backend.services import clock
from backend.services.orders import OrderData, check_order, open_period_from
from backend.services.pools import pool_view


@dataclass(frozen=True, slots=True)
class SupporterChange:
    employee_id: int
    employee_no: str
    points: Decimal
    before: Decimal
    after: Decimal


@dataclass(frozen=True, slots=True)
class Simulation:
    pending: bool
    period: str
    figures: OrderFigures
    net_change: Decimal  # of the employee's net commission in `period` (zero while pending)
    pending_change: Decimal
    supporters: list[SupporterChange]
    carry_over_before: Decimal
    carry_over_after: Decimal


async def simulate_order(*, actor: Viewer, data: OrderData, at: datetime | None = None) -> Simulation:
    at = at or clock.now()
    reader = SimpleNamespace(actor=actor, connection=None)
    checked = await check_order(uow=reader, data=data, at=at, lock_request=False)  # type: ignore[arg-type]
    figures = checked.figures
    period = open_period_from(checked.occurred_period)
    pending = checked.blocking is not None
    view = await pool_view(region=checked.region, period=period)
    added = ZERO if pending else figures.accrual.value
    recipients = [Recipient(e, view.employee_nos[e], view.points[e]) for e in view.points]
    after = split_pool(pool=view.split.pool + added, recipients=recipients, region=view.region_code, period=period)
    supporters = [SupporterChange(employee_id=e, employee_no=view.employee_nos[e], points=view.points[e],
                                  before=view.split.shares[e].value if e in view.split.shares else ZERO,
                                  after=after.shares[e].value if e in after.shares else ZERO)
                  for e in sorted(view.points, key=lambda k: view.employee_nos[k])]
    return Simulation(pending=pending, period=period, figures=figures,
                      net_change=ZERO if pending else figures.net.value,
                      pending_change=figures.commission.value if pending else ZERO, supporters=supporters,
                      carry_over_before=view.split.carry_over.value, carry_over_after=after.carry_over.value)
