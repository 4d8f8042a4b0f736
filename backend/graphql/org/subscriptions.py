"""employeeChanged: hire, transfer and leave pushed to subscribers after commit."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncGenerator
from enum import Enum

import strawberry

from backend.domain.events import EmployeeChanged
from backend.graphql.context import Info
from backend.graphql.ids import decode_id
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


@strawberry.type
class OrgSubscription:
    @strawberry.subscription(permission_classes=[CanReadDirectory],
                             description="Changes of one employee (current state first) or of everyone.")
    async def employee_changed(
        self, info: Info, employee_id: strawberry.ID | None = None
    ) -> AsyncGenerator[EmployeeChangedEvent, None]:
        wanted = decode_id("Employee", employee_id, field="employeeId") if employee_id else None
        async with info.context.bus.subscribe(EmployeeChanged.channel) as subscription:
            if wanted is not None:
                current = await employee_node(wanted)
                if current is not None:
                    yield EmployeeChangedEvent(kind=EmployeeChangeKind.CURRENT, occurred_at=dt.datetime.now(dt.UTC),
                                               employee=current)
            async for message in subscription:
                if wanted is not None and message["employee_id"] != wanted:
                    continue
                info.context.renew_loaders()
                employee = await employee_node(message["employee_id"])
                if employee is not None:
                    yield EmployeeChangedEvent(kind=EmployeeChangeKind(message["kind"]),
                                               occurred_at=dt.datetime.fromisoformat(message["occurred_at"]),
                                               employee=employee)
