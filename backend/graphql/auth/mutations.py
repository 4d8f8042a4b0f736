"""login, createApiToken, revokeApiToken."""

from __future__ import annotations

from typing import Annotated

import strawberry

from backend.domain.access import Scope
from backend.domain.errors import DomainError
from backend.graphql.auth.types import (
    ApiTokenCreated,
    ApiTokenRevoked,
    ApiTokenType,
    LoginSuccess,
    LogoutSuccess,
    ScopeEnum,
)
from backend.graphql.context import Info
from backend.graphql.errors import OperationError
from backend.graphql.ids import decode_id
from backend.graphql.org.types import employee_node
from backend.graphql.permissions import IsEmployee, IsHR, MutationGuard
from backend.graphql.run import checked, run_use_case
from backend.services import auth

LoginPayload = Annotated[LoginSuccess | OperationError, strawberry.union("LoginPayload")]
ApiTokenPayload = Annotated[ApiTokenCreated | OperationError, strawberry.union("ApiTokenPayload")]
LogoutPayload = Annotated[LogoutSuccess | OperationError, strawberry.union("LogoutPayload")]
ApiTokenRevokePayload = Annotated[ApiTokenRevoked | OperationError, strawberry.union("ApiTokenRevokePayload")]


@strawberry.type
class AuthMutation:
    @strawberry.mutation(extensions=[MutationGuard()], description="Sign in with employee number and password.")
    async def login(self, info: Info, employee_no: str, password: str) -> LoginPayload:
        context = info.context
        settings = context.settings
        try:
            session = await auth.login(employee_no=employee_no, password=password,
                                       secret_key=settings.secret_key, ttl_seconds=settings.token_ttl_seconds,
                                       throttle=context.login_throttle, address=context.client_address,
                                       bus=context.bus)
        except DomainError as error:
            return OperationError.from_domain(error)
        employee = await employee_node(session.employee.id)
        assert employee is not None
        return LoginSuccess(token=session.token, expires_at=session.expires_at, employee=employee)

    @strawberry.mutation(extensions=[MutationGuard(IsEmployee)],
                         description="Sign this session out: its token stops working at once on every worker, "
                                     "including open websockets (closed with 4403).")
    async def logout(self, info: Info) -> LogoutPayload:
        result = await run_use_case(info.context, auth.logout)
        return result if isinstance(result, OperationError) else LogoutSuccess()

    @strawberry.mutation(extensions=[MutationGuard(IsHR)],
                         description="A read-only partner token (payroll, OA, BI). The token is shown once.")
    async def create_api_token(self, info: Info, name: str, scopes: list[ScopeEnum]) -> ApiTokenPayload:  # type: ignore[valid-type]
        result = await run_use_case(info.context, auth.create_api_token, name=name,
                                    scopes=[Scope(s.value) for s in scopes])
        if isinstance(result, OperationError):
            return result
        return ApiTokenCreated(api_token=ApiTokenType.from_model(result.record), token=result.token)

    @strawberry.mutation(extensions=[MutationGuard(IsHR)])
    async def revoke_api_token(self, info: Info, id: strawberry.ID) -> ApiTokenRevokePayload:
        pk = checked(lambda: decode_id("ApiToken", id))
        if isinstance(pk, OperationError):
            return pk
        result = await run_use_case(info.context, auth.revoke_api_token, token_id=pk)
        if isinstance(result, OperationError):
            return result
        return ApiTokenRevoked(api_token=ApiTokenType.from_model(result))
