"""GraphQL shapes of the collaboration fund: each region's gates, quota and sides, and every member's share."""

from __future__ import annotations

import datetime as dt
from enum import Enum

import strawberry

from backend.domain import access
from backend.domain import fund as rules
from backend.graphql.explain_types import ExplainedMoney, ExplainedNumber
from backend.graphql.ids import encode_id
from backend.graphql.permissions import pay_field
from backend.graphql.scalars import Money
from backend.services.fund import FundStatus as Status
from backend.services.fund import FundView

FundStatus = strawberry.enum(Status, name="FundStatus", description="SETTLED: frozen shares; ESTIMATE: from HR's "
                             "planned profit and the year so far; NO_PLAN: neither (see reason).")


@strawberry.enum(description="Which side of a region's quota a share comes from.")
class FundSide(Enum):
    FRONTLINE = "FRONTLINE"
    BACKEND = "BACKEND"


@strawberry.type(description="One member's share of one region's quota. The amount is visible to the person, HR "
                             "and read:payroll partners; others read null.")
class FundMemberShare:
    employee_pk: strawberry.Private[int]
    employee_id: strawberry.ID
    employee_no: str
    name: str
    side: FundSide
    share: ExplainedMoney | None = strawberry.field(extensions=[pay_field()])


@strawberry.type(description="A region over the fund's year: both gates with their figures, its quota and sides.")
class FundRegion:
    region_code: str
    qualifies: bool
    achievement: ExplainedNumber = strawberry.field(description="revenue ÷ Σ period targets of the year")
    achievement_met: bool
    satisfaction: ExplainedNumber = strawberry.field(description="mean rating × 20 of its rated requests")
    satisfaction_met: bool
    revenue_above_target: Money  # type: ignore[valid-type]
    quota: ExplainedMoney
    frontline: ExplainedMoney
    backend: ExplainedMoney
    members: list[FundMemberShare]


@strawberry.type(description="The collaboration reward fund of a year (SPEC §6.2).")
class CollaborationFund:
    year: int
    status: FundStatus  # type: ignore[valid-type]
    profit: Money | None = strawberry.field(  # type: ignore[valid-type]
        description="SETTLED: the actual profit; ESTIMATE: HR's planned profit")
    fund: ExplainedMoney | None
    retained: ExplainedMoney | None = strawberry.field(
        description="What is not paid: the whole fund when no region qualifies (it is not carried into next year)")
    rule_version: str | None
    settled_at: dt.datetime | None
    settled_by: str | None
    reason_zh: str
    reason_en: str
    regions: list[FundRegion]

    @classmethod
    def of(cls, view: FundView, viewer: access.Viewer) -> CollaborationFund:
        result = view.result
        return cls(year=view.year, status=view.status, profit=result.profit if result else None,
                   fund=ExplainedMoney.of(result.fund) if result else None,
                   retained=ExplainedMoney.of(result.retained) if result else None,
                   rule_version=result.rule_version if result else None, settled_at=view.settled_at,
                   settled_by=view.settled_by, reason_zh=view.reason_zh, reason_en=view.reason_en,
                   regions=[_region(r, view) for r in result.regions] if result else [])


def _region(region: rules.RegionResult, view: FundView) -> FundRegion:
    return FundRegion(
        region_code=region.code, qualifies=region.qualifies, achievement=ExplainedNumber.of(region.achievement),
        achievement_met=region.achievement_met, satisfaction=ExplainedNumber.of(region.satisfaction),
        satisfaction_met=region.satisfaction_met, revenue_above_target=region.excess,
        quota=ExplainedMoney.of(region.quota), frontline=ExplainedMoney.of(region.frontline),
        backend=ExplainedMoney.of(region.backend),
        members=[FundMemberShare(employee_pk=s.employee_id, employee_id=encode_id("Employee", s.employee_id),
                                 employee_no=s.employee_no, name=view.names.get(s.employee_id, ("", ""))[1],
                                 side=FundSide(s.side), share=ExplainedMoney.of(s.amount)) for s in region.shares])
