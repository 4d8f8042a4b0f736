"""SPEC §11's worked example, exactly, through the GraphQL API."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from backend.domain.support import Priority
from tests.api.rewards.conftest import (
    RewardsOrg,
    counter,
    order_input,
    pool,
    record,
    resolved_request,
    tokens,
)

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_spec_11_worked_example(client: httpx.AsyncClient, rewards_org: RewardsOrg) -> None:
    world, t = rewards_org, tokens(rewards_org)
    # B1: URGENT from R1, resolved within 4 h, rated 5 → 3 × 1 × 1 = 3 points.
    await resolved_request(world, client_id="sr-b1", assignee=world.b1, priority=Priority.URGENT,
                           submitted=datetime(2026, 11, 3, 2, tzinfo=UTC), resolved_after=timedelta(hours=1),
                           rating=5)
    # B2: NORMAL from R1, resolved after 80 h (SLA 72 h: breached), rated 4 → 1 × 0.8 × 0.5 = 0.4 points.
    await resolved_request(world, client_id="sr-b2", assignee=world.b2_id, priority=Priority.NORMAL,
                           submitted=datetime(2026, 11, 4, 2, tzinfo=UTC), resolved_after=timedelta(hours=80),
                           rating=4)
    recorded = await record(client, t["f1"], order_input("ord-1", world.f1, "100000.00",
                                                         occurred_at=datetime(2026, 11, 10, 3, tzinfo=UTC)))
    assert recorded["__typename"] == "RecordOrderSuccess", recorded
    order = recorded["order"]
    assert (order["status"], order["creditPeriod"], order["ruleVersion"]) == ("CREDITED", "2026-11", "1")
    assert (order["commission"]["amount"], order["accrual"]["amount"], order["net"]["amount"]) == \
        ("3000.00", "360.00", "2640.00")

    f1 = await counter(client, t["f1"], world.f1)
    assert (f1["commissionGross"]["amount"], f1["commissionAccrued"]["amount"], f1["commissionNet"]["amount"]) == \
        ("3000.00", "360.00", "2640.00")
    assert (f1["side"], f1["poolContribution"]["amount"], f1["pendingCommission"]["amount"]) == \
        ("FRONTLINE", "0.00", "0.00")

    r1 = await pool(client, t["hr"])
    assert (r1["pool"], r1["accrual"], r1["carryIn"], r1["carryOver"]["amount"]) == \
        ("360.00", "360.00", "0.00", "0.00")
    assert [(r["employeeNo"], r["points"], r["share"]["amount"]) for r in r1["recipients"]] == \
        [("B0001", "3", "317.65"), ("B0002", "0.4", "42.35")]

    b1 = await counter(client, t["b1"], world.b1)
    b2 = await counter(client, t["b2"], world.b2_id)
    assert (b1["side"], b1["poolContribution"]["amount"], b2["poolContribution"]["amount"]) == \
        ("BACKEND", "317.65", "42.35")
    # Another person's figures read null (pay, SPEC §7), the rest of the counter stays readable.
    other = await counter(client, t["b2"], world.b1)
    assert (other["employeeNo"], other["poolContribution"], other["commissionNet"]) == ("B0001", None, None)
