"""The rewards tests' organisation (clock pinned in 2026-11; TECH supports R1) plus what the fund needs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from backend.domain.access import SYSTEM
from backend.domain.org import Role
from backend.events.memory import MemoryEventBus
from backend.services import fund as fund_service
from backend.services import org
from backend.services.uow import UnitOfWork
from tests.api.conftest import gql
from tests.api.rewards.conftest import (  # noqa: F401 (fixtures)
    RewardsOrg,
    order_input,
    pinned,
    record,
    rewards_org,
)


@pytest.fixture(autouse=True)
def fresh_estimates() -> None:
    fund_service.forget_estimates()  # each test's database is new; the in-process estimate must be too


EXPLANATION = "explanation { formulaEn ruleVersion inputs { code value sources { kind id } } }"
FUND = f"""query($y: Int) {{ collaborationFund(year: $y) {{ year status profit ruleVersion reasonEn
  fund {{ amount {EXPLANATION} }} retained {{ amount }}
  regions {{ regionCode qualifies achievementMet satisfactionMet revenueAboveTarget
    achievement {{ value }} satisfaction {{ value }} quota {{ amount }} frontline {{ amount }} backend {{ amount }}
    members {{ employeeNo side share {{ amount }} }} }} }} }}"""
SETTLE = """mutation($y: Int!, $p: Money!) { settleCollaborationFund(year: $y, profit: $p) { __typename
  ... on SettleFundSuccess { created fund { status profit fund { amount } } }
  ... on OperationError { code message field } } }"""
PLAN = """mutation($y: Int!, $p: Money!) { setPlannedProfit(year: $y, profit: $p) { __typename
  ... on PlannedProfitSuccess { year plannedProfit fund { status fund { amount } } }
  ... on OperationError { code message field } } }"""


async def hire(no: str, department: str, region: str | None, target_bonus: str = "20000.00") -> int:
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        employee = await org.hire_employee(uow=uow, data=org.HireData(
            employee_no=no, name=no, department_code=department, region_code=region, position="职员",
            base_salary=Decimal("9000.00"), target_bonus=Decimal(target_bonus), hire_date=date(2024, 1, 1),
            roles=(Role.STAFF,)))
    return employee.id


async def target(region: str, period: str, amount: str) -> None:
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        await org.set_region_target(uow=uow, region_code=region, period=period, revenue_target=Decimal(amount))


async def link(department: str, region: str, weight: str) -> None:
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        await org.link_support(uow=uow, department_code=department, region_code=region, weight=Decimal(weight))


async def order(client: httpx.AsyncClient, token: str, client_id: str, employee: int, amount: str, *,
                region: str = "R1", at: datetime) -> None:
    recorded = await record(client, token, order_input(client_id, employee, amount, region=region, occurred_at=at))
    assert recorded["__typename"] == "RecordOrderSuccess", recorded


async def fund(client: httpx.AsyncClient, token: str, year: int | None) -> Any:
    result = await gql(client, FUND, {"y": year}, token=token)
    assert "errors" not in result, result
    return result["data"]["collaborationFund"]


def at(year: int, month: int, day: int = 10) -> datetime:
    return datetime(year, month, day, 3, tzinfo=UTC)


HOUR = timedelta(hours=1)
