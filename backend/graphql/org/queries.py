"""Organisation queries: me, employees (cursor pages), employee, regions, departments."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from graphql import GraphQLError

from backend.domain.errors import DomainError
from backend.graphql.context import Info
from backend.graphql.ids import decode_id
from backend.graphql.org.types import (
    DepartmentType,
    EmployeeConnection,
    EmployeeEdge,
    EmployeeStatusEnum,
    EmployeeType,
    PageInfo,
    RegionType,
    employee_node,
)
from backend.graphql.permissions import CanReadDirectory, CanReadOrganisation
from backend.persistence.models import Department, Region
from backend.services import org

MAX_PAGE_SIZE = 500


def _selected(selections: Any) -> set[str]:
    found: set[str] = set()
    for selection in selections:
        name = getattr(selection, "name", None)
        if name:
            found.add(name)
        found |= _selected(getattr(selection, "selections", []) or [])
    return found


def _columns(info: Info) -> org.EmployeeColumns:
    """The column groups a page's selection needs (fragments included; a name anywhere counts)."""
    names = _selected(info.selected_fields)
    return org.EmployeeColumns(dates=not names.isdisjoint({"status", "hireDate", "leaveDate", "assignmentOn"}),
                               roles="roles" in names, pay=not names.isdisjoint({"baseSalary", "targetBonus"}))


@strawberry.type
class OrgQuery:
    @strawberry.field(description="The signed-in employee; null without a valid session token.")
    async def me(self, info: Info) -> EmployeeType | None:
        viewer = info.context.viewer
        if viewer.employee_id is None:
            return None
        return await employee_node(viewer.employee_id)

    @strawberry.field(permission_classes=[CanReadDirectory],
                      description=f"Employees ordered by id, a cursor page at a time (first ≤ {MAX_PAGE_SIZE}).")
    async def employees(
        self,
        info: Info,
        first: int = 50,
        after: str | None = None,
        department_code: str | None = None,
        region_code: str | None = None,
        search: Annotated[str | None, strawberry.argument(
            description="Part of the name or employee number, any case")] = None,
        status: Annotated[EmployeeStatusEnum | None, strawberry.argument(  # type: ignore[valid-type]
            description="Employed or left, on the organisation's date")] = None,
    ) -> EmployeeConnection:
        if not 1 <= first <= MAX_PAGE_SIZE:
            raise GraphQLError(f"first must be between 1 and {MAX_PAGE_SIZE}")
        after_id = decode_id("Employee", after, field="after") if after else None
        page = await org.list_employees(first=first, after_id=after_id, department_code=department_code,
                                        region_code=region_code, search=search, status=status,
                                        columns=_columns(info))
        edges = [EmployeeEdge(cursor=node.id, node=node) for node in EmployeeType.from_rows(page.rows)]
        return EmployeeConnection(
            edges=edges,
            page_info=PageInfo(has_next_page=page.has_next_page, end_cursor=edges[-1].cursor if edges else None),
            filters={"department_code": department_code, "region_code": region_code, "search": search,
                     "status": status},
        )

    @strawberry.field(permission_classes=[CanReadDirectory])
    async def employee(self, info: Info, id: strawberry.ID) -> EmployeeType | None:
        try:
            pk = decode_id("Employee", id)
        except DomainError:
            return None
        return await employee_node(pk)

    @strawberry.field(permission_classes=[CanReadOrganisation])
    async def regions(self, info: Info) -> list[RegionType]:
        return [RegionType.from_model(r) for r in await Region.all().order_by("code")]

    @strawberry.field(permission_classes=[CanReadOrganisation])
    async def departments(self, info: Info) -> list[DepartmentType]:
        return [DepartmentType.from_model(d) for d in await Department.all().order_by("code")]
