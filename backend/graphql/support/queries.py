"""supportRequests (cursor pages, filters), supportRequest(id), bottlenecks(period)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from graphql import GraphQLError

from backend.domain.access import Scope
from backend.domain.errors import DomainError
from backend.domain.org import Role
from backend.graphql.context import Info
from backend.graphql.ids import decode_id
from backend.graphql.permissions import IsAuthenticated
from backend.graphql.support.analytics_types import (
    BottleneckReport,
    BottleneckType,
    DepartmentLoad,
    DepartmentRegionLoad,
    RegionLoad,
    SupportStats,
)
from backend.graphql.support.nodes import included_from, request_nodes
from backend.graphql.support.types import (
    PriorityEnum,
    StatusEnum,
    SupportRequestConnection,
    SupportRequestEdge,
    SupportRequestPageInfo,
    SupportRequestType,
)
from backend.services import support

MAX_PAGE_SIZE = 200


class CanReadAnalytics(IsAuthenticated):
    message = "Collaboration analytics are for managers, HR and partners with read:support."

    def has_permission(self, source: object, info: Info, **kwargs: object) -> bool:  # type: ignore[override]
        viewer = info.context.viewer
        return viewer.is_hr or viewer.has_role(Role.MANAGER) or viewer.has_scope(Scope.READ_SUPPORT)


@strawberry.type
class SupportQuery:
    @strawberry.field(permission_classes=[IsAuthenticated],
                      description=f"Requests the viewer may read, newest first (first ≤ {MAX_PAGE_SIZE}).")
    async def support_requests(
        self, info: Info, first: int = 50, after: str | None = None, status: StatusEnum | None = None,  # type: ignore[valid-type]
        priority: PriorityEnum | None = None, region_code: str | None = None,  # type: ignore[valid-type]
        department_code: str | None = None, assignee_id: strawberry.ID | None = None,
        breached: bool | None = None, period: str | None = None,
        unassigned: Annotated[bool | None, strawberry.argument(
            description="true: nobody has accepted it yet; false: someone has")] = None,
        search: Annotated[str | None, strawberry.argument(description="Words of the title, any case")] = None,
    ) -> SupportRequestConnection:
        if not 1 <= first <= MAX_PAGE_SIZE:
            raise GraphQLError(f"first must be between 1 and {MAX_PAGE_SIZE}")
        page = await support.list_requests(
            viewer=info.context.viewer, first=first,
            after_id=decode_id("SupportRequest", after, field="after") if after else None,
            filters=support.RequestFilters(
                status=status, priority=priority, region_code=region_code, department_code=department_code,
                assignee_id=decode_id("Employee", assignee_id, field="assigneeId") if assignee_id else None,
                breached=breached, period=period, unassigned=unassigned, search=search),
            zone=info.context.settings.timezone)
        nodes = await request_nodes(page.rows, secret_key=info.context.settings.secret_key,
                                    include=included_from(info))
        edges = [SupportRequestEdge(cursor=node.id, node=node) for node in nodes]
        return SupportRequestConnection(edges=edges, page_info=SupportRequestPageInfo(
            has_next_page=page.has_next_page, end_cursor=edges[-1].cursor if edges else None))

    @strawberry.field(permission_classes=[IsAuthenticated])
    async def support_request(self, info: Info, id: strawberry.ID) -> SupportRequestType | None:
        try:
            pk = decode_id("SupportRequest", id)
        except DomainError:
            return None
        row = await support.read_request(viewer=info.context.viewer, request_id=pk)
        if row is None:
            return None
        return (await request_nodes([row], secret_key=info.context.settings.secret_key,
                                    include=included_from(info)))[0]

    @strawberry.field(permission_classes=[CanReadAnalytics],
                      description="Where support is a bottleneck in a period (YYYY-MM), with the figures behind it.")
    async def bottlenecks(self, info: Info, period: str) -> BottleneckReport:
        analysis = await support.bottlenecks(period=period, zone=info.context.settings.timezone)
        report = analysis.report
        return BottleneckReport(
            period=analysis.period, as_of=analysis.as_of, rule_version=analysis.rule_version,
            departments=[DepartmentLoad(department_pk=d, stats=SupportStats.of(s))
                         for d, s in report.departments.items()],
            cells=[DepartmentRegionLoad(department_pk=d, region_pk=r, stats=SupportStats.of(s))
                   for (d, r), s in report.cells.items()],
            regions=[RegionLoad(region_pk=r, stats=SupportStats.of(s)) for r, s in report.regions.items()],
            bottlenecks=[BottleneckType.of(b) for b in report.bottlenecks],
        )
