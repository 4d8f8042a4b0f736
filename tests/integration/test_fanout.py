"""The fan-out on its own (memory bus, no database): one attachment per topic, one build per event, bounded
queues that drop a subscriber who falls behind, memos that the next event invalidates."""

from __future__ import annotations

import asyncio

import pytest

from backend.events.bus import RESYNC
from backend.events.fanout import Fanout, SubscriberDropped
from backend.events.memory import MemoryEventBus


async def test_many_listeners_of_a_topic_share_one_attachment_and_one_build_per_event() -> None:
    bus = MemoryEventBus()
    fanout = Fanout(bus)
    built: list[int] = []

    async def build(n: int) -> str:
        built.append(n)
        await asyncio.sleep(0)  # concurrent askers must wait for the one build, not start their own
        return f"payload {n}"

    async with fanout.listen("board:1") as first, fanout.listen("board:1") as second, \
            fanout.listen("board:1") as third:
        assert bus.handlers("board:1") == 1 and fanout.stats.attaches == 1
        for n in range(3):
            await bus.publish("board:1", {"n": n})
        received = []
        for listener in (first, second, third):
            for _ in range(3):
                delivery = await listener.next()
                shared = await delivery.shared("everyone", lambda d=delivery: build(d.message["n"]))
                received.append(shared.value)
        assert received == ["payload 0", "payload 1", "payload 2"] * 3
        assert built == [0, 1, 2]
    assert bus.handlers("board:1") == 0 and fanout.topics() == []


async def test_a_build_is_per_scope_and_shared_within_it() -> None:
    fanout = Fanout(MemoryEventBus())
    async with fanout.listen("t") as listener:
        await fanout.bus.publish("t", {})
        delivery = await listener.next()
        a = await delivery.shared("hr", lambda: asyncio.sleep(0, "hr view"))
        b = await delivery.shared("staff", lambda: asyncio.sleep(0, "staff view"))
        again = await delivery.shared("hr", lambda: asyncio.sleep(0, "never built"))
    assert (a.value, b.value, again is a) == ("hr view", "staff view", True)
    assert fanout.stats.builds == 2


async def test_a_listener_that_falls_behind_is_dropped_and_the_others_keep_everything() -> None:
    bus = MemoryEventBus()
    fanout = Fanout(bus, queue_size=4)
    dropped: list[str] = []
    async with fanout.listen("q", on_drop=lambda: dropped.append("slow")) as slow, fanout.listen("q") as fast:
        got = []
        for n in range(10):
            await bus.publish("q", {"n": n})
            got.append((await fast.next()).message["n"])  # the fast one keeps up
        with pytest.raises(SubscriberDropped):
            await slow.next()
    assert got == list(range(10))
    assert dropped == ["slow"] and fanout.stats.drops == 1


async def test_once_is_shared_until_the_topics_next_message() -> None:
    bus = MemoryEventBus()
    fanout = Fanout(bus)
    loads: list[str] = []

    async def load() -> str:
        loads.append("load")
        await asyncio.sleep(0)
        return f"board v{len(loads)}"

    async with fanout.listen("board:2") as listener:
        together = await asyncio.gather(*(listener.topic.once("current", load) for _ in range(50)))
        await bus.publish("board:2", {"sequence": 1})
        after_change = await listener.topic.once("current", load)
    assert set(together) == {"board v1"} and after_change == "board v2" and loads == ["load", "load"]


async def test_a_resync_message_is_marked_for_listeners() -> None:
    bus = MemoryEventBus()
    fanout = Fanout(bus)
    async with fanout.listen("board:3") as listener:
        await bus.publish("board:3", RESYNC)
        await bus.publish("board:3", {"sequence": 4})
        first, second = await listener.next(), await listener.next()
    assert (first.resync, second.resync) == (True, False)


async def test_a_topic_prepares_each_message_once_in_order_before_handing_it_out() -> None:
    bus = MemoryEventBus()
    fanout = Fanout(bus)
    prepared: list[int] = []

    async def prepare(message: dict[str, int], topic: object) -> str:
        await asyncio.sleep(0.01 if message["n"] == 0 else 0)  # the first takes longest: order must still hold
        if message["n"] == 2:
            raise ValueError("cannot build 2")
        prepared.append(message["n"])
        return f"payload {message['n']}"

    async with fanout.listen("board:4", prepare=prepare) as first, fanout.listen("board:4") as second:
        for n in range(4):
            await bus.publish("board:4", {"n": n})
        seen = []
        for listener in (first, second):
            for _ in range(4):
                delivery = await listener.next()
                try:
                    seen.append(delivery.prepared.value)
                except ValueError as error:
                    seen.append(str(error))
    assert seen == ["payload 0", "payload 1", "cannot build 2", "payload 3"] * 2
    assert prepared == [0, 1, 3] and fanout.stats.builds == 4
