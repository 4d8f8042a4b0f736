"""Organisation mutations: refused for the wrong caller first, then done by HR; bad input writes nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest

from backend.graphql.ids import encode_id
from backend.persistence.models import AuditEntry, Employee, EmployeeAssignment, SupportLink
from backend.services.org import today
from tests.api.conftest import Org, gql, table_rows

pytestmark = pytest.mark.asyncio(loop_scope="session")

ERR = "... on OperationError { code message field }"
CREATE_REGION = f"""mutation($input: CreateRegionInput!) {{ createRegion(input: $input) {{ __typename
  ... on RegionSuccess {{ region {{ code name targets {{ period revenueTarget }} }} }} {ERR} }} }}"""
SET_TARGET = f"""mutation($r: String!, $p: String!, $t: Money!) {{ setRegionTarget(regionCode: $r, period: $p,
  revenueTarget: $t) {{ __typename ... on RegionSuccess {{ region {{ targets {{ period revenueTarget }} }} }} {ERR} }} }}"""
CREATE_DEPARTMENT = f"""mutation($input: CreateDepartmentInput!) {{ createDepartment(input: $input) {{ __typename
  ... on DepartmentSuccess {{ department {{ code name kind }} }} {ERR} }} }}"""
HIRE = f"""mutation($input: HireEmployeeInput!) {{ hireEmployee(input: $input) {{ __typename
  ... on EmployeeSuccess {{ employee {{ id employeeNo name status department {{ code }} region {{ code }}
  baseSalary history {{ reason position }} }} }} {ERR} }} }}"""
TRANSFER = f"""mutation($input: TransferEmployeeInput!) {{ transferEmployee(input: $input) {{ __typename
  ... on EmployeeSuccess {{ employee {{ position department {{ code }} region {{ code }} baseSalary
  history {{ effectiveFrom reason position department {{ code }} region {{ code }} }} }} }} {ERR} }} }}"""
LEAVE = f"""mutation($id: ID!, $day: Date!) {{ recordLeave(employeeId: $id, lastDay: $day) {{ __typename
  ... on EmployeeSuccess {{ employee {{ status leaveDate }} }} {ERR} }} }}"""
LINK = f"""mutation($d: String!, $r: String!, $w: Decimal) {{ linkSupport(departmentCode: $d, regionCode: $r,
  weight: $w) {{ __typename ... on SupportLinkSuccess {{ supportLink {{ weight department {{ code }}
  region {{ code }} }} }} {ERR} }} }}"""


def hire_input(**overrides: Any) -> dict[str, Any]:
    return {"employeeNo": "F0100", "name": "赵雪", "departmentCode": "MKT", "regionCode": "R1",
            "position": "客户经理", "baseSalary": "8800.00", "targetBonus": "12000.00",
            "hireDate": "2025-06-01", **overrides}


async def _refused_for_non_hr(client: httpx.AsyncClient, org: Org, query: str, variables: dict[str, Any],
                              field: str) -> None:
    for token, code in ((None, "UNAUTHENTICATED"), (org.staff, "PERMISSION_DENIED"),
                        (org.manager, "PERMISSION_DENIED")):
        before = await table_rows()
        result = await gql(client, query, variables, token=token)
        payload = result["data"][field]
        assert (payload["__typename"], payload.get("code")) == ("OperationError", code), (field, token, payload)
        assert await table_rows() == before


async def _error(client: httpx.AsyncClient, org: Org, query: str, variables: dict[str, Any], field: str) -> dict:
    before = await table_rows()
    result = await gql(client, query, variables, token=org.hr)
    assert "errors" not in result, result
    payload: dict = result["data"][field]
    assert payload["__typename"] == "OperationError", payload
    assert await table_rows() == before, "a refused mutation must write nothing"
    return payload


async def test_create_region(client: httpx.AsyncClient, small_org: Org) -> None:
    variables = {"input": {"code": "r3", "name": "  城南片区 ", "targets": [
        {"period": "2026-11", "revenueTarget": "3600000.00"}, {"period": "2026-12", "revenueTarget": "3700000"}]}}
    await _refused_for_non_hr(client, small_org, CREATE_REGION, variables, "createRegion")

    result = await gql(client, CREATE_REGION, variables, token=small_org.hr)

    assert result["data"]["createRegion"] == {"__typename": "RegionSuccess", "region": {
        "code": "R3", "name": "城南片区", "targets": [{"period": "2026-11", "revenueTarget": "3600000.00"},
                                                   {"period": "2026-12", "revenueTarget": "3700000.00"}]}}
    audit = await AuditEntry.filter(action="region.create", actor="employee:HR0001").get()
    assert audit.actor == "employee:HR0001" and audit.after["code"] == "R3"


@pytest.mark.parametrize(("variables", "code", "field"), [
    ({"code": "R1", "name": "重复"}, "DUPLICATE", "code"),
    ({"code": "bad code!", "name": "x"}, "VALIDATION", "code"),
    ({"code": "R5", "name": "   "}, "VALIDATION", "name"),
    ({"code": "R5", "name": "a\x00b"}, "VALIDATION", "name"),
    ({"code": "R5", "name": "x", "targets": [{"period": "2026-13", "revenueTarget": "1"}]}, "VALIDATION",
     "targets.period"),
    ({"code": "R5", "name": "x", "targets": [{"period": "2026-01", "revenueTarget": "-1"}]}, "VALIDATION",
     "targets.revenueTarget"),
    ({"code": "R5", "name": "x", "targets": [{"period": "2026-01", "revenueTarget": "1.001"}]}, "VALIDATION",
     "targets.revenueTarget"),
    ({"code": "R5", "name": "x", "targets": [{"period": "2026-01", "revenueTarget": "1"},
                                             {"period": "2026-01", "revenueTarget": "2"}]}, "VALIDATION", "targets"),
])
async def test_create_region_bad_input(client: httpx.AsyncClient, small_org: Org, variables: dict, code: str,
                                       field: str) -> None:
    payload = await _error(client, small_org, CREATE_REGION, {"input": variables}, "createRegion")
    assert (payload["code"], payload["field"]) == (code, field)


async def test_set_region_target(client: httpx.AsyncClient, small_org: Org) -> None:
    variables = {"r": "R1", "p": "2026-11", "t": "1250000.50"}
    await _refused_for_non_hr(client, small_org, SET_TARGET, variables, "setRegionTarget")

    result = await gql(client, SET_TARGET, variables, token=small_org.hr)

    assert result["data"]["setRegionTarget"]["region"]["targets"] == [
        {"period": "2026-11", "revenueTarget": "1250000.50"}]
    for bad, code in (({"r": "NOPE"}, "NOT_FOUND"), ({"p": "26-11"}, "VALIDATION"), ({"t": "-5"}, "VALIDATION")):
        payload = await _error(client, small_org, SET_TARGET, {**variables, **bad}, "setRegionTarget")
        assert payload["code"] == code


async def test_create_department(client: httpx.AsyncClient, small_org: Org) -> None:
    variables = {"input": {"code": "NOC", "name": "网络运维中心", "kind": "BACKEND"}}
    await _refused_for_non_hr(client, small_org, CREATE_DEPARTMENT, variables, "createDepartment")

    result = await gql(client, CREATE_DEPARTMENT, variables, token=small_org.hr)

    assert result["data"]["createDepartment"]["department"] == {"code": "NOC", "name": "网络运维中心",
                                                                "kind": "BACKEND"}
    duplicate = await _error(client, small_org, CREATE_DEPARTMENT, variables, "createDepartment")
    assert duplicate["code"] == "DUPLICATE"


async def test_hire_employee(client: httpx.AsyncClient, small_org: Org) -> None:
    variables = {"input": hire_input()}
    await _refused_for_non_hr(client, small_org, HIRE, variables, "hireEmployee")

    result = await gql(client, HIRE, variables, token=small_org.hr)

    employee = result["data"]["hireEmployee"]["employee"]
    assert employee["employeeNo"] == "F0100" and employee["status"] == "ACTIVE"
    assert employee["department"] == {"code": "MKT"} and employee["region"] == {"code": "R1"}
    assert employee["baseSalary"] == "8800.00"
    assert employee["history"] == [{"reason": "HIRE", "position": "客户经理"}]


@pytest.mark.parametrize(("overrides", "code", "field"), [
    ({"employeeNo": "F0001"}, "DUPLICATE", "employeeNo"),
    ({"departmentCode": "NOPE"}, "NOT_FOUND", "departmentCode"),
    ({"departmentCode": "\u0006\u0000"}, "VALIDATION", "departmentCode"),  # found by schemathesis on PostgreSQL
    ({"regionCode": "NOPE"}, "NOT_FOUND", "regionCode"),
    ({"regionCode": "R\u0000"}, "VALIDATION", "regionCode"),
    ({"regionCode": None}, "VALIDATION", "regionCode"),
    ({"departmentCode": "TECH"}, "VALIDATION", "regionCode"),
    ({"baseSalary": "-1.00"}, "VALIDATION", "baseSalary"),
    ({"targetBonus": "-0.01"}, "VALIDATION", "targetBonus"),
    ({"baseSalary": "100.005"}, "VALIDATION", "baseSalary"),
    ({"name": ""}, "VALIDATION", "name"),
    ({"position": "x" * 101}, "VALIDATION", "position"),
    ({"password": "short"}, "VALIDATION", "password"),
])
async def test_hire_employee_bad_input(client: httpx.AsyncClient, small_org: Org, overrides: dict, code: str,
                                       field: str) -> None:
    payload = await _error(client, small_org, HIRE, {"input": hire_input(**overrides)}, "hireEmployee")
    assert (payload["code"], payload["field"]) == (code, field)


async def test_transfer_employee_keeps_history(client: httpx.AsyncClient, small_org: Org) -> None:
    day = (today() - timedelta(days=10)).isoformat()
    variables = {"input": {"employeeId": encode_id("Employee", small_org.staff_id), "effectiveDate": day,
                           "regionCode": "R2", "position": "高级客户经理", "baseSalary": "12000.00"}}
    await _refused_for_non_hr(client, small_org, TRANSFER, variables, "transferEmployee")

    result = await gql(client, TRANSFER, variables, token=small_org.hr)

    employee = result["data"]["transferEmployee"]["employee"]
    assert (employee["position"], employee["region"], employee["baseSalary"]) == ("高级客户经理", {"code": "R2"},
                                                                                  "12000.00")
    assert employee["history"] == [
        {"effectiveFrom": "2024-01-01", "reason": "HIRE", "position": "职员", "department": {"code": "MKT"},
         "region": {"code": "R1"}},
        {"effectiveFrom": day, "reason": "TRANSFER", "position": "高级客户经理", "department": {"code": "MKT"},
         "region": {"code": "R2"}}]


async def test_transfer_to_backend_clears_the_region(client: httpx.AsyncClient, small_org: Org) -> None:
    variables = {"input": {"employeeId": encode_id("Employee", small_org.staff_id),
                           "effectiveDate": today().isoformat(), "departmentCode": "TECH"}}
    result = await gql(client, TRANSFER, variables, token=small_org.hr)

    employee = result["data"]["transferEmployee"]["employee"]
    assert employee["department"] == {"code": "TECH"} and employee["region"] is None


@pytest.mark.parametrize(("overrides", "code", "field"), [
    ({"effectiveDate": "2023-12-31"}, "VALIDATION", "effectiveDate"),  # before the hire date
    ({"effectiveDate": "2024-01-01"}, "VALIDATION", "effectiveDate"),  # not after the latest assignment
    ({"effectiveDate": "2099-01-01"}, "VALIDATION", "effectiveDate"),  # in the future
    ({"position": None, "regionCode": None}, "VALIDATION", None),  # changes nothing
    ({"departmentCode": "NOPE"}, "NOT_FOUND", "departmentCode"),
    ({"baseSalary": "-100.00"}, "VALIDATION", "baseSalary"),
    ({"employeeId": "not-an-id"}, "VALIDATION", "employeeId"),
    ({"employeeId": encode_id("Employee", 999_999)}, "NOT_FOUND", "employeeId"),
    ({"employeeId": encode_id("Region", 1)}, "VALIDATION", "employeeId"),
])
async def test_transfer_employee_bad_input(client: httpx.AsyncClient, small_org: Org, overrides: dict, code: str,
                                           field: str | None) -> None:
    base = {"employeeId": encode_id("Employee", small_org.staff_id), "effectiveDate": "2025-03-01",
            "position": "组长"}
    payload = await _error(client, small_org, TRANSFER, {"input": {**base, **overrides}}, "transferEmployee")
    assert (payload["code"], payload["field"]) == (code, field)


async def test_record_leave(client: httpx.AsyncClient, small_org: Org) -> None:
    variables = {"id": encode_id("Employee", small_org.other_staff_id), "day": "2026-01-31"}
    await _refused_for_non_hr(client, small_org, LEAVE, variables, "recordLeave")

    result = await gql(client, LEAVE, variables, token=small_org.hr)

    assert result["data"]["recordLeave"]["employee"] == {"status": "LEFT", "leaveDate": "2026-01-31"}
    again = await _error(client, small_org, LEAVE, variables, "recordLeave")
    assert again["code"] == "VALIDATION" and "already recorded" in again["message"]


async def test_record_leave_bad_input(client: httpx.AsyncClient, small_org: Org) -> None:
    before_hire = await _error(client, small_org, LEAVE, {"id": encode_id("Employee", small_org.staff_id),
                                                          "day": "2023-06-30"}, "recordLeave")
    unknown = await _error(client, small_org, LEAVE, {"id": encode_id("Employee", 424242), "day": "2026-01-31"},
                           "recordLeave")
    assert (before_hire["code"], unknown["code"]) == ("VALIDATION", "NOT_FOUND")
    assert await Employee.filter(leave_date__isnull=False).count() == 0


async def test_link_support_creates_then_reweights(client: httpx.AsyncClient, small_org: Org) -> None:
    variables = {"d": "TECH", "r": "R1", "w": "1.5"}
    await _refused_for_non_hr(client, small_org, LINK, variables, "linkSupport")

    created = await gql(client, LINK, variables, token=small_org.hr)
    reweighted = await gql(client, LINK, {**variables, "w": "2"}, token=small_org.hr)

    assert created["data"]["linkSupport"]["supportLink"] == {"weight": "1.5", "department": {"code": "TECH"},
                                                             "region": {"code": "R1"}}
    assert reweighted["data"]["linkSupport"]["supportLink"]["weight"] == "2"
    assert await SupportLink.all().count() == 1


@pytest.mark.parametrize(("variables", "code", "field"), [
    ({"d": "MKT", "r": "R1"}, "VALIDATION", "departmentCode"),  # frontline departments support no one
    ({"d": "NOPE", "r": "R1"}, "NOT_FOUND", "departmentCode"),
    ({"d": "TECH", "r": "NOPE"}, "NOT_FOUND", "regionCode"),
    ({"d": "TECH", "r": "R1", "w": "0"}, "VALIDATION", "weight"),
    ({"d": "TECH", "r": "R1", "w": "-1"}, "VALIDATION", "weight"),
])
async def test_link_support_bad_input(client: httpx.AsyncClient, small_org: Org, variables: dict, code: str,
                                      field: str) -> None:
    payload = await _error(client, small_org, LINK, variables, "linkSupport")
    assert (payload["code"], payload["field"]) == (code, field)


async def test_assignment_on_a_day_follows_the_history(client: httpx.AsyncClient, small_org: Org) -> None:
    day = (today() - timedelta(days=30)).isoformat()
    await gql(client, TRANSFER, {"input": {"employeeId": encode_id("Employee", small_org.staff_id),
                                           "effectiveDate": day, "regionCode": "R2"}}, token=small_org.hr)
    query = """query($id: ID!) { employee(id: $id) { before: assignmentOn(date: "2024-06-01") { region { code } }
      after: assignmentOn(date: "%s") { region { code } } notYet: assignmentOn(date: "2023-01-01") { position } } }"""

    result = await gql(client, query % day, {"id": encode_id("Employee", small_org.staff_id)}, token=small_org.hr)

    assert result["data"]["employee"] == {"before": {"region": {"code": "R1"}}, "after": {"region": {"code": "R2"}},
                                          "notYet": None}
    assert await EmployeeAssignment.filter(employee_id=small_org.staff_id).count() == 2
