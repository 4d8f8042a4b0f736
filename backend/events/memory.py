"""In-process event bus: publishing calls each attached handler of the channel directly."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from backend.events.bus import Deliver, EventBus, Message

# A slow queue subscriber must not grow memory without bound; past this it loses the oldest messages.
MAX_QUEUED = 1000


class QueueSubscription:
    def __init__(self) -> None:
        self.queue: asyncio.Queue[Message] = asyncio.Queue(maxsize=MAX_QUEUED)

    def put(self, message: Message) -> None:
        if self.queue.full():
            self.queue.get_nowait()
        self.queue.put_nowait(message)

    async def get(self, timeout: float | None = None) -> Message | None:
        try:
            return await asyncio.wait_for(self.queue.get(), timeout)
        except TimeoutError:
            return None

    async def __aiter__(self) -> AsyncIterator[Message]:
        while True:
            yield await self.queue.get()


@asynccontextmanager
async def queue_subscription(bus: EventBus, channel: str) -> AsyncIterator[QueueSubscription]:
    """`EventBus.subscribe` for any bus with attach/detach: a queue fed by one handler."""
    subscription = QueueSubscription()
    await bus.attach(channel, subscription.put)
    try:
        yield subscription
    finally:
        await bus.detach(channel, subscription.put)


class MemoryEventBus:
    def __init__(self) -> None:
        self._handlers: dict[str, list[Deliver]] = {}

    async def connect(self) -> None:
        return None

    async def disconnect(self) -> None:
        self._handlers.clear()

    async def publish(self, channel: str, message: Message) -> None:
        for deliver in tuple(self._handlers.get(channel, ())):
            deliver(message)

    async def attach(self, channel: str, deliver: Deliver) -> None:
        self._handlers.setdefault(channel, []).append(deliver)

    async def detach(self, channel: str, deliver: Deliver) -> None:
        handlers = self._handlers.get(channel, [])
        if deliver in handlers:
            handlers.remove(deliver)
        if not handlers:
            self._handlers.pop(channel, None)

    def handlers(self, channel: str) -> int:
        """How many handlers the channel has (the fan-out attaches one per channel per process)."""
        return len(self._handlers.get(channel, ()))

    def subscribe(self, channel: str) -> AbstractAsyncContextManager[QueueSubscription]:
        return queue_subscription(self, channel)
