"""GraphQL permission classes and the mutation guard, on plain viewers (no server): who passes each, and what a
refused mutation answers."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import pytest
from strawberry.permission import BasePermission

from backend.domain.access import ANONYMOUS, SYSTEM, Scope, Viewer, ViewerKind
from backend.domain.errors import ErrorCode
from backend.domain.org import Role
from backend.graphql.errors import OperationError
from backend.graphql.permissions import (
    CanReadDirectory,
    CanReadOrganisation,
    CanSeePay,
    IsAuthenticated,
    IsEmployee,
    IsHR,
    MutationGuard,
    PartnersReadOnly,
    pay_field,
)


def employee(employee_id: int, *roles: Role) -> Viewer:
    return Viewer(kind=ViewerKind.EMPLOYEE, employee_id=employee_id, roles=frozenset(roles or (Role.STAFF,)))


def partner(*scopes: Scope) -> Viewer:
    return Viewer(kind=ViewerKind.PARTNER, token_id=1, scopes=frozenset(scopes))


def info(viewer: Viewer) -> Any:
    return SimpleNamespace(context=SimpleNamespace(viewer=viewer, principal=viewer))


VIEWERS = {"anonymous": ANONYMOUS, "staff": employee(1), "hr": employee(2, Role.HR), "admin": employee(3, Role.ADMIN),
           "system": SYSTEM, "payroll": partner(Scope.READ_PAYROLL), "directory": partner(Scope.READ_EMPLOYEES),
           "organisation": partner(Scope.READ_ORGANISATION)}


@pytest.mark.parametrize(("permission", "passes"), [
    (IsAuthenticated, {"staff", "hr", "admin", "system", "payroll", "directory", "organisation"}),
    (IsEmployee, {"staff", "hr", "admin"}),
    (IsHR, {"hr", "admin", "system"}),
    (CanReadDirectory, {"staff", "hr", "admin", "directory"}),
    (CanReadOrganisation, {"staff", "hr", "admin", "directory", "organisation"}),
    (PartnersReadOnly, {"anonymous", "staff", "hr", "admin", "system"}),
])
def test_who_passes_each_permission(permission: type[BasePermission], passes: set[str]) -> None:
    assert {name for name, viewer in VIEWERS.items() if permission().has_permission(None, info(viewer))} == passes


def test_pay_is_seen_by_the_employee_hr_and_payroll_partners() -> None:
    row = SimpleNamespace(employee_pk=1)
    assert {name for name, viewer in VIEWERS.items() if CanSeePay().has_permission(row, info(viewer))} == {
        "staff", "hr", "admin", "system", "payroll"}
    assert not CanSeePay().has_permission(SimpleNamespace(employee_pk=9), info(employee(1)))
    extension = pay_field()
    assert extension.fail_silently is True  # a colleague's pay reads as null, the page still renders
    assert [type(p) for p in extension.permissions] == [CanSeePay]


class NoMessage(BasePermission):
    message = None

    def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
        return False


class Remembers(BasePermission):
    message = "remembers"
    error_code = ErrorCode.CONFLICT
    seen: list[Any] = []

    def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
        Remembers.seen.append((source, kwargs))
        return bool(kwargs.get("allow"))


def test_the_guard_checks_partners_then_sign_in_then_the_mutations_own_permissions() -> None:
    assert MutationGuard().permissions == (PartnersReadOnly,)  # login: anyone not a partner
    assert MutationGuard(IsHR).permissions == (PartnersReadOnly, IsAuthenticated, IsHR)
    assert MutationGuard(IsAuthenticated, IsEmployee).permissions == (PartnersReadOnly, IsAuthenticated, IsEmployee)


def _answer(guard: MutationGuard, viewer: Viewer, **kwargs: Any) -> Any:
    given = info(viewer)

    def next_(source: Any, info_: Any, **arguments: Any) -> Any:
        assert info_ is given  # the resolver gets the request's info
        return ("done", source, arguments)

    async def next_async(source: Any, info_: Any, **arguments: Any) -> Any:
        assert info_ is given
        return ("done", source, arguments)

    sync = guard.resolve(next_, "root", given, **kwargs)
    asynchronous = asyncio.run(guard.resolve_async(next_async, "root", given, **kwargs))
    assert sync == asynchronous
    return sync


def test_a_refused_mutation_answers_a_typed_error_and_never_runs() -> None:
    assert _answer(MutationGuard(IsHR), ANONYMOUS) == OperationError(
        code=ErrorCode.UNAUTHENTICATED, message="Sign in first: this needs a valid bearer token.")
    assert _answer(MutationGuard(IsHR), employee(1)) == OperationError(
        code=ErrorCode.PERMISSION_DENIED, message="Only HR or an administrator may do this.")
    assert _answer(MutationGuard(IsHR), partner(Scope.READ_PAYROLL)) == OperationError(
        code=ErrorCode.PERMISSION_DENIED, message="Partner tokens are read-only.")
    assert _answer(MutationGuard(IsEmployee), SYSTEM) == OperationError(
        code=ErrorCode.PERMISSION_DENIED, message="Only a signed-in employee may do this.")
    assert _answer(MutationGuard(NoMessage), employee(1)) == OperationError(
        code=ErrorCode.PERMISSION_DENIED, message="Not allowed.")
    assert _answer(MutationGuard(IsHR), employee(2, Role.HR), name="x") == ("done", "root", {"name": "x"})


def test_the_guard_hands_each_permission_the_source_and_the_arguments() -> None:
    Remembers.seen.clear()
    assert _answer(MutationGuard(Remembers), employee(1), allow=True) == ("done", "root", {"allow": True})
    assert _answer(MutationGuard(Remembers), employee(1), allow=False) == OperationError(
        code=ErrorCode.CONFLICT, message="remembers")
    assert Remembers.seen == [("root", {"allow": True})] * 2 + [("root", {"allow": False})] * 2
