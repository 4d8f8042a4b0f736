"""Organisation use cases (SPEC §1): regions, departments, hire/transfer/leave, support links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q

from backend.domain import org as rules
from backend.domain.access import may_change_pay_of
from backend.domain.errors import Duplicate, NotFound, PermissionDenied, ValidationError
from backend.domain.events import EmployeeChanged
from backend.domain.org import Assignment, DepartmentKind, EmployeeStatus, Role, TransferChanges
from backend.persistence.models import (
    Department,
    Employee,
    EmployeeAssignment,
    Region,
    RegionTarget,
    SupportLink,
)
from backend.persistence.raw import PreparedQuery, as_date, as_decimal, fetch_rows
from backend.services import clock
from backend.services.security import MIN_PASSWORD_LENGTH, hash_password_off_loop
from backend.services.uow import UnitOfWork


def today() -> date:
    """The organisation's date (services/clock.py), never the UTC date."""
    return clock.today()


def roles_of(employee: Employee) -> tuple[Role, ...]:
    return tuple(Role(value) for value in employee.roles.split(",") if value)


def _require_hr(uow: UnitOfWork) -> None:
    # The API checks this too; services check again so the CLI and future callers cannot skip it.
    if not uow.actor.is_hr:
        raise PermissionDenied("only HR or an administrator may change the organisation")


# --- regions and departments -------------------------------------------------------------


async def create_region(
    *, uow: UnitOfWork, code: str, name: str, targets: list[tuple[str, Decimal]] | None = None
) -> Region:
    _require_hr(uow)
    clean_code = rules.clean_code(code)
    clean_name = rules.clean_text(name, field="name")
    cleaned_targets = [
        (rules.clean_period(period, field="targets.period"),
         rules.clean_amount(amount, field="targets.revenueTarget"))
        for period, amount in targets or []
    ]
    if len({period for period, _ in cleaned_targets}) != len(cleaned_targets):
        raise ValidationError("each period may have one target only", field="targets")
    if await Region.filter(code=clean_code).using_db(uow.connection).exists():
        raise Duplicate(f"a region with code {clean_code} already exists", field="code")
    region = await Region.create(code=clean_code, name=clean_name, using_db=uow.connection)
    for period, amount in cleaned_targets:
        await RegionTarget.create(region=region, period=period, revenue_target=amount, using_db=uow.connection)
    await uow.audit(action="region.create", entity="region", entity_id=region.id,
                    after={"code": clean_code, "name": clean_name,
                           **{f"target:{p}": a for p, a in cleaned_targets}})
    return region


async def set_region_target(*, uow: UnitOfWork, region_code: str, period: str, revenue_target: Decimal) -> Region:
    _require_hr(uow)
    region = await _region_by_code(uow, region_code)
    clean_period = rules.clean_period(period)
    amount = rules.clean_amount(revenue_target, field="revenueTarget")
    existing = await RegionTarget.filter(region=region, period=clean_period).using_db(uow.connection).first()
    before = {"revenue_target": existing.revenue_target} if existing else None
    if existing:
        existing.revenue_target = amount
        await existing.save(using_db=uow.connection, update_fields=["revenue_target"])
    else:
        await RegionTarget.create(region=region, period=clean_period, revenue_target=amount,
                                  using_db=uow.connection)
    await uow.audit(action="region.target", entity="region", entity_id=f"{region.id}:{clean_period}",
                    before=before, after={"revenue_target": amount})
    return region


async def create_department(*, uow: UnitOfWork, code: str, name: str, kind: DepartmentKind) -> Department:
    _require_hr(uow)
    clean_code = rules.clean_code(code)
    clean_name = rules.clean_text(name, field="name")
    if await Department.filter(code=clean_code).using_db(uow.connection).exists():
        raise Duplicate(f"a department with code {clean_code} already exists", field="code")
    department = await Department.create(code=clean_code, name=clean_name, kind=kind, using_db=uow.connection)
    await uow.audit(action="department.create", entity="department", entity_id=department.id,
                    after={"code": clean_code, "name": clean_name, "kind": kind.value})
    return department


