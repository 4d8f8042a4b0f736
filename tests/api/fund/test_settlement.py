"""settleCollaborationFund / setPlannedProfit / collaborationFund through the API, figures by hand (SPEC §6.2)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import httpx
import pytest

from backend.domain.support import Priority
from tests.api.conftest import gql, table_rows, token_for
from tests.api.fund.conftest import HOUR, PLAN, SETTLE, at, fund, hire, order, target
from tests.api.rewards.conftest import RewardsOrg, counter, resolved_request, tokens

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def _year_2025(client: httpx.AsyncClient, world: RewardsOrg) -> dict[str, int]:
    """R1: target 100,000, revenue 150,000 (F1 100,000, F3 50,000) → 1.5; ratings 5 and 4 → 90: qualifies.
    R2: target 100,000, revenue 130,000 (F2) → 1.3; rating 3 → 60 < 90: does not qualify."""
    t = tokens(world)
    f3 = await hire("F0003", "MKT", "R1")
    for region in ("R1", "R2"):
        await target(region, "2025-03", "100000.00")
    await order(client, t["f1"], "o-2025-1", world.f1, "100000.00", at=at(2025, 3))
    await order(client, t["hr"], "o-2025-2", f3, "50000.00", at=at(2025, 3, 12))
    await order(client, t["hr"], "o-2025-3", world.base.other_staff_id, "130000.00", region="R2", at=at(2025, 3))
    # B1: URGENT, 1 h, rated 5 → 3 points; B2: NORMAL, 80 h (SLA 72 h breached), rated 4 → 0.4 points
    await resolved_request(world, client_id="q-1", assignee=world.b1, priority=Priority.URGENT,
                           submitted=at(2025, 3, 3), resolved_after=HOUR, rating=5)
    await resolved_request(world, client_id="q-2", assignee=world.b2_id, priority=Priority.NORMAL,
                           submitted=at(2025, 3, 4), resolved_after=80 * HOUR, rating=4)
    await resolved_request(world, client_id="q-3", assignee=world.b1, priority=Priority.LOW, region="R2",
                           submitter=world.base.other_staff_id, submitted=at(2025, 3, 5), resolved_after=HOUR,
                           rating=3)
    return {"f3": f3}


async def test_settlement_by_hand_frozen_and_refused_twice(client: httpx.AsyncClient,
                                                           rewards_org: RewardsOrg) -> None:
    world, t = rewards_org, tokens(rewards_org)
    await _year_2025(client, world)
    denied = await gql(client, SETTLE, {"y": 2025, "p": "1000000.00"}, token=t["f1"])
    assert denied["data"]["settleCollaborationFund"]["code"] == "PERMISSION_DENIED"

    settled = await gql(client, SETTLE, {"y": 2025, "p": "1000000.00"}, token=t["hr"])
    body = settled["data"]["settleCollaborationFund"]
    assert body["__typename"] == "SettleFundSuccess", settled
    assert (body["created"], body["fund"]["status"], body["fund"]["fund"]["amount"]) == (True, "SETTLED", "80000.00")

    view = await fund(client, t["hr"], 2025)
    regions = {r["regionCode"]: r for r in view["regions"]}
    r1, r2 = regions["R1"], regions["R2"]
    assert (r1["qualifies"], r1["achievement"]["value"], r1["satisfaction"]["value"]) == (True, "1.5", "90")
    assert (r2["qualifies"], r2["achievementMet"], r2["satisfactionMet"], r2["satisfaction"]["value"]) == \
        (False, True, False, "60")
    assert (r1["revenueAboveTarget"], r1["quota"]["amount"], r1["frontline"]["amount"], r1["backend"]["amount"]) \
        == ("50000.00", "80000.00", "56000.00", "24000.00")
    assert (r2["quota"]["amount"], r2["members"]) == ("0.00", [])
    shares = {(m["employeeNo"], m["side"]): m["share"]["amount"] for m in r1["members"]}
    # 56,000 × 100/150 = 37,333.33…, × 50/150 = 18,666.66… (the cent to F3); 24,000 × 3/3.4 = 21,176.47…,
    # × 0.4/3.4 = 2,823.52… (the cent to B2)
    assert shares == {("F0001", "FRONTLINE"): "37333.33", ("F0003", "FRONTLINE"): "18666.67",
                      ("B0001", "BACKEND"): "21176.47", ("B0002", "BACKEND"): "2823.53"}
    assert sum(Decimal(v) for v in shares.values()) == Decimal("80000.00")
    assert view["retained"]["amount"] == "0.00" and view["ruleVersion"] == "1"
    mine = await counter_fund(client, t["f1"], world.f1, period="2025-12")  # the settled share, explained
    assert mine["amount"] == "37333.33" and "settled" in mine["explanation"]["formulaEn"]
    (part,) = mine["explanation"]["parts"]
    assert {i["code"]: i["value"] for i in part["explanation"]["inputs"]} == {
        "sideAmount": "56000.00", "weight": "100000.00", "totalWeight": "150000.00"}

    # A second settlement: another profit is refused, the same one returns the original; nothing is written.
    before = await table_rows()
    again = await gql(client, SETTLE, {"y": 2025, "p": "2000000.00"}, token=t["hr"])
    assert again["data"]["settleCollaborationFund"]["code"] == "CONFLICT", again
    same = await gql(client, SETTLE, {"y": 2025, "p": "1000000.00"}, token=t["hr"])
    assert same["data"]["settleCollaborationFund"]["created"] is False
    plan = await gql(client, PLAN, {"y": 2025, "p": "5.00"}, token=t["hr"])
    assert plan["data"]["setPlannedProfit"]["code"] == "CONFLICT"
    assert await table_rows() == before

    # Frozen: a late order of 2025 changes nothing in the settled figures, and the counter shows the share.
    await order(client, t["f1"], "o-2025-late", world.f1, "999999.00", at=at(2025, 12))
    assert (await fund(client, t["hr"], 2025))["regions"] == view["regions"]
    audit = [r for r in (await table_rows())["audit_entry"] if r["action"] == "fund.settle"]
    assert len(audit) == 1 and audit[0]["after"]["share:R1:BACKEND:B0002"] == "2823.53"


async def test_colleagues_see_the_calculation_but_not_each_others_shares(client: httpx.AsyncClient,
                                                                         rewards_org: RewardsOrg) -> None:
    world, t = rewards_org, tokens(rewards_org)
    await _year_2025(client, world)
    await gql(client, SETTLE, {"y": 2025, "p": "1000000.00"}, token=t["hr"])
    seen = await fund(client, t["b2"], 2025)
    r1 = next(r for r in seen["regions"] if r["regionCode"] == "R1")
    assert r1["quota"]["amount"] == "80000.00"
    assert {m["employeeNo"]: m["share"] and m["share"]["amount"] for m in r1["members"]} == {
        "F0001": None, "F0003": None, "B0001": None, "B0002": "2823.53"}


async def test_no_qualifying_region_retains_the_fund(client: httpx.AsyncClient, rewards_org: RewardsOrg) -> None:
    world, t = rewards_org, tokens(rewards_org)
    await target("R1", "2025-06", "100000.00")
    await order(client, t["f1"], "o-1", world.f1, "119999.99", at=at(2025, 6))  # 1.1999… < 1.2
    await resolved_request(world, client_id="q-1", assignee=world.b1, priority=Priority.URGENT,
                           submitted=at(2025, 6, 3), resolved_after=HOUR, rating=5)
    body = (await gql(client, SETTLE, {"y": 2025, "p": "123456.78"}, token=t["hr"]))["data"]
    assert body["settleCollaborationFund"]["fund"]["fund"]["amount"] == "9876.54"  # 9,876.5424 half-up
    view = await fund(client, t["hr"], 2025)
    assert [r["qualifies"] for r in view["regions"]] == [False, False]
    assert view["retained"]["amount"] == "9876.54"
    f1 = await counter(client, t["f1"], world.f1, period="2025-06")
    assert f1 is not None


async def test_settling_needs_an_ended_year_and_sane_input(client: httpx.AsyncClient,
                                                           rewards_org: RewardsOrg) -> None:
    t = tokens(rewards_org)
    before = await table_rows()
    for year, profit, field in ((2026, "1.00", "year"), (2025, "-1.00", "profit"), (1999, "1.00", "year")):
        refused = (await gql(client, SETTLE, {"y": year, "p": profit}, token=t["hr"]))["data"]
        assert (refused["settleCollaborationFund"]["code"], refused["settleCollaborationFund"]["field"]) == \
            ("VALIDATION", field)
    assert await table_rows() == before


async def test_planned_profit_gives_the_counters_an_estimate(client: httpx.AsyncClient,
                                                             rewards_org: RewardsOrg) -> None:
    """2026 so far (through 2026-11): R1 target 1,000,000 (2026-11), revenue 1,300,000 → 1.3; rated 5 → 100.
    Planned profit 500,000 → fund 40,000 → R1: frontline 28,000 (F1 alone), backend 12,000 (B1 alone)."""
    world, t = rewards_org, tokens(rewards_org)
    assert (await fund(client, t["f1"], 2026))["status"] == "NO_PLAN"
    assert (await counter_fund(client, t["f1"], world.f1)) is None  # no plan: null (collaborationFund says why)
    await order(client, t["f1"], "o-1", world.f1, "1300000.00", at=at(2026, 11))
    await resolved_request(world, client_id="q-1", assignee=world.b1, priority=Priority.URGENT,
                           submitted=at(2026, 11, 3), resolved_after=HOUR, rating=5)
    denied = await gql(client, PLAN, {"y": 2026, "p": "500000.00"}, token=t["f1"])
    assert denied["data"]["setPlannedProfit"]["code"] == "PERMISSION_DENIED"
    planned = (await gql(client, PLAN, {"y": 2026, "p": "500000.00"}, token=t["hr"]))["data"]["setPlannedProfit"]
    assert (planned["plannedProfit"], planned["fund"]["status"], planned["fund"]["fund"]["amount"]) == \
        ("500000.00", "ESTIMATE", "40000.00")
    f1 = await counter_fund(client, t["f1"], world.f1)
    b1 = await counter_fund(client, token_for(world.b1), world.b1)
    assert (f1["amount"], b1["amount"]) == ("28000.00", "12000.00")
    assert "estimate" in f1["explanation"]["formulaEn"] and "500000.00" in f1["explanation"]["formulaEn"]
    b2 = await counter_fund(client, t["b2"], world.b2_id)
    assert b2["amount"] == "0.00"
    # A changed plan changes the estimate (audited each time).
    await gql(client, PLAN, {"y": 2026, "p": "250000.00"}, token=t["hr"])
    assert (await counter_fund(client, t["f1"], world.f1))["amount"] == "14000.00"
    plans = [r for r in (await table_rows())["audit_entry"] if r["action"] == "fund.plan"]
    assert [(p["before"] or {}).get("planned_profit") for p in plans] == [None, "500000.00"]


COUNTER_FUND = """query($id: ID!, $p: String) { rewardCounter(employeeId: $id, period: $p) {
  fundEstimate { amount explanation { formulaEn parts { amount explanation { inputs { code value } } } } } } }"""


async def counter_fund(client: httpx.AsyncClient, token: str, employee_id: int, period: str = "2026-11") -> object:
    from backend.graphql.ids import encode_id

    result = await gql(client, COUNTER_FUND, {"id": encode_id("Employee", employee_id), "p": period}, token=token)
    assert "errors" not in result, result
    return result["data"]["rewardCounter"]["fundEstimate"]


__all__ = ["timedelta"]


LIVE = """subscription($id: ID!) { rewardCounterUpdated(employeeId: $id) { employeeNo fundEstimate { amount } } }"""


async def test_a_new_plan_reaches_open_counters(client: httpx.AsyncClient, ws_url: str,
                                                rewards_org: RewardsOrg) -> None:
    from backend.graphql.ids import encode_id
    from tests.support.ws import graphql_socket

    world, t = rewards_org, tokens(rewards_org)
    await order(client, t["f1"], "o-1", world.f1, "1300000.00", at=at(2026, 11))
    await resolved_request(world, client_id="q-1", assignee=world.b1, priority=Priority.URGENT,
                           submitted=at(2026, 11, 3), resolved_after=HOUR, rating=5)
    async with graphql_socket(ws_url, t["f1"]) as socket:
        await socket.subscribe(LIVE, {"id": encode_id("Employee", world.f1)})
        first = await socket.receive(timeout=5)
        assert first["payload"]["data"]["rewardCounterUpdated"]["fundEstimate"] is None
        await gql(client, PLAN, {"y": 2026, "p": "500000.00"}, token=t["hr"])
        pushed = await socket.receive(timeout=5)
        assert pushed["payload"]["data"]["rewardCounterUpdated"]["fundEstimate"] == {"amount": "28000.00"}
