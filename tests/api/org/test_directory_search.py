"""HR's directory: search by name or employee number, and filter by status (on the organisation's date)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import httpx
import pytest

from backend.domain.access import SYSTEM
from backend.events.memory import MemoryEventBus
from backend.services import clock, org
from backend.services.uow import UnitOfWork
from tests.api.conftest import Org, gql

pytestmark = pytest.mark.asyncio(loop_scope="session")

SEARCH = """query($search: String, $status: EmployeeStatus, $dept: String) {
  employees(first: 50, search: $search, status: $status, departmentCode: $dept) {
    totalCount nodes { employeeNo status } } }"""


async def _numbers(client: httpx.AsyncClient, org_: Org, **variables: object) -> tuple[list[str], int]:
    result = await gql(client, SEARCH, variables, token=org_.hr)
    assert "errors" not in result, result
    employees = result["data"]["employees"]
    return [node["employeeNo"] for node in employees["nodes"]], employees["totalCount"]


async def test_search_matches_names_and_employee_numbers(client: httpx.AsyncClient, small_org: Org) -> None:
    assert await _numbers(client, small_org, search="李") == (["F0001"], 1)
    assert await _numbers(client, small_org, search="f000") == (["F0001", "F0002"], 2)
    assert await _numbers(client, small_org, search="f000", dept="TECH") == ([], 0)
    assert await _numbers(client, small_org, search="  ") == (["HR0001", "F0001", "F0002", "M0001", "B0001"], 5)


async def test_status_is_judged_on_the_organisations_date(client: httpx.AsyncClient, small_org: Org,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        await org.record_leave(uow=uow, employee_id=small_org.other_staff_id, last_day=date(2026, 11, 2))
    # 17:30 UTC on the 2nd is 01:30 on the 3rd in Shanghai: the last day is over.
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 2, 17, 30, tzinfo=UTC))

    left = await _numbers(client, small_org, status="LEFT")
    active = await _numbers(client, small_org, status="ACTIVE")

    assert left == (["F0002"], 1)
    assert active == (["HR0001", "F0001", "M0001", "B0001"], 4)
