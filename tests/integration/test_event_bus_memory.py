"""The in-process bus delivers in order to every subscriber of a channel, and forgets closed ones."""

from __future__ import annotations

import pytest

from backend.events import create_event_bus
from backend.events.memory import MemoryEventBus


async def test_memory_bus_fans_out_in_order() -> None:
    bus = create_event_bus("memory://")
    assert isinstance(bus, MemoryEventBus)
    async with bus.subscribe("employee") as first, bus.subscribe("employee") as second, \
            bus.subscribe("other") as other:
        for n in range(3):
            await bus.publish("employee", {"n": n})
        assert [(await first.get(1))["n"] for _ in range(3)] == [0, 1, 2]  # type: ignore[index]
        assert [(await second.get(1))["n"] for _ in range(3)] == [0, 1, 2]  # type: ignore[index]
        assert await other.get(0.01) is None
    await bus.publish("employee", {"n": 9})  # nobody left: must not fail or leak
    assert bus.handlers("employee") == bus.handlers("other") == 0


def test_unknown_bus_url_is_refused() -> None:
    with pytest.raises(ValueError, match="memory:// or redis://"):
        create_event_bus("kafka://x")


def test_redis_url_channel_prefix_is_split_off_and_defaults_to_tandem() -> None:
    from backend.events.redis import split_channel_prefix

    assert split_channel_prefix("redis://h:6379/0") == ("redis://h:6379/0", "tandem:")
    assert split_channel_prefix("redis://h:6379/15?channel_prefix=run-7:&health_check_interval=5") == (
        "redis://h:6379/15?health_check_interval=5", "run-7:")
