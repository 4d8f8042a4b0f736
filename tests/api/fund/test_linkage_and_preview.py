"""Backend bonus linkage on the counter, and previewRuleSet (writes nothing), figures by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from backend.domain.support import Priority
from backend.graphql.ids import encode_id
from tests.api.conftest import gql, table_rows, token_for
from tests.api.fund.conftest import HOUR, at, link, order
from tests.api.rewards.conftest import RewardsOrg, resolved_request, tokens

pytestmark = pytest.mark.asyncio(loop_scope="session")

BONUS = """query($id: ID!) { rewardCounter(employeeId: $id, period: "2026-11") {
  performanceBonus { amount explanation { formulaEn inputs { code value } } }
  linkage { value explanation { formulaEn inputs { code value sources { kind id } } parts { amount } } } } }"""


async def _bonus(client: httpx.AsyncClient, token: str, employee_id: int) -> dict[str, object]:
    result = await gql(client, BONUS, {"id": encode_id("Employee", employee_id)}, token=token)
    assert "errors" not in result, result
    counter: dict[str, object] = result["data"]["rewardCounter"]
    return counter


async def test_backend_bonus_linkage_by_hand(client: httpx.AsyncClient, rewards_org: RewardsOrg) -> None:
    """TECH supports R1 (weight 1) and R2 (weight 2); targets 1,000,000 each in 2026-11. R1 1,300,000 → 1.3,
    R2 1,100,000 → 1.1: A = (1.3 + 2 × 1.1) / 3 = 7/6, multiplier 1 + 0.5 × 1/6 = 13/12. Not assessed → 1.0:
    B1 20,000 × 13/12 = 21,666.67; B2 10,000 × 13/12 = 10,833.33; F1 (frontline) 20,000, no linkage."""
    world, t = rewards_org, tokens(rewards_org)
    await link("TECH", "R2", "2")
    await order(client, t["f1"], "o-1", world.f1, "1300000.00", at=at(2026, 11))
    await order(client, t["hr"], "o-2", world.base.other_staff_id, "1100000.00", region="R2", at=at(2026, 11))
    b1 = await _bonus(client, t["b1"], world.b1)
    assert str(b1["linkage"]["value"]).startswith("1.08333333")  # type: ignore[index]
    inputs = {i["code"]: i["value"] for i in b1["linkage"]["explanation"]["inputs"]}  # type: ignore[index]
    assert (inputs["weight:R2"], inputs["actual:R1"], inputs["target:R2"], inputs["slope"], inputs["cap"]) == \
        ("2.0000", "1300000.00", "1000000.00", "0.5", "0.25")
    assert b1["performanceBonus"]["amount"] == "21666.67"  # type: ignore[index]
    assert "not assessed" in b1["performanceBonus"]["explanation"]["formulaEn"]  # type: ignore[index]
    b2 = await _bonus(client, t["b2"], world.b2_id)
    assert b2["performanceBonus"]["amount"] == "10833.33"  # type: ignore[index]
    f1 = await _bonus(client, t["f1"], world.f1)
    assert (f1["linkage"], f1["performanceBonus"]["amount"]) == (None, "20000.00")  # type: ignore[index]
    # A colleague reads neither (pay).
    other = await _bonus(client, t["b2"], world.b1)
    assert (other["linkage"], other["performanceBonus"]) == (None, None)


PREVIEW = """query($input: PublishRuleSetInput!, $p: String!) { previewRuleSet(input: $input, period: $p) {
  __typename ... on OperationError { code message field }
  ... on RuleSetPreview { period baseVersion draftVersion totalChange gainers losers
    commission { before after change } poolShare { before after change } linkedBonus { change }
    people { employeeNo backend totalChange commission { before after change } poolShare { before after change }
      linkedBonus { before after change } } } } }"""


def _draft(**parameters: str) -> dict[str, object]:
    return {"effectiveFrom": "2026-12-01", "parameters": parameters}


async def _spec_example(client: httpx.AsyncClient, world: RewardsOrg) -> None:
    await resolved_request(world, client_id="q-1", assignee=world.b1, priority=Priority.URGENT,
                           submitted=datetime(2026, 11, 3, 2, tzinfo=UTC), resolved_after=HOUR, rating=5)
    await resolved_request(world, client_id="q-2", assignee=world.b2_id, priority=Priority.NORMAL,
                           submitted=datetime(2026, 11, 4, 2, tzinfo=UTC), resolved_after=80 * HOUR, rating=4)
    await order(client, tokens(world)["f1"], "o-1", world.f1, "100000.00", at=at(2026, 11))


async def test_preview_shows_gains_and_losses_and_writes_nothing(client: httpx.AsyncClient,
                                                                 rewards_org: RewardsOrg) -> None:
    """SPEC §11's period with the accrual ratio at 15 %: F1 keeps 2,550 (−90); the pool of 450 splits 3 : 0.4 →
    B1 397.06 (+79.41), B2 52.94 (+10.59). R1's 100,000 against its 1,000,000 target: no linkage either way."""
    world, t = rewards_org, tokens(rewards_org)
    await _spec_example(client, world)
    before = await table_rows()
    result = await gql(client, PREVIEW, {"input": _draft(accrualRatio="0.15"), "p": "2026-11"}, token=t["hr"])
    assert await table_rows() == before
    preview = result["data"]["previewRuleSet"]
    assert preview["__typename"] == "RuleSetPreview", result
    assert (preview["baseVersion"], preview["draftVersion"], preview["totalChange"]) == ("1", "draft", "0.00")
    assert preview["commission"] == {"before": "2640.00", "after": "2550.00", "change": "-90.00"}
    assert preview["poolShare"] == {"before": "360.00", "after": "450.00", "change": "90.00"}
    assert (preview["gainers"], preview["losers"]) == (2, 1)
    people = {p["employeeNo"]: p for p in preview["people"]}
    assert people["F0001"]["commission"] == {"before": "2640.00", "after": "2550.00", "change": "-90.00"}
    assert people["B0001"]["poolShare"] == {"before": "317.65", "after": "397.06", "change": "79.41"}
    assert people["B0002"]["poolShare"] == {"before": "42.35", "after": "52.94", "change": "10.59"}
    assert people["B0001"]["linkedBonus"] == {"before": "20000.00", "after": "20000.00", "change": "0.00"}
    assert people["F0001"]["linkedBonus"] == {"before": None, "after": None, "change": "0.00"}
    order_ = [p["employeeNo"] for p in preview["people"]]
    assert order_[:2] == ["B0001", "B0002"] and order_[-1] == "F0001"  # largest gain first, the loss last