async def link_support(*, uow: UnitOfWork, department_code: str, region_code: str,
                       weight: Decimal = Decimal(1)) -> SupportLink:
    """Create the link, or change its weight when it exists."""
    _require_hr(uow)
    department = await _department_by_code(uow, department_code)
    if department.kind is not DepartmentKind.BACKEND:
        raise ValidationError(f"{department.code} is a frontline department; only backend departments "
                              "support regions", field="departmentCode")
    region = await _region_by_code(uow, region_code)
    clean = rules.clean_weight(weight)
    link = await SupportLink.filter(department=department, region=region).using_db(uow.connection).first()
    before = {"weight": link.weight} if link else None
    if link is None:
        link = await SupportLink.create(department=department, region=region, weight=clean,
                                        using_db=uow.connection)
    else:
        link.weight = clean
        await link.save(using_db=uow.connection, update_fields=["weight"])
    link.department = department
    link.region = region
    await uow.audit(action="support_link.set", entity="support_link", entity_id=link.id,
                    before=before, after={"department": department.code, "region": region.code, "weight": clean})
    return link


async def _department_by_code(uow: UnitOfWork, code: str) -> Department:
    department = await Department.filter(code=rules.clean_code(code, field="departmentCode")) \
        .using_db(uow.connection).first()
    if department is None:
        raise NotFound(f"no department with code {code!r}", field="departmentCode")
    return department


async def _region_by_code(uow: UnitOfWork, code: str) -> Region:
    region = await Region.filter(code=rules.clean_code(code, field="regionCode")).using_db(uow.connection).first()
    if region is None:
        raise NotFound(f"no region with code {code!r}", field="regionCode")
    return region


# --- employees ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HireData:
    employee_no: str
    name: str
    department_code: str
    region_code: str | None
    position: str
    base_salary: Decimal
    target_bonus: Decimal
    hire_date: date
    roles: tuple[Role, ...] = (Role.STAFF,)
    password: str | None = None


def _snapshot(employee: Employee) -> dict[str, Any]:
    return {
        "employee_no": employee.employee_no,
        "name": employee.name,
        "department_id": employee.department_id,
        "region_id": employee.region_id,
        "position": employee.position,
        "base_salary": employee.base_salary,
        "target_bonus": employee.target_bonus,
        "hire_date": employee.hire_date,
        "leave_date": employee.leave_date,
        "roles": employee.roles,
    }


async def _check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters", field="password")
    if len(password) > 256 or "\x00" in password:
        raise ValidationError("the password is not acceptable", field="password")
    return await hash_password_off_loop(password)


async def hire_employee(*, uow: UnitOfWork, data: HireData) -> Employee:
    _require_hr(uow)
    employee_no = rules.clean_code(data.employee_no, field="employeeNo")
    name = rules.clean_text(data.name, field="name")
    department = await _department_by_code(uow, data.department_code)
    region = await _region_by_code(uow, data.region_code) if data.region_code else None
    assignment = rules.new_hire(
        hire_date=data.hire_date, department_id=department.id, department_kind=department.kind,
        region_id=region.id if region else None, position=data.position,
        base_salary=data.base_salary, target_bonus=data.target_bonus,
    )
    password_hash = await _check_password(data.password) if data.password else None
    if await Employee.filter(employee_no=employee_no).using_db(uow.connection).exists():
        raise Duplicate(f"employee number {employee_no} is already taken", field="employeeNo")
    try:
        employee = await Employee.create(
            employee_no=employee_no, name=name, department=department, region=region,
            position=assignment.position, base_salary=assignment.base_salary,
            target_bonus=assignment.target_bonus, hire_date=data.hire_date,
            roles=",".join(r.value for r in rules.clean_roles(data.roles)), password_hash=password_hash,
            using_db=uow.connection,
        )
    except IntegrityError as exc:  # a concurrent hire took the number between check and insert
        raise Duplicate(f"employee number {employee_no} is already taken", field="employeeNo") from exc
    await _append_assignment(uow, employee.id, assignment)
    await uow.audit(action="employee.hire", entity="employee", entity_id=employee.id, after=_snapshot(employee))
    uow.record(EmployeeChanged(employee_id=employee.id, kind="HIRED"))
    return employee


