"""rewardCounterUpdated over graphql-transport-ws: the counter first, then every committed change that moves it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from backend.domain.support import Priority
from backend.graphql.ids import encode_id
from tests.api.conftest import gql
from tests.api.rewards.conftest import (
    CANCEL,
    NOW,
    RewardsOrg,
    open_request,
    order_input,
    record,
    resolve_via_api,
    resolved_request,
    tokens,
)
from tests.support.ws import GraphQLSocket, graphql_socket

pytestmark = pytest.mark.asyncio(loop_scope="session")

LIVE = """subscription($id: ID!) { rewardCounterUpdated(employeeId: $id) { employeeNo period
  commissionGross { amount } commissionNet { amount } pendingCommission { amount } poolContribution { amount } } }"""


async def _next(socket: GraphQLSocket) -> dict[str, Any]:
    message = await socket.receive(timeout=5)
    assert message["type"] == "next", message
    assert "errors" not in message["payload"], message
    counter: dict[str, Any] = message["payload"]["data"]["rewardCounterUpdated"]
    return counter


def _figures(counter: dict[str, Any]) -> tuple[str, ...]:
    return tuple(counter[k]["amount"] for k in ("commissionGross", "commissionNet", "pendingCommission",
                                                  "poolContribution"))


async def _b1_with_points(world: RewardsOrg) -> int:
    # B1 (TECH, which supports R1) resolved an URGENT request from R1 this period, rated 5: 3 points.
    return await resolved_request(world, client_id="sr-live", assignee=world.b1, priority=Priority.URGENT,
                                  submitted=NOW - timedelta(days=2), resolved_after=timedelta(hours=1), rating=5)


async def test_backend_subscriber_sees_their_contribution_after_a_frontline_order(
        client: httpx.AsyncClient, ws_url: str, rewards_org: RewardsOrg) -> None:
    world, t = rewards_org, tokens(rewards_org)
    await _b1_with_points(world)
    async with graphql_socket(ws_url, t["b1"]) as socket:
        await socket.subscribe(LIVE, {"id": encode_id("Employee", world.b1)})
        first = await _next(socket)
        assert (first["employeeNo"], first["period"], first["poolContribution"]["amount"]) == \
            ("B0001", "2026-11", "0.00")
        assert (await record(client, t["f1"], order_input("live-1", world.f1, "100000.00")))["__typename"] == \
            "RecordOrderSuccess"
        assert (await _next(socket))["poolContribution"]["amount"] == "360.00"  # the whole pool: B1 alone


async def test_frontline_sees_pending_turn_into_commission_and_cancel_lowers_both(
        client: httpx.AsyncClient, ws_url: str, rewards_org: RewardsOrg) -> None:
    world, t = rewards_org, tokens(rewards_org)
    await _b1_with_points(world)
    blocker = await open_request(world, client_id="sr-block", assignee=world.b2_id, priority=Priority.HIGH,
                                 submitted=NOW - timedelta(hours=3))
    async with graphql_socket(ws_url, t["f1"]) as frontline, graphql_socket(ws_url, t["b1"]) as backend:
        await frontline.subscribe(LIVE, {"id": encode_id("Employee", world.f1)})
        await backend.subscribe(LIVE, {"id": encode_id("Employee", world.b1)})
        assert _figures(await _next(frontline)) == ("0.00", "0.00", "0.00", "0.00")
        assert _figures(await _next(backend)) == ("0.00", "0.00", "0.00", "0.00")

        recorded = await record(client, t["f1"], order_input("renewal-1", world.f1, "200000.00", type="RENEWAL",
                                                             blocking=blocker))
        assert recorded["order"]["status"] == "PENDING"
        assert _figures(await _next(frontline)) == ("0.00", "0.00", "2000.00", "0.00")

        # The fault fix that saves the renewal: resolved now → commission in this period; the pool gets its
        # accrual (2000 × 12 % = 240) and B2 (HIGH, SLA met, unrated: 2 × 0.8 = 1.6 points) joins B1 (3).
        await resolve_via_api(client, t["b2"], blocker)
        assert _figures(await _next(frontline)) == ("2000.00", "1760.00", "0.00", "0.00")
        after_resolve = await _next(backend)
        assert after_resolve["poolContribution"]["amount"] == "156.52"  # 240 × 3 / 4.6 = 156.521… (largest rem.)

        cancelled = await gql(client, CANCEL, {"id": recorded["order"]["id"], "reason": "坏账"}, token=t["hr"])
        assert cancelled["data"]["cancelOrder"]["order"]["status"] == "CANCELLED", cancelled
        assert _figures(await _next(frontline)) == ("0.00", "0.00", "0.00", "0.00")
        assert (await _next(backend))["poolContribution"]["amount"] == "0.00"


async def test_someone_elses_counter_streams_without_their_figures(
        client: httpx.AsyncClient, ws_url: str, rewards_org: RewardsOrg) -> None:
    world, t = rewards_org, tokens(rewards_org)
    async with graphql_socket(ws_url, t["b2"]) as socket:
        await socket.subscribe(LIVE, {"id": encode_id("Employee", world.f1)})
        first = await _next(socket)
        assert (first["employeeNo"], first["commissionNet"], first["poolContribution"]) == ("F0001", None, None)
        await record(client, t["f1"], order_input("live-2", world.f1, "1000.00",
                                                  occurred_at=datetime(2026, 11, 19, tzinfo=UTC)))
        assert (await _next(socket))["commissionGross"] is None
