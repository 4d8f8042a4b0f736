"""A per-request time limit for queries.

The HTTP view opens an `asyncio.timeout(None)` window around each operation and leaves it on the context;
this extension arms it when the operation turns out to be a query. Mutations are never cut short: a
mutation stopped between its commit and its events would leave a client unsure what happened, and their
work is bounded by their input. The cost limit keeps any one synchronous stretch short, so the deadline is
reached at the next await.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType


def timeout_error(seconds: float) -> GraphQLError:
    return GraphQLError(f"The query took longer than {seconds:g} s and was stopped; ask for fewer rows or fields.",
                        extensions={"code": "QUERY_TIMEOUT", "limitSeconds": seconds})


class QueryDeadline(SchemaExtension):
    """Arms the request's window with the context's `settings.query_time_limit_seconds`."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        window: asyncio.Timeout | None = getattr(context.context, "time_window", None)
        settings = getattr(context.context, "settings", None)
        seconds = getattr(settings, "query_time_limit_seconds", None)
        if seconds and window is not None and context.operation_type is OperationType.QUERY:
            window.reschedule(asyncio.get_running_loop().time() + seconds)
        yield
