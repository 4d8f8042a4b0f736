"""With several workers the sign-in counters live in the event bus's Redis: failures counted by one worker
lock the account for every worker (issue 11, finding 3)."""

from __future__ import annotations

import pytest

from backend.services.login_throttle import LoginThrottle, storage_url_for
from tests.conftest import TEST_REDIS_URL

pytestmark = [pytest.mark.redis, pytest.mark.asyncio(loop_scope="session")]


async def test_the_storage_follows_the_event_bus() -> None:
    assert storage_url_for("memory://") == ("async+memory://", "tandem-login")
    assert storage_url_for("redis://cache:6379/2?channel_prefix=prod:") == ("async+redis://cache:6379/2",
                                                                            "prod:login")


async def test_two_workers_share_the_counts() -> None:
    workers = [LoginThrottle.create(event_bus_url=TEST_REDIS_URL, per_account=3, per_address=100,
                                    window_seconds=60) for _ in range(2)]
    await workers[0].reset()
    try:
        assert await workers[0].failed(account="HR0001", address="10.0.0.1") is None
        assert await workers[1].failed(account="HR0001", address="10.0.0.2") is None
        lockout = await workers[0].failed(account="HR0001", address="10.0.0.3")
        assert lockout is not None and lockout.scopes == ("account",)
        wait = await workers[1].retry_after(account="HR0001", address="10.0.0.9")
        assert wait is not None and 0 < wait <= 60
        assert await workers[1].retry_after(account="F0001", address="10.0.0.9") is None
    finally:
        await workers[0].reset()
