"""bottlenecks(period) through the API: who may read it, and what it finds in the demo organisation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest

from backend.demo import load_organisation
from backend.domain.access import Scope
from backend.domain.periods import period_of
from backend.persistence.models import Employee
from tests.api.conftest import Org, gql, partner_token, token_for

pytestmark = pytest.mark.asyncio(loop_scope="session")

QUERY = """query($p: String!) { bottlenecks(period: $p) { period ruleVersion
  departments { department { code } stats { volume openBacklog staff backlogPerStaff breachRate } }
  regions { region { code } stats { lateHandoffRate } }
  bottlenecks { department { code } region { code } reasons
    diagnoses { kind message suggestedStaff figures { name value } } stats { breachRate p90SlaRatio } } } }"""


async def test_analytics_are_for_managers_hr_and_partners(client: httpx.AsyncClient, small_org: Org) -> None:
    support_partner = await partner_token(small_org, Scope.READ_SUPPORT)
    other_partner = await partner_token(small_org, Scope.READ_EMPLOYEES, Scope.READ_PROJECTS)
    not_for_them = "Collaboration analytics are for managers, HR and partners with read:support."
    for token in (None, small_org.staff, token_for(small_org.backend_id), other_partner):
        refused = await gql(client, QUERY, {"p": "2026-11"}, token=token)
        assert refused["data"] is None, token
        assert [e["message"] for e in refused["errors"]] == [not_for_them]
    for token in (small_org.manager, small_org.hr, support_partner):
        allowed = await gql(client, QUERY, {"p": "2026-11"}, token=token)
        assert allowed["data"]["bottlenecks"]["period"] == "2026-11"
    bad = await gql(client, QUERY, {"p": "2026-13"}, token=small_org.hr)
    assert bad["errors"][0]["message"] == "period must be a month written YYYY-MM"


async def test_demo_organisation_shows_its_overloaded_departments(client: httpx.AsyncClient) -> None:
    await load_organisation(120, support_days=40)
    hr = await Employee.get(employee_no="HR0001")
    period = period_of(datetime.now(UTC) - timedelta(days=10), ZoneInfo("Asia/Shanghai"))

    result = await gql(client, QUERY, {"p": period}, token=token_for(hr.id))

    report = result["data"]["bottlenecks"]
    whole = {b["department"]["code"]: b for b in report["bottlenecks"] if b["region"] is None}
    assert set(whole) == {"NOC", "RND"}, whole.keys()  # TECH is healthy in the demo
    noc_kinds = {d["kind"] for d in whole["NOC"]["diagnoses"]}
    assert "UNDERSTAFFED" in noc_kinds
    understaffed = next(d for d in whole["NOC"]["diagnoses"] if d["kind"] == "UNDERSTAFFED")
    figures = {f["name"]: f["value"] for f in understaffed["figures"]}
    assert understaffed["suggestedStaff"] >= 1
    assert float(figures["backlogPerStaff"]) > 5
    assert {d["kind"] for d in whole["RND"]["diagnoses"]} >= {"PROCESS_FRICTION"}
    assert any(reason.startswith("SLA breach rate") for reason in whole["NOC"]["reasons"])
    county = next(r for r in report["regions"] if r["region"]["code"] == "R-COUNTY")
    others = [float(r["stats"]["lateHandoffRate"]) for r in report["regions"] if r["region"]["code"] != "R-COUNTY"]
    assert float(county["stats"]["lateHandoffRate"]) > 0.2 > max(others)
