"""A rule change in the middle of a period: requests submitted before it keep version 1's SLA and points, those
submitted after get version 2's — figures computed by hand below. And the version in force is read from memory,
reloaded when a publish is announced on the bus (as another worker's would be)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from backend.domain.rules import DEFAULT_RULES
from backend.domain.ruleset_params import to_parameters
from backend.graphql.ids import encode_id
from backend.persistence.models import RuleSetVersion
from backend.services import clock, rulesets
from tests.api.conftest import Org, count_queries, gql, token_for
from tests.api.rulesets.test_publish import publish
from tests.api.support.test_lifecycle import ACCEPT, CONFIRM, RESOLVE, START, SUBMIT, _call, submit_input

pytestmark = pytest.mark.asyncio(loop_scope="session")

SH = timedelta(hours=8)  # Shanghai is UTC+8
ONE = """query($id: ID!) { supportRequest(id: $id) { ruleVersion submittedAt responseDueAt resolutionDueAt
  figures { responseLimitMinutes resolutionLimitMinutes resolutionSlaMet slaBreached supportPoints
    lateHandoff } } }"""
BOTTLENECKS = '{ bottlenecks(period: "2026-11") { ruleVersion } }'


class Clock:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.at = datetime(2026, 11, 10, 2, 0, tzinfo=UTC)
        monkeypatch.setattr(clock, "now", lambda: self.at)


async def _request_through(client: httpx.AsyncClient, org: Org, time: Clock, client_id: str, submitted: datetime,
                           resolved_after: timedelta) -> dict[str, Any]:
    """Submitted (URGENT) at `submitted`, accepted 10 minutes later, resolved `resolved_after` after submission,
    rated 5 stars."""
    time.at = submitted
    made = await _call(client, SUBMIT, {"input": submit_input(
        client_id, customerReportedAt=(submitted - timedelta(hours=1)).isoformat())}, org.staff)
    request_id = made["request"]["id"]
    time.at = submitted + timedelta(minutes=10)
    await _call(client, ACCEPT, {"id": request_id, "a": encode_id("Employee", org.backend_id)}, org.manager)
    await _call(client, START, {"id": request_id}, token_for(org.backend_id))
    time.at = submitted + resolved_after
    await _call(client, RESOLVE, {"id": request_id}, token_for(org.backend_id))
    await _call(client, CONFIRM, {"id": request_id, "r": 5}, org.staff)
    found = await gql(client, ONE, {"id": request_id}, token=org.hr)
    request: dict[str, Any] = found["data"]["supportRequest"]
    return request


async def test_old_rules_judge_earlier_requests_and_new_rules_later_ones(
        client: httpx.AsyncClient, small_org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    time = Clock(monkeypatch)
    # Version 2 from 2026-11-16 00:00 Shanghai: URGENT 20 min / 3 h (was 30 min / 4 h), URGENT weight 4 (was 3),
    # a handoff later than 30 minutes is late (was 24 h).
    payload = await publish(client, small_org.hr, effective="2026-11-16", accrualRatio="0.14",
                            handoffThresholdHours="0.5",
                            sla=[{"priority": "URGENT", "responseMinutes": 20, "resolutionMinutes": 180}],
                            priorityWeights=[{"priority": "URGENT", "weight": "4"}])
    assert payload["__typename"] == "PublishRuleSetSuccess", payload

    just_before = datetime(2026, 11, 16, tzinfo=UTC) - SH - timedelta(minutes=1)  # 11-15 23:59 in Shanghai
    after = datetime(2026, 11, 20, 9, 0, tzinfo=UTC) - SH
    early = await _request_through(client, small_org, time, "dev-early", just_before, timedelta(hours=3, minutes=30))
    late = await _request_through(client, small_org, time, "dev-late", after, timedelta(hours=3, minutes=30))

    # Before: version 1. Resolved in 3 h 30 min < 4 h: met. Points = 3 (URGENT) × 5/5 × 1 = 3.
    assert early["ruleVersion"] == "1"
    assert datetime.fromisoformat(early["resolutionDueAt"]) - datetime.fromisoformat(early["submittedAt"]) \
        == timedelta(hours=4)
    assert early["figures"]["responseLimitMinutes"] == "30" and early["figures"]["resolutionLimitMinutes"] == "240"
    assert (early["figures"]["resolutionSlaMet"], Decimal(early["figures"]["supportPoints"])) == (True, 3)
    assert early["figures"]["lateHandoff"] is False  # reported 1 h before submission: within 24 h
    # After: version 2. 3 h 30 min > 3 h: breached. Points = 4 × 5/5 × 0.5 = 2.
    assert late["ruleVersion"] == "2"
    assert datetime.fromisoformat(late["responseDueAt"]) - datetime.fromisoformat(late["submittedAt"]) \
        == timedelta(minutes=20)
    assert late["figures"]["resolutionLimitMinutes"] == "180"
    assert (late["figures"]["resolutionSlaMet"], Decimal(late["figures"]["supportPoints"])) == (False, 2)
    assert late["figures"]["lateHandoff"] is True  # 1 h > 30 min

    # November ends under version 2: the period's analytics name it; October's name version 1.
    assert (await gql(client, BOTTLENECKS, token=small_org.hr))["data"]["bottlenecks"]["ruleVersion"] == "2"
    october = await gql(client, BOTTLENECKS.replace("2026-11", "2026-10"), token=small_org.hr)
    assert october["data"]["bottlenecks"]["ruleVersion"] == "1"


async def test_performance_and_projects_use_the_version_in_force_at_their_moment(
        client: httpx.AsyncClient, small_org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    from backend.services.performance import rules_for_period
    from backend.services.projects import project_rules

    Clock(monkeypatch)
    await publish(client, small_org.hr, effective="2026-11-20", projectSideSplitFrontline="0.55")
    assert (await rules_for_period("2026-11")).version == "2"  # judged at its end, 11-30 23:59:59.999999
    assert (await rules_for_period("2026-10")).version == "1"
    assert (await rulesets.rules_now()).version == "1"  # today is 11-10
    on_the_eve = await project_rules(datetime(2026, 11, 19, 15, 59, 59, tzinfo=UTC))  # 11-19 23:59:59 Shanghai
    on_the_day = await project_rules(datetime(2026, 11, 19, 16, 0, tzinfo=UTC))  # 11-20 00:00 Shanghai
    assert (on_the_eve.version, on_the_eve.project_side_split_frontline) == ("1", Decimal("0.60"))
    assert (on_the_day.version, on_the_day.project_side_split_frontline) == ("2", Decimal("0.55"))


async def test_reads_come_from_memory_and_a_publish_elsewhere_is_heard_on_the_bus(
        api: Starlette, client: httpx.AsyncClient, small_org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    Clock(monkeypatch)
    moment = datetime(2027, 1, 5, tzinfo=UTC)
    assert (await rulesets.rules_at(moment)).version == "1"
    with count_queries() as counter:
        for _ in range(100):
            await rulesets.rules_at(moment)
    assert counter.statements == []
    # Another worker publishes: its row is committed, then it announces it on the bus.
    await RuleSetVersion.create(number=2, version="2", effective_from=datetime(2027, 1, 1, tzinfo=UTC) - SH,
                                parameters={**to_parameters(DEFAULT_RULES), "fundRatio": "0.06"},
                                note="", published_at=clock.now(), published_by="employee:HR0002")
    assert (await rulesets.rules_at(moment)).version == "1"  # not heard yet: the copy in memory stands
    await api.state.graphql.bus.publish(rulesets.RULESETS_CHANNEL, {"type": "RuleSetPublished", "version": "2"})
    for _ in range(50):
        if rulesets._cache.versions is None:
            break
        await asyncio.sleep(0.01)
    reloaded = await rulesets.rules_at(moment)
    assert (reloaded.version, reloaded.fund_ratio) == ("2", Decimal("0.06"))
