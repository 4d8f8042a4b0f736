"""Organisation mutations (HR): one input, one use case, a Success | OperationError payload each."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

import strawberry

from backend.graphql.context import Info
from backend.graphql.errors import OperationError
from backend.graphql.ids import decode_id
from backend.graphql.org.types import (
    DepartmentKindEnum,
    DepartmentType,
    EmployeeType,
    RegionType,
    RoleEnum,
    SupportLinkType,
    employee_node,
)
from backend.graphql.permissions import IsHR, MutationGuard
from backend.graphql.run import checked, run_use_case
from backend.graphql.scalars import DecimalNumber, Money
from backend.persistence.models import Employee
from backend.services import org


@strawberry.input
class RegionTargetInput:
    period: str = strawberry.field(description='"YYYY-MM"')
    revenue_target: Money  # type: ignore[valid-type]


@strawberry.input
class CreateRegionInput:
    code: str
    name: str
    targets: list[RegionTargetInput] = strawberry.field(default_factory=list)


@strawberry.input
class CreateDepartmentInput:
    code: str
    name: str
    kind: DepartmentKindEnum  # type: ignore[valid-type]


@strawberry.input
class HireEmployeeInput:
    employee_no: str
    name: str
    department_code: str
    region_code: str | None = strawberry.field(default=None, description="Required for frontline departments.")
    position: str
    base_salary: Money  # type: ignore[valid-type]
    target_bonus: Money = Decimal("0")  # type: ignore[valid-type]
    hire_date: dt.date
    roles: list[RoleEnum] = strawberry.field(default_factory=lambda: [org.Role.STAFF])  # type: ignore[valid-type]
    password: str | None = strawberry.field(default=None, description="Initial password (≥ 8 characters).")


@strawberry.input
class TransferEmployeeInput:
    employee_id: strawberry.ID
    effective_date: dt.date
    department_code: str | None = None
    region_code: str | None = None
    position: str | None = None
    base_salary: Money | None = None  # type: ignore[valid-type]
    target_bonus: Money | None = None  # type: ignore[valid-type]


@strawberry.type
class RegionSuccess:
    region: RegionType


@strawberry.type
class DepartmentSuccess:
    department: DepartmentType


@strawberry.type
class EmployeeSuccess:
    employee: EmployeeType


@strawberry.type
class SupportLinkSuccess:
    support_link: SupportLinkType


RegionPayload = Annotated[RegionSuccess | OperationError, strawberry.union("RegionPayload")]
DepartmentPayload = Annotated[DepartmentSuccess | OperationError, strawberry.union("DepartmentPayload")]
EmployeePayload = Annotated[EmployeeSuccess | OperationError, strawberry.union("EmployeePayload")]
SupportLinkPayload = Annotated[SupportLinkSuccess | OperationError, strawberry.union("SupportLinkPayload")]


async def _employee_success(result: Employee | OperationError) -> EmployeeSuccess | OperationError:
    if isinstance(result, OperationError):
        return result
    node = await employee_node(result.id)
    assert node is not None, "the employee was committed a moment ago"
    return EmployeeSuccess(employee=node)


@strawberry.type
class OrgMutation:
    @strawberry.mutation(extensions=[MutationGuard(IsHR)])
    async def create_region(self, info: Info, input: CreateRegionInput) -> RegionPayload:
        result = await run_use_case(info.context, org.create_region, code=input.code, name=input.name,
                                    targets=[(t.period, t.revenue_target) for t in input.targets])
        return result if isinstance(result, OperationError) else RegionSuccess(region=RegionType.from_model(result))

    @strawberry.mutation(extensions=[MutationGuard(IsHR)])
    async def set_region_target(self, info: Info, region_code: str, period: str,
                                revenue_target: Money) -> RegionPayload:  # type: ignore[valid-type]
        result = await run_use_case(info.context, org.set_region_target, region_code=region_code, period=period,
                                    revenue_target=revenue_target)
        return result if isinstance(result, OperationError) else RegionSuccess(region=RegionType.from_model(result))

    @strawberry.mutation(extensions=[MutationGuard(IsHR)])
    async def create_department(self, info: Info, input: CreateDepartmentInput) -> DepartmentPayload:
        result = await run_use_case(info.context, org.create_department, code=input.code, name=input.name,
                                    kind=input.kind)
        if isinstance(result, OperationError):
            return result
        return DepartmentSuccess(department=DepartmentType.from_model(result))

    @strawberry.mutation(extensions=[MutationGuard(IsHR)])
    async def hire_employee(self, info: Info, input: HireEmployeeInput) -> EmployeePayload:
        data = org.HireData(
            employee_no=input.employee_no, name=input.name, department_code=input.department_code,
            region_code=input.region_code, position=input.position, base_salary=input.base_salary,
            target_bonus=input.target_bonus, hire_date=input.hire_date, roles=tuple(input.roles),
            password=input.password,
        )
        return await _employee_success(await run_use_case(info.context, org.hire_employee, data=data))

    @strawberry.mutation(extensions=[MutationGuard(IsHR)])
    async def transfer_employee(self, info: Info, input: TransferEmployeeInput) -> EmployeePayload:
        employee_id = checked(lambda: decode_id("Employee", input.employee_id, field="employeeId"))
        if isinstance(employee_id, OperationError):
            return employee_id
        data = org.TransferData(
            employee_id=employee_id, effective_date=input.effective_date, department_code=input.department_code,
            region_code=input.region_code, position=input.position, base_salary=input.base_salary,
            target_bonus=input.target_bonus,
        )
        return await _employee_success(await run_use_case(info.context, org.transfer_employee, data=data))

    @strawberry.mutation(extensions=[MutationGuard(IsHR)],
                         description="Record leave; `lastDay` is the last day employed (inclusive).")
    async def record_leave(self, info: Info, employee_id: strawberry.ID, last_day: dt.date) -> EmployeePayload:
        pk = checked(lambda: decode_id("Employee", employee_id, field="employeeId"))
        if isinstance(pk, OperationError):
            return pk
        return await _employee_success(await run_use_case(info.context, org.record_leave, employee_id=pk,
                                                    last_day=last_day))

    @strawberry.mutation(extensions=[MutationGuard(IsHR)],
                         description="Link a backend department to a region it supports, or change the weight.")
    async def link_support(self, info: Info, department_code: str, region_code: str,
                           weight: DecimalNumber = Decimal(1)) -> SupportLinkPayload:  # type: ignore[valid-type]
        result = await run_use_case(info.context, org.link_support, department_code=department_code,
                                    region_code=region_code, weight=weight)
        if isinstance(result, OperationError):
            return result
        return SupportLinkSuccess(support_link=SupportLinkType.from_model(result))
