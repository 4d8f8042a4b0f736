"""HR's people pages and the employee pickers: the directory, one employee with their assignment history, and
hire / transfer / leave / support links (frontend/operations/people.graphql)."""

from __future__ import annotations

import dataclasses
from typing import Any

from frontend.api import transport
from frontend.api.documents import operation
from frontend.api.transport import FieldError, refusal, text

DIRECTORY = operation("Directory")
EMPLOYEE_PICKER = operation("EmployeePicker")
EMPLOYEE_PROFILE = operation("EmployeeProfile")
ORGANISATION = operation("Organisation")
HIRE_EMPLOYEE = operation("HireEmployee")
TRANSFER_EMPLOYEE = operation("TransferEmployee")
RECORD_LEAVE = operation("RecordLeave")
LINK_SUPPORT = operation("LinkSupport")

DIRECTORY_PAGE_SIZE = 50


@dataclasses.dataclass(frozen=True)
class Person:
    """An employee to pick (a project member)."""

    id: str = ""
    employee_no: str = ""
    name: str = ""
    department_name: str = ""
    department_kind: str = ""


@dataclasses.dataclass(frozen=True)
class DirectoryRow:
    id: str = ""
    employee_no: str = ""
    name: str = ""
    position: str = ""
    status: str = ""
    hire_date: str = ""
    leave_date: str = ""
    roles: tuple[str, ...] = ()
    department_code: str = ""
    department_name: str = ""
    department_kind: str = ""
    region_code: str = ""
    region_name: str = ""


@dataclasses.dataclass(frozen=True)
class DirectoryPage:
    rows: tuple[DirectoryRow, ...] = ()
    total: int = 0
    has_next_page: bool = False
    end_cursor: str = ""


@dataclasses.dataclass(frozen=True)
class AssignmentLine:
    effective_from: str = ""
    reason: str = ""
    position: str = ""
    department_name: str = ""
    department_kind: str = ""
    region_name: str = ""
    base_salary: str = ""
    target_bonus: str = ""


@dataclasses.dataclass(frozen=True)
class EmployeeProfile:
    row: DirectoryRow = DirectoryRow()
    base_salary: str = ""
    target_bonus: str = ""
    history: tuple[AssignmentLine, ...] = ()


@dataclasses.dataclass(frozen=True)
class Department:
    code: str = ""
    name: str = ""
    kind: str = ""
    # "城东片区 ×1" for each region a backend department supports.
    supports: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Organisation:
    regions: tuple[tuple[str, str], ...] = ()  # (code, name)
    departments: tuple[Department, ...] = ()


def parse_row(node: dict[str, Any]) -> DirectoryRow:
    department, region = node.get("department") or {}, node.get("region") or {}
    return DirectoryRow(
        id=str(node["id"]), employee_no=node.get("employeeNo") or "", name=node.get("name") or "",
        position=node.get("position") or "", status=node.get("status") or "", hire_date=text(node.get("hireDate")),
        leave_date=text(node.get("leaveDate")), roles=tuple(node.get("roles") or ()),
        department_code=department.get("code") or "", department_name=department.get("name") or "",
        department_kind=department.get("kind") or "", region_code=region.get("code") or "",
        region_name=region.get("name") or "")


async def fetch_directory(token: str, *, search: str = "", status: str = "", department_code: str = "",
                          region_code: str = "", after: str = "", first: int = DIRECTORY_PAGE_SIZE) -> DirectoryPage:
    variables = {"first": first, "after": after or None, "search": search.strip() or None, "status": status or None,
                 "departmentCode": department_code or None, "regionCode": region_code or None}
    connection = (await transport.execute(DIRECTORY, variables, token=token))["employees"]
    page_info = connection.get("pageInfo") or {}
    return DirectoryPage(rows=tuple(parse_row(n) for n in connection.get("nodes") or ()),
                         total=int(connection.get("totalCount") or 0),
                         has_next_page=bool(page_info.get("hasNextPage")), end_cursor=page_info.get("endCursor") or "")


async def search_people(token: str, search: str) -> list[Person]:
    if not search.strip():
        return []
    data = await transport.execute(EMPLOYEE_PICKER, {"search": search.strip()}, token=token)
    return [Person(id=str(n["id"]), employee_no=n.get("employeeNo") or "", name=n.get("name") or "",
                   department_name=(n.get("department") or {}).get("name") or "",
                   department_kind=(n.get("department") or {}).get("kind") or "")
            for n in data["employees"].get("nodes") or ()]


async def fetch_employee(token: str, employee_id: str) -> EmployeeProfile | None:
    data = await transport.execute(EMPLOYEE_PROFILE, {"id": employee_id}, token=token)
    node = data.get("employee")
    if not node:
        return None
    history = tuple(
        AssignmentLine(effective_from=text(h.get("effectiveFrom")), reason=h.get("reason") or "",
                       position=h.get("position") or "", department_name=(h.get("department") or {}).get("name") or "",
                       department_kind=(h.get("department") or {}).get("kind") or "",
                       region_name=(h.get("region") or {}).get("name") or "", base_salary=text(h.get("baseSalary")),
                       target_bonus=text(h.get("targetBonus")))
        for h in node.get("history") or ())
    return EmployeeProfile(row=parse_row(node), base_salary=text(node.get("baseSalary")),
                           target_bonus=text(node.get("targetBonus")), history=history)


async def fetch_organisation(token: str) -> Organisation:
    data = await transport.execute(ORGANISATION, token=token)
    return Organisation(
        regions=tuple((r["code"], r["name"]) for r in data.get("regions") or ()),
        departments=tuple(Department(code=d["code"], name=d["name"], kind=d.get("kind") or "",
                                     supports=tuple(f"{(s.get('region') or {}).get('name', '')} ×{s.get('weight')}"
                                                    for s in d.get("supports") or ()))
                          for d in data.get("departments") or ()))


EmployeeResult = DirectoryRow | FieldError


async def _employee_write(document: str, field: str, variables: dict[str, Any], token: str) -> EmployeeResult:
    payload = (await transport.execute(document, variables, token=token))[field]
    refused = refusal(payload, "employee")
    return refused if refused is not None else parse_row(payload["employee"])


async def hire_employee(token: str, employee: dict[str, Any]) -> EmployeeResult:
    return await _employee_write(HIRE_EMPLOYEE, "hireEmployee", {"input": employee}, token)


async def transfer_employee(token: str, transfer: dict[str, Any]) -> EmployeeResult:
    return await _employee_write(TRANSFER_EMPLOYEE, "transferEmployee", {"input": transfer}, token)


async def record_leave(token: str, employee_id: str, last_day: str) -> EmployeeResult:
    return await _employee_write(RECORD_LEAVE, "recordLeave", {"employeeId": employee_id, "lastDay": last_day}, token)


async def link_support(token: str, department_code: str, region_code: str, weight: str) -> FieldError | None:
    payload = (await transport.execute(LINK_SUPPORT, {"departmentCode": department_code, "regionCode": region_code,
                                                      "weight": weight}, token=token))["linkSupport"]
    return refusal(payload, "supportLink")
