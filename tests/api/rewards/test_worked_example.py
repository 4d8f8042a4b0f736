"""SPEC §11's worked example, exactly, through the GraphQL API."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

import httpx
import pytest

from backend.domain.support import Priority
from backend.graphql.ids import encode_id
from backend.persistence.models import LedgerEntry, Order
from tests.api.conftest import gql, token_for
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


EXPLAINED = """query($id: ID!) { rewardCounter(employeeId: $id, period: "2026-11") {
  commissionGross { amount explanation { ruleVersion parts { amount explanation { ruleVersion
    inputs { code value sources { kind id } } roundingEn } } } }
  commissionAccrued { amount explanation { parts { amount explanation { inputs { code value } } } } }
  commissionNet { amount explanation { parts { amount explanation { inputs { code value } } } } }
  poolContribution { amount explanation { parts { amount explanation { inputs { code value } roundingEn } } } } } }"""


def _inputs(part: dict[str, Any]) -> dict[str, Decimal]:
    return {i["code"]: Decimal(i["value"]) for i in part["explanation"]["inputs"]}


def _half_up(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


async def test_figures_recompute_from_their_explanations_alone(client: httpx.AsyncClient,
                                                               rewards_org: RewardsOrg) -> None:
    world, t = rewards_org, tokens(rewards_org)
    await resolved_request(world, client_id="sr-b1", assignee=world.b1, priority=Priority.URGENT,
                           submitted=datetime(2026, 11, 3, 2, tzinfo=UTC), resolved_after=timedelta(hours=1),
                           rating=5)
    await resolved_request(world, client_id="sr-b2", assignee=world.b2_id, priority=Priority.NORMAL,
                           submitted=datetime(2026, 11, 4, 2, tzinfo=UTC), resolved_after=timedelta(hours=80),
                           rating=4)
    for index, (amount, type_) in enumerate([("100000.00", "NEW"), ("1234.50", "RENEWAL"), ("687.50", "NEW")]):
        await record(client, t["f1"], order_input(f"e-{index}", world.f1, amount, type=type_))

    f1 = (await gql(client, EXPLAINED, {"id": encode_id("Employee", world.f1)}, token=t["f1"]))["data"]
    gross = f1["rewardCounter"]["commissionGross"]
    parts = gross["explanation"]["parts"]
    assert [_half_up(_inputs(p)["amount"] * _inputs(p)["rate"]) for p in parts] == \
        [Decimal(p["amount"]) for p in parts]
    assert sum(Decimal(p["amount"]) for p in parts) == Decimal(gross["amount"]) == Decimal("3032.98")  # 3000.00 + 12.35 + 20.63
    assert {p["explanation"]["ruleVersion"] for p in parts} == {"1"}
    assert all(any(s["kind"] == "ORDER" for i in p["explanation"]["inputs"] for s in i["sources"]) for p in parts)
    accrued = f1["rewardCounter"]["commissionAccrued"]
    assert sum(_half_up(_inputs(p)["commission"] * _inputs(p)["ratio"]) for p in accrued["explanation"]["parts"]) \
        == Decimal(accrued["amount"])
    net = f1["rewardCounter"]["commissionNet"]
    assert sum(_inputs(p)["commission"] - _inputs(p)["accrual"] for p in net["explanation"]["parts"]) == \
        Decimal(net["amount"]) == Decimal(gross["amount"]) - Decimal(accrued["amount"])

    # A pool share: pool × points ÷ total points, whole cents by largest remainder over both recipients.
    shares = {}
    for who in (world.b1, world.b2_id):
        token = token_for(who)
        data = (await gql(client, EXPLAINED, {"id": encode_id("Employee", who)}, token=token))["data"]
        (part,) = data["rewardCounter"]["poolContribution"]["explanation"]["parts"]
        shares[who] = (_inputs(part), Decimal(part["amount"]))
    pool = shares[world.b1][0]["pool"]
    exact = {who: pool * i["points"] / i["totalPoints"] for who, (i, _) in shares.items()}
    floors = {who: (value * 100).to_integral_value(rounding=ROUND_DOWN) / 100 for who, value in exact.items()}
    left = int((pool - sum(floors.values())) * 100)
    for who in sorted(exact, key=lambda w: -(exact[w] - floors[w]))[:left]:
        floors[who] += Decimal("0.01")
    assert floors == {who: amount for who, (_, amount) in shares.items()}


SIMULATE = """query($input: RecordOrderInput!) { simulateOrder(input: $input) { __typename
  ... on OrderSimulation { pending period commission { amount } accrual { amount } net { amount }
    netCommissionChange pendingCommissionChange carryOverBefore carryOverAfter
    supporters { employeeNo points shareBefore shareAfter change } }
  ... on OperationError { code field } } }"""


async def test_simulate_order_shows_each_change_and_writes_nothing(client: httpx.AsyncClient,
                                                                   rewards_org: RewardsOrg) -> None:
    world, t = rewards_org, tokens(rewards_org)
    await resolved_request(world, client_id="sr-b1", assignee=world.b1, priority=Priority.URGENT,
                           submitted=datetime(2026, 11, 3, 2, tzinfo=UTC), resolved_after=timedelta(hours=1),
                           rating=5)
    await resolved_request(world, client_id="sr-b2", assignee=world.b2_id, priority=Priority.NORMAL,
                           submitted=datetime(2026, 11, 4, 2, tzinfo=UTC), resolved_after=timedelta(hours=80),
                           rating=4)
    entries = await LedgerEntry.all().count()
    result = await gql(client, SIMULATE, {"input": order_input("what-if", world.f1, "100000.00")}, token=t["f1"])
    simulation = result["data"]["simulateOrder"]
    assert (simulation["pending"], simulation["period"], simulation["netCommissionChange"],
            simulation["pendingCommissionChange"]) == (False, "2026-11", "2640.00", "0.00")
    assert [(s["employeeNo"], s["shareBefore"], s["shareAfter"], s["change"]) for s in simulation["supporters"]] \
        == [("B0001", "0.00", "317.65", "317.65"), ("B0002", "0.00", "42.35", "42.35")]
    assert await Order.all().count() == 0 and await LedgerEntry.all().count() == entries
    refused = await gql(client, SIMULATE, {"input": order_input("what-if", world.f1, "1.00")}, token=t["b2"])
    assert refused["data"]["simulateOrder"]["code"] == "PERMISSION_DENIED"