async def _append_assignment(uow: UnitOfWork, employee_id: int, assignment: Assignment) -> None:
    await EmployeeAssignment.create(
        employee_id=employee_id, effective_from=assignment.effective_from,
        department_id=assignment.department_id, region_id=assignment.region_id,
        position=assignment.position, base_salary=assignment.base_salary,
        target_bonus=assignment.target_bonus, reason=assignment.reason, using_db=uow.connection,
    )


async def _employee_for_update(uow: UnitOfWork, employee_id: int) -> Employee:
    employee = await Employee.filter(id=employee_id).using_db(uow.connection).select_for_update().first()
    if employee is None:
        raise NotFound("no such employee", field="employeeId")
    return employee


async def assignment_history(employee_id: int, *, connection: Any = None) -> list[Assignment]:
    rows = await EmployeeAssignment.filter(employee_id=employee_id).using_db(connection) \
        .select_related("department").order_by("effective_from")
    return [
        Assignment(
            effective_from=row.effective_from, department_id=row.department_id,
            department_kind=row.department.kind, region_id=row.region_id, position=row.position,
            base_salary=row.base_salary, target_bonus=row.target_bonus, reason=row.reason,
        )
        for row in rows
    ]


@dataclass(frozen=True, slots=True)
class TransferData:
    employee_id: int
    effective_date: date
    department_code: str | None = None
    region_code: str | None = None
    position: str | None = None
    base_salary: Decimal | None = None
    target_bonus: Decimal | None = None


async def transfer_employee(*, uow: UnitOfWork, data: TransferData) -> Employee:
    _require_hr(uow)
    employee = await _employee_for_update(uow, data.employee_id)
    department = await _department_by_code(uow, data.department_code) if data.department_code else None
    region = await _region_by_code(uow, data.region_code) if data.region_code else None
    history = await assignment_history(employee.id, connection=uow.connection)
    assignment = rules.transfer(
        history, hire_date=employee.hire_date, leave_date=employee.leave_date,
        effective_from=data.effective_date, today=today(),
        changes=TransferChanges(
            department_id=department.id if department else None,
            department_kind=department.kind if department else None,
            region_id=region.id if region else None,
            position=data.position, base_salary=data.base_salary, target_bonus=data.target_bonus,
        ),
    )
    pay_changes = assignment.base_salary != employee.base_salary or assignment.target_bonus != employee.target_bonus
    if pay_changes and not may_change_pay_of(uow.actor, employee.id):
        raise PermissionDenied("nobody changes their own pay: another HR user or an administrator must make "
                               "this change", field="baseSalary" if data.base_salary is not None else "targetBonus")
    before = _snapshot(employee)
    await _append_assignment(uow, employee.id, assignment)
    employee.department_id = assignment.department_id
    employee.region_id = assignment.region_id
    employee.position = assignment.position
    employee.base_salary = assignment.base_salary
    employee.target_bonus = assignment.target_bonus
    await employee.save(using_db=uow.connection)
    await uow.audit(action="employee.transfer", entity="employee", entity_id=employee.id,
                    before=before, after={**_snapshot(employee), "effective_date": data.effective_date})
    if pay_changes:  # its own entry, so pay changes and who made them are found without reading every transfer
        await uow.audit(action="employee.pay", entity="employee", entity_id=employee.id,
                        before={"base_salary": before["base_salary"], "target_bonus": before["target_bonus"]},
                        after={"base_salary": employee.base_salary, "target_bonus": employee.target_bonus,
                               "effective_date": data.effective_date})
    uow.record(EmployeeChanged(employee_id=employee.id, kind="TRANSFERRED"))
    return employee


