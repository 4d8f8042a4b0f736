"""supportRequestChanged: a department's queue, or one request (current state first), after each commit."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncGenerator

import strawberry
from graphql import GraphQLError

from backend.domain import org as org_rules
from backend.domain.events import SupportRequestChanged
from backend.domain.org import Role
from backend.graphql.context import Info
from backend.graphql.ids import decode_id
from backend.graphql.permissions import IsAuthenticated
from backend.graphql.support.nodes import request_node
from backend.graphql.support.types import SupportChangeAction, SupportRequestChangedEvent
from backend.persistence.models import Department
from backend.services import support


@strawberry.type
class SupportSubscription:
    @strawberry.subscription(permission_classes=[IsAuthenticated],
                             description="Give departmentCode for a backend queue, or requestId for one request.")
    async def support_request_changed(
        self, info: Info, department_code: str | None = None, request_id: strawberry.ID | None = None
    ) -> AsyncGenerator[SupportRequestChangedEvent, None]:
        viewer = info.context.viewer
        wanted_request = decode_id("SupportRequest", request_id, field="requestId") if request_id else None
        wanted_department: int | None = None
        if department_code:
            department = await Department.get_or_none(code=org_rules.clean_code(department_code,
                                                                               field="departmentCode"))
            if department is None:
                raise GraphQLError(f"no department with code {department_code!r}")
            if not (viewer.is_hr or viewer.department_id == department.id or viewer.has_role(Role.MANAGER)):
                raise GraphQLError("only the department's members, managers and HR follow its queue")
            wanted_department = department.id
        elif wanted_request is None:
            raise GraphQLError("give departmentCode or requestId")
        async with info.context.bus.subscribe(SupportRequestChanged.channel) as subscription:
            if wanted_request is not None:
                current = await support.get_request(viewer=viewer, request_id=wanted_request)
                if current is None:
                    raise GraphQLError("no such support request")
                node = await request_node(current, secret_key=info.context.settings.secret_key)
                yield SupportRequestChangedEvent(action=SupportChangeAction.CURRENT, sequence=current.timeline_length,
                                                 occurred_at=dt.datetime.now(dt.UTC), request=node)
            async for message in subscription:
                if wanted_request is not None and message["request_id"] != wanted_request:
                    continue
                if wanted_department is not None and message["department_id"] != wanted_department:
                    continue
                request = await support.get_request(viewer=viewer, request_id=message["request_id"])
                if request is None:
                    continue  # not within this viewer's scope
                info.context.renew_loaders()
                yield SupportRequestChangedEvent(
                    action=SupportChangeAction(message["action"]), sequence=message["sequence"],
                    occurred_at=dt.datetime.fromisoformat(message["occurred_at"]),
                    request=await request_node(request, secret_key=info.context.settings.secret_key))
