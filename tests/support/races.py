"""Tools to make two transactions overlap on PostgreSQL at a chosen point, deterministically.

A `Gate` pauses the first call of an async function (a point between a use case's read and its write) until
the test opens it; `blocked_on_a_lock` tells when another transaction is waiting for a row lock; a
`separate_connection` writes outside every transaction of the app, as another process would.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import asyncpg

from tests.conftest import TEST_DATABASE_URL

WAIT_SECONDS = 10


@asynccontextmanager
async def separate_connection() -> AsyncIterator[asyncpg.Connection]:
    """A connection of its own (autocommit), not one of the app's pool."""
    connection = await asyncpg.connect(TEST_DATABASE_URL)
    try:
        yield connection
    finally:
        await connection.close()


class Gate:
    """Wraps an async function: its first call matching `when` runs `before` (if any), then waits at the gate
    until `open()`. Later calls pass straight through."""

    def __init__(self, function: Callable[..., Awaitable[Any]], *, when: Callable[..., bool] = lambda *a, **k: True,
                 before: Callable[..., Awaitable[None]] | None = None) -> None:
        self._function = function
        self._when = when
        self._before = before
        self.reached = asyncio.Event()
        self._open = asyncio.Event()

    async def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if not self.reached.is_set() and self._when(*args, **kwargs):
            self.reached.set()
            if self._before is not None:
                await self._before(*args, **kwargs)
            await self._open.wait()
        return await self._function(*args, **kwargs)

    async def wait_reached(self) -> None:
        await asyncio.wait_for(self.reached.wait(), WAIT_SECONDS)

    def open(self) -> None:
        self._open.set()


async def blocked_on_a_lock(task: asyncio.Task[Any]) -> bool:
    """Wait until some transaction of this database waits for a lock (True) or `task` finished first (False)."""
    async with separate_connection() as connection:
        for _ in range(WAIT_SECONDS * 100):
            if task.done():
                return False
            waiting = await connection.fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
            if waiting:
                return True
            await asyncio.sleep(0.01)
    raise AssertionError("the second transaction neither finished nor waited for a lock")
