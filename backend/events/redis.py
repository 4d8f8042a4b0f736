"""Redis pub/sub event bus, so subscribers on any worker process see every commit.

One pub/sub connection per process carries every channel the process listens to: channels are subscribed and
unsubscribed on it as the fan-out needs them, and one reader task hands each message to the channel's handlers.
After a lost connection redis-py reconnects and subscribes again; the reader then delivers `RESYNC` to those
channels, since messages published in between are gone.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from contextlib import AbstractAsyncContextManager
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import orjson
import redis.asyncio as aioredis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from backend.events.bus import RESYNC, Deliver, Message
from backend.events.memory import QueueSubscription, queue_subscription

CHANNEL_PREFIX = "tandem:"
CONFIRM_TIMEOUT_SECONDS = 5.0
RECONNECT_DELAYS_SECONDS = (0.1, 0.25, 0.5, 1.0, 2.0)

log = logging.getLogger(__name__)


def split_channel_prefix(url: str) -> tuple[str, str]:
    """`redis://host/0?channel_prefix=x:` → (the URL without it, "x:"). Pub/sub ignores the database number,
    so deployments (or concurrent test runs) sharing one Redis keep apart by prefix; default "tandem:"."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    prefix = next((value for key, value in query if key == "channel_prefix"), CHANNEL_PREFIX)
    rest = urlencode([(key, value) for key, value in query if key != "channel_prefix"])
    return urlunsplit(parts._replace(query=rest)), prefix


def client_name(pid: int | None = None) -> str:
    return f"tandem-{socket.gethostname()}-{pid or os.getpid()}"


class RedisEventBus:
    def __init__(self, url: str) -> None:
        self._url, self._prefix = split_channel_prefix(url)
        self._client: aioredis.Redis | None = None
        self._pubsub: Any = None
        self._handlers: dict[str, list[Deliver]] = {}
        self._confirmed: dict[str, asyncio.Future[None]] = {}
        self._lock = asyncio.Lock()  # SUBSCRIBE/UNSUBSCRIBE one at a time, so attach and detach never cross
        self._has_channels = asyncio.Event()
        self._reader: asyncio.Task[None] | None = None

    @property
    def client(self) -> aioredis.Redis:
        if self._client is None:
            raise RuntimeError("RedisEventBus.connect() was not awaited")
        return self._client

    async def connect(self) -> None:
        # Named, so `CLIENT LIST` shows which process holds which connection (one pub/sub connection each).
        self._client = aioredis.Redis.from_url(self._url, client_name=client_name())
        await self._client.ping()  # type: ignore[misc]  # redis-py types ping as sync-or-async
        self._pubsub = self._client.pubsub()

    async def disconnect(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader
            self._reader = None
        if self._pubsub is not None:
            with contextlib.suppress(Exception):
                await self._pubsub.aclose()
            self._pubsub = None
        self._handlers.clear()
        self._confirmed.clear()
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def publish(self, channel: str, message: Message) -> None:
        await self.client.publish(self._prefix + channel, orjson.dumps(message))

    async def attach(self, channel: str, deliver: Deliver) -> None:
        name = self._prefix + channel
        async with self._lock:
            handlers = self._handlers.setdefault(name, [])
            handlers.append(deliver)
            confirmed = self._confirmed.get(name)
            if confirmed is None:
                confirmed = self._confirmed[name] = asyncio.get_running_loop().create_future()
                try:
                    await self._pubsub.subscribe(name)
                except BaseException:
                    self._forget(name, deliver)
                    raise
                self._has_channels.set()
                if self._reader is None or self._reader.done():
                    self._reader = asyncio.create_task(self._read(), name="redis-event-bus-reader")
        try:
            # Redis drops what is published before SUBSCRIBE completes: wait for its confirmation.
            await asyncio.wait_for(asyncio.shield(confirmed), CONFIRM_TIMEOUT_SECONDS)
        except BaseException:
            await self.detach(channel, deliver)
            raise

    async def detach(self, channel: str, deliver: Deliver) -> None:
        name = self._prefix + channel
        async with self._lock:
            if self._forget(name, deliver) and self._pubsub is not None:
                with contextlib.suppress(RedisConnectionError, RedisTimeoutError, OSError):
                    await self._pubsub.unsubscribe(name)

    def _forget(self, name: str, deliver: Deliver) -> bool:
        """Drop a handler; True when the channel has none left (and should be unsubscribed)."""
        handlers = self._handlers.get(name, [])
        if deliver in handlers:
            handlers.remove(deliver)
        if handlers:
            return False
        self._handlers.pop(name, None)
        confirmed = self._confirmed.pop(name, None)
        if confirmed is not None and not confirmed.done():
            confirmed.cancel()
        return True

    def subscribe(self, channel: str) -> AbstractAsyncContextManager[QueueSubscription]:
        return queue_subscription(self, channel)

    def channels(self) -> list[str]:
        """The channels this process listens to (without the prefix)."""
        return [name.removeprefix(self._prefix) for name in self._handlers]

    async def _read(self) -> None:
        failures = 0
        while True:
            await self._has_channels.wait()
            try:
                raw = await self._pubsub.get_message(timeout=1.0)
                failures = 0
            except (RedisConnectionError, RedisTimeoutError, OSError) as error:
                delay = RECONNECT_DELAYS_SECONDS[min(failures, len(RECONNECT_DELAYS_SECONDS) - 1)]
                failures += 1
                log.warning("event bus: lost Redis (%s); retrying in %.2f s", error, delay)
                await asyncio.sleep(delay)
                continue
            except RuntimeError:  # no connection yet: every channel was unsubscribed meanwhile
                self._has_channels.clear()
                continue
            if raw is None:
                if not self._handlers:
                    self._has_channels.clear()
                continue
            self._dispatch(raw)

    def _dispatch(self, raw: dict[str, Any]) -> None:
        kind = raw.get("type")
        name = raw["channel"].decode() if isinstance(raw.get("channel"), bytes) else str(raw.get("channel"))
        if kind == "message":
            message: Message = orjson.loads(raw["data"])
            self._deliver(name, message)
        elif kind == "subscribe":
            confirmed = self._confirmed.get(name)
            if confirmed is None:
                return
            if confirmed.done():
                self._deliver(name, RESYNC)  # subscribed again after a reconnect: messages may be lost
            else:
                confirmed.set_result(None)

    def _deliver(self, name: str, message: Message) -> None:
        for deliver in tuple(self._handlers.get(name, ())):
            try:
                deliver(message)
            except Exception:  # one broken handler must not stop the others
                log.exception("event bus: handler for %s failed", name)
