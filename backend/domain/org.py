"""Organisation rules (SPEC §1): codes, employees and their effective-dated assignments."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Protocol, TypeVar

from backend.domain.errors import ValidationError
from backend.domain.money import is_whole_cents

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")
PERIOD_PATTERN = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
MAX_NAME_LENGTH = 100
MAX_AMOUNT = Decimal("100000000")
# Every date, time and period a client sends lies in these years (hire dates, effective dates, periods,
# customer reports): wide enough for any employee's career and any plan, narrow enough to refuse typos
# such as year 1 or 9999 that would otherwise sit in payroll and analytics for ever.
EARLIEST_DATE = date(1950, 1, 1)
LATEST_DATE = date(2100, 12, 31)


class DepartmentKind(str, Enum):
    FRONTLINE = "FRONTLINE"
    BACKEND = "BACKEND"


class EmployeeStatus(str, Enum):
    ACTIVE = "ACTIVE"
    LEFT = "LEFT"


class Role(str, Enum):
    STAFF = "STAFF"
    MANAGER = "MANAGER"
    HR = "HR"
    ADMIN = "ADMIN"


class AssignmentReason(str, Enum):
    HIRE = "HIRE"
    TRANSFER = "TRANSFER"


def clean_text(value: str, *, field: str, max_length: int = MAX_NAME_LENGTH, required: bool = True) -> str:
    """Trim and refuse control characters (PostgreSQL rejects NUL; nobody means to type one)."""
    text = unicodedata.normalize("NFC", value).strip()
    if required and not text:
        raise ValidationError(f"{field} must not be empty", field=field)
    if len(text) > max_length:
        raise ValidationError(f"{field} must be at most {max_length} characters", field=field)
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise ValidationError(f"{field} must not contain control characters", field=field)
    return text


def clean_code(value: str, *, field: str = "code") -> str:
    code = value.strip()
    if not CODE_PATTERN.match(code):
        raise ValidationError(
            f"{field} must be 1–32 letters, digits, '-', '_' or '.', starting with a letter or digit",
            field=field,
        )
    return code.upper()


def clean_period(value: str, *, field: str = "period") -> str:
    match = PERIOD_PATTERN.match(value)
    if not match:
        raise ValidationError(f"{field} must be a month written YYYY-MM", field=field)
    if not EARLIEST_DATE.year <= int(match.group(1)) <= LATEST_DATE.year:
        raise ValidationError(f"{field} must be a month between {EARLIEST_DATE.year}-01 and {LATEST_DATE.year}-12",
                              field=field)
    return value


def clean_amount(value: Decimal, *, field: str, allow_zero: bool = True) -> Decimal:
    if value.is_finite() and abs(value) >= MAX_AMOUNT:  # before any quantize, which overflows on 1e30
        raise ValidationError(f"{field} is implausibly large", field=field)
    if not value.is_finite() or not is_whole_cents(value):
        raise ValidationError(f"{field} must be an amount in yuan with at most 2 decimal places", field=field)
    if value < 0 or (value == 0 and not allow_zero):
        raise ValidationError(f"{field} must not be negative" if value < 0 else f"{field} must be positive",
                              field=field)
    if value >= MAX_AMOUNT:
        raise ValidationError(f"{field} is implausibly large", field=field)
    return value.quantize(Decimal("0.01"))


def clean_weight(value: Decimal, *, field: str = "weight") -> Decimal:
    if not value.is_finite() or value <= 0 or value > 1000:
        raise ValidationError(f"{field} must be a positive number up to 1000", field=field)
    return value


def clean_roles(roles: Iterable[Role]) -> tuple[Role, ...]:
    unique = tuple(sorted(set(roles), key=lambda r: list(Role).index(r)))
    return unique or (Role.STAFF,)


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where an employee sits from `effective_from` until the next assignment (or leaving)."""

    effective_from: date
    department_id: int
    department_kind: DepartmentKind
    region_id: int | None
    position: str
    base_salary: Decimal
    target_bonus: Decimal
    reason: AssignmentReason


def check_region_fits_department(kind: DepartmentKind, region_id: int | None) -> None:
    if kind is DepartmentKind.FRONTLINE and region_id is None:
        raise ValidationError("a frontline employee needs a region", field="regionCode")
    if kind is DepartmentKind.BACKEND and region_id is not None:
        raise ValidationError("backend employees belong to no region", field="regionCode")


