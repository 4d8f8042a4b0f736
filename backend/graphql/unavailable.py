"""When the database is down: a clear, retryable answer instead of a 500 or "Unexpected error.".

The connection pool reconnects by itself once the database is back (nothing needs restarting); until then every
request that needs it is answered with HTTP 503, `Retry-After`, and a GraphQL error whose code is
`SERVICE_UNAVAILABLE` — and a field that fails for that reason inside a query says the same.
"""

from __future__ import annotations

from typing import Any

import orjson
from graphql import GraphQLError
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import MaskErrors
from tortoise.exceptions import DBConnectionError

UNAVAILABLE_MESSAGE = "The database is unavailable right now; try again in a few seconds."
UNAVAILABLE_CODE = "SERVICE_UNAVAILABLE"
RETRY_AFTER_SECONDS = 5


def _unavailable_types() -> tuple[type[BaseException], ...]:
    types: list[type[BaseException]] = [DBConnectionError, ConnectionError]
    try:
        import asyncpg

        types += [asyncpg.exceptions.ConnectionDoesNotExistError, asyncpg.exceptions.CannotConnectNowError,
                  asyncpg.exceptions.AdminShutdownError, asyncpg.exceptions.CrashShutdownError,
                  asyncpg.exceptions.InterfaceError]
    except ImportError:  # pragma: no cover - asyncpg is a dependency
        pass
    return tuple(types)


UNAVAILABLE_TYPES = _unavailable_types()


def is_database_unavailable(error: BaseException | None) -> bool:
    """The error, or one it was raised from, says the database cannot be reached (not that a query is wrong)."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, UNAVAILABLE_TYPES):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def unavailable_error(error: GraphQLError) -> GraphQLError:
    return GraphQLError(UNAVAILABLE_MESSAGE, nodes=error.nodes, source=error.source, positions=error.positions,
                        path=error.path, extensions={"code": UNAVAILABLE_CODE,
                                                     "retryAfterSeconds": RETRY_AFTER_SECONDS})


class MaskErrorsSayingUnavailable(MaskErrors):
    """MaskErrors, except that a field failing because the database is down says so (and that it is retryable)."""

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        if is_database_unavailable(error.original_error):
            return unavailable_error(error)
        return super().anonymise_error(error)


class DatabaseUnavailableMiddleware:
    """Around the whole app: a request that fails before GraphQL runs (resolving the viewer, say) because the
    database is down gets a 503 with a GraphQL-shaped body instead of a bare 500."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as error:
            if started or not is_database_unavailable(error):
                raise
            await _send_unavailable(send)


async def _send_unavailable(send: Send) -> None:
    body = orjson.dumps({"errors": [{"message": UNAVAILABLE_MESSAGE, "extensions": {
        "code": UNAVAILABLE_CODE, "retryAfterSeconds": RETRY_AFTER_SECONDS}}]})
    headers: list[Any] = [(b"content-type", b"application/json"), (b"retry-after", str(RETRY_AFTER_SECONDS).encode()),
                          (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": body})
