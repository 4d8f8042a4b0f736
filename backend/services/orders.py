"""Orders (SPEC §5): record (idempotent by client order id), credit, cancel — each as ledger entries and running
totals in the caller's unit of work, with an audit entry."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from backend.domain import org as org_rules
from backend.domain.access import Scope, Viewer, ViewerKind
from backend.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from backend.domain.org import DepartmentKind, Role
from backend.domain.periods import period_of
from backend.domain.rewards import (
    EntryKind,
    Figure,
    OrderFigures,
    OrderStatus,
    OrderType,
    check_amount,
    check_not_future,
    next_period,
    order_figures,
    rate_for,
)
from backend.domain.support import OPEN_STATUSES
from backend.persistence.models import (
    Employee,
    EmployeeRewardTotal,
    LedgerEntry,
    Order,
    Region,
    RegionRewardTotal,
    SupportRequest,
)
from backend.services import clock
from backend.services.ledger import Booking, new_booking
from backend.services.org import assignment_history
from backend.services.pools import rebalance
from backend.services.rulesets import rules_at
from backend.services.uow import UnitOfWork

MAX_CLIENT_ID = 64
MAX_CUSTOMER = 200
MAX_REASON = 2000


def is_period_open(period: str) -> bool:
    """Whether money may still land in `period`. True until payroll locks periods (SPEC §8): the seam a
    reversal of a locked period goes through to land in the next open one."""
    return True


def open_period_from(period: str) -> str:
    while not is_period_open(period):
        period = next_period(period)
    return period


# --- who may record -------------------------------------------------------------------------------------


def may_write_orders(actor: Viewer, employee_id: int) -> bool:
    """The frontline employee for themself, managers and HR for anyone, the billing system (write:orders)."""
    if actor.kind is ViewerKind.SYSTEM or actor.is_hr or actor.has_scope(Scope.WRITE_ORDERS):
        return True
    return actor.is_employee and (actor.employee_id == employee_id or actor.has_role(Role.MANAGER))


# --- record ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrderData:
    client_order_id: str
    employee_id: int
    region_code: str
    customer: str
    type: OrderType
    amount: Decimal
    occurred_at: datetime
    blocking_request_id: int | None = None


@dataclass(frozen=True, slots=True)
class Recorded:
    order: Order
    created: bool


def clean_client_id(value: str) -> str:
    text = org_rules.clean_text(value, field="clientOrderId", max_length=MAX_CLIENT_ID)
    if any(ch.isspace() for ch in text):
        raise ValidationError("clientOrderId must not contain spaces", field="clientOrderId")
    return text


@dataclass(frozen=True, slots=True)
class Checked:
    """An order that passed every rule, with its figures, before anything is written."""

    employee: Employee
    region: Region
    department_id: int
    blocking: SupportRequest | None
    figures: OrderFigures
    rule_version: str
    rate: Decimal
    ratio: Decimal
    amount: Decimal
    occurred_period: str


async def check_order(*, uow: UnitOfWork, data: OrderData, at: datetime, lock_request: bool = True) -> Checked:
    """Every rule of recordOrder (also used by simulateOrder, which writes nothing)."""
    if not may_write_orders(uow.actor, data.employee_id):
        raise PermissionDenied("only the frontline employee themself, a manager, HR or the billing system "
                               "(write:orders) records orders")
    check_not_future(data.occurred_at, at)
    employee = await Employee.filter(id=data.employee_id).using_db(uow.connection).first()
    if employee is None:
        raise NotFound("no such employee", field="employeeId")
    region = await Region.filter(code=org_rules.clean_code(data.region_code, field="regionCode")) \
        .using_db(uow.connection).first()
    if region is None:
        raise NotFound(f"no region with code {data.region_code!r}", field="regionCode")
    day = clock.local_date(data.occurred_at)
    history = await assignment_history(employee.id, connection=uow.connection)
    assignment = org_rules.assignment_on(history, day, hire_date=employee.hire_date, leave_date=employee.leave_date)
    if assignment is None:
        raise ValidationError(f"{employee.employee_no} was not employed on {day}", field="employeeId")
    if assignment.department_kind is not DepartmentKind.FRONTLINE or assignment.region_id != region.id:
        raise ValidationError(f"{employee.employee_no} was not frontline staff of region {region.code} on {day}",
                              field="employeeId")
    rules = await rules_at(data.occurred_at, connection=uow.connection)
    amount = check_amount(data.amount, rules)
    blocking = None
    if data.blocking_request_id is not None:
        query = SupportRequest.filter(id=data.blocking_request_id).using_db(uow.connection)
        # Locked: a resolution committing meanwhile would otherwise miss this order and leave it pending.
        blocking = await (query.select_for_update() if lock_request else query).first()
        if blocking is None:
            raise NotFound("no such support request", field="blockingRequestId")
        if blocking.region_id != region.id:
            raise ValidationError("the blocking request belongs to another region", field="blockingRequestId")
        if blocking.status not in OPEN_STATUSES:
            raise ValidationError(f"the blocking request is {blocking.status.value.lower()}, not open",
                                  field="blockingRequestId")
    figures = order_figures(amount=amount, order_type=data.type, rules=rules,
                            order_ref=data.client_order_id)
    return Checked(employee=employee, region=region, department_id=assignment.department_id, blocking=blocking,
                   figures=figures, rule_version=rules.version, rate=rate_for(data.type, rules),
                   ratio=rules.accrual_ratio, amount=amount, occurred_period=period_of(data.occurred_at, clock.zone()))


async def record_order(*, uow: UnitOfWork, data: OrderData, at: datetime | None = None) -> Recorded:
    """Idempotent by client order id: a resend returns the first order and books nothing."""
    at = at or clock.now()
    client_id = clean_client_id(data.client_order_id)
    existing = await Order.filter(client_order_id=client_id).using_db(uow.connection).first()
    if existing is not None:
        return _resent(existing, data.employee_id)
    checked = await check_order(uow=uow, data=data, at=at)
    nonce = secrets.token_hex(16)
    pending = checked.blocking is not None
    figures = checked.figures
    # INSERT … ON CONFLICT DO NOTHING: of concurrent resends exactly one row wins; the nonce tells it apart.
    await Order.bulk_create([Order(
        client_order_id=client_id, employee_id=checked.employee.id, region_id=checked.region.id,
        department_id=checked.department_id,
        customer=org_rules.clean_text(data.customer, field="customer", max_length=MAX_CUSTOMER),
        type=data.type, amount=checked.amount, occurred_at=data.occurred_at, occurred_period=checked.occurred_period,
        status=OrderStatus.PENDING if pending else OrderStatus.CREDITED,
        blocking_request_id=checked.blocking.id if checked.blocking else None,
        credit_period=None if pending else checked.occurred_period, credited_at=None if pending else at,
        rule_version=checked.rule_version, commission_rate=checked.rate, accrual_ratio=checked.ratio,
        commission=figures.commission.value, accrual=figures.accrual.value, net=figures.net.value,
        recorded_by=uow.actor.label, recorded_at=at, nonce=nonce)], ignore_conflicts=True, using_db=uow.connection)
    order = await Order.filter(client_order_id=client_id).using_db(uow.connection).first()
    if order is None:  # pragma: no cover - inserted or already there
        raise Conflict("the order could not be stored; retry")
    if order.nonce != nonce:
        return _resent(order, data.employee_id)
    booking = new_booking(uow, "ORDER_RECORDED", at)
    if pending:
        account = await booking.employee(order.employee_id, order.occurred_period)
        account.pending_commission += order.commission
        account.pending_orders += 1
    else:
        await credit(booking, order, order.occurred_period)
    await booking.flush()
    await uow.audit(action="order.record", entity="order", entity_id=order.id, after=order_snapshot(order))
    return Recorded(order=order, created=True)


def _resent(existing: Order, employee_id: int) -> Recorded:
    if existing.employee_id != employee_id:
        raise Conflict("this clientOrderId was already used for another person's order", field="clientOrderId")
    return Recorded(order=existing, created=False)


def order_snapshot(order: Order) -> dict[str, object]:
    return {"clientOrderId": order.client_order_id, "employeeId": order.employee_id, "regionId": order.region_id,
            "type": order.type.value, "amount": order.amount, "status": order.status.value,
            "occurredAt": order.occurred_at.isoformat(), "creditPeriod": order.credit_period,
            "ruleVersion": order.rule_version, "commission": order.commission, "accrual": order.accrual,
            "net": order.net, "blockingRequestId": order.blocking_request_id}


async def credit(booking: Booking, order: Order, period: str) -> None:
    """Book a credited order's commission (employee) and accrual (the region's pool) in `period`."""
    pool = await booking.region(order.region_id, period)
    booking.entry(kind=EntryKind.COMMISSION, figure=Figure.COMMISSION, period=period, amount=order.commission,
                  employee_id=order.employee_id, region_id=order.region_id, order_id=order.id,
                  request_id=order.blocking_request_id, rule_version=order.rule_version)
    booking.entry(kind=EntryKind.ACCRUAL, figure=Figure.ACCRUAL, period=period, amount=order.accrual,
                  employee_id=order.employee_id, region_id=order.region_id, order_id=order.id,
                  request_id=order.blocking_request_id, rule_version=order.rule_version)
    _move_region(pool, order, 1)
    account = await booking.employee(order.employee_id, period)
    _move_account(account, order, 1)
    await rebalance(booking, region_id=order.region_id, period=period, order_id=order.id)


def _move_region(pool: RegionRewardTotal, order: Order, sign: int) -> None:
    pool.revenue += sign * order.amount
    pool.commission += sign * order.commission
    pool.accrual += sign * order.accrual
    pool.credited_orders += sign


def _move_account(account: EmployeeRewardTotal, order: Order, sign: int) -> None:
    account.commission += sign * order.commission
    account.accrual += sign * order.accrual
    account.net += sign * order.net
    account.revenue += sign * order.amount
    account.credited_orders += sign


async def credit_pending(booking: Booking, order: Order, period: str) -> None:
    """A blocking request was resolved: the pending order becomes commission in the resolution's period."""
    account = await booking.employee(order.employee_id, order.occurred_period)
    account.pending_commission -= order.commission
    account.pending_orders -= 1
    before = order_snapshot(order)
    order.status = OrderStatus.CREDITED
    order.credit_period = period
    order.credited_at = booking.at
    await order.save(using_db=booking.connection, update_fields=["status", "credit_period", "credited_at"])
    await credit(booking, order, period)
    await booking.uow.audit(action="order.credit", entity="order", entity_id=order.id, before=before,
                            after=order_snapshot(order))


