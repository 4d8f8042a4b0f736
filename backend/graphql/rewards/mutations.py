"""recordOrder (idempotent by clientOrderId) and cancelOrder: employees per the rules, and the billing system
with a write:orders partner token — the only partner scope a mutation accepts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

import strawberry

from backend.graphql.context import Info
from backend.graphql.errors import OperationError
from backend.graphql.ids import decode_id
from backend.graphql.permissions import IsAuthenticated, MutationGuard
from backend.graphql.rewards.types import OrderType, OrderTypeEnum
from backend.graphql.run import checked, run_use_case
from backend.graphql.scalars import Money
from backend.persistence.models import Order, Region
from backend.services import orders


@strawberry.input
class RecordOrderInput:
    client_order_id: str = strawberry.field(description="The billing system's (or device's) id; resending is safe.")
    employee_id: strawberry.ID = strawberry.field(description="The frontline employee the order is credited to.")
    region_code: str
    customer: str
    type: OrderTypeEnum  # type: ignore[valid-type]
    amount: Money  # type: ignore[valid-type]
    occurred_at: dt.datetime = strawberry.field(description="When the order was made (with offset); not in the "
                                                            "future.")
    blocking_request_id: strawberry.ID | None = strawberry.field(
        default=None, description="An open support request of the same region that must be resolved first: the "
                                  "order stays PENDING until then.")


@strawberry.type
class RecordOrderSuccess:
    order: OrderType
    created: bool = strawberry.field(description="false when this was a resend of an earlier order")


@strawberry.type
class CancelOrderSuccess:
    order: OrderType


RecordOrderPayload = Annotated[RecordOrderSuccess | OperationError, strawberry.union("RecordOrderPayload")]
CancelOrderPayload = Annotated[CancelOrderSuccess | OperationError, strawberry.union("CancelOrderPayload")]

GUARD = [MutationGuard(IsAuthenticated, orders=True)]


def order_data(input: RecordOrderInput) -> orders.OrderData | OperationError:
    def build() -> orders.OrderData:
        return orders.OrderData(
            client_order_id=input.client_order_id,
            employee_id=decode_id("Employee", input.employee_id, field="employeeId"),
            region_code=input.region_code, customer=input.customer, type=input.type, amount=Decimal(input.amount),
            occurred_at=input.occurred_at,
            blocking_request_id=decode_id("SupportRequest", input.blocking_request_id, field="blockingRequestId")
            if input.blocking_request_id else None)
    return checked(build)


async def order_node(order: Order) -> OrderType:
    code = await Region.filter(id=order.region_id).first().values_list("code", flat=True)
    return OrderType.of(order, str(code))


@strawberry.type
class RewardsMutation:
    @strawberry.mutation(extensions=GUARD, description="Record an order: the frontline employee for themself, "
                                                       "managers and HR for anyone, the billing system (partner "
                                                       "token with write:orders).")
    async def record_order(self, info: Info, input: RecordOrderInput) -> RecordOrderPayload:
        data = order_data(input)
        if isinstance(data, OperationError):
            return data
        result = await run_use_case(info.context, orders.record_order, data=data)
        if isinstance(result, OperationError):
            return result
        return RecordOrderSuccess(order=await order_node(result.order), created=result.created)

    @strawberry.mutation(extensions=GUARD, description="Cancel an order (refund, bad debt): its commission and "
                                                       "accrual are reversed by new entries, never edited.")
    async def cancel_order(self, info: Info, id: strawberry.ID, reason: str) -> CancelOrderPayload:
        pk = checked(lambda: decode_id("Order", id))
        if isinstance(pk, OperationError):
            return pk
        result = await run_use_case(info.context, orders.cancel_order, order_id=pk, reason=reason)
        if isinstance(result, OperationError):
            return result
        return CancelOrderSuccess(order=await order_node(result))
