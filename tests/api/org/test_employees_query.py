"""The employees page: cursor paging, filters, and a constant number of SQL queries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import httpx
import pytest

from backend.domain.access import SYSTEM
from backend.domain.org import Role
from backend.events.memory import MemoryEventBus
from backend.services import org
from backend.services.uow import UnitOfWork
from tests.api.conftest import Org, count_queries, gql

pytestmark = pytest.mark.asyncio(loop_scope="session")

PAGE = """query($first: Int!, $after: String, $dept: String, $region: String) {
  employees(first: $first, after: $after, departmentCode: $dept, regionCode: $region) {
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id employeeNo name position status roles baseSalary
      department { id code name kind } region { id code name } } } } }"""


async def _hire_many(count: int) -> None:
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        for index in range(count):
            frontline = index % 3 != 0
            await org.hire_employee(uow=uow, data=org.HireData(
                employee_no=f"N{index:04d}", name=f"员工{index}", department_code="MKT" if frontline else "TECH",
                region_code=("R1" if index % 2 else "R2") if frontline else None, position="职员",
                base_salary=Decimal("9000.00"), target_bonus=Decimal(0), hire_date=date(2025, 1, 1),
                roles=(Role.STAFF,)))


async def test_employees_page_needs_a_reader(client: httpx.AsyncClient, small_org: Org) -> None:
    result = await gql(client, PAGE, {"first": 10})

    assert result["data"] is None
    assert result["errors"][0]["path"] == ["employees"]


async def test_sql_queries_do_not_grow_with_the_page_size(client: httpx.AsyncClient, small_org: Org) -> None:
    await _hire_many(120)
    counts = {}
    for size in (10, 100):
        with count_queries() as counter:
            result = await gql(client, PAGE, {"first": size}, token=small_org.hr)
        assert len(result["data"]["employees"]["edges"]) == size
        counts[size] = len(counter.statements)

    assert counts[10] == counts[100], counts
    assert counts[100] <= 3, counts  # the viewer, the joined page, nothing per row


async def test_cursor_pages_cover_everyone_once(client: httpx.AsyncClient, small_org: Org) -> None:
    await _hire_many(23)
    seen: list[str] = []
    after = None
    while True:
        page = (await gql(client, PAGE, {"first": 7, "after": after}, token=small_org.hr))["data"]["employees"]
        seen.extend(edge["node"]["employeeNo"] for edge in page["edges"])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    assert len(seen) == len(set(seen)) == 28


async def test_filters_by_department_and_region(client: httpx.AsyncClient, small_org: Org) -> None:
    result = await gql(client, PAGE, {"first": 50, "dept": "mkt", "region": "R2"}, token=small_org.staff)

    nodes = [edge["node"] for edge in result["data"]["employees"]["edges"]]
    assert [n["employeeNo"] for n in nodes] == ["F0002"]
    assert nodes[0]["department"]["kind"] == "FRONTLINE" and nodes[0]["region"]["name"] == "城西片区"


async def test_total_count_and_page_size_bounds(client: httpx.AsyncClient, small_org: Org) -> None:
    total = await gql(client, "{ employees(first: 2) { totalCount nodes { name } } }", token=small_org.hr)
    too_big = await gql(client, "{ employees(first: 501) { totalCount } }", token=small_org.hr)

    assert total["data"]["employees"]["totalCount"] == 5
    assert "between 1 and 500" in too_big["errors"][0]["message"]


async def test_regions_and_departments_with_links(client: httpx.AsyncClient, small_org: Org) -> None:
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        await org.link_support(uow=uow, department_code="TECH", region_code="R1", weight=Decimal(2))
    query = """{ regions { code targets { period revenueTarget } supportedBy { weight department { code } } }
                 departments { code kind supports { region { code } } } }"""

    result = await gql(client, query, token=small_org.staff)

    regions = {r["code"]: r for r in result["data"]["regions"]}
    assert regions["R1"]["supportedBy"] == [{"weight": "2", "department": {"code": "TECH"}}]
    assert regions["R2"]["targets"] == [{"period": "2026-11", "revenueTarget": "1000000.00"}]
    departments = {d["code"]: d for d in result["data"]["departments"]}
    assert departments["TECH"]["supports"] == [{"region": {"code": "R1"}}]
    assert departments["MKT"]["supports"] == []


async def test_a_filter_that_cannot_be_a_code_is_refused_readably(client: httpx.AsyncClient, small_org: Org) -> None:
    result = await gql(client, PAGE, {"first": 5, "dept": "MKT\u0000"}, token=small_org.hr)

    assert result["data"] is None
    assert result["errors"][0]["message"].startswith("departmentCode must be")
