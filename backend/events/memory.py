"""In-process event bus: one queue per subscriber."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from backend.events.bus import Message

# A slow subscriber must not grow memory without bound; past this it loses the oldest messages.
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


class MemoryEventBus:
    def __init__(self) -> None:
        self._subscribers: dict[str, set[QueueSubscription]] = defaultdict(set)

    async def connect(self) -> None:
        return None

    async def disconnect(self) -> None:
        self._subscribers.clear()

    async def publish(self, channel: str, message: Message) -> None:
        for subscription in list(self._subscribers.get(channel, ())):
            subscription.put(message)

    @asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[QueueSubscription]:
        subscription = QueueSubscription()
        self._subscribers[channel].add(subscription)
        try:
            yield subscription
        finally:
            self._subscribers[channel].discard(subscription)
            if not self._subscribers[channel]:
                del self._subscribers[channel]