async def record_leave(*, uow: UnitOfWork, employee_id: int, last_day: date) -> Employee:
    _require_hr(uow)
    employee = await _employee_for_update(uow, employee_id)
    history = await assignment_history(employee.id, connection=uow.connection)
    before = _snapshot(employee)
    employee.leave_date = rules.check_leave(history, hire_date=employee.hire_date,
                                            leave_date=employee.leave_date, last_day=last_day)
    await employee.save(using_db=uow.connection, update_fields=["leave_date", "updated_at"])
    await uow.audit(action="employee.leave", entity="employee", entity_id=employee.id,
                    before=before, after=_snapshot(employee))
    uow.record(EmployeeChanged(employee_id=employee.id, kind="LEFT"))
    return employee


async def set_password(*, uow: UnitOfWork, employee_no: str, password: str,
                       roles: tuple[Role, ...] | None = None) -> Employee:
    _require_hr(uow)
    employee = await Employee.filter(employee_no=rules.clean_code(employee_no, field="employeeNo")) \
        .using_db(uow.connection).first()
    if employee is None:
        raise NotFound(f"no employee {employee_no!r}", field="employeeNo")
    employee.password_hash = await _check_password(password)
    if roles is not None:
        employee.roles = ",".join(r.value for r in rules.clean_roles((*roles_of(employee), *roles)))
    await employee.save(using_db=uow.connection, update_fields=["password_hash", "roles", "updated_at"])
    await uow.audit(action="employee.credentials", entity="employee", entity_id=employee.id,
                    after={"roles": employee.roles, "password": "changed"})
    return employee


# --- reads ----------------------------------------------------------------------------------


async def assignment_on(employee_id: int, day: date) -> Assignment | None:
    """Which department/region/position/pay employee X had on day D (None: not employed then)."""
    employee = await Employee.get_or_none(id=employee_id)
    if employee is None:
        raise NotFound("no such employee", field="employeeId")
    history = await assignment_history(employee_id)
    return rules.assignment_on(history, day, hire_date=employee.hire_date, leave_date=employee.leave_date)


# One JOIN gives everything a directory row shows; rows come back as dicts, not ORM objects (cheaper).
EMPLOYEE_COLUMNS = (
    "id", "employee_no", "name", "position", "hire_date", "leave_date", "roles", "base_salary", "target_bonus",
    "department_id", "department__code", "department__name", "department__kind",
    "region_id", "region__code", "region__name",
)
# What a page always reads; dates, roles and pay only when its selection asks (EmployeeColumns).
BASE_EMPLOYEE_COLUMNS = tuple(c for c in EMPLOYEE_COLUMNS
                              if c not in ("hire_date", "leave_date", "roles", "base_salary", "target_bonus"))


@dataclass(frozen=True, slots=True)
class EmployeeColumns:
    """Optional column groups of a directory page. Left out, a row holds None for them."""

    dates: bool = True  # hire_date, leave_date (and so the status)
    roles: bool = True
    pay: bool = True  # base_salary, target_bonus

    def names(self) -> tuple[str, ...]:
        extra = (("hire_date", "leave_date") if self.dates else ()) + (("roles",) if self.roles else ()) + \
            (("base_salary", "target_bonus") if self.pay else ())
        return BASE_EMPLOYEE_COLUMNS + extra


ALL_EMPLOYEE_COLUMNS = EmployeeColumns()


@dataclass(frozen=True, slots=True)
class EmployeePage:
    rows: list[dict[str, Any]]
    has_next_page: bool


_PAGE_SENTINELS = {"after_id": -918_273_645, "department_code": "\x01department", "region_code": "\x01region",
                   "limit": 918_273_645}
# One prepared statement per filter combination, built on first use (per dialect: the app has one).
_page_queries: dict[tuple[bool, bool, bool, EmployeeColumns, str], PreparedQuery] = {}


def _page_query(after: bool, department: bool, region: bool,
                columns: EmployeeColumns = ALL_EMPLOYEE_COLUMNS) -> PreparedQuery:
    key = (after, department, region, columns, Employee._meta.db.capabilities.dialect)
    prepared = _page_queries.get(key)
    if prepared is None:
        def build(**arguments: Any) -> Any:
            query = Employee.all().order_by("id")
            if after:
                query = query.filter(id__gt=arguments["after_id"])
            if department:
                query = query.filter(department__code=arguments["department_code"])
            if region:
                query = query.filter(region__code=arguments["region_code"])
            return query.limit(arguments["limit"]).values(*columns.names())

        wanted = {"limit"} | {name for name, on in (("after_id", after), ("department_code", department),
                                                    ("region_code", region)) if on}
        prepared = _page_queries[key] = PreparedQuery(
            build, **{name: value for name, value in _PAGE_SENTINELS.items() if name in wanted})
    return prepared


