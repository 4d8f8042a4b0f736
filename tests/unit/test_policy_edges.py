"""Policy and input rules not reached elsewhere: separation of duties on pay (SPEC §7), whose project bonus
amounts a viewer may read, a rate-limit error's retry-after, periods and amounts at their limits."""

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.domain.access import SYSTEM, Scope, Viewer, ViewerKind, may_change_pay_of
from backend.domain.errors import ErrorCode, TooManyAttempts, ValidationError
from backend.domain.org import MAX_AMOUNT, Role, clean_amount, clean_period
from backend.domain.projects import visible_member_amounts


def employee(employee_id: int, *roles: Role, department_id: int | None = None) -> Viewer:
    return Viewer(kind=ViewerKind.EMPLOYEE, employee_id=employee_id, department_id=department_id,
                  roles=frozenset(roles or (Role.STAFF,)))


def test_nobody_changes_their_own_pay() -> None:
    hr = employee(3, Role.HR)
    assert may_change_pay_of(hr, 9) and not may_change_pay_of(hr, 3)
    assert may_change_pay_of(employee(4, Role.ADMIN), 4) is False
    assert not may_change_pay_of(employee(1), 9) and not may_change_pay_of(employee(2, Role.MANAGER), 9)


MEMBERS = {1: 10, 2: 10, 3: 20}  # member → department


@pytest.mark.parametrize(("viewer", "visible"), [
    (employee(9, Role.HR), {1, 2, 3}),
    (Viewer(kind=ViewerKind.PARTNER, token_id=1, scopes=frozenset({Scope.READ_PAYROLL})), {1, 2, 3}),
    (Viewer(kind=ViewerKind.PARTNER, token_id=2, scopes=frozenset({Scope.READ_PROJECTS})), set()),
    (SYSTEM, {1, 2, 3}),
    (employee(3), {1, 2, 3}),  # a member sees the whole project's amounts
    (employee(8, Role.MANAGER, department_id=10), {1, 2}),  # a manager: their department's members
    (employee(8, Role.MANAGER), set()),  # a manager of no department
    (employee(7, department_id=10), set()),  # a colleague who is neither member nor manager
])
def test_whose_bonus_amounts_a_viewer_reads(viewer: Viewer, visible: set[int]) -> None:
    assert visible_member_amounts(viewer, member_departments=MEMBERS) == visible


def test_a_rate_limit_error_says_when_to_retry() -> None:
    error = TooManyAttempts("too many failed sign-ins", retry_after_seconds=30)
    assert (error.retry_after_seconds, error.code, error.field) == (30, ErrorCode.TOO_MANY_ATTEMPTS, None)
    assert ValidationError("x").retry_after_seconds is None


def refusal(call: object) -> tuple[str, str | None]:
    with pytest.raises(ValidationError) as refused:
        call()  # type: ignore[operator]
    return refused.value.message, refused.value.field


def test_periods_from_1950_to_2100_and_a_refusal_names_its_field() -> None:
    assert [clean_period(p) for p in ("1950-01", "2100-12")] == ["1950-01", "2100-12"]
    assert refusal(lambda: clean_period("1949-12", field="from")) == (
        "from must be a month between 1950-01 and 2100-12", "from")
    assert refusal(lambda: clean_period("11/2026", field="to")) == ("to must be a month written YYYY-MM", "to")


def test_an_implausibly_large_amount_is_refused_either_way() -> None:
    assert clean_amount(MAX_AMOUNT - Decimal("0.01"), field="pay") == Decimal("99999999.99")
    assert refusal(lambda: clean_amount(-MAX_AMOUNT, field="pay")) == ("pay is implausibly large", "pay")
