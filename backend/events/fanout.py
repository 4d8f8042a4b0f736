"""Live fan-out inside one process: one bus attachment per topic, one payload build per event, bounded queues.

    async with fanout.listen("board:7", on_drop=close_socket, prepare=build) as listener:
        current = await listener.topic.once("current", load_board)       # shared by everyone connecting now
        yield current
        async for delivery in listener:                                  # each committed event, in order
            yield delivery.prepared                                      # built once, before it was handed out

- A topic (a channel such as `board:{id}`, `support:department:{id}`, `counter:{employee_id}`) is attached to
  the bus when its first local listener arrives and detached when the last one leaves, so publishing and
  listening cost what one topic costs, and Redis carries one subscription per topic per process.
- Each bus message becomes one `Delivery`, shared by every listener of the topic. A topic's `prepare(message,
  topic)` builds what its subscribers receive as soon as the message arrives, once, in order, before the delivery
  is handed to any listener (`delivery.prepared`): a thousand subscribers never wait on one build together.
  `Delivery.shared(scope, build)` builds per permission scope on demand instead (single flight). Both give a
  `Shared` value; the GraphQL layer executes a document on it once per (document, variables) and sends the same
  bytes to all.
- Every listener has a bounded queue. A listener that falls behind is dropped (its `on_drop` closes its socket)
  instead of slowing the others or growing memory; it reconnects and gets the current state first.
- `Topic.once(key, build)` memoises per topic until the next message (the current board, say): a thousand
  subscribers connecting at once share one load, and the next event invalidates it.
- After the bus lost and regained its connection, listeners get a delivery with `resync=True`: send the current
  state again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from backend.events.bus import RESYNC, EventBus, Message

T = TypeVar("T")

log = logging.getLogger(__name__)

# Deliveries a listener may have waiting before it is judged too slow and dropped.
DEFAULT_QUEUE_SIZE = 256


class SubscriberDropped(Exception):
    """The listener fell behind (its queue filled up) and was dropped."""


@dataclass
class FanoutStats:
    """Counters for tests and benchmarks: what the fan-out did, not how long it took."""

    attaches: int = 0  # bus attachments (one per topic while it has listeners)
    deliveries: int = 0  # bus messages received
    builds: int = 0  # payloads built (Delivery.shared / Topic.once)
    executions: int = 0  # GraphQL executions of a shared payload (graphql/live.py)
    drops: int = 0  # listeners dropped for falling behind


class Shared(Generic[T]):
    """A value built once for every local subscriber in one scope; executions of a document on it are memoised
    in `results` (keyed by the GraphQL layer), so N subscribers cost one execution and one serialisation.
    `meta` carries what subscribers check before receiving it (the row a permission is judged on, say)."""

    __slots__ = ("meta", "results", "value")

    def __init__(self, value: T, meta: Any = None) -> None:
        self.value = value
        self.meta = meta
        self.results: dict[Hashable, Any] = {}


class Delivery:
    """One bus message as every listener of its topic sees it."""

    __slots__ = ("_built", "_prepared", "_stats", "message", "resync")

    def __init__(self, message: Message, stats: FanoutStats) -> None:
        self.message = message
        self.resync = message is RESYNC or message.get("type") == RESYNC["type"]
        self._stats = stats
        self._built: dict[Hashable, asyncio.Future[Any]] = {}
        self._prepared: Shared[Any] | BaseException | None = None

    @property
    def prepared(self) -> Shared[Any]:
        """What the topic's `prepare` built for this message (raises what it raised)."""
        prepared = self._prepared
        if prepared is None:
            raise RuntimeError("this topic prepares nothing: use Delivery.shared")
        if isinstance(prepared, BaseException):
            raise prepared
        return prepared

    async def shared(self, scope: Hashable, build: Callable[[], Awaitable[T | Shared[T]]]) -> Shared[T]:
        """What subscribers in `scope` receive for this event, built once per process however many listen
        (`build` may return a `Shared` itself, to attach `meta`)."""
        future = self._built.get(scope)
        if future is None:
            future = self._built[scope] = asyncio.ensure_future(_build_shared(build, self._stats))
        if future.done():  # the common case: built for the first subscriber, read by the other N - 1
            return future.result()
        return await asyncio.shield(future)  # one subscriber leaving never cancels the others' payload


async def _build_shared(build: Callable[[], Awaitable[T | Shared[T]]], stats: FanoutStats) -> Shared[T]:
    stats.builds += 1
    built = await build()
    return built if isinstance(built, Shared) else Shared(built)


class Listener:
    """One local subscriber of a topic: its deliveries, in order, through a bounded queue."""

    __slots__ = ("_on_drop", "_queue", "dropped", "topic")

    def __init__(self, topic: Topic, queue_size: int, on_drop: Callable[[], None] | None) -> None:
        self.topic = topic
        self._queue: asyncio.Queue[Delivery] = asyncio.Queue(maxsize=queue_size)
        self._on_drop = on_drop
        self.dropped = False

    def offer(self, delivery: Delivery) -> None:
        if self.dropped:
            return
        try:
            self._queue.put_nowait(delivery)
        except asyncio.QueueFull:
            self._drop()

    def _drop(self) -> None:
        self.dropped = True
        self.topic.fanout.stats.drops += 1
        while not self._queue.empty():  # free what it will never read
            self._queue.get_nowait()
        # Wake a consumer waiting on an empty queue, so it sees it was dropped.
        self._queue.put_nowait(Delivery(RESYNC, self.topic.fanout.stats))
        if self._on_drop is not None:
            self._on_drop()

    async def next(self) -> Delivery:
        delivery = await self._queue.get()
        if self.dropped:
            raise SubscriberDropped(f"subscriber of {self.topic.channel} fell behind")
        return delivery

    def __aiter__(self) -> Listener:
        return self

    async def __anext__(self) -> Delivery:
        return await self.next()


