"""Separation of duties for pay and who reads a project member's bonus amount (issue 11, finding 6; SPEC §7)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest

from backend.domain.access import SYSTEM
from backend.domain.org import Role
from backend.events.memory import MemoryEventBus
from backend.graphql.ids import encode_id
from backend.persistence.models import ApiToken, AuditEntry, Employee
from backend.services import org
from backend.services.security import new_partner_token, partner_token_digest
from backend.services.uow import UnitOfWork
from tests.api.conftest import Org, gql, table_counts, token_for
from tests.api.projects.conftest import make_project

pytestmark = pytest.mark.asyncio(loop_scope="session")

TRANSFER = """mutation($input: TransferEmployeeInput!) { transferEmployee(input: $input) { __typename
  ... on EmployeeSuccess { employee { baseSalary } } ... on OperationError { code message field } } }"""
ALLOCATION = """query($id: ID!) { project(id: $id) { allocation { bonus sides { amount }
  members { employee { employeeNo } share exactAmount amount leftoverCent components { component value } } } } }"""


async def _hire(no: str, department: str, region: str | None, roles: tuple[Role, ...]) -> int:
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        employee = await org.hire_employee(uow=uow, data=org.HireData(
            employee_no=no, name=no, department_code=department, region_code=region, position="职员",
            base_salary=Decimal("9000.00"), target_bonus=Decimal(0), hire_date=date(2024, 1, 1), roles=roles))
    return employee.id


async def _partner(org_: Org, *scopes: str) -> str:
    token = new_partner_token()
    await ApiToken.create(name="partner", scopes=",".join(scopes), token_hash=partner_token_digest(token),
                          created_by_id=org_.hr_id)
    return token


def _raise(employee_id: int, salary: str) -> dict[str, Any]:
    return {"input": {"employeeId": encode_id("Employee", employee_id), "effectiveDate": "2026-01-01",
                      "baseSalary": salary}}


async def test_hr_cannot_change_their_own_salary(client: httpx.AsyncClient, small_org: Org) -> None:
    before = await table_counts()
    result = await gql(client, TRANSFER, _raise(small_org.hr_id, "99999.00"), token=small_org.hr)

    assert result["data"]["transferEmployee"] == {
        "__typename": "OperationError", "code": "PERMISSION_DENIED", "field": "baseSalary",
        "message": "nobody changes their own pay: another HR user or an administrator must make this change"}
    assert await table_counts() == before
    assert (await Employee.get(id=small_org.hr_id)).base_salary == Decimal("10000.00")


async def test_an_admin_cannot_change_their_own_salary_either(client: httpx.AsyncClient, small_org: Org) -> None:
    admin_id = await _hire("A0001", "HR", None, (Role.ADMIN,))
    result = await gql(client, TRANSFER, _raise(admin_id, "99999.00"), token=token_for(admin_id))
    assert result["data"]["transferEmployee"]["code"] == "PERMISSION_DENIED"


async def test_another_hr_user_changes_it_and_the_change_is_audited(client: httpx.AsyncClient,
                                                                    small_org: Org) -> None:
    second_hr = await _hire("HR0002", "HR", None, (Role.HR,))
    result = await gql(client, TRANSFER, _raise(small_org.hr_id, "12000.00"), token=token_for(second_hr))

    assert result["data"]["transferEmployee"] == {"__typename": "EmployeeSuccess",
                                                  "employee": {"baseSalary": "12000.00"}}
    [entry] = await AuditEntry.filter(action="employee.pay").values("actor", "entity_id", "before", "after")
    assert entry["actor"] == "employee:HR0002"
    assert entry["entity_id"] == str(small_org.hr_id)
    assert entry["before"]["base_salary"] == "10000.00"
    assert entry["after"]["base_salary"] == "12000.00"


async def test_hr_may_still_transfer_themselves_without_touching_pay(client: httpx.AsyncClient,
                                                                     small_org: Org) -> None:
    variables = {"input": {"employeeId": encode_id("Employee", small_org.hr_id), "effectiveDate": "2026-01-01",
                           "position": "人力资源主管", "baseSalary": "10000.00"}}
    result = await gql(client, TRANSFER, variables, token=small_org.hr)
    assert result["data"]["transferEmployee"]["__typename"] == "EmployeeSuccess"


async def _amounts(client: httpx.AsyncClient, project_id: str, token: str) -> dict[str, Any]:
    result = await gql(client, ALLOCATION, {"id": project_id}, token=token)
    assert "errors" not in result, result
    allocation = result["data"]["project"]["allocation"]
    assert allocation["bonus"] is not None and all(s["amount"] is not None for s in allocation["sides"])
    out = {}
    for member in allocation["members"]:
        assert member["components"], "the calculation's inputs are readable by everyone"
        figures = (member["share"], member["exactAmount"], member["amount"], member["leftoverCent"])
        assert all(f is None for f in figures) or all(f is not None for f in figures), figures
        out[member["employee"]["employeeNo"]] = member["amount"]
    return out


async def test_who_reads_a_project_members_bonus_amount(client: httpx.AsyncClient, small_org: Org) -> None:
    project = await make_project(small_org)
    outsider = await _hire("F0003", "MKT", "R1", (Role.STAFF,))
    mkt_manager = await _hire("M0002", "MKT", "R1", (Role.MANAGER,))
    tech_manager = await _hire("M0003", "TECH", None, (Role.MANAGER,))
    everyone = {"F0001", "F0002", "B0001"}  # the owner (M0001, TECH's manager) is not a member

    def shown(amounts: dict[str, Any]) -> set[str]:
        return {no for no, amount in amounts.items() if amount is not None}

    assert shown(await _amounts(client, project.id, small_org.hr)) == everyone
    assert shown(await _amounts(client, project.id, small_org.staff)) == everyone  # a member
    assert shown(await _amounts(client, project.id, token_for(outsider))) == set()  # a colleague
    # Managers who are not members see the members of their own department.
    assert shown(await _amounts(client, project.id, small_org.manager)) == {"B0001"}
    assert shown(await _amounts(client, project.id, token_for(tech_manager))) == {"B0001"}
    assert shown(await _amounts(client, project.id, token_for(mkt_manager))) == {"F0001", "F0002"}
    assert shown(await _amounts(client, project.id, await _partner(small_org, "read:projects"))) == set()
    assert shown(await _amounts(client, project.id, await _partner(small_org, "read:projects", "read:payroll"))) \
        == everyone
