"""A small organisation for the rewards tests, with the clock pinned inside 2026-11 (SPEC §11's period)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
import pytest_asyncio

from backend.domain.access import SYSTEM
from backend.domain.org import Role
from backend.domain.support import Category, Priority
from backend.events.memory import MemoryEventBus
from backend.graphql.ids import encode_id
from backend.services import clock, org, support
from backend.services.uow import UnitOfWork
from tests.api.conftest import Org, build_org, gql, token_for

NOW = datetime(2026, 11, 20, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai


@dataclass
class RewardsOrg:
    base: Org
    b2_id: int

    @property
    def f1(self) -> int:
        return self.base.staff_id

    @property
    def b1(self) -> int:
        return self.base.backend_id


@pytest.fixture
def pinned(monkeypatch: pytest.MonkeyPatch) -> datetime:
    monkeypatch.setattr(clock, "now", lambda: NOW)
    return NOW


@pytest_asyncio.fixture(loop_scope="session")
async def rewards_org(client: httpx.AsyncClient, pinned: datetime) -> RewardsOrg:
    base = await build_org()
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        b2 = await org.hire_employee(uow=uow, data=org.HireData(
            employee_no="B0002", name="刘洋", department_code="TECH", region_code=None, position="工程师",
            base_salary=Decimal("9000.00"), target_bonus=Decimal("10000.00"), hire_date=date(2024, 1, 1),
            roles=(Role.STAFF,)))
        await org.link_support(uow=uow, department_code="TECH", region_code="R1", weight=Decimal(1))
    return RewardsOrg(base=base, b2_id=b2.id)


async def resolved_request(world: RewardsOrg, *, client_id: str, assignee: int, priority: Priority,
                           submitted: datetime, resolved_after: timedelta, rating: int | None,
                           region: str = "R1", submitter: int | None = None) -> int:
    """A request from `region` resolved by `assignee` (and rated when `rating` is given), via the services."""
    request = await open_request(world, client_id=client_id, assignee=assignee, priority=priority,
                                 submitted=submitted, region=region, submitter=submitter)
    await transition(request, "resolve", submitted + resolved_after)
    if rating is not None:
        await transition(request, "confirm", submitted + resolved_after + timedelta(minutes=5), rating=rating)
    return request


async def open_request(world: RewardsOrg, *, client_id: str, assignee: int, priority: Priority,
                       submitted: datetime, region: str = "R1", submitter: int | None = None) -> int:
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        submission = await support.submit_request(uow=uow, at=submitted, data=support.SubmitData(
            client_request_id=client_id, region_code=region, department_code="TECH",
            category=Category.FAULT_REPAIR, priority=priority, title="断网", description="",
            customer_reported_at=submitted - timedelta(minutes=30), submitter_id=submitter or world.f1))
        pk = submission.request.id
        await support.accept_request(uow=uow, request_id=pk, assignee_id=assignee, at=submitted + timedelta(minutes=5))
        await support.start_request(uow=uow, request_id=pk, at=submitted + timedelta(minutes=10))
    return pk


async def transition(request_id: int, action: str, at: datetime, **kwargs: Any) -> None:
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        if action == "resolve":
            await support.resolve_request(uow=uow, request_id=request_id, note="已修复", at=at)
        elif action == "confirm":
            await support.confirm_request(uow=uow, request_id=request_id, rating=kwargs["rating"], comment=None,
                                          at=at)
        elif action == "reopen":
            await support.reopen_request(uow=uow, request_id=request_id, reason="又坏了", at=at)
        elif action == "start":
            await support.start_request(uow=uow, request_id=request_id, at=at)


RECORD = """mutation($input: RecordOrderInput!) { recordOrder(input: $input) { __typename
  ... on RecordOrderSuccess { created order { id clientOrderId status creditPeriod ruleVersion
    commission { amount } accrual { amount } net { amount } } }
  ... on OperationError { code message field } } }"""

CANCEL = """mutation($id: ID!, $reason: String!) { cancelOrder(id: $id, reason: $reason) { __typename
  ... on CancelOrderSuccess { order { id status } } ... on OperationError { code message field } } }"""

COUNTER = """query($id: ID!, $p: String) { rewardCounter(employeeId: $id, period: $p) { employeeNo period
  ruleVersion side commissionGross { amount } commissionAccrued { amount } commissionNet { amount }
  pendingCommission { amount } poolContribution { amount } trend { date commissionNet poolContribution } } }"""

POOL = """query($r: String!, $p: String) { supportPool(regionCode: $r, period: $p) { regionCode period accrual
  carryIn pool totalPoints carryOver { amount } recipients { employeeNo points share { amount } } } }"""


RESOLVE = """mutation($id: ID!) { resolveSupportRequest(id: $id, note: "已修复") { __typename
  ... on OperationError { code message } } }"""


async def resolve_via_api(client: httpx.AsyncClient, token: str, request_id: int) -> None:
    """As the assignee, through the app (so its events reach the app's subscribers)."""
    result = await gql(client, RESOLVE, {"id": encode_id("SupportRequest", request_id)}, token=token)
    assert result["data"]["resolveSupportRequest"]["__typename"] == "SupportRequestSuccess", result


def order_input(client_id: str, employee_id: int, amount: str, *, type: str = "NEW", region: str = "R1",
                occurred_at: datetime | None = None, blocking: int | None = None) -> dict[str, Any]:
    return {"clientOrderId": client_id, "employeeId": encode_id("Employee", employee_id), "regionCode": region,
            "customer": "幸福小区", "type": type, "amount": amount,
            "occurredAt": (occurred_at or NOW - timedelta(days=1)).isoformat(),
            "blockingRequestId": encode_id("SupportRequest", blocking) if blocking else None}


async def record(client: httpx.AsyncClient, token: str | None, payload: dict[str, Any]) -> dict[str, Any]:
    result = await gql(client, RECORD, {"input": payload}, token=token)
    assert "errors" not in result, result
    body: dict[str, Any] = result["data"]["recordOrder"]
    return body


async def counter(client: httpx.AsyncClient, token: str, employee_id: int, period: str = "2026-11") -> Any:
    result = await gql(client, COUNTER, {"id": encode_id("Employee", employee_id), "p": period}, token=token)
    assert "errors" not in result, result
    return result["data"]["rewardCounter"]


async def pool(client: httpx.AsyncClient, token: str, region: str = "R1", period: str = "2026-11") -> Any:
    result = await gql(client, POOL, {"r": region, "p": period}, token=token)
    assert "errors" not in result, result
    return result["data"]["supportPool"]


def tokens(world: RewardsOrg) -> dict[str, str]:
    return {"f1": world.base.staff, "b1": token_for(world.b1), "b2": token_for(world.b2_id), "hr": world.base.hr}
