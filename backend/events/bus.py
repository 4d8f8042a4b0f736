"""The EventBus protocol and the factory that picks a backend from a URL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol

Message = dict[str, Any]


class Subscription(Protocol):
    """Messages of one channel, in publish order, from the moment the subscription was confirmed."""

    def __aiter__(self) -> AsyncIterator[Message]: ...

    async def get(self, timeout: float | None = None) -> Message | None: ...


class EventBus(Protocol):
    async def connect(self) -> None: ...

    async def disconnect(self) -> None: ...

    async def publish(self, channel: str, message: Message) -> None: ...

    def subscribe(self, channel: str) -> AbstractAsyncContextManager[Subscription]: ...


def create_event_bus(url: str) -> EventBus:
    """`memory://` for one process, `redis://host:port/db` to fan out across worker processes."""
    if url.startswith("memory://"):
        from backend.events.memory import MemoryEventBus

        return MemoryEventBus()
    if url.startswith(("redis://", "rediss://")):
        from backend.events.redis import RedisEventBus

        return RedisEventBus(url)
    raise ValueError(f"unsupported event bus URL {url!r}: use memory:// or redis://")
