"""Permission classes on fields. Queries refuse with a GraphQL error; mutations with a typed payload."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from strawberry.extensions import FieldExtension
from strawberry.permission import BasePermission, PermissionExtension
from strawberry.types import Info

from backend.domain import access
from backend.domain.errors import ErrorCode
from backend.graphql.errors import OperationError
from backend.graphql.viewer_trace import viewer_decision


def _viewer(info: Info) -> access.Viewer:
    viewer: access.Viewer = info.context.viewer
    return viewer


class IsAuthenticated(BasePermission):
    message = "Sign in first: this needs a valid bearer token."
    error_code = ErrorCode.UNAUTHENTICATED

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return _viewer(info).is_authenticated


class IsEmployee(BasePermission):
    message = "Only a signed-in employee may do this."
    error_code = ErrorCode.PERMISSION_DENIED

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return _viewer(info).is_employee


class IsHR(BasePermission):
    message = "Only HR or an administrator may do this."
    error_code = ErrorCode.PERMISSION_DENIED

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return _viewer(info).is_hr


class CanReadDirectory(BasePermission):
    message = "Reading employees needs a signed-in employee or a partner token with read:employees."
    error_code = ErrorCode.PERMISSION_DENIED

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return access.can_read_directory(_viewer(info))


class CanReadOrganisation(BasePermission):
    message = "Reading the organisation needs a signed-in employee or a partner token with a read scope."
    error_code = ErrorCode.PERMISSION_DENIED

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return access.can_read_organisation(_viewer(info))


class CanSeePay(BasePermission):
    """On pay fields of a type whose `employee_pk` says whose pay it is; others read null."""

    message = "Pay is visible only to the employee, HR and payroll partners."

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        # Recorded, so a live payload executed once is reused only by subscribers who may see the same pay.
        return viewer_decision(access.can_see_pay, info.context.principal, source.employee_pk)


def pay_field() -> PermissionExtension:
    # fail_silently: a colleague's salary reads as null, not as an error that breaks the whole page.
    return PermissionExtension(permissions=[CanSeePay()], fail_silently=True)


class PartnersReadOnly(BasePermission):
    message = "Partner tokens are read-only."
    error_code = ErrorCode.PERMISSION_DENIED

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return not _viewer(info).is_partner


class PartnersMayWriteOrders(BasePermission):
    """The one exception to read-only partners (SPEC §5): the billing system's write:orders, on the two
    order mutations that ask for it (`MutationGuard(..., orders=True)`)."""

    message = "Partner tokens are read-only; only write:orders may record or cancel orders."
    error_code = ErrorCode.PERMISSION_DENIED

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        viewer = _viewer(info)
        return not viewer.is_partner or viewer.has_scope(access.Scope.WRITE_ORDERS)


class MutationGuard(FieldExtension):
    """Runs permission classes before a mutation; a refusal is an OperationError, never a crash.

    Partner tokens are refused on every mutation, whatever else the field asks for — except recordOrder and
    cancelOrder (`orders=True`) for a token with write:orders. A mutation that asks for any permission first
    needs a signed-in caller: nobody signed in (or an expired token) is told to sign in (UNAUTHENTICATED),
    which a client acts on differently from a refusal (PERMISSION_DENIED).
    """

    def __init__(self, *permissions: type[BasePermission], orders: bool = False) -> None:
        signed_in = (IsAuthenticated,) if permissions and IsAuthenticated not in permissions else ()
        partners = PartnersMayWriteOrders if orders else PartnersReadOnly
        self.permissions = (partners, *signed_in, *permissions)

    def _refusal(self, source: Any, info: Info, kwargs: dict[str, Any]) -> OperationError | None:
        for permission_class in self.permissions:
            permission = permission_class()
            if not permission.has_permission(source, info, **kwargs):
                code = getattr(permission, "error_code", ErrorCode.PERMISSION_DENIED)
                return OperationError(code=code, message=permission.message or "Not allowed.")
        return None

    def resolve(self, next_: Callable[..., Any], source: Any, info: Info, **kwargs: Any) -> Any:
        return self._refusal(source, info, kwargs) or next_(source, info, **kwargs)

    async def resolve_async(self, next_: Callable[..., Awaitable[Any]], source: Any, info: Info,
                            **kwargs: Any) -> Any:
        refusal = self._refusal(source, info, kwargs)
        if refusal is not None:
            return refusal
        return await next_(source, info, **kwargs)
