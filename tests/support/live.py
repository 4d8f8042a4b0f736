"""Waiting for live subscriptions without sleeping: a subscriber is listening once the fan-out's topic for its
channel is attached to the bus (confirmed by the backend) and counts it among its listeners."""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.applications import Starlette

from backend.events.fanout import Fanout
from backend.events.memory import MemoryEventBus

DEFAULT_TIMEOUT_SECONDS = 5.0


async def until_listening(api: Starlette, channel: str, listeners: int = 1,
                          timeout: float = DEFAULT_TIMEOUT_SECONDS) -> None:
    fanout: Fanout = api.state.graphql.fanout
    async with asyncio.timeout(timeout):
        while fanout.listening(channel) < listeners:
            await asyncio.sleep(0.005)


class CommitWitnessBus(MemoryEventBus):
    """A bus that, at the moment each event is published, asks the database whether the change is visible to
    another session yet: an event published before its commit is caught, on SQLite (the query waits on the open
    transaction and times out) as on PostgreSQL (the row is not visible yet).

    The question runs in the context the bus was made in (outside any transaction): Tortoise binds an open
    transaction to the current context, so asking from the publisher's own context would see its own writes."""

    def __init__(self, committed: Callable[[], Awaitable[bool]]) -> None:
        super().__init__()
        self._committed = committed
        self._outside = contextvars.copy_context()
        self.published: list[tuple[str, dict[str, Any], bool]] = []

    async def _ask(self) -> bool:
        return await self._committed()

    async def publish(self, channel: str, message: dict[str, Any]) -> None:
        probe = asyncio.create_task(self._ask(), context=self._outside.copy())
        try:
            visible = await asyncio.wait_for(probe, 2.0)
        except TimeoutError:
            visible = False
        self.published.append((channel, message, visible))
        await super().publish(channel, message)
