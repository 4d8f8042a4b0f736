"""collaborationFund(year): the rules and the calculation are open to every employee; amounts per person follow
the pay rule (the person, HR, read:payroll)."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError

from backend.domain.access import Scope, Viewer
from backend.domain.errors import DomainError
from backend.graphql.context import Info
from backend.graphql.fund.types import CollaborationFund
from backend.graphql.permissions import IsAuthenticated
from backend.services import clock, fund


def can_read_fund(viewer: Viewer) -> bool:
    return viewer.is_employee or viewer.has_scope(Scope.READ_REWARDS) or viewer.has_scope(Scope.READ_PAYROLL)


class CanReadFund(IsAuthenticated):
    message = "The fund is for employees and partners with read:rewards or read:payroll."

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return can_read_fund(info.context.viewer)


@strawberry.type
class FundQuery:
    @strawberry.field(permission_classes=[CanReadFund],
                      description="The year's collaboration fund (default: last year): settled and frozen, or an "
                                  "estimate from HR's planned profit and the year so far.")
    async def collaboration_fund(self, info: Info, year: int | None = None) -> CollaborationFund:
        try:
            view = await fund.fund_view(year if year is not None else clock.today().year - 1)
        except DomainError as error:
            raise GraphQLError(error.message) from error
        return CollaborationFund.of(view, info.context.viewer)
