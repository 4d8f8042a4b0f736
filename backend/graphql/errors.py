"""The typed error payload every mutation can return instead of its success type."""

from __future__ import annotations

import strawberry

from backend.domain.errors import DomainError
from backend.domain.errors import ErrorCode as DomainErrorCode

ErrorCode = strawberry.enum(DomainErrorCode, name="ErrorCode", description="Stable codes a client can act on.")


@strawberry.type(description="Why a mutation did nothing: a stable code, a readable message, the input at fault.")
class OperationError:
    code: ErrorCode
    message: str
    field: str | None = None
    retry_after_seconds: int | None = strawberry.field(
        default=None, description="With TOO_MANY_ATTEMPTS: seconds until it may be tried again.")

    @classmethod
    def from_domain(cls, error: DomainError) -> OperationError:
        return cls(code=error.code, message=error.message, field=error.field,
                   retry_after_seconds=error.retry_after_seconds)
