"""Run one use case in one unit of work and map a broken rule to the typed error payload."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from tortoise.exceptions import IntegrityError

from backend.domain.errors import Conflict, DomainError
from backend.graphql.context import TandemContext
from backend.graphql.errors import OperationError
from backend.services.uow import UnitOfWork

T = TypeVar("T")


async def run_use_case(
    context: TandemContext, use_case: Callable[..., Awaitable[T]], /, **kwargs: Any
) -> T | OperationError:
    try:
        async with context.unit_of_work() as uow:
            return await use_case(uow=uow, **kwargs)
    except DomainError as error:
        return OperationError.from_domain(error)
    except IntegrityError:
        # A concurrent writer won a uniqueness race the use case had checked; nothing was written.
        return OperationError.from_domain(Conflict("a concurrent change conflicted with this one; retry"))


def checked(build: Callable[[], T]) -> T | OperationError:
    """Input conversion (ids, enums) before any use case runs."""
    try:
        return build()
    except DomainError as error:
        return OperationError.from_domain(error)


__all__ = ["UnitOfWork", "checked", "run_use_case"]
