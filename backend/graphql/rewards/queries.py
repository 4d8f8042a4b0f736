"""rewardCounter(employeeId, period), supportPool(regionCode, period), simulateOrder(input)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from graphql import GraphQLError

from backend.domain import org as org_rules
from backend.domain.access import Scope, Viewer
from backend.domain.errors import DomainError, ErrorCode
from backend.domain.periods import period_of
from backend.graphql.context import Info
from backend.graphql.errors import OperationError
from backend.graphql.explain_types import ExplainedMoney
from backend.graphql.ids import decode_id, encode_id
from backend.graphql.permissions import IsAuthenticated
from backend.graphql.rewards.mutations import RecordOrderInput, order_data
from backend.graphql.rewards.types import RewardCounter, SupportPool
from backend.graphql.scalars import DecimalNumber, Money
from backend.persistence.models import Region
from backend.services import clock, simulation
from backend.services.pools import pool_view
from backend.services.reward_counter import reward_counter


def can_read_rewards(viewer: Viewer) -> bool:
    """Counters and pools: every employee (figures of others read null), and partners reading rewards or pay."""
    return viewer.is_employee or viewer.has_scope(Scope.READ_REWARDS) or viewer.has_scope(Scope.READ_PAYROLL)


class CanReadRewards(IsAuthenticated):
    message = "Reward counters and pools are for employees and partners with read:rewards or read:payroll."

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return can_read_rewards(info.context.viewer)


def _period(value: str | None) -> str:
    if value is None:
        return period_of(clock.now(), clock.zone())
    try:
        return org_rules.clean_period(value)
    except DomainError as error:
        raise GraphQLError(error.message) from error


@strawberry.type
class SupporterChange:
    employee_pk: strawberry.Private[int]
    employee_id: strawberry.ID
    employee_no: str
    points: DecimalNumber  # type: ignore[valid-type]
    share_before: Money  # type: ignore[valid-type]
    share_after: Money  # type: ignore[valid-type]
    change: Money  # type: ignore[valid-type]


@strawberry.type(description="What the order would do; nothing is written.")
class OrderSimulation:
    pending: bool = strawberry.field(description="Blocked by a request: commission waits for its resolution.")
    period: str
    commission: ExplainedMoney
    accrual: ExplainedMoney
    net: ExplainedMoney
    net_commission_change: Money  # type: ignore[valid-type]
    pending_commission_change: Money  # type: ignore[valid-type]
    supporters: list[SupporterChange] = strawberry.field(description="Each backend employee sharing the region's "
                                                                     "pool: their share before and after.")
    carry_over_before: Money  # type: ignore[valid-type]
    carry_over_after: Money  # type: ignore[valid-type]


SimulateOrderResult = Annotated[OrderSimulation | OperationError, strawberry.union("SimulateOrderResult")]


@strawberry.type
class RewardsQuery:
    @strawberry.field(permission_classes=[CanReadRewards],
                      description="A person's reward counters for a period (default: the current one). Figures "
                                  "are visible to the person, HR and read:payroll partners; others read null.")
    async def reward_counter(self, info: Info, employee_id: strawberry.ID,
                             period: str | None = None) -> RewardCounter | None:
        try:
            pk = decode_id("Employee", employee_id, field="employeeId")
        except DomainError as error:
            raise GraphQLError(error.message) from error
        counter = await reward_counter(employee_id=pk, period=_period(period))
        return RewardCounter.of(counter) if counter is not None else None

    @strawberry.field(permission_classes=[CanReadRewards],
                      description="A region's support pool: what came in, each recipient's points and share.")
    async def support_pool(self, info: Info, region_code: str, period: str | None = None) -> SupportPool | None:
        try:
            code = org_rules.clean_code(region_code, field="regionCode")
        except DomainError as error:
            raise GraphQLError(error.message) from error
        region = await Region.filter(code=code).first()
        if region is None:
            return None
        return SupportPool.of(await pool_view(region=region, period=_period(period)))

    @strawberry.field(description="How a prospective order would change the counters; writes nothing. Open to "
                                  "whoever may record that order.")
    async def simulate_order(self, info: Info, input: RecordOrderInput) -> SimulateOrderResult:
        if not info.context.viewer.is_authenticated:
            return OperationError(code=ErrorCode.UNAUTHENTICATED, message=IsAuthenticated.message)
        data = order_data(input)
        if isinstance(data, OperationError):
            return data
        try:
            result = await simulation.simulate_order(actor=info.context.viewer, data=data)
        except DomainError as error:
            return OperationError.from_domain(error)
        return OrderSimulation(
            pending=result.pending, period=result.period, commission=ExplainedMoney.of(result.figures.commission),
            accrual=ExplainedMoney.of(result.figures.accrual), net=ExplainedMoney.of(result.figures.net),
            net_commission_change=result.net_change, pending_commission_change=result.pending_change,
            supporters=[SupporterChange(employee_pk=s.employee_id, employee_id=encode_id("Employee", s.employee_id),
                                        employee_no=s.employee_no, points=s.points, share_before=s.before,
                                        share_after=s.after, change=s.after - s.before) for s in result.supporters],
            carry_over_before=result.carry_over_before, carry_over_after=result.carry_over_after)
