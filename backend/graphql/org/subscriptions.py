"""employeeChanged: hire, transfer and leave pushed to subscribers after commit."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncGenerator
from enum import Enum
from typing import Any

import strawberry

from backend.domain.events import EMPLOYEES_CHANNEL, employee_channel
from backend.events.fanout import Shared
from backend.graphql.context import Info
from backend.graphql.ids import decode_id
from backend.graphql.live import listen
from backend.graphql.org.types import EmployeeType, employee_node
from backend.graphql.permissions import CanReadDirectory


@strawberry.enum(description="CURRENT is the state sent first to a subscriber of one employee; then changes.")
class EmployeeChangeKind(str, Enum):
    CURRENT = "CURRENT"
    HIRED = "HIRED"
    TRANSFERRED = "TRANSFERRED"
    LEFT = "LEFT"
    UPDATED = "UPDATED"


@strawberry.type
class EmployeeChangedEvent:
    kind: EmployeeChangeKind
    occurred_at: dt.datetime
    employee: EmployeeType


async def _current(employee_id: int) -> Shared[EmployeeChangedEvent] | None:
    employee = await employee_node(employee_id)
    if employee is None:
        return None
    return Shared(EmployeeChangedEvent(kind=EmployeeChangeKind.CURRENT, occurred_at=dt.datetime.now(dt.UTC),
                                       employee=employee))


async def _changed(message: dict[str, Any]) -> Shared[EmployeeChangedEvent | None]:
    employee = await employee_node(message["employee_id"])
    if employee is None:
        return Shared(None)
    return Shared(EmployeeChangedEvent(kind=EmployeeChangeKind(message["kind"]),
                                       occurred_at=dt.datetime.fromisoformat(message["occurred_at"]),
                                       employee=employee))


@strawberry.type
class OrgSubscription:
    @strawberry.subscription(permission_classes=[CanReadDirectory],
                             description="Changes of one employee (current state first, and again after an "
                                         "interruption) or of everyone.")
    async def employee_changed(
        self, info: Info, employee_id: strawberry.ID | None = None
    ) -> AsyncGenerator[EmployeeChangedEvent, None]:
        wanted = decode_id("Employee", employee_id, field="employeeId") if employee_id else None
        channel = employee_channel(wanted) if wanted is not None else EMPLOYEES_CHANNEL
        async with listen(info, channel, prepare=lambda message, _: _changed(message)) as listener:
            if wanted is not None:
                current = await listener.topic.once("current", lambda: _current(wanted))
                if current is not None:
                    yield current  # type: ignore[misc]  # a Shared value: executed once for all (graphql/live.py)
            async for delivery in listener:
                if delivery.resync:
                    if wanted is None:
                        continue  # the directory's next change is still sent; nothing current to resend
                    current = await listener.topic.once("current", lambda: _current(wanted))
                    if current is not None:
                        yield current  # type: ignore[misc]
                    continue
                change = delivery.prepared
                if change.value is not None:
                    yield change  # type: ignore[misc]
