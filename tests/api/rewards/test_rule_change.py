"""A rule set published mid-period (SPEC §7): earlier events keep the version in force when they happened, later
ones take the new one — orders by their date, a request's support points by the version it was submitted under.
Figures by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from backend.domain.support import Priority
from backend.services import clock
from tests.api.conftest import gql
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

PUBLISH = """mutation($input: PublishRuleSetInput!) { publishRuleSet(input: $input) {
  __typename ... on OperationError { code message field } ... on PublishRuleSetSuccess { ruleSet { version } } } }"""

BEFORE_PUBLISHING = datetime(2026, 11, 10, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai, 11-10


async def test_a_mid_period_change_applies_old_rules_before_and_new_rules_after(
        client: httpx.AsyncClient, rewards_org: RewardsOrg, monkeypatch: pytest.MonkeyPatch) -> None:
    world, t = rewards_org, tokens(rewards_org)
    monkeypatch.setattr(clock, "now", lambda: BEFORE_PUBLISHING)
    published = await gql(client, PUBLISH, {"input": {
        "effectiveFrom": "2026-11-16", "note": "新签提成上调",
        "parameters": {"commissionRateNew": "0.04", "accrualRatio": "0.15",
                       "priorityWeights": [{"priority": "URGENT", "weight": "4"}, {"priority": "HIGH", "weight": "2"},
                                           {"priority": "NORMAL", "weight": "1"}, {"priority": "LOW", "weight": "0.5"}]}},
    }, token=t["hr"])
    assert published["data"]["publishRuleSet"]["__typename"] == "PublishRuleSetSuccess", published
    assert published["data"]["publishRuleSet"]["ruleSet"]["version"] == "2"

    # B1 resolves an URGENT request (rated 5, in time) submitted under version 1 (11-15 22:00 in Shanghai) and
    # resolved under version 2 (11-16 01:00): 3 points, judged by the version it names — not 4.
    await resolved_request(world, client_id="rc-b1", assignee=world.b1, priority=Priority.URGENT,
                           submitted=datetime(2026, 11, 15, 14, tzinfo=UTC), resolved_after=timedelta(hours=3),
                           rating=5)
    # B2 resolves an URGENT request submitted under version 2 (rated 5, in time): 4 points.
    await resolved_request(world, client_id="rc-b2", assignee=world.b2_id, priority=Priority.URGENT,
                           submitted=datetime(2026, 11, 17, 2, tzinfo=UTC), resolved_after=timedelta(hours=1),
                           rating=5)
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 20, 4, 0, tzinfo=UTC))
    # 11-15 23:30 in Shanghai: still version 1 → 100,000 × 3 % = 3,000.00; accrual 12 % = 360.00.
    early = await record(client, t["f1"], order_input("rc-early", world.f1, "100000.00",
                                                      occurred_at=datetime(2026, 11, 15, 15, 30, tzinfo=UTC)))
    # 11-16 00:30 in Shanghai: version 2 → 100,000 × 4 % = 4,000.00; accrual 15 % = 600.00.
    late = await record(client, t["f1"], order_input("rc-late", world.f1, "100000.00",
                                                     occurred_at=datetime(2026, 11, 15, 16, 30, tzinfo=UTC)))
    assert [(o["order"]["ruleVersion"], o["order"]["commission"]["amount"], o["order"]["accrual"]["amount"],
             o["order"]["net"]["amount"]) for o in (early, late)] == \
        [("1", "3000.00", "360.00", "2640.00"), ("2", "4000.00", "600.00", "3400.00")]

    f1 = await counter(client, t["f1"], world.f1)
    assert (f1["commissionGross"]["amount"], f1["commissionAccrued"]["amount"], f1["commissionNet"]["amount"]) == \
        ("7000.00", "960.00", "6040.00")
    # Pool 960.00 split 3 : 4 → 411.428… / 548.571… → largest remainder: 411.43 / 548.57.
    r1 = await pool(client, t["hr"])
    assert r1["pool"] == "960.00"
    assert [(r["employeeNo"], r["points"], r["share"]["amount"]) for r in r1["recipients"]] == \
        [("B0001", "3", "411.43"), ("B0002", "4", "548.57")]