# --- cancel ---------------------------------------------------------------------------------------------


async def cancel_order(*, uow: UnitOfWork, order_id: int, reason: str, at: datetime | None = None) -> Order:
    """Refund or bad debt: reversing entries for the commission and the accrual (and so the pool shares it
    paid), never an edit; in a locked period they land as adjustments in the next open one."""
    at = at or clock.now()
    text = org_rules.clean_text(reason, field="reason", max_length=MAX_REASON)
    order = await Order.filter(id=order_id).using_db(uow.connection).select_for_update().first()
    if order is None or not may_write_orders(uow.actor, order.employee_id):
        raise NotFound("no such order", field="id")
    if order.status is OrderStatus.CANCELLED:
        return order  # a resent cancellation: already done, nothing more to reverse
    before = order_snapshot(order)
    booking = new_booking(uow, "ORDER_CANCELLED", at)
    if order.status is OrderStatus.PENDING:
        account = await booking.employee(order.employee_id, order.occurred_period)
        account.pending_commission -= order.commission
        account.pending_orders -= 1
    else:
        await _reverse(booking, order)
    order.status = OrderStatus.CANCELLED
    order.cancelled_at = at
    order.cancel_reason = text
    await order.save(using_db=uow.connection, update_fields=["status", "cancelled_at", "cancel_reason"])
    await booking.flush()
    await uow.audit(action="order.cancel", entity="order", entity_id=order.id, before=before,
                    after={**order_snapshot(order), "reason": text})
    return order


async def _reverse(booking: Booking, order: Order) -> None:
    assert order.credit_period is not None
    period = open_period_from(order.credit_period)
    kind = EntryKind.REVERSAL if period == order.credit_period else EntryKind.ADJUSTMENT
    originals = await LedgerEntry.filter(order_id=order.id, kind__in=[EntryKind.COMMISSION, EntryKind.ACCRUAL]) \
        .using_db(booking.connection)
    pool = await booking.region(order.region_id, period)
    for original in originals:
        booking.entry(kind=kind, figure=original.figure, period=period, amount=-original.amount,
                      employee_id=original.employee_id, region_id=original.region_id, order_id=order.id,
                      reverses_id=original.id, rule_version=original.rule_version)
    _move_region(pool, order, -1)
    account = await booking.employee(order.employee_id, period)
    _move_account(account, order, -1)
    await rebalance(booking, region_id=order.region_id, period=period, kind=kind, order_id=order.id)
