"""Domain errors with stable codes a client can act on."""

from __future__ import annotations

from enum import Enum


class ErrorCode(str, Enum):
    VALIDATION = "VALIDATION"
    NOT_FOUND = "NOT_FOUND"
    DUPLICATE = "DUPLICATE"
    CONFLICT = "CONFLICT"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    PERMISSION_DENIED = "PERMISSION_DENIED"


class DomainError(Exception):
    """A rule was broken; `field` names the input at fault when there is one."""

    code: ErrorCode = ErrorCode.VALIDATION

    def __init__(self, message: str, *, field: str | None = None, code: ErrorCode | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        if code is not None:
            self.code = code


class ValidationError(DomainError):
    code = ErrorCode.VALIDATION


class NotFound(DomainError):
    code = ErrorCode.NOT_FOUND


class Duplicate(DomainError):
    code = ErrorCode.DUPLICATE


class Conflict(DomainError):
    code = ErrorCode.CONFLICT


class InvalidCredentials(DomainError):
    code = ErrorCode.INVALID_CREDENTIALS


class PermissionDenied(DomainError):
    code = ErrorCode.PERMISSION_DENIED
