"""rewardCounterUpdated: a person's counter now, then again after every committed change that moves it.

Built on the shared fan-out (topic `rewards:employee:{id}`): each event's counter is read once per process for
all its subscribers; pay fields are judged per subscriber (graphql/live.py, viewer traces). Every payload is the
whole counter, so a client never patches, and a duplicate or a resync is harmless.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Any

import strawberry

from backend.domain.periods import period_of
from backend.domain.reward_events import reward_channel
from backend.events.fanout import Shared, Topic
from backend.graphql.context import Info
from backend.graphql.ids import decode_id
from backend.graphql.live import listen
from backend.graphql.rewards.queries import CanReadRewards
from backend.graphql.rewards.types import RewardCounter
from backend.services import clock
from backend.services.reward_counter import reward_counter


async def _counter(employee_id: int, period: str) -> Shared[RewardCounter | None]:
    counter = await reward_counter(employee_id=employee_id, period=period)
    return Shared(RewardCounter.of(counter) if counter is not None else None)


def _current(employee_id: int) -> Any:
    return lambda: _counter(employee_id, period_of(clock.now(), clock.zone()))


def _prepare(employee_id: int) -> Any:
    async def prepare(message: dict[str, Any], topic: Topic) -> Shared[RewardCounter | None]:
        # The latest period the event moved (a resolution credits pending orders in its own, current period).
        periods = message.get("periods") or [period_of(clock.now(), clock.zone())]
        return await _counter(employee_id, max(periods))
    return prepare


@strawberry.type
class RewardsSubscription:
    @strawberry.subscription(permission_classes=[CanReadRewards],
                             description="The person's counter for the current period first (and again after an "
                                         "interruption), then the counter of the period each committed change "
                                         "moved: orders, cancellations, resolutions, ratings, reopenings.")
    async def reward_counter_updated(self, info: Info,
                                     employee_id: strawberry.ID) -> AsyncGenerator[RewardCounter, None]:
        pk = decode_id("Employee", employee_id, field="employeeId")
        async with listen(info, reward_channel(pk), prepare=_prepare(pk)) as listener:
            current = await listener.topic.once("current", _current(pk))
            if current.value is None:
                return
            yield current  # type: ignore[misc]  # a Shared value: executed once for all (graphql/live.py)
            async for delivery in listener:
                if delivery.resync:
                    current = await listener.topic.once("current", _current(pk))
                    if current.value is not None:
                        yield current  # type: ignore[misc]
                    continue
                change = delivery.prepared
                if change.value is not None:
                    yield change  # type: ignore[misc]
