"""Redis pub/sub event bus, so subscribers on any worker process see every commit."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import orjson
import redis.asyncio as aioredis

from backend.events.bus import Message

CHANNEL_PREFIX = "tandem:"


class RedisSubscription:
    def __init__(self, pubsub: aioredis.client.PubSub) -> None:
        self._pubsub = pubsub

    async def get(self, timeout: float | None = None) -> Message | None:
        deadline = None if timeout is None else asyncio.get_running_loop().time() + timeout
        while True:
            remaining = None if deadline is None else max(0.0, deadline - asyncio.get_running_loop().time())
            if remaining == 0.0:
                return None
            raw = await self._pubsub.get_message(ignore_subscribe_messages=True,
                                                 timeout=remaining if remaining is not None else 30.0)
            if raw is not None and raw.get("type") == "message":
                decoded: Message = orjson.loads(raw["data"])
                return decoded

    async def __aiter__(self) -> AsyncIterator[Message]:
        while True:
            message = await self.get(timeout=None)
            if message is not None:
                yield message


def split_channel_prefix(url: str) -> tuple[str, str]:
    """`redis://host/0?channel_prefix=x:` → (the URL without it, "x:"). Pub/sub ignores the database number,
    so deployments (or concurrent test runs) sharing one Redis keep apart by prefix; default "tandem:"."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    prefix = next((value for key, value in query if key == "channel_prefix"), CHANNEL_PREFIX)
    rest = urlencode([(key, value) for key, value in query if key != "channel_prefix"])
    return urlunsplit(parts._replace(query=rest)), prefix


class RedisEventBus:
    def __init__(self, url: str) -> None:
        self._url, self._prefix = split_channel_prefix(url)
        self._client: aioredis.Redis | None = None

    @property
    def client(self) -> aioredis.Redis:
        if self._client is None:
            raise RuntimeError("RedisEventBus.connect() was not awaited")
        return self._client

    async def connect(self) -> None:
        self._client = aioredis.Redis.from_url(self._url)
        await self._client.ping()  # type: ignore[misc]  # redis-py types ping as sync-or-async

    async def disconnect(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def publish(self, channel: str, message: Message) -> None:
        await self.client.publish(self._prefix + channel, orjson.dumps(message))

    @asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[RedisSubscription]:
        pubsub = self.client.pubsub()
        try:
            await pubsub.subscribe(self._prefix + channel)
            # Redis drops what is published before SUBSCRIBE completes: wait for its confirmation.
            while True:
                confirmation = await pubsub.get_message(timeout=5.0)
                if confirmation is None:
                    raise TimeoutError(f"Redis did not confirm the subscription to {channel!r}")
                if confirmation.get("type") == "subscribe":
                    break
            yield RedisSubscription(pubsub)
        finally:
            with contextlib.suppress(Exception):
                await pubsub.unsubscribe()
            await pubsub.aclose()  # type: ignore[no-untyped-call]
