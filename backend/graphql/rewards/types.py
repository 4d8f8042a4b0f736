"""GraphQL types of orders, reward counters and support pools. Amounts are pay (SPEC §7): each money field of a
person reads null for a caller who may not see that person's pay."""

from __future__ import annotations

import datetime as dt
from enum import Enum

import strawberry
from strawberry import Private

from backend.domain import rewards
from backend.graphql.explain_types import ExplainedMoney, ExplainedNumber
from backend.graphql.ids import encode_id
from backend.graphql.permissions import pay_field
from backend.graphql.scalars import DecimalNumber, Money
from backend.persistence.models import Order
from backend.services.pools import PoolView
from backend.services.reward_counter import Counter

OrderTypeEnum = strawberry.enum(rewards.OrderType, name="OrderType")
OrderStatusEnum = strawberry.enum(rewards.OrderStatus, name="OrderStatus",
                                  description="PENDING: blocked by an open support request, credited in the "
                                              "period it is resolved in.")


def _explained(value: object) -> ExplainedMoney | None:
    return ExplainedMoney.of(value) if value is not None else None  # type: ignore[arg-type]


@strawberry.type(name="RewardOrder")
class OrderType:
    employee_pk: Private[int]
    id: strawberry.ID
    client_order_id: str
    employee_id: strawberry.ID
    region_code: str
    customer: str
    type: OrderTypeEnum  # type: ignore[valid-type]
    amount: Money  # type: ignore[valid-type]
    occurred_at: dt.datetime
    status: OrderStatusEnum  # type: ignore[valid-type]
    blocking_request_id: strawberry.ID | None
    credit_period: str | None = strawberry.field(description="The period the commission counts in; null while "
                                                             "pending.")
    rule_version: str
    cancelled_at: dt.datetime | None
    commission: ExplainedMoney | None = strawberry.field(extensions=[pay_field()])
    accrual: ExplainedMoney | None = strawberry.field(extensions=[pay_field()])
    net: ExplainedMoney | None = strawberry.field(extensions=[pay_field()])

    @classmethod
    def of(cls, order: Order, region_code: str) -> OrderType:
        f = rewards.figures_with(amount=order.amount, order_type=rewards.OrderType(order.type),
                                 rate=order.commission_rate, ratio=order.accrual_ratio, version=order.rule_version,
                                 order_ref=order.client_order_id)
        return cls(employee_pk=order.employee_id, id=encode_id("Order", order.id),
                   client_order_id=order.client_order_id, employee_id=encode_id("Employee", order.employee_id),
                   region_code=region_code, customer=order.customer, type=order.type, amount=order.amount,
                   occurred_at=order.occurred_at, status=order.status,
                   blocking_request_id=encode_id("SupportRequest", order.blocking_request_id)
                   if order.blocking_request_id else None, credit_period=order.credit_period,
                   rule_version=order.rule_version, cancelled_at=order.cancelled_at,
                   commission=ExplainedMoney.of(f.commission), accrual=ExplainedMoney.of(f.accrual),
                   net=ExplainedMoney.of(f.net))


@strawberry.type
class RewardTrendPoint:
    date: dt.date
    commission_net: Money  # type: ignore[valid-type]
    pool_contribution: Money  # type: ignore[valid-type]


@strawberry.enum
class EmployeeSide(str, Enum):
    FRONTLINE = "FRONTLINE"
    BACKEND = "BACKEND"


@strawberry.type(description="A person's reward counters for a period, each figure with its explanation. "
                             "Figures read null for callers who may not see this person's pay; the fund "
                             "estimates read null until they apply.")
class RewardCounter:
    employee_pk: Private[int]
    employee_id: strawberry.ID
    employee_no: str
    period: str
    rule_version: str = strawberry.field(description="The rule-set version in force now.")
    side: EmployeeSide
    commission_gross: ExplainedMoney | None = strawberry.field(extensions=[pay_field()])
    commission_accrued: ExplainedMoney | None = strawberry.field(extensions=[pay_field()])
    commission_net: ExplainedMoney | None = strawberry.field(extensions=[pay_field()])
    pending_commission: ExplainedMoney | None = strawberry.field(extensions=[pay_field()])
    pool_contribution: ExplainedMoney | None = strawberry.field(
        extensions=[pay_field()], description="The reward contribution value: own share of every open pool "
                                              "(zero, with the reason, for frontline staff).")
    performance_bonus: ExplainedMoney | None = strawberry.field(extensions=[pay_field()])
    linkage: ExplainedNumber | None = strawberry.field(extensions=[pay_field()])
    project_bonus: ExplainedMoney | None = strawberry.field(extensions=[pay_field()])
    fund_estimate: ExplainedMoney | None = strawberry.field(extensions=[pay_field()])
    trend: list[RewardTrendPoint] | None = strawberry.field(extensions=[pay_field()])

    @classmethod
    def of(cls, counter: Counter) -> RewardCounter:
        return cls(
            employee_pk=counter.employee_id, employee_id=encode_id("Employee", counter.employee_id),
            employee_no=counter.employee_no, period=counter.period, rule_version=counter.rule_version,
            side=EmployeeSide.BACKEND if counter.backend else EmployeeSide.FRONTLINE,
            commission_gross=ExplainedMoney.of(counter.commission_gross),
            commission_accrued=ExplainedMoney.of(counter.commission_accrued),
            commission_net=ExplainedMoney.of(counter.commission_net),
            pending_commission=ExplainedMoney.of(counter.pending_commission),
            pool_contribution=ExplainedMoney.of(counter.pool_contribution),
            performance_bonus=_explained(counter.performance_bonus),
            linkage=ExplainedNumber.of(counter.linkage) if counter.linkage is not None else None,
            project_bonus=_explained(counter.project_bonus), fund_estimate=_explained(counter.fund_estimate),
            trend=[RewardTrendPoint(date=p.day, commission_net=p.commission_net,
                                    pool_contribution=p.pool_contribution) for p in counter.trend])


@strawberry.type(description="One backend employee's points in a pool and the share they earn.")
class PoolRecipient:
    employee_pk: Private[int]
    employee_id: strawberry.ID
    employee_no: str
    points: DecimalNumber  # type: ignore[valid-type]
    share: ExplainedMoney | None = strawberry.field(extensions=[pay_field()])


@strawberry.type(description="A region's support pool for a period: what came in, who shares it and how.")
class SupportPool:
    region_code: str
    region_name: str
    period: str
    accrual: Money  # type: ignore[valid-type]
    carry_in: Money = strawberry.field(description="Carried over from the region's previous period.")  # type: ignore[valid-type]
    pool: Money  # type: ignore[valid-type]
    total_points: DecimalNumber  # type: ignore[valid-type]
    carry_over: ExplainedMoney = strawberry.field(description="The whole pool while nobody has support points "
                                                              "in it; it moves to the next period.")
    recipients: list[PoolRecipient]

    @classmethod
    def of(cls, view: PoolView) -> SupportPool:
        return cls(region_code=view.region_code, region_name=view.region_name, period=view.period,
                   accrual=view.accrual, carry_in=view.carry_in, pool=view.split.pool,
                   total_points=view.split.total_points, carry_over=ExplainedMoney.of(view.split.carry_over),
                   recipients=[PoolRecipient(employee_pk=e, employee_id=encode_id("Employee", e),
                                             employee_no=view.employee_nos[e], points=view.points[e],
                                             share=ExplainedMoney.of(share))
                               for e, share in sorted(view.split.shares.items(),
                                                      key=lambda item: view.employee_nos[item[0]])])
