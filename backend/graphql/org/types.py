"""Organisation types: Region, Department, SupportLink, Employee, Assignment."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import Any

import strawberry
from strawberry import Private

from backend.domain.org import AssignmentReason, DepartmentKind, EmployeeStatus, Role, status_on
from backend.domain.org import assignment_on as domain_assignment_on
from backend.graphql.context import Info
from backend.graphql.ids import encode_id
from backend.graphql.permissions import pay_field
from backend.graphql.scalars import DecimalNumber, Money
from backend.persistence import models
from backend.services.org import employee_rows, today

DepartmentKindEnum = strawberry.enum(DepartmentKind, name="DepartmentKind")
EmployeeStatusEnum = strawberry.enum(EmployeeStatus, name="EmployeeStatus")
RoleEnum = strawberry.enum(Role, name="Role")
AssignmentReasonEnum = strawberry.enum(AssignmentReason, name="AssignmentReason")


@strawberry.type(name="RegionTarget", description="Revenue target of a region for one period.")
class RegionTargetType:
    period: str = strawberry.field(description='"YYYY-MM"')
    revenue_target: Money  # type: ignore[valid-type]


@strawberry.type(name="Region", description="A sales region (片区) served by frontline teams.")
class RegionType:
    pk: Private[int]
    id: strawberry.ID
    code: str
    name: str

    @strawberry.field(description="Revenue targets by period, oldest first.")
    async def targets(self, info: Info) -> list[RegionTargetType]:
        rows = await info.context.loaders.targets_by_region_id.load(self.pk)
        return [RegionTargetType(period=r.period, revenue_target=r.revenue_target) for r in rows]

    @strawberry.field(description="Backend departments that support this region.")
    async def supported_by(self, info: Info) -> list[SupportLinkType]:
        rows = await info.context.loaders.support_links_by_region_id.load(self.pk)
        return [SupportLinkType.from_model(r) for r in rows]

    @classmethod
    def from_model(cls, row: models.Region) -> RegionType:
        return cls.of(row.id, row.code, row.name)

    @classmethod
    def of(cls, pk: int, code: str, name: str) -> RegionType:
        return cls(pk=pk, id=encode_id("Region", pk), code=code, name=name)


@strawberry.type(name="Department")
class DepartmentType:
    pk: Private[int]
    id: strawberry.ID
    code: str
    name: str
    kind: DepartmentKindEnum  # type: ignore[valid-type]

    @strawberry.field(description="Regions this backend department supports (empty for frontline).")
    async def supports(self, info: Info) -> list[SupportLinkType]:
        rows = await info.context.loaders.support_links_by_department_id.load(self.pk)
        return [SupportLinkType.from_model(r) for r in rows]

    @classmethod
    def from_model(cls, row: models.Department) -> DepartmentType:
        return cls.of(row.id, row.code, row.name, row.kind)

    @classmethod
    def of(cls, pk: int, code: str, name: str, kind: DepartmentKind | str) -> DepartmentType:
        return cls(pk=pk, id=encode_id("Department", pk), code=code, name=name, kind=DepartmentKind(kind))


@strawberry.type(name="SupportLink", description="A backend department supports a region, with a weight.")
class SupportLinkType:
    pk: Private[int]
    department_pk: Private[int]
    region_pk: Private[int]
    weight: DecimalNumber  # type: ignore[valid-type]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return encode_id("SupportLink", self.pk)

    @strawberry.field
    async def department(self, info: Info) -> DepartmentType:
        row = await info.context.loaders.department_by_id.load(self.department_pk)
        return DepartmentType.from_model(row)

    @strawberry.field
    async def region(self, info: Info) -> RegionType:
        row = await info.context.loaders.region_by_id.load(self.region_pk)
        return RegionType.from_model(row)

    @classmethod
    def from_model(cls, row: models.SupportLink) -> SupportLinkType:
        return cls(pk=row.id, department_pk=row.department_id, region_pk=row.region_id,
                   weight=Decimal(row.weight))


@strawberry.type(name="Assignment", description="Where an employee sat from `effectiveFrom` on.")
class AssignmentType:
    employee_pk: Private[int]
    department_pk: Private[int]
    region_pk: Private[int | None]
    effective_from: dt.date
    position: str
    reason: AssignmentReasonEnum  # type: ignore[valid-type]
    base_salary: Money | None = strawberry.field(extensions=[pay_field()])  # type: ignore[valid-type]
    target_bonus: Money | None = strawberry.field(extensions=[pay_field()])  # type: ignore[valid-type]

    @strawberry.field
    async def department(self, info: Info) -> DepartmentType:
        return DepartmentType.from_model(await info.context.loaders.department_by_id.load(self.department_pk))

    @strawberry.field
    async def region(self, info: Info) -> RegionType | None:
        if self.region_pk is None:
            return None
        return RegionType.from_model(await info.context.loaders.region_by_id.load(self.region_pk))

    @classmethod
    def from_model(cls, row: Any) -> AssignmentType:
        return cls(employee_pk=row.employee_id, department_pk=row.department_id, region_pk=row.region_id,
                   effective_from=row.effective_from, position=row.position, reason=row.reason,
                   base_salary=row.base_salary, target_bonus=row.target_bonus)


@functools.lru_cache(maxsize=64)
def _roles(stored: str) -> list[Role]:
    # A handful of distinct role sets: parse each once. Callers never mutate the list.
    return [Role(r) for r in stored.split(",") if r]


@strawberry.type(name="Employee")
class EmployeeType:
    """Every field a page lists is a plain attribute, filled from one joined query: no resolver per row."""

    employee_pk: Private[int]
    id: strawberry.ID
    employee_no: str
    name: str
    department: DepartmentType
    region: RegionType | None = strawberry.field(description="Sales region; null for backend staff.")
    position: str
    status: EmployeeStatusEnum  # type: ignore[valid-type]
    hire_date: dt.date
    leave_date: dt.date | None = strawberry.field(description="Last day employed, when leave is recorded.")
    roles: list[RoleEnum]  # type: ignore[valid-type]
    base_salary: Money | None = strawberry.field(  # type: ignore[valid-type]
        extensions=[pay_field()], description="Visible to the employee, HR and read:payroll partners; else null.")
    target_bonus: Money | None = strawberry.field(  # type: ignore[valid-type]
        extensions=[pay_field()], description="Visible to the employee, HR and read:payroll partners; else null.")

    @strawberry.field(description="Assignment history (hire, transfers), oldest first.")
    async def history(self, info: Info) -> list[AssignmentType]:
        rows = await info.context.loaders.assignments_by_employee_id.load(self.employee_pk)
        return [AssignmentType.from_model(r) for r in rows]

    @strawberry.field(description="The assignment in force on a day; null when not employed that day.")
    async def assignment_on(self, info: Info, date: dt.date) -> AssignmentType | None:
        rows = await info.context.loaders.assignments_by_employee_id.load(self.employee_pk)
        found = domain_assignment_on(rows, date, hire_date=self.hire_date, leave_date=self.leave_date)
        return None if found is None else AssignmentType.from_model(found)

    @classmethod
    def from_row(cls, row: dict[str, Any], department: DepartmentType, region: RegionType | None,
                 on: dt.date) -> EmployeeType:
        """From a row of `services.org.EMPLOYEE_COLUMNS`; a column group the page did not read (see
        `services.org.EmployeeColumns`) is left None, and its fields are never selected."""
        dated = "leave_date" in row
        roles = row.get("roles")
        return cls(
            employee_pk=row["id"], id=encode_id("Employee", row["id"]), employee_no=row["employee_no"],
            name=row["name"], department=department, region=region, position=row["position"],
            status=status_on(on, leave_date=row["leave_date"]) if dated else None,  # type: ignore[arg-type]
            hire_date=row.get("hire_date"), leave_date=row.get("leave_date"),  # type: ignore[arg-type]
            roles=_roles(roles) if roles is not None else [],
            base_salary=row.get("base_salary"), target_bonus=row.get("target_bonus"),
        )

    @classmethod
    def from_rows(cls, rows: list[dict[str, Any]]) -> list[EmployeeType]:
        """One DepartmentType/RegionType object per distinct department/region on the page."""
        departments: dict[int, DepartmentType] = {}
        regions: dict[int, RegionType] = {}
        on = today()
        nodes = []
        for row in rows:
            department = departments.get(row["department_id"])
            if department is None:
                department = departments[row["department_id"]] = DepartmentType.of(
                    row["department_id"], row["department__code"], row["department__name"], row["department__kind"])
            region = None
            if row["region_id"] is not None:
                region = regions.get(row["region_id"])
                if region is None:
                    region = regions[row["region_id"]] = RegionType.of(row["region_id"], row["region__code"],
                                                                       row["region__name"])
            nodes.append(cls.from_row(row, department, region, on))
        return nodes


async def employee_node(employee_id: int) -> EmployeeType | None:
    nodes = EmployeeType.from_rows(await employee_rows([employee_id]))
    return nodes[0] if nodes else None


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class EmployeeEdge:
    cursor: str
    node: EmployeeType


@strawberry.type
class EmployeeConnection:
    edges: list[EmployeeEdge]
    page_info: PageInfo
    filters: Private[dict[str, Any]]

    @strawberry.field(description="Employees matching the filters, over all pages.")
    async def total_count(self) -> int:
        from backend.services.org import count_employees

        return await count_employees(department_code=self.filters.get("department_code"),
                                     region_code=self.filters.get("region_code"), search=self.filters.get("search"),
                                     status=self.filters.get("status"))

    @strawberry.field
    def nodes(self) -> list[EmployeeType]:
        return [edge.node for edge in self.edges]

