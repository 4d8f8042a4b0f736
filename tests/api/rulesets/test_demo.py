"""The demo's rule sets: version 2 published mid last month; requests before it name version 1 (URGENT 4 h),
after it version 2 (3 h); most employees acknowledged it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from backend.demo import load_organisation
from backend.demo.rulesets import mid_last_month
from backend.persistence.models import Employee, SupportRequest
from backend.services import clock, rulesets
from tests.api.conftest import gql, token_for

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_the_demo_publishes_a_second_version_mid_period(client: httpx.AsyncClient) -> None:
    await load_organisation(80, support_days=60)
    effective = rulesets.start_of(mid_last_month(clock.today()))
    urgent = await SupportRequest.filter(priority="URGENT").order_by("submitted_at")
    before = [r for r in urgent if r.submitted_at < effective]
    after = [r for r in urgent if r.submitted_at >= effective]
    assert before and after
    assert {r.rule_version for r in before} == {"1"} and {r.rule_version for r in after} == {"2"}
    assert {r.resolution_due_at - r.submitted_at for r in before} == {timedelta(hours=4)}
    assert {r.resolution_due_at - r.submitted_at for r in after} == {timedelta(hours=3)}

    hr = await Employee.get(employee_no="HR0001")
    history = await gql(client, "{ ruleSets { version note changes { name after } } }", token=token_for(hr.id))
    latest = history["data"]["ruleSets"][0]
    assert latest["version"] == "2" and "3 小时" in latest["note"]
    assert {c["name"] for c in latest["changes"]} == {"sla.URGENT", "accrualRatio", "linkageSlope"}
    who = await gql(client, "{ ruleSetAcknowledgements { version unacknowledgedCount } }", token=token_for(hr.id))
    waiting = who["data"]["ruleSetAcknowledgements"]
    assert waiting["version"] == "2" and 0 < waiting["unacknowledgedCount"] < 40
    assert (await rulesets.rules_at(datetime.now(UTC))).version == "2"
