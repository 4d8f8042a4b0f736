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
    TOO_MANY_ATTEMPTS = "TOO_MANY_ATTEMPTS"


class DomainError(Exception):
    """A rule was broken; `field` names the input at fault when there is one."""

    code: ErrorCode = ErrorCode.VALIDATION

    def __init__(self, message: str, *, field: str | None = None, code: ErrorCode | None = None,
                 retry_after_seconds: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.retry_after_seconds = retry_after_seconds
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


class TooManyAttempts(DomainError):
    """Refused for now; `retry_after_seconds` says when to try again."""

    code = ErrorCode.TOO_MANY_ATTEMPTS
