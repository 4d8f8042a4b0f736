"""Who may see and do what: pure policy used by the GraphQL permission classes and the services."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from backend.domain.org import Role


class Scope(str, Enum):
    """Scopes a partner (payroll, OA, BI, billing) token may carry: all read-only but write:orders (SPEC §5)."""

    READ_EMPLOYEES = "read:employees"
    READ_ORGANISATION = "read:organisation"
    READ_PAYROLL = "read:payroll"
    READ_SUPPORT = "read:support"
    READ_PROJECTS = "read:projects"
    READ_REWARDS = "read:rewards"
    READ_PERFORMANCE = "read:performance"
    # The billing system records and cancels orders: the one scope that allows a mutation, and only those two.
    WRITE_ORDERS = "write:orders"


class ViewerKind(str, Enum):
    ANONYMOUS = "ANONYMOUS"
    EMPLOYEE = "EMPLOYEE"
    PARTNER = "PARTNER"
    SYSTEM = "SYSTEM"


@dataclass(frozen=True, slots=True)
class Viewer:
    """The caller of one request: a signed-in employee, a partner system or nobody."""

    kind: ViewerKind
    employee_id: int | None = None
    employee_no: str | None = None
    department_id: int | None = None
    roles: frozenset[Role] = field(default_factory=frozenset)
    scopes: frozenset[Scope] = field(default_factory=frozenset)
    token_id: int | None = None
    session_id: str | None = None  # the signed-in session (revocable by signing out)
    valid_until: datetime | None = None  # when this authority ends (token expiry, the end of the last day employed)

    def expired(self, at: datetime) -> bool:
        return self.valid_until is not None and at >= self.valid_until

    @property
    def label(self) -> str:
        if self.kind is ViewerKind.EMPLOYEE:
            return f"employee:{self.employee_no}"
        if self.kind is ViewerKind.PARTNER:
            return f"api-token:{self.token_id}"
        if self.kind is ViewerKind.SYSTEM:
            return "system"
        return "anonymous"

    @property
    def is_authenticated(self) -> bool:
        return self.kind is not ViewerKind.ANONYMOUS

    @property
    def is_employee(self) -> bool:
        return self.kind is ViewerKind.EMPLOYEE

    @property
    def is_partner(self) -> bool:
        return self.kind is ViewerKind.PARTNER

    def has_role(self, *roles: Role) -> bool:
        return self.is_employee and bool(self.roles.intersection(roles))

    @property
    def is_hr(self) -> bool:
        return self.kind is ViewerKind.SYSTEM or self.has_role(Role.HR, Role.ADMIN)

    def has_scope(self, scope: Scope) -> bool:
        return self.is_partner and scope in self.scopes


ANONYMOUS = Viewer(kind=ViewerKind.ANONYMOUS)
# The command line (demo data, create-admin) acts as the system, with HR rights.
SYSTEM = Viewer(kind=ViewerKind.SYSTEM)


def can_see_pay(viewer: Viewer, employee_id: int) -> bool:
    """Salary and pay figures: the employee, HR/ADMIN, and partners holding read:payroll (SPEC, issue #2)."""
    return viewer.employee_id == employee_id or viewer.is_hr or viewer.has_scope(Scope.READ_PAYROLL)


def can_read_directory(viewer: Viewer) -> bool:
    """The staff directory (names, departments, positions) is open to colleagues and to partners with a scope."""
    return viewer.is_employee or viewer.has_scope(Scope.READ_EMPLOYEES)


def can_read_organisation(viewer: Viewer) -> bool:
    return viewer.is_employee or viewer.has_scope(Scope.READ_ORGANISATION) or viewer.has_scope(Scope.READ_EMPLOYEES)


def may_change_pay_of(viewer: Viewer, employee_id: int) -> bool:
    """Separation of duties (SPEC §7): nobody changes their own pay — another HR user or an admin must."""
    return viewer.is_hr and viewer.employee_id != employee_id
