"""What a support transition does to the rewards ledger, in the transition's own unit of work (SPEC §2, §5):

- RESOLVE: the request's support points join its region's pool for the resolution's period (credited to its
  assignee), and every PENDING order it blocked becomes commission in that period;
- CONFIRM (rated): the points are judged again with the rating, the pool rebalanced;
- REOPEN: the points leave the pool (a later resolution brings them back, in its own period). Orders already
  credited stay credited: the fix that saved them happened, and a reversal is a cancellation's business.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from backend.domain.periods import period_of
from backend.domain.rewards import OrderStatus
from backend.domain.support import Action
from backend.persistence.models import Employee, Order, RequestPoints, SupportRequest
from backend.services import clock
from backend.services.ledger import new_booking
from backend.services.orders import credit_pending, open_period_from
from backend.services.pools import move_points
from backend.services.rulesets import rules_named
from backend.services.uow import UnitOfWork


async def after_transition(uow: UnitOfWork, request: SupportRequest, action: Action, at: datetime) -> None:
    if action not in (Action.RESOLVE, Action.CONFIRM, Action.REOPEN) or request.assignee_id is None:
        return
    cause = "ORDER_CREDITED" if action is Action.RESOLVE else "POINTS_MOVED"
    booking = new_booking(uow, cause, at)
    credit = await RequestPoints.filter(request_id=request.id).using_db(uow.connection).first()
    employee_no = await _employee_no(uow, request.assignee_id)
    if action is Action.REOPEN:
        if credit is not None:
            await move_points(booking, region_id=credit.region_id, period=credit.period,
                              employee_id=credit.employee_id, employee_no=employee_no, delta=-credit.points,
                              request_id=request.id)
            await credit.delete(using_db=uow.connection)
    else:
        period = credit.period if credit is not None else period_of(at, clock.zone())
        points, version = await _points(request, at)
        if credit is None:
            credit = RequestPoints(request_id=request.id, region_id=request.region_id, period=period,
                                   employee_id=request.assignee_id, points=Decimal(0), rule_version=version)
        delta = points - credit.points
        credit.points, credit.rule_version = points, version
        await credit.save(using_db=uow.connection)
        if delta:
            await move_points(booking, region_id=credit.region_id, period=credit.period,
                              employee_id=credit.employee_id, employee_no=employee_no, delta=delta,
                              request_id=request.id)
        if action is Action.RESOLVE:
            blocked = await Order.filter(blocking_request_id=request.id, status=OrderStatus.PENDING) \
                .using_db(uow.connection).select_for_update().order_by("id")
            for order in blocked:
                await credit_pending(booking, order, open_period_from(period))
    await booking.flush()
    if booking.touched:
        await uow.audit(action=f"pool.{action.value.lower()}", entity="support_request", entity_id=request.id,
                        after={"points": credit.points if credit is not None else 0,
                               "period": credit.period if credit is not None else None})


async def _points(request: SupportRequest, at: datetime) -> tuple[Decimal, str]:
    from backend.services.support import figures_of  # support imports this module: resolve at call time

    # Judged by the version the request names (in force at its submission), as its page and the scorecards are.
    rules = await rules_named(request.rule_version)
    points = figures_of(request, now=at, rules_in_force=rules).support_points
    return (points if points is not None else Decimal(0)), rules.version


async def _employee_no(uow: UnitOfWork, employee_id: int) -> str:
    row = await Employee.filter(id=employee_id).using_db(uow.connection).first().values("employee_no")
    return str(row["employee_no"]) if row else ""
