"""settleCollaborationFund(year, profit) and setPlannedProfit(year, profit): HR, one use case each."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry

from backend.graphql.context import Info
from backend.graphql.errors import OperationError
from backend.graphql.fund.types import CollaborationFund
from backend.graphql.permissions import IsHR, MutationGuard
from backend.graphql.run import run_use_case
from backend.graphql.scalars import Money
from backend.services import fund


@strawberry.type
class SettleFundSuccess:
    created: bool = strawberry.field(description="false: the year was already settled with this profit; "
                                                 "nothing was written")
    fund: CollaborationFund


@strawberry.type
class PlannedProfitSuccess:
    year: int
    planned_profit: Money  # type: ignore[valid-type]
    updated_at: dt.datetime
    fund: CollaborationFund = strawberry.field(description="The estimate it now gives")


SettleFundPayload = Annotated[SettleFundSuccess | OperationError, strawberry.union("SettleFundPayload")]
PlannedProfitPayload = Annotated[PlannedProfitSuccess | OperationError, strawberry.union("PlannedProfitPayload")]


@strawberry.type
class FundMutation:
    @strawberry.mutation(extensions=[MutationGuard(IsHR)],
                         description="Settle a finished year's collaboration fund on its actual profit (HR): "
                                     "gates, quotas and members' shares frozen with their explanations. Again with "
                                     "the same profit it returns the settlement (created: false); with another "
                                     "profit it is refused (CONFLICT). Nothing changes a settled year.")
    async def settle_collaboration_fund(self, info: Info, year: int, profit: Money) -> SettleFundPayload:  # type: ignore[valid-type]
        result = await run_use_case(info.context, fund.settle_collaboration_fund, year=year, profit=profit)
        if isinstance(result, OperationError):
            return result
        return SettleFundSuccess(created=result.created,
                                 fund=CollaborationFund.of(await fund.fund_view(year), info.context.viewer))

    @strawberry.mutation(extensions=[MutationGuard(IsHR)],
                         description="Set the year's planned profit (HR): the counters' fund estimate until the "
                                     "year is settled.")
    async def set_planned_profit(self, info: Info, year: int, profit: Money) -> PlannedProfitPayload:  # type: ignore[valid-type]
        result = await run_use_case(info.context, fund.set_planned_profit, year=year, profit=profit)
        if isinstance(result, OperationError):
            return result
        await fund.announce(info.context.bus, year)  # after the commit: open counters show the new estimate
        return PlannedProfitSuccess(year=result.year, planned_profit=result.planned_profit,
                                    updated_at=result.updated_at,
                                    fund=CollaborationFund.of(await fund.fund_view(year), info.context.viewer))
