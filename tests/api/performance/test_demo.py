"""The demo's performance assessment: schemes within their guardrails, linked and support indicators with real
figures, an appeal decided with an adjustment, another waiting, the oldest month frozen."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import httpx
import pytest

from backend.demo import load_organisation
from backend.demo.performance import demo_periods
from backend.graphql.ids import encode_id
from backend.persistence.models import Department, Employee, Scheme
from tests.api.conftest import gql, token_for
from tests.api.performance.conftest import SCORECARD, ZONE

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_the_demo_assesses_everyone_with_real_figures(client: httpx.AsyncClient) -> None:
    await load_organisation(80, support_days=45)
    oldest, previous, _ = demo_periods(datetime.now(UTC), ZONE)
    schemed = set(await Scheme.all().values_list("department__code", flat=True))
    assert schemed == set(await Department.all().values_list("code", flat=True))
    li_na = await Employee.get(employee_no="F0001")
    result = await gql(client, SCORECARD, {"e": encode_id("Employee", li_na.id), "p": previous},
                       token=token_for(li_na.id))
    card = result["data"]["scorecard"]
    lines = {line["indicator"]["code"]: line for line in card["lines"]}
    assert lines["UTIL"]["records"] and "handed off" in lines["UTIL"]["actualExplanation"]["en"]
    assert lines["CONVERSION"]["records"][0]["kind"] == "REGION"
    adjusted = lines["NEW_CUSTOMERS"]
    assert adjusted["adjustment"] is not None and Decimal(adjusted["score"]) == 100
    assert "合同" in adjusted["adjustment"]["reason"]
    manager = await Employee.get(employee_no="M0001")
    tech = await gql(client, SCORECARD, {"e": encode_id("Employee", manager.id), "p": previous},
                     token=token_for(manager.id))
    linked = next(line for line in tech["data"]["scorecard"]["lines"] if line["indicator"]["code"] == "RETENTION")
    assert len([r for r in linked["records"] if r["included"]]) == 8  # 技术支撑部 supports every region
    hr = await Employee.get(employee_no="HR0001")
    frozen = await gql(client, SCORECARD, {"e": encode_id("Employee", li_na.id), "p": oldest}, token=token_for(hr.id))
    assert frozen["data"]["scorecard"]["frozen"] is True
    queue = await gql(client, "{ performanceAppeals(status: PENDING) { indicator { code } } }", token=token_for(hr.id))
    assert [a["indicator"]["code"] for a in queue["data"]["performanceAppeals"]] == ["INSTALL_QUALITY"]