MAX_SEARCH_LENGTH = 100


def _directory_filter(query: Any, *, department_code: str | None, region_code: str | None,
                      search: str | None, status: EmployeeStatus | None) -> Any:
    if department_code:
        query = query.filter(department__code=rules.clean_code(department_code, field="departmentCode"))
    if region_code:
        query = query.filter(region__code=rules.clean_code(region_code, field="regionCode"))
    words = (search or "").strip()
    if words:
        words = rules.clean_text(words, field="search", max_length=MAX_SEARCH_LENGTH)
        query = query.filter(Q(name__icontains=words) | Q(employee_no__icontains=words))
    if status is not None:
        # The last day employed is inclusive (domain status_on), judged on the organisation's date.
        on = today()
        query = query.filter(Q(leave_date__lt=on) if status is EmployeeStatus.LEFT
                             else Q(leave_date__isnull=True) | Q(leave_date__gte=on))
    return query


async def list_employees(*, first: int, after_id: int | None, department_code: str | None,
                         region_code: str | None, search: str | None = None,
                         status: EmployeeStatus | None = None,
                         columns: EmployeeColumns = ALL_EMPLOYEE_COLUMNS) -> EmployeePage:
    """A keyset page ordered by id, department and region joined in the same query."""
    if (search or "").strip() or status is not None:
        # HR's directory search: the ORM query (the prepared statements serve the partners' plain pages).
        query = _directory_filter(Employee.all().order_by("id"), department_code=department_code,
                                  region_code=region_code, search=search, status=status)
        if after_id is not None:
            query = query.filter(id__gt=after_id)
        rows = await _employee_rows(query.limit(first + 1))
        return EmployeePage(rows=rows[:first], has_next_page=len(rows) > first)
    arguments: dict[str, Any] = {"limit": first + 1}
    if after_id is not None:
        arguments["after_id"] = after_id
    if department_code:
        arguments["department_code"] = rules.clean_code(department_code, field="departmentCode")
    if region_code:
        arguments["region_code"] = rules.clean_code(region_code, field="regionCode")
    prepared = _page_query(after_id is not None, bool(department_code), bool(region_code), columns)
    rows = _convert_employee_rows(await prepared.fetch(**arguments), columns)
    return EmployeePage(rows=rows[:first], has_next_page=len(rows) > first)


async def employee_rows(ids: list[int]) -> list[dict[str, Any]]:
    """Directory rows for these employees, in the order asked; unknown ids are left out."""
    rows = await _employee_rows(Employee.filter(id__in=ids))
    by_id = {row["id"]: row for row in rows}
    return [by_id[i] for i in ids if i in by_id]


async def _employee_rows(query: Any) -> list[dict[str, Any]]:
    return _convert_employee_rows(await fetch_rows(query.values(*EMPLOYEE_COLUMNS)))


def _convert_employee_rows(rows: list[dict[str, Any]],
                           columns: EmployeeColumns = ALL_EMPLOYEE_COLUMNS) -> list[dict[str, Any]]:
    for row in rows:
        if columns.dates:
            row["hire_date"] = as_date(row["hire_date"])
            row["leave_date"] = as_date(row["leave_date"])
        if columns.pay:
            row["base_salary"] = as_decimal(row["base_salary"])
            row["target_bonus"] = as_decimal(row["target_bonus"])
    return rows


async def count_employees(*, department_code: str | None, region_code: str | None, search: str | None = None,
                          status: EmployeeStatus | None = None) -> int:
    query = _directory_filter(Employee.all(), department_code=department_code, region_code=region_code,
                              search=search, status=status)
    count: int = await query.count()
    return count