def new_hire(
    *,
    hire_date: date,
    department_id: int,
    department_kind: DepartmentKind,
    region_id: int | None,
    position: str,
    base_salary: Decimal,
    target_bonus: Decimal,
) -> Assignment:
    check_region_fits_department(department_kind, region_id)
    return Assignment(
        effective_from=hire_date,
        department_id=department_id,
        department_kind=department_kind,
        region_id=region_id,
        position=clean_text(position, field="position"),
        base_salary=clean_amount(base_salary, field="baseSalary"),
        target_bonus=clean_amount(target_bonus, field="targetBonus"),
        reason=AssignmentReason.HIRE,
    )


@dataclass(frozen=True, slots=True)
class TransferChanges:
    """What a transfer changes; None keeps the current value."""

    department_id: int | None = None
    department_kind: DepartmentKind | None = None
    region_id: int | None = None
    clear_region: bool = False
    position: str | None = None
    base_salary: Decimal | None = None
    target_bonus: Decimal | None = None

    def is_empty(self) -> bool:
        return (
            self.department_id is None
            and self.region_id is None
            and self.position is None
            and self.base_salary is None
            and self.target_bonus is None
        )


def transfer(
    history: Sequence[Assignment],
    *,
    hire_date: date,
    leave_date: date | None,
    effective_from: date,
    changes: TransferChanges,
    today: date,
) -> Assignment:
    """The assignment a transfer creates; history is append-only, so it must come after the last one."""
    if changes.is_empty():
        raise ValidationError("a transfer must change the department, region, position or pay")
    if effective_from < hire_date:
        raise ValidationError(
            f"the transfer date {effective_from} is before the hire date {hire_date}", field="effectiveDate"
        )
    if effective_from > today:
        raise ValidationError("a transfer cannot be dated in the future; record it on or after its date",
                              field="effectiveDate")
    if leave_date is not None and effective_from > leave_date:
        raise ValidationError(f"the employee left on {leave_date}", field="effectiveDate")
    current = history[-1]
    if effective_from <= current.effective_from:
        raise ValidationError(
            f"the transfer date must be after the latest assignment ({current.effective_from})",
            field="effectiveDate",
        )
    kind = changes.department_kind or current.department_kind
    if changes.department_id is not None and kind is DepartmentKind.BACKEND:
        region_id = None
    elif changes.region_id is not None:
        region_id = changes.region_id
    else:
        region_id = current.region_id
    check_region_fits_department(kind, region_id)
    return replace(
        current,
        effective_from=effective_from,
        department_id=changes.department_id or current.department_id,
        department_kind=kind,
        region_id=region_id,
        position=clean_text(changes.position, field="position") if changes.position is not None else current.position,
        base_salary=clean_amount(changes.base_salary, field="baseSalary")
        if changes.base_salary is not None
        else current.base_salary,
        target_bonus=clean_amount(changes.target_bonus, field="targetBonus")
        if changes.target_bonus is not None
        else current.target_bonus,
        reason=AssignmentReason.TRANSFER,
    )


def check_leave(history: Sequence[Assignment], *, hire_date: date, leave_date: date | None, last_day: date) -> date:
    """Leave takes effect after `last_day` (the last day employed, inclusive)."""
    if leave_date is not None:
        raise ValidationError(f"the employee's leave is already recorded ({leave_date})", field="effectiveDate")
    if last_day < hire_date:
        raise ValidationError(f"the leave date {last_day} is before the hire date {hire_date}",
                              field="effectiveDate")
    if history and last_day < history[-1].effective_from:
        raise ValidationError(
            f"the leave date is before the latest assignment ({history[-1].effective_from})", field="effectiveDate"
        )
    return last_day


class Dated(Protocol):
    @property
    def effective_from(self) -> date: ...


D = TypeVar("D", bound=Dated)


def assignment_on(history: Sequence[D], day: date, *, hire_date: date, leave_date: date | None) -> D | None:
    """The assignment in force on `day` (history oldest first), or None when not employed that day."""
    if day < hire_date or (leave_date is not None and day > leave_date):
        return None
    in_force: D | None = None
    for assignment in history:
        if assignment.effective_from <= day:
            in_force = assignment
        else:
            break
    return in_force


def status_on(day: date, *, leave_date: date | None) -> EmployeeStatus:
    return EmployeeStatus.LEFT if leave_date is not None and day > leave_date else EmployeeStatus.ACTIVE
