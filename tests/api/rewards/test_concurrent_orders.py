"""1,000 concurrent recordOrder calls, 10 % of them resends of another call's clientOrderId: exactly the unique
orders exist, each resend answers with its original, and every sum balances (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
import random
from datetime import timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from backend.domain.support import Priority
from backend.persistence.models import EmployeeRewardTotal, LedgerEntry, Order
from tests.api.conftest import gql
from tests.api.rewards.conftest import NOW, RECORD, RewardsOrg, order_input, resolved_request, tokens
from tests.api.rewards.invariants import assert_ledger_balances

pytestmark = pytest.mark.asyncio(loop_scope="session")

CALLS = 1000
REPEATS = 100


async def test_a_thousand_concurrent_orders_with_resends(client: httpx.AsyncClient, rewards_org: RewardsOrg) -> None:
    world, t = rewards_org, tokens(rewards_org)
    for index, assignee in enumerate((world.b1, world.b2_id)):  # two backend staff share R1's pool
        await resolved_request(world, client_id=f"pool-{index}", assignee=assignee, priority=Priority.HIGH,
                               submitted=NOW - timedelta(days=3), resolved_after=timedelta(hours=2),
                               rating=5 - index)
    rng = random.Random(8)
    unique = [(f"bill-{i}", rng.choice([(world.f1, "R1"), (world.base.other_staff_id, "R2")]),
               f"{rng.randint(100, 9_999_999) / 100:.2f}", rng.choice(["NEW", "RENEWAL"])) for i in range(CALLS - REPEATS)]
    calls = unique + [rng.choice(unique) for _ in range(REPEATS)]
    rng.shuffle(calls)

    async def send(call: tuple[Any, ...]) -> dict[str, Any]:
        client_id, (employee, region), amount, type_ = call
        result = await gql(client, RECORD, {"input": order_input(client_id, employee, amount, region=region,
                                                                 type=type_)}, token=t["hr"])
        assert "errors" not in result, result
        payload: dict[str, Any] = result["data"]["recordOrder"]
        return payload

    answers = await asyncio.gather(*(send(call) for call in calls))

    assert all(a["__typename"] == "RecordOrderSuccess" for a in answers), \
        [a for a in answers if a["__typename"] != "RecordOrderSuccess"][:3]
    by_client: dict[str, set[str]] = {}
    created: dict[str, int] = {}
    for answer in answers:
        order = answer["order"]
        by_client.setdefault(order["clientOrderId"], set()).add(order["id"])
        created[order["clientOrderId"]] = created.get(order["clientOrderId"], 0) + answer["created"]
    assert len(by_client) == CALLS - REPEATS and all(len(ids) == 1 for ids in by_client.values())
    assert set(created.values()) == {1}  # exactly one answer per order says it created it
    assert await Order.all().count() == CALLS - REPEATS
    assert await LedgerEntry.filter(figure="COMMISSION").count() == CALLS - REPEATS

    by_figure = await assert_ledger_balances()
    orders = await Order.all()
    assert by_figure["COMMISSION"] == sum((o.commission for o in orders), Decimal(0))
    assert by_figure["ACCRUAL"] == sum((o.accrual for o in orders), Decimal(0))
    credited = sum(t.credited_orders for t in await EmployeeRewardTotal.all())
    assert credited == CALLS - REPEATS
