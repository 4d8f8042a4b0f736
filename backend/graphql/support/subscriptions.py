"""supportRequestChanged: a department's queue, or one request (current state first), after each commit.

Built on the fan-out (graphql/live.py): each change is read and built once per process, then sent to every
subscriber who may read the request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncGenerator
from typing import Any

import strawberry
from graphql import GraphQLError

from backend.domain import org as org_rules
from backend.domain.access import Scope, Viewer
from backend.domain.events import support_queue_channel, support_request_channel
from backend.domain.org import Role
from backend.events.fanout import Delivery, Shared
from backend.graphql.context import Info
from backend.graphql.ids import decode_id
from backend.graphql.live import listen
from backend.graphql.permissions import IsAuthenticated
from backend.graphql.support.nodes import request_node
from backend.graphql.support.types import SupportChangeAction, SupportRequestChangedEvent
from backend.persistence.models import Department, SupportRequest
from backend.services import support

RESYNC_MESSAGE = "Live updates were interrupted and changes may have been missed: subscribe again."


def _may_follow_queue(viewer: Viewer, department_id: int) -> bool:
    return (viewer.is_hr or viewer.department_id == department_id or viewer.has_role(Role.MANAGER)
            or viewer.has_scope(Scope.READ_SUPPORT))


async def _current(request_id: int, secret_key: str) -> Shared[SupportRequestChangedEvent] | None:
    row = await SupportRequest.get_or_none(id=request_id)
    if row is None:
        return None
    return Shared(SupportRequestChangedEvent(
        action=SupportChangeAction.CURRENT, sequence=row.timeline_length, occurred_at=dt.datetime.now(dt.UTC),
        request=await request_node(row, secret_key=secret_key)), meta=row)


async def _changed(message: dict[str, Any], secret_key: str) -> Shared[SupportRequestChangedEvent | None]:
    row = await SupportRequest.get_or_none(id=message["request_id"])
    if row is None:
        return Shared(None)
    return Shared(SupportRequestChangedEvent(
        action=SupportChangeAction(message["action"]), sequence=message["sequence"],
        occurred_at=dt.datetime.fromisoformat(message["occurred_at"]),
        request=await request_node(row, secret_key=secret_key)), meta=row)


@strawberry.type
class SupportSubscription:
    @strawberry.subscription(permission_classes=[IsAuthenticated],
                             description="Give departmentCode for a backend queue, or requestId for one request "
                                         "(its current state first, and again after an interruption).")
    async def support_request_changed(
        self, info: Info, department_code: str | None = None, request_id: strawberry.ID | None = None
    ) -> AsyncGenerator[SupportRequestChangedEvent, None]:
        viewer = info.context.viewer
        secret_key = info.context.settings.secret_key
        if request_id:
            wanted = decode_id("SupportRequest", request_id, field="requestId")
            channel = support_request_channel(wanted)
        elif department_code:
            department = await Department.get_or_none(code=org_rules.clean_code(department_code,
                                                                               field="departmentCode"))
            if department is None:
                raise GraphQLError(f"no department with code {department_code!r}")
            if not _may_follow_queue(viewer, department.id):
                raise GraphQLError("only the department's members, managers, HR and read:support partners follow "
                                   "its queue")
            wanted, channel = None, support_queue_channel(department.id)
        else:
            raise GraphQLError("give departmentCode or requestId")

        async with listen(info, channel, prepare=lambda message, _: _changed(message, secret_key)) as listener:
            if wanted is not None:
                current = await listener.topic.once("current", lambda: _current(wanted, secret_key))
                if current is None or not support.can_read(info.context.principal, current.meta):
                    raise GraphQLError("no such support request")
                yield current  # type: ignore[misc]  # a Shared value: executed once for all (graphql/live.py)
            delivery: Delivery
            async for delivery in listener:
                if delivery.resync:
                    if wanted is None:
                        raise GraphQLError(RESYNC_MESSAGE)
                    current = await listener.topic.once("current", lambda: _current(wanted, secret_key))
                    if current is None:
                        return
                    yield current  # type: ignore[misc]
                    continue
                change = delivery.prepared
                # The viewer as it is now: a change of department or roles takes effect on the next event.
                if change.value is None or not support.can_read(info.context.principal, change.meta):
                    continue  # gone, or not within this viewer's scope
                yield change  # type: ignore[misc]
