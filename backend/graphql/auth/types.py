"""Auth types: session and partner tokens."""

from __future__ import annotations

import datetime as dt
from enum import Enum

import strawberry
from strawberry import Private

from backend.domain.access import Scope
from backend.graphql.ids import encode_id
from backend.graphql.org.types import EmployeeType
from backend.persistence.models import ApiToken

ScopeEnum = strawberry.enum(
    Enum("ApiScope", {s.name: s.value for s in Scope}, type=str),  # type: ignore[misc]
    name="ApiScope", description="Scopes of a partner token, values like read:payroll; all read-only except "
                                   "write:orders (the billing system: recordOrder and cancelOrder only).",
)


@strawberry.type
class LoginSuccess:
    token: str = strawberry.field(description="Send as `Authorization: Bearer <token>`.")
    expires_at: dt.datetime
    employee: EmployeeType


@strawberry.type(name="ApiToken")
class ApiTokenType:
    pk: Private[int]
    name: str
    scopes: list[str]
    created_at: dt.datetime
    revoked_at: dt.datetime | None

    @strawberry.field
    def id(self) -> strawberry.ID:
        return encode_id("ApiToken", self.pk)

    @classmethod
    def from_model(cls, row: ApiToken) -> ApiTokenType:
        return cls(pk=row.id, name=row.name, scopes=row.scopes.split(","), created_at=row.created_at,
                   revoked_at=row.revoked_at)


@strawberry.type
class ApiTokenCreated:
    api_token: ApiTokenType
    token: str = strawberry.field(description="Shown once; only its hash is stored.")


@strawberry.type
class ApiTokenRevoked:
    api_token: ApiTokenType


@strawberry.type(description="The session is signed out: its token is refused from now on, everywhere.")
class LogoutSuccess:
    signed_out: bool = True
