"""Failed sign-ins counted per account and per client address (moving windows, `limits`).

Memory storage serves one process; with the Redis event bus (several workers) the counters live in the same
Redis, so a client cannot spread its guesses over workers. Only failures count; a successful sign-in clears
its account's counter (not its address's). Once either counter is full, sign-in is refused without checking
the password until the oldest failure leaves the window.

Concurrent attempts must not all pass the check before the first failure is counted: `attempt()` lets one
attempt per account and ADDRESS_CONCURRENCY per address at a time go from check to count, in this process
(with N workers, a flood can overshoot a limit by at most N − 1 attempts per account).
"""

from __future__ import annotations

import asyncio
import hashlib
import math
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from limits import RateLimitItemPerSecond
from limits.aio.storage import Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string


@dataclass(frozen=True, slots=True)
class Lockout:
    """What a failed attempt just locked: 'account' and/or 'address', until `retry_after_seconds` pass."""

    scopes: tuple[str, ...]
    retry_after_seconds: int


def storage_url_for(event_bus_url: str) -> tuple[str, str]:
    """The limiter's storage and key prefix for an event-bus URL: Redis when the bus is Redis."""
    if not event_bus_url.startswith(("redis://", "rediss://")):
        return "async+memory://", "tandem-login"
    parts = urlsplit(event_bus_url)
    prefix = parse_qs(parts.query).get("channel_prefix", ["tandem:"])[0]
    return f"async+{parts.scheme}://{parts.netloc}{parts.path}", f"{prefix}login"


def _key(value: str) -> str:
    # Whatever a client typed, the storage key stays short and printable.
    return hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()[:32]


ADDRESS_CONCURRENCY = 2


class _Gates:
    """asyncio primitives per key, dropped when nobody holds or waits for them."""

    def __init__(self, width: int) -> None:
        self.width = width
        self._gates: dict[str, tuple[asyncio.Semaphore, list[int]]] = {}

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        gate, users = self._gates.setdefault(key, (asyncio.Semaphore(self.width), [0]))
        users[0] += 1
        try:
            async with gate:
                yield
        finally:
            users[0] -= 1
            if users[0] == 0:
                del self._gates[key]


class LoginThrottle:
    def __init__(self, *, storage: Storage, per_account: int, per_address: int, window_seconds: int) -> None:
        self._accounts = _Gates(1)
        self._addresses = _Gates(ADDRESS_CONCURRENCY)
        self.storage = storage
        self.limiter = MovingWindowRateLimiter(storage)
        self.window_seconds = window_seconds
        self.account_limit = RateLimitItemPerSecond(per_account, window_seconds, namespace="account")
        self.address_limit = RateLimitItemPerSecond(per_address, window_seconds, namespace="address")

    @classmethod
    def create(cls, *, event_bus_url: str, per_account: int, per_address: int,
               window_seconds: int) -> LoginThrottle:
        url, prefix = storage_url_for(event_bus_url)
        options: dict[str, str] = {} if url == "async+memory://" else {"implementation": "redispy",
                                                                       "key_prefix": prefix}
        storage = storage_from_string(url, **options)
        assert isinstance(storage, Storage), "an async+ storage URL gives an asyncio storage"
        return cls(storage=storage, per_account=per_account, per_address=per_address,
                   window_seconds=window_seconds)

    @asynccontextmanager
    async def attempt(self, *, account: str, address: str) -> AsyncIterator[None]:
        """Hold while checking, verifying and counting one attempt."""
        async with self._accounts.hold(_key(account)), self._addresses.hold(_key(address)):
            yield

    async def retry_after(self, *, account: str, address: str) -> int | None:
        """Seconds until a sign-in may be tried again, or None when it may be tried now."""
        waits = [await self._wait(item, key) for item, key in self._items(account, address)]
        locked = [w for w in waits if w is not None]
        return max(locked) if locked else None

    async def failed(self, *, account: str, address: str) -> Lockout | None:
        """Count a failure; say what it locked, if it was the last one allowed."""
        scopes = []
        for (item, key), scope in zip(self._items(account, address), ("account", "address"), strict=True):
            await self.limiter.hit(item, key)
            if not await self.limiter.test(item, key):
                scopes.append(scope)
        if not scopes:
            return None
        return Lockout(tuple(scopes), await self.retry_after(account=account, address=address) or 1)

    async def succeeded(self, *, account: str) -> None:
        await self.limiter.clear(self.account_limit, _key(account))

    async def reset(self) -> None:
        await self.storage.reset()

    def _items(self, account: str, address: str) -> list[tuple[RateLimitItemPerSecond, str]]:
        return [(self.account_limit, _key(account)), (self.address_limit, _key(address))]

    async def _wait(self, item: RateLimitItemPerSecond, key: str) -> int | None:
        if await self.limiter.test(item, key):
            return None
        stats = await self.limiter.get_window_stats(item, key)
        return max(1, math.ceil(stats.reset_time - time.time()))
