"""The EventBus protocol and the factory that picks a backend from a URL.

A bus carries committed events between processes. Inside a process, `backend.events.fanout.Fanout` attaches
once per channel and hands each message to every local subscriber; the bus never sees them one by one.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol

Message = dict[str, Any]
# Called with each message of an attached channel, in publish order, on the event loop. It must not block.
Deliver = Callable[[Message], None]

# Delivered to a channel's handlers after the bus lost its connection and got it back: messages may have been
# missed in between, so subscribers should send their current state again.
RESYNC: Message = {"type": "_resync"}


class Subscription(Protocol):
    """Messages of one channel, in publish order, from the moment the subscription was confirmed."""

    def __aiter__(self) -> AsyncIterator[Message]: ...

    async def get(self, timeout: float | None = None) -> Message | None: ...


class EventBus(Protocol):
    async def connect(self) -> None: ...

    async def disconnect(self) -> None: ...

    async def publish(self, channel: str, message: Message) -> None: ...

    async def attach(self, channel: str, deliver: Deliver) -> None:
        """From when this returns (the backend confirmed it), call `deliver` with every message of `channel`."""
        ...

    async def detach(self, channel: str, deliver: Deliver) -> None: ...

    def subscribe(self, channel: str) -> AbstractAsyncContextManager[Subscription]:
        """A queue of one channel's messages (tools and tests; live subscribers go through the fan-out)."""
        ...


def create_event_bus(url: str) -> EventBus:
    """`memory://` for one process, `redis://host:port/db` to fan out across worker processes."""
    if url.startswith("memory://"):
        from backend.events.memory import MemoryEventBus

        return MemoryEventBus()
    if url.startswith(("redis://", "rediss://")):
        from backend.events.redis import RedisEventBus

        return RedisEventBus(url)
    raise ValueError(f"unsupported event bus URL {url!r}: use memory:// or redis://")