async def test_preview_of_a_steeper_linkage(client: httpx.AsyncClient, rewards_org: RewardsOrg) -> None:
    """R1 1,300,000 / 1,000,000: A = 1.3. Slope 0.5 → ×1.15; slope 1 → ×1.25 (capped 0.3 → 0.25).
    B1 20,000: 23,000 → 25,000 (+2,000); B2 10,000: 11,500 → 12,500 (+1,000); M0001 20,000 (+2,000)."""
    world, t = rewards_org, tokens(rewards_org)
    await order(client, t["f1"], "o-1", world.f1, "1300000.00", at=at(2026, 11))
    result = await gql(client, PREVIEW, {"input": _draft(linkageSlope="1"), "p": "2026-11"}, token=t["hr"])
    people = {p["employeeNo"]: p for p in result["data"]["previewRuleSet"]["people"]}
    assert people["B0001"]["linkedBonus"] == {"before": "23000.00", "after": "25000.00", "change": "2000.00"}
    assert people["B0002"]["linkedBonus"]["change"] == "1000.00"
    assert result["data"]["previewRuleSet"]["linkedBonus"]["change"] == "5000.00"  # B1 + B2 + M0001


async def test_preview_is_for_hr_and_a_draft_outside_a_guardrail_is_named(client: httpx.AsyncClient,
                                                                          rewards_org: RewardsOrg) -> None:
    world, t = rewards_org, tokens(rewards_org)
    denied = await gql(client, PREVIEW, {"input": _draft(accrualRatio="0.15"), "p": "2026-11"},
                       token=token_for(world.b1))
    assert denied["data"]["previewRuleSet"]["code"] == "PERMISSION_DENIED"
    before = await table_rows()
    breach = await gql(client, PREVIEW, {"input": _draft(accrualRatio="0.2"), "p": "2026-11"}, token=t["hr"])
    refused = breach["data"]["previewRuleSet"]
    assert (refused["code"], refused["field"]) == ("VALIDATION", "parameters.accrualRatio"), breach
    assert "0.2" in refused["message"] and "0.15" in refused["message"]
    future = await gql(client, PREVIEW, {"input": _draft(accrualRatio="0.13"), "p": "2027-01"}, token=t["hr"])
    assert future["data"]["previewRuleSet"]["field"] == "period"
    assert await table_rows() == before


__all__ = ["timedelta"]