Prepare = Callable[[Message, "Topic"], Awaitable[Any]]


class Topic:
    """A channel with local listeners: attached to the bus once, for all of them."""

    def __init__(self, channel: str, fanout: Fanout, prepare: Prepare | None = None) -> None:
        self.channel = channel
        self.fanout = fanout
        self.prepare = prepare
        self._backlog: deque[Message] = deque()
        self._pump: asyncio.Task[None] | None = None
        self.listeners: set[Listener] = set()
        self.memo: dict[Hashable, asyncio.Future[Any]] = {}  # cleared by every message
        self.state: dict[str, Any] = {}  # kept while the topic has listeners (caches that events do not stale)
        self._attached: asyncio.Future[None] | None = None

    @property
    def attached(self) -> bool:
        attached = self._attached
        return attached is not None and attached.done() and not attached.cancelled() and \
            attached.exception() is None

    async def ready(self) -> None:
        if self._attached is None:
            self._attached = asyncio.ensure_future(self._attach())
        await asyncio.shield(self._attached)

    async def _attach(self) -> None:
        await self.fanout.bus.attach(self.channel, self.deliver)
        self.fanout.stats.attaches += 1

    async def close(self) -> None:
        if self._pump is not None:
            self._pump.cancel()
        attached = self._attached
        if attached is None:
            return
        with contextlib.suppress(Exception):
            await asyncio.shield(attached)  # an attachment still under way would otherwise outlive its topic
        if attached.done() and not attached.cancelled() and attached.exception() is None:
            await self.fanout.bus.detach(self.channel, self.deliver)

    def deliver(self, message: Message) -> None:
        """The bus calls this for every message of the channel: one Delivery for every listener."""
        self.memo.clear()  # whatever was memoised described the state before this event
        self.fanout.stats.deliveries += 1
        if self.prepare is None and not self._backlog:
            self._offer(Delivery(message, self.fanout.stats))
            return
        self._backlog.append(message)  # prepared in order, then handed out
        if self._pump is None or self._pump.done():
            self._pump = asyncio.ensure_future(self._prepare_backlog())

    async def _prepare_backlog(self) -> None:
        stats = self.fanout.stats
        while self._backlog:
            delivery = Delivery(self._backlog.popleft(), stats)
            if self.prepare is not None and not delivery.resync:
                try:
                    built = await self.prepare(delivery.message, self)
                    delivery._prepared = built if isinstance(built, Shared) else Shared(built)
                except Exception as error:  # every subscriber sees the failure; the topic goes on
                    log.exception("fan-out: preparing a message of %s failed", self.channel)
                    delivery._prepared = error
                stats.builds += 1
            self._offer(delivery)

    def _offer(self, delivery: Delivery) -> None:
        for listener in tuple(self.listeners):
            listener.offer(delivery)

    async def once(self, key: Hashable, build: Callable[[], Awaitable[T]]) -> T:
        """Built once until the topic's next message, however many ask meanwhile (single flight)."""
        future = self.memo.get(key)
        if future is None:
            future = self.memo[key] = asyncio.ensure_future(_build_once(build, self.fanout.stats))
        result: T = future.result() if future.done() else await asyncio.shield(future)
        return result


async def _build_once(build: Callable[[], Awaitable[T]], stats: FanoutStats) -> T:
    stats.builds += 1
    return await build()


class Fanout:
    """Per process: topics by channel, each with its local listeners."""

    def __init__(self, bus: EventBus, *, queue_size: int = DEFAULT_QUEUE_SIZE) -> None:
        self.bus = bus
        self.queue_size = queue_size
        self.stats = FanoutStats()
        self._topics: dict[str, Topic] = {}

    @asynccontextmanager
    async def listen(self, channel: str, *, on_drop: Callable[[], None] | None = None,
                     prepare: Prepare | None = None) -> AsyncIterator[Listener]:
        """Receive every message of `channel` committed after this yields (the bus confirmed the attachment).
        `prepare` (the same for every listener of a channel) builds each message's payload once, up front."""
        topic = self._topics.get(channel)
        if topic is None:
            topic = self._topics[channel] = Topic(channel, self, prepare)
        listener = Listener(topic, self.queue_size, on_drop)
        topic.listeners.add(listener)
        try:
            await topic.ready()
            yield listener
        finally:
            topic.listeners.discard(listener)
            if not topic.listeners and self._topics.get(channel) is topic:
                del self._topics[channel]
                with contextlib.suppress(Exception):
                    await topic.close()

    def listeners(self, channel: str) -> int:
        topic = self._topics.get(channel)
        return len(topic.listeners) if topic else 0

    def listening(self, channel: str) -> int:
        """Listeners of `channel` that receive from now on (its bus attachment is confirmed)."""
        topic = self._topics.get(channel)
        return len(topic.listeners) if topic is not None and topic.attached else 0

    def topics(self) -> list[str]:
        return list(self._topics)
