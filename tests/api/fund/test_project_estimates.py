"""The counter's project-bonus estimate: the live allocation of open projects, the frozen one once closed."""

from __future__ import annotations

import httpx
import pytest

from backend.graphql.ids import encode_id
from tests.api.conftest import gql
from tests.api.projects.conftest import make_project
from tests.api.rewards.conftest import RewardsOrg, tokens

pytestmark = pytest.mark.asyncio(loop_scope="session")

COUNTER = """query($id: ID!) { rewardCounter(employeeId: $id, period: "2026-11") {
  projectBonus { amount explanation { formulaEn parts { amount labelEn explanation { formulaEn } } } } } }"""
ALLOCATION = """query($id: ID!) { project(id: $id) { allocation { members { employee { employeeNo } amount } } } }"""
CLOSE = """mutation($p: ID!) { closeProject(projectId: $p, deliveredOn: "2026-10-01", satisfaction: "95",
  revenue: "600000.00") { __typename ... on OperationError { code message } } }"""


async def _project_bonus(client: httpx.AsyncClient, token: str, employee_id: int) -> dict[str, object] | None:
    result = await gql(client, COUNTER, {"id": encode_id("Employee", employee_id)}, token=token)
    assert "errors" not in result, result
    bonus: dict[str, object] | None = result["data"]["rewardCounter"]["projectBonus"]
    return bonus


async def test_project_bonus_estimate_then_frozen(client: httpx.AsyncClient, rewards_org: RewardsOrg) -> None:
    world, t = rewards_org, tokens(rewards_org)
    assert await _project_bonus(client, t["b2"], world.b2_id) is None  # in no project
    board = await make_project(world.base)
    live = await gql(client, ALLOCATION, {"id": board.id}, token=t["hr"])
    amounts = {m["employee"]["employeeNo"]: m["amount"] for m in live["data"]["project"]["allocation"]["members"]}
    mine = await _project_bonus(client, t["f1"], world.f1)
    assert mine is not None and mine["amount"] == amounts["F0001"]
    (part,) = mine["explanation"]["parts"]  # type: ignore[index]
    assert part["amount"] == amounts["F0001"] and "open: estimated" in part["explanation"]["formulaEn"]
    closed = await gql(client, CLOSE, {"p": board.id}, token=world.base.manager)
    assert closed["data"]["closeProject"]["__typename"] != "OperationError", closed
    frozen = await gql(client, ALLOCATION, {"id": board.id}, token=t["hr"])
    after = {m["employee"]["employeeNo"]: m["amount"] for m in frozen["data"]["project"]["allocation"]["members"]}
    mine = await _project_bonus(client, t["f1"], world.f1)
    assert mine is not None and mine["amount"] == after["F0001"]
    (part,) = mine["explanation"]["parts"]  # type: ignore[index]
    assert "closed: frozen" in part["explanation"]["formulaEn"]
