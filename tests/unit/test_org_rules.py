"""Organisation rules: hire, transfer, leave and the assignment in force on a day."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from backend.domain.errors import ValidationError
from backend.domain.org import (
    MAX_AMOUNT,
    Assignment,
    AssignmentReason,
    DepartmentKind,
    EmployeeStatus,
    Role,
    TransferChanges,
    assignment_on,
    check_leave,
    clean_amount,
    clean_code,
    clean_period,
    clean_roles,
    clean_text,
    clean_weight,
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


def _refusal(call: Any) -> tuple[str, str | None]:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.message, refused.value.field


def test_every_refusal_names_its_field_and_says_why() -> None:
    second = transfer([hire()], hire_date=HIRED, leave_date=None, effective_from=date(2025, 3, 1), today=TODAY,
                      changes=TransferChanges(position="组长"))
    third = transfer([hire(), second], hire_date=HIRED, leave_date=None, effective_from=date(2025, 9, 1),
                     today=TODAY, changes=TransferChanges(position="主管"))

    def move(effective: date, leave: date | None = None, history: list[Assignment] | None = None,
             **changes: Any) -> Any:
        return lambda: transfer(history or [hire()], hire_date=HIRED, leave_date=leave, effective_from=effective,
                                today=TODAY, changes=TransferChanges(**changes))

    cases = [
        (lambda: clean_text(" ", field="name"), ("name must not be empty", "name")),
        (lambda: clean_text("x" * 5, field="title", max_length=4), ("title must be at most 4 characters", "title")),
        (lambda: clean_text("a\tb", field="title"), ("title must not contain control characters", "title")),
        (lambda: clean_code("-x"), ("code must be 1–32 letters, digits, '-', '_' or '.', starting with a letter or "
                                    "digit", "code")),
        (lambda: clean_code("a b", field="regionCode"), ("regionCode must be 1–32 letters, digits, '-', '_' or '.', "
                                                         "starting with a letter or digit", "regionCode")),
        (lambda: clean_period("2026-13"), ("period must be a month written YYYY-MM", "period")),
        (lambda: clean_amount(Decimal("1.001"), field="pay"),
         ("pay must be an amount in yuan with at most 2 decimal places", "pay")),
        (lambda: clean_amount(Decimal("Infinity"), field="pay"),
         ("pay must be an amount in yuan with at most 2 decimal places", "pay")),
        (lambda: clean_amount(Decimal("-0.01"), field="pay"), ("pay must not be negative", "pay")),
        (lambda: clean_amount(Decimal(0), field="pay", allow_zero=False), ("pay must be positive", "pay")),
        (lambda: clean_amount(MAX_AMOUNT, field="pay"), ("pay is implausibly large", "pay")),
        (lambda: clean_weight(Decimal(0)), ("weight must be a positive number up to 1000", "weight")),
        (lambda: clean_weight(Decimal("1000.01"), field="w"), ("w must be a positive number up to 1000", "w")),
        (lambda: clean_weight(Decimal("NaN")), ("weight must be a positive number up to 1000", "weight")),
        (lambda: hire(region_id=None), ("a frontline employee needs a region", "regionCode")),
        (lambda: hire(department_kind=DepartmentKind.BACKEND), ("backend employees belong to no region",
                                                                "regionCode")),
        (lambda: hire(position=" "), ("position must not be empty", "position")),
        (lambda: hire(base_salary=Decimal(-1)), ("baseSalary must not be negative", "baseSalary")),
        (lambda: hire(target_bonus=Decimal(-1)), ("targetBonus must not be negative", "targetBonus")),
        (move(date(2025, 1, 1)), ("a transfer must change the department, region, position or pay", None)),
        (move(date(2023, 12, 31), position="组长"),
         ("the transfer date 2023-12-31 is before the hire date 2024-01-01", "effectiveDate")),
        (move(HIRED, position="组长"), ("the transfer date must be after the latest assignment (2024-01-01)",
                                        "effectiveDate")),
        (move(TODAY + timedelta(days=1), position="组长"),
         ("a transfer cannot be dated in the future; record it on or after its date", "effectiveDate")),
        (move(date(2026, 6, 1), leave=date(2026, 5, 31), position="组长"),
         ("the employee left on 2026-05-31", "effectiveDate")),
        (move(date(2025, 1, 1), position=" "), ("position must not be empty", "position")),
        (move(date(2025, 1, 1), base_salary=Decimal("-1")), ("baseSalary must not be negative", "baseSalary")),
        (move(date(2025, 1, 1), target_bonus=Decimal("-1")), ("targetBonus must not be negative", "targetBonus")),
        (lambda: check_leave([hire()], hire_date=HIRED, leave_date=date(2025, 1, 1), last_day=date(2025, 2, 1)),
         ("the employee's leave is already recorded (2025-01-01)", "effectiveDate")),
        (lambda: check_leave([hire()], hire_date=HIRED, leave_date=None, last_day=date(2023, 12, 31)),
         ("the leave date 2023-12-31 is before the hire date 2024-01-01", "effectiveDate")),
        (lambda: check_leave([hire(), second], hire_date=HIRED, leave_date=None, last_day=date(2025, 2, 28)),
         ("the leave date is before the latest assignment (2025-03-01)", "effectiveDate")),
        (lambda: check_leave([hire(), second, third], hire_date=HIRED, leave_date=None, last_day=date(2025, 8, 31)),
         ("the leave date is before the latest assignment (2025-09-01)", "effectiveDate")),
    ]
    for call, expected in cases:
        assert _refusal(call) == expected


def test_the_edges_that_are_allowed() -> None:
    assert clean_text("x" * 4, field="title", max_length=4) == "xxxx"
    assert clean_amount(Decimal(0), field="pay") == Decimal("0.00")  # zero is allowed unless said otherwise
    assert clean_amount(Decimal("0.5"), field="pay", allow_zero=False) == Decimal("0.50")
    assert clean_amount(Decimal(1), field="pay", allow_zero=False) == Decimal("1.00")
    assert clean_amount(MAX_AMOUNT - Decimal("0.01"), field="pay") == Decimal("99999999.99")
    assert [clean_weight(Decimal(w)) for w in ("0.01", "1000")] == [Decimal("0.01"), Decimal(1000)]
    # On the hire day, today, and on the last day before leaving, a transfer or a leave is fine.
    assert transfer([hire()], hire_date=HIRED, leave_date=None, effective_from=TODAY, today=TODAY,
                    changes=TransferChanges(position="组长")).effective_from == TODAY
    assert transfer([hire()], hire_date=HIRED, leave_date=date(2026, 5, 31), effective_from=date(2026, 5, 31),
                    today=TODAY, changes=TransferChanges(position="组长")).effective_from == date(2026, 5, 31)
    assert check_leave([hire()], hire_date=HIRED, leave_date=None, last_day=HIRED) == HIRED


def test_roles_are_unique_in_their_fixed_order_and_default_to_staff() -> None:
    assert clean_roles([Role.HR, Role.STAFF, Role.HR, Role.MANAGER]) == (Role.STAFF, Role.MANAGER, Role.HR)
    assert clean_roles([Role.ADMIN, Role.MANAGER]) == (Role.MANAGER, Role.ADMIN)
    assert clean_roles([]) == (Role.STAFF,)


def test_a_transfer_changes_exactly_what_it_names() -> None:
    moved = transfer([hire()], hire_date=HIRED, leave_date=None, effective_from=date(2025, 1, 1), today=TODAY,
                     changes=TransferChanges(department_id=3, position=" 片区经理 ", target_bonus=Decimal("2000")))
    assert (moved.department_id, moved.department_kind, moved.region_id, moved.position, moved.base_salary,
            moved.target_bonus) == (3, DepartmentKind.FRONTLINE, 7, "片区经理", Decimal("9000.00"), Decimal("2000.00"))
    to_backend = transfer([hire()], hire_date=HIRED, leave_date=None, effective_from=date(2025, 1, 1), today=TODAY,
                          changes=TransferChanges(department_id=2, department_kind=DepartmentKind.BACKEND))
    assert (to_backend.department_id, to_backend.department_kind, to_backend.region_id) == (
        2, DepartmentKind.BACKEND, None)
