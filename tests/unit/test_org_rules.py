"""Organisation rules: hire, transfer, leave and the assignment in force on a day."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from backend.domain.errors import ValidationError
from backend.domain.org import (
    Assignment,
    AssignmentReason,
    DepartmentKind,
    EmployeeStatus,
    TransferChanges,
    assignment_on,
    check_leave,
    clean_amount,
    clean_code,
    clean_period,
    clean_text,
    new_hire,
    status_on,
    transfer,
)

HIRED = date(2024, 1, 1)
TODAY = date(2026, 11, 28)


def hire(**overrides: object) -> Assignment:
    values: dict = {"hire_date": HIRED, "department_id": 1, "department_kind": DepartmentKind.FRONTLINE,
                    "region_id": 7, "position": "客户经理", "base_salary": Decimal("9000.00"),
                    "target_bonus": Decimal("1000.00")}
    values.update(overrides)
    return new_hire(**values)


def test_frontline_needs_a_region_and_backend_has_none() -> None:
    with pytest.raises(ValidationError, match="needs a region"):
        hire(region_id=None)
    with pytest.raises(ValidationError, match="no region"):
        hire(department_kind=DepartmentKind.BACKEND)
    assert hire(department_kind=DepartmentKind.BACKEND, region_id=None).region_id is None


def test_transfer_appends_after_the_latest_assignment() -> None:
    history = [hire()]
    moved = transfer(history, hire_date=HIRED, leave_date=None, effective_from=date(2025, 3, 1), today=TODAY,
                     changes=TransferChanges(region_id=9, base_salary=Decimal("9500.00")))
    assert (moved.region_id, moved.base_salary, moved.position, moved.reason) == (
        9, Decimal("9500.00"), "客户经理", AssignmentReason.TRANSFER)

    with pytest.raises(ValidationError, match="after the latest assignment"):
        transfer([*history, moved], hire_date=HIRED, leave_date=None, effective_from=date(2025, 3, 1),
                 today=TODAY, changes=TransferChanges(position="组长"))


@pytest.mark.parametrize(("effective", "leave", "message"), [
    (date(2023, 12, 31), None, "before the hire date"),
    (date(2027, 1, 1), None, "future"),
    (date(2026, 6, 1), date(2026, 5, 31), "left on"),
])
def test_transfer_dates_are_checked(effective: date, leave: date | None, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        transfer([hire()], hire_date=HIRED, leave_date=leave, effective_from=effective, today=TODAY,
                 changes=TransferChanges(position="组长"))


def test_transfer_to_backend_drops_the_region_and_to_frontline_needs_one() -> None:
    to_backend = transfer([hire()], hire_date=HIRED, leave_date=None, effective_from=date(2025, 1, 1), today=TODAY,
                          changes=TransferChanges(department_id=2, department_kind=DepartmentKind.BACKEND))
    assert to_backend.region_id is None
    with pytest.raises(ValidationError, match="needs a region"):
        transfer([to_backend], hire_date=HIRED, leave_date=None, effective_from=date(2025, 6, 1), today=TODAY,
                 changes=TransferChanges(department_id=1, department_kind=DepartmentKind.FRONTLINE))


def test_transfer_must_change_something_and_pay_must_not_be_negative() -> None:
    with pytest.raises(ValidationError, match="must change"):
        transfer([hire()], hire_date=HIRED, leave_date=None, effective_from=date(2025, 1, 1), today=TODAY,
                 changes=TransferChanges())
    with pytest.raises(ValidationError, match="negative"):
        transfer([hire()], hire_date=HIRED, leave_date=None, effective_from=date(2025, 1, 1), today=TODAY,
                 changes=TransferChanges(base_salary=Decimal("-1")))


def test_assignment_on_a_day() -> None:
    first = hire()
    second = transfer([first], hire_date=HIRED, leave_date=None, effective_from=date(2025, 3, 1), today=TODAY,
                      changes=TransferChanges(region_id=9))
    history = [first, second]
    leave = date(2026, 5, 31)

    assert assignment_on(history, date(2023, 12, 31), hire_date=HIRED, leave_date=leave) is None
    assert assignment_on(history, HIRED, hire_date=HIRED, leave_date=leave) == first
    assert assignment_on(history, date(2025, 2, 28), hire_date=HIRED, leave_date=leave) == first
    assert assignment_on(history, date(2025, 3, 1), hire_date=HIRED, leave_date=leave) == second
    assert assignment_on(history, leave, hire_date=HIRED, leave_date=leave) == second  # last day inclusive
    assert assignment_on(history, date(2026, 6, 1), hire_date=HIRED, leave_date=leave) is None


def test_leave_is_checked_and_status_follows_the_last_day() -> None:
    with pytest.raises(ValidationError, match="before the hire date"):
        check_leave([hire()], hire_date=HIRED, leave_date=None, last_day=date(2023, 1, 1))
    with pytest.raises(ValidationError, match="already recorded"):
        check_leave([hire()], hire_date=HIRED, leave_date=date(2025, 1, 1), last_day=date(2025, 2, 1))
    assert check_leave([hire()], hire_date=HIRED, leave_date=None, last_day=date(2026, 12, 31)) == date(2026, 12, 31)
    assert status_on(date(2026, 12, 31), leave_date=date(2026, 12, 31)) is EmployeeStatus.ACTIVE
    assert status_on(date(2027, 1, 1), leave_date=date(2026, 12, 31)) is EmployeeStatus.LEFT


def test_input_cleaning() -> None:
    assert clean_code(" r-east ") == "R-EAST"
    assert clean_text("  周敏 ", field="name") == "周敏"
    assert clean_period("2026-11") == "2026-11"
    assert clean_amount(Decimal("12"), field="x") == Decimal("12.00")
    for bad in ("", "-x", "a b", "x" * 33):
        with pytest.raises(ValidationError):
            clean_code(bad)
    for bad_period in ("2026-13", "2026-1", "26-11", "2026-00"):
        with pytest.raises(ValidationError):
            clean_period(bad_period)
    with pytest.raises(ValidationError, match="control"):
        clean_text("a\x00b", field="name")
    with pytest.raises(ValidationError):
        clean_amount(Decimal("NaN"), field="x")
